import { useState } from 'react';
import { Button, Card, Empty, Flex, Popconfirm, Segmented, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useCancelRedemption, useRedemptions } from './api';
import { STATUS_COLORS, spacedCode, statusLabel } from './labels';
import type { RedemptionStatus } from './types';

/** /m/store/redemptions 我的兑换: the pickup code large and readable at the counter; cancel while reserved. */
export default function MobileRedemptionsPage() {
  const t = useT();
  const feedback = useFeedback();
  const [params] = useSearchParams();
  const fresh = Number(params.get('new')) || 0;
  const [status, setStatus] = useState<RedemptionStatus | 'all'>('reserved');
  const [size, setSize] = useState(20);
  const q = useRedemptions(status === 'all' ? {} : { status }, { page: 1, pageSize: size });
  const cancel = useCancelRedemption();
  const items = q.data?.items ?? [];
  return (
    <MobilePage title={t('store.m.mine')} back="/m/store" testId="m-redemptions-page">
      <Segmented block value={status} onChange={(v) => setStatus(v as RedemptionStatus | 'all')} style={{ marginBottom: 12 }}
        options={[{ value: 'reserved', label: t('store.status.reserved') }, { value: 'completed', label: t('store.status.completed') }, { value: 'cancelled', label: t('store.status.cancelled') }, { value: 'all', label: t('store.m.all') }]} />
      {q.isPending ? <PageSpinner /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : items.length === 0 ? (
        <Empty description={t('store.m.noRedemptions')} data-testid="m-redemptions-empty" />
      ) : (
        <Flex vertical gap={8}>
          {items.map((r) => (
            <Card size="small" key={r.id} style={r.id === fresh ? { borderColor: '#d9480f' } : undefined} data-testid={`m-redemption-${r.id}`}>
              <Flex justify="space-between" align="center">
                <Typography.Text strong>{r.itemName} ×{r.quantity}</Typography.Text>
                <Tag color={STATUS_COLORS[r.status]}>{statusLabel(t, r.status)}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('store.m.spent', { n: r.points })} · {r.orgName} · {formatDateTime(r.createdAt)}</Typography.Text>
              {r.pickupCode && (
                <Flex vertical align="center" style={{ margin: '12px 0 4px' }}>
                  <Typography.Text type="secondary">{t('store.mine.code')}</Typography.Text>
                  <Typography.Text strong style={{ fontSize: 40, letterSpacing: 6, fontFamily: 'monospace' }} data-testid={`m-redemption-${r.id}-code`}>{spacedCode(r.pickupCode)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('store.m.due', { at: formatDateTime(r.dueAt) })}</Typography.Text>
                </Flex>
              )}
              {r.cancelReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('store.m.cancelReason', { reason: r.cancelReason })}</Typography.Text>}
              {r.actions.includes('cancel') && (
                <Popconfirm title={t('store.cancel.confirmMine')} onConfirm={() => cancel.mutateAsync({ id: r.id }).then(() => feedback.success(t('store.cancel.done')), feedback.error)}>
                  <Button block danger style={{ marginTop: 8 }} data-testid={`m-redemption-${r.id}-cancel`}>{t('store.cancel.action')}</Button>
                </Popconfirm>
              )}
            </Card>
          ))}
          {(q.data?.total ?? 0) > items.length && <Button block onClick={() => setSize((n) => n + 20)}>{t('store.m.more')}</Button>}
        </Flex>
      )}
    </MobilePage>
  );
}

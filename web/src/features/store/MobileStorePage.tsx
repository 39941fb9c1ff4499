import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, InputNumber, Modal, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { newClientKey, useItems, useMyBalance, useRedeem } from './api';
import { itemKindLabel } from './labels';
import type { Item } from './types';

/** /m/store 爱心超市: my balance, what my community's store offers, redeem with a confirmation. */
export default function MobileStorePage() {
  const t = useT();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const q = useItems({}, { page: 1, pageSize: 20 * page });
  const balance = useMyBalance();
  const [picked, setPicked] = useState<Item>();
  const items = q.data?.items ?? [];
  return (
    <MobilePage title={t('store.m.title')} back="/m" testId="m-store-page"
      extra={<Button type="link" onClick={() => navigate('/m/store/redemptions')} data-testid="m-store-mine">{t('store.m.mine')}</Button>}>
      <div className="gz-mobile__hero" style={{ marginBottom: 12 }}>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.9)' }}>{t('store.m.balance')}</Typography.Text>
        <div style={{ color: '#fff', fontSize: 32, fontWeight: 600 }} data-testid="m-store-balance">{balance.data ? balance.data.balance : '—'}</div>
      </div>
      {q.isPending ? <PageSpinner /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : items.length === 0 ? (
        <Empty description={t('store.m.empty')} data-testid="m-store-empty" />
      ) : (
        <Flex vertical gap={8} data-testid="m-store-items">
          {items.map((i) => {
            const can = i.actions.includes('redeem');
            return (
              <Card size="small" key={i.id} data-testid={`m-store-item-${i.id}`}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Typography.Text strong>{i.name} <Tag>{itemKindLabel(t, i.kind)}</Tag></Typography.Text>
                    {i.description && <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>{i.description}</Typography.Text>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('store.m.stock', { n: i.stock })}{i.donorName ? ` · ${t('store.m.donatedBy', { name: i.donorName })}` : ''}{i.expiresOn ? ` · ${t('store.m.expires', { d: i.expiresOn })}` : ''}
                    </Typography.Text>
                  </Flex>
                  <Flex vertical align="flex-end" gap={4}>
                    <Typography.Text strong style={{ fontSize: 18, color: '#d9480f' }}>{t('store.m.points', { n: i.pricePoints })}</Typography.Text>
                    <Button type="primary" size="small" disabled={!can} onClick={() => setPicked(i)} data-testid={`m-store-item-${i.id}-redeem`}>
                      {i.stock === 0 ? t('store.m.soldOut') : i.expired ? t('store.state.expired') : t('store.m.redeem')}
                    </Button>
                  </Flex>
                </Flex>
              </Card>
            );
          })}
          {(q.data?.total ?? 0) > items.length && <Button block onClick={() => setPage((p) => p + 1)}>{t('store.m.more')}</Button>}
        </Flex>
      )}
      {picked && <RedeemConfirm item={picked} balance={balance.data?.balance} onClose={() => setPicked(undefined)} />}
    </MobilePage>
  );
}

/** 确认兑换: quantity, the points it costs; one idempotency key for this confirmation, so a double tap redeems once. */
function RedeemConfirm({ item, balance, onClose }: { item: Item; balance?: number; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [quantity, setQuantity] = useState(1);
  const clientKey = useMemo(newClientKey, [quantity]);
  const redeem = useRedeem();
  const cost = item.pricePoints * quantity;
  const max = Math.max(1, Math.min(item.stock, item.perResidentLimit ?? 100, 100));
  const ok = async () => {
    try {
      const r = await redeem.mutateAsync({ clientKey, itemId: item.id, quantity });
      feedback.success(t('store.redeem.done'));
      navigate(`/m/store/redemptions?new=${r.id}`);
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <Modal open title={t('store.redeem.confirm', { name: item.name })} onCancel={onClose} onOk={() => void ok()} confirmLoading={redeem.isPending}
      okText={t('store.m.redeem')} okButtonProps={{ 'data-testid': 'm-store-redeem-ok', disabled: balance !== undefined && balance < cost }} destroyOnHidden>
      <Flex vertical gap={12}>
        <Flex align="center" gap={8}>
          <span>{t('store.field.quantity')}</span>
          <InputNumber min={1} max={max} precision={0} value={quantity} onChange={(v) => setQuantity(v ?? 1)} data-testid="m-store-redeem-quantity" />
        </Flex>
        <Alert type={balance !== undefined && balance < cost ? 'error' : 'info'} showIcon
          title={balance !== undefined && balance < cost ? t('store.redeem.short', { points: cost, balance }) : t('store.redeem.cost', { points: cost })} />
        <Typography.Text type="secondary">{t('store.redeem.pickupHint')}</Typography.Text>
      </Flex>
    </Modal>
  );
}

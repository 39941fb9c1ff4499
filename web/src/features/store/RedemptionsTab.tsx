import { Button, DatePicker, Flex, Popconfirm, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination } from '../../components/pagination';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { day, useFilteredPage } from './useFilteredPage';
import { exportRedemptions, useCancelRedemption, useRedemptions, useSweep } from './api';
import { STATUS_COLORS, statusLabel } from './labels';
import { REDEMPTION_STATUSES, type Redemption, type RedemptionFilter, type RedemptionStatus } from './types';


/** 兑换记录: status, channel, org and date filters, Excel (no pickup codes); 取消; 清理逾期. */
export function RedemptionsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const feedback = useFeedback();
  const { filter, page, setPage, change } = useFilteredPage<RedemptionFilter>();
  const q = useRedemptions(filter, page);
  const cancel = useCancelRedemption();
  const sweep = useSweep();
  const columns: ColumnsType<Redemption> = [
    { title: t('store.col.id'), dataIndex: 'id', key: 'id', width: 80 },
    { title: t('store.col.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('store.col.name'), dataIndex: 'itemName', key: 'item' },
    { title: t('store.field.quantity'), dataIndex: 'quantity', key: 'q', width: 70, align: 'right' },
    { title: t('store.col.points'), dataIndex: 'points', key: 'points', width: 80, align: 'right' },
    { title: t('store.field.resident'), dataIndex: 'residentName', key: 'who', width: 110 },
    { title: t('store.col.channel'), dataIndex: 'channel', key: 'channel', width: 80, render: (c: string) => t(c === 'app' ? 'store.channel.app' : 'store.channel.counter') },
    { title: t('store.col.state'), dataIndex: 'status', key: 'status', width: 100, render: (s: RedemptionStatus, r) => <Tag color={STATUS_COLORS[s]} data-testid={`store-redemption-${r.id}-status`}>{statusLabel(t, s)}</Tag> },
    { title: t('store.col.due'), dataIndex: 'dueAt', key: 'due', width: 170, render: (v: string, r) => (r.status === 'reserved' ? formatDateTime(v) : formatDateTime(r.completedAt ?? r.cancelledAt)) },
    {
      title: t('common.actions'), key: 'actions', width: 100, fixed: 'right',
      render: (_: unknown, r) => r.actions.includes('cancel') ? (
        <Popconfirm title={t('store.cancel.confirm')} onConfirm={() => cancel.mutateAsync({ id: r.id, reason: t('store.cancel.byWorker') }).then(() => feedback.success(t('store.cancel.done')), feedback.error)}>
          <Button size="small" danger>{t('store.cancel.action')}</Button>
        </Popconfirm>
      ) : null,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select<RedemptionStatus> allowClear placeholder={t('store.filter.status')} style={{ width: 130 }} value={filter.status} onChange={(status) => change({ status })}
          options={REDEMPTION_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))} data-testid="store-redemptions-status" />
        <Select<'app' | 'counter'> allowClear placeholder={t('store.col.channel')} style={{ width: 110 }} value={filter.channel} onChange={(channel) => change({ channel })}
          options={[{ value: 'app', label: t('store.channel.app') }, { value: 'counter', label: t('store.channel.counter') }]} />
        <ScopeOrgPicker value={filter.orgId} onChange={(orgId) => change({ orgId })} placeholder={t('store.filter.org')} style={{ width: 240 }} />
        <DatePicker.RangePicker allowEmpty={[true, true]} onChange={(r) => change({ from: day(r?.[0]), to: day(r?.[1]) })} />
        <span style={{ flex: 1 }} />
        {canManage && (
          <Popconfirm title={t('store.sweep.confirm')} onConfirm={() => sweep.mutateAsync().then((r) => feedback.success(t('store.sweep.done', { n: r.cancelled })), feedback.error)}>
            <Button loading={sweep.isPending}>{t('store.sweep.action')}</Button>
          </Popconfirm>
        )}
        <ExportButton run={() => exportRedemptions(filter)} testId="store-redemptions-export" />
      </Flex>
      {q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Redemption> rowKey="id" size="middle" columns={columns} dataSource={q.data?.items} loading={q.isFetching} scroll={{ x: 1200 }}
          locale={{ emptyText: t('store.redemptions.empty') }} pagination={pagination(t, page, q.data?.total, setPage)} data-testid="store-redemptions-table" />
      )}
    </Flex>
  );
}

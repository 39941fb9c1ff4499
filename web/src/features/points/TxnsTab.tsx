import { useState } from 'react';
import { Button, DatePicker, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination, type PageState } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportTxns, useTxns } from './api';
import { accountKindLabel, TXN_COLORS, txnKindLabel } from './labels';
import { ReverseModal } from './ReverseModal';
import { TXN_KINDS, type Account, type Txn, type TxnFilter, type TxnKind } from './types';

const FIRST: PageState = { page: 1, pageSize: 20 };
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** 积分流水: kind, org and date filters, pages, Excel; 冲正 where the server offers it. */
export function TxnsTab({ account, onClearAccount }: { account?: Account; onClearAccount: () => void }) {
  const t = useT();
  const [rest, setFilter] = useState<Omit<TxnFilter, 'accountId'>>({});
  const filter: TxnFilter = { ...rest, accountId: account?.id };
  const [page, setPage] = useState<PageState>(FIRST);
  const [reversing, setReversing] = useState<Txn>();
  const q = useTxns(filter, page);
  const change = (next: Partial<Omit<TxnFilter, 'accountId'>>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: ColumnsType<Txn> = [
    { title: t('points.col.id'), dataIndex: 'id', key: 'id', width: 80 },
    { title: t('points.col.at'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('points.col.kind'), dataIndex: 'kind', key: 'kind', width: 130,
      render: (k: TxnKind, r) => (
        <Flex vertical gap={2}>
          <Tag color={TXN_COLORS[k]} style={{ width: 'fit-content' }} data-testid={`points-txn-${r.id}-kind`}>{txnKindLabel(t, k)}</Tag>
          {r.reversesTxnId !== null && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('points.txn.reverses', { id: r.reversesTxnId })}</Typography.Text>}
          {r.reversedByTxnId !== null && <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`points-txn-${r.id}-reversed`}>{t('points.txn.reversedBy', { id: r.reversedByTxnId })}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('points.col.amount'), dataIndex: 'amount', key: 'amount', align: 'right', width: 90 },
    { title: t('points.col.from'), key: 'from', render: (_: unknown, r) => r.from.name },
    { title: t('points.col.to'), key: 'to', render: (_: unknown, r) => r.to.name },
    { title: t('points.col.reason'), dataIndex: 'reason', key: 'reason', ellipsis: { showTitle: false }, render: (v: string) => <Tooltip title={v}>{v}</Tooltip> },
    { title: t('points.col.actor'), dataIndex: 'actorName', key: 'actorName', width: 150, render: (v: string | null) => v ?? t('common.empty') },
    {
      title: t('common.actions'), key: 'actions', width: 90, fixed: 'right',
      render: (_: unknown, r) => r.actions.includes('reverse') ? (
        <Button size="small" danger onClick={() => setReversing(r)} data-testid={`points-txn-${r.id}-reverse`}>{t('points.reverse.action')}</Button>
      ) : null,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        {account && (
          <Tag closable color="blue" onClose={() => { setPage((p) => ({ ...p, page: 1 })); onClearAccount(); }} style={{ padding: '4px 8px' }} data-testid="points-txns-account">
            {t('points.filter.account', { name: account.ownerName ?? `${account.orgName} · ${accountKindLabel(t, account.kind)}` })}
          </Tag>
        )}
        <Select<TxnKind>
          allowClear
          placeholder={t('points.filter.kind')}
          style={{ width: 160 }}
          value={filter.kind}
          onChange={(kind) => change({ kind })}
          options={TXN_KINDS.map((k) => ({ value: k, label: txnKindLabel(t, k) }))}
          data-testid="points-txns-kind"
        />
        <ScopeOrgPicker value={filter.orgId} onChange={(orgId) => change({ orgId })} placeholder={t('points.filter.org')} style={{ width: 260 }} data-testid="points-txns-org" />
        <DatePicker.RangePicker allowEmpty={[true, true]} onChange={(r) => change({ from: day(r?.[0]), to: day(r?.[1]) })} data-testid="points-txns-range" />
        <span style={{ flex: 1 }} />
        <ExportButton run={() => exportTxns(filter)} testId="points-txns-export" />
      </Flex>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Txn>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          locale={{ emptyText: t('points.txns.empty') }}
          pagination={pagination(t, page, q.data?.total, setPage)}
          onRow={(r) => ({ 'data-testid': `points-txn-row-${r.id}` }) as object}
          scroll={{ x: 1180 }}
          data-testid="points-txns-table"
        />
      )}
      {reversing && <ReverseModal txn={reversing} onClose={() => setReversing(undefined)} />}
    </Flex>
  );
}

import { useState } from 'react';
import { Button, Descriptions, Drawer, Grid, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState } from '../../components/PageStates';
import { pagination, type PageState } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useStatement } from './api';
import { accountKindLabel, signed, TXN_COLORS, txnKindLabel } from './labels';
import type { Account, Line } from './types';

/** 对账单: an account's lines, newest first, each with the balance after it. */
export function StatementDrawer({ account, onClose, onShowTxns }: { account: Account | undefined; onClose: () => void; onShowTxns?: (a: Account) => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const q = useStatement(account?.id, page);
  const acc = q.data?.account ?? account;
  const name = acc ? acc.ownerName ?? acc.orgName : '';

  const columns: ColumnsType<Line> = [
    { title: t('points.col.at'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('points.col.kind'), dataIndex: 'kind', key: 'kind', width: 100, render: (k: Line['kind']) => <Tag color={TXN_COLORS[k]}>{txnKindLabel(t, k)}</Tag> },
    { title: t('points.col.amount'), dataIndex: 'amount', key: 'amount', align: 'right', width: 90, render: (v: number) => <span style={{ color: v < 0 ? '#c92a2a' : '#2b8a3e' }}>{signed(v)}</span> },
    { title: t('points.col.balanceAfter'), dataIndex: 'balanceAfter', key: 'balanceAfter', align: 'right', width: 110 },
    { title: t('points.col.counterparty'), dataIndex: 'counterparty', key: 'counterparty' },
    { title: t('points.col.reason'), dataIndex: 'reason', key: 'reason' },
  ];

  return (
    <Drawer open={!!account} onClose={onClose} size={screens.lg ? 880 : '100%'} title={t('points.statement.title', { name })} destroyOnHidden data-testid="points-statement"
      extra={acc && onShowTxns ? <Button onClick={() => onShowTxns(acc)} data-testid="points-statement-txns">{t('points.statement.txns')}</Button> : undefined}>
      {acc && (
        <Descriptions size="small" column={screens.md ? 2 : 1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('points.col.kind')}>{accountKindLabel(t, acc.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('points.col.org')}>{acc.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('points.col.createdAt')}>{formatDateTime(acc.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('points.statement.balance')}>
            <Statistic value={acc.balance} styles={{ content: { fontSize: 18 } }} data-testid="points-statement-balance" />
          </Descriptions.Item>
        </Descriptions>
      )}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Line>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          locale={{ emptyText: t('points.statement.empty') }}
          pagination={pagination(t, page, q.data?.total, setPage)}
          scroll={{ x: 760 }}
          data-testid="points-statement-table"
        />
      )}
    </Drawer>
  );
}

import { useState } from 'react';
import { Button, Flex, Input, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { pagination, type PageState } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportAccounts, useAccounts } from './api';
import { accountKindLabel } from './labels';
import { StatementDrawer } from './StatementDrawer';
import { ACCOUNT_KINDS, type Account, type AccountFilter, type AccountKind } from './types';

const FIRST: PageState = { page: 1, pageSize: 20 };

/** 积分账户: kind, org and text filters, pages, Excel; a row opens its statement. */
export function AccountsTab({ onShowTxns, org }: { onShowTxns: (a: Account) => void; org?: { id: number; name: string } }) {
  const t = useT();
  const [filter, setFilter] = useState<AccountFilter>(() => (org ? { orgId: org.id } : {}));
  const [page, setPage] = useState<PageState>(FIRST);
  const [open, setOpen] = useState<Account>();
  const q = useAccounts(filter, page);
  const change = (next: Partial<AccountFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: ColumnsType<Account> = [
    {
      title: t('points.col.account'), key: 'name',
      render: (_: unknown, a) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(a)} data-testid={`points-account-${a.id}`}>
          {a.ownerName ?? `${a.orgName} · ${accountKindLabel(t, a.kind)}`}
        </Button>
      ),
    },
    { title: t('points.col.kind'), dataIndex: 'kind', key: 'kind', width: 120, render: (k: AccountKind) => <Tag>{accountKindLabel(t, k)}</Tag> },
    { title: t('points.col.org'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('points.col.balance'), dataIndex: 'balance', key: 'balance', align: 'right', width: 110, render: (v: number, a) => <span data-testid={`points-account-${a.id}-balance`}>{v}</span> },
    { title: t('points.col.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select<AccountKind>
          allowClear
          placeholder={t('points.filter.kind')}
          style={{ width: 160 }}
          value={filter.kind}
          onChange={(kind) => change({ kind })}
          options={ACCOUNT_KINDS.filter((k) => k !== 'issuer').map((k) => ({ value: k, label: accountKindLabel(t, k) }))}
          data-testid="points-accounts-kind"
        />
        <ScopeOrgPicker value={filter.orgId} initialLabel={org && filter.orgId === org.id ? org.name : undefined} onChange={(orgId) => change({ orgId })} placeholder={t('points.filter.org')} style={{ width: 260 }} data-testid="points-accounts-org" />
        <Input.Search allowClear maxLength={50} placeholder={t('points.filter.q')} style={{ width: 240 }} onSearch={(v) => change({ q: v.trim() || undefined })} data-testid="points-accounts-q" />
        <span style={{ flex: 1 }} />
        <ExportButton run={() => exportAccounts(filter)} testId="points-accounts-export" />
      </Flex>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Account>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          locale={{ emptyText: t('points.accounts.empty') }}
          pagination={pagination(t, page, q.data?.total, setPage)}
          onRow={(a) => ({ 'data-testid': `points-account-row-${a.id}` }) as object}
          scroll={{ x: 760 }}
          data-testid="points-accounts-table"
        />
      )}
      <StatementDrawer account={open} onClose={() => setOpen(undefined)} onShowTxns={(a) => { setOpen(undefined); onShowTxns(a); }} />
    </Flex>
  );
}

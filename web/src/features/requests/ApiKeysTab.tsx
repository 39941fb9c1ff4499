import { useState } from 'react';
import { Button, Popconfirm, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PageState } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useApiKeys, useRevokeApiKey } from './api-admin';
import { ApiKeyCreateModal } from './ApiKeyCreateModal';
import { ConfigList } from './ConfigList';
import type { ApiKey } from './types-admin';
import { useConfirmedAction } from './useConfirmedAction';

/** Open311 接口密钥: keys of other systems that submit requests; only a prefix is kept visible. */
export function ApiKeysTab() {
  const t = useT();
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useApiKeys(page.page, page.pageSize);
  const revoke = useRevokeApiKey();
  const onRevoke = useConfirmedAction(revoke.mutateAsync, t('req.key.revoked'));

  const columns: TableColumnsType<ApiKey> = [
    { title: t('req.key.name'), dataIndex: 'name' },
    { title: t('req.key.org'), dataIndex: 'orgName' },
    { title: t('req.key.prefix'), dataIndex: 'keyPrefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: t('req.key.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('req.key.status'),
      dataIndex: 'revokedAt',
      render: (v: string | null) => (v ? <Tag>{t('req.key.revokedAt', { time: formatDateTime(v) })}</Tag> : <Tag color="green">{t('req.key.active')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm title={t('req.key.revokeConfirm', { name: k.name })} onConfirm={() => onRevoke(k.id)}>
            <Button type="link" danger size="small" data-testid={`api-key-revoke-${k.id}`}>{t('req.key.revoke')}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <ConfigList<ApiKey> intro={t('req.key.intro')} createLabel={t('req.key.create')} onCreate={() => setCreating(true)}
        columns={columns} query={query} page={page} onPage={setPage} empty={t('req.key.empty')} testId="api-key" />
      {creating && <ApiKeyCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}

import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { pagination, type PageState } from '../../components/pagination';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useApiKeys, useRevokeApiKey } from './api-admin';
import { ApiKeyCreateModal } from './ApiKeyCreateModal';
import type { ApiKey } from './types-admin';

/** Open311 接口密钥: keys of other systems that submit requests; only a prefix is kept visible. */
export function ApiKeysTab() {
  const t = useT();
  const feedback = useFeedback();
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useApiKeys(page.page, page.pageSize);
  const revoke = useRevokeApiKey();

  const onRevoke = async (id: number) => {
    try {
      await revoke.mutateAsync(id);
      feedback.success(t('req.key.revoked'));
    } catch (err) {
      feedback.error(err);
    }
  };

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
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('req.key.intro')}</Typography.Paragraph>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-create">{t('req.key.create')}</Button>
      <Table<ApiKey>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('req.key.empty') }}
        pagination={pagination(t, page, query.data?.total, setPage)}
        data-testid="api-key-table"
      />
      {creating && <ApiKeyCreateModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { pagination, type PageState } from '../../components/pagination';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useDeleteRoute, useRoutes } from './api-admin';
import { RouteFormModal } from './RouteFormModal';
import type { RouteRule } from './types';

/** 派单规则: which unit a category goes to in an area, applied at intake. */
export function RoutesTab() {
  const t = useT();
  const feedback = useFeedback();
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useRoutes(page);
  const remove = useDeleteRoute();

  const onDelete = async (id: number) => {
    try {
      await remove.mutateAsync(id);
      feedback.success(t('req.route.deleted'));
    } catch (err) {
      feedback.error(err);
    }
  };

  const columns: TableColumnsType<RouteRule> = [
    { title: t('req.route.org'), dataIndex: 'orgName' },
    { title: t('req.route.category'), dataIndex: 'categoryName' },
    { title: t('req.route.handler'), dataIndex: 'handlerName' },
    { title: t('req.key.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.actions.includes('delete') && (
          <Popconfirm title={t('req.route.deleteConfirm')} onConfirm={() => onDelete(r.id)}>
            <Button type="link" danger size="small" data-testid={`route-delete-${r.id}`}>{t('common.delete')}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('req.route.intro')}</Typography.Paragraph>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="route-create">{t('req.route.create')}</Button>
      <Table<RouteRule>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('req.route.empty') }}
        pagination={pagination(t, page, query.data?.total, setPage)}
        data-testid="route-table"
      />
      {creating && <RouteFormModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

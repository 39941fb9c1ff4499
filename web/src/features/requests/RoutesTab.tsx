import { useState } from 'react';
import { Button, Popconfirm } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PageState } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useDeleteRoute, useRoutes } from './api-admin';
import { ConfigList } from './ConfigList';
import { RouteFormModal } from './RouteFormModal';
import type { RouteRule } from './types';
import { useConfirmedAction } from './useConfirmedAction';

/** 派单规则: which unit a category goes to in an area, applied at intake. */
export function RoutesTab() {
  const t = useT();
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useRoutes(page);
  const remove = useDeleteRoute();
  const onDelete = useConfirmedAction(remove.mutateAsync, t('req.route.deleted'));

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
    <>
      <ConfigList<RouteRule> intro={t('req.route.intro')} createLabel={t('req.route.create')} onCreate={() => setCreating(true)}
        columns={columns} query={query} page={page} onPage={setPage} empty={t('req.route.empty')} testId="route" />
      {creating && <RouteFormModal onClose={() => setCreating(false)} />}
    </>
  );
}

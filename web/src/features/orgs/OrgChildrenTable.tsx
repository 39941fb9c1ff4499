import { useState } from 'react';
import { Card, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { levelLabel } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useChildren } from './api';
import type { Org } from './types';

export function OrgChildrenTable({ parent }: { parent: Org }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useChildren(parent.id, page, pageSize);
  const showGrid = parent.level === 'community';

  const columns: TableColumnsType<Org> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={`/app/orgs/${row.id}`}>{name}</Link>,
    },
    { title: t('org.level'), dataIndex: 'level', width: 120, render: (l: string) => <Tag>{levelLabel(t, l)}</Tag> },
    { title: t('org.code'), dataIndex: 'code', ellipsis: true },
    { title: t('org.divisionCode'), dataIndex: 'divisionCode', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { title: t('org.childCount'), dataIndex: 'childCount', width: 100, align: 'right' },
  ];
  if (showGrid) {
    columns.push({
      title: t('org.householdsTarget'),
      dataIndex: 'householdsTarget',
      width: 110,
      align: 'right',
      render: (v: number | null) => v ?? '—',
    });
  }

  return (
    <Card title={t('org.children')} size="small">
      <Table<Org>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('org.noChildren') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          hideOnSinglePage: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, ps) => {
            setPage(ps !== pageSize ? 1 : p);
            setPageSize(ps);
          },
        }}
      />
    </Card>
  );
}

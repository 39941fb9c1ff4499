import type { HTMLAttributes } from 'react';
import { Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router-dom';
import { pagination, type PageState } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { channelLabel, kindLabel } from './labels';
import { OverdueTag, StatusTag } from './StatusTag';
import type { RequestItem, RequestPage } from './types';

const OVERDUE_BG = ['', '#fff1f0', '#ffccc7'];

interface Props {
  data?: RequestPage;
  loading: boolean;
  error: boolean;
  page: PageState;
  onPage: (next: PageState) => void;
}

/** The board's paged table; overdue rows are tinted, a click opens the request. */
export function BoardTable({ data, loading, error, page, onPage }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const columns: TableColumnsType<RequestItem> = [
    { title: t('req.col.id'), dataIndex: 'id', width: 80, render: (id: number) => `#${id}` },
    { title: t('req.col.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('req.f.kind'), dataIndex: 'kind', width: 80, render: (k: string) => kindLabel(t, k) },
    { title: t('req.f.category'), dataIndex: 'categoryName' },
    {
      title: t('req.f.description'),
      dataIndex: 'description',
      render: (v: string) => (
        <Typography.Paragraph style={{ margin: 0, maxWidth: 320 }} ellipsis={{ rows: 2 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: t('req.f.org'), dataIndex: 'orgName', responsive: ['lg'] },
    { title: t('req.f.handler'), dataIndex: 'handlerName', render: (v: string | null) => v ?? '—' },
    {
      title: t('req.f.status'),
      key: 'status',
      render: (_, r) => (
        <Space size={0} wrap>
          <StatusTag status={r.status} testId={`request-row-${r.id}-status`} />
          <OverdueTag level={r.overdueLevel} />
        </Space>
      ),
    },
    { title: t('req.col.due'), dataIndex: 'resolveDueAt', width: 170, responsive: ['md'], render: (v: string) => formatDateTime(v) },
    { title: t('req.col.channel'), dataIndex: 'channel', responsive: ['xl'], render: (c: string) => channelLabel(t, c) },
  ];

  const total = data?.total;
  const showTotal = data && !data.totalExact ? () => t('req.totalAtLeast', { total: data.total }) : undefined;
  return (
    <Table<RequestItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: error ? t('error.loadFailed') : t('req.listEmpty') }}
      onRow={(r) =>
        ({
          'data-testid': `request-row-${r.id}`,
          'data-overdue': r.overdueLevel,
          style: { cursor: 'pointer', background: OVERDUE_BG[Math.min(r.overdueLevel, 2)] || undefined },
          onClick: () => navigate(`/app/requests/${r.id}`),
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={pagination(t, page, total, onPage, showTotal ? { showTotal } : {})}
      data-testid="requests-table"
    />
  );
}

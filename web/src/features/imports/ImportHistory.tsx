import { pagination } from '../../components/pagination';
import { useState } from 'react';
import { Button, Card, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { downloadErrors, useImportJobs } from './api';
import type { ImportJob } from './types';

const STATUS_COLORS: Record<string, string> = { previewed: 'default', running: 'processing', done: 'success', failed: 'error', cancelled: 'default' };

/** Earlier import jobs in the user's scope; a job can be opened (progress/result) or its error report downloaded. */
export function ImportHistory({ onOpen }: { onOpen: (job: ImportJob) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const query = useImportJobs(page.page, page.pageSize);
  const statusLabel = (s: string) => {
    switch (s) {
      case 'previewed': return t('imports.status.previewed');
      case 'running': return t('imports.status.running');
      case 'done': return t('imports.status.done');
      case 'failed': return t('imports.status.failed');
      default: return s;
    }
  };

  const columns: TableColumnsType<ImportJob> = [
    { title: t('imports.history.file'), dataIndex: 'filename', ellipsis: true },
    { title: t('imports.history.org'), dataIndex: 'orgName', ellipsis: true },
    { title: t('imports.history.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{statusLabel(s)}</Tag> },
    {
      title: t('imports.history.counts'),
      key: 'counts',
      render: (_, j) => t('imports.history.countsValue', { total: j.totalRows, inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, rejected: j.rejected }),
    },
    { title: t('imports.history.by'), dataIndex: 'createdBy', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    { title: t('imports.history.at'), dataIndex: 'createdAt', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, j) => (
        <Space size={0}>
          {(j.status !== 'previewed' || j.actions.includes('commit')) && (
            <Button size="small" type="link" onClick={() => onOpen(j)} data-testid={`import-open-${j.id}`}>
              {j.status === 'previewed' ? t('imports.history.start') : t('imports.history.open')}
            </Button>
          )}
          {j.actions.includes('errors') && (
            <Button size="small" type="link" onClick={() => downloadErrors(j.id).catch(feedback.error)}>
              {t('imports.history.errors')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('imports.history.title')} size="small">
      <Table<ImportJob>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching && !query.data}
        scroll={{ x: 'max-content' }}
        data-testid="import-history"
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('imports.history.empty') }}
        pagination={pagination(t, page, query.data?.total, setPage, { size: 'small', showSizeChanger: undefined })}
      />
    </Card>
  );
}

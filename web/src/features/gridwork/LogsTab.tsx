import { pagination } from '../../components/pagination';
import { useState } from 'react';
import { Button, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PERMISSIONS } from '../../lib/domain';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { hasPermission, useSession } from '../auth/session';
import { exportWorkLogs, useWorkLogs } from './api';
import { ExportButton } from './ExportButton';
import { LogFormModal } from './LogFormModal';
import { DayRangeFilter } from './RecordFilters';
import type { RecordParams, WorkLog } from './types';

/** 工作日志: daily logs of the grid staff in scope. */
export function LogsTab({ orgId }: { orgId?: number }) {
  const t = useT();
  const session = useSession();
  const canWrite = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.gridworkWrite);
  const [params, setParams] = useState<Omit<RecordParams, 'orgId'>>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useWorkLogs({ ...params, orgId });

  const columns: TableColumnsType<WorkLog> = [
    { title: t('gw.log.date'), dataIndex: 'logDate', width: 120 },
    { title: t('gw.log.author'), dataIndex: 'authorName', width: 120 },
    { title: t('gw.visit.org'), dataIndex: 'orgName', width: 160, responsive: ['lg'] },
    {
      title: t('gw.log.content'),
      dataIndex: 'content',
      render: (v: string) => (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: t('gw.createdAt'), dataIndex: 'createdAt', width: 170, responsive: ['xl'], render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <DayRangeFilter from={params.from} to={params.to} onChange={(r) => setParams((p) => ({ ...p, ...r, page: 1 }))} />
        <Space wrap>
          <ExportButton run={() => exportWorkLogs({ authorId: params.authorId, from: params.from, to: params.to, orgId })} testId="logs-export" />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="log-new">
              {t('gw.log.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<WorkLog>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('gw.log.empty') }}
        data-testid="logs-table"
        pagination={pagination(t, params, query.data?.total, (next) => setParams((p) => ({ ...p, ...next })))}
      />
      {creating && <LogFormModal onClose={() => setCreating(false)} />}
    </>
  );
}

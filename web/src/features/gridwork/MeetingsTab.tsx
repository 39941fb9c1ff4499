import { pagination } from '../../components/pagination';
import { useState } from 'react';
import { Button, Descriptions, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { hasPermission, useSession } from '../auth/session';
import { exportMeetings, useMeetings } from './api';
import { ExportButton } from './ExportButton';
import { MeetingFormModal } from './MeetingFormModal';
import { DayRangeFilter } from './RecordFilters';
import type { Meeting, RecordParams } from './types';

/** 周例会: weekly meetings held by grids or by a community for its grids. */
export function MeetingsTab({ orgId }: { orgId?: number }) {
  const t = useT();
  const session = useSession();
  const canWrite = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.gridworkWrite);
  const [params, setParams] = useState<Omit<RecordParams, 'orgId'>>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useMeetings({ ...params, orgId });

  const columns: TableColumnsType<Meeting> = [
    { title: t('gw.meeting.heldOn'), dataIndex: 'heldOn', width: 120 },
    { title: t('gw.meeting.org'), dataIndex: 'orgName', width: 160 },
    { title: t('gw.meeting.topic'), dataIndex: 'topic' },
    { title: t('gw.meeting.attendees'), dataIndex: 'attendees', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('gw.meeting.recorder'), dataIndex: 'authorName', width: 120, responsive: ['lg'] },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <DayRangeFilter from={params.from} to={params.to} onChange={(r) => setParams((p) => ({ ...p, ...r, page: 1 }))} />
        <Space wrap>
          <ExportButton run={() => exportMeetings({ from: params.from, to: params.to, orgId })} testId="meetings-export" />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
              {t('gw.meeting.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<Meeting>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('gw.meeting.empty') }}
        data-testid="meetings-table"
        expandable={{
          expandedRowRender: (m) => (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('gw.meeting.attendees')}>{m.attendees ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('gw.meeting.notes')}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{m.notes}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
        pagination={pagination(t, params, query.data?.total, (next) => setParams((p) => ({ ...p, ...next })))}
      />
      {creating && <MeetingFormModal defaultOrgId={orgId} onClose={() => setCreating(false)} />}
    </>
  );
}

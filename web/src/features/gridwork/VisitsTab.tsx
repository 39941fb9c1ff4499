import { pagination } from '../../components/pagination';
import { useState } from 'react';
import { Button, DatePicker, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportVisits, useVisits } from './api';
import { ExportButton } from './ExportButton';
import { FollowUpModal } from './FollowUpModal';
import { FollowUpTag, VisitPhotos } from './VisitCells';
import type { FollowUpFilter, Visit, VisitParams } from './types';

const FOLLOW_UP: FollowUpFilter[] = ['open', 'done', 'required', 'none'];

/** 走访记录: visits in scope, filterable by month and follow-up state; follow-ups are closed here. */
export function VisitsTab({ orgId }: { orgId?: number }) {
  const t = useT();
  const [params, setParams] = useState<Omit<VisitParams, 'orgId'>>({ page: 1, pageSize: 20 });
  const [handling, setHandling] = useState<Visit | null>(null);
  const query = useVisits({ ...params, orgId });

  const columns: TableColumnsType<Visit> = [
    { title: t('gw.visit.visitedAt'), dataIndex: 'visitedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('gw.visit.household'), dataIndex: 'householdPlace' },
    { title: t('gw.visit.org'), dataIndex: 'orgName', responsive: ['lg'] },
    { title: t('gw.visit.visitor'), dataIndex: 'visitorName' },
    {
      title: t('gw.visit.findings'),
      dataIndex: 'findings',
      render: (v: string) => (
        <Typography.Paragraph style={{ margin: 0, maxWidth: 360 }} ellipsis={{ rows: 2, expandable: 'collapsible' }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: t('gw.visit.photos'), dataIndex: 'photoUrls', render: (urls: string[]) => <VisitPhotos urls={urls} /> },
    {
      title: t('gw.visit.followUp'),
      key: 'followUp',
      render: (_, v) => (
        <Space orientation="vertical" size={2}>
          <FollowUpTag visit={v} />
          {v.followUpNote && <Typography.Text type="secondary">{v.followUpNote}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, v) =>
        (v.actions.includes('complete_follow_up') || v.actions.includes('reopen_follow_up')) && (
          <Button type="link" size="small" onClick={() => setHandling(v)} data-testid={`visit-${v.id}-follow-up`}>
            {t(v.actions.includes('complete_follow_up') ? 'gw.visit.completeFollowUp' : 'gw.visit.reopenFollowUp')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<FollowUpFilter>
          allowClear
          placeholder={t('gw.visit.followUpAll')}
          style={{ width: 180 }}
          value={params.followUp}
          onChange={(followUp) => setParams((p) => ({ ...p, followUp, page: 1 }))}
          options={FOLLOW_UP.map((f) => ({ value: f, label: t(`gw.visit.filter.${f}`) }))}
          data-testid="visit-filter-follow-up"
        />
        <DatePicker
          picker="month"
          placeholder={t('gw.visit.monthAll')}
          value={params.month ? dayjs(`${params.month}-01`) : null}
          onChange={(d) => setParams((p) => ({ ...p, month: d ? d.format('YYYY-MM') : undefined, page: 1 }))}
        />
        <ExportButton run={() => exportVisits({ followUp: params.followUp, month: params.month, orgId })} testId="visits-export" />
      </Space>
      <Table<Visit>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('gw.visit.empty') }}
        data-testid="visits-table"
        pagination={pagination(t, params, query.data?.total, (next) => setParams((p) => ({ ...p, ...next })))}
      />
      {handling && <FollowUpModal visit={handling} onClose={() => setHandling(null)} />}
    </>
  );
}

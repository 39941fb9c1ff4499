import { useState } from 'react';
import { Button, Card, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { hasPermission } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { api } from '../../lib/api';
import { useMe, useWrite } from './api';
import { InputDialog } from './InputDialog';
import { PagedTable } from './PagedTable';
import { FIELDS, STATUSES, StatusTag, fmtTime, key, options } from './labels';
import type { Topic } from './types';

/** Console: topics and wishes of the scope, filtered, searched, paged, exported; a worker records one on behalf of a unit or representative. */
export default function TopicsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const [recording, setRecording] = useState(false);
  const record = useWrite<Record<string, unknown>, { topic: Topic }>('post', () => '/topics');
  const canManage = !!me && hasPermission(me, PERMISSIONS.deliberationManage);
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('delib.topics.title')}</Typography.Title>} data-testid="delib-topics">
      <PagedTable<Topic>
        path="/topics" exportPath="/topics/export.xlsx" exportName={`${t('delib.topics.title')}.xlsx`} testId="delib-topics-list" empty={t('delib.topics.empty')}
        onRow={(r) => navigate(`/app/topics/${r.id}`)}
        filters={[
          { name: 'orgId', kind: 'org', placeholder: t('delib.filter.org') },
          { name: 'field', kind: 'select', placeholder: t('delib.col.field'), options: options(t, 'field', FIELDS) },
          { name: 'status', kind: 'select', placeholder: t('delib.col.status'), options: options(t, 'status', STATUSES) },
          { name: 'kind', kind: 'select', placeholder: t('delib.col.kind'), options: options(t, 'kind', ['topic', 'wish']) },
          { name: 'q', kind: 'search', placeholder: t('delib.filter.search') },
        ]}
        toolbar={canManage && <Button icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="delib-topic-record">{t('delib.topics.record')}</Button>}
        columns={[
          { title: t('delib.col.title'), dataIndex: 'title', render: (v: string, r) => <a data-testid={`delib-topic-${r.id}`}>{v}</a> },
          { title: t('delib.col.kind'), dataIndex: 'kind', render: (v: string) => <Tag>{t(key('kind', v))}</Tag> },
          { title: t('delib.col.field'), dataIndex: 'field', render: (v: string) => t(key('field', v)) },
          { title: t('delib.col.status'), dataIndex: 'status', render: (v: Topic['status']) => <StatusTag status={v} t={t} /> },
          { title: t('delib.col.community'), dataIndex: 'orgName' },
          { title: t('delib.col.raiser'), dataIndex: 'raiserName', render: (v: string, r) => `${v}（${t(key('source', r.source))}）` },
          { title: t('delib.col.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        ]}
      />
      <InputDialog open={recording} title={t('delib.topics.recordTitle')} testId="delib-record" onClose={() => setRecording(false)}
        fields={[
          { name: 'orgId', label: t('delib.col.community'), kind: 'org', levels: ['community'], required: true },
          { name: 'source', label: t('delib.col.source'), kind: 'select', required: true, options: options(t, 'source', ['partnerUnit', 'representative']) },
          { name: 'raiserName', label: t('delib.col.raiser'), kind: 'text', required: true, max: 100 },
          { name: 'kind', label: t('delib.col.kind'), kind: 'select', options: options(t, 'kind', ['topic', 'wish']) },
          { name: 'field', label: t('delib.col.field'), kind: 'select', required: true, options: options(t, 'field', FIELDS) },
          { name: 'title', label: t('delib.col.title'), kind: 'text', required: true, max: 100 },
          { name: 'description', label: t('delib.col.description'), kind: 'textarea', required: true, max: 4000 },
        ]}
        onSubmit={async (v) => { const r = await record.mutateAsync(v); navigate(`/app/topics/${r.topic.id}`); }}
      />
    </Card>
  );
}

/** Topics of one community matching a search (for merge targets and meeting agendas). */
export async function searchTopics(q: string, orgId?: number) {
  const r = await api.get<{ items: Topic[] }>('/topics', { q: q || undefined, orgId, pageSize: 20 });
  return r.items;
}

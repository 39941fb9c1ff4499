import { useState } from 'react';
import { Button, Card, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { hasPermission } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useForms, useMe, usePaged, useWrite } from './api';
import { InputDialog } from './InputDialog';
import { PagedTable } from './PagedTable';
import { fmtTime, key, options } from './labels';
import { searchTopics } from './TopicsPage';
import type { Body, Meeting, MeetingDetail } from './types';

/** Console: meetings of the bodies in scope (form, time, place, attendance, minutes), scheduled here. */
export default function MeetingsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const canManage = !!me && hasPermission(me, PERMISSIONS.deliberationManage);
  const [creating, setCreating] = useState(false);
  const [topics, setTopics] = useState<{ value: number; label: string }[]>([]);
  const bodies = usePaged<Body>('/delib-bodies', { status: 'active' }, { page: 1, pageSize: 100 }, creating);
  const forms = useForms();
  const create = useWrite<Record<string, unknown>, MeetingDetail>('post', () => '/delib-meetings');
  const formOptions = (forms.data?.items ?? []).filter((f) => f.status === 'active').map((f) => ({ value: f.builtin ? f.key : `custom:${f.id}`, label: f.name }));
  const findTopics = (s: string) => void searchTopics(s).then((r) => setTopics(r.filter((x) => !['merged', 'declined', 'closed'].includes(x.status)).map((x) => ({ value: x.id, label: `#${x.id} ${x.title}` }))));
  return (
    <Card title={t('delib.meetings.title')} data-testid="delib-meetings">
      <PagedTable<Meeting> path="/delib-meetings" exportPath="/delib-meetings/export.xlsx" exportName={`${t('delib.meetings.title')}.xlsx`} testId="delib-meetings-list"
        empty={t('delib.meetings.empty')} onRow={(r) => navigate(`/app/delib-meetings/${r.id}`)}
        filters={[
          { name: 'orgId', kind: 'org', placeholder: t('delib.filter.org') },
          { name: 'status', kind: 'select', placeholder: t('delib.col.status'), options: options(t, 'meetingStatus', ['planned', 'held', 'cancelled']) },
          { name: 'q', kind: 'search', placeholder: t('delib.col.title') },
        ]}
        toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => { findTopics(''); setCreating(true); }} data-testid="delib-meeting-create">{t('delib.meetings.create')}</Button>}
        columns={[
          { title: t('delib.col.title'), dataIndex: 'title', render: (v: string, r) => <a data-testid={`delib-meeting-${r.id}`}>{v}</a> },
          { title: t('delib.col.body'), dataIndex: 'bodyName' },
          { title: t('delib.col.form'), dataIndex: 'formName' },
          { title: t('delib.col.time'), dataIndex: 'startsAt', render: fmtTime },
          { title: t('delib.col.place'), dataIndex: 'place' },
          { title: t('delib.col.attendance'), render: (_: unknown, r) => `${r.present}/${r.absent}` },
          { title: t('delib.col.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(key('meetingStatus', s))}</Tag> },
        ]} />
      <InputDialog open={creating} title={t('delib.meetings.create')} testId="delib-meeting-form" onClose={() => setCreating(false)}
        fields={[
          { name: 'bodyId', label: t('delib.col.body'), kind: 'select', required: true, options: (bodies.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name} · ${b.orgName}` })) },
          { name: 'form', label: t('delib.col.form'), kind: 'select', required: true, options: formOptions },
          { name: 'title', label: t('delib.col.title'), kind: 'text', required: true, max: 100 },
          { name: 'startsAt', label: t('delib.col.time'), kind: 'datetime', required: true },
          { name: 'place', label: t('delib.col.place'), kind: 'text', required: true, max: 200 },
          { name: 'agenda', label: t('delib.col.agenda'), kind: 'textarea', required: true, max: 4000 },
          { name: 'topicIds', label: t('delib.meeting.topics'), kind: 'select', multiple: true, options: topics, onSearch: findTopics },
        ]}
        onSubmit={async (v) => {
          const form = String(v.form);
          const custom = form.startsWith('custom:');
          const r = await create.mutateAsync({ ...v, form: custom ? 'custom' : form, ...(custom ? { formId: Number(form.slice(7)) } : {}) });
          navigate(`/app/delib-meetings/${r.meeting.id}`);
        }} />
    </Card>
  );
}

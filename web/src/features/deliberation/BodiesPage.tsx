import { useState } from 'react';
import { Button, Card, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { hasPermission } from '../auth/session';
import { ErrorState } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useForms, useMe, useWrite } from './api';
import { InputDialog } from './InputDialog';
import { PagedTable } from './PagedTable';
import { key, options } from './labels';
import type { Body, BodyDetail, Form } from './types';

/** Console: councils and groups (议事会、组团) with their representatives, and the 6+X forms. */
export default function BodiesPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const canManage = !!me && hasPermission(me, PERMISSIONS.deliberationManage);
  const [creating, setCreating] = useState(false);
  const create = useWrite<Record<string, unknown>, BodyDetail>('post', () => '/delib-bodies');
  return (
    <Card title={t('delib.bodies.title')} data-testid="delib-bodies">
      <Tabs items={[
        { key: 'bodies', label: t('delib.bodies.list'), children: (
          <PagedTable<Body> path="/delib-bodies" exportPath="/delib-bodies/export.xlsx" exportName={`${t('delib.bodies.list')}.xlsx`} testId="delib-bodies-list"
            empty={t('delib.bodies.empty')} onRow={(r) => navigate(`/app/delib-bodies/${r.id}`)}
            filters={[{ name: 'orgId', kind: 'org', placeholder: t('delib.filter.org') }, { name: 'q', kind: 'search', placeholder: t('delib.filter.searchName') }]}
            toolbar={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="delib-body-create">{t('delib.bodies.create')}</Button>}
            columns={[
              { title: t('delib.col.name'), dataIndex: 'name', render: (v: string, r) => <a data-testid={`delib-body-${r.id}`}>{v}</a> },
              { title: t('delib.col.kind'), dataIndex: 'kind', render: (v: string) => t(key('bodyKind', v)) },
              { title: t('delib.col.community'), dataIndex: 'orgName' },
              { title: t('delib.col.members'), dataIndex: 'members' },
              { title: t('delib.col.withAccount'), dataIndex: 'membersWithAccount' },
              { title: t('delib.col.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{v === 'active' ? '✓' : t('delib.body.dissolve')}</Tag> },
            ]} />
        ) },
        { key: 'forms', label: t('delib.bodies.forms'), children: <FormsTab canManage={canManage} /> },
      ]} />
      <InputDialog open={creating} title={t('delib.bodies.create')} testId="delib-body-form" onClose={() => setCreating(false)}
        fields={[
          { name: 'orgId', label: t('delib.col.community'), kind: 'org', levels: ['community'], required: true },
          { name: 'name', label: t('delib.col.name'), kind: 'text', required: true, max: 100 },
          { name: 'kind', label: t('delib.col.kind'), kind: 'select', options: options(t, 'bodyKind', ['council', 'group', 'other']) },
          { name: 'description', label: t('delib.col.description'), kind: 'textarea', max: 2000 },
        ]}
        onSubmit={async (v) => { const r = await create.mutateAsync(v); navigate(`/app/delib-bodies/${r.body.id}`); }} />
    </Card>
  );
}

function FormsTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const feedback = useFeedback();
  const q = useForms();
  const [adding, setAdding] = useState(false);
  const add = useWrite<Record<string, unknown>>('post', () => '/delib-forms');
  const retire = useWrite<number>('patch', (id) => `/delib-forms/${id}`, () => ({ status: 'retired' }));
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      {canManage && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="delib-form-add">{t('delib.forms.add')}</Button>}
      <Table<Form> rowKey={(r) => `${r.key}-${r.id ?? r.name}`} size="middle" loading={q.isFetching} dataSource={q.data?.items ?? []} pagination={false} data-testid="delib-forms"
        columns={[
          { title: t('delib.col.name'), dataIndex: 'name' },
          { title: t('delib.col.kind'), dataIndex: 'builtin', render: (b: boolean) => <Tag color={b ? 'blue' : 'purple'}>{t(b ? 'delib.forms.builtin' : 'delib.forms.custom')}</Tag> },
          { title: t('delib.col.description'), dataIndex: 'description' },
          { title: t('delib.col.status'), dataIndex: 'status', render: (s: string) => (s === 'retired' ? t('delib.forms.retired') : '') },
          { title: t('common.actions'), render: (_: unknown, r) => r.actions.includes('update') && r.status === 'active' && r.id !== null && (
            <Button size="small" onClick={() => void retire.mutateAsync(r.id!).catch(feedback.error)}>{t('delib.forms.retire')}</Button>) },
        ]} />
      <InputDialog open={adding} title={t('delib.forms.add')} testId="delib-form-form" onClose={() => setAdding(false)} onSubmit={(v) => add.mutateAsync(v)}
        fields={[
          { name: 'orgId', label: t('delib.col.community'), kind: 'org', levels: ['street', 'community'], required: true },
          { name: 'name', label: t('delib.col.name'), kind: 'text', required: true, max: 50 },
          { name: 'description', label: t('delib.col.description'), kind: 'textarea', max: 500 },
        ]} />
    </>
  );
}

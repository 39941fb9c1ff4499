import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Popconfirm, Space, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { api } from '../../lib/api';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useBody, useWrite } from './api';
import { InputDialog } from './InputDialog';
import { MEMBER_KINDS, key, options } from './labels';
import type { Member } from './types';

/** Console: one body and its representatives; a representative is linked to a community account so they can vote online. */
export default function BodyPage() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const q = useBody(id);
  const [adding, setAdding] = useState(false);
  const [cands, setCands] = useState<{ value: number; label: string }[]>([]);
  const add = useWrite<Record<string, unknown>>('post', () => `/delib-bodies/${id}/members`);
  const patchMember = useWrite<{ id: number; body: unknown }>('patch', (v) => `/delib-members/${v.id}`, (v) => v.body);
  const patchBody = useWrite<unknown>('patch', () => `/delib-bodies/${id}`);
  if (q.isLoading) return <PageSpinner />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { body, members } = q.data;
  const search = (s: string) => void api.get<{ items: { id: number; displayName: string; username: string; orgName: string }[] }>('/delib-candidates', { orgId: body.orgId, q: s || undefined })
    .then((r) => setCands(r.items.map((c) => ({ value: c.id, label: `${c.displayName}（${c.username} · ${c.orgName}）` })))).catch(feedback.error);
  return (
    <Card data-testid="delib-body-page"
      title={<Space><Link to="/app/delib-bodies">{t('delib.body.back')}</Link><span>{body.name}</span></Space>}
      extra={<Space>
        {body.actions.includes('addMember') && <Button type="primary" onClick={() => { search(''); setAdding(true); }} data-testid="delib-member-add">{t('delib.body.addMember')}</Button>}
        {body.actions.includes('dissolve') && <Popconfirm title={t('delib.body.dissolve')} onConfirm={() => patchBody.mutateAsync({ status: 'dissolved' }).catch(feedback.error)}>
          <Button danger>{t('delib.body.dissolve')}</Button></Popconfirm>}
      </Space>}>
      <Flex vertical gap={12}>
        <Descriptions column={{ xs: 1, md: 3 }} items={[
          { key: 'kind', label: t('delib.col.kind'), children: t(key('bodyKind', body.kind)) },
          { key: 'org', label: t('delib.col.community'), children: body.orgName },
          { key: 'n', label: t('delib.col.members'), children: `${body.members}（${t('delib.col.withAccount')} ${body.membersWithAccount}）` },
        ]} />
        <Table<Member> rowKey="id" size="middle" dataSource={members} pagination={false} locale={{ emptyText: t('delib.body.noMembers') }} data-testid="delib-members"
          columns={[
            { title: t('delib.col.name'), dataIndex: 'name' },
            { title: t('delib.col.memberKind'), dataIndex: 'memberKind', render: (v: string) => t(key('member', v)) },
            { title: t('delib.col.account'), dataIndex: 'userName', render: (v: string | null) => v ?? <Tag>{t('delib.body.noAccount')}</Tag> },
            { title: t('delib.col.joinedOn'), dataIndex: 'joinedOn' },
            { title: t('delib.col.status'), dataIndex: 'status', render: (s: string, r) => (s === 'left' ? `${t('delib.body.leave')} ${r.leftOn ?? ''}` : '✓') },
            { title: t('common.actions'), render: (_: unknown, r) => r.actions.includes('leave') && (
              <Button size="small" onClick={() => void patchMember.mutateAsync({ id: r.id, body: { status: 'left' } }).catch(feedback.error)} data-testid={`delib-member-${r.id}-leave`}>{t('delib.body.leave')}</Button>) },
          ]} />
      </Flex>
      <InputDialog open={adding} title={t('delib.body.addMember')} testId="delib-member-form" onClose={() => setAdding(false)} onSubmit={(v) => add.mutateAsync(v)}
        fields={[
          { name: 'userId', label: t('delib.body.pickAccount'), kind: 'select', options: cands, onSearch: search },
          { name: 'name', label: t('delib.col.name'), kind: 'text', max: 50 },
          { name: 'memberKind', label: t('delib.col.memberKind'), kind: 'select', required: true, options: options(t, 'member', MEMBER_KINDS) },
          { name: 'note', label: t('delib.col.note'), kind: 'text', max: 200 },
        ]} />
    </Card>
  );
}

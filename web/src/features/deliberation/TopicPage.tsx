import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, List, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT, type MessageKey } from '../../lib/i18n';
import { api } from '../../lib/api';
import { usePaged, useTopic, useWrite } from './api';
import { InputDialog, type DialogField } from './InputDialog';
import { DecisionView, History, Photos, TaskCards } from './Timeline';
import { FIELDS, OWNER_KINDS, StatusTag, fmtTime, key, options } from './labels';
import { searchTopics } from './TopicsPage';
import type { Body, Topic } from './types';

type Dialog = 'decline' | 'close' | 'merge' | 'sort' | 'decide' | 'vote' | 'addTask' | 'consult' | { progress: number } | { cancel: number } | null;

/** Console: one topic — its actions (sort, accept, merge, decline, decide, vote, tasks, consult), decision, tasks and history. */
export default function TopicPage() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const q = useTopic(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [targets, setTargets] = useState<Topic[]>([]);
  const bodies = usePaged<Body>('/delib-bodies', { status: 'active', orgId: q.data?.topic.orgId }, { page: 1, pageSize: 100 }, !!q.data);
  const post = useWrite<{ path: string; body: unknown }>('post', (v) => v.path, (v) => v.body);
  const patch = useWrite<{ path: string; body: unknown }>('patch', (v) => v.path, (v) => v.body);
  if (q.isLoading) return <PageSpinner />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { topic, decision, tasks, events, consultations, meetings, mergedHere } = q.data;
  const can = (a: string) => topic.actions.includes(a);
  const transit = (action: string) => () => post.mutateAsync({ path: `/topics/${id}/transition`, body: { action } }).then(() => feedback.success(t('delib.saved'))).catch(feedback.error);
  const send = (path: string) => (body: Record<string, unknown>) => post.mutateAsync({ path, body });
  const findTargets = (s: string) => void searchTopics(s, topic.orgId).then((r) => setTargets(r.filter((x) => x.id !== id && !['merged', 'declined', 'closed'].includes(x.status))));

  const reason: DialogField[] = [{ name: 'reason', label: t('delib.col.reason'), kind: 'textarea', required: true, max: 1000, extra: t('delib.reason.hint') }];
  const dialogs: Record<string, { title: MessageKey; fields: DialogField[]; submit: (v: Record<string, unknown>) => Promise<unknown>; note?: string; initial?: Record<string, unknown> }> = {
    decline: { title: 'delib.action.decline', fields: reason, submit: (v) => send(`/topics/${id}/transition`)({ action: 'decline', ...v }) },
    close: { title: 'delib.action.close', fields: reason, submit: (v) => send(`/topics/${id}/transition`)({ action: 'close', ...v }) },
    merge: {
      title: 'delib.action.merge', submit: send(`/topics/${id}/merge`),
      fields: [{ name: 'intoId', label: t('delib.merge.into'), kind: 'select', required: true, placeholder: t('delib.merge.pick'), onSearch: findTargets, options: targets.map((x) => ({ value: x.id, label: `#${x.id} ${x.title}` })) }, ...reason],
    },
    sort: { title: 'delib.action.sort', initial: { field: topic.field }, submit: (v) => patch.mutateAsync({ path: `/topics/${id}`, body: v }), fields: [
      { name: 'field', label: t('delib.col.field'), kind: 'select', required: true, options: options(t, 'field', FIELDS) },
      { name: 'note', label: t('delib.col.note'), kind: 'text', max: 500 },
    ] },
    decide: { title: 'delib.action.decide', submit: send(`/topics/${id}/decision`), fields: [
      { name: 'outcome', label: t('delib.col.outcome'), kind: 'select', required: true, options: [{ value: 'adopted', label: t('delib.decision.adopted') }, { value: 'rejected', label: t('delib.decision.rejected') }] },
      { name: 'summary', label: t('delib.decision.summary'), kind: 'textarea', required: true, max: 4000 },
    ] },
    vote: {
      title: 'delib.action.vote', note: t('delib.vote.ruleDefault'), initial: { secret: true, threshold: 85 },
      submit: async (v) => {
        const r = await api.post<{ voteId: number; consoleUrl: string }>(`/topics/${id}/vote`, {
          bodyId: v.bodyId, secret: v.secret === true, closesAt: v.closesAt, threshold: { num: Number(v.threshold ?? 85), den: 100, of: 'electorate' },
        });
        feedback.success(t('delib.vote.started'));
        navigate(r.consoleUrl);
      },
      fields: [
        { name: 'bodyId', label: t('delib.vote.body'), kind: 'select', required: true, options: (bodies.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.membersWithAccount}/${b.members}）` })) },
        { name: 'threshold', label: t('delib.vote.threshold'), kind: 'number', min: 1, max: 100 },
        { name: 'closesAt', label: t('delib.col.closesAt'), kind: 'datetime' },
        { name: 'secret', label: t('delib.vote.secret'), kind: 'check' },
      ],
    },
    addTask: { title: 'delib.action.addTask', submit: send(`/topics/${id}/tasks`), fields: [
      { name: 'title', label: t('delib.col.title'), kind: 'text', required: true, max: 100 },
      { name: 'ownerKind', label: t('delib.col.owner'), kind: 'select', required: true, options: options(t, 'owner', OWNER_KINDS) },
      { name: 'ownerName', label: t('delib.col.ownerName'), kind: 'text', required: true, max: 100 },
      { name: 'dueOn', label: t('delib.col.dueOn'), kind: 'date', required: true },
      { name: 'description', label: t('delib.col.description'), kind: 'textarea', max: 2000 },
    ] },
    consult: { title: 'delib.action.consult', submit: (v) => send('/delib-consultations')({ topicId: id, ...v }), fields: [
      { name: 'mode', label: t('delib.col.mode'), kind: 'select', required: true, options: options(t, 'mode', ['online', 'written']) },
      { name: 'title', label: t('delib.col.title'), kind: 'text', required: true, max: 100 },
      { name: 'question', label: t('delib.consult.question'), kind: 'textarea', required: true, max: 4000 },
      { name: 'closesAt', label: t('delib.col.closesAt'), kind: 'datetime' },
    ] },
  };
  const taskDialog = dialog && typeof dialog === 'object'
    ? 'progress' in dialog
      ? { title: 'delib.action.progress' as MessageKey, submit: send(`/delib-tasks/${dialog.progress}/progress`), fields: [
          { name: 'progress', label: t('delib.task.percent'), kind: 'number', min: 0, max: 100, required: true },
          { name: 'note', label: t('delib.task.progressNote'), kind: 'textarea', required: true, max: 2000 },
          { name: 'photoIds', label: t('delib.photos'), kind: 'photos' },
        ] as DialogField[] }
      : { title: 'delib.action.cancelTask' as MessageKey, submit: (v: Record<string, unknown>) => patch.mutateAsync({ path: `/delib-tasks/${dialog.cancel}`, body: { status: 'cancelled', ...v } }),
          fields: [{ name: 'reason', label: t('delib.col.reason'), kind: 'textarea', required: true, max: 500 }] as DialogField[] }
    : null;
  const open: { title: MessageKey; fields: DialogField[]; submit: (v: Record<string, unknown>) => Promise<unknown>; note?: string; initial?: Record<string, unknown> } | null =
    typeof dialog === 'string' ? dialogs[dialog] : taskDialog;

  const btn = (a: string, label: MessageKey, onClick: () => void, primary = false) => can(a) && (
    <Button key={a} type={primary ? 'primary' : 'default'} onClick={onClick} data-testid={`delib-topic-${a}`}>{t(label)}</Button>
  );
  return (
    <Flex vertical gap={16} data-testid="delib-topic-page">
      <Card title={<Space><Link to="/app/topics">{t('delib.topic.back')}</Link><span>#{topic.id} {topic.title}</span><StatusTag status={topic.status} t={t} /></Space>}
        extra={<Space wrap>
          {btn('accept', 'delib.action.accept', transit('accept'), true)}
          {btn('deliberate', 'delib.action.deliberate', transit('deliberate'))}
          {btn('vote', 'delib.action.vote', () => setDialog('vote'), true)}
          {btn('decide', 'delib.action.decide', () => setDialog('decide'))}
          {btn('addTask', 'delib.action.addTask', () => setDialog('addTask'), true)}
          {btn('sort', 'delib.action.sort', () => setDialog('sort'))}
          {(can('deliberate') || can('vote')) && <Button onClick={() => setDialog('consult')} data-testid="delib-topic-consult">{t('delib.action.consult')}</Button>}
          {btn('merge', 'delib.action.merge', () => { findTargets(''); setDialog('merge'); })}
          {btn('decline', 'delib.action.decline', () => setDialog('decline'))}
          {btn('close', 'delib.action.close', () => setDialog('close'))}
        </Space>}>
        <Descriptions column={{ xs: 1, md: 3 }} items={[
          { key: 'kind', label: t('delib.col.kind'), children: t(key('kind', topic.kind)) },
          { key: 'field', label: t('delib.col.field'), children: t(key('field', topic.field)) },
          { key: 'org', label: t('delib.col.community'), children: topic.orgName },
          { key: 'raiser', label: t('delib.col.raiser'), children: `${topic.raiserName}（${t(key('source', topic.source))}）` },
          { key: 'at', label: t('delib.col.createdAt'), children: fmtTime(topic.createdAt) },
          { key: 'vote', label: t('delib.topic.voteLink'), children: topic.voteId ? <Link to={`/app/votes/${topic.voteId}`} data-testid="delib-topic-vote-link">#{topic.voteId}</Link> : '—' },
        ]} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{topic.description}</Typography.Paragraph>
        {topic.photos.length > 0 && <Photos urls={topic.photos} />}
        {topic.reason && <Alert type="warning" showIcon title={`${t('delib.col.reason')}：${topic.reason}`} />}
        {topic.mergedInto && <Alert type="info" showIcon title={<Link to={`/app/topics/${topic.mergedInto.id}`}>{t('delib.topic.mergedInto', { title: topic.mergedInto.title })}</Link>} />}
      </Card>
      <Flex gap={16} wrap>
        <Card title={t('delib.topic.decision')} style={{ flex: '1 1 320px' }}>{decision ? <DecisionView d={decision} /> : t('delib.none')}</Card>
        <Card title={t('delib.topic.meetings')} style={{ flex: '1 1 320px' }}>
          <List size="small" dataSource={meetings} locale={{ emptyText: t('delib.none') }} renderItem={(m) => <List.Item><Link to={`/app/delib-meetings/${m.id}`}>{m.title}</Link> {fmtTime(m.startsAt)}</List.Item>} />
          <Typography.Text strong>{t('delib.topic.consultations')}</Typography.Text>
          <List size="small" dataSource={consultations} locale={{ emptyText: t('delib.none') }} renderItem={(c) => <List.Item><Link to={`/app/delib-consultations/${c.id}`}>{c.title}</Link> {t(key('mode', c.mode))}</List.Item>} />
          {mergedHere.length > 0 && <><Typography.Text strong>{t('delib.topic.mergedHere')}</Typography.Text>
            <List size="small" dataSource={mergedHere} renderItem={(m) => <List.Item><Link to={`/app/topics/${m.id}`}>#{m.id} {m.title}</Link></List.Item>} /></>}
        </Card>
      </Flex>
      <Card title={t('delib.topic.tasks')} data-testid="delib-topic-tasks">
        <TaskCards tasks={tasks} actions={(task) => (
          <Space style={{ marginTop: 8 }}>
            {task.actions.includes('progress') && <Button size="small" onClick={() => setDialog({ progress: task.id })} data-testid={`delib-task-${task.id}-progress`}>{t('delib.action.progress')}</Button>}
            {task.actions.includes('cancel') && <Button size="small" danger onClick={() => setDialog({ cancel: task.id })}>{t('delib.action.cancelTask')}</Button>}
          </Space>
        )} />
      </Card>
      <Card title={t('delib.topic.history')}><History events={events} /></Card>
      {open && <InputDialog open title={t(open.title)} fields={open.fields} note={open.note} initial={open.initial}
        testId="delib-dialog" onSubmit={open.submit} onClose={() => setDialog(null)} />}
    </Flex>
  );
}

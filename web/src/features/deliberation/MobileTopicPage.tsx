import { useState } from 'react';
import { Alert, Button, Card, Flex, List, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useTopic, useWrite } from './api';
import { InputDialog } from './InputDialog';
import { DecisionView, History, Photos, TaskCards } from './Timeline';
import { StatusTag, fmtTime, key } from './labels';

/** Phone: one topic as its raiser, a voter or a neighbour sees it — status, reason, the vote, the decision, the tasks' progress and the history. */
export default function MobileTopicPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useTopic(id);
  const [progressOf, setProgressOf] = useState<number | null>(null);
  const report = useWrite<Record<string, unknown>>('post', () => `/delib-tasks/${progressOf}/progress`);
  if (q.isLoading) return <PageSpinner fullScreen />;
  if (q.error || !q.data) return <MobilePage title={t('delib.m.title')} back="/m/topics"><ErrorState error={q.error} onRetry={() => void q.refetch()} /></MobilePage>;
  const { topic, decision, tasks, events, consultations } = q.data;
  return (
    <MobilePage title={topic.title} back="/m/topics" testId="m-topic">
      <Flex vertical gap={12}>
        <Card size="small">
          <Space wrap><StatusTag status={topic.status} t={t} /><Tag>{t(key('field', topic.field))}</Tag>{topic.kind === 'wish' && <Tag color="magenta">{t('delib.kind.wish')}</Tag>}</Space>
          <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{topic.description}</Typography.Paragraph>
          {topic.photos.length > 0 && <Photos urls={topic.photos} />}
          <div /><Typography.Text type="secondary">{`${topic.raiserName} · ${topic.orgName} · ${fmtTime(topic.createdAt)}`}</Typography.Text>
        </Card>
        {topic.reason && <Alert type="warning" showIcon title={`${t('delib.col.reason')}：${topic.reason}`} data-testid="m-topic-reason" />}
        {topic.mergedInto && <Alert type="info" showIcon title={<Link to={`/m/topics/${topic.mergedInto.id}`} data-testid="m-topic-merged">{t('delib.topic.mergedInto', { title: topic.mergedInto.title })}</Link>} />}
        {topic.voteId && <Link to={`/m/votes/${topic.voteId}`}><Button block type={topic.status === 'voting' ? 'primary' : 'default'} data-testid="m-topic-vote">{t('delib.m.goVote')}</Button></Link>}
        {decision && <Card size="small" title={t('delib.topic.decision')} data-testid="m-topic-decision"><DecisionView d={decision} /></Card>}
        {tasks.length > 0 && (
          <Card size="small" title={t('delib.m.feedback')} data-testid="m-topic-tasks">
            <TaskCards tasks={tasks} actions={(task) => task.actions.includes('progress') && (
              <Button size="small" style={{ marginTop: 8 }} onClick={() => setProgressOf(task.id)} data-testid={`m-task-${task.id}-progress`}>{t('delib.action.progress')}</Button>)} />
          </Card>
        )}
        {consultations.length > 0 && (
          <Card size="small" title={t('delib.topic.consultations')}>
            <List size="small" dataSource={consultations} renderItem={(c) => <List.Item><Link to={`/m/consultations/${c.id}`}>{c.title}</Link></List.Item>} />
          </Card>
        )}
        <Card size="small" title={t('delib.m.whatHappened')}><History events={events} /></Card>
      </Flex>
      <InputDialog open={progressOf !== null} title={t('delib.action.progress')} testId="m-progress" onClose={() => setProgressOf(null)} onSubmit={(v) => report.mutateAsync(v)}
        fields={[
          { name: 'progress', label: t('delib.task.percent'), kind: 'number', min: 0, max: 100, required: true },
          { name: 'note', label: t('delib.task.progressNote'), kind: 'textarea', required: true, max: 2000 },
          { name: 'photoIds', label: t('delib.photos'), kind: 'photos' },
        ]} />
    </MobilePage>
  );
}

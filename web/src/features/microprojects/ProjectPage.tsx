import { Button, Card, Col, Descriptions, Row, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { completeProject, exportSpending, updateMilestone, useMicroWrite, useProject } from './api';
import { ProjectTag, yuan } from './labels';
import { CommentList, PhotoStrip, ProjectProgress, RatingSummary, SpendingTable } from './ProjectParts';
import { MilestoneButton, PhotoButton, SpendingButton } from './ProjectWriteForms';
import { ReplyButton } from './ReplyButton';

/** /app/micro-projects/:id: a winning project's implementation — milestones, spending, photos — and residents' comments and ratings. */
export default function ProjectPage() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const q = useProject(id);
  const complete = useMicroWrite((_: void) => completeProject(id));
  const markDone = useMicroWrite((mid: number) => updateMilestone(mid, { doneOn: new Date().toISOString().slice(0, 10) }));
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  const can = (a: string) => p.actions.includes(a);
  const onComplete = () => feedback.modal.confirm({ title: t('mp.project.complete'), content: t('mp.project.completeConfirm'), onOk: () => complete.mutateAsync(undefined).catch((e) => { feedback.error(e); throw e; }) });
  return (
    <Card title={<Space>{p.title}<ProjectTag status={p.status} t={t} /></Space>} data-testid="project-page"
      extra={<Space>
        <Link to={`/app/micro-rounds/${p.roundId}`}><Button>{t('mp.project.round')}</Button></Link>
        <ExportButton run={() => exportSpending({ projectId: p.id })} testId="project-spending-export" label={t('mp.exportSpending')} />
        {can('complete') && <Button type="primary" onClick={onComplete} data-testid="project-complete">{t('mp.project.complete')}</Button>}
      </Space>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('mp.f.community')}>{`${p.orgName} ${p.year}`}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.votes')}>{p.votes}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.cost')}>{yuan(p.costFen)}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.location')}>{p.location ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.description')} span={2}>{p.description}</Descriptions.Item>
        {p.completionNote && <Descriptions.Item label={t('mp.f.completionNote')} span={3}>{p.completionNote}</Descriptions.Item>}
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('mp.progress')} extra={can('milestone') && <MilestoneButton p={p} />} style={{ marginBottom: 16 }}>
            <ProjectProgress p={p} />
            {can('milestone') && p.milestones.filter((m) => !m.doneOn).map((m) => (
              <Button key={m.id} size="small" style={{ marginRight: 8 }} onClick={() => markDone.mutateAsync(m.id).catch(feedback.error)} data-testid={`milestone-done-${m.id}`}>{t('mp.milestone.markDone', { title: m.title })}</Button>
            ))}
          </Card>
          <Card size="small" title={t('mp.photos')} extra={can('photo') && <PhotoButton p={p} />} style={{ marginBottom: 16 }}><PhotoStrip p={p} /></Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('mp.spending')} extra={can('spend') && <SpendingButton p={p} />} style={{ marginBottom: 16 }}><SpendingTable rows={p.spending} /></Card>
          <Card size="small" title={t('mp.comments')} style={{ marginBottom: 16 }}><CommentList p={p} extra={(c) => (can('reply') ? <ReplyButton c={c} /> : null)} /></Card>
          <Card size="small" title={t('mp.ratings')}><RatingSummary p={p} /></Card>
        </Col>
      </Row>
    </Card>
  );
}

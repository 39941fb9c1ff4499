import { Button, Card, Form, Input, Rate, Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { addComment, rateProject, useMicroWrite, useProject } from './api';
import { ProjectTag } from './labels';
import { CommentList, PhotoStrip, ProjectProgress, RatingSummary, SpendingTable } from './ProjectParts';

/** /m/micro/projects/:id: a project in public — progress, spending, photos — with supervision comments and, once completed, a rating. */
export default function MobileProject() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const q = useProject(id);
  const [cform] = Form.useForm<{ body: string }>();
  const [rform] = Form.useForm<{ score: number; comment?: string }>();
  const comment = useMicroWrite((body: string) => addComment(id, body));
  const rate = useMicroWrite((v: { score: number; comment?: string }) => rateProject(id, v));
  const onComment = async () => {
    const { body } = await cform.validateFields();
    await comment.mutateAsync(body).then(() => { cform.resetFields(); feedback.success(t('mp.m.commented')); }, feedback.error);
  };
  const onRate = async () => {
    const v = await rform.validateFields();
    await rate.mutateAsync(v).then(() => feedback.success(t('mp.m.rated')), feedback.error);
  };
  return (
    <MobilePage title={t('mp.m.project')} back="/m/micro" testId="m-project">
      {q.isPending ? <PageSpinner /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (() => {
        const p = q.data;
        return (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Space wrap><Typography.Title level={5} style={{ margin: 0 }}>{p.title}</Typography.Title><ProjectTag status={p.status} t={t} /></Space>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{p.description}</Typography.Paragraph>
            <Card size="small" title={t('mp.progress')}><ProjectProgress p={p} /></Card>
            <Card size="small" title={t('mp.spending')}><SpendingTable rows={p.spending} /></Card>
            <Card size="small" title={t('mp.photos')}><PhotoStrip p={p} /></Card>
            <Card size="small" title={t('mp.ratings')}>
              <RatingSummary p={p} />
              {p.myRating && <Typography.Paragraph data-testid="m-my-rating">{t('mp.m.myRating', { n: p.myRating.score })}</Typography.Paragraph>}
              {p.actions.includes('rate') && (
                <Form form={rform} layout="vertical" style={{ marginTop: 8 }}>
                  <Form.Item name="score" label={t('mp.m.rate')} rules={[{ required: true, message: t('common.required', { field: t('mp.m.rate') }) }]}><Rate data-testid="m-rate" /></Form.Item>
                  <Form.Item name="comment"><Input maxLength={500} placeholder={t('mp.m.rateComment')} /></Form.Item>
                  <Button type="primary" block loading={rate.isPending} onClick={() => void onRate()} data-testid="m-rate-submit">{t('mp.m.rateSubmit')}</Button>
                </Form>
              )}
            </Card>
            <Card size="small" title={t('mp.comments')}>
              <CommentList p={p} />
              {p.actions.includes('comment') && (
                <Form form={cform} layout="vertical" style={{ marginTop: 8 }}>
                  <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mp.f.comment') }) }]}>
                    <Input.TextArea rows={3} maxLength={1000} placeholder={t('mp.m.commentHint')} data-testid="m-comment" />
                  </Form.Item>
                  <Button block loading={comment.isPending} onClick={() => void onComment()} data-testid="m-comment-submit">{t('mp.m.commentSubmit')}</Button>
                </Form>
              )}
            </Card>
          </Space>
        );
      })()}
    </MobilePage>
  );
}

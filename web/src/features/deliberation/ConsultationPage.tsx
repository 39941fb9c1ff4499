import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useConsultation, useWrite } from './api';
import { Comments } from './Comments';
import { InputDialog } from './InputDialog';
import { fmtTime, key } from './labels';
import type { Comment } from './types';

/** Console: one consultation — the question, the thread with moderation (hide with a reason), closing with a summary. */
export default function ConsultationPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useConsultation(id);
  const [hiding, setHiding] = useState<Comment | null>(null);
  const [closing, setClosing] = useState(false);
  const hide = useWrite<{ id: number; reason: string }>('post', (v) => `/delib-comments/${v.id}/hide`, (v) => ({ reason: v.reason }));
  const close = useWrite<Record<string, unknown>>('patch', () => `/delib-consultations/${id}`, (v) => ({ status: 'closed', ...v }));
  if (q.isLoading) return <PageSpinner />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { consultation: c, comments } = q.data;
  return (
    <Flex vertical gap={16} data-testid="delib-consultation-page">
      <Card title={<Space><Link to="/app/delib-consultations">{t('delib.consult.back')}</Link><span>{c.title}</span><Tag>{t(key('mode', c.mode))}</Tag></Space>}
        extra={c.actions.includes('close') && <Button onClick={() => setClosing(true)} data-testid="delib-consultation-close">{t('delib.consult.close')}</Button>}>
        <Descriptions column={{ xs: 1, md: 3 }} items={[
          { key: 'topic', label: t('delib.col.topic'), children: <Link to={`/app/topics/${c.topicId}`}>{c.topicTitle}</Link> },
          { key: 'closes', label: t('delib.col.closesAt'), children: fmtTime(c.closesAt) || '—' },
          { key: 'status', label: t('delib.col.status'), children: c.open ? t('delib.status.deliberating') : t('delib.consult.closed') },
        ]} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.question}</Typography.Paragraph>
        {c.summary && <Typography.Paragraph><Typography.Text strong>{t('delib.consult.summary')}：</Typography.Text>{c.summary}</Typography.Paragraph>}
      </Card>
      <Card title={`${t('delib.col.comments')}（${c.comments}）`}>
        <Comments consultationId={id} comments={comments} canComment={c.actions.includes('comment')} onHide={setHiding} />
      </Card>
      <InputDialog open={hiding !== null} title={t('delib.consult.hide')} testId="delib-hide" onClose={() => setHiding(null)}
        fields={[{ name: 'reason', label: t('delib.col.reason'), kind: 'textarea', required: true, max: 500 }]}
        onSubmit={(v) => hide.mutateAsync({ id: hiding!.id, reason: String(v.reason) })} />
      <InputDialog open={closing} title={t('delib.consult.close')} testId="delib-close-consultation" onClose={() => setClosing(false)}
        fields={[{ name: 'summary', label: t('delib.consult.summary'), kind: 'textarea', max: 4000 }]} onSubmit={(v) => close.mutateAsync(v)} />
    </Flex>
  );
}

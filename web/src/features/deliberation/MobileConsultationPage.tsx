import { Card, Flex, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useConsultation } from './api';
import { Comments } from './Comments';
import { fmtTime, key } from './labels';

/** Phone: a consultation of the resident's community — the question and the thread, with a box to comment while it is open. */
export default function MobileConsultationPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useConsultation(id);
  if (q.isLoading) return <PageSpinner fullScreen />;
  if (q.error || !q.data) return <MobilePage title={t('delib.consult.title')} back="/m/topics"><ErrorState error={q.error} onRetry={() => void q.refetch()} /></MobilePage>;
  const { consultation: c, comments } = q.data;
  return (
    <MobilePage title={c.title} back="/m/topics" testId="m-consultation">
      <Flex vertical gap={12}>
        <Card size="small">
          <Tag>{t(key('mode', c.mode))}</Tag>{c.closesAt && <Typography.Text type="secondary">{`${t('delib.col.closesAt')} ${fmtTime(c.closesAt)}`}</Typography.Text>}
          <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{c.question}</Typography.Paragraph>
          <Link to={`/m/topics/${c.topicId}`}>{c.topicTitle}</Link>
          {c.summary && <Typography.Paragraph style={{ marginTop: 8 }}><Typography.Text strong>{t('delib.consult.summary')}：</Typography.Text>{c.summary}</Typography.Paragraph>}
        </Card>
        <Card size="small" title={`${t('delib.col.comments')}（${c.comments}）`}>
          <Comments consultationId={id} comments={comments} canComment={c.actions.includes('comment')} />
        </Card>
      </Flex>
    </MobilePage>
  );
}

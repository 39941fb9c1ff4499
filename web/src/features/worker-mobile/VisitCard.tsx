import { Button, Card, Image, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSetFollowUp } from './api';
import type { Visit } from './types';

/** One visit on the phone: place, time, findings, photos and the follow-up state. */
export function VisitCard({ visit }: { visit: Visit }) {
  const t = useT();
  const feedback = useFeedback();
  const setFollowUp = useSetFollowUp();
  const canComplete = visit.actions.includes('complete_follow_up');

  const onComplete = async () => {
    try {
      await setFollowUp.mutateAsync({ id: visit.id, followUpDone: true });
      feedback.success(t('wm.followUpDone'));
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Card size="small" data-testid={`wm-visit-${visit.id}`}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <Typography.Text strong>{visit.householdPlace}</Typography.Text>
          {visit.followUp &&
            (visit.followUpDoneAt ? <Tag color="success">{t('wm.followUpDoneTag')}</Tag> : <Tag color="warning">{t('wm.followUpOpen')}</Tag>)}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(visit.visitedAt)} · {visit.visitorName}
        </Typography.Text>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
          {visit.findings}
        </Typography.Paragraph>
        {visit.followUpNote && <Typography.Text type="secondary">{t('wm.followUpNote')}：{visit.followUpNote}</Typography.Text>}
        {visit.photoUrls.length > 0 && (
          <Image.PreviewGroup>
            <Space size={4} wrap>
              {visit.photoUrls.map((u) => (
                <Image key={u} src={u} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {canComplete && (
          <Button block onClick={() => void onComplete()} loading={setFollowUp.isPending} data-testid={`wm-visit-${visit.id}-done`}>
            {t('wm.markFollowUpDone')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

import { useState } from 'react';
import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useSummonsAction } from './api';
import { SummonsReportModal } from './SummonsReportModal';
import type { Summons } from './types';

/** 吹哨报到: the departments summoned to the request; a summoned department checks in, then reports. */
export function SummonsCard({ requestId, summons }: { requestId: number; summons: Summons[] }) {
  const t = useT();
  const feedback = useFeedback();
  const checkIn = useSummonsAction(requestId);
  const [reporting, setReporting] = useState<Summons | null>(null);

  const onCheckIn = async (s: Summons) => {
    try {
      await checkIn.mutateAsync({ summonsId: s.id, action: 'check-in' });
      feedback.success(t('req.summons.checkInDone'));
    } catch (err) {
      feedback.error(err);
    }
  };

  const item = (s: Summons) => (
    <List.Item
      key={s.id}
      data-testid={`summons-${s.id}`}
      actions={[
        s.actions.includes('check_in') && (
          <Button key="in" type="primary" size="small" loading={checkIn.isPending} onClick={() => void onCheckIn(s)} data-testid={`summons-${s.id}-check-in`}>
            {t('req.summons.checkIn')}
          </Button>
        ),
        s.actions.includes('report') && (
          <Button key="report" size="small" onClick={() => setReporting(s)} data-testid={`summons-${s.id}-report`}>
            {t('req.summons.reportBtn')}
          </Button>
        ),
      ].filter(Boolean)}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text strong>{s.orgName}</Typography.Text>
          {s.checkedInAt && <Tag color="green">{t('req.summons.checkedIn')}</Tag>}
          {s.reportedAt && <Tag color="blue">{t('req.summons.reported')}</Tag>}
          {s.late && <Tag color="red">{t('req.summons.late')}</Tag>}
          {s.supervisedAt && <Tag color="volcano">{t('req.summons.supervised')}</Tag>}
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('req.summons.reason')}>{s.reason}</Descriptions.Item>
          <Descriptions.Item label={t('req.summons.whistledAt')}>{formatDateTime(s.whistledAt)}</Descriptions.Item>
          <Descriptions.Item label={t('req.summons.dueAt')}>{formatDateTime(s.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('req.summons.checkedInAt')}>{s.checkedInAt ? formatDateTime(s.checkedInAt) : '—'}</Descriptions.Item>
          {s.report && <Descriptions.Item label={t('req.summons.report')} span={2}>{s.report}</Descriptions.Item>}
        </Descriptions>
      </Space>
    </List.Item>
  );

  return (
    <Card size="small" title={t('req.summons.title')} data-testid="request-summons">
      {summons.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('req.summons.empty')} /> : <List dataSource={summons} renderItem={item} />}
      {reporting && <SummonsReportModal requestId={requestId} summons={reporting} onClose={() => setReporting(null)} />}
    </Card>
  );
}

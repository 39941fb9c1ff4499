import { Empty, Space, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { eventLabel, statusLabel } from './labels';
import type { RequestEvent } from './types';

const COLOR: Record<string, string> = { resolve: 'green', rate: 'green', return: 'red', overdue: 'red', escalate: 'red', close: 'gray', merge: 'gray' };

/** 办理进度: every event of the request, oldest first, with who, which unit and the note. */
export function RequestTimeline({ events }: { events: RequestEvent[] }) {
  const t = useT();
  if (!events.length) return <Empty description={t('req.timelineEmpty')} />;
  return (
    <Timeline
      data-testid="request-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: COLOR[e.action] ?? 'blue',
        title: formatDateTime(e.at),
        content: (
          <Space orientation="vertical" size={0} data-testid={`timeline-${e.action}`}>
            <Typography.Text strong>
              {eventLabel(t, e.action)}
              {e.fromStatus !== e.toStatus && ` → ${statusLabel(t, e.toStatus)}`}
            </Typography.Text>
            {(e.actorName || e.targetOrgName) && (
              <Typography.Text type="secondary">{[e.actorName, e.targetOrgName && `→ ${e.targetOrgName}`].filter(Boolean).join(' ')}</Typography.Text>
            )}
            {e.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

import type { ReactNode } from 'react';
import { Empty, Image, Progress, Space, Tag, Timeline as AntTimeline, Typography } from 'antd';
import { useT } from '../../lib/i18n';
import { countsText, fmtTime, key } from './labels';
import type { Decision, TaskDetail, TopicEvent } from './types';

/** A topic's history (who, when, what) — the same list the raiser sees on the phone. */
export function History({ events }: { events: TopicEvent[] }) {
  const t = useT();
  return (
    <AntTimeline data-testid="delib-history" items={events.map((e) => ({
      key: e.id,
      children: (
        <div data-testid={`delib-event-${e.kind}`}>
          <Typography.Text strong>{t(key('event', e.kind))}</Typography.Text>
          {e.toStatus && e.fromStatus !== e.toStatus && <Tag style={{ marginInlineStart: 8 }}>{t(key('status', e.toStatus))}</Tag>}
          <div><Typography.Text type="secondary">{fmtTime(e.createdAt)}{e.actorName ? ` · ${e.actorName}` : ''}</Typography.Text></div>
          {e.note && <div>{e.note}</div>}
          {e.kind === 'voteClosed' && e.data && <div>{countsText(t, { eligible: e.data.eligible as number, cast: e.data.cast as number, counts: e.data.counts as Record<string, number> })}</div>}
          {e.kind === 'progress' && e.data && <div>{`${String(e.data.taskTitle ?? '')} ${String(e.data.progress ?? '')}%`}</div>}
        </div>
      ),
    }))} />
  );
}

export function DecisionView({ d }: { d: Decision }) {
  const t = useT();
  return (
    <Space direction="vertical" data-testid="delib-decision">
      <Tag color={d.outcome === 'adopted' ? 'green' : 'volcano'} data-testid="delib-decision-outcome">{t(d.outcome === 'adopted' ? 'delib.decision.adopted' : 'delib.decision.rejected')}</Tag>
      {countsText(t, d) && <Typography.Text data-testid="delib-decision-counts">{countsText(t, d)}</Typography.Text>}
      {d.summary && <Typography.Paragraph style={{ margin: 0 }}>{d.summary}</Typography.Paragraph>}
      <Typography.Text type="secondary">{fmtTime(d.decidedAt)}</Typography.Text>
    </Space>
  );
}

/** Tasks with their progress and updates; `actions` renders the buttons a worker or owner may use. */
export function TaskCards({ tasks, actions }: { tasks: TaskDetail[]; actions?: (task: TaskDetail['task']) => ReactNode }) {
  const t = useT();
  if (!tasks.length) return <Empty description={t('delib.topic.noTasks')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {tasks.map(({ task, updates }) => (
        <div key={task.id} data-testid={`delib-task-${task.id}`} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}>
          <Space wrap>
            <Typography.Text strong>{task.title}</Typography.Text>
            <Tag>{t(key('taskStatus', task.status))}</Tag>
            {task.overdue && <Tag color="red">{t('delib.task.overdue')}</Tag>}
          </Space>
          <div><Typography.Text type="secondary">{`${t(key('owner', task.ownerKind))} · ${task.ownerName} · ${t('delib.col.dueOn')} ${task.dueOn}`}</Typography.Text></div>
          <Progress percent={task.progress} size="small" status={task.status === 'cancelled' ? 'exception' : undefined} />
          {updates.map((u) => (
            <div key={u.id} data-testid="delib-task-update"><Typography.Text type="secondary">{fmtTime(u.createdAt)} {u.authorName} · {u.progress}%</Typography.Text> {u.note}
              {u.photos.length > 0 && <div><Photos urls={u.photos} /></div>}</div>
          ))}
          {actions?.(task)}
        </div>
      ))}
    </Space>
  );
}

/** Thumbnails of a topic's or a progress report's photos (served by GET /topics/:id/photos/:photoId). */
export function Photos({ urls }: { urls: string[] }) {
  return (
    <Image.PreviewGroup>
      <Space wrap size={6} data-testid="delib-photos">{urls.map((u) => <Image key={u} src={u} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} />)}</Space>
    </Image.PreviewGroup>
  );
}

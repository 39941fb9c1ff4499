import { Empty, Image, List, Progress, Rate, Space, Steps, Table, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { photoUrl } from './api';
import { yuan } from './labels';
import type { Project, Spending } from './types';

/** The public parts of a project, shared by the console and the phone: progress, spending, photos, comments, ratings. */
export function ProjectProgress({ p }: { p: Project }) {
  const t = useT();
  const pct = p.costFen ? Math.floor((p.spentFen * 100) / p.costFen) : 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t('mp.spentOf', { spent: yuan(p.spentFen), cost: yuan(p.costFen) })}</Typography.Text>
      <Progress percent={pct} data-testid="project-spent" />
      {p.milestones.length === 0 ? <Typography.Text type="secondary">{t('mp.empty.milestones')}</Typography.Text> : (
        <Steps direction="vertical" size="small" current={p.milestones.filter((m) => m.doneOn).length} data-testid="project-milestones"
          items={p.milestones.map((m) => ({
            title: m.title, status: m.doneOn ? 'finish' : 'wait',
            description: `${t('mp.planned')} ${m.plannedOn}${m.doneOn ? ` · ${t('mp.done')} ${m.doneOn}` : ''}${m.note ? ` · ${m.note}` : ''}`,
          }))} />
      )}
    </Space>
  );
}

export function SpendingTable({ rows }: { rows: Spending[] }) {
  const t = useT();
  return (
    <Table<Spending> rowKey="id" size="small" pagination={false} dataSource={rows} locale={{ emptyText: t('mp.empty.spending') }} data-testid="project-spending"
      columns={[
        { title: t('mp.f.date'), dataIndex: 'spentOn', width: 110 },
        { title: t('mp.f.amountYuan'), key: 'a', render: (_, s) => yuan(s.amountFen) },
        { title: t('mp.f.payee'), dataIndex: 'payee' },
        { title: t('mp.f.note'), dataIndex: 'note' },
      ]} />
  );
}

export function PhotoStrip({ p }: { p: Project }) {
  const t = useT();
  if (!p.photos.length) return <Typography.Text type="secondary">{t('mp.empty.photos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid="project-photos">
        {p.photos.map((ph) => <Image key={ph.id} src={photoUrl(ph.attachmentId)} width={96} height={96} style={{ objectFit: 'cover' }} alt={ph.caption} />)}
      </Space>
    </Image.PreviewGroup>
  );
}

export function CommentList({ p, extra }: { p: Project; extra?: (c: Project['comments'][number]) => React.ReactNode }) {
  const t = useT();
  if (!p.comments.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mp.empty.comments')} />;
  return (
    <List size="small" dataSource={p.comments} data-testid="project-comments" renderItem={(c) => (
      <List.Item extra={extra?.(c)}>
        <List.Item.Meta title={`${c.authorName} · ${formatDateTime(c.createdAt)}`} description={
          <Space direction="vertical" size={2}>
            <Typography.Text>{c.body}</Typography.Text>
            {c.reply && <Typography.Text type="success" data-testid={`comment-reply-${c.id}`}>{t('mp.reply')}: {c.reply}</Typography.Text>}
          </Space>} />
      </List.Item>
    )} />
  );
}

export function RatingSummary({ p }: { p: Project }) {
  const t = useT();
  if (!p.ratingCount) return <Typography.Text type="secondary">{t('mp.empty.ratings')}</Typography.Text>;
  return (
    <Space direction="vertical" size={4}>
      <Space><Rate disabled allowHalf value={p.ratingAverage ?? 0} /><span data-testid="rating-average">{t('mp.ratingAvg', { avg: p.ratingAverage ?? 0, n: p.ratingCount })}</span></Space>
      {p.ratings.filter((r) => r.comment).slice(0, 20).map((r) => <Typography.Text key={r.id} type="secondary">{'★'.repeat(r.score)} {r.comment}</Typography.Text>)}
    </Space>
  );
}

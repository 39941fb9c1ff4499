import { Button, Card, Rate, Space, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useT, type MessageKey } from '../../lib/i18n';
import { TrancheTag } from './labels';
import { yuan } from './money';
import type { StepSpec } from './StepModal';
import type { Bid, Project, Supervision, Tranche } from './types';

interface Props { project: Project; onStep: (s: StepSpec) => void; onConfirm: (path: string, title: MessageKey) => void }

/** The project's whole timeline: bids and scores, milestones, activities, beneficiaries, tranches with their trace, supervision with replies. */
export function Timeline({ project: p, onStep, onConfirm }: Props) {
  const t = useT();
  const a = (x: string) => p.actions.includes(x);
  const section = (title: MessageKey, testId: string, node: React.ReactNode) => <Card size="small" title={t(title)} data-testid={testId}>{node}</Card>;
  const empty = { emptyText: t('proj.none') };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {p.awardMode === 'competition' && section('proj.detail.bids', 'project-bids', <>
        <Typography.Paragraph type="secondary">{t('proj.tieRule')}{p.criteria.length > 0 && ` · ${p.criteria.map((c) => `${c.name} ${c.max}`).join(' / ')}`}</Typography.Paragraph>
        <Table<Bid> rowKey="id" size="small" pagination={false} dataSource={p.bids} locale={empty} columns={[
          { title: t('proj.f.socialOrg'), dataIndex: 'socialOrgName', render: (v: string, b) => <Space>{v}{b.status === 'awarded' && <Tag color="green">✓</Tag>}</Space> },
          { title: t('proj.f.price'), dataIndex: 'price', render: yuan },
          { title: t('proj.f.plan'), dataIndex: 'plan', ellipsis: true },
          { title: t('proj.f.scores'), dataIndex: 'scoreCount' },
          { title: t('proj.f.mean'), dataIndex: 'meanScore', render: (v: number | null) => v ?? '—' },
          { title: t('proj.f.rank'), dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
          { title: t('proj.f.myScores'), dataIndex: 'myScores', render: (v: number[] | null) => v?.join(' / ') ?? '—' },
          ...(a('scoreBid') ? [{ title: t('common.actions'), key: 'a', render: (_: unknown, b: Bid) => <Button size="small" data-testid={`bid-score-${b.id}`} onClick={() => onStep({
            title: 'proj.step.score', path: `/bids/${b.id}/scores`, testId: 'score-form', extra: (v) => ({ scores: p.criteria.map((_c, i) => v[`s${i}`]) }),
            fields: p.criteria.map((c, i) => ({ name: `s${i}`, label: 'proj.f.criterionName' as MessageKey, kind: 'number' as const, min: 0, max: c.max, step: 0.5, initial: b.myScores?.[i] })),
          })}>{t('proj.step.score')}</Button> }] : []),
        ]} />
      </>)}
      {section('proj.detail.milestones', 'project-milestones', <Table rowKey="id" size="small" pagination={false} dataSource={p.milestones} locale={empty} columns={[
        { title: t('proj.f.title'), dataIndex: 'title' },
        { title: t('proj.f.dueOn'), dataIndex: 'dueOn' },
        { title: t('proj.f.doneAt'), key: 'done', render: (_: unknown, m: Project['milestones'][number]) => m.doneAt ? `${formatDateTime(m.doneAt)} ${m.doneNote ?? ''}` : (a('implement')
          ? <Button size="small" data-testid={`milestone-done-${m.id}`} onClick={() => onStep({ title: 'proj.step.milestoneDone', path: `/milestones/${m.id}/done`, testId: 'milestone-done-form', fields: [{ name: 'note', label: 'proj.f.note', kind: 'text', required: false }] })}>{t('proj.step.milestoneDone')}</Button>
          : '—') },
      ]} />)}
      {section('proj.detail.activities', 'project-activities', <Table rowKey="id" size="small" pagination={false} dataSource={p.activities} locale={empty} columns={[
        { title: t('proj.f.heldOn'), dataIndex: 'heldOn' }, { title: t('proj.f.title'), dataIndex: 'title' },
        { title: t('proj.f.participants'), dataIndex: 'participants' }, { title: t('proj.f.note'), dataIndex: 'note' },
      ]} />)}
      {section('proj.detail.beneficiaries', 'project-beneficiaries', <Table rowKey="id" size="small" pagination={false} dataSource={p.beneficiaries} locale={empty} columns={[
        { title: t('proj.f.servedOn'), dataIndex: 'servedOn' }, { title: t('proj.f.count'), dataIndex: 'count' },
        { title: t('proj.f.resident'), dataIndex: 'residentNameMasked', render: (v: string | null) => v ?? '—' }, { title: t('proj.f.note'), dataIndex: 'note' },
      ]} />)}
      {section('proj.detail.tranches', 'project-tranches', <Table<Tranche> rowKey="id" size="small" pagination={false} dataSource={p.tranches} locale={empty} columns={[
        { title: t('proj.f.seq'), dataIndex: 'seq' }, { title: t('proj.f.amountYuan'), dataIndex: 'amount', render: yuan },
        { title: t('proj.f.purpose'), dataIndex: 'purpose' }, { title: t('proj.f.evidence'), dataIndex: 'evidence' },
        { title: t('proj.f.status'), dataIndex: 'status', render: (s: Tranche['status']) => <TrancheTag status={s} t={t} /> },
        { title: t('proj.f.trace'), key: 'trace', render: (_: unknown, x: Tranche) => <Space direction="vertical" size={0}>
          <span>{t('proj.trace.requested', { name: x.requestedBy, t: formatDateTime(x.requestedAt) })}</span>
          {x.approvedAt && <span>{t('proj.trace.approved', { name: x.approvedBy ?? '', t: formatDateTime(x.approvedAt) })}</span>}
          {x.paidAt && <span>{t('proj.trace.paid', { name: x.paidBy ?? '', t: formatDateTime(x.paidAt) })} · {x.paymentRef}</span>}
          {x.rejectedAt && <span>{t('proj.trace.rejected', { name: x.rejectedBy ?? '', t: formatDateTime(x.rejectedAt) })} · {x.rejectReason}</span>}
        </Space> },
        { title: t('common.actions'), key: 'a', render: (_: unknown, x: Tranche) => <Space size="small">
          {x.actions.includes('approve') && <Button size="small" type="primary" data-testid={`tranche-approve-${x.id}`} onClick={() => onConfirm(`/tranches/${x.id}/approve`, 'proj.step.approveTranche')}>{t('proj.step.approveTranche')}</Button>}
          {x.actions.includes('pay') && <Button size="small" type="primary" data-testid={`tranche-pay-${x.id}`} onClick={() => onStep({ title: 'proj.step.payTranche', path: `/tranches/${x.id}/pay`, testId: 'pay-form', fields: [{ name: 'paymentRef', label: 'proj.f.paymentRef', kind: 'text' }] })}>{t('proj.step.payTranche')}</Button>}
          {x.actions.includes('reject') && <Button size="small" danger onClick={() => onStep({ title: 'proj.step.rejectTranche', path: `/tranches/${x.id}/reject`, testId: 'tranche-reject-form', fields: [{ name: 'reason', label: 'proj.f.reason', kind: 'textarea' }] })}>{t('proj.step.rejectTranche')}</Button>}
        </Space> },
      ]} />)}
      {section('proj.detail.supervision', 'project-supervision', <Table<Supervision> rowKey="id" size="small" pagination={false} dataSource={p.supervision} locale={empty} columns={[
        { title: t('proj.f.kind'), dataIndex: 'kind', render: (k: Supervision['kind']) => <Tag color={k === 'complaint' ? 'red' : k === 'siteVisit' ? 'blue' : 'green'}>{t(`proj.sup.${k}`)}</Tag> },
        { title: t('proj.f.body'), dataIndex: 'body' },
        { title: t('proj.f.rating'), dataIndex: 'rating', render: (v: number | null) => (v ? <Rate disabled value={v} /> : '—') },
        { title: t('proj.f.author'), key: 'author', render: (_: unknown, x: Supervision) => `${x.authorName}（${x.authorRole}）· ${formatDateTime(x.createdAt)}` },
        { title: t('proj.f.reply'), key: 'reply', render: (_: unknown, x: Supervision) => x.reply ?? (a('reply')
          ? <Button size="small" data-testid={`sup-reply-${x.id}`} onClick={() => onStep({ title: 'proj.step.reply', path: `/supervision/${x.id}/reply`, testId: 'reply-form', fields: [{ name: 'reply', label: 'proj.f.reply', kind: 'textarea' }] })}>{t('proj.step.reply')}</Button>
          : '—') },
      ]} />)}
    </Space>
  );
}

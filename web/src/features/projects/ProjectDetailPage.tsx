import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { searchSocialOrgs, step, useFunds, useProject, useProjectWrite } from './api';
import { StatusTag } from './labels';
import { yuan } from './money';
import { ProjectFormModal } from './ProjectFormModal';
import { StepModal, type StepSpec } from './StepModal';
import { Timeline } from './Timeline';
import type { Project } from './types';

/** /app/projects/:id: the application, the review, the award (direct or competition), and the whole implementation timeline with its steps. */
export default function ProjectDetailPage() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const query = useProject(id);
  const [spec, setSpec] = useState<StepSpec | null>(null);
  const [editing, setEditing] = useState(false);
  const [orgOptions, setOrgOptions] = useState<{ value: number; label: string }[]>([]);
  const p = query.data;
  const funds = useFunds({ page: 1, pageSize: 100 });
  const quick = useProjectWrite((path: string) => step(path));
  const confirm = (path: string, title: Parameters<typeof t>[0]) => feedback.modal.confirm({
    title: t(title), onOk: () => quick.mutateAsync(path).then(() => feedback.success(t('proj.done')), (e) => { feedback.error(e); throw e; }),
  });
  const findOrgs = (q: string) => void searchSocialOrgs(q).then((r) => setOrgOptions(r.items.map((o) => ({ value: o.id, label: `${o.name}（${o.orgName}）` }))), () => setOrgOptions([]));

  if (query.isPending) return <PageSpinner />;
  if (query.isError || !p) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const a = (x: string) => p.actions.includes(x);
  const base = `/projects/${p.id}`;
  const lines = (funds.data?.items ?? []).flatMap((f) => f.lines.map((l) => ({ value: l.id, label: `${f.year} ${f.name} / ${l.name}（${t('proj.fund.remaining')} ${yuan(l.remaining)}）` })));

  const steps: { key: string; show: boolean; label: Parameters<typeof t>[0]; run: () => void; primary?: boolean; danger?: boolean }[] = [
    { key: 'edit', show: a('edit'), label: 'proj.step.edit', run: () => setEditing(true) },
    { key: 'submit', show: a('submit'), label: 'proj.step.submit', primary: true, run: () => confirm(`${base}/submit`, 'proj.step.submit') },
    { key: 'approve', show: a('approve'), label: 'proj.step.approve', primary: true, run: () => setSpec({ title: 'proj.step.approve', path: `${base}/approve`, testId: 'approve-form', fields: [
      { name: 'lineId', label: 'proj.f.line', kind: 'select', options: lines },
      { name: 'amount', label: 'proj.f.amountYuan', kind: 'yuan', initial: p.requestedAmount / 100 },
      { name: 'note', label: 'proj.f.note', kind: 'textarea', required: false },
    ] }) },
    { key: 'return', show: a('return'), label: 'proj.step.return', run: () => setSpec({ title: 'proj.step.return', path: `${base}/return`, testId: 'return-form', fields: [{ name: 'reason', label: 'proj.f.reason', kind: 'textarea' }] }) },
    { key: 'reject', show: a('reject'), label: 'proj.step.reject', danger: true, run: () => setSpec({ title: 'proj.step.reject', path: `${base}/reject`, testId: 'reject-form', fields: [{ name: 'reason', label: 'proj.f.reason', kind: 'textarea' }] }) },
    { key: 'awardDirect', show: a('awardDirect'), label: 'proj.step.awardDirect', primary: true, run: () => { findOrgs(''); setSpec({ title: 'proj.step.awardDirect', path: `${base}/award`, testId: 'award-form', extra: (v) => ({ awardeeKind: 'socialOrg', awardeeId: v.awardeeId }), fields: [
      { name: 'awardeeId', label: 'proj.f.socialOrg', kind: 'select', options: orgOptions, onSearch: findOrgs },
    ] }); } },
    { key: 'awardWorker', show: a('awardDirect'), label: 'proj.f.socialWorker', run: () => setSpec({ title: 'proj.step.awardDirect', path: `${base}/award`, testId: 'award-worker-form', extra: (v) => ({ awardeeKind: 'socialWorker', awardeeId: v.awardeeId }), fields: [
      { name: 'awardeeId', label: 'proj.f.socialWorkerId', kind: 'int', min: 1, max: 9007199254740991 },
    ] }) },
    { key: 'openCompetition', show: a('openCompetition'), label: 'proj.step.openCompetition', run: () => setSpec({ title: 'proj.step.openCompetition', path: `${base}/competition`, testId: 'competition-form',
      extra: (v) => ({ deadline: v.deadline, criteria: String(v.criteria).split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [name, max] = l.split(/[:：]/); return { name: name.trim(), max: Number(max) }; }) }),
      fields: [{ name: 'deadline', label: 'proj.f.deadline', kind: 'datetime' }, { name: 'criteria', label: 'proj.f.criteria', kind: 'textarea', initial: '服务方案:50\n团队能力:30\n预算合理性:20' }] }) },
    { key: 'closeBidding', show: a('closeBidding'), label: 'proj.step.closeBidding', run: () => confirm(`${base}/close-bidding`, 'proj.step.closeBidding') },
    { key: 'awardBest', show: a('awardBest'), label: 'proj.step.awardBest', primary: true, run: () => confirm(`${base}/award-best`, 'proj.step.awardBest') },
    { key: 'bid', show: a('bid'), label: 'proj.step.bid', primary: true, run: () => setSpec({ title: 'proj.step.bid', path: `${base}/bids`, testId: 'bid-form', fields: [
      { name: 'price', label: 'proj.f.price', kind: 'yuan', initial: p.approvedAmount / 100 }, { name: 'plan', label: 'proj.f.plan', kind: 'textarea' },
    ] }) },
    { key: 'milestone', show: a('implement'), label: 'proj.step.milestone', run: () => setSpec({ title: 'proj.step.milestone', path: `${base}/milestones`, testId: 'milestone-form', fields: [
      { name: 'title', label: 'proj.f.title', kind: 'text' }, { name: 'dueOn', label: 'proj.f.dueOn', kind: 'date' },
    ] }) },
    { key: 'activity', show: a('implement'), label: 'proj.step.activity', run: () => setSpec({ title: 'proj.step.activity', path: `${base}/activities`, testId: 'activity-form', fields: [
      { name: 'heldOn', label: 'proj.f.heldOn', kind: 'date' }, { name: 'title', label: 'proj.f.title', kind: 'text' }, { name: 'participants', label: 'proj.f.participants', kind: 'int' },
      { name: 'note', label: 'proj.f.note', kind: 'textarea', required: false },
    ] }) },
    { key: 'beneficiary', show: a('implement'), label: 'proj.step.beneficiary', run: () => setSpec({ title: 'proj.step.beneficiary', path: `${base}/beneficiaries`, testId: 'beneficiary-form', fields: [
      { name: 'servedOn', label: 'proj.f.servedOn', kind: 'date' }, { name: 'count', label: 'proj.f.count', kind: 'int', min: 1 }, { name: 'note', label: 'proj.f.note', kind: 'text', required: false },
    ] }) },
    { key: 'requestTranche', show: a('requestTranche'), label: 'proj.step.requestTranche', primary: true, run: () => setSpec({ title: 'proj.step.requestTranche', path: `${base}/tranches`, testId: 'tranche-form', fields: [
      { name: 'amount', label: 'proj.f.amountYuan', kind: 'yuan' }, { name: 'purpose', label: 'proj.f.purpose', kind: 'text' }, { name: 'evidence', label: 'proj.f.evidence', kind: 'textarea', required: false },
    ] }) },
    { key: 'siteVisit', show: a('siteVisit'), label: 'proj.step.siteVisit', run: () => setSpec({ title: 'proj.step.siteVisit', path: `${base}/supervision`, testId: 'visit-form', extra: (v) => ({ ...v, kind: 'siteVisit' }), fields: [
      { name: 'body', label: 'proj.f.body', kind: 'textarea' },
    ] }) },
    { key: 'accept', show: a('accept'), label: 'proj.step.accept', primary: true, run: () => setSpec({ title: 'proj.step.accept', path: `${base}/accept`, testId: 'accept-form', fields: [
      { name: 'result', label: 'proj.f.result', kind: 'select', initial: 'passed', options: [{ value: 'passed', label: t('proj.f.passed') }, { value: 'failed', label: t('proj.f.failed') }] },
      { name: 'score', label: 'proj.f.score', kind: 'number', min: 0, max: 100, step: 0.1 }, { name: 'note', label: 'proj.f.note', kind: 'textarea' },
    ] }) },
    { key: 'close', show: a('close'), label: 'proj.step.close', run: () => setSpec({ title: 'proj.step.close', path: `${base}/close`, testId: 'close-form', fields: [{ name: 'note', label: 'proj.f.closure', kind: 'textarea', required: false }] }) },
  ];
  // The award picker's options arrive after the modal opens; keep them current.
  const shown = spec && spec.testId === 'award-form' ? { ...spec, fields: spec.fields.map((f) => ({ ...f, options: orgOptions })) } : spec;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="project-detail">
      <Card title={<Space><Typography.Text strong data-testid="project-title">{p.title}</Typography.Text><StatusTag status={p.status} t={t} /></Space>}
        extra={<Space wrap>{steps.filter((s) => s.show).map((s) => (
          <Button key={s.key} type={s.primary ? 'primary' : 'default'} danger={s.danger} onClick={s.run} data-testid={`step-${s.key}`}>{t(s.label)}</Button>
        ))}</Space>}>
        {p.reviewNote && <Alert type={p.status === 'rejected' || p.status === 'returned' ? 'warning' : 'info'} message={`${t('proj.f.reviewNote')}：${p.reviewNote}`} style={{ marginBottom: 12 }} />}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label={t('proj.f.kind')}>{t(`proj.kind.${p.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.community')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.period')}>{`${p.periodStart} ~ ${p.periodEnd}`}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.need')} span={3}>{p.need}</Descriptions.Item>
          {p.linkedNeeds && <Descriptions.Item label={t('proj.f.linkedNeeds')} span={3}>{p.linkedNeeds}</Descriptions.Item>}
          <Descriptions.Item label={t('proj.f.budget')} span={3}>{p.budgetItems.map((b) => `${b.item} ${yuan(b.amount)}`).join('；')}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.requested')}>{yuan(p.requestedAmount)}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.approved')}><span data-testid="project-approved">{yuan(p.approvedAmount)}</span></Descriptions.Item>
          <Descriptions.Item label={t('proj.f.line')}>{p.lineName ? `${p.fundName} / ${p.lineName}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.paid')}><span data-testid="project-paid">{yuan(p.paidAmount)}</span></Descriptions.Item>
          <Descriptions.Item label={t('proj.f.room')}><span data-testid="project-room">{yuan(p.trancheRoom)}</span></Descriptions.Item>
          <Descriptions.Item label={t('proj.f.released')}>{yuan(p.releasedAmount)}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.awardee')}><span data-testid="project-awardee">{p.awardeeName ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label={t('proj.f.target')}>{p.beneficiariesTarget}</Descriptions.Item>
          <Descriptions.Item label={t('proj.f.served')}>{p.servedCount}</Descriptions.Item>
          {p.bidDeadline && <Descriptions.Item label={t('proj.f.deadline')}>{formatDateTime(p.bidDeadline)}</Descriptions.Item>}
          {p.acceptanceResult && <Descriptions.Item label={t('proj.f.acceptance')}>{`${t(p.acceptanceResult === 'passed' ? 'proj.f.passed' : 'proj.f.failed')} · ${p.acceptanceScore} · ${p.acceptanceNote ?? ''}`}</Descriptions.Item>}
          {p.closedAt && <Descriptions.Item label={t('proj.f.closure')}>{`${formatDateTime(p.closedAt)} ${p.closureNote ?? ''}`}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Timeline project={p} onStep={setSpec} onConfirm={confirm} />
      <StepModal spec={shown} onClose={() => setSpec(null)} />
      <ProjectFormModal open={editing} project={p as Project} onClose={() => setEditing(false)} />
    </Space>
  );
}

import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCampaign, useWrite } from './api';
import { CampaignFormModal } from './CampaignFormModal';
import { EvaluateesTab } from './EvaluateesTab';
import { SampleTab } from './SampleTab';
import { ResultsTab } from './ResultsTab';
import { RectificationsList } from './RectificationsPage';
import { StatusTag } from './labels';
import type { Campaign } from './types';

/** /app/evaluations/:id: one campaign — configuration, evaluatees and completeness, the sample, results, rectifications. */
export default function CampaignDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useCampaign(id);
  const nav = useNavigate();
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const done = c.status === 'closed' || c.status === 'published';
  return (
    <Card title={<Space><Button type="link" onClick={() => nav('/app/evaluations')}>{t('ev.back')}</Button>{c.title}<StatusTag status={c.status} /></Space>}
      extra={<Actions c={c} />} data-testid="ev-detail">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'org', label: t('ev.col.org'), children: c.orgName },
        { key: 'period', label: t('ev.col.period'), children: `${c.periodStart} ~ ${c.periodEnd}` },
        { key: 'w', label: t('ev.col.weights'), children: `${t('ev.f.wSelf')} ${c.weights.self}% · ${t('ev.f.wPeer')} ${c.weights.peer}% · ${t('ev.f.wResident')} ${c.weights.resident}%` },
        { key: 'pass', label: t('ev.f.passMark'), children: c.passMark },
        { key: 'best', label: t('ev.f.bestN'), children: c.bestN },
        { key: 'sample', label: t('ev.f.sampleSize'), children: `${c.sampleSize} · ${t('ev.f.seed')} ${c.seed}` },
        { key: 'dims', label: t('ev.f.dimensions'), span: 3, children: <Flex wrap gap={4}>{(c.dimensions ?? []).map((d) => <Tag key={d.id}>{d.name}</Tag>)}</Flex> },
      ]} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('ev.formula')}</Typography.Paragraph>
      <Tabs defaultActiveKey={done ? 'results' : 'evaluatees'} items={[
        { key: 'evaluatees', label: t('ev.tab.evaluatees'), children: <EvaluateesTab c={c} /> },
        ...(c.status !== 'draft' ? [{ key: 'sample', label: t('ev.tab.sample'), children: <SampleTab c={c} /> }] : []),
        ...(done ? [
          { key: 'results', label: t('ev.tab.results'), children: <ResultsTab c={c} /> },
          { key: 'rect', label: t('ev.tab.rect'), children: <RectificationsList campaignId={c.id} /> },
        ] : []),
      ]} />
    </Card>
  );
}

function Actions({ c }: { c: Campaign }) {
  const t = useT();
  const feedback = useFeedback();
  const [editing, setEditing] = useState(false);
  const act = useWrite<string>('post', (a) => `/eval-campaigns/${c.id}/${a}`, () => ({}));
  const run = (a: string, msg: string) => act.mutateAsync(a).then(() => feedback.success(msg), feedback.error);
  return (
    <Space>
      {c.actions.includes('edit') && <Button onClick={() => setEditing(true)} data-testid="ev-edit">{t('ev.edit')}</Button>}
      {c.actions.includes('open') && (
        <Popconfirm title={t('ev.openConfirm')} onConfirm={() => run('open', t('ev.opened'))} okButtonProps={{ 'data-testid': 'ev-open-ok' } as never}>
          <Button type="primary" loading={act.isPending} data-testid="ev-open">{t('ev.open')}</Button>
        </Popconfirm>
      )}
      {c.actions.includes('close') && (
        <Popconfirm title={t('ev.closeConfirm')} onConfirm={() => run('close', t('ev.closed'))} okButtonProps={{ 'data-testid': 'ev-close-ok' } as never}>
          <Button type="primary" danger loading={act.isPending} data-testid="ev-close">{t('ev.close')}</Button>
        </Popconfirm>
      )}
      {c.actions.includes('publish') && (
        <Popconfirm title={t('ev.publishConfirm')} onConfirm={() => run('publish', t('ev.publishedMsg'))} okButtonProps={{ 'data-testid': 'ev-publish-ok' } as never}>
          <Button type="primary" loading={act.isPending} data-testid="ev-publish">{t('ev.publish')}</Button>
        </Popconfirm>
      )}
      {editing && <CampaignFormModal open current={c} onClose={() => setEditing(false)} />}
    </Space>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Input, Radio, Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { allBallots, castBallot, checkReceipt, useVote, useVoteWrite } from './api';
import { electorateText, optionLabel, ruleText, StatusTag } from './labels';
import { recount, digestOf } from './recount';
import { ResultView } from './ResultView';
import type { Receipt, ReceiptCheck, Vote } from './types';

/** /m/votes/:id: cast a ballot (confirm first), the receipt shown once, results when published, receipt check and own recount. */
export default function MobileVoteDetail() {
  const t = useT();
  const id = Number(useParams().id);
  const query = useVote(id);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  return (
    <MobilePage title={t('vote.m.vote')} back="/m/votes" testId="m-vote">
      {query.isPending ? <PageSpinner /> : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (() => {
        const v = query.data;
        return (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>{v.title}</Typography.Title>
            <Space wrap><StatusTag status={v.status} t={t} />{v.secret && <Typography.Text type="secondary">{t('vote.secret')}</Typography.Text>}</Space>
            {v.description && <Typography.Paragraph style={{ margin: 0 }}>{v.description}</Typography.Paragraph>}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('vote.f.org')}>{v.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('vote.f.electorate')}>{electorateText(t, v)}</Descriptions.Item>
              <Descriptions.Item label={t('vote.f.rule')}>{ruleText(t, v)}</Descriptions.Item>
              {v.closesAt && <Descriptions.Item label={t('vote.f.closesAt')}>{formatDateTime(v.closesAt)}</Descriptions.Item>}
            </Descriptions>
            {receipt && <ReceiptCard r={receipt} vote={v} />}
            {v.actions.includes('cast') && !receipt && <BallotForm vote={v} onCast={setReceipt} />}
            {!v.actions.includes('cast') && !receipt && v.mine?.voted && <Alert type="success" showIcon message={t('vote.m.alreadyVoted')} data-testid="m-already-voted" />}
            {v.status === 'open' && v.mine && !v.mine.elector && <Alert type="warning" showIcon message={t('vote.m.notElector')} />}
            {(v.status === 'closed') && <Alert type="info" showIcon message={t('vote.m.counting')} />}
            {v.result && <ResultView vote={v} result={v.result} />}
            {v.status !== 'draft' && <ReceiptLookup voteId={v.id} vote={v} />}
            {v.actions.includes('verify') && <Recount vote={v} />}
          </Space>
        );
      })()}
    </MobilePage>
  );
}

function BallotForm({ vote, onCast }: { vote: Vote; onCast: (r: Receipt) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [choices, setChoices] = useState<string[]>([]);
  const cast = useVoteWrite((c: string[]) => castBallot(vote.id, c));
  const ok = vote.method === 'yesNo' ? choices.length === 1 : choices.length >= vote.minChoices && choices.length <= vote.maxChoices;
  const submit = () => feedback.modal.confirm({
    title: t('vote.m.confirmTitle'),
    content: t('vote.m.confirmBody', { c: choices.map((k) => optionLabel(vote, k, t)).join('、') }),
    onOk: () => cast.mutateAsync(choices).then(onCast, (e) => { feedback.error(e); throw e; }),
  });
  return (
    <Card size="small" title={vote.method === 'yesNo' ? t('vote.m.pickOne') : t('vote.m.pickMany', { min: vote.minChoices, max: vote.maxChoices })} data-testid="m-ballot">
      {vote.method === 'yesNo' ? (
        <Radio.Group value={choices[0]} onChange={(e) => setChoices([e.target.value as string])} style={{ width: '100%' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {vote.options.map((o) => <Radio key={o.key} value={o.key} style={{ fontSize: 16, padding: '6px 0' }} data-testid={`m-choice-${o.key}`}>{optionLabel(vote, o.key, t)}</Radio>)}
          </Space>
        </Radio.Group>
      ) : (
        <Checkbox.Group value={choices} onChange={(c) => setChoices(c as string[])} style={{ width: '100%' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {vote.options.map((o) => <Checkbox key={o.key} value={o.key} style={{ fontSize: 16, padding: '6px 0' }} data-testid={`m-choice-${o.key}`}>{o.label}</Checkbox>)}
          </Space>
        </Checkbox.Group>
      )}
      <Button type="primary" size="large" block disabled={!ok} loading={cast.isPending} onClick={submit} style={{ marginTop: 12 }} data-testid="m-cast">{t('vote.m.cast')}</Button>
    </Card>
  );
}

function ReceiptCard({ r, vote }: { r: Receipt; vote: Vote }) {
  const t = useT();
  const feedback = useFeedback();
  const copy = () => navigator.clipboard?.writeText(r.receipt).then(() => feedback.success(t('vote.m.copied')), () => feedback.error(new Error(t('vote.m.copyFailed'))));
  return (
    <Alert type="success" showIcon data-testid="m-receipt" message={t('vote.m.castDone', { c: r.choices.map((k) => optionLabel(vote, k, t)).join('、') })}
      description={<Space direction="vertical" size={4} style={{ width: '100%' }}>
        <span>{t('vote.m.receiptOnce')}</span>
        <Typography.Text code copyable={false} style={{ fontSize: 18, letterSpacing: 1 }} data-testid="m-receipt-code">{r.receipt}</Typography.Text>
        <Button size="small" onClick={() => void copy()}>{t('vote.m.copy')}</Button>
      </Space>} />
  );
}

function ReceiptLookup({ voteId, vote }: { voteId: number; vote: Vote }) {
  const t = useT();
  const feedback = useFeedback();
  const [code, setCode] = useState('');
  const [res, setRes] = useState<ReceiptCheck | null>(null);
  return (
    <Card size="small" title={t('vote.m.checkReceipt')}>
      <Space.Compact style={{ width: '100%' }}>
        <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('vote.m.receiptPlaceholder')} maxLength={40} data-testid="m-receipt-input" />
        <Button onClick={() => code.trim() && checkReceipt(voteId, code.trim()).then(setRes, feedback.error)} data-testid="m-receipt-check">{t('vote.m.check')}</Button>
      </Space.Compact>
      {res && (res.found
        ? <Alert style={{ marginTop: 8 }} type="success" data-testid="m-receipt-found" message={t(res.counted ? 'vote.m.receiptCounted' : 'vote.m.receiptRecorded', { c: (res.choices ?? []).map((k) => optionLabel(vote, k, t)).join('、') })} />
        : <Alert style={{ marginTop: 8 }} type="error" message={t('vote.m.receiptNotFound')} />)}
    </Card>
  );
}

/** Downloads the published ballot list and recounts it here, on the phone. */
function Recount({ vote }: { vote: Vote }) {
  const t = useT();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  const [out, setOut] = useState<{ ok: boolean; n: number; digest: string } | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      const list = await allBallots(vote.id);
      const mine = recount(vote, vote.result!.eligible, list.items);
      const digest = await digestOf(list.items);
      const r = vote.result!;
      const ok = mine.cast === r.cast && mine.passed === r.passed && digest === r.digest && vote.options.every((o) => (mine.counts[o.key] ?? 0) === (r.counts[o.key] ?? 0));
      setOut({ ok, n: list.items.length, digest });
    } catch (e) { feedback.error(e); } finally { setBusy(false); }
  };
  return (
    <Card size="small" title={t('vote.m.recount')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('vote.m.recountHint')}</Typography.Paragraph>
      <Button block loading={busy} onClick={() => void run()} data-testid="m-recount">{t('vote.m.recountRun')}</Button>
      {out && <Alert style={{ marginTop: 8 }} type={out.ok ? 'success' : 'error'} data-testid="m-recount-result"
        message={out.ok ? t('vote.m.recountOk', { n: out.n }) : t('vote.m.recountBad')} />}
    </Card>
  );
}

import { useState } from 'react';
import { Button, Card, Empty, Flex, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useMyScoring, useSheet, useWrite } from './api';
import type { Sheet } from './types';

/** /app/eval-scoring: the sheets of the evaluatees I act for — my own row (自评) and one per other evaluatee (互评). */
export default function ScoringPage() {
  const t = useT();
  const mine = useMyScoring();
  const [pick, setPick] = useState<string | undefined>();
  if (mine.isPending) return <PageSpinner />;
  if (mine.isError) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  const items = mine.data.items;
  const current = items.find((i) => `${i.campaignId}:${i.evaluateeId}` === pick) ?? items[0];
  return (
    <Card title={t('ev.scoring.title')} data-testid="ev-scoring">
      {!items.length ? <Empty description={t('ev.scoring.none')} /> : (
        <Flex vertical gap={12}>
          <Select style={{ maxWidth: 520 }} value={current ? `${current.campaignId}:${current.evaluateeId}` : undefined} onChange={setPick} data-testid="ev-scoring-pick"
            options={items.map((i) => ({ value: `${i.campaignId}:${i.evaluateeId}`, label: `${i.title} · ${t('ev.scoring.as')} ${i.name}` }))} />
          {current && <SheetTable campaignId={current.campaignId} raterId={current.evaluateeId} />}
        </Flex>
      )}
    </Card>
  );
}

function SheetTable({ campaignId, raterId }: { campaignId: number; raterId: number }) {
  const t = useT();
  const q = useSheet(campaignId, raterId);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('ev.scoring.hint')}</Typography.Text>
      <Table<Sheet['rows'][number]> rowKey="targetId" size="small" pagination={false} dataSource={s.rows} scroll={{ x: true }}
        columns={[
          { title: t('ev.col.evaluatee'), dataIndex: 'name', fixed: 'left', render: (v: string, r) => <span>{v} {r.self && <Tag color="blue">{t('ev.scoring.self')}</Tag>}</span> },
          { title: t('ev.col.status'), key: 'c', render: (_, r) => (r.complete ? <Tag color="success">{t('ev.done')}</Tag> : <Tag>{t('ev.missing')}</Tag>) },
          { title: '', key: 'row', render: (_, r) => <RowEditor key={`${r.targetId}:${JSON.stringify(r.scores)}`} sheet={s} row={r} raterId={raterId} campaignId={campaignId} /> },
        ]} />
    </Flex>
  );
}

function RowEditor({ sheet, row, raterId, campaignId }: { sheet: Sheet; row: Sheet['rows'][number]; raterId: number; campaignId: number }) {
  const t = useT();
  const feedback = useFeedback();
  const [vals, setVals] = useState<Record<string, number | null>>(() => Object.fromEntries(sheet.dimensions.map((d) => [String(d.id), row.scores[String(d.id)] ?? null])));
  const save = useWrite<unknown>('post', () => `/eval-campaigns/${campaignId}/scores`);
  const ready = sheet.dimensions.every((d) => typeof vals[String(d.id)] === 'number');
  const open = sheet.campaign.status === 'open';
  return (
    <Flex gap={8} wrap align="center" data-testid={`ev-row-${row.targetId}`}>
      {sheet.dimensions.map((d) => (
        <Flex key={d.id} vertical gap={2}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.name}</Typography.Text>
          <InputNumber min={0} max={100} precision={0} disabled={!open} value={vals[String(d.id)]} style={{ width: 80 }}
            onChange={(v) => setVals((x) => ({ ...x, [String(d.id)]: v }))} data-testid={`ev-score-${row.targetId}-${d.position}`} />
        </Flex>
      ))}
      <Button type="primary" disabled={!ready || !open} loading={save.isPending} data-testid={`ev-save-${row.targetId}`}
        onClick={() => save.mutateAsync({ raterId, targetId: row.targetId, scores: sheet.dimensions.map((d) => ({ dimensionId: d.id, score: vals[String(d.id)] })) })
          .then(() => feedback.success(t('ev.saved')), feedback.error)}>{t('ev.save')}</Button>
    </Flex>
  );
}

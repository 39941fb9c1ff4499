import { useState } from 'react';
import { Button, Empty, Flex, InputNumber, Select, Table, Tree as AntTree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { exportFile, useTreeSheet, useTreeTotals, useWrite } from './api';
import type { Tree, TreeTotals } from './types';

const leavesOf = (tree: Tree) => tree.nodes.filter((n) => !tree.nodes.some((m) => m.parentId === n.id));

export function TreeStructure({ tree }: { tree: Tree }) {
  const t = useT();
  const build = (parent: number | null): DataNode[] => tree.nodes.filter((n) => n.parentId === parent)
    .map((n) => ({ key: n.id, title: `${n.name}（${n.weight}%）`, children: build(n.id) }));
  return (
    <Flex vertical gap={8}>
      <AntTree defaultExpandAll treeData={build(null)} selectable={false} />
      <Typography.Text type="secondary">{t('ev.tree.subjects')}：{tree.subjects.map((s) => s.name).join('、') || '—'}；{t('ev.tree.evaluators')}：{tree.evaluators.map((e) => e.name).join('、') || '—'}</Typography.Text>
    </Flex>
  );
}

export function TreeScoreSheet({ tree }: { tree: Tree }) {
  const t = useT();
  const feedback = useFeedback();
  const q = useTreeSheet(tree.id, true);
  const [subject, setSubject] = useState<number | undefined>(tree.subjects[0]?.id);
  const [vals, setVals] = useState<Record<string, Record<string, number | null>>>({});
  const save = useWrite<unknown>('post', () => `/indicator-trees/${tree.id}/scores`);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!tree.subjects.length) return <Empty description={t('ev.tree.noSubjects')} />;
  const leaves = leavesOf(tree);
  const cur = (nid: number) => vals[String(subject)]?.[String(nid)] ?? q.data.mine[String(subject)]?.[String(nid)] ?? null;
  const ready = subject !== undefined && leaves.every((l) => typeof cur(l.id) === 'number');
  return (
    <Flex vertical gap={8}>
      <Select value={subject} onChange={setSubject} style={{ width: 260 }} options={tree.subjects.map((s) => ({ value: s.id, label: s.name }))} />
      {leaves.map((l) => (
        <Flex key={l.id} gap={8} align="center">
          <span style={{ width: 260 }}>{l.name}</span>
          <InputNumber min={0} max={100} precision={0} value={cur(l.id)} data-testid={`ev-leaf-${l.id}`}
            onChange={(v) => setVals((x) => ({ ...x, [String(subject)]: { ...(x[String(subject)] ?? {}), [String(l.id)]: v } }))} />
        </Flex>
      ))}
      <Button type="primary" disabled={!ready} loading={save.isPending} style={{ alignSelf: 'flex-start' }} data-testid="ev-tree-score-save"
        onClick={() => save.mutateAsync({ subjectId: subject, scores: leaves.map((l) => ({ nodeId: l.id, score: cur(l.id) })) }).then(() => feedback.success(t('ev.saved')), feedback.error)}>{t('ev.save')}</Button>
    </Flex>
  );
}

export function TreeTotalsTable({ tree }: { tree: Tree }) {
  const t = useT();
  const q = useTreeTotals(tree.id, true);
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  type Row = TreeTotals['items'][number];
  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end"><ExportButton run={() => exportFile(`/indicator-trees/${tree.id}/totals.xlsx`, {}, 'totals.xlsx')} testId="ev-tree-totals-export" /></Flex>
      <Table<Row> rowKey="subjectId" size="small" loading={q.isFetching} pagination={false} dataSource={q.data?.items ?? []} scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('ev.tree.noSubjects')} /> }}
        columns={[
          { title: t('ev.col.rank'), dataIndex: 'rank', width: 60 },
          { title: t('ev.tree.subject'), dataIndex: 'name' },
          { title: t('ev.tree.total'), dataIndex: 'total', render: (v: number) => <b>{v.toFixed(2)}</b> },
          ...tree.nodes.map((n) => ({ title: `${n.name}（${n.weight}%）`, key: `n${n.id}`, render: (_: unknown, r: Row) => (r.nodes[String(n.id)] ?? 0).toFixed(2) })),
          { title: t('ev.tree.done'), dataIndex: 'evaluatorsDone', render: (v: number) => `${v} / ${tree.evaluators.length}` },
        ]} />
    </Flex>
  );
}

import { useState } from 'react';
import { Button, Card, Drawer, Empty, Flex, Input, Select, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { pagination, type PageState } from '../../components/pagination';
import { PERMISSIONS } from '../../lib/domain';
import { useT, type MessageKey } from '../../lib/i18n';
import { exportFile, useTree, useTrees } from './api';
import { useCan } from './labels';
import { TreeFormModal } from './TreeFormModal';
import { TreeScoreSheet, TreeStructure, TreeTotalsTable } from './TreeViews';
import type { TreeListItem } from './types';

/** /app/indicator-trees: 考核指标体系 — weighted indicator trees, score sheets and totals. */
export default function TreesPage() {
  const t = useT();
  const [filter, setFilter] = useState<{ q?: string; purpose?: string }>({});
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const q = useTrees(filter, page);
  const manage = useCan(PERMISSIONS.evaluationManage);
  return (
    <Card title={t('ev.tree.title')} data-testid="ev-trees">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear maxLength={50} placeholder={t('ev.search')} style={{ width: 220 }} onSearch={(v) => setFilter((f) => ({ ...f, q: v.trim() || undefined }))} />
        <Select allowClear placeholder={t('ev.tree.purpose')} style={{ width: 160 }} value={filter.purpose} onChange={(v) => setFilter((f) => ({ ...f, purpose: v }))}
          options={['community', 'experimentZone'].map((p) => ({ value: p, label: t(`ev.tree.p.${p}` as MessageKey) }))} />
        <span style={{ flex: 1 }} />
        <ExportButton run={() => exportFile('/indicator-trees/export.xlsx', filter, 'indicator-trees.xlsx')} testId="ev-trees-export" />
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ev-tree-new">{t('ev.tree.new')}</Button>}
      </Flex>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<TreeListItem> rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []} pagination={pagination(t, page, q.data?.total, setPage)}
          locale={{ emptyText: <Empty description={t('ev.tree.empty')} /> }} onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('ev.col.title'), dataIndex: 'title', render: (v: string, r) => <a data-testid={`ev-tree-${r.id}`}>{v}</a> },
            { title: t('ev.col.org'), dataIndex: 'orgName' },
            { title: t('ev.tree.purpose'), dataIndex: 'purpose', render: (p: string) => t(`ev.tree.p.${p}` as MessageKey) },
            { title: t('ev.tree.subjects'), dataIndex: 'subjectCount' },
            { title: t('ev.tree.evaluators'), dataIndex: 'evaluatorCount' },
          ]} />
      )}
      <TreeFormModal open={creating} onClose={() => setCreating(false)} onSaved={(id) => setOpenId(id)} />
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={820} title={t('ev.tree.detail')} destroyOnHidden>
        {openId !== null && <TreeDetail id={openId} />}
      </Drawer>
    </Card>
  );
}

function TreeDetail({ id }: { id: number }) {
  const t = useT();
  const q = useTree(id);
  const [editing, setEditing] = useState(false);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const tree = q.data;
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center">
        <b>{tree.title}</b>
        {(tree.actions.includes('edit') || tree.actions.includes('editPeople')) && <Button onClick={() => setEditing(true)} data-testid="ev-tree-edit">{t('ev.edit')}</Button>}
      </Flex>
      <Tabs items={[
        { key: 's', label: t('ev.tree.structure'), children: <TreeStructure tree={tree} /> },
        ...(tree.actions.includes('score') ? [{ key: 'sheet', label: t('ev.tree.sheet'), children: <TreeScoreSheet tree={tree} /> }] : []),
        ...(tree.actions.includes('totals') ? [{ key: 'tot', label: t('ev.tree.totals'), children: <TreeTotalsTable tree={tree} /> }] : []),
      ]} />
      {editing && <TreeFormModal open current={tree} onClose={() => setEditing(false)} />}
    </Flex>
  );
}

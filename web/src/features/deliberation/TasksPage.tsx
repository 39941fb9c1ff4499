import { Card, Progress, Space, Tabs, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../lib/i18n';
import { useTaskSummary } from './api';
import { PagedTable } from './PagedTable';
import { OWNER_KINDS, fmtTime, key, options } from './labels';
import type { DecisionRow, Task } from './types';

/** Console: decisions (with the vote counts) and their follow-up tasks, overdue first in mind; both exported to Excel. */
export default function TasksPage() {
  const t = useT();
  const navigate = useNavigate();
  const sum = useTaskSummary();
  return (
    <Card title={t('delib.tasks.title')} data-testid="delib-tasks"
      extra={sum.data && <Typography.Text data-testid="delib-task-summary" type={sum.data.overdue ? 'danger' : undefined}>{t('delib.tasks.summary', sum.data)}</Typography.Text>}>
      <Tabs items={[
        { key: 'tasks', label: t('delib.tasks.tab'), children: (
          <PagedTable<Task> path="/delib-tasks" exportPath="/delib-tasks/export.xlsx" exportName={`${t('delib.tasks.tab')}.xlsx`} testId="delib-tasks-list"
            empty={t('delib.tasks.empty')} onRow={(r) => navigate(`/app/topics/${r.topicId}`)}
            filters={[
              { name: 'orgId', kind: 'org', placeholder: t('delib.filter.org') },
              { name: 'status', kind: 'select', placeholder: t('delib.col.status'), options: options(t, 'taskStatus', ['open', 'done', 'cancelled']) },
              { name: 'ownerKind', kind: 'select', placeholder: t('delib.col.owner'), options: options(t, 'owner', OWNER_KINDS) },
              { name: 'overdue', kind: 'check', placeholder: t('delib.filter.overdue') },
              { name: 'q', kind: 'search', placeholder: t('delib.col.title') },
            ]}
            columns={[
              { title: t('delib.col.title'), dataIndex: 'title', render: (v: string, r) => <Space>{v}{r.overdue && <Tag color="red">{t('delib.task.overdue')}</Tag>}</Space> },
              { title: t('delib.col.topic'), dataIndex: 'topicTitle' },
              { title: t('delib.col.owner'), dataIndex: 'ownerKind', render: (v: string) => t(key('owner', v)) },
              { title: t('delib.col.ownerName'), dataIndex: 'ownerName' },
              { title: t('delib.col.dueOn'), dataIndex: 'dueOn' },
              { title: t('delib.col.progress'), dataIndex: 'progress', render: (p: number) => <Progress percent={p} size="small" style={{ width: 120 }} /> },
              { title: t('delib.col.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(key('taskStatus', s))}</Tag> },
            ]} />
        ) },
        { key: 'decisions', label: t('delib.tasks.decisions'), children: (
          <PagedTable<DecisionRow> path="/delib-decisions" exportPath="/delib-decisions/export.xlsx" exportName={`${t('delib.tasks.decisions')}.xlsx`} testId="delib-decisions-list"
            empty={t('delib.tasks.noDecisions')} onRow={(r) => navigate(`/app/topics/${r.topicId}`)}
            filters={[
              { name: 'orgId', kind: 'org', placeholder: t('delib.filter.org') },
              { name: 'outcome', kind: 'select', placeholder: t('delib.col.outcome'), options: [{ value: 'adopted', label: t('delib.decision.adopted') }, { value: 'rejected', label: t('delib.decision.rejected') }] },
              { name: 'q', kind: 'search', placeholder: t('delib.col.topic') },
            ]}
            columns={[
              { title: t('delib.col.topic'), dataIndex: 'topicTitle' },
              { title: t('delib.col.community'), dataIndex: 'orgName' },
              { title: t('delib.col.outcome'), dataIndex: 'outcome', render: (o: string) => <Tag color={o === 'adopted' ? 'green' : 'volcano'}>{t(o === 'adopted' ? 'delib.decision.adopted' : 'delib.decision.rejected')}</Tag> },
              { title: t('delib.col.votes'), render: (_: unknown, r) => (r.counts ? `${r.counts.approve ?? 0}/${r.counts.reject ?? 0}/${r.counts.abstain ?? 0}（${r.cast}/${r.eligible}）` : '—') },
              { title: t('delib.col.tasks'), render: (_: unknown, r) => `${r.tasksDone}/${r.tasks}` },
              { title: t('delib.col.decidedAt'), dataIndex: 'decidedAt', render: fmtTime },
            ]} />
        ) },
      ]} />
    </Card>
  );
}

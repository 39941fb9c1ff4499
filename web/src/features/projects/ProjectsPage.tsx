import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { hasPermission, useSession } from '../auth/session';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { exportProjects, exportTranches, useProjects } from './api';
import { StatusTag } from './labels';
import { yuan } from './money';
import { ProjectFormModal } from './ProjectFormModal';
import { KINDS, STATUSES, type ProjectFilter, type ProjectSummary } from './types';

/** /app/projects: every project in scope (or, for a social organization, its own), with the review, competition and implementation queues. */
export default function ProjectsPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const me = session.status === 'authenticated' ? session.me : null;
  const [filter, setFilter] = useState<ProjectFilter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [applying, setApplying] = useState(false);
  const query = useProjects({ ...filter, ...page });
  const setF = (f: Partial<ProjectFilter>) => { setFilter({ ...filter, ...f }); setPage({ ...page, page: 1 }); };
  const canApply = !!me && hasPermission(me, PERMISSIONS.projectApply);

  return (
    <Card title={t('proj.nav.projects')} data-testid="projects-page" extra={<Space>
      <ExportButton run={() => exportProjects(filter)} testId="projects-export" />
      <ExportButton run={() => exportTranches({})} testId="tranches-export" label={t('proj.exportTranches')} />
      {canApply && <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)} data-testid="project-apply">{t('proj.apply')}</Button>}
    </Space>}>
      <Tabs activeKey={filter.queue ?? 'all'} onChange={(k) => setF({ queue: k === 'all' ? undefined : (k as ProjectFilter['queue']) })}
        items={(['all', 'review', 'bidding', 'implementing'] as const).map((k) => ({ key: k, label: <span data-testid={`queue-${k}`}>{t(`proj.queue.${k}`)}</span> }))} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('proj.search')} onSearch={(v) => setF({ q: v.trim() || undefined })} style={{ width: 260 }} data-testid="projects-search" />
        <Select allowClear placeholder={t('proj.anyKind')} style={{ width: 160 }} value={filter.kind} onChange={(kind) => setF({ kind })} options={KINDS.map((k) => ({ value: k, label: t(`proj.kind.${k}`) }))} />
        <Select allowClear placeholder={t('proj.anyStatus')} style={{ width: 140 }} value={filter.status} onChange={(status) => setF({ status })} options={STATUSES.map((k) => ({ value: k, label: t(`proj.status.${k}`) }))} />
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <Table<ProjectSummary>
          rowKey="id" loading={query.isFetching} dataSource={query.data?.items ?? []} locale={{ emptyText: t('proj.empty.projects') }}
          pagination={pagination(t, page, query.data?.total, setPage)} data-testid="projects-table"
          onRow={(p) => ({ onDoubleClick: () => navigate(`/app/projects/${p.id}`) })}
          columns={[
            { title: t('proj.f.title'), dataIndex: 'title' },
            { title: t('proj.f.kind'), dataIndex: 'kind', render: (k: ProjectSummary['kind']) => t(`proj.kind.${k}`) },
            { title: t('proj.f.community'), dataIndex: 'orgName' },
            { title: t('proj.f.requested'), dataIndex: 'requestedAmount', render: yuan },
            { title: t('proj.f.approved'), dataIndex: 'approvedAmount', render: yuan },
            { title: t('proj.f.paid'), dataIndex: 'paidAmount', render: yuan },
            { title: t('proj.f.awardee'), dataIndex: 'awardeeName', render: (v: string | null) => v ?? '—' },
            { title: t('proj.f.status'), dataIndex: 'status', render: (s: ProjectSummary['status']) => <StatusTag status={s} t={t} /> },
            { title: t('common.actions'), key: 'a', render: (_, p) => <Button size="small" onClick={() => navigate(`/app/projects/${p.id}`)} data-testid={`project-open-${p.id}`}>{t('proj.open')}</Button> },
          ]}
        />
      )}
      <ProjectFormModal open={applying} onClose={() => setApplying(false)} onSaved={(p) => navigate(`/app/projects/${p.id}`)} />
    </Card>
  );
}

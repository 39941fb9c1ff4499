import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { pagination } from '../../components/pagination';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { cancelActivity, exportActivities, publishActivity, useActivities, useActivityWrite } from './api';
import { ActivityFormModal } from './ActivityFormModal';
import { KindTag, ruleText, StatusTag, timeRange } from './labels';
import { KINDS, STATUSES, type Activity, type ActivityFilter } from './types';

/** /app/activities: create, publish and cancel activities; open one's attendance sheet. */
export default function ActivitiesPage() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<ActivityFilter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useActivities({ ...filter, ...page });
  const publish = useActivityWrite((id: number) => publishActivity(id));
  const cancel = useActivityWrite((v: { id: number; reason: string }) => cancelActivity(v.id, v.reason));
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const setF = (f: Partial<ActivityFilter>) => { setFilter({ ...filter, ...f }); setPage({ ...page, page: 1 }); };

  const askCancel = (a: Activity) => {
    reasonForm.resetFields();
    feedback.modal.confirm({
      title: t('vol.cancel'),
      content: <Form form={reasonForm} layout="vertical"><Form.Item name="reason" label={t('vol.cancelReason')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} data-testid="cancel-reason" /></Form.Item></Form>,
      onOk: async () => {
        const { reason } = await reasonForm.validateFields();
        await cancel.mutateAsync({ id: a.id, reason }).then(() => feedback.success(t('vol.cancelled')), (e) => { feedback.error(e); throw e; });
      },
    });
  };

  return (
    <Card
      title={t('vol.nav.activities')}
      extra={<Space>
        <ExportButton run={() => exportActivities(filter)} testId="activities-export" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="activity-create">{t('vol.create')}</Button>
      </Space>}
      data-testid="activities-page"
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('vol.searchActivity')} onSearch={(v) => setF({ q: v.trim() || undefined })} style={{ width: 240 }} />
        <Select allowClear placeholder={t('vol.anyKind')} style={{ width: 140 }} value={filter.kind} onChange={(kind) => setF({ kind })} options={KINDS.map((k) => ({ value: k, label: t(`vol.kind.${k}`) }))} />
        <Select allowClear placeholder={t('vol.anyStatus')} style={{ width: 140 }} value={filter.status} onChange={(status) => setF({ status })} options={STATUSES.map((k) => ({ value: k, label: t(`vol.status.${k}`) }))} />
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <Table<Activity>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('vol.empty.activities') }}
          pagination={pagination(t, page, query.data?.total, setPage)}
          data-testid="activities-table"
          columns={[
            { title: t('vol.f.title'), dataIndex: 'title', render: (v: string, a) => <Space><KindTag kind={a.kind} t={t} />{v}</Space> },
            { title: t('vol.f.organizer'), dataIndex: 'orgName' },
            { title: t('vol.f.time'), key: 'time', render: (_, a) => timeRange(a.startsAt, a.endsAt) },
            { title: t('vol.f.place'), dataIndex: 'place' },
            { title: t('vol.f.signed'), key: 'signed', render: (_, a) => `${a.signedCount}/${a.capacity} · ${a.waitingCount}` },
            { title: t('vol.f.pointRule'), key: 'rule', render: (_, a) => ruleText(t, a) },
            { title: t('vol.f.status'), dataIndex: 'status', render: (s: Activity['status']) => <StatusTag status={s} t={t} /> },
            {
              title: t('common.actions'), key: 'a', render: (_, a) => (
                <Space size="small">
                  {a.actions.includes('publish') && <Button size="small" type="primary" loading={publish.isPending} onClick={() => publish.mutateAsync(a.id).then(() => feedback.success(t('vol.published')), feedback.error)} data-testid={`activity-publish-${a.id}`}>{t('vol.publish')}</Button>}
                  {a.actions.includes('attendance') && <Button size="small" onClick={() => navigate(`/app/activities/${a.id}`)} data-testid={`activity-attendance-${a.id}`}>{t('vol.attendance')}</Button>}
                  {a.actions.includes('cancel') && <Button size="small" danger onClick={() => askCancel(a)}>{t('vol.cancel')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      )}
      <ActivityFormModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

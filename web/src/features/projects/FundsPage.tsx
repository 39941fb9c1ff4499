import { lazy, Suspense, useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Pagination, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { addLine, createFund, exportFunds, updateFund, updateLine, useFunds, useProjectWrite } from './api';
import { toFen, yuan } from './money';
import { KINDS, type Fund, type Line } from './types';

const FundChart = lazy(() => import('./FundChart'));

type Editing = { kind: 'fund' } | { kind: 'editFund'; fund: Fund } | { kind: 'line'; fund: Fund } | { kind: 'editLine'; line: Line } | null;

/** /app/project-funds: yearly funds of districts and streets, their budget lines and figures (approved, paid, remaining). */
export default function FundsPage() {
  const t = useT();
  const feedback = useFeedback();
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [editing, setEditing] = useState<Editing>(null);
  const query = useFunds({ q, ...page });
  const [form] = Form.useForm();
  const write = useProjectWrite(async (v: Record<string, unknown>) => {
    const amount = v.amount === undefined ? undefined : toFen(v.amount as number);
    if (editing?.kind === 'fund') await createFund({ orgId: v.orgId as number, year: v.year as number, kind: v.kind as Fund['kind'], name: v.name as string, amount: amount! });
    if (editing?.kind === 'editFund') await updateFund(editing.fund.id, { name: v.name as string, amount });
    if (editing?.kind === 'line') await addLine(editing.fund.id, { name: v.name as string, amount: amount! });
    if (editing?.kind === 'editLine') await updateLine(editing.line.id, { name: v.name as string, amount });
  });
  const submit = useFormSubmit(form, async (v: Record<string, unknown>) => {
    await write.mutateAsync(v);
    feedback.success(t('proj.saved'));
    setEditing(null);
  });
  const open = (e: Editing) => {
    form.resetFields();
    if (e?.kind === 'editFund') form.setFieldsValue({ name: e.fund.name, amount: e.fund.amount / 100 });
    if (e?.kind === 'editLine') form.setFieldsValue({ name: e.line.name, amount: e.line.amount / 100 });
    if (e?.kind === 'fund') form.setFieldsValue({ year: new Date().getFullYear(), kind: 'ventureGrant' });
    setEditing(e);
  };
  const title = editing ? t(({ fund: 'proj.fund.create', editFund: 'proj.fund.edit', line: 'proj.fund.addLine', editLine: 'proj.fund.editLine' } as const)[editing.kind]) : '';
  const req = (f: string) => [{ required: true, message: t('common.required', { field: t(f as 'proj.fund.name') }) }];

  return (
    <Card title={t('proj.nav.funds')} data-testid="funds-page" extra={<Space>
      <ExportButton run={() => exportFunds({ q })} testId="funds-export" />
      <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'fund' })} data-testid="fund-create">{t('proj.fund.create')}</Button>
    </Space>}>
      <Input.Search allowClear placeholder={t('proj.fund.search')} onSearch={(v) => { setQ(v.trim() || undefined); setPage({ ...page, page: 1 }); }} style={{ width: 240, marginBottom: 16 }} />
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : query.isPending ? <PageSpinner /> : query.data.items.length === 0 ? (
        <Empty description={t('proj.empty.funds')} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {query.data.items.map((f) => (
            <Card key={f.id} size="small" type="inner" data-testid={`fund-${f.id}`} title={<Space>{`${f.year} · ${f.name}`}<Typography.Text type="secondary">{f.orgName} · {t(`proj.kind.${f.kind}`)}</Typography.Text></Space>}
              extra={f.actions.includes('edit') && <Space>
                <Button size="small" onClick={() => open({ kind: 'editFund', fund: f })}>{t('proj.fund.edit')}</Button>
                <Button size="small" type="primary" onClick={() => open({ kind: 'line', fund: f })} data-testid={`fund-add-line-${f.id}`}>{t('proj.fund.addLine')}</Button>
              </Space>}>
              <Descriptions size="small" column={{ xs: 1, md: 3, xl: 6 }} data-testid={`fund-figures-${f.id}`}>
                <Descriptions.Item label={t('proj.fund.amount')}>{yuan(f.amount)}</Descriptions.Item>
                <Descriptions.Item label={t('proj.fund.allocated')}>{yuan(f.allocated)}</Descriptions.Item>
                <Descriptions.Item label={t('proj.fund.unallocated')}>{yuan(f.unallocated)}</Descriptions.Item>
                <Descriptions.Item label={t('proj.fund.committed')}><span data-testid={`fund-committed-${f.id}`}>{yuan(f.committed)}</span></Descriptions.Item>
                <Descriptions.Item label={t('proj.fund.paid')}><span data-testid={`fund-paid-${f.id}`}>{yuan(f.paid)}</span></Descriptions.Item>
                <Descriptions.Item label={t('proj.fund.remaining')}>{yuan(f.remaining)}</Descriptions.Item>
              </Descriptions>
              {f.lines.length > 0 && <Suspense fallback={<PageSpinner />}><FundChart lines={f.lines} /></Suspense>}
              <Table<Line> rowKey="id" size="small" pagination={false} dataSource={f.lines} locale={{ emptyText: t('proj.empty.lines') }} columns={[
                { title: t('proj.fund.lineName'), dataIndex: 'name' },
                { title: t('proj.fund.amount'), dataIndex: 'amount', render: yuan },
                { title: t('proj.fund.committed'), dataIndex: 'committed', render: yuan },
                { title: t('proj.fund.paid'), dataIndex: 'paid', render: yuan },
                { title: t('proj.fund.remaining'), dataIndex: 'remaining', render: yuan },
                { title: t('proj.fund.projects'), dataIndex: 'projectCount' },
                ...(f.actions.includes('edit') ? [{ title: t('common.actions'), key: 'a', render: (_: unknown, l: Line) => <Button size="small" onClick={() => open({ kind: 'editLine', line: l })}>{t('proj.fund.editLine')}</Button> }] : []),
              ]} />
            </Card>
          ))}
          {query.data.total > page.pageSize && <Pagination align="end" current={page.page} pageSize={page.pageSize} total={query.data.total} onChange={(p, ps) => setPage({ page: p, pageSize: ps })} />}
        </Space>
      )}
      <Modal open={!!editing} title={title} onCancel={() => setEditing(null)} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid="fund-form">
        <Form form={form} layout="vertical">
          {editing?.kind === 'fund' && <>
            <Form.Item name="orgId" label={t('proj.fund.owner')} rules={req('proj.fund.owner')}><ScopeOrgPicker levels={['district', 'street']} /></Form.Item>
            <Form.Item name="year" label={t('proj.fund.year')} rules={req('proj.fund.year')}><InputNumber min={2000} max={2100} precision={0} /></Form.Item>
            <Form.Item name="kind" label={t('proj.fund.kind')}><Select options={KINDS.map((k) => ({ value: k, label: t(`proj.kind.${k}`) }))} /></Form.Item>
          </>}
          <Form.Item name="name" label={t(editing?.kind === 'line' || editing?.kind === 'editLine' ? 'proj.fund.lineName' : 'proj.fund.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { field: t('proj.fund.name') }) }]}>
            <Input data-testid="fund-name" />
          </Form.Item>
          <Form.Item name="amount" label={t('proj.fund.amount')} rules={req('proj.fund.amount')}>
            <InputNumber min={0.01} max={1_000_000_000} precision={2} style={{ width: 200 }} data-testid="fund-amount" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

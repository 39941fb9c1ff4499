import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, Select, Steps, Table, Tag, Typography } from 'antd';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { pagination, type PageState } from '../../components/pagination';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT, type MessageKey } from '../../lib/i18n';
import { exportFile, useRectification, useRectifications, useWrite } from './api';
import { score } from './labels';
import { LEVELS, type Rectification, type SignoffLevel } from './types';

/** /app/eval-rectifications: every rectification in scope, overdue ones flagged. */
export default function RectificationsPage() {
  const t = useT();
  return <Card title={t('ev.rect.title')}><RectificationsList /></Card>;
}

export function RectificationsList({ campaignId }: { campaignId?: number }) {
  const t = useT();
  const [filter, setFilter] = useState<{ status?: 'open' | 'closed'; overdue?: boolean }>({});
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<number | null>(null);
  const all = { ...filter, campaignId };
  const q = useRectifications(all, page);
  return (
    <Flex vertical gap={12} data-testid="ev-rects">
      <Flex gap={8} wrap>
        <Select allowClear placeholder={t('ev.col.status')} style={{ width: 140 }} value={filter.status} onChange={(v) => setFilter((f) => ({ ...f, status: v }))}
          options={[{ value: 'open', label: t('ev.rect.open') }, { value: 'closed', label: t('ev.rect.closed') }]} />
        <Select allowClear placeholder={t('ev.rect.overdue')} style={{ width: 140 }} value={filter.overdue} onChange={(v) => setFilter((f) => ({ ...f, overdue: v }))}
          options={[{ value: true, label: t('ev.rect.overdueOnly') }, { value: false, label: t('ev.rect.notOverdue') }]} />
        <span style={{ flex: 1 }} />
        <ExportButton run={() => exportFile('/eval-rectifications/export.xlsx', all, 'rectifications.xlsx')} testId="ev-rect-export" />
      </Flex>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Rectification> rowKey="id" size="middle" loading={q.isFetching} dataSource={q.data?.items ?? []} pagination={pagination(t, page, q.data?.total, setPage)}
          locale={{ emptyText: <Empty description={t('ev.rect.empty')} /> }} onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('ev.col.evaluatee'), dataIndex: 'name', render: (v: string, r) => <a data-testid={`ev-rect-${r.id}`}>{v}</a> },
            { title: t('ev.rect.campaign'), dataIndex: 'campaignTitle' },
            { title: t('ev.col.final'), dataIndex: 'finalScore', render: (v: number | null, r) => `${score(v)} / ${r.passMark}` },
            { title: t('ev.rect.deadline'), dataIndex: 'deadline', render: (v: string, r) => <span>{v} {r.overdue && <Tag color="error">{t('ev.rect.overdue')}</Tag>}</span> },
            { title: t('ev.rect.signoffs'), key: 's', render: (_, r) => `${r.signoffs.length} / 3` },
            { title: t('ev.col.status'), dataIndex: 'status', render: (s: string) => (s === 'closed' ? <Tag color="success">{t('ev.rect.closed')}</Tag> : <Tag color="processing">{t('ev.rect.open')}</Tag>) },
          ]} />
      )}
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={560} title={t('ev.rect.detail')} destroyOnHidden>
        {openId !== null && <RectDetail id={openId} />}
      </Drawer>
    </Flex>
  );
}

function RectDetail({ id }: { id: number }) {
  const t = useT();
  const q = useRectification(id);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const signed = (l: SignoffLevel) => r.signoffs.find((s) => s.level === l);
  return (
    <Flex vertical gap={16} data-testid="ev-rect-detail">
      <Descriptions size="small" column={1} items={[
        { key: 'n', label: t('ev.col.evaluatee'), children: r.name },
        { key: 'c', label: t('ev.rect.campaign'), children: r.campaignTitle },
        { key: 's', label: t('ev.col.final'), children: `${score(r.finalScore)}（${t('ev.f.passMark')} ${r.passMark}）` },
        { key: 'd', label: t('ev.rect.deadline'), children: <span>{r.deadline} {r.overdue && <Tag color="error">{t('ev.rect.overdue')}</Tag>}</span> },
        { key: 'st', label: t('ev.col.status'), children: <span data-testid="ev-rect-status">{r.status === 'closed' ? t('ev.rect.closed') : t('ev.rect.open')}</span> },
      ]} />
      <Steps direction="vertical" size="small" current={r.signoffs.length} items={LEVELS.map((l) => ({
        title: t(`ev.level.${l}` as MessageKey),
        status: signed(l) ? 'finish' : 'wait',
        description: signed(l) ? `${signed(l)!.signer} · ${new Date(signed(l)!.signedAt).toLocaleString()}${signed(l)!.note ? ` · ${signed(l)!.note}` : ''}（${t('ev.rect.recordedBy')} ${signed(l)!.recordedBy}）` : t('ev.rect.waiting'),
      }))} />
      <Card size="small" title={t('ev.rect.measures')}>
        {r.measures ? <Typography.Paragraph data-testid="ev-rect-measures">{r.measures}</Typography.Paragraph> : <Typography.Text type="secondary">{t('ev.rect.noMeasures')}</Typography.Text>}
        {r.actions.includes('report') && <ReportForm id={id} current={r.measures} />}
      </Card>
      {LEVELS.filter((l) => r.actions.includes(`signoff:${l}`)).map((l) => <SignoffForm key={l} id={id} level={l} />)}
    </Flex>
  );
}

function ReportForm({ id, current }: { id: number; current: string | null }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ measures: string }>();
  const w = useWrite<{ measures: string }>('post', () => `/eval-rectifications/${id}/report`);
  const submit = useFormSubmit(form, async (v) => { await w.mutateAsync(v); feedback.success(t('ev.saved')); });
  return (
    <Form form={form} layout="vertical" initialValues={{ measures: current ?? '' }} style={{ marginTop: 8 }}>
      <Form.Item name="measures" rules={[{ required: true, whitespace: true, message: t('ev.required', { field: t('ev.rect.measures') }) }]}>
        <Input.TextArea rows={3} maxLength={4000} placeholder={t('ev.rect.measuresHint')} data-testid="ev-rect-measures-input" />
      </Form.Item>
      <Button onClick={submit} loading={w.isPending} data-testid="ev-rect-report">{t('ev.rect.report')}</Button>
    </Form>
  );
}

function SignoffForm({ id, level }: { id: number; level: SignoffLevel }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ signer: string; note?: string }>();
  const w = useWrite<{ level: SignoffLevel; signer: string; note?: string | null }>('post', () => `/eval-rectifications/${id}/signoff`);
  const submit = useFormSubmit(form, async (v) => { await w.mutateAsync({ level, signer: v.signer, note: v.note || null }); feedback.success(t('ev.rect.signed')); });
  return (
    <Card size="small" title={`${t('ev.rect.signAs')}：${t(`ev.level.${level}` as MessageKey)}`} data-testid={`ev-sign-${level}`}>
      <Form form={form} layout="inline">
        <Form.Item name="signer" rules={[{ required: true, whitespace: true, message: t('ev.required', { field: t('ev.rect.signer') }) }]}>
          <Input maxLength={50} placeholder={t('ev.rect.signer')} data-testid={`ev-sign-${level}-signer`} />
        </Form.Item>
        <Form.Item name="note"><Input maxLength={500} placeholder={t('ev.rect.note')} /></Form.Item>
        <Button type="primary" onClick={submit} loading={w.isPending} data-testid={`ev-sign-${level}-submit`}>{t('ev.rect.sign')}</Button>
      </Form>
    </Card>
  );
}

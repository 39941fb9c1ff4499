import { DatePicker, Form, Input, InputNumber, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useWrite } from './api';
import type { Campaign } from './types';

const DEFAULT_DIMS = ['服务态度', '专业水平', '执行能力', '协调能力', '完成任务情况', '群众满意度'];
interface Values {
  orgId?: number; title: string; period: [Dayjs, Dayjs]; self: number; peer: number; resident: number;
  passMark: number; bestN: number; sampleSize: number; seed?: number | null; rectifyDays: number; dimensions: string;
}

/** Create a campaign, or edit a draft: period, weights (sum 100), pass mark, best N, sample size and seed, dimensions (one a line). */
export function CampaignFormModal({ open, current, onClose, onSaved }: { open: boolean; current?: Campaign; onClose: () => void; onSaved?: (c: Campaign) => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const create = useWrite<Record<string, unknown>, Campaign>('post', () => '/eval-campaigns');
  const update = useWrite<Record<string, unknown>, Campaign>('patch', () => `/eval-campaigns/${current?.id}`);
  const submit = useFormSubmit(form, async (v) => {
    const body: Record<string, unknown> = {
      title: v.title, periodStart: v.period[0].format('YYYY-MM-DD'), periodEnd: v.period[1].format('YYYY-MM-DD'),
      weights: { self: v.self, peer: v.peer, resident: v.resident }, passMark: v.passMark, bestN: v.bestN, sampleSize: v.sampleSize, rectifyDays: v.rectifyDays,
      dimensions: v.dimensions.split('\n').map((d) => d.trim()).filter(Boolean),
      ...(v.seed !== undefined && v.seed !== null ? { seed: v.seed } : {}),
    };
    const c = current ? await update.mutateAsync(body) : await create.mutateAsync({ ...body, orgId: v.orgId });
    feedback.success(t('ev.saved'));
    onSaved?.(c);
    onClose();
  }, { 'weights.self': 'self', 'weights.peer': 'peer', 'weights.resident': 'resident', weights: 'resident', periodEnd: 'period', periodStart: 'period' });
  const init: Partial<Values> = current ? {
    title: current.title, period: [dayjs(current.periodStart), dayjs(current.periodEnd)], ...current.weights, passMark: current.passMark, bestN: current.bestN,
    sampleSize: current.sampleSize, seed: current.seed, rectifyDays: current.rectifyDays, dimensions: (current.dimensions ?? []).map((d) => d.name).join('\n'),
  } : { self: 10, peer: 40, resident: 50, passMark: 60, bestN: 3, sampleSize: 100, rectifyDays: 30, dimensions: DEFAULT_DIMS.join('\n') };
  const num = (name: keyof Values, label: string, min: number, max: number, step = 1) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('ev.required', { field: label }) }]}>
      <InputNumber min={min} max={max} step={step} style={{ width: 110 }} data-testid={`ev-f-${name}`} />
    </Form.Item>
  );
  return (
    <Modal open={open} title={current ? t('ev.editCampaign') : t('ev.newCampaign')} onCancel={onClose} onOk={submit} okText={t('ev.save')} width={640}
      confirmLoading={create.isPending || update.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'ev-campaign-save' } as never}>
      <Form form={form} layout="vertical" initialValues={init} preserve={false}>
        {!current && (
          <Form.Item name="orgId" label={t('ev.f.org')} rules={[{ required: true, message: t('ev.required', { field: t('ev.f.org') }) }]}>
            <ScopeOrgPicker placeholder={t('ev.f.org')} data-testid="ev-f-org" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('ev.f.title')} rules={[{ required: true, whitespace: true, message: t('ev.required', { field: t('ev.f.title') }) }]}>
          <Input maxLength={200} data-testid="ev-f-title" />
        </Form.Item>
        <Form.Item name="period" label={t('ev.f.period')} rules={[{ required: true, message: t('ev.required', { field: t('ev.f.period') }) }]}>
          <DatePicker.RangePicker data-testid="ev-f-period" />
        </Form.Item>
        <Space wrap>
          {num('self', t('ev.f.wSelf'), 0, 100)}{num('peer', t('ev.f.wPeer'), 0, 100)}{num('resident', t('ev.f.wResident'), 0, 100)}
        </Space>
        <Space wrap>
          {num('passMark', t('ev.f.passMark'), 0, 100, 0.5)}{num('bestN', t('ev.f.bestN'), 0, 1000)}{num('sampleSize', t('ev.f.sampleSize'), 1, 10000)}{num('rectifyDays', t('ev.f.rectifyDays'), 1, 365)}
          <Form.Item name="seed" label={t('ev.f.seed')} extra={t('ev.f.seedHint')}><InputNumber min={0} max={4294967295} style={{ width: 160 }} /></Form.Item>
        </Space>
        <Form.Item name="dimensions" label={t('ev.f.dimensions')} extra={t('ev.f.dimensionsHint')} rules={[{ required: true, whitespace: true, message: t('ev.required', { field: t('ev.f.dimensions') }) }]}>
          <Input.TextArea rows={6} data-testid="ev-f-dimensions" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Form, Input, InputNumber, Modal } from 'antd';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { createProposal, useMicroWrite } from './api';
import { toFen } from './labels';

interface Values { proposerName: string; title: string; description: string; cost: number; location?: string }

/** 代录申报: a worker records a proposal brought in person or collected at a meeting, naming the proposer. */
export function RecordProposalModal({ budgetId, open, onClose }: { budgetId: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const write = useMicroWrite((v: Values) => createProposal({ budgetId, proposerName: v.proposerName, title: v.title, description: v.description, costFen: toFen(v.cost), location: v.location || null }));
  const submit = useFormSubmit(form, async (v) => {
    await write.mutateAsync(v);
    feedback.success(t('mp.saved'));
    onClose();
  }, { costFen: 'cost' });
  const req = (f: string) => [{ required: true, whitespace: true, message: t('common.required', { field: f }) }];
  return (
    <Modal open={open} title={t('mp.record')} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid="record-form">
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="proposerName" label={t('mp.f.proposer')} rules={req(t('mp.f.proposer'))}><Input maxLength={50} /></Form.Item>
        <Form.Item name="title" label={t('mp.f.title')} rules={req(t('mp.f.title'))}><Input maxLength={100} /></Form.Item>
        <Form.Item name="description" label={t('mp.f.description')} rules={req(t('mp.f.description'))}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        <Form.Item name="cost" label={t('mp.f.costYuan')} rules={[{ required: true, message: t('common.required', { field: t('mp.f.costYuan') }) }]}>
          <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="location" label={t('mp.f.location')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

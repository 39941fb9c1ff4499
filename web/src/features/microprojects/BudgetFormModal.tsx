import { Form, Input, InputNumber, Modal } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { createBudget, updateBudget, useMicroWrite } from './api';
import { toFen } from './labels';
import type { Budget } from './types';

interface Values { orgId: number; year: number; amount: number; note?: string }

/** 设立 / 修改年度预算: the community, the year and the amount in yuan (kept exactly in fen). */
export function BudgetFormModal({ open, onClose, budget }: { open: boolean; onClose: () => void; budget?: Budget }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const write = useMicroWrite((v: Values) => budget
    ? updateBudget(budget.id, { amountFen: toFen(v.amount), note: v.note ?? '' })
    : createBudget({ orgId: v.orgId, year: v.year, amountFen: toFen(v.amount), note: v.note }));
  const submit = useFormSubmit(form, async (v) => {
    await write.mutateAsync(v);
    feedback.success(t('mp.saved'));
    onClose();
  }, { amountFen: 'amount' });
  return (
    <Modal open={open} title={budget ? t('mp.budget.edit') : t('mp.budget.create')} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid="budget-form">
      <Form form={form} layout="vertical" preserve={false}
        initialValues={budget ? { amount: budget.amountFen / 100, note: budget.note } : { year: new Date().getFullYear() + 1 }}>
        {!budget && (
          <>
            <Form.Item name="orgId" label={t('mp.f.community')} rules={[{ required: true, message: t('common.required', { field: t('mp.f.community') }) }]}>
              <ScopeOrgPicker levels={['community']} />
            </Form.Item>
            <Form.Item name="year" label={t('mp.f.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} precision={0} data-testid="budget-year" /></Form.Item>
          </>
        )}
        <Form.Item name="amount" label={t('mp.f.amountYuan')} rules={[{ required: true, message: t('common.required', { field: t('mp.f.amountYuan') }) }]}>
          <InputNumber min={0.01} max={1_000_000_000} precision={2} style={{ width: 220 }} data-testid="budget-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('mp.f.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}

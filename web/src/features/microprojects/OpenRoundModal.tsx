import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { openRound, useMicroWrite } from './api';
import { yuan } from './labels';
import type { Budget, Round } from './types';

interface Values { title?: string; electorate: 'households' | 'adults'; closesAt?: Dayjs | null }

/** 发起投票: the approved proposals that fit in the leftover go to an approval vote (voting module). */
export function OpenRoundModal({ budget, open, onClose }: { budget: Budget; open: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const write = useMicroWrite((v: Values) => openRound({ budgetId: budget.id, title: v.title?.trim() || undefined, electorate: v.electorate, closesAt: v.closesAt ? v.closesAt.toISOString() : null }));
  const submit = useFormSubmit(form, async (v) => {
    const r = (await write.mutateAsync(v)) as Round;
    feedback.success(t('mp.round.opened'));
    onClose();
    navigate(`/app/micro-rounds/${r.id}`);
  });
  return (
    <Modal open={open} title={t('mp.round.open')} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid="round-form">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('mp.round.hint', { left: yuan(budget.leftoverFen), n: budget.approvedCount })} />
      <Form form={form} layout="vertical" initialValues={{ electorate: 'households' }} preserve={false}>
        <Form.Item name="title" label={t('mp.f.roundTitle')}><Input maxLength={100} placeholder={t('mp.round.defaultTitle', { year: budget.year })} /></Form.Item>
        <Form.Item name="electorate" label={t('mp.f.electorate')}>
          <Radio.Group options={[{ value: 'households', label: t('mp.el.households') }, { value: 'adults', label: t('mp.el.adults') }]} />
        </Form.Item>
        <Form.Item name="closesAt" label={t('mp.f.closesAt')}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
      </Form>
    </Modal>
  );
}

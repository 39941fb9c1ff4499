import { useEffect } from 'react';
import { Alert, Button, Form, Input, InputNumber } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { PhotoUpload, type UploadedPhoto } from '../../components/PhotoUpload';
import { PageSpinner } from '../../components/PageStates';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { createProposal, photoUrl, updateProposal, useBudget, useMicroWrite, useProposal } from './api';
import { toFen, yuan } from './labels';

interface Values { title: string; description: string; cost: number; location?: string; photos?: UploadedPhoto[] }

/** /m/micro/propose?budget=ID (new) or ?edit=ID (a proposal sent back for changes): title, description, cost, place, photos. */
export default function MobileProposeForm() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const editId = Number(params.get('edit') ?? 0);
  const existing = useProposal(editId);
  const budgetId = Number(params.get('budget') ?? 0) || existing.data?.budgetId || 0;
  const budget = useBudget(budgetId);
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    const p = existing.data;
    if (p) form.setFieldsValue({ title: p.title, description: p.description, cost: p.costFen / 100, location: p.location ?? undefined, photos: p.photoIds.map((id) => ({ id, url: photoUrl(id) })) });
  }, [existing.data, form]);
  const write = useMicroWrite((v: Values) => {
    const body = { title: v.title, description: v.description, costFen: toFen(v.cost), location: v.location || null, photoIds: (v.photos ?? []).map((p) => p.id) };
    return editId ? updateProposal(editId, body) : createProposal({ budgetId, ...body });
  });
  const submit = useFormSubmit(form, async (v) => {
    await write.mutateAsync(v);
    feedback.success(t('mp.m.submitted'));
    navigate('/m/micro/mine');
  }, { costFen: 'cost', photoIds: 'photos' });
  if (editId && existing.isPending) return <MobilePage title={t('mp.m.propose')} back="/m/micro"><PageSpinner /></MobilePage>;
  return (
    <MobilePage title={editId ? t('mp.m.edit') : t('mp.m.propose')} back="/m/micro" testId="m-propose-form">
      {existing.data?.reviewNote && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('mp.m.reviewNote', { note: existing.data.reviewNote })} />}
      {budget.data && <Alert type="info" style={{ marginBottom: 12 }} message={t('mp.m.budgetHint', { year: budget.data.year, amount: yuan(budget.data.amountFen) })} />}
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('mp.f.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mp.f.title') }) }]}><Input maxLength={100} data-testid="m-prop-title" /></Form.Item>
        <Form.Item name="description" label={t('mp.f.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mp.f.description') }) }]}><Input.TextArea rows={4} maxLength={4000} data-testid="m-prop-desc" /></Form.Item>
        <Form.Item name="cost" label={t('mp.f.costYuan')} rules={[{ required: true, message: t('common.required', { field: t('mp.f.costYuan') }) }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} inputMode="decimal" data-testid="m-prop-cost" />
        </Form.Item>
        <Form.Item name="location" label={t('mp.f.location')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="photos" label={t('mp.photos')}><PhotoUpload max={6} capture testId="m-prop-photos" /></Form.Item>
        <Button type="primary" size="large" block loading={write.isPending} onClick={() => void submit()} data-testid="m-prop-submit">{t('mp.m.submit')}</Button>
      </Form>
    </MobilePage>
  );
}

import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { PhotoUpload, type UploadedPhoto } from '../../components/PhotoUpload';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { addMilestone, addPhoto, addSpending, useMicroWrite } from './api';
import { toFen, yuan } from './labels';
import type { Project } from './types';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** The community's implementation records: a milestone, a spending (within what is left of the cost), photos. */
export function MilestoneButton({ p }: { p: Project }) {
  const t = useT();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ title: string; plannedOn: Dayjs; doneOn?: Dayjs | null; note?: string }>();
  const write = useMicroWrite((v: { title: string; plannedOn: Dayjs; doneOn?: Dayjs | null; note?: string }) => addMilestone(p.id, { title: v.title, plannedOn: day(v.plannedOn)!, doneOn: day(v.doneOn), note: v.note }));
  const submit = useFormSubmit(form, async (v) => { await write.mutateAsync(v); feedback.success(t('mp.saved')); setOpen(false); });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="milestone-add">{t('mp.milestone.add')}</Button>
      <Modal open={open} title={t('mp.milestone.add')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={write.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="title" label={t('mp.f.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mp.f.title') }) }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="plannedOn" label={t('mp.planned')} rules={[{ required: true, message: t('common.required', { field: t('mp.planned') }) }]}><DatePicker /></Form.Item>
          <Form.Item name="doneOn" label={t('mp.done')}><DatePicker /></Form.Item>
          <Form.Item name="note" label={t('mp.f.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function SpendingButton({ p }: { p: Project }) {
  const t = useT();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  type V = { amount: number; spentOn: Dayjs; payee: string; note?: string };
  const [form] = Form.useForm<V>();
  const write = useMicroWrite((v: V) => addSpending(p.id, { amountFen: toFen(v.amount), spentOn: day(v.spentOn)!, payee: v.payee, note: v.note }));
  const submit = useFormSubmit(form, async (v) => { await write.mutateAsync(v); feedback.success(t('mp.saved')); setOpen(false); }, { amountFen: 'amount' });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="spending-add">{t('mp.spending.add')}</Button>
      <Modal open={open} title={t('mp.spending.add')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={write.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="amount" label={t('mp.f.amountYuan')} extra={t('mp.spending.left', { left: yuan(p.costFen - p.spentFen) })} rules={[{ required: true, message: t('common.required', { field: t('mp.f.amountYuan') }) }]}>
            <InputNumber min={0.01} max={(p.costFen - p.spentFen) / 100} precision={2} style={{ width: 200 }} data-testid="spending-amount" />
          </Form.Item>
          <Form.Item name="spentOn" label={t('mp.f.date')} rules={[{ required: true, message: t('common.required', { field: t('mp.f.date') }) }]}><DatePicker /></Form.Item>
          <Form.Item name="payee" label={t('mp.f.payee')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mp.f.payee') }) }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="note" label={t('mp.f.note')}><Input maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PhotoButton({ p }: { p: Project }) {
  const t = useT();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [caption, setCaption] = useState('');
  const write = useMicroWrite(async (list: UploadedPhoto[]) => { for (const ph of list) await addPhoto(p.id, { attachmentId: ph.id, caption }); });
  const save = () => write.mutateAsync(photos).then(() => { feedback.success(t('mp.saved')); setOpen(false); setPhotos([]); setCaption(''); }, feedback.error);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="photo-add">{t('mp.photo.add')}</Button>
      <Modal open={open} title={t('mp.photo.add')} onCancel={() => setOpen(false)} onOk={() => void save()} okButtonProps={{ disabled: !photos.length }} confirmLoading={write.isPending} destroyOnHidden>
        <PhotoUpload value={photos} onChange={setPhotos} max={9} testId="project-photo-upload" />
        <Input style={{ marginTop: 12 }} placeholder={t('mp.photo.caption')} maxLength={200} value={caption} onChange={(e) => setCaption(e.target.value)} />
      </Modal>
    </>
  );
}

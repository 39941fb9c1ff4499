import { useEffect } from 'react';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { PhotoUpload, type UploadedPhoto } from '../../components/PhotoUpload';
import type { OrgLevel } from '../../lib/domain';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';

/** One field of a deliberation dialog. */
export interface DialogField {
  name: string; label: string; kind: 'text' | 'textarea' | 'select' | 'org' | 'date' | 'datetime' | 'number' | 'check' | 'photos';
  required?: boolean; max?: number; min?: number; options?: { value: string | number; label: string }[]; levels?: readonly OrgLevel[];
  placeholder?: string; extra?: string; multiple?: boolean; onSearch?: (q: string) => void;
}

interface Props {
  open: boolean; title: string; fields: DialogField[]; initial?: Record<string, unknown>; note?: string;
  /** Gets the values (blank strings dropped, dates as YYYY-MM-DD, times as ISO); throws to keep the dialog open. */
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void; testId: string;
}

function toBody(fields: DialogField[], values: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = values[f.name];
    if (f.kind === 'date' && v) v = (v as Dayjs).format('YYYY-MM-DD');
    if (f.kind === 'datetime' && v) v = (v as Dayjs).toISOString();
    if (f.kind === 'photos') v = ((v as UploadedPhoto[] | undefined) ?? []).map((p) => p.id);
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null || v === '') continue;
    out[f.name] = v;
  }
  return out;
}

/** A create/act dialog from a field list; server field errors appear under their fields. */
export function InputDialog({ open, title, fields, initial, note, onSubmit, onClose, testId }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Record<string, unknown>>();
  // Reset only when the dialog opens: `initial` is often built inline on each render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { if (open) { form.resetFields(); if (initial) form.setFieldsValue(initial); } }, [open, form]);
  const submit = useFormSubmit(form, async (values) => {
    await onSubmit(toBody(fields, values));
    feedback.success(t('delib.saved'));
    onClose();
  });
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={submit} okText={t('common.ok')} destroyOnHidden forceRender
      okButtonProps={{ 'data-testid': `${testId}-ok` } as Record<string, string>}>
      {note && <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>}
      <Form form={form} layout="vertical" data-testid={testId}>
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.kind === 'check' ? undefined : f.label} extra={f.extra} valuePropName={f.kind === 'check' ? 'checked' : 'value'}
            rules={f.required ? [{ required: true, message: t('delib.required', { field: f.label }), ...(f.kind === 'text' || f.kind === 'textarea' ? { whitespace: true } : {}) }] : []}>
            {f.kind === 'text' ? <Input maxLength={f.max} placeholder={f.placeholder} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'textarea' ? <Input.TextArea rows={4} maxLength={f.max} placeholder={f.placeholder} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'select' ? <Select options={f.options} allowClear={!f.required} mode={f.multiple ? 'multiple' : undefined} showSearch={!!f.onSearch}
                  filterOption={f.onSearch ? false : undefined} onSearch={f.onSearch} placeholder={f.placeholder} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'org' ? <ScopeOrgPicker levels={f.levels} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'date' ? <DatePicker style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'datetime' ? <DatePicker showTime style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'check' ? <Checkbox data-testid={`${testId}-${f.name}`}>{f.label}</Checkbox>
              : f.kind === 'photos' ? <PhotoUpload max={9} testId={`${testId}-${f.name}`} />
              : <InputNumber min={f.min} max={f.max} style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

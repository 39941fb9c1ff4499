import { useEffect } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import type { OrgLevel } from '../../lib/domain';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';

/** One field of a create/edit dialog. */
export interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'org' | 'date' | 'number';
  required?: boolean;
  max?: number;
  min?: number;
  options?: { value: string | number; label: string }[];
  levels?: readonly OrgLevel[];
  placeholder?: string;
  /** When editing, an empty value leaves the stored one unchanged (a masked phone). */
  keepIfEmpty?: boolean;
}

interface Props {
  open: boolean;
  title: string;
  fields: Field[];
  initial?: Record<string, unknown>;
  /** Sends the values (empty strings become null, dates YYYY-MM-DD); throws to keep the dialog open. */
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
  testId: string;
}

function toBody(fields: Field[], values: Record<string, unknown>, editing: boolean) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = values[f.name];
    if (f.kind === 'date') v = v ? (v as Dayjs).format('YYYY-MM-DD') : null;
    if (typeof v === 'string') v = v.trim() === '' ? null : v.trim();
    if (v === undefined || (v === null && (!editing || f.keepIfEmpty))) continue;
    out[f.name] = v;
  }
  return out;
}

/** Create/edit dialog from a field list; server field errors appear under their fields. */
export function FormModal({ open, title, fields, initial, onSubmit, onClose, testId }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Record<string, unknown>>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initial) {
      const v: Record<string, unknown> = { ...initial };
      for (const f of fields) if (f.kind === 'date' && typeof v[f.name] === 'string') v[f.name] = dayjs(v[f.name] as string);
      form.setFieldsValue(v);
    }
  }, [open, initial, fields, form]);
  const submit = useFormSubmit(form, async (values) => {
    await onSubmit(toBody(fields, values, initial !== undefined));
    feedback.success(t('partners.saved'));
    onClose();
  });
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={submit} okText={t('common.save')} destroyOnHidden forceRender okButtonProps={{ 'data-testid': `${testId}-ok` } as Record<string, string>}>
      <Form form={form} layout="vertical" data-testid={testId}>
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label}
            rules={[{ required: f.required, whitespace: f.kind === 'text' || f.kind === 'textarea', message: t('partners.required', { field: f.label }) }]}>
            {f.kind === 'text' ? <Input maxLength={f.max} placeholder={f.placeholder} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'textarea' ? <Input.TextArea rows={3} maxLength={f.max} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'select' ? <Select options={f.options} allowClear={!f.required} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'org' ? <ScopeOrgPicker levels={f.levels} data-testid={`${testId}-${f.name}`} />
              : f.kind === 'date' ? <DatePicker style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />
              : <InputNumber min={f.min} max={f.max} style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

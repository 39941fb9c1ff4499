import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT, type MessageKey } from '../../lib/i18n';
import { step, useProjectWrite } from './api';
import { toFen } from './money';

/** One field of a step's form. `yuan` is typed in yuan and sent in fen; `date` as YYYY-MM-DD; `datetime` as ISO. */
export interface Field {
  name: string; label: MessageKey; kind: 'text' | 'textarea' | 'yuan' | 'int' | 'number' | 'date' | 'datetime' | 'select';
  required?: boolean; options?: { value: string | number; label: ReactNode }[]; min?: number; max?: number; step?: number; initial?: unknown;
  /** For a select whose options come from a search (the social organization picker). */
  onSearch?: (q: string) => void;
}
export interface StepSpec { title: MessageKey; path: string; fields: Field[]; extra?: (v: Record<string, unknown>) => Record<string, unknown>; testId: string }

const toBody = (fields: Field[], v: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const x = v[f.name];
    if (x === undefined || x === null || x === '') continue;
    if (f.kind === 'yuan') out[f.name] = toFen(x as number);
    else if (f.kind === 'date') out[f.name] = (x as { format: (s: string) => string }).format('YYYY-MM-DD');
    else if (f.kind === 'datetime') out[f.name] = (x as { toISOString: () => string }).toISOString();
    else out[f.name] = x;
  }
  return out;
};

/** A project step as a small form: fills the body from the fields and posts it; field errors from the server land on the fields. */
export function StepModal({ spec, onClose }: { spec: StepSpec | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm();
  const write = useProjectWrite((b: { path: string; body: object }) => step(b.path, b.body));
  // Reset when a step opens, not when its options refresh (the award picker's arrive after opening).
  const opened = spec ? `${spec.testId} ${spec.path}` : null;
  useEffect(() => {
    if (!spec) return;
    form.resetFields();
    form.setFieldsValue(Object.fromEntries(spec.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial])));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, form]);
  const submit = useFormSubmit(form, async (v: Record<string, unknown>) => {
    if (!spec) return;
    const body = toBody(spec.fields, v);
    await write.mutateAsync({ path: spec.path, body: spec.extra ? spec.extra(body) : body });
    feedback.success(t('proj.done'));
    onClose();
  });
  return (
    <Modal open={!!spec} title={spec ? t(spec.title) : ''} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid={spec?.testId ?? 'step-form'}>
      <Form form={form} layout="vertical">
        {spec?.fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={t(f.label)} rules={f.required === false ? [] : [{ required: true, ...(f.kind === 'text' || f.kind === 'textarea' ? { whitespace: true } : {}), message: t('common.required', { field: t(f.label) }) }]}>
            {f.kind === 'text' ? <Input data-testid={`step-${f.name}`} />
              : f.kind === 'textarea' ? <Input.TextArea rows={3} data-testid={`step-${f.name}`} />
                : f.kind === 'yuan' ? <InputNumber min={0.01} max={1_000_000_000} precision={2} style={{ width: 200 }} data-testid={`step-${f.name}`} />
                  : f.kind === 'int' ? <InputNumber min={f.min ?? 0} max={f.max ?? 1000000} precision={0} data-testid={`step-${f.name}`} />
                    : f.kind === 'number' ? <InputNumber min={f.min ?? 0} max={f.max ?? 100} step={f.step ?? 0.5} data-testid={`step-${f.name}`} />
                      : f.kind === 'date' ? <DatePicker format="YYYY-MM-DD" className={`step-${f.name}`} />
                        : f.kind === 'datetime' ? <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className={`step-${f.name}`} />
                          : <Select options={f.options} showSearch={!!f.onSearch} filterOption={!f.onSearch} onSearch={f.onSearch} data-testid={`step-${f.name}`} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

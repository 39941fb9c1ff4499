import { useState, type ReactNode } from 'react';
import { Alert, Form, Input, Modal, type FormInstance } from 'antd';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import type { Posted } from './types';

/**
 * An idempotency key for one dialog: made once when the dialog opens, so a double click or a
 * retry after a lost answer posts nothing twice. crypto.randomUUID needs a secure context; on
 * plain http inside a LAN we fall back to getRandomValues.
 */
export function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `k-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The reason every ledger write carries (2–200 characters, not blank). */
export function ReasonField() {
  const t = useT();
  return (
    <Form.Item
      name="reason"
      label={t('points.field.reason')}
      rules={[
        { required: true, whitespace: true, message: t('common.required', { field: t('points.field.reason') }) },
        { min: 2, max: 200 },
      ]}
    >
      <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('points.field.reasonPh')} data-testid="points-reason" />
    </Form.Item>
  );
}

interface Props<V> {
  title: ReactNode;
  hint: ReactNode;
  testId: string;
  form: FormInstance<V>;
  /** Posts with the dialog's clientKey; returns the success text for a new movement. */
  post: (values: V, clientKey: string) => Promise<{ posted: Posted; done: string }>;
  onClose: () => void;
  pending: boolean;
  children: ReactNode;
  /** Server field names mapped to form fields. */
  rename?: Record<string, string>;
}

/**
 * The frame of the 下拨 / 奖励 / 冲正 dialogs: the form, one clientKey for the dialog's life, the
 * server's field errors under their fields and any other error (409 INSUFFICIENT_POINTS,
 * ALREADY_REVERSED …) as the server's own message. Mount it only while open.
 */
export function LedgerDialog<V>({ title, hint, testId, form, post, onClose, pending, children, rename }: Props<V>) {
  const t = useT();
  const feedback = useFeedback();
  const [clientKey] = useState(newClientKey);
  const submit = useFormSubmit(form, async (values: V) => {
    const { posted, done } = await post(values, clientKey);
    feedback.success(posted.created ? done : t('points.repeated'));
    onClose();
  }, rename);
  return (
    <Modal open title={title} onCancel={onClose} onOk={submit} confirmLoading={pending} okButtonProps={{ 'data-testid': `${testId}-submit` }} destroyOnHidden>
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" data-testid={testId} preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}

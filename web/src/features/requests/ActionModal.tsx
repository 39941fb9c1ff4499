import { Form, InputNumber, Modal, Typography } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { isConflict, useRequestAction } from './api';
import { actionLabel } from './labels';
import { DepartmentsField, HandlerField, TextField } from './TargetFields';
import type { RequestAction, RequestItem } from './types';

/** The dialog-driven actions (rating has its own panel). */
export type DialogAction = Exclude<RequestAction, 'rate'>;

interface Values {
  note?: string;
  reason?: string;
  resolution?: string;
  handlerOrgId?: number;
  departmentIds?: number[];
  intoId?: number;
}

const text = (v: string | undefined) => v?.trim() ?? '';

/** The request body each action sends (version: the one this screen shows; a stale one answers 409). */
function bodyOf(action: DialogAction, v: Values, version: number): object {
  switch (action) {
    case 'return': case 'close': case 'reopen':
      return { reason: text(v.reason), version };
    case 'resolve':
      return { resolution: text(v.resolution), version };
    case 'dispatch': case 'redispatch':
      return { handlerOrgId: v.handlerOrgId, note: text(v.note) || null, version };
    case 'whistle':
      return { departmentIds: v.departmentIds ?? [], reason: text(v.reason), version };
    case 'merge':
      return { intoId: v.intoId, version };
    default:
      return { note: text(v.note) || null, version };
  }
}

function Fields({ action, request }: { action: DialogAction; request: RequestItem }) {
  const t = useT();
  switch (action) {
    case 'return': case 'close': case 'reopen':
      return <TextField name="reason" required />;
    case 'resolve':
      return <TextField name="resolution" required />;
    case 'dispatch': case 'redispatch':
      return (
        <>
          <HandlerField requestId={request.id} />
          <TextField name="note" required={false} />
        </>
      );
    case 'whistle':
      return (
        <>
          <DepartmentsField requestId={request.id} />
          <TextField name="reason" required />
        </>
      );
    case 'merge':
      return (
        <Form.Item name="intoId" label={t('req.m.intoId')} rules={[{ required: true, message: t('req.m.intoIdRequired') }]}>
          <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} data-testid="action-into" />
        </Form.Item>
      );
    default:
      return <TextField name="note" required={false} />;
  }
}

interface Props {
  request: RequestItem;
  action: DialogAction;
  onClose: () => void;
  /** Told of a 409 (someone acted first), after the data was asked for again. */
  onConflict?: (err: unknown) => void;
}

/** One workflow action in a small dialog; a 409 (someone acted first) shows the message, refetches and closes. */
export function ActionModal({ request, action, onClose, onConflict }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const mutation = useRequestAction(request.id);
  const label = actionLabel(t, action);

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await mutation.mutateAsync({ action, body: bodyOf(action, v, request.version) });
      feedback.success(t('req.m.done', { action: label }));
      onClose();
    } catch (err) {
      if (isConflict(err)) {
        feedback.error(err);
        onConflict?.(err);
        onClose();
      } else if (!applyFieldErrors(form, err)) feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={`${label} · #${request.id}`}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={label}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {request.categoryName} · {request.description}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid={`action-form-${action}`}>
        <Fields action={action} request={request} />
      </Form>
    </Modal>
  );
}

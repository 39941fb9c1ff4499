import { Alert, Form, Input, Modal } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useResidentStatus, type StatusAction } from './api';
import type { Resident } from './types';

interface Props {
  resident: Resident;
  action: StatusAction;
  onClose: () => void;
}

/**
 * Deactivate / reactivate / anonymize with a reason. Anonymizing cannot be undone, so it also
 * asks the user to type a confirmation phrase.
 */
export function StatusModal({ resident, action, onClose }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ reason: string; confirm?: string }>();
  const mutation = useResidentStatus();
  const strong = action === 'anonymize';
  const phrase = t('residents.anonymize.phrase');
  const confirm = Form.useWatch('confirm', form);

  const onOk = async () => {
    const { reason } = await form.validateFields();
    try {
      await mutation.mutateAsync({ id: resident.id, action, reason: reason.trim() });
      feedback.success(t(`residents.${action}.done`));
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t(`residents.${action}.title`, { name: resident.nameMasked })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={mutation.isPending}
      okText={t(`residents.${action}`)}
      okButtonProps={{ danger: action !== 'reactivate', disabled: strong && confirm !== phrase, 'data-testid': 'status-ok' }}
      forceRender
    >
      <Alert type={strong ? 'error' : 'info'} showIcon title={t(`residents.${action}.notice`)} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('residents.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="status-reason" />
        </Form.Item>
        {strong && (
          <Form.Item name="confirm" label={t('residents.anonymize.typePhrase', { phrase })}>
            <Input autoComplete="off" data-testid="status-confirm" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

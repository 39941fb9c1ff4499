import { Form, Input, Modal } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useResetPassword } from './api';
import type { User } from './types';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetPassword();

  const onOk = async () => {
    const { newPassword } = await form.validateFields();
    try {
      await reset.mutateAsync({ id: user.id, newPassword });
      feedback.success(t('user.passwordReset'));
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, { password: 'newPassword' });
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t('user.resetPasswordTitle', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Form form={form} name="resetPassword" layout="vertical" autoComplete="off">
        <Form.Item name="newPassword" label={t('user.newPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

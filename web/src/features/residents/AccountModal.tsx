import { Alert, Form, Input, Modal } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useOpenAccount } from './api';
import type { Resident } from './types';

/** Opens a resident login linked to the record; the resident must change the password at first sign-in. */
export function AccountModal({ resident, onClose }: { resident: Resident; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const open = useOpenAccount();

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const res = await open.mutateAsync({ id: resident.id, input: { username: v.username.trim(), password: v.password } });
      feedback.success(t('residents.account.done', { username: res.username }));
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t('residents.account.title', { name: resident.nameMasked })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={open.isPending}
      okButtonProps={{ 'data-testid': 'account-ok' }}
      forceRender
    >
      <Alert type="info" showIcon title={t('residents.account.notice')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item
          name="username"
          label={t('user.username')}
          rules={[{ required: true, whitespace: true, min: 3, max: 64, pattern: /^[A-Za-z0-9_.@-]+$/ }]}
        >
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="password" label={t('user.initialPassword')} rules={[{ required: true, max: 128 }]}>
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="account-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

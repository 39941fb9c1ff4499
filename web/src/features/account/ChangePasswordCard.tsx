import { useState } from 'react';
import { Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { setAnonymous } from '../auth/session';
import { changePassword } from './api';

interface FormValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordCard() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: FormValues) => {
    setSaving(true);
    try {
      await changePassword(v.oldPassword, v.newPassword);
      form.resetFields();
      // The server ends every session of this user: sign in again.
      setAnonymous('logout');
      queryClient.clear();
      navigate('/login', { replace: true });
      feedback.success(t('account.passwordChanged'));
    } catch (err) {
      applyFieldErrors(form, err, { password: 'newPassword' });
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('account.changePassword')} size="small">
      <Form<FormValues> form={form} name="changePassword" layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
        <Form.Item name="oldPassword" label={t('account.oldPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={[{ required: true }]} hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: async (_, value: string) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('account.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { revealPhone } from './api';
import type { User } from './types';

const HIDE_AFTER_MS = 60_000;

/**
 * Masked phone with a "显示" button: asks for a reason, calls the reveal endpoint and
 * keeps the plain value only in this component's state (auto-hidden after a minute).
 */
export function PhoneCell({ user }: { user: User }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const [plain, setPlain] = useState<string | null>(null);

  useEffect(() => {
    if (plain === null) return;
    const timer = setTimeout(() => setPlain(null), HIDE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [plain]);

  if (!user.phoneMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  const canReveal = user.actions.includes('reveal_phone');

  const onOk = async () => {
    const { reason } = await form.validateFields();
    setLoading(true);
    try {
      const res = await revealPhone(user.id, reason.trim());
      setPlain(res.value);
      setOpen(false);
      form.resetFields();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space size={4}>
      <Typography.Text code={plain !== null} data-testid={`phone-${user.id}`}>
        {plain ?? user.phoneMasked}
      </Typography.Text>
      {canReveal && plain === null && (
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
          {t('user.reveal')}
        </Button>
      )}
      {plain !== null && (
        <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setPlain(null)}>
          {t('user.hide')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('user.revealTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void onOk().catch(() => undefined)}
        confirmLoading={loading}
        forceRender
      >
        <Alert type="warning" showIcon title={t('user.revealNotice')} style={{ marginBottom: 16 }} />
        <Form form={form} name={`reveal-${user.id}`} layout="vertical">
          <Form.Item
            name="reason"
            label={t('user.revealReason')}
            rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}
          >
            <Input.TextArea rows={2} maxLength={200} placeholder={t('user.revealReasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

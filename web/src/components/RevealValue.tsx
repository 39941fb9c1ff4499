import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { applyFieldErrors, useFeedback } from '../lib/feedback';
import { useT } from '../lib/i18n';

const HIDE_AFTER_MS = 60_000;

interface Props {
  /** What the server sent (already masked); null/empty shows a dash. */
  masked: string | null | undefined;
  canReveal: boolean;
  /** Modal title, e.g. "查看完整身份证号". */
  title: string;
  /** Calls the server's audited reveal route and returns the plain value. */
  onReveal: (reason: string) => Promise<string>;
  testId?: string;
}

/**
 * A masked personal value with a "查看" button: asks for a reason, calls the reveal route and
 * keeps the plain value only in this component's state (hidden again after a minute).
 */
export function RevealValue({ masked, canReveal, title, onReveal, testId }: Props) {
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

  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;

  const onOk = async () => {
    const { reason } = await form.validateFields();
    setLoading(true);
    try {
      setPlain(await onReveal(reason.trim()));
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
    <Space size={4} wrap>
      <Typography.Text code={plain !== null} data-testid={testId}>
        {plain ?? masked}
      </Typography.Text>
      {canReveal && plain === null && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          onClick={() => setOpen(true)}
          data-testid={testId ? `${testId}-reveal` : undefined}
        >
          {t('reveal.show')}
        </Button>
      )}
      {plain !== null && (
        <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setPlain(null)}>
          {t('user.hide')}
        </Button>
      )}
      <Modal
        open={open}
        title={title}
        onCancel={() => setOpen(false)}
        onOk={() => void onOk().catch(() => undefined)}
        confirmLoading={loading}
        okButtonProps={testId ? { 'data-testid': `${testId}-ok` } : undefined}
        forceRender
      >
        <Alert type="warning" showIcon title={t('user.revealNotice')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('user.revealReason')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} placeholder={t('reveal.reasonPlaceholder')} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

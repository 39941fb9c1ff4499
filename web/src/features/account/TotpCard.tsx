import { useState } from 'react';
import { Button, Card, Form, Input, QRCode, Space, Tag, Typography } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { loadSession } from '../auth/session';
import { disableTotp, enableTotp, setupTotp, type TotpSetup } from './api';

export function TotpCard({ enabled }: { enabled: boolean }) {
  const t = useT();
  const feedback = useFeedback();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [pwForm] = Form.useForm<{ password: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>, form?: typeof codeForm | typeof pwForm) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      if (form) applyFieldErrors(form, err);
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  const onSetup = () => run(async () => setSetup(await setupTotp()));
  const onEnable = ({ code }: { code: string }) =>
    run(async () => {
      await enableTotp(code.trim());
      setSetup(null);
      codeForm.resetFields();
      feedback.success(t('account.totpEnabled'));
      await loadSession();
    }, codeForm);
  const onDisable = ({ password }: { password: string }) =>
    run(async () => {
      await disableTotp(password);
      pwForm.resetFields();
      feedback.success(t('account.totpDisabled'));
      await loadSession();
    }, pwForm);

  return (
    <Card
      size="small"
      title={t('account.totp')}
      extra={enabled ? <Tag color="green">{t('account.totpOn')}</Tag> : <Tag>{t('account.totpOff')}</Tag>}
    >
      <Typography.Paragraph type="secondary">{t('account.totpIntro')}</Typography.Paragraph>
      {!enabled && !setup && (
        <Button type="primary" loading={busy} onClick={() => void onSetup()}>
          {t('account.totpSetup')}
        </Button>
      )}
      {!enabled && setup && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>{t('account.totpScan')}</Typography.Text>
          <QRCode value={setup.otpauthUrl} size={176} bordered />
          <div>
            <Typography.Text type="secondary">{t('account.totpSecret')}：</Typography.Text>
            <Typography.Text code copyable data-testid="totp-secret">
              {setup.secret}
            </Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary">{t('account.totpUrl')}：</Typography.Text>
            <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="totp-url">
              {setup.otpauthUrl}
            </Typography.Text>
          </div>
          <Form form={codeForm} name="totpEnable" layout="inline" onFinish={onEnable}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('account.totpCode') }]}>
              <Input
                placeholder={t('account.totpCode')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                style={{ width: 160 }}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('account.totpEnable')}
            </Button>
          </Form>
        </Space>
      )}
      {enabled && (
        <Form form={pwForm} name="totpDisable" layout="inline" onFinish={onDisable}>
          <Form.Item name="password" rules={[{ required: true, message: t('account.totpDisablePassword') }]}>
            <Input.Password
              placeholder={t('account.totpDisablePassword')}
              autoComplete="current-password"
              style={{ width: 220 }}
            />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy}>
            {t('account.totpDisable')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

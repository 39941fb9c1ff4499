import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ApiError } from '../../lib/api';
import { applyFieldErrors, errorMessage } from '../../lib/feedback';
import { useLang } from '../../lib/i18n';
import { login } from './api';
import { homePath, setAuthenticated, useSession } from './session';
import type { LoginInput } from './types';

interface FromState {
  from?: string;
}

export default function LoginPage() {
  const { t, lang } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [form] = Form.useForm<LoginInput>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<{ text: string; info: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Server messages come in the language of the request: drop them when the language changes.
  useEffect(() => setError(null), [lang]);

  const onFinish = async (values: LoginInput) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await login({
        username: values.username.trim(),
        password: values.password,
        totpCode: needTotp && values.totpCode ? values.totpCode.trim() : undefined,
      });
      form.resetFields();
      setAuthenticated(res);
      const from = (location.state as FromState | null)?.from;
      const staffTarget = from && from.startsWith('/app') && res.user.role !== 'resident';
      const target = res.user.mustChangePassword ? '/app/account' : staffTarget ? from : homePath(res.user);
      navigate(target, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'TOTP_REQUIRED' || err.code === 'TOTP_INVALID')) {
        setNeedTotp(true);
        if (err.code === 'TOTP_INVALID') form.setFields([{ name: 'totpCode', errors: [err.message] }]);
      }
      applyFieldErrors(form, err);
      setError({ text: errorMessage(err), info: err instanceof ApiError && err.code === 'TOTP_REQUIRED' });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="gz-login">
      <div className="gz-login__lang">
        <LanguageSwitch size="middle" />
      </div>
      <Card className="gz-login__card" variant="borderless">
        <div className="gz-login__brand">
          <div className="gz-logo" aria-hidden>
            共
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        {session.status === 'anonymous' && session.reason === 'expired' && !error && (
          <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type={error.info ? 'info' : 'error'}
            showIcon
            title={error.text}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginInput> form={form} name="login" layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totpCode"
              label={t('login.totp')}
              extra={t('login.totpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpHint') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                autoFocus
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" className="gz-login__footer">
        {t('login.footer')}
      </Typography.Text>
    </div>
  );
}

import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../lib/feedback';
import { useT } from '../lib/i18n';

export function PageSpinner({ fullScreen = false }: { fullScreen?: boolean }) {
  const t = useT();
  return (
    <div
      role="status"
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        minHeight: fullScreen ? '100vh' : 240,
      }}
    >
      <Spin size="large" description={t('common.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={errorMessage(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function Forbidden() {
  const t = useT();
  return <Result status="403" title="403" subTitle={t('error.forbidden')} />;
}

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('error.notFound')}
      extra={<Button onClick={() => navigate('/')}>{t('common.back')}</Button>}
    />
  );
}

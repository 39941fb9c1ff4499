import { useEffect, useState } from 'react';
import { Button, Modal, Segmented, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { ErrorState } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useQrToken } from './api';

/** Full-screen check-in/out QR code for the organizer's screen; the token is fetched again before it expires. */
export function QrDisplay({ activityId, title, open, onClose }: { activityId: number; title: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const [mode, setMode] = useState<'in' | 'out'>('in');
  const token = useQrToken(activityId, mode, open);
  const [img, setImg] = useState<string | null>(null);
  const url = token.data ? `${window.location.origin}${token.data.path}` : null;

  useEffect(() => {
    if (!url) return;
    let live = true;
    void QRCode.toDataURL(url, { width: 560, margin: 1, errorCorrectionLevel: 'M' }).then((d) => live && setImg(d));
    return () => { live = false; };
  }, [url]);

  return (
    <Modal open={open} onCancel={onClose} footer={null} width="100vw" style={{ top: 0, maxWidth: '100vw', paddingBottom: 0 }}
      styles={{ body: { minHeight: 'calc(100vh - 48px)', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 16 } }}
      destroyOnHidden data-testid="qr-display">
      <Typography.Title level={2} style={{ margin: 0 }}>{title}</Typography.Title>
      <Segmented value={mode} onChange={(v) => setMode(v as 'in' | 'out')} size="large"
        options={[{ value: 'in', label: t('vol.qrIn') }, { value: 'out', label: t('vol.qrOut') }]} data-testid="qr-mode" />
      {token.isError ? <ErrorState error={token.error} onRetry={() => void token.refetch()} /> : !img || !token.data ? <Spin size="large" /> : (
        <>
          <img src={img} alt={t(mode === 'in' ? 'vol.qrIn' : 'vol.qrOut')} style={{ width: 'min(70vh, 90vw)', height: 'min(70vh, 90vw)' }} data-testid="qr-image" data-url={url ?? ''} />
          <Typography.Text type="secondary" style={{ fontSize: 18 }}>{t('vol.qrHint', { mode: t(mode === 'in' ? 'vol.f.checkIn' : 'vol.f.checkOut') })}</Typography.Text>
        </>
      )}
      <Button size="large" onClick={onClose}>{t('vol.qrClose')}</Button>
    </Modal>
  );
}

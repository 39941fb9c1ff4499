import { useEffect, useRef, useState } from 'react';
import { Button, Result } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { PageSpinner } from '../../components/PageStates';
import { errorMessage } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { scan, useActivityWrite } from './api';
import type { Activity } from './types';

/** /m/checkin/:id?t=…: opened by the organizer's QR code; posts the token once and says what happened. */
export default function MobileCheckinPage() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const token = useSearchParams()[0].get('t') ?? '';
  const post = useActivityWrite((_: void) => scan(id, token));
  const sent = useRef(false);
  const [done, setDone] = useState<{ ok: true; a: Activity } | { ok: false; message: string } | null>(null);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    post.mutateAsync(undefined).then((a) => setDone({ ok: true, a }), (e) => setDone({ ok: false, message: errorMessage(e) }));
  }, [post]);

  const out = token.startsWith('out-');
  return (
    <MobilePage title={t('vol.m.checkin')} back="/m/activities" testId="m-checkin">
      {done === null ? <PageSpinner /> : done.ok ? (
        <Result status="success" title={t(out ? 'vol.m.checkoutOk' : 'vol.m.checkinOk')} subTitle={done.a.title} data-testid="m-checkin-ok"
          extra={<Button type="primary" onClick={() => navigate(`/m/activities/${id}`)}>{t('vol.m.toActivity')}</Button>} />
      ) : (
        <Result status="error" title={t('vol.m.checkinFailed')} subTitle={done.message} data-testid="m-checkin-failed"
          extra={<Button onClick={() => navigate(`/m/activities/${id}`)}>{t('vol.m.toActivity')}</Button>} />
      )}
    </MobilePage>
  );
}

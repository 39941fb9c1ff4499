import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { ApiError } from '../../lib/api';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { cancelSignup, signUp, useActivity, useActivityWrite } from './api';
import { KindTag, ruleText, skillList, StatusTag, timeRange } from './labels';
import type { Activity } from './types';

/** /m/activities/:id: the activity, my place (or queue number), sign up or cancel. */
export default function MobileActivityDetail() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useActivity(id);
  const join = useActivityWrite((_: void) => signUp(id));
  const leave = useActivityWrite((_: void) => cancelSignup(id));

  const onJoin = () => join.mutateAsync(undefined).then((a: Activity) => feedback.success(a.mine?.status === 'waiting' ? t('vol.m.waiting', { n: a.mine.waitingPosition ?? 0 }) : t('vol.m.signedUp')), (e) => {
    if (e instanceof ApiError && e.code === 'NOT_A_VOLUNTEER') navigate('/m/volunteer');
    feedback.error(e);
  });
  const onLeave = () => feedback.modal.confirm({ title: t('vol.m.cancelSignup'), content: t('vol.m.cancelSignupConfirm'), onOk: () => leave.mutateAsync(undefined).catch(feedback.error) });

  return (
    <MobilePage title={t('vol.m.activities')} back="/m/activities" testId="m-activity">
      {query.isPending ? <PageSpinner /> : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (() => {
        const a = query.data;
        const mine = a.mine && a.mine.status !== 'cancelled' ? a.mine : null;
        return (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>{a.title}</Typography.Title>
            <Space wrap><KindTag kind={a.kind} t={t} /><StatusTag status={a.status} t={t} /></Space>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('vol.f.time')}>{timeRange(a.startsAt, a.endsAt)}</Descriptions.Item>
              <Descriptions.Item label={t('vol.f.place')}>{a.place}</Descriptions.Item>
              <Descriptions.Item label={t('vol.f.organizer')}>{a.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('vol.f.signed')}>{`${a.signedCount}/${a.capacity} · ${a.waitingCount}`}</Descriptions.Item>
              <Descriptions.Item label={t('vol.f.requiredSkills')}>{skillList(t, a.requiredSkills)}</Descriptions.Item>
              <Descriptions.Item label={t('vol.f.pointRule')}>{ruleText(t, a)}</Descriptions.Item>
            </Descriptions>
            {a.description && <Typography.Paragraph>{a.description}</Typography.Paragraph>}
            {a.cancelReason && <Alert type="warning" message={a.cancelReason} />}
            {mine && (
              <Alert type={mine.status === 'signedUp' ? 'success' : 'warning'} data-testid="m-my-place" message={mine.status === 'waiting' ? t('vol.m.waiting', { n: mine.waitingPosition ?? 0 }) : t('vol.m.yourPlace')}
                description={<Space direction="vertical" size={0}>
                  {mine.checkInAt && <span data-testid="m-checked-in">{t('vol.m.checkedIn', { t: formatDateTime(mine.checkInAt) })}</span>}
                  {mine.checkOutAt && <span>{t('vol.m.checkedOut', { t: formatDateTime(mine.checkOutAt) })}</span>}
                  {mine.confirmed && <span data-testid="m-earned">{t('vol.m.earned', { h: mine.hours ?? 0, p: mine.points ?? 0 })}</span>}
                  {mine.status === 'signedUp' && !mine.confirmed && <span>{t('vol.m.checkInHint')}</span>}
                </Space>} />
            )}
            {a.actions.includes('signup') && (
              <Button type="primary" size="large" block loading={join.isPending} onClick={() => void onJoin()} data-testid="m-signup">
                {a.placesLeft > 0 ? t('vol.m.signup') : t('vol.m.joinWaiting')}
              </Button>
            )}
            {a.actions.includes('cancelSignup') && <Button size="large" block danger onClick={onLeave} data-testid="m-cancel-signup">{t('vol.m.cancelSignup')}</Button>}
          </Space>
        );
      })()}
    </MobilePage>
  );
}

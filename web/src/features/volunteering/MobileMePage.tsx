import { useState } from 'react';
import { Button, Card, Checkbox, Empty, Flex, Form, Input, List, Pagination, Space, Statistic, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { downloadMyCertificate, useMyActivities, useMyPoints, useMyVolunteer, useRegister } from './api';
import { SignupTag, skillLabel, Stars, timeRange } from './labels';
import { AVAILABILITY, SKILLS, type RegisterInput, type Volunteer } from './types';

/** /m/volunteer: register or edit my volunteer profile; my hours, star level, points, certificate and activities. */
export default function MobileMePage() {
  const t = useT();
  const me = useMyVolunteer();
  const [editing, setEditing] = useState(false);
  return (
    <MobilePage title={t('vol.m.me')} back="/m" testId="m-volunteer">
      {me.isPending ? <PageSpinner /> : me.isError ? <ErrorState error={me.error} onRetry={() => void me.refetch()} /> : me.data === null || editing ? (
        <ProfileForm current={me.data} onDone={() => setEditing(false)} />
      ) : (
        <Flex vertical gap={12}>
          <Summary v={me.data} onEdit={() => setEditing(true)} />
          <MyActivities />
        </Flex>
      )}
    </MobilePage>
  );
}

function ProfileForm({ current, onDone }: { current: Volunteer | null; onDone: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<RegisterInput>();
  const register = useRegister();
  const submit = useFormSubmit(form, async (v) => {
    await register.mutateAsync({ skills: v.skills ?? [], availability: v.availability ?? [], skillNote: v.skillNote || null, phone: v.phone || null });
    feedback.success(t('vol.saved'));
    onDone();
  });
  return (
    <Card title={current ? t('vol.m.profile') : t('vol.m.register')} size="small">
      {!current && <Typography.Paragraph type="secondary">{t('vol.m.registerHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={{ skills: current?.skills ?? [], availability: current?.availability ?? [], skillNote: current?.skillNote ?? '' }}>
        <Form.Item name="skills" label={t('vol.f.skills')}><Checkbox.Group options={SKILLS.map((s) => ({ value: s, label: skillLabel(t, s) }))} data-testid="m-skills" /></Form.Item>
        <Form.Item name="skillNote" label={t('vol.f.skillNote')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="availability" label={t('vol.f.availability')}><Checkbox.Group options={AVAILABILITY.map((s) => ({ value: s, label: t(`vol.avail.${s}`) }))} /></Form.Item>
        <Form.Item name="phone" label={t('vol.f.phone')} extra={current?.phoneMasked ? `${current.phoneMasked} · ${t('vol.m.phoneHint')}` : t('vol.m.phoneHint')}><Input inputMode="tel" maxLength={20} /></Form.Item>
        <Button type="primary" block size="large" loading={register.isPending} onClick={submit} data-testid="m-register">{t('vol.m.save')}</Button>
      </Form>
    </Card>
  );
}

function Summary({ v, onEdit }: { v: Volunteer; onEdit: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const points = useMyPoints();
  return (
    <Card size="small" title={<Space>{v.name}<Stars level={v.starLevel} t={t} /></Space>} extra={<Button type="link" onClick={onEdit}>{t('vol.edit')}</Button>}>
      <Flex gap={24} wrap>
        <Statistic title={t('vol.m.hours')} value={v.hours} suffix="h" data-testid="m-hours" />
        <Statistic title={t('vol.m.points')} value={points.data?.balance ?? (points.isError ? t('vol.m.pointsUnavailable') : '…')} data-testid="m-points" />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {v.hoursToNextStar === null ? t('vol.topStar') : t('vol.nextStar', { h: v.hoursToNextStar })}
      </Typography.Paragraph>
      <Space wrap>
        <Link to="/m/points">{t('vol.m.pointsDetail')}</Link>
        <Button icon={<FilePdfOutlined />} onClick={() => void downloadMyCertificate().catch(feedback.error)} data-testid="m-certificate">{t('vol.downloadCertificate')}</Button>
      </Space>
    </Card>
  );
}

function MyActivities() {
  const t = useT();
  const [page, setPage] = useState(1);
  const q = useMyActivities(page);
  return (
    <Card size="small" title={t('vol.m.myActivities')}>
      {q.isPending ? <PageSpinner /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? <Empty description={t('vol.empty.mine')} /> : (
        <>
          <List dataSource={q.data.items} renderItem={(a) => (
            <List.Item key={a.signupId} extra={a.confirmedAt ? <Typography.Text strong>{`${a.hours ?? 0}h · ${a.points ?? 0}`}</Typography.Text> : <SignupTag status={a.status} t={t} />}>
              <List.Item.Meta title={<Link to={`/m/activities/${a.activityId}`}>{a.title}</Link>} description={timeRange(a.startsAt, a.endsAt)} />
            </List.Item>
          )} />
          {q.data.total > 20 && <Pagination simple align="center" current={page} pageSize={20} total={q.data.total} onChange={setPage} />}
        </>
      )}
    </Card>
  );
}

import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Descriptions, Empty, Flex, Input, List, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { fetchFile, useMeeting, useUpload, useWrite } from './api';
import { StatusTag, fmtTime, key } from './labels';

/** Console: one meeting — attendance from the body's members, minutes, files, the topics on its agenda. */
export default function MeetingPage() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const q = useMeeting(id);
  const [present, setPresent] = useState<number[]>([]);
  const [minutes, setMinutes] = useState('');
  const attendance = useWrite<number[]>('put', () => `/delib-meetings/${id}/attendance`, (p) => ({ present: p }));
  const saveMinutes = useWrite<string>('put', () => `/delib-meetings/${id}/minutes`, (m) => ({ minutes: m }));
  const cancel = useWrite<unknown>('patch', () => `/delib-meetings/${id}`, () => ({ status: 'cancelled' }));
  const upload = useUpload(id);
  useEffect(() => {
    if (!q.data) return;
    setPresent(q.data.attendees.filter((a) => a.present).map((a) => a.memberId));
    setMinutes(q.data.meeting.minutes ?? '');
  }, [q.data]);
  if (q.isLoading) return <PageSpinner />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { meeting, attendees, topics, attachments } = q.data;
  const can = (a: string) => meeting.actions.includes(a);
  const ok = () => feedback.success(t('delib.saved'));
  return (
    <Flex vertical gap={16} data-testid="delib-meeting-page">
      <Card title={<Space><Link to="/app/delib-meetings">{t('delib.meeting.back')}</Link><span>{meeting.title}</span><Tag>{t(key('meetingStatus', meeting.status))}</Tag></Space>}
        extra={can('cancel') && <Popconfirm title={t('delib.meeting.cancel')} onConfirm={() => cancel.mutateAsync(null).then(ok).catch(feedback.error)}><Button danger>{t('delib.meeting.cancel')}</Button></Popconfirm>}>
        <Descriptions column={{ xs: 1, md: 3 }} items={[
          { key: 'body', label: t('delib.col.body'), children: <Link to={`/app/delib-bodies/${meeting.bodyId}`}>{meeting.bodyName}</Link> },
          { key: 'form', label: t('delib.col.form'), children: meeting.formName },
          { key: 'time', label: t('delib.col.time'), children: fmtTime(meeting.startsAt) },
          { key: 'place', label: t('delib.col.place'), children: meeting.place },
          { key: 'att', label: t('delib.col.attendance'), children: `${meeting.present}/${meeting.absent}` },
        ]} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}><Typography.Text strong>{t('delib.col.agenda')}：</Typography.Text>{meeting.agenda}</Typography.Paragraph>
        <Typography.Text strong>{t('delib.meeting.topics')}</Typography.Text>
        <List size="small" dataSource={topics} locale={{ emptyText: t('delib.none') }}
          renderItem={(x) => <List.Item><Link to={`/app/topics/${x.id}`}>#{x.id} {x.title}</Link> <StatusTag status={x.status} t={t} /></List.Item>} />
      </Card>
      <Card title={t('delib.meeting.attendance')} extra={can('attendance') && (
        <Button onClick={() => void attendance.mutateAsync(present).then(ok).catch(feedback.error)} loading={attendance.isPending} data-testid="delib-attendance-save">{t('delib.meeting.saveAttendance')}</Button>)}>
        {attendees.length === 0 ? <Empty description={t('delib.meeting.noAttendees')} /> : (
          <Checkbox.Group value={present} onChange={(v) => setPresent(v as number[])} disabled={!can('attendance')} data-testid="delib-attendance">
            <Space wrap>{attendees.map((a) => <Checkbox key={a.memberId} value={a.memberId}>{a.name}（{t(key('member', a.memberKind))}）</Checkbox>)}</Space>
          </Checkbox.Group>
        )}
      </Card>
      <Card title={t('delib.meeting.minutes')} extra={can('minutes') && (
        <Button type="primary" disabled={!minutes.trim()} loading={saveMinutes.isPending} onClick={() => void saveMinutes.mutateAsync(minutes).then(ok).catch(feedback.error)} data-testid="delib-minutes-save">{t('delib.meeting.saveMinutes')}</Button>)}>
        <Input.TextArea rows={6} maxLength={20000} value={minutes} onChange={(e) => setMinutes(e.target.value)} readOnly={!can('minutes')} data-testid="delib-minutes" />
        {meeting.minutesAt && <Typography.Text type="secondary">{fmtTime(meeting.minutesAt)}</Typography.Text>}
      </Card>
      <Card title={t('delib.meeting.files')} extra={can('upload') && (
        <Upload showUploadList={false} accept=".jpg,.jpeg,.png,.webp,.pdf,.docx" customRequest={(o) => { void upload.mutateAsync(o.file as File).then(ok).catch(feedback.error); }}>
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="delib-upload">{t('delib.meeting.upload')}</Button>
        </Upload>)}>
        <List size="small" dataSource={attachments} locale={{ emptyText: t('delib.none') }}
          renderItem={(a) => <List.Item><a onClick={() => void fetchFile(a.url, a.fileName).catch(feedback.error)}>{a.fileName}</a> {Math.ceil(a.size / 1024)} KB</List.Item>} />
      </Card>
    </Flex>
  );
}

import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { useCreateMeeting } from './api';
import { chinaToday } from './labels';
import { OrgScopeSelect } from './OrgScopeSelect';

interface Values {
  orgId: number;
  heldOn: Dayjs;
  topic: string;
  attendees?: string;
  notes: string;
}

const MEETING_LEVELS = ['community', 'grid'];

export function MeetingFormModal({ defaultOrgId, onClose }: { defaultOrgId?: number; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const create = useCreateMeeting();
  const own = session.status === 'authenticated' ? session.me.org : null;
  const initialOrg = defaultOrgId ?? (own && MEETING_LEVELS.includes(own.level) ? own.id : undefined);

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        orgId: v.orgId,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        topic: v.topic.trim(),
        attendees: v.attendees?.trim() || null,
        notes: v.notes.trim(),
      });
      feedback.success(t('gw.meeting.saved'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t('gw.meeting.new')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'meeting-submit' }}
      destroyOnHidden
      width={600}
    >
      <Form form={form} layout="vertical" initialValues={{ orgId: initialOrg, heldOn: dayjs(chinaToday()) }}>
        <Form.Item name="orgId" label={t('gw.meeting.org')} extra={t('gw.meeting.orgHint')} rules={[{ required: true }]}>
          <OrgScopeSelect levels={MEETING_LEVELS} allowClear={false} style={{ width: '100%' }} testId="meeting-org" />
        </Form.Item>
        <Form.Item name="heldOn" label={t('gw.meeting.heldOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="topic" label={t('gw.meeting.topic')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} data-testid="meeting-topic" />
        </Form.Item>
        <Form.Item name="attendees" label={t('gw.meeting.attendees')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('gw.meeting.attendeesPlaceholder')} />
        </Form.Item>
        <Form.Item name="notes" label={t('gw.meeting.notes')} rules={[{ required: true, whitespace: true, max: 10000 }]}>
          <Input.TextArea rows={6} maxLength={10000} showCount data-testid="meeting-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

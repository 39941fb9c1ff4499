import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { createActivity, useActivityWrite } from './api';
import { skillLabel } from './labels';
import { KINDS, SKILLS, type ActivityInput, type PointRule } from './types';

interface Values extends Omit<ActivityInput, 'startsAt' | 'endsAt'> { time: [Dayjs, Dayjs] }

/** 新建活动: organizer, kind, time, place, capacity, required skills and the point rule; saved as a draft. */
export function ActivityFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const rule = Form.useWatch('pointRule', form) as PointRule | undefined;
  const write = useActivityWrite((b: ActivityInput) => createActivity(b));
  const submit = useFormSubmit(form, async ({ time, ...v }) => {
    await write.mutateAsync({ ...v, startsAt: time[0].toISOString(), endsAt: time[1].toISOString() });
    feedback.success(t('vol.saved'));
    form.resetFields();
    onClose();
  }, { startsAt: 'time', endsAt: 'time' });

  return (
    <Modal open={open} title={t('vol.createTitle')} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} width={640} destroyOnHidden data-testid="activity-form">
      <Form form={form} layout="vertical" initialValues={{ kind: 'volunteer', capacity: 20, pointRule: 'perHour', pointsPerHour: 10, pointsFixed: 10, dayCap: 50, requiredSkills: [] }}>
        <Form.Item name="orgId" label={t('vol.f.organizer')} rules={[{ required: true, message: t('common.required', { field: t('vol.f.organizer') }) }]}>
          <ScopeOrgPicker levels={['street', 'community', 'grid']} data-testid="activity-org" />
        </Form.Item>
        <Form.Item name="kind" label={t('vol.f.kind')}>
          <Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`vol.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('vol.f.title')} rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { field: t('vol.f.title') }) }]}>
          <Input data-testid="activity-title" />
        </Form.Item>
        <Form.Item name="description" label={t('vol.f.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Form.Item name="place" label={t('vol.f.place')} rules={[{ required: true, whitespace: true, max: 200, message: t('common.required', { field: t('vol.f.place') }) }]}>
          <Input data-testid="activity-place" />
        </Form.Item>
        <Form.Item name="time" label={t('vol.f.time')} rules={[{ required: true, message: t('common.required', { field: t('vol.f.time') }) }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="activity-time" />
        </Form.Item>
        <Form.Item name="capacity" label={t('vol.f.capacity')} rules={[{ required: true }]}><InputNumber min={1} max={10000} precision={0} data-testid="activity-capacity" /></Form.Item>
        <Form.Item name="requiredSkills" label={t('vol.f.requiredSkills')}>
          <Select mode="multiple" allowClear options={SKILLS.map((s) => ({ value: s, label: skillLabel(t, s) }))} />
        </Form.Item>
        <Form.Item name="pointRule" label={t('vol.f.pointRule')}>
          <Radio.Group options={[{ value: 'perHour', label: t('vol.rule.perHourOpt') }, { value: 'perActivity', label: t('vol.rule.perActivityOpt') }]} />
        </Form.Item>
        {rule === 'perActivity' ? (
          <Form.Item name="pointsFixed" label={t('vol.f.pointsFixed')} rules={[{ required: true }]}><InputNumber min={0} max={100000} precision={0} /></Form.Item>
        ) : (
          <Form.Item name="pointsPerHour" label={t('vol.f.pointsPerHour')} rules={[{ required: true }]}><InputNumber min={1} max={1000} precision={0} data-testid="activity-pph" /></Form.Item>
        )}
        <Form.Item name="dayCap" label={t('vol.f.dayCap')} rules={[{ required: true }]}><InputNumber min={0} max={100000} precision={0} data-testid="activity-cap" /></Form.Item>
      </Form>
    </Modal>
  );
}

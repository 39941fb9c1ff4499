import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCreateLog } from './api';
import { chinaToday } from './labels';

interface Values {
  logDate: Dayjs;
  content: string;
}

export function LogFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const create = useCreateLog();

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ logDate: v.logDate.format('YYYY-MM-DD'), content: v.content.trim() });
      feedback.success(t('gw.log.saved'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t('gw.log.new')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'log-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ logDate: dayjs(chinaToday()) }}>
        <Form.Item name="logDate" label={t('gw.log.date')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="content" label={t('gw.log.content')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount placeholder={t('gw.log.placeholder')} data-testid="log-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

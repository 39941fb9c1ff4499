import { Button, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useCreateLog } from './api';

interface Values {
  logDate: Dayjs;
  content: string;
}

/** /w/logs/new: write today's work log (or a past day's). */
export default function LogNewPage() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateLog();

  const onFinish = async (v: Values) => {
    try {
      await create.mutateAsync({ logDate: v.logDate.format('YYYY-MM-DD'), content: v.content.trim() });
      feedback.success(t('wm.logSaved'));
      navigate('/w/logs', { replace: true });
    } catch (err) {
      if (!applyFieldErrors(form, err)) feedback.error(err);
    }
  };

  return (
    <MobilePage title={t('wm.logNew')} back="/w/logs" testId="wm-log-form">
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ logDate: dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)), content: '' }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item name="logDate" label={t('wm.logDate')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('wm.logContent')}
          rules={[{ required: true, whitespace: true, message: t('wm.logContentRequired') }, { max: 5000 }]}
        >
          <Input.TextArea rows={8} maxLength={5000} showCount placeholder={t('wm.logPlaceholder')} data-testid="wm-log-content" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={create.isPending} data-testid="wm-log-submit">
          {t('common.save')}
        </Button>
      </Form>
    </MobilePage>
  );
}

import { Form, Input, Modal, Select } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useLang } from '../../lib/i18n';
import { useCreateCorrection, useResidentMeta } from './api';

interface Values {
  field: string;
  message: string;
}

/** 申请更正: which field is wrong and what it should be; the community handles the request. */
export function CorrectionModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useLang();
  const feedback = useFeedback();
  const meta = useResidentMeta();
  const [form] = Form.useForm<Values>();
  const create = useCreateCorrection();

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ field: v.field, message: v.message.trim() });
      feedback.success(t('me.correctionSent'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t('me.correct')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('me.correctionSubmit')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'correction-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" size="large">
        <Form.Item name="field" label={t('me.correctionField')} rules={[{ required: true, message: t('me.correctionFieldRequired') }]}>
          <Select
            loading={meta.isPending}
            options={(meta.data?.correctionFields ?? []).map((f) => ({ value: f.value, label: f[lang] }))}
            data-testid="correction-field"
          />
        </Form.Item>
        <Form.Item
          name="message"
          label={t('me.correctionMessage')}
          rules={[{ required: true, whitespace: true, message: t('me.correctionMessageRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('me.correctionPlaceholder')} data-testid="correction-message" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

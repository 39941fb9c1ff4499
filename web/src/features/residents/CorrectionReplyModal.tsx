import { Form, Input, Modal, Typography } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useHandleCorrection } from './api';
import type { Correction } from './types';

interface Props {
  correction: Correction;
  accept: boolean;
  onClose: () => void;
}

export function CorrectionReplyModal({ correction, accept, onClose }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ reply: string }>();
  const handle = useHandleCorrection();

  const onOk = async () => {
    const { reply } = await form.validateFields();
    try {
      await handle.mutateAsync({ id: correction.id, accept, reply: reply.trim() });
      feedback.success(t(accept ? 'corrections.accepted' : 'corrections.rejected'));
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t(accept ? 'corrections.acceptTitle' : 'corrections.rejectTitle', { name: correction.residentNameMasked })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t(accept ? 'corrections.accept' : 'corrections.reject')}
      okButtonProps={{ danger: !accept, 'data-testid': 'correction-reply-ok' }}
      confirmLoading={handle.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {correction.message}
      </Typography.Paragraph>
      {accept && <Typography.Paragraph>{t('corrections.acceptHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        <Form.Item name="reply" label={t('corrections.reply')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="correction-reply" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

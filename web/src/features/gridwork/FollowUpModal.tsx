import { Form, Input, Modal, Typography } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSetFollowUp } from './api';
import type { Visit } from './types';

/** Marks a visit's follow-up done (or reopens it), with an optional note. */
export function FollowUpModal({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ followUpNote?: string }>();
  const mutation = useSetFollowUp();
  const done = visit.followUpDoneAt === null; // the action this modal performs

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await mutation.mutateAsync({ id: visit.id, followUpDone: done, followUpNote: v.followUpNote?.trim() || null });
      feedback.success(t(done ? 'gw.visit.followUpDone' : 'gw.visit.followUpReopened'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={t(done ? 'gw.visit.completeFollowUp' : 'gw.visit.reopenFollowUp')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'follow-up-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{visit.householdPlace}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ followUpNote: visit.followUpNote ?? '' }}>
        <Form.Item name="followUpNote" label={t('gw.visit.followUpNote')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="follow-up-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

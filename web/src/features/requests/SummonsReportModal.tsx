import { Form, Input, Modal } from 'antd';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSummonsAction } from './api';
import type { Summons } from './types';

/** 反馈处置情况: a checked-in department reports what it did. */
export function SummonsReportModal({ requestId, summons, onClose }: { requestId: number; summons: Summons; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ report: string }>();
  const mutation = useSummonsAction(requestId);

  const onOk = useFormSubmit(form, async ({ report }) => {
    await mutation.mutateAsync({ summonsId: summons.id, action: 'report', report: report.trim() });
    feedback.success(t('req.summons.reportDone'));
    onClose();
  });

  return (
    <Modal
      open
      title={t('req.summons.reportTitle', { org: summons.orgName })}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'summons-report-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="report" label={t('req.summons.report')} rules={[{ required: true, whitespace: true, message: t('req.summons.reportRequired') }, { max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="summons-report-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Descriptions, Form, Image, Input, Modal, Radio, Space } from 'antd';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { photoUrl, reviewProposal, useMicroWrite } from './api';
import { yuan } from './labels';
import type { Proposal } from './types';

type Decision = 'approve' | 'reject' | 'changes';

/** 审核申报: approve into the next round, reject, or send back for changes (a reason the proposer sees). */
export function ReviewModal({ proposal, onClose }: { proposal: Proposal | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ decision: Decision; note?: string }>();
  const decision = Form.useWatch('decision', form);
  const write = useMicroWrite((v: { decision: Decision; note?: string }) => reviewProposal(proposal!.id, v));
  const submit = useFormSubmit(form, async (v) => {
    await write.mutateAsync(v);
    feedback.success(t('mp.saved'));
    onClose();
  });
  return (
    <Modal open={proposal !== null} title={t('mp.review')} onCancel={onClose} onOk={submit} confirmLoading={write.isPending} destroyOnHidden data-testid="review-form">
      {proposal && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('mp.f.title')}>{proposal.title}</Descriptions.Item>
            <Descriptions.Item label={t('mp.f.proposer')}>{proposal.proposerName}</Descriptions.Item>
            <Descriptions.Item label={t('mp.f.cost')}>{yuan(proposal.costFen)}</Descriptions.Item>
            <Descriptions.Item label={t('mp.f.location')}>{proposal.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('mp.f.description')}>{proposal.description}</Descriptions.Item>
          </Descriptions>
          {proposal.photoIds.length > 0 && <Space wrap>{proposal.photoIds.map((id) => <Image key={id} src={photoUrl(id)} width={80} height={80} style={{ objectFit: 'cover' }} />)}</Space>}
          <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }} preserve={false}>
            <Form.Item name="decision">
              <Radio.Group data-testid="review-decision" options={(['approve', 'changes', 'reject'] as const).map((d) => ({ value: d, label: t(`mp.decision.${d}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('mp.f.reviewNote')} rules={[{ required: decision !== 'approve', whitespace: true, message: t('mp.noteRequired') }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="review-note" />
            </Form.Item>
          </Form>
        </Space>
      )}
    </Modal>
  );
}

import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Rate, Space } from 'antd';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useClaimAction, useRate } from './api';
import type { Claim } from './types';

/** The buttons a claim's `actions` allow: start, complete (with the result), withdraw, rate (1–5 with a comment). */
export function ClaimActions({ claim, block = false }: { claim: Claim; block?: boolean }) {
  const t = useT();
  const feedback = useFeedback();
  const act = useClaimAction();
  const [dialog, setDialog] = useState<'complete' | 'rate'>();
  const [form] = Form.useForm<{ note?: string; rating?: number; comment?: string }>();
  const rate = useRate();
  const run = (action: 'start' | 'withdraw') => act.mutateAsync({ id: claim.id, action }).then(() => feedback.success(t('partners.saved'))).catch(feedback.error);
  const submit = useFormSubmit(form, async (v) => {
    if (dialog === 'complete') await act.mutateAsync({ id: claim.id, action: 'complete', note: v.note?.trim() || null });
    else await rate.mutateAsync({ id: claim.id, rating: v.rating!, comment: v.comment?.trim() || null });
    feedback.success(t('partners.saved'));
    setDialog(undefined);
  });
  const a = claim.actions;
  if (!a.length) return null;
  const id = `claim-${claim.id}`;
  return (
    <Space wrap style={block ? { width: '100%' } : undefined}>
      {a.includes('start') && <Button size="small" loading={act.isPending} onClick={() => void run('start')} data-testid={`${id}-start`}>{t('partners.claimAction.start')}</Button>}
      {a.includes('complete') && <Button size="small" type="primary" onClick={() => { form.resetFields(); setDialog('complete'); }} data-testid={`${id}-complete`}>{t('partners.claimAction.complete')}</Button>}
      {a.includes('withdraw') && (
        <Popconfirm title={t('partners.claim.confirmWithdraw')} onConfirm={() => run('withdraw')}>
          <Button size="small" danger data-testid={`${id}-withdraw`}>{t('partners.claimAction.withdraw')}</Button>
        </Popconfirm>
      )}
      {a.includes('rate') && <Button size="small" type="primary" onClick={() => { form.resetFields(); setDialog('rate'); }} data-testid={`${id}-rate`}>{t('partners.claimAction.rate')}</Button>}
      <Modal open={dialog !== undefined} title={t(dialog === 'rate' ? 'partners.claim.rateTitle' : 'partners.claim.completeTitle')} onOk={submit} onCancel={() => setDialog(undefined)}
        confirmLoading={act.isPending || rate.isPending} forceRender okButtonProps={{ 'data-testid': `${id}-dialog-ok` } as Record<string, string>}>
        <Form form={form} layout="vertical">
          {dialog === 'complete' && <Form.Item name="note" label={t('partners.col.result')}><Input.TextArea rows={3} maxLength={1000} data-testid={`${id}-result`} /></Form.Item>}
          {dialog === 'rate' && (
            <>
              <Form.Item name="rating" label={t('partners.col.rating')} rules={[{ required: true, message: t('partners.claim.ratingRequired') }]}><Rate data-testid={`${id}-stars`} /></Form.Item>
              <Form.Item name="comment" label={t('partners.col.feedback')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

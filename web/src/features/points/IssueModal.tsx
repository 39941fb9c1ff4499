import { useRef } from 'react';
import { Form, InputNumber } from 'antd';
import { ScopeOrgPicker, type PickedOrg } from '../../components/ScopeOrgPicker';
import { useT } from '../../lib/i18n';
import { useIssue } from './api';
import { LedgerDialog, ReasonField } from './LedgerDialog';

interface Values { communityId: number; amount: number; reason: string }

/** 下拨: points from the district issuer into a community pool within the caller's scope. */
export function IssueModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const issue = useIssue();
  const picked = useRef<string>('');
  return (
    <LedgerDialog<Values>
      title={t('points.issue.title')}
      hint={t('points.issue.hint')}
      testId="points-issue-form"
      form={form}
      pending={issue.isPending}
      onClose={onClose}
      post={async (v, clientKey) => {
        const posted = await issue.mutateAsync({ communityId: v.communityId, amount: v.amount, reason: v.reason.trim(), clientKey });
        return { posted, done: t('points.issue.done', { amount: v.amount, name: picked.current || posted.txn.orgName }) };
      }}
    >
      <Form.Item name="communityId" label={t('points.field.community')} rules={[{ required: true, message: t('common.required', { field: t('points.field.community') }) }]}>
        <ScopeOrgPicker
          levels={['community']}
          data-testid="points-issue-community"
          onChange={(_id?: number, org?: PickedOrg) => {
            picked.current = org?.name ?? '';
          }}
        />
      </Form.Item>
      <Form.Item name="amount" label={t('points.field.amount')} rules={[{ required: true, message: t('common.required', { field: t('points.field.amount') }) }]}>
        <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="points-issue-amount" />
      </Form.Item>
      <ReasonField />
    </LedgerDialog>
  );
}

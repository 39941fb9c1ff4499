import { Descriptions, Form } from 'antd';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { useReverse } from './api';
import { txnKindLabel } from './labels';
import { LedgerDialog, ReasonField } from './LedgerDialog';
import type { Txn } from './types';

/** 冲正: a new movement the other way; the original stays, and is reversed at most once. */
export function ReverseModal({ txn, onClose }: { txn: Txn; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useReverse();
  return (
    <LedgerDialog<{ reason: string }>
      title={t('points.reverse.title', { id: txn.id })}
      hint={t('points.reverse.hint')}
      testId="points-reverse-form"
      form={form}
      pending={reverse.isPending}
      onClose={onClose}
      post={async (v, clientKey) => ({ posted: await reverse.mutateAsync({ txnId: txn.id, reason: v.reason.trim(), clientKey }), done: t('points.reverse.done') })}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('points.col.kind')}>{txnKindLabel(t, txn.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('points.col.amount')}>{txn.amount}</Descriptions.Item>
        <Descriptions.Item label={t('points.col.from')}>{txn.from.name}</Descriptions.Item>
        <Descriptions.Item label={t('points.col.to')}>{txn.to.name}</Descriptions.Item>
        <Descriptions.Item label={t('points.col.at')}>{formatDateTime(txn.at)}</Descriptions.Item>
        <Descriptions.Item label={t('points.col.reason')}>{txn.reason}</Descriptions.Item>
      </Descriptions>
      <ReasonField />
    </LedgerDialog>
  );
}

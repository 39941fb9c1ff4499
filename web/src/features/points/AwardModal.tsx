import { useState } from 'react';
import { Form, InputNumber, Select, Spin } from 'antd';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { useAward, useResidentSearch, type UserOption } from './api';
import { LedgerDialog, ReasonField } from './LedgerDialog';
import { useDebounced } from '../../lib/useDebounced';

interface Values { userId: number; amount: number; reason: string }

/** Residents in the caller's scope, searched on the server by name or username. */
function ResidentSelect({ value, onChange, onPick }: { value?: number; onChange?: (v: number) => void; onPick: (u?: UserOption) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const search = useResidentSearch(q);
  const items = search.data?.items ?? [];
  // Without the right to list users, the resident's user id is typed in (the server checks it).
  if (search.error instanceof ApiError && search.error.status === 403) {
    return <InputNumber<number> min={1} precision={0} value={value} onChange={(v) => v !== null && onChange?.(v)} placeholder={t('points.field.residentId')} style={{ width: '100%' }} data-testid="points-award-resident-id" />;
  }
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value}
      onChange={(v) => {
        onChange?.(v);
        onPick(items.find((u) => u.id === v));
      }}
      placeholder={t('points.field.residentPh')}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('points.field.residentEmpty')}
      options={items.map((u) => ({ value: u.id, label: u.displayName === u.username ? `${u.displayName}（${u.orgName}）` : `${u.displayName}（${u.username}，${u.orgName}）` }))}
      data-testid="points-award-resident"
    />
  );
}

/** 奖励: points from the resident's community pool, at most 500 per award. */
export function AwardModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const award = useAward();
  const [who, setWho] = useState<UserOption>();
  return (
    <LedgerDialog<Values>
      title={t('points.award.title')}
      hint={t('points.award.hint')}
      testId="points-award-form"
      form={form}
      pending={award.isPending}
      onClose={onClose}
      post={async (v, clientKey) => {
        const posted = await award.mutateAsync({ userId: v.userId, amount: v.amount, reason: v.reason.trim(), clientKey });
        return { posted, done: t('points.award.done', { amount: v.amount, name: who?.displayName ?? posted.txn.to.name }) };
      }}
    >
      <Form.Item name="userId" label={t('points.field.resident')} rules={[{ required: true, message: t('common.required', { field: t('points.field.resident') }) }]}>
        <ResidentSelect onPick={setWho} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('points.field.amount')}
        rules={[
          { required: true, message: t('common.required', { field: t('points.field.amount') }) },
          { type: 'number', min: 1, max: 500, message: t('points.award.max') },
        ]}
      >
        <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="points-award-amount" />
      </Form.Item>
      <ReasonField />
    </LedgerDialog>
  );
}

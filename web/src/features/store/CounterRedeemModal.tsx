import { useMemo, useState } from 'react';
import { Alert, Form, InputNumber, Modal, Result, Select, Spin, Typography } from 'antd';
import { useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { newClientKey, useRedeem, useResidentSearch } from './api';
import { spacedCode } from './labels';
import type { Item, Redemption } from './types';
import { useDebounced } from '../../lib/useDebounced';

/** 柜台代兑: a worker redeems an item for a resident at the counter (their points, their limit). */
export function CounterRedeemModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ userId: number; quantity: number }>();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [done, setDone] = useState<Redemption>();
  // One key per attempt: a retried OK after a timeout cannot redeem twice.
  const clientKey = useMemo(newClientKey, []);
  const search = useResidentSearch(q, true);
  const redeem = useRedeem();
  const onOk = useFormSubmit(form, async (v) => {
    setDone(await redeem.mutateAsync({ clientKey, itemId: item.id, quantity: v.quantity, userId: v.userId }));
  });
  const quantity = Form.useWatch('quantity', form) ?? 1;

  return (
    <Modal open title={t('store.counterRedeem.title', { name: item.name })} onCancel={onClose} onOk={done ? onClose : onOk} confirmLoading={redeem.isPending}
      okText={done ? t('store.close') : t('store.counterRedeem.ok')} cancelButtonProps={done ? { style: { display: 'none' } } : undefined}
      okButtonProps={{ 'data-testid': 'store-counter-redeem-ok' }} destroyOnHidden>
      {done ? (
        <Result status="success" title={t('store.redeem.done')} subTitle={t('store.counterRedeem.doneHint')}
          extra={<Typography.Text style={{ fontSize: 32, letterSpacing: 4 }} strong data-testid="store-counter-redeem-code">{spacedCode(done.pickupCode ?? '')}</Typography.Text>} />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ quantity: 1 }}>
          <Form.Item name="userId" label={t('store.field.resident')} rules={[{ required: true, message: t('common.required', { field: t('store.field.resident') }) }]}>
            <Select<number> showSearch={{ filterOption: false, onSearch: setText, searchValue: text }} placeholder={t('store.field.residentPh')}
              notFoundContent={search.isFetching ? <Spin size="small" /> : t('store.field.residentEmpty')}
              options={(search.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${u.orgName}）` }))}
              data-testid="store-counter-redeem-resident" />
          </Form.Item>
          <Form.Item name="quantity" label={t('store.field.quantity')}>
            <InputNumber min={1} max={Math.max(1, Math.min(100, item.stock))} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Alert type="info" showIcon title={t('store.redeem.cost', { points: item.pricePoints * quantity })} />
        </Form>
      )}
    </Modal>
  );
}

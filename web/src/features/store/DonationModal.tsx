import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useDonate, useItems } from './api';
import { itemKindLabel } from './labels';
import { ITEM_KINDS, type Donor, type ItemKind } from './types';

interface Values {
  target: 'new' | 'existing'; itemId?: number; orgId?: number; kind?: ItemKind; pricePoints?: number; perResidentLimit?: number | null;
  name: string; description?: string; quantity: number; unitValue: number; expiresOn?: Dayjs | null; receivedOn: Dayjs;
}

/** 登记捐赠: the gift goes on the shelf as a new item, or adds to one of this donor's items. */
export function DonationModal({ donor, onClose }: { donor: Donor; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const donate = useDonate();
  const existing = useItems({ donorId: donor.id }, { page: 1, pageSize: 100 });
  const target = Form.useWatch('target', form) ?? 'new';
  const onOk = useFormSubmit(form, async (v) => {
    await donate.mutateAsync({
      donorId: donor.id, name: v.name.trim(), description: v.description?.trim() || null, quantity: v.quantity, unitValue: v.unitValue,
      expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null, receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      ...(v.target === 'existing' ? { itemId: v.itemId } : { newItem: { orgId: v.orgId!, kind: v.kind!, pricePoints: v.pricePoints!, perResidentLimit: v.perResidentLimit ?? null } }),
    });
    feedback.success(t('store.donation.done', { quantity: v.quantity }));
    onClose();
  }, { 'newItem.orgId': 'orgId', 'newItem.pricePoints': 'pricePoints', 'newItem.kind': 'kind' });
  const req = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Modal open title={t('store.donation.title', { name: donor.name })} onCancel={onClose} onOk={onOk} confirmLoading={donate.isPending}
      okButtonProps={{ 'data-testid': 'store-donation-save' }} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" initialValues={{ target: 'new', kind: 'goods', quantity: 1, unitValue: 0, receivedOn: dayjs() }} data-testid="store-donation-form">
        <Form.Item name="target" label={t('store.donation.target')}>
          <Radio.Group options={[{ value: 'new', label: t('store.donation.newItem') }, { value: 'existing', label: t('store.donation.existingItem'), disabled: !existing.data?.items.length }]} />
        </Form.Item>
        {target === 'existing' ? (
          <Form.Item name="itemId" label={t('store.col.name')} rules={[req(t('store.col.name'))]}>
            <Select<number> options={(existing.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.orgName}，${t('store.col.stock')} ${i.stock}）` }))} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="orgId" label={t('store.field.store')} rules={[req(t('store.field.store'))]}>
              <ScopeOrgPicker levels={['community']} placeholder={t('store.field.storePh')} data-testid="store-donation-org" />
            </Form.Item>
            <Form.Item name="kind" label={t('store.col.kind')}><Radio.Group options={ITEM_KINDS.map((k) => ({ value: k, label: itemKindLabel(t, k) }))} /></Form.Item>
            <Form.Item name="pricePoints" label={t('store.col.price')} rules={[req(t('store.col.price'))]}>
              <InputNumber min={1} max={1000000} precision={0} style={{ width: '100%' }} data-testid="store-donation-price" />
            </Form.Item>
            <Form.Item name="perResidentLimit" label={t('store.col.limit')}><InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} /></Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('store.donation.gift')} rules={[{ ...req(t('store.donation.gift')), whitespace: true, max: 100 }]}>
          <Input maxLength={100} data-testid="store-donation-name" />
        </Form.Item>
        <Form.Item name="description" label={t('store.field.description')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Form.Item name="quantity" label={t('store.field.quantity')} rules={[req(t('store.field.quantity'))]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="store-donation-quantity" />
        </Form.Item>
        <Form.Item name="unitValue" label={t('store.field.unitValue')} rules={[req(t('store.field.unitValue'))]}>
          <InputNumber min={0} max={1000000} precision={2} step={0.01} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('store.col.expires')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="receivedOn" label={t('store.field.receivedOn')} rules={[req(t('store.field.receivedOn'))]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { DatePicker, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useAdjustStock, useSaveItem } from './api';
import { itemKindLabel } from './labels';
import { ITEM_KINDS, type Item, type ItemKind } from './types';

interface ItemValues { orgId: number; kind: ItemKind; name: string; description?: string; pricePoints: number; stock?: number; expiresOn?: Dayjs | null; perResidentLimit?: number | null; active?: boolean }

/** 上架 / 编辑商品. Donated goods arrive through 登记捐赠; here the community's own goods and services. */
export function ItemFormModal({ item, onClose }: { item?: Item; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<ItemValues>();
  const save = useSaveItem();
  const onOk = useFormSubmit(form, async (v) => {
    const common = {
      name: v.name.trim(), description: v.description?.trim() || null, pricePoints: v.pricePoints,
      expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null, perResidentLimit: v.perResidentLimit ?? null,
    };
    if (item) await save.mutateAsync({ id: item.id, ...common, active: v.active, version: item.version });
    else await save.mutateAsync({ ...common, orgId: v.orgId, kind: v.kind, stock: v.stock ?? 0 });
    feedback.success(t('store.saved'));
    onClose();
  });
  const initial = item
    ? { ...item, description: item.description ?? undefined, expiresOn: item.expiresOn ? dayjs(item.expiresOn) : null }
    : { kind: 'goods' as const, stock: 0 };
  return (
    <Modal open title={item ? t('store.item.edit') : t('store.item.new')} onCancel={onClose} onOk={onOk} confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'store-item-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} data-testid="store-item-form">
        {!item && (
          <>
            <Form.Item name="orgId" label={t('store.field.store')} rules={[{ required: true, message: t('common.required', { field: t('store.field.store') }) }]}>
              <ScopeOrgPicker levels={['community']} placeholder={t('store.field.storePh')} data-testid="store-item-org" />
            </Form.Item>
            <Form.Item name="kind" label={t('store.col.kind')}>
              <Radio.Group options={ITEM_KINDS.map((k) => ({ value: k, label: itemKindLabel(t, k) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('store.col.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { field: t('store.col.name') }) }]}>
          <Input maxLength={100} data-testid="store-item-name" />
        </Form.Item>
        <Form.Item name="description" label={t('store.field.description')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Form.Item name="pricePoints" label={t('store.col.price')} rules={[{ required: true, message: t('common.required', { field: t('store.col.price') }) }]}>
          <InputNumber min={1} max={1000000} precision={0} style={{ width: '100%' }} data-testid="store-item-price" />
        </Form.Item>
        {!item && (
          <Form.Item name="stock" label={t('store.field.initialStock')} extra={t('store.field.initialStockHint')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="store-item-stock" />
          </Form.Item>
        )}
        <Form.Item name="expiresOn" label={t('store.col.expires')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="perResidentLimit" label={t('store.col.limit')} extra={t('store.field.limitHint')}>
          <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {item && <Form.Item name="active" label={t('store.field.active')} valuePropName="checked"><Switch /></Form.Item>}
      </Form>
    </Modal>
  );
}

/** 库存调整: units bought (+) or written off (−), with a reason. */
export function StockModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ delta: number; reason: string }>();
  const adjust = useAdjustStock();
  const onOk = useFormSubmit(form, async (v) => {
    const r = await adjust.mutateAsync({ id: item.id, delta: v.delta, reason: v.reason.trim() });
    feedback.success(t('store.stock.done', { stock: r.stock }));
    onClose();
  });
  return (
    <Modal open title={t('store.stock.title', { name: item.name, stock: item.stock })} onCancel={onClose} onOk={onOk} confirmLoading={adjust.isPending}
      okButtonProps={{ 'data-testid': 'store-stock-save' }} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="delta" label={t('store.stock.delta')} extra={item.donorId ? t('store.stock.donatedHint') : t('store.stock.hint')}
          rules={[{ required: true, message: t('common.required', { field: t('store.stock.delta') }) }, { validator: (_, v) => (v === 0 ? Promise.reject(new Error(t('store.stock.nonZero'))) : Promise.resolve()) }]}>
          <InputNumber min={-100000} max={item.donorId ? -1 : 100000} precision={0} style={{ width: '100%' }} data-testid="store-stock-delta" />
        </Form.Item>
        <Form.Item name="reason" label={t('store.field.reason')} rules={[{ required: true, whitespace: true, max: 200, message: t('common.required', { field: t('store.field.reason') }) }]}>
          <Input maxLength={200} data-testid="store-stock-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Form, Input, Modal, Radio, Switch } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { useFeedback, useFormSubmit } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSaveDonor } from './api';
import { donorKindLabel } from './labels';
import { DONOR_KINDS, type Donor, type DonorKind } from './types';

interface Values { orgId: number; name: string; kind: DonorKind; contactName?: string; contactPhone?: string; note?: string; active?: boolean }

/** 登记 / 编辑捐赠方. Contacts are sent only when typed (the masked value is never sent back). */
export function DonorFormModal({ donor, onClose }: { donor?: Donor; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const save = useSaveDonor();
  const onOk = useFormSubmit(form, async (v) => {
    const contact = {
      ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}),
      ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
    };
    if (donor) await save.mutateAsync({ id: donor.id, name: v.name.trim(), kind: v.kind, note: v.note?.trim() || null, active: v.active, ...contact });
    else await save.mutateAsync({ orgId: v.orgId, name: v.name.trim(), kind: v.kind, note: v.note?.trim() || null, ...contact });
    feedback.success(t('store.saved'));
    onClose();
  });
  return (
    <Modal open title={donor ? t('store.donor.edit') : t('store.donor.new')} onCancel={onClose} onOk={onOk} confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'store-donor-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={donor ? { name: donor.name, kind: donor.kind, note: donor.note ?? undefined, active: donor.active } : { kind: 'enterprise' }}>
        {!donor && (
          <Form.Item name="orgId" label={t('store.col.givesTo')} rules={[{ required: true, message: t('common.required', { field: t('store.col.givesTo') }) }]}>
            <ScopeOrgPicker levels={['street', 'community']} placeholder={t('store.field.givesToPh')} data-testid="store-donor-org" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('store.col.donorName')} rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { field: t('store.col.donorName') }) }]}>
          <Input maxLength={100} data-testid="store-donor-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('store.col.kind')}><Radio.Group options={DONOR_KINDS.map((k) => ({ value: k, label: donorKindLabel(t, k) }))} /></Form.Item>
        <Form.Item name="contactName" label={t('store.col.contactName')} extra={donor?.contactName ? t('store.field.contactKeep', { masked: donor.contactName }) : undefined}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('store.col.contactPhone')} extra={donor?.contactPhone ? t('store.field.contactKeep', { masked: donor.contactPhone }) : undefined}
          rules={[{ pattern: /^[0-9+() -]{5,20}$/, message: t('store.field.phoneBad') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label={t('store.field.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        {donor && <Form.Item name="active" label={t('store.field.active')} valuePropName="checked"><Switch /></Form.Item>}
      </Form>
    </Modal>
  );
}

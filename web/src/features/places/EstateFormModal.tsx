import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSaveEstate } from './api';
import { orNull, PointFields } from './PointFields';
import type { Estate } from './types';

interface Values {
  orgId: number;
  name: string;
  address?: string;
  lon?: number | null;
  lat?: number | null;
}

interface Props {
  estate: Estate | null;
  /** Preselected org for a new estate (the org chosen on the page, if a grid/community). */
  defaultOrgId?: number;
  onClose: () => void;
  onSaved?: (e: Estate) => void;
}

export function EstateFormModal({ estate, defaultOrgId, onClose, onSaved }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const save = useSaveEstate();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(
      estate
        ? { orgId: estate.orgId, name: estate.name, address: estate.address ?? undefined, lon: estate.lon, lat: estate.lat }
        : { orgId: defaultOrgId },
    );
  }, [estate, defaultOrgId, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const input = { name: v.name.trim(), address: v.address?.trim() || null, lon: orNull(v.lon), lat: orNull(v.lat) };
    try {
      const saved = await save.mutateAsync(
        estate
          ? { id: estate.id, input: { ...input, ...(v.orgId !== estate.orgId ? { orgId: v.orgId } : {}) } }
          : { input: { ...input, orgId: v.orgId } },
      );
      feedback.success(t('places.saved'));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={estate ? t('places.estate.editTitle', { name: estate.name }) : t('places.estate.create')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'estate-form-submit' }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" name="estate" autoComplete="off">
        <Form.Item name="orgId" label={t('places.org')} extra={t('places.orgHint')} rules={[{ required: true }]}>
          <ScopeOrgPicker levels={['grid', 'community']} initialLabel={estate?.orgName} data-testid="estate-form-org" />
        </Form.Item>
        <Form.Item name="name" label={t('places.estate.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} data-testid="estate-form-name" />
        </Form.Item>
        <Form.Item name="address" label={t('places.estate.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} placeholder={t('places.estate.addressHint')} />
        </Form.Item>
        <PointFields />
      </Form>
    </Modal>
  );
}

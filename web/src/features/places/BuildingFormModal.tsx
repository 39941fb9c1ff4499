import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSaveBuilding } from './api';
import { orNull, PointFields } from './PointFields';
import type { Building, Estate } from './types';

interface Values {
  name: string;
  floors?: number | null;
  lon?: number | null;
  lat?: number | null;
}

export function BuildingFormModal({ estate, building, onClose }: { estate: Estate; building: Building | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const save = useSaveBuilding();

  useEffect(() => {
    form.resetFields();
    if (building) form.setFieldsValue({ name: building.name, floors: building.floors, lon: building.lon, lat: building.lat });
  }, [building, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const input = { name: v.name.trim(), floors: orNull(v.floors), lon: orNull(v.lon), lat: orNull(v.lat) };
    try {
      await save.mutateAsync(building ? { id: building.id, input } : { input: { ...input, estateId: estate.id } });
      feedback.success(t('places.saved'));
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      feedback.error(err);
    }
  };

  return (
    <Modal
      open
      title={building ? t('places.building.editTitle', { name: building.name }) : t('places.building.createIn', { estate: estate.name })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'building-form-submit' }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" name="building" autoComplete="off">
        <Form.Item name="name" label={t('places.building.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input maxLength={50} placeholder={t('places.building.nameHint')} data-testid="building-form-name" />
        </Form.Item>
        <Form.Item name="floors" label={t('places.building.floors')}>
          <InputNumber<number> min={1} max={200} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <PointFields hint={t('places.building.pointHint')} />
      </Form>
    </Modal>
  );
}

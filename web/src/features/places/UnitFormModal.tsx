import { Form, Input, Modal } from 'antd';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSaveUnit } from './api';
import type { Building, Unit } from './types';

export function UnitFormModal({ building, unit, onClose }: { building: Building; unit: Unit | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ name: string }>();
  const save = useSaveUnit();

  const onOk = async () => {
    const { name } = await form.validateFields();
    try {
      await save.mutateAsync({ id: unit?.id, buildingId: building.id, name: name.trim() });
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
      title={unit ? t('places.unit.editTitle', { name: unit.name }) : t('places.unit.createIn', { building: building.name })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'unit-form-submit' }}
      forceRender
    >
      <Form form={form} layout="vertical" name="unit" autoComplete="off" initialValues={{ name: unit?.name }}>
        <Form.Item name="name" label={t('places.unit.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input maxLength={50} placeholder={t('places.unit.nameHint')} data-testid="unit-form-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect } from 'react';
import { Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { ScopeOrgPicker } from '../../components/ScopeOrgPicker';
import { applyFieldErrors, useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useSaveHousehold, type PlaceLabels } from './api';
import { PlaceSelects } from './PlaceSelects';
import { orNull, PointFields } from './PointFields';
import type { Household, HouseholdInput, HouseholdStatus, Tenure } from './types';

interface Values {
  orgId: number;
  estateId?: number | null;
  buildingId?: number | null;
  unitId?: number | null;
  street?: string;
  room?: string;
  areaSqm?: number | null;
  tenure?: Tenure | null;
  lon?: number | null;
  lat?: number | null;
  status?: HouseholdStatus;
}

interface Props {
  household: Household | null;
  /** Preselection for a new household: the org/estate/building/unit chosen on the page. */
  defaults?: Partial<Values>;
  labels: PlaceLabels;
  onClose: () => void;
}

/**
 * Create or edit a household. The door/room number is personal information: it is never sent
 * back to the browser, so on edit an empty room keeps the stored one.
 */
export function HouseholdFormModal({ household: h, defaults, labels, onClose }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const save = useSaveHousehold();
  const orgId = Form.useWatch('orgId', form);
  const estateId = Form.useWatch('estateId', form);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(
      h
        ? {
            orgId: h.orgId, estateId: h.estateId, buildingId: h.buildingId, unitId: h.unitId,
            street: h.estateId ? undefined : h.place, areaSqm: h.areaSqm, tenure: h.tenure, lon: h.lon, lat: h.lat, status: h.status,
          }
        : { ...defaults },
    );
    // Defaults are read once when the modal opens; later renders of the page must not reset the form.
  }, [h, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const location = {
      estateId: v.estateId ?? null,
      buildingId: v.buildingId ?? null,
      unitId: v.unitId ?? null,
      street: v.estateId ? null : v.street?.trim() || null,
    };
    const facts = { areaSqm: orNull(v.areaSqm), tenure: v.tenure ?? null, lon: orNull(v.lon), lat: orNull(v.lat) };
    let input: HouseholdInput;
    if (h) {
      input = { ...facts };
      const moved =
        v.orgId !== h.orgId || location.estateId !== h.estateId || location.buildingId !== h.buildingId ||
        location.unitId !== h.unitId || (!h.estateId && location.street !== h.place);
      if (moved) Object.assign(input, { orgId: v.orgId, ...location });
      if (v.room?.trim()) input.room = v.room.trim();
      if (v.status && v.status !== h.status) input.status = v.status;
    } else {
      input = { orgId: v.orgId, ...location, room: v.room?.trim() || null, ...facts };
    }
    try {
      await save.mutateAsync({ id: h?.id, input });
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
      width={640}
      title={h ? t('places.household.editTitle', { place: h.addressMasked }) : t('places.household.create')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'household-form-submit' }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" name="household" autoComplete="off">
        <Form.Item name="orgId" label={t('places.org')} extra={t('places.household.orgHint')} rules={[{ required: true }]}>
          <ScopeOrgPicker
            levels={['grid', 'community']}
            initialLabel={h?.orgName}
            onChange={() => form.setFieldsValue({ estateId: undefined, buildingId: undefined, unitId: undefined })}
            data-testid="household-form-org"
          />
        </Form.Item>
        <PlaceSelects form={form} orgId={orgId} />
        {!estateId && (
          <Form.Item name="street" label={t('places.household.street')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} placeholder={t('places.household.streetHint')} data-testid="household-form-street" />
          </Form.Item>
        )}
        <Form.Item name="room" label={t('places.household.room')} extra={h ? t('places.household.roomKeep') : t('places.household.roomHint')}
          rules={[{ whitespace: true, max: 50 }]}>
          <Input maxLength={50} data-testid="household-form-room" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="areaSqm" label={t('places.household.area')}>
              <InputNumber<number> min={0.01} max={99999} precision={2} style={{ width: '100%' }} suffix="㎡" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tenure" label={t('places.household.tenure')}>
              <Select allowClear options={labels.options('tenures')} />
            </Form.Item>
          </Col>
        </Row>
        <PointFields hint={t('places.household.pointHint')} />
        {h && (
          <Form.Item name="status" label={t('places.household.status')}>
            <Radio.Group optionType="button" options={[
              { value: 'active', label: t('places.household.active') },
              { value: 'inactive', label: t('places.household.inactive') },
            ]} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

import { Col, Form, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useT } from '../../lib/i18n';
import { useBuildings, useEstates, useUnits } from './api';

/** Estate → building → unit cascading selects of the household form (estates of the chosen org's subtree). */
export function PlaceSelects({ form, orgId }: { form: FormInstance; orgId?: number }) {
  const t = useT();
  const estateId = Form.useWatch('estateId', form) as number | undefined;
  const buildingId = Form.useWatch('buildingId', form) as number | undefined;
  const estates = useEstates({ orgId, page: 1, pageSize: 200 }, !!orgId);
  const buildings = useBuildings(estateId);
  const units = useUnits(buildingId);

  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item name="estateId" label={t('places.estate')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={orgId ? t('places.household.noEstate') : t('places.household.pickOrgFirst')}
            loading={estates.isFetching}
            options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
            onChange={() => form.setFieldsValue({ buildingId: undefined, unitId: undefined })}
            data-testid="household-form-estate"
          />
        </Form.Item>
      </Col>
      <Col xs={12} sm={7}>
        <Form.Item name="buildingId" label={t('places.building')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!estateId}
            loading={buildings.isFetching}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            onChange={() => form.setFieldsValue({ unitId: undefined })}
            data-testid="household-form-building"
          />
        </Form.Item>
      </Col>
      <Col xs={12} sm={7}>
        <Form.Item name="unitId" label={t('places.unit')}>
          <Select
            allowClear
            disabled={!buildingId}
            loading={units.isFetching}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            data-testid="household-form-unit"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

import { useState } from 'react';
import { Card, Col, Row, Space, Typography } from 'antd';
import { hasPermission, useSession } from '../auth/session';
import { ScopeOrgPicker, type PickedOrg } from '../../components/ScopeOrgPicker';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { usePlaceLabels } from './api';
import { BuildingPanel } from './BuildingPanel';
import { EstatePanel } from './EstatePanel';
import { HouseholdPanel } from './HouseholdPanel';
import type { Estate } from './types';

/**
 * Estate → building → unit → household browser. Left: estates of the chosen org; middle:
 * the chosen estate's buildings and units; right: the households of the narrowest choice.
 */
export default function PlacesPage() {
  const t = useT();
  const session = useSession();
  const labels = usePlaceLabels();
  const [org, setOrg] = useState<PickedOrg | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [estate, setEstate] = useState<Estate | null>(null);
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const canWrite = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.placeWrite);

  const pickEstate = (e: Estate | null) => {
    setEstate(e);
    setBuildingId(undefined);
    setUnitId(undefined);
  };
  const placeOrgId = org && (org.level === 'grid' || org.level === 'community') ? org.id : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>{t('nav.places')}</Typography.Text>
          <ScopeOrgPicker
            value={orgId}
            onChange={(id, o) => {
              setOrgId(id);
              setOrg(o);
              pickEstate(null);
            }}
            placeholder={t('places.pickOrg')}
            style={{ width: 300 }}
            data-testid="places-org"
          />
          <Typography.Text type="secondary">{t('places.pickOrgHint')}</Typography.Text>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12} xl={6}>
          <EstatePanel orgId={orgId} selected={estate} onSelect={pickEstate} canCreate={canWrite} />
        </Col>
        <Col xs={24} lg={12} xl={6}>
          <BuildingPanel
            estate={estate}
            buildingId={buildingId}
            unitId={unitId}
            onSelect={(b, u) => {
              setBuildingId(b);
              setUnitId(u);
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <HouseholdPanel
            scope={{ orgId, estateId: estate?.id, buildingId, unitId }}
            canCreate={canWrite}
            labels={labels}
            defaultOrgId={estate?.orgId ?? placeOrgId}
          />
        </Col>
      </Row>
    </Space>
  );
}

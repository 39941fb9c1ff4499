import { lazy, Suspense } from 'react';
import { Alert, Empty, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useRequestMap } from './api';
import { OVERDUE_HEX, STATUS_HEX, statusLabel } from './labels';
import type { Status } from './types';

// Leaflet is loaded only when the map tab is opened.
const RequestMap = lazy(() => import('./RequestMap'));

const LEGEND: Status[] = ['submitted', 'dispatched', 'inProgress', 'resolved', 'returned'];

function Dot({ color, label }: { color: string; label: string }) {
  return (
    <Space size={4}>
      <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: color }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Space>
  );
}

/** 地图: the area's grids and the located requests (GET /requests/map). */
export function RequestMapTab({ orgId }: { orgId?: number }) {
  const t = useT();
  const navigate = useNavigate();
  const query = useRequestMap(orgId);
  if (query.isPending) return <PageSpinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data.grids.length && !data.requests.length) return <Empty description={t('req.map.empty')} data-testid="request-map-empty" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!data.tileUrl && <Alert type="info" showIcon title={t('req.map.noTiles')} data-testid="request-map-no-tiles" />}
      <Suspense fallback={<div style={{ height: 520 }} />}>
        <RequestMap data={data} scope={String(orgId ?? '')} onOpen={(id) => navigate(`/app/requests/${id}`)} />
      </Suspense>
      <Space wrap size={16}>
        {LEGEND.map((s) => (
          <Dot key={s} color={STATUS_HEX[s]} label={statusLabel(t, s)} />
        ))}
        <Dot color={OVERDUE_HEX[1]} label={t('req.overdue.1')} />
        <Dot color={OVERDUE_HEX[2]} label={t('req.overdue.2')} />
      </Space>
    </Space>
  );
}

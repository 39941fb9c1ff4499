import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { useT } from '../../lib/i18n';
import type { GeoPolygon } from './types';

const SIZE = 160;

/** Small SVG sketch of a GeoJSON polygon plus its raw JSON on demand. */
export function BoundaryPreview({ boundary }: { boundary: GeoPolygon | null }) {
  const t = useT();
  const [showJson, setShowJson] = useState(false);
  const ring = boundary?.coordinates?.[0];
  if (!boundary || !ring || ring.length === 0) {
    return <Typography.Text type="secondary">{t('org.boundaryNone')}</Typography.Text>;
  }
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Equirectangular sketch: shrink longitudes by cos(latitude) so shapes are not stretched.
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180) || 1;
  const span = Math.max((maxX - minX) * kx, maxY - minY) || 1;
  const pad = 8;
  const scale = (SIZE - pad * 2) / span;
  const points = ring
    .map(([x, y]) => `${(pad + (x - minX) * kx * scale).toFixed(1)},${(pad + (maxY - y) * scale).toFixed(1)}`)
    .join(' ');
  const vertices = ring.length > 1 && ring[0].join() === ring[ring.length - 1].join() ? ring.length - 1 : ring.length;

  return (
    <Space orientation="vertical" size={4}>
      <Space align="center">
        <svg width={SIZE} height={SIZE} role="img" aria-label={t('org.boundary')} style={{ background: '#f3f6fb', borderRadius: 6 }}>
          <polygon points={points} fill="rgba(31,95,191,0.18)" stroke="#1f5fbf" strokeWidth={1.5} />
        </svg>
        <Space orientation="vertical" size={0}>
          <Typography.Text>{t('org.boundaryPoints', { count: vertices })}</Typography.Text>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShowJson((v) => !v)}>
            {t('org.showGeoJson')}
          </Button>
        </Space>
      </Space>
      {showJson && <pre className="gz-json">{JSON.stringify(boundary, null, 2)}</pre>}
    </Space>
  );
}

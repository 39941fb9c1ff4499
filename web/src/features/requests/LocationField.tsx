import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';

export interface Point {
  lon: number;
  lat: number;
}

/** The server takes WGS84 points inside China only. */
const inChina = (p: Point) => p.lon >= 73 && p.lon <= 136 && p.lat >= 3 && p.lat <= 54;

interface Props {
  value?: Point | null;
  onChange?: (value: Point | null) => void;
}

/** 使用当前位置: asks the browser for the device's position and shows it as lon/lat. */
export function LocationField({ value, onChange }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setProblem(t('req.loc.unsupported'));
      return;
    }
    setBusy(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(false);
        const p = { lon: Math.round(pos.coords.longitude * 1e6) / 1e6, lat: Math.round(pos.coords.latitude * 1e6) / 1e6 };
        if (!inChina(p)) {
          setProblem(t('req.loc.outside'));
          return;
        }
        onChange?.(p);
      },
      (err) => {
        setBusy(false);
        setProblem(t('req.loc.failed', { message: err.message || String(err.code) }));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<AimOutlined />} loading={busy} onClick={locate} data-testid="report-locate">
          {busy ? t('req.loc.locating') : t('req.loc.use')}
        </Button>
        {value && (
          <Button type="text" icon={<CloseOutlined />} onClick={() => onChange?.(null)} aria-label={t('req.loc.clear')} data-testid="report-locate-clear" />
        )}
      </Space>
      <Typography.Text type={value ? undefined : 'secondary'} data-testid="report-location">
        {value ? t('req.loc.value', { lon: value.lon.toFixed(6), lat: value.lat.toFixed(6) }) : t('req.loc.none')}
      </Typography.Text>
      {problem && (
        <Typography.Text type="danger" data-testid="report-location-error">
          {problem}
        </Typography.Text>
      )}
    </Space>
  );
}

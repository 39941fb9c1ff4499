import { Card, Col, Row, Statistic } from 'antd';
import { useT } from '../../lib/i18n';
import { pct } from './labels';
import type { Figures } from './types-admin';

type Shown = 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'received' | 'overdue' | 'avgHandleHours';
const CARDS: { key: Shown; kind: 'rate' | 'count' | 'hours'; color?: string }[] = [
  { key: 'responseRate', kind: 'rate', color: '#1f5fbf' },
  { key: 'resolutionRate', kind: 'rate', color: '#2b8a3e' },
  { key: 'satisfactionRate', kind: 'rate', color: '#e8590c' },
  { key: 'received', kind: 'count' },
  { key: 'overdue', kind: 'count', color: '#cf1322' },
  { key: 'avgHandleHours', kind: 'hours' },
];

/** The unit's totals over the period: the three rates first. */
export function StatsTotals({ totals }: { totals: Figures }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]} data-testid="stats-totals">
      {CARDS.map(({ key, kind, color }) => {
        const v = totals[key];
        const value = kind === 'rate' ? pct(v) : kind === 'hours' ? (v === null ? '—' : v.toFixed(1)) : v ?? 0;
        return (
          <Col xs={12} md={8} xl={4} key={key}>
            <Card size="small" data-testid={`stats-total-${key}`}>
              <Statistic title={t(`req.stats.${key}`)} value={value} styles={{ content: color && (kind !== 'count' || Number(v) > 0) ? { color } : undefined }} />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

import { Card, Col, Row, Statistic } from 'antd';
import { useT } from '../../lib/i18n';
import type { Counters, View } from './types';

const ITEMS: { key: keyof Counters; view: View; color?: string }[] = [
  { key: 'open', view: 'open' },
  { key: 'awaiting', view: 'awaiting', color: '#e8590c' },
  { key: 'overdue', view: 'overdue', color: '#cf1322' },
];

/** 在办 / 待派单 / 已超时 of the visible queue; a click shows that view. */
export function BoardCounters({ counters, view, onPick }: { counters?: Counters; view?: View; onPick: (v: View) => void }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {ITEMS.map((c) => (
        <Col xs={8} md={6} lg={4} key={c.key}>
          <Card
            size="small"
            hoverable
            role="button"
            onClick={() => onPick(c.view)}
            style={view === c.view ? { borderColor: '#1f5fbf' } : undefined}
            data-testid={`counter-${c.key}`}
          >
            <Statistic
              title={t(`req.counter.${c.key}`)}
              value={counters ? counters[c.key] : '—'}
              styles={{ content: c.color && counters?.[c.key] ? { color: c.color } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

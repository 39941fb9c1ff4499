import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../lib/i18n';
import { pct } from './labels';
import type { Figures, Stats, StatsRow } from './types-admin';

const hours = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** The figures per unit with the totals as the last row: counts, the three rates, overdue and average handling time. */
export function StatsTable({ stats }: { stats: Stats }) {
  const t = useT();
  const columns: TableColumnsType<StatsRow> = [
    { title: t('req.stats.name'), dataIndex: 'name', fixed: 'left' },
    { title: t('req.stats.received'), dataIndex: 'received', align: 'right' },
    { title: t('req.stats.responded'), dataIndex: 'responded', align: 'right' },
    { title: t('req.stats.responseRate'), dataIndex: 'responseRate', align: 'right', render: pct },
    { title: t('req.stats.resolved'), dataIndex: 'resolved', align: 'right' },
    { title: t('req.stats.resolutionRate'), dataIndex: 'resolutionRate', align: 'right', render: pct },
    { title: t('req.stats.rated'), dataIndex: 'rated', align: 'right' },
    { title: t('req.stats.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: pct },
    { title: t('req.stats.overdue'), dataIndex: 'overdue', align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
    { title: t('req.stats.avgHandleHours'), dataIndex: 'avgHandleHours', align: 'right', render: hours },
  ];
  const totals: Figures = stats.totals;
  return (
    <Table<StatsRow>
      rowKey="orgId"
      size="small"
      columns={columns}
      dataSource={stats.rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('req.stats.empty') }}
      onRow={(r) => ({ 'data-testid': `stats-row-${r.orgId}` }) as React.HTMLAttributes<HTMLElement>}
      summary={() => (
        <Table.Summary.Row data-testid="stats-row-total">
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t('req.stats.totals')}</Typography.Text>
          </Table.Summary.Cell>
          {columns.slice(1).map((c, i) => {
            const key = (c as { dataIndex: keyof Figures }).dataIndex;
            const v = totals[key];
            const text = key.endsWith('Rate') ? pct(v) : key === 'avgHandleHours' ? hours(v) : v;
            return (
              <Table.Summary.Cell key={key} index={i + 1} align="right">
                <Typography.Text strong>{text}</Typography.Text>
              </Table.Summary.Cell>
            );
          })}
        </Table.Summary.Row>
      )}
      data-testid="stats-table"
    />
  );
}

import { Progress, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../lib/i18n';
import { pct } from './labels';
import { COMPLETENESS_FIELDS, type CoverageRow } from './types';

function Rate({ value }: { value: number | null }) {
  if (value === null) return <span>—</span>;
  const p = Math.round(value * 1000) / 10;
  return (
    <Tooltip title={pct(value)}>
      <Progress
        percent={p}
        size="small"
        status={p < 60 ? 'exception' : p >= 95 ? 'success' : 'normal'}
        format={() => pct(value)}
        style={{ minWidth: 90, margin: 0 }}
      />
    </Tooltip>
  );
}

export function CoverageTable({ rows, loading }: { rows: CoverageRow[]; loading: boolean }) {
  const t = useT();
  const columns: TableColumnsType<CoverageRow> = [
    {
      title: t('gw.cov.grid'),
      dataIndex: 'name',
      fixed: 'left',
      render: (v: string, r) => (
        <>
          {v} {r.level === 'community' && <Tooltip title={t('gw.cov.unassignedHint')}><Tag>{t('gw.cov.unassigned')}</Tag></Tooltip>}
        </>
      ),
    },
    {
      title: t('gw.cov.households'),
      key: 'households',
      render: (_, r) => (r.householdsTarget ? `${r.households} / ${r.householdsTarget}` : r.households),
    },
    { title: t('gw.cov.residents'), dataIndex: 'residents' },
    { title: t('gw.cov.visited'), dataIndex: 'householdsVisited' },
    { title: t('gw.cov.visitRate'), key: 'visitRate', render: (_, r) => <Rate value={r.visitRate} /> },
    ...COMPLETENESS_FIELDS.map((f) => ({
      title: t(`gw.cov.field.${f}`),
      key: f,
      render: (_: unknown, r: CoverageRow) => <Rate value={r.completeness[f]} />,
    })),
    { title: t('gw.cov.completeness'), key: 'overall', render: (_, r) => <Rate value={r.completeness.overall} /> },
  ];
  return (
    <Table<CoverageRow>
      rowKey={(r) => `${r.level}-${r.gridId}`}
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      data-testid="coverage-table"
    />
  );
}

import { Table, Tag } from 'antd';
import { useT } from '../../lib/i18n';
import { reasonText, yuan } from './labels';
import type { Round, RoundResult } from './types';

/** A round's proposals: while voting the list on the ballot; once closed the ranking, approvals and who was chosen within the budget. */
export function ResultsTable({ round, compact = false }: { round: Round; compact?: boolean }) {
  const t = useT();
  const closed = round.status === 'closed';
  return (
    <Table<RoundResult>
      rowKey="proposalId" size="small" pagination={false} dataSource={round.results} data-testid="round-results"
      locale={{ emptyText: t('mp.empty.results') }}
      columns={[
        ...(closed ? [{ title: t('mp.f.rank'), dataIndex: 'rank', width: 60 }] : []),
        { title: t('mp.f.title'), dataIndex: 'title' },
        ...(compact ? [] : [{ title: t('mp.f.cost'), key: 'cost', render: (_: unknown, r: RoundResult) => yuan(r.costFen) }]),
        ...(closed ? [
          { title: t('mp.f.votes'), dataIndex: 'votes', width: 70 },
          { title: t('mp.f.result'), key: 'res', render: (_: unknown, r: RoundResult) => <Tag color={r.chosen ? 'green' : 'default'} data-testid={`result-${r.proposalId}`}>{reasonText(t, r.reason)}</Tag> },
        ] : []),
      ]}
    />
  );
}

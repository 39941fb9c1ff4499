import { Button, Empty, Flex, Table, Tag } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/PageStates';
import { download } from '../../lib/api';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { exportFile, useResults } from './api';
import { score } from './labels';
import type { Campaign, Results } from './types';

/** The ranking: components, final score per dimension and overall, pass mark, certificates; Excel export. */
export function ResultsTab({ c }: { c: Campaign }) {
  const q = useResults(c.id, true);
  const t = useT();
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end"><ExportButton run={() => exportFile(`/eval-campaigns/${c.id}/results.xlsx`, {}, 'results.xlsx')} testId="ev-results-export" /></Flex>
      <RankingTable r={q.data} loading={q.isFetching} certificates />
      {q.data && <span style={{ color: '#888' }}>{t('ev.rankRule')}</span>}
    </Flex>
  );
}

/** The ranking table, shared by the console and the published page on the phone. */
export function RankingTable({ r, loading, certificates = false, compact = false }: { r?: Results; loading?: boolean; certificates?: boolean; compact?: boolean }) {
  const t = useT();
  const feedback = useFeedback();
  type Row = Results['items'][number];
  return (
    <Table<Row> rowKey="id" size="small" loading={loading} dataSource={r?.items ?? []} pagination={false} scroll={{ x: true }} data-testid="ev-ranking"
      locale={{ emptyText: <Empty description={t('ev.noResults')} /> }}
      columns={[
        { title: t('ev.col.rank'), dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
        { title: t('ev.col.evaluatee'), dataIndex: 'name', render: (v: string, e) => <span data-testid={`ev-rank-${e.id}`}>{v}</span> },
        { title: t('ev.col.final'), dataIndex: 'finalScore', render: (v: number | null) => <b>{score(v)}</b> },
        ...(compact ? [] : [
          { title: t('ev.f.wSelf'), dataIndex: 'selfScore', render: score },
          { title: t('ev.f.wPeer'), dataIndex: 'peerScore', render: score },
          { title: t('ev.f.wResident'), dataIndex: 'residentScore', render: score },
          ...(r?.dimensions ?? []).map((d) => ({ title: d.name, key: `d${d.id}`, render: (_: unknown, e: Row) => score(e.byDimension.find((x) => x.dimensionId === d.id)?.final) })),
          { title: t('ev.col.counts'), key: 'n', render: (_: unknown, e: Row) => `${e.peerCount ?? 0} / ${e.responseCount ?? 0}` },
        ]),
        { title: t('ev.col.passed'), key: 'p', render: (_: unknown, e: Row) => (e.passed === null ? <Tag>{t('ev.unrated')}</Tag> : e.passed ? (e.certified ? <Tag color="gold">{t('ev.certified')}</Tag> : <Tag color="success">{t('ev.pass')}</Tag>) : <Tag color="error">{t('ev.fail')}</Tag>) },
        ...(certificates ? [{
          title: t('ev.certificate'), key: 'cert', render: (_: unknown, e: Row) => e.certified
            ? <Button size="small" icon={<FilePdfOutlined />} onClick={() => download(`/eval-evaluatees/${e.id}/certificate.pdf`, undefined, 'certificate.pdf').catch(feedback.error)} data-testid={`ev-cert-${e.id}`}>{t('ev.download')}</Button>
            : null,
        }] : []),
      ]} />
  );
}

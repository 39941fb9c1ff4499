import { Descriptions, Progress, Space, Table, Tag } from 'antd';
import { useT } from '../../lib/i18n';
import { optionLabel, permille } from './labels';
import type { Vote, VoteResult } from './types';

type Ranked = VoteResult['ranking'][number];

/** The stored result: participation, counts per option (with rank), verdict and the ballot list digest. */
export function ResultView({ vote, result }: { vote: Vote; result: VoteResult }) {
  const t = useT();
  const max = Math.max(1, ...Object.values(result.counts));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="vote-result">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('vote.f.eligible')}>{result.eligible}</Descriptions.Item>
        <Descriptions.Item label={t('vote.f.cast')}><span data-testid="vote-cast">{result.cast}</span>（{permille(result.turnoutPermille)}）</Descriptions.Item>
        <Descriptions.Item label={t('vote.f.quorumMet')}>{result.quorumMet ? t('common.yes') : t('common.no')}</Descriptions.Item>
        <Descriptions.Item label={t('vote.f.outcome')}>
          {result.passed === null ? t('vote.ranked') : <Tag color={result.passed ? 'success' : 'error'} data-testid="vote-outcome">{result.passed ? t('vote.passed') : t('vote.notPassed')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      <Table<Ranked>
        rowKey="key" size="small" pagination={false} dataSource={result.ranking} data-testid="vote-counts"
        columns={[
          ...(vote.method === 'choice' ? [{ title: t('vote.f.rank'), dataIndex: 'rank', width: 70 }] : []),
          { title: t('vote.f.optionCol'), dataIndex: 'key', render: (k: string) => optionLabel(vote, k, t) },
          { title: t('vote.f.count'), dataIndex: 'count', width: 90, render: (n: number, r) => <span data-testid={`vote-count-${r.key}`}>{n}</span> },
          { title: '', key: 'bar', render: (_: unknown, r) => <Progress percent={Math.round((r.count * 100) / max)} showInfo={false} size="small" /> },
        ]}
      />
      {result.digest && <div style={{ fontSize: 12, color: '#888', wordBreak: 'break-all' }}>{t('vote.digest')}: <code data-testid="vote-digest">{result.digest}</code></div>}
    </Space>
  );
}

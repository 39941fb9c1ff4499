import { Alert, Button, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useRound } from './api';
import { yuan } from './labels';
import { ResultsTable } from './ResultsTable';

/** /m/micro/rounds/:id: the proposals on the ballot and a link to vote (/m/votes/:id); after closing, the winners within the budget. */
export default function MobileRound() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useRound(id);
  return (
    <MobilePage title={t('mp.m.round')} back="/m/micro" testId="m-round">
      {q.isPending ? <PageSpinner /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>{q.data.title}</Typography.Title>
          <Typography.Text type="secondary">{t('mp.m.available', { amount: yuan(q.data.availableFen) })}</Typography.Text>
          {q.data.status === 'voting' && q.data.voteId && (
            <Link to={`/m/votes/${q.data.voteId}`}><Button type="primary" size="large" block data-testid="m-round-vote">{t('mp.m.goVote')}</Button></Link>
          )}
          {q.data.status === 'closed' && <Alert type="success" message={t('mp.m.closed', { cast: q.data.cast ?? 0, eligible: q.data.eligible ?? 0, allocated: yuan(q.data.allocatedFen), left: yuan(q.data.leftoverFen) })} />}
          <ResultsTable round={q.data} compact={q.data.status === 'closed'} />
          <Typography.Text type="secondary">{t('mp.rule')}</Typography.Text>
        </Space>
      )}
    </MobilePage>
  );
}

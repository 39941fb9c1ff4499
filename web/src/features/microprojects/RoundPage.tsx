import { Alert, Button, Card, Descriptions, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { closeRound, exportResults, useMicroWrite, useRound } from './api';
import { RoundTag, yuan } from './labels';
import { ResultsTable } from './ResultsTable';

/** /app/micro-rounds/:id: the round's proposals, the vote (cast and followed in the voting console), closing and the winners. */
export default function RoundPage() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const q = useRound(id);
  const close = useMicroWrite((_: void) => closeRound(id));
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const onClose = () => feedback.modal.confirm({
    title: t('mp.round.close'), content: t('mp.round.closeConfirm'),
    onOk: () => close.mutateAsync(undefined).then(() => feedback.success(t('mp.round.closed')), (e) => { feedback.error(e); throw e; }),
  });
  return (
    <Card title={<Space>{r.title}<RoundTag status={r.status} t={t} /></Space>} data-testid="round-page"
      extra={<Space>
        <Link to={`/app/micro-budgets/${r.budgetId}`}><Button>{t('mp.round.toBudget')}</Button></Link>
        {r.voteId && <Link to={`/app/votes/${r.voteId}`} data-testid="round-vote-link"><Button>{t('mp.round.toVote')}</Button></Link>}
        {r.status === 'closed' && <ExportButton run={() => exportResults(r.id)} testId="round-export" />}
        {r.actions.includes('close') && <Button type="primary" danger onClick={onClose} loading={close.isPending} data-testid="round-close">{t('mp.round.close')}</Button>}
      </Space>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('mp.f.community')}>{`${r.orgName} ${r.year}`}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.electorate')}>{t(r.electorate === 'households' ? 'mp.el.households' : 'mp.el.adults')}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.available')}>{yuan(r.availableFen)}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.openedAt')}>{formatDateTime(r.openedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('mp.f.closesAt')}>{r.closesAt ? formatDateTime(r.closesAt) : '—'}</Descriptions.Item>
        {r.status === 'closed' && <Descriptions.Item label={t('mp.f.turnout')}>{`${r.cast}/${r.eligible}`}</Descriptions.Item>}
        {r.status === 'closed' && <Descriptions.Item label={t('mp.f.allocated')}><span data-testid="round-allocated">{yuan(r.allocatedFen)}</span></Descriptions.Item>}
        {r.status === 'closed' && <Descriptions.Item label={t('mp.f.leftover')}>{yuan(r.leftoverFen)}</Descriptions.Item>}
      </Descriptions>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('mp.rule')} />
      <ResultsTable round={r} />
    </Card>
  );
}

import { useState } from 'react';
import { Button, Card, Empty, Flex, Pagination, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useProposals } from './api';
import { ProposalTag, yuan } from './labels';

const PAGE = 20;

/** /m/micro/mine: my proposals, their review (with the reason), the round and the result. */
export default function MobileMyProposals() {
  const t = useT();
  const [page, setPage] = useState(1);
  const q = useProposals({ mine: true, page, pageSize: PAGE });
  return (
    <MobilePage title={t('mp.m.mine')} back="/m/micro" testId="m-my-proposals-page">
      {q.isPending ? <PageSpinner /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? <Empty description={t('mp.empty.myProposals')} /> : (
        <Flex vertical gap={12}>
          {q.data.items.map((p) => (
            <Card key={p.id} size="small" data-testid={`m-proposal-${p.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap><Typography.Text strong>{p.title}</Typography.Text><ProposalTag status={p.status} t={t} /></Space>
                <Typography.Text type="secondary">{t('mp.f.cost')} {yuan(p.costFen)}{p.votes !== null ? ` · ${t('mp.m.votes', { n: p.votes })}` : ''}</Typography.Text>
                {p.reviewNote && <Typography.Text type={p.status === 'rejected' ? 'danger' : 'warning'} data-testid={`m-review-note-${p.id}`}>{t('mp.m.reviewNote', { note: p.reviewNote })}</Typography.Text>}
                {p.actions.includes('edit') && <Link to={`/m/micro/propose?edit=${p.id}`}><Button size="small">{t('mp.m.edit')}</Button></Link>}
                {p.roundId && <Link to={`/m/micro/rounds/${p.roundId}`}><Button size="small">{t('mp.m.toRound')}</Button></Link>}
                {p.projectId && <Link to={`/m/micro/projects/${p.projectId}`}><Button size="small" type="primary">{t('mp.m.toProject')}</Button></Link>}
              </Space>
            </Card>
          ))}
          {q.data.total > PAGE && <Pagination simple align="center" current={page} pageSize={PAGE} total={q.data.total} onChange={setPage} />}
        </Flex>
      )}
    </MobilePage>
  );
}

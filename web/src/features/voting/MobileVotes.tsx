import { useState } from 'react';
import { Card, Empty, Pagination, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useMyVotes } from './api';
import { StatusTag } from './labels';

/** /m/votes: the votes I am in the electorate of, open ones first. */
export default function MobileVotes() {
  const t = useT();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const query = useMyVotes(page);
  return (
    <MobilePage title={t('vote.m.title')} back="/m" testId="m-votes">
      {query.isPending ? <PageSpinner /> : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : query.data.items.length === 0 ? (
        <Empty description={t('vote.m.empty')} data-testid="m-votes-empty" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {query.data.items.map((v) => (
            <Card key={v.id} size="small" hoverable onClick={() => navigate(`/m/votes/${v.id}`)} data-testid={`m-vote-${v.id}`}>
              <Typography.Text strong>{v.title}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <Space wrap size={4}>
                  <StatusTag status={v.status} t={t} />
                  {v.mine?.voted ? <Tag color="green">{t('vote.m.voted')}</Tag> : v.actions.includes('cast') ? <Tag color="orange">{t('vote.m.toVote')}</Tag> : null}
                  {v.closesAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('vote.m.closesAt', { t: formatDateTime(v.closesAt) })}</Typography.Text>}
                </Space>
              </div>
            </Card>
          ))}
          {query.data.total > 20 && <Pagination simple current={page} pageSize={20} total={query.data.total} onChange={setPage} />}
        </Space>
      )}
    </MobilePage>
  );
}

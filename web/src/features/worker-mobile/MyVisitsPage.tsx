import { useState } from 'react';
import { Button, Empty, Flex, Pagination, Segmented } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { MobilePage } from '../../components/MobilePage';
import { useT } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { useMyVisits } from './api';
import { VisitCard } from './VisitCard';

/** /w/visits: my recent visits; ?followUp=open shows those still waiting for a follow-up (待跟进). */
export default function MyVisitsPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const followUp = search.get('followUp') === 'open' ? 'open' : undefined;
  const [page, setPage] = useState(1);
  const meId = session.status === 'authenticated' ? session.me.id : 0;
  const query = useMyVisits(followUp ? undefined : meId, followUp, page);

  return (
    <MobilePage
      title={t(followUp ? 'wm.followUps' : 'wm.myVisits')}
      back="/w"
      extra={<Button type="primary" shape="circle" icon={<PlusOutlined />} aria-label={t('wm.visitNew')} onClick={() => navigate('/w/visits/new')} />}
      testId="wm-visits"
    >
      <Segmented
        block
        value={followUp ?? 'all'}
        options={[
          { value: 'all', label: t('wm.filterAll') },
          { value: 'open', label: t('wm.followUps') },
        ]}
        onChange={(v) => {
          setPage(1);
          setSearch(v === 'open' ? { followUp: 'open' } : {}, { replace: true });
        }}
        style={{ marginBottom: 12 }}
        data-testid="wm-visits-filter"
      />
      {query.isPending ? (
        <PageSpinner />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty description={t(followUp ? 'wm.noFollowUps' : 'wm.noVisits')} data-testid="wm-visits-empty" />
      ) : (
        <Flex vertical gap={12} data-testid="wm-visit-list">
          {query.data.items.map((v) => (
            <VisitCard key={v.id} visit={v} />
          ))}
          {query.data.total > query.data.pageSize && (
            <Pagination simple align="center" current={page} pageSize={query.data.pageSize} total={query.data.total} onChange={setPage} />
          )}
        </Flex>
      )}
    </MobilePage>
  );
}

import { useState } from 'react';
import { Button, Empty, Flex, Pagination, Segmented } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useRequests } from './api';
import { RequestCard } from './RequestCard';
import { useLiveBoard } from './useRequestEvents';
import type { View } from './types';

const PAGE_SIZE = 20;
const WORKER_VIEWS: View[] = ['open', 'mine', 'all'];

/** /m/requests (我的诉求: what I reported) and /w/requests (my grid's requests, or mine). */
export default function MobileRequestList({ area }: { area: 'm' | 'w' }) {
  const t = useT();
  const navigate = useNavigate();
  const [view, setView] = useState<View>(area === 'm' ? 'mine' : 'open');
  const [page, setPage] = useState(1);
  const query = useRequests({ view, page, pageSize: PAGE_SIZE });
  useLiveBoard();

  return (
    <MobilePage
      title={t(area === 'm' ? 'req.mine' : 'req.gridList')}
      back={`/${area}`}
      extra={
        <Button
          type="primary"
          shape="circle"
          icon={<PlusOutlined />}
          aria-label={t(area === 'm' ? 'req.report.title' : 'req.report.gridTitle')}
          onClick={() => navigate(`/${area}/requests/new`)}
          data-testid="requests-new"
        />
      }
      testId="request-list-page"
    >
      {area === 'w' && (
        <Segmented<View>
          block
          value={view}
          options={WORKER_VIEWS.map((v) => ({ value: v, label: t(`req.view.${v}`) }))}
          onChange={(v) => {
            setView(v);
            setPage(1);
          }}
          style={{ marginBottom: 12 }}
          data-testid="request-list-view"
        />
      )}
      {query.isPending ? (
        <PageSpinner />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty description={t(view === 'mine' && area === 'm' ? 'req.mineEmpty' : 'req.listEmpty')} data-testid="request-list-empty" />
      ) : (
        <Flex vertical gap={12} data-testid="request-list">
          {query.data.items.map((r) => (
            <RequestCard key={r.id} item={r} to={`/${area}/requests/${r.id}`} />
          ))}
          {query.data.total > PAGE_SIZE && (
            <Pagination simple align="center" current={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={setPage} />
          )}
        </Flex>
      )}
    </MobilePage>
  );
}

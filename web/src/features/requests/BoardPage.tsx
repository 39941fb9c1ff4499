import { Button, Card, Space, Tabs } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { hasPermission, useSession } from '../auth/session';
import { exportRequests, useRequests } from './api';
import { BoardCounters } from './BoardCounters';
import { BoardFilters } from './BoardFilters';
import { BoardTable } from './BoardTable';
import { LiveBadge } from './LiveBadge';
import { RequestMapTab } from './RequestMapTab';
import { useBoardFilter } from './useBoardFilter';
import { useLiveBoard } from './useRequestEvents';

/** /app/requests — 诉求工作台: the live queue in the user's scope (list or map), counters, filters, export. */
export default function BoardPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const live = useLiveBoard();
  const { filter, page, setFilter, setPage } = useBoardFilter();
  const query = useRequests({ ...filter, ...page });
  const canIntake = session.status === 'authenticated' && hasPermission(session.me, PERMISSIONS.requestSubmit);

  const extra = (
    <Space wrap>
      <LiveBadge live={live} />
      {canIntake && (
        <Button icon={<PhoneOutlined />} onClick={() => navigate('/app/requests/hotline')} data-testid="board-hotline">
          {t('req.board.hotline')}
        </Button>
      )}
      <ExportButton run={() => exportRequests(filter)} testId="board-export" />
    </Space>
  );

  return (
    <Card title={t('nav.requestBoard')} extra={extra} data-testid="request-board">
      <BoardCounters counters={query.data?.counters} view={filter.view} onPick={(view) => setFilter({ ...filter, view })} />
      <BoardFilters value={filter} onChange={setFilter} />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'list',
            label: t('req.board.list'),
            children: <BoardTable data={query.data} loading={query.isPending || (query.isFetching && query.isPlaceholderData)} error={query.isError} page={page} onPage={setPage} />,
          },
          { key: 'map', label: t('req.board.map'), children: <RequestMapTab orgId={filter.orgId} /> },
        ]}
        data-testid="board-tabs"
      />
    </Card>
  );
}

import { useState } from 'react';
import { Button, Card, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { hasPermission, useSession } from '../auth/session';
import { ErrorState } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useResidents } from './api';
import { ExportResidentsButton } from './ExportResidentsButton';
import { useLabels } from './meta';
import { ResidentFilters } from './ResidentFilters';
import { ResidentFormDrawer } from './ResidentFormDrawer';
import { ResidentTable } from './ResidentTable';
import type { ResidentFilter } from './types';

/**
 * The daily residents list. Filters live only in memory (a typed ID number or phone must
 * not end up in the address bar or the browser history).
 */
export default function ResidentsPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const labels = useLabels();
  const [filter, setFilter] = useState<ResidentFilter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useResidents({ ...filter, ...page });
  const me = session.status === 'authenticated' ? session.me : null;
  const canWrite = !!me && hasPermission(me, PERMISSIONS.residentWrite);
  const canReveal = !!me && hasPermission(me, PERMISSIONS.residentReveal);

  if (labels.meta.isError) return <ErrorState error={labels.meta.error} onRetry={() => void labels.meta.refetch()} />;

  return (
    <Card
      title={t('nav.residents')}
      extra={
        <Space wrap>
          <ExportResidentsButton filter={filter} canReveal={canReveal} />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resident-create">
              {t('residents.create')}
            </Button>
          )}
        </Space>
      }
    >
      <ResidentFilters
        value={filter}
        labels={labels}
        onChange={(next) => {
          setFilter(next);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ResidentTable
          data={query.data}
          loading={query.isFetching}
          error={query.isError}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, pageSize) => setPage({ page: p, pageSize })}
          labels={labels}
        />
      )}
      {creating && (
        <ResidentFormDrawer
          resident={null}
          labels={labels}
          onClose={() => setCreating(false)}
          onCreated={(r) => navigate(`/app/residents/${r.id}`)}
        />
      )}
    </Card>
  );
}

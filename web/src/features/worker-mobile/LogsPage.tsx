import { useState } from 'react';
import { Button, Card, Empty, Flex, Pagination, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { MobilePage } from '../../components/MobilePage';
import { useT } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { useMyLogs } from './api';

/** /w/logs: my work logs, newest first. */
export default function LogsPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const [page, setPage] = useState(1);
  const query = useMyLogs(session.status === 'authenticated' ? session.me.id : 0, page);

  return (
    <MobilePage title={t('wm.logs')} back="/w" testId="wm-logs">
      <Button
        type="primary"
        block
        size="large"
        icon={<PlusOutlined />}
        onClick={() => navigate('/w/logs/new')}
        style={{ marginBottom: 12 }}
        data-testid="wm-log-new"
      >
        {t('wm.logNew')}
      </Button>
      {query.isPending ? (
        <PageSpinner />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty description={t('wm.noLogs')} />
      ) : (
        <Flex vertical gap={12} data-testid="wm-log-list">
          {query.data.items.map((l) => (
            <Card key={l.id} size="small" title={l.logDate} data-testid={`wm-log-${l.id}`}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: 'collapsible' }}>
                {l.content}
              </Typography.Paragraph>
            </Card>
          ))}
          {query.data.total > query.data.pageSize && (
            <Pagination simple align="center" current={page} pageSize={query.data.pageSize} total={query.data.total} onChange={setPage} />
          )}
        </Flex>
      )}
    </MobilePage>
  );
}

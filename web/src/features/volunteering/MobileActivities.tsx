import { useState } from 'react';
import { Card, Empty, Flex, Pagination, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useActivities } from './api';
import { KindTag, SignupTag, timeRange } from './labels';

const PAGE_SIZE = 20;

/** /m/activities: upcoming published activities on the resident's path, with places left and the queue. */
export default function MobileActivities() {
  const t = useT();
  const [page, setPage] = useState(1);
  const query = useActivities({ upcoming: true, status: 'published', page, pageSize: PAGE_SIZE });
  return (
    <MobilePage title={t('vol.m.activities')} back="/m" testId="m-activities">
      {query.isPending ? <PageSpinner /> : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : query.data.items.length === 0 ? (
        <Empty description={t('vol.empty.activities')} />
      ) : (
        <Flex vertical gap={12}>
          {query.data.items.map((a) => (
            <Link key={a.id} to={`/m/activities/${a.id}`} data-testid={`m-activity-${a.id}`}>
              <Card size="small" hoverable>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap><KindTag kind={a.kind} t={t} />{a.mine && a.mine.status !== 'cancelled' && <SignupTag status={a.mine.status} t={t} />}</Space>
                  <Typography.Text strong>{a.title}</Typography.Text>
                  <Typography.Text type="secondary">{timeRange(a.startsAt, a.endsAt)} · {a.place}</Typography.Text>
                  <Tag color={a.placesLeft > 0 ? 'green' : 'orange'}>{a.placesLeft > 0 ? t('vol.m.placesLeft', { n: a.placesLeft }) : t('vol.m.full', { n: a.waitingCount })}</Tag>
                </Space>
              </Card>
            </Link>
          ))}
          {query.data.total > PAGE_SIZE && <Pagination simple align="center" current={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={setPage} />}
        </Flex>
      )}
    </MobilePage>
  );
}

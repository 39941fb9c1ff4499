import { useState } from 'react';
import { Card, Empty, Flex, Pagination, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { useProjects } from './api';
import { StatusTag } from './labels';
import { yuan } from './money';

const PAGE_SIZE = 20;

/** /m/projects: the resident's community's projects once approved (public information only). */
export default function MobileProjects() {
  const t = useT();
  const [page, setPage] = useState(1);
  const query = useProjects({ page, pageSize: PAGE_SIZE });
  return (
    <MobilePage title={t('proj.m.title')} back="/m" testId="m-projects">
      {query.isPending ? <PageSpinner /> : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : query.data.items.length === 0 ? (
        <Empty description={t('proj.m.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {query.data.items.map((p) => (
            <Link key={p.id} to={`/m/projects/${p.id}`} data-testid={`m-project-${p.id}`}>
              <Card size="small" hoverable>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap><StatusTag status={p.status} t={t} /><Typography.Text type="secondary">{t(`proj.kind.${p.kind}`)}</Typography.Text></Space>
                  <Typography.Text strong>{p.title}</Typography.Text>
                  <Typography.Text type="secondary">{p.awardeeName ?? ''} · {t('proj.m.money', { a: yuan(p.approvedAmount), p: yuan(p.paidAmount) })}</Typography.Text>
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

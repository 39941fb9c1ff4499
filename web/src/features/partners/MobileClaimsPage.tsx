import { useState } from 'react';
import { Card, Empty, Flex, Pagination, Rate, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import type { PageState } from '../../components/pagination';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { usePaged } from './api';
import { ClaimActions } from './ClaimActions';
import { label, StatusTag } from './labels';
import type { Claim } from './types';

/** Resident's phone: my claims (as a member) and the claims serving needs I raised, with their actions. */
export default function MobileClaimsPage() {
  const t = useT();
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 10 });
  const q = usePaged<Claim>('/me/partner-claims', {}, page);
  return (
    <MobilePage title={t('partners.m.myClaims')} back="/m" extra={<Link to="/m/partner-needs">{t('partners.m.needsTitle')}</Link>} testId="m-partner-claims">
      {q.isLoading ? <PageSpinner /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : !q.data?.items.length ? (
        <Empty description={t('partners.m.noClaims')}><Link to="/m/partner-needs">{t('partners.m.goClaim')}</Link></Empty>
      ) : (
        <Flex vertical gap={12}>
          {q.data.items.map((c) => (
            <Card key={c.id} size="small" title={c.targetTitle} extra={<StatusTag t={t} group="claimStatus" value={c.status} />} data-testid={`m-claim-${c.id}`}>
              <Flex vertical gap={6}>
                <Typography.Text type="secondary">{label(t, 'target', c.target)} · {c.claimantName} · {formatDateTime(c.createdAt)}</Typography.Text>
                {c.result && <Typography.Text>{t('partners.col.result')}：{c.result}</Typography.Text>}
                {c.rating !== null && <Rate disabled value={c.rating} />}
                {c.feedback && <Typography.Text type="secondary">{c.feedback}</Typography.Text>}
                <ClaimActions claim={c} block />
              </Flex>
            </Card>
          ))}
          <Pagination simple current={page.page} pageSize={page.pageSize} total={q.data.total} onChange={(p) => setPage({ ...page, page: p })} />
        </Flex>
      )}
    </MobilePage>
  );
}

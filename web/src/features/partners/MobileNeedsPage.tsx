import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Pagination, Segmented, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import type { PageState } from '../../components/pagination';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useMyClaim, useMyMember, usePaged } from './api';
import type { Need, Post } from './types';

/** Resident's phone: the community's open needs and service posts, claimed as the linked party member. */
export default function MobileNeedsPage() {
  const t = useT();
  const feedback = useFeedback();
  const [kind, setKind] = useState<'needs' | 'posts'>('needs');
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 10 });
  const me = useMyMember();
  const needs = usePaged<Need>('/me/partner-needs', {}, page, kind === 'needs');
  const posts = usePaged<Post>('/me/service-posts', {}, page, kind === 'posts');
  const claim = useMyClaim();
  const q = kind === 'needs' ? needs : posts;
  const member = me.data?.member;
  const canClaim = member?.status === 'active';
  const doClaim = (v: { needId?: number; postId?: number }) =>
    claim.mutateAsync(v).then(() => feedback.success(t('partners.m.claimed'))).catch(feedback.error);

  return (
    <MobilePage title={t('partners.m.needsTitle')} back="/m" extra={<Link to="/m/partner-claims">{t('partners.m.myClaims')}</Link>} testId="m-partner-needs">
      <Flex vertical gap={12}>
        {me.data && !canClaim && (
          <Alert type="info" showIcon title={member ? t('partners.m.memberPending') : t('partners.m.notMember')} data-testid="m-partner-not-member" />
        )}
        <Segmented<'needs' | 'posts'> block value={kind} onChange={(v) => { setKind(v); setPage({ page: 1, pageSize: 10 }); }}
          options={[{ value: 'needs', label: t('partners.tab.needs') }, { value: 'posts', label: t('partners.tab.posts') }]} />
        {q.isLoading ? <PageSpinner /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : !q.data?.items.length ? (
          <Empty description={t(kind === 'needs' ? 'partners.m.noNeeds' : 'partners.m.noPosts')} />
        ) : (
          <>
            {kind === 'needs' && needs.data?.items.map((n) => (
              <Card key={n.id} size="small" title={n.title} extra={<Tag>{n.category}</Tag>} data-testid={`m-need-${n.id}`}>
                <Typography.Paragraph>{n.description}</Typography.Paragraph>
                <Flex justify="space-between" align="center">
                  <Typography.Text type="secondary">{t('partners.m.places', { claimed: n.claimed, capacity: n.capacity })}{n.dueOn ? ` · ${t('partners.col.dueOn')} ${n.dueOn}` : ''}</Typography.Text>
                  {canClaim && n.actions.includes('claim') && (
                    <Button type="primary" size="small" loading={claim.isPending} onClick={() => void doClaim({ needId: n.id })} data-testid={`m-need-${n.id}-claim`}>{t('partners.m.claim')}</Button>
                  )}
                </Flex>
              </Card>
            ))}
            {kind === 'posts' && posts.data?.items.map((p) => (
              <Card key={p.id} size="small" title={p.name} data-testid={`m-post-${p.id}`}>
                {p.description && <Typography.Paragraph>{p.description}</Typography.Paragraph>}
                <Flex justify="space-between" align="center">
                  <Typography.Text type="secondary">{t('partners.m.places', { claimed: p.claimed, capacity: p.capacity })}</Typography.Text>
                  {canClaim && p.actions.includes('claim') && (
                    <Button type="primary" size="small" loading={claim.isPending} onClick={() => void doClaim({ postId: p.id })} data-testid={`m-post-${p.id}-claim`}>{t('partners.m.claim')}</Button>
                  )}
                </Flex>
              </Card>
            ))}
            <Pagination simple current={page.page} pageSize={page.pageSize} total={q.data.total} onChange={(p) => setPage({ ...page, page: p })} />
          </>
        )}
      </Flex>
    </MobilePage>
  );
}

import { useState } from 'react';
import { Button, Card, Empty, Flex, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission } from '../auth/session';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import type { PageState } from '../../components/pagination';
import { PERMISSIONS } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useMe, usePaged } from './api';
import { StatusTag, fmtTime, key } from './labels';
import type { Consultation, Topic } from './types';

type Tab = 'mine' | 'community' | 'consultations';

/** Phone: my topics (with where each stands), the community's public topics, and its consultations. */
export default function MobileTopicsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const self = !!me && hasPermission(me, PERMISSIONS.deliberationSelf);
  const [tab, setTab] = useState<Tab>('mine');
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: 10 });
  const mine = usePaged<Topic>('/me/topics', {}, page, tab === 'mine');
  const community = usePaged<Topic>('/me/community-topics', {}, page, tab === 'community');
  const consult = usePaged<Consultation>('/me/consultations', {}, page, tab === 'consultations');
  const q = tab === 'mine' ? mine : tab === 'community' ? community : consult;
  const tabs = [{ value: 'mine' as Tab, label: t('delib.m.mine') }, ...(self ? [{ value: 'community' as Tab, label: t('delib.m.community') }, { value: 'consultations' as Tab, label: t('delib.m.consultations') }] : [])];
  const topicCard = (x: Topic) => (
    <Card key={x.id} size="small" hoverable onClick={() => navigate(`/m/topics/${x.id}`)} data-testid={`m-topic-${x.id}`}
      title={<Space>{x.kind === 'wish' && <Tag color="magenta">{t('delib.kind.wish')}</Tag>}<span>{x.title}</span></Space>} extra={<StatusTag status={x.status} t={t} />}>
      <Typography.Text type="secondary">{`${t(key('field', x.field))} · ${x.raiserName} · ${fmtTime(x.createdAt)}`}</Typography.Text>
      {x.reason && <div><Typography.Text type="warning">{x.reason}</Typography.Text></div>}
    </Card>
  );
  return (
    <MobilePage title={t('delib.m.title')} back="/m" testId="m-topics"
      extra={<Link to="/m/topics/new"><Button type="primary" size="small" icon={<PlusOutlined />} data-testid="m-topic-raise">{t('delib.m.raise')}</Button></Link>}>
      <Flex vertical gap={12}>
        {tabs.length > 1 && <Segmented<Tab> block value={tab} options={tabs} onChange={(v) => { setTab(v); setPage({ page: 1, pageSize: 10 }); }} data-testid="m-topics-tabs" />}
        {q.isLoading ? <PageSpinner /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : !q.data?.items.length ? (
          <Empty description={t(tab === 'mine' ? 'delib.m.noMine' : tab === 'community' ? 'delib.m.noCommunity' : 'delib.m.noConsultations')} />
        ) : (
          <>
            {tab === 'consultations'
              ? consult.data?.items.map((c) => (
                <Card key={c.id} size="small" hoverable onClick={() => navigate(`/m/consultations/${c.id}`)} title={c.title} data-testid={`m-consultation-${c.id}`}
                  extra={<Tag color={c.open ? 'green' : 'default'}>{c.open ? t('delib.status.deliberating') : t('delib.consult.closed')}</Tag>}>
                  <Typography.Text type="secondary">{`${c.topicTitle} · ${t(key('mode', c.mode))} · ${t('delib.col.comments')} ${c.comments}`}</Typography.Text>
                </Card>))
              : (tab === 'mine' ? mine : community).data?.items.map(topicCard)}
            <Pagination simple current={page.page} pageSize={page.pageSize} total={q.data.total} onChange={(p) => setPage({ ...page, page: p })} />
          </>
        )}
      </Flex>
    </MobilePage>
  );
}

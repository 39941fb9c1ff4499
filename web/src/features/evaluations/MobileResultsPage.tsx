import { useState } from 'react';
import { Empty, List, Pagination, Typography } from 'antd';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useT } from '../../lib/i18n';
import { usePublished, usePublishedResults } from './api';
import { RankingTable } from './ResultsTab';

/** /m/evaluations: published evaluation results of my area (ranking and final scores). */
export default function MobileResultsPage() {
  const t = useT();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [open, setOpen] = useState<number | null>(null);
  const list = usePublished(page);
  const res = usePublishedResults(open);
  return (
    <MobilePage title={t('ev.m.results')} back={open ? undefined : '/m'} testId="m-results" extra={open ? <a onClick={() => setOpen(null)}>{t('ev.back')}</a> : undefined}>
      {open ? (res.isPending ? <PageSpinner /> : res.isError ? <ErrorState error={res.error} onRetry={() => void res.refetch()} /> : (
        <>
          <Typography.Title level={5}>{res.data.campaign.title}</Typography.Title>
          <Typography.Paragraph type="secondary">{res.data.campaign.orgName} · {res.data.campaign.periodStart} ~ {res.data.campaign.periodEnd}</Typography.Paragraph>
          <RankingTable r={res.data} compact />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('ev.formula')}</Typography.Paragraph>
        </>
      )) : list.isPending ? <PageSpinner /> : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : !list.data.items.length ? (
        <Empty description={t('ev.m.noResults')} />
      ) : (
        <>
          <List dataSource={list.data.items} renderItem={(c) => (
            <List.Item onClick={() => setOpen(c.id)} style={{ cursor: 'pointer' }} data-testid={`m-result-${c.id}`}>
              <List.Item.Meta title={c.title} description={`${c.orgName} · ${c.periodStart} ~ ${c.periodEnd}`} />
            </List.Item>
          )} />
          <Pagination size="small" current={page.page} pageSize={page.pageSize} total={list.data.total} onChange={(p) => setPage((x) => ({ ...x, page: p }))} />
        </>
      )}
    </MobilePage>
  );
}

import { Card, Descriptions, Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, NotFound, PageSpinner } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { isNotFound, useRequest } from './api';
import { kindLabel, ratingLabel } from './labels';
import { RatePanel } from './RatePanel';
import { RequestActions } from './RequestActions';
import { RequestTimeline } from './RequestTimeline';
import { OverdueTag, RequestPhotos, StatusTag } from './StatusTag';
import { useLiveBoard } from './useRequestEvents';

/** /m/requests/:id and /w/requests/:id: the request, its progress, and what this user may do now. */
export default function MobileRequestDetail({ area }: { area: 'm' | 'w' }) {
  const t = useT();
  const id = Number(useParams().id);
  const query = useRequest(id);
  // The reporter's own requests change under their eyes (dispatched, resolved …): follow them live.
  useLiveBoard();
  const back = `/${area}/requests`;

  const body = () => {
    if (!Number.isInteger(id) || id <= 0 || isNotFound(query.error)) return <NotFound />;
    if (query.isPending) return <PageSpinner />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    const r = query.data;
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text strong>
                {kindLabel(t, r.kind)} · {r.categoryName}
              </Typography.Text>
              <Space size={0}>
                <OverdueTag level={r.overdueLevel} />
                <StatusTag status={r.status} testId="request-status" />
              </Space>
            </Space>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="request-description">
              {r.description}
            </Typography.Paragraph>
            {r.photoUrls.length > 0 && <RequestPhotos urls={r.photoUrls} />}
            <Descriptions size="small" column={1} colon>
              <Descriptions.Item label={t('req.f.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
              {r.address && <Descriptions.Item label={t('req.f.address')}>{r.address}</Descriptions.Item>}
              <Descriptions.Item label={t('req.f.org')}>{r.orgName}</Descriptions.Item>
              {r.handlerName && <Descriptions.Item label={t('req.f.handler')}>{r.handlerName}</Descriptions.Item>}
              <Descriptions.Item label={t('req.f.resolveDue')}>{formatDateTime(r.resolveDueAt)}</Descriptions.Item>
              {r.resolution && <Descriptions.Item label={t('req.f.resolution')}>{r.resolution}</Descriptions.Item>}
              {r.rating && (
                <Descriptions.Item label={t('req.f.rating')}>
                  <span data-testid="request-rating">{ratingLabel(t, r.rating)}</span>
                  {r.ratingComment ? ` · ${r.ratingComment}` : ''}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Space>
        </Card>
        <RatePanel request={r} />
        {r.actions.includes('reopen') && <Typography.Text type="secondary">{t('req.reopen.hint')}</Typography.Text>}
        <RequestActions request={r} block />
        <Card size="small" title={t('req.timeline')}>
          <RequestTimeline events={r.events} />
        </Card>
      </Space>
    );
  };

  return (
    <MobilePage title={t('req.detailTitle', { id: Number.isInteger(id) ? id : '' })} back={back} testId="request-detail">
      {body()}
    </MobilePage>
  );
}

import { Card, Descriptions } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { ratingLabel } from './labels';
import type { RequestItem } from './types';

const time = (v: string | null) => (v ? formatDateTime(v) : '—');

/** 办理情况: who holds it, the deadlines, the result and the reporter's rating. */
export function HandlingInfo({ request: r }: { request: RequestItem }) {
  const t = useT();
  return (
    <Card size="small" title={t('req.detail.handling')} data-testid="request-handling">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('req.f.handler')}>
          <span data-testid="request-handler">{r.handlerName ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.routedAuto')}>{t(r.routedAuto ? 'req.f.routedAutoYes' : 'req.f.routedAutoNo')}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.acceptDue')}>{time(r.acceptDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.respondDue')}>{time(r.respondDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.resolveDue')}>{time(r.resolveDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.respondedAt')}>{time(r.respondedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.resolvedAt')}>{time(r.resolvedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.closedAt')}>{time(r.closedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.resolution')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }} data-testid="request-resolution">{r.resolution ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.rating')}>
          <span data-testid="request-rating">{ratingLabel(t, r.rating)}</span>
          {r.ratingComment ? ` · ${r.ratingComment}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.reopenCount')}>{r.reopenCount}</Descriptions.Item>
        {r.mergedIntoId && (
          <Descriptions.Item label={t('req.f.mergedInto')}>
            <Link to={`/app/requests/${r.mergedIntoId}`}>#{r.mergedIntoId}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

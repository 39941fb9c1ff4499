import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorState, NotFound, PageSpinner } from '../../components/PageStates';
import { errorMessage } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { isNotFound, useRequest } from './api';
import { HandlingInfo } from './HandlingInfo';
import { LiveBadge } from './LiveBadge';
import { RequestActions } from './RequestActions';
import { RequestInfo } from './RequestInfo';
import { RequestTimeline } from './RequestTimeline';
import { SummonsCard } from './SummonsCard';
import { useLiveBoard } from './useRequestEvents';

/** /app/requests/:id — 诉求详情: facts, photos, contact, handling, 吹哨报到, the timeline and the actions this user may take. */
export default function RequestDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useRequest(id);
  const live = useLiveBoard();
  const [conflict, setConflict] = useState<string | null>(null);
  useEffect(() => setConflict(null), [id]);

  if (!Number.isInteger(id) || id <= 0 || isNotFound(query.error)) return <NotFound />;
  if (query.isPending) return <PageSpinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  const actionable = r.actions.some((a) => a !== 'reveal' && a !== 'rate');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="request-detail-page" data-version={r.version}>
      <Card
        size="small"
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('req.detail.backBoard')} data-testid="request-back" />
            <Typography.Text strong>{t('req.detailTitle', { id: r.id })}</Typography.Text>
          </Space>
        }
        extra={<LiveBadge live={live} />}
      >
        {conflict && (
          <Alert
            type="warning"
            showIcon
            closable={{ onClose: () => setConflict(null) }}
            title={t('req.detail.conflict')}
            description={conflict}
            style={{ marginBottom: 12 }}
            data-testid="request-conflict"
          />
        )}
        {actionable ? (
          <RequestActions request={r} onConflict={(err) => setConflict(errorMessage(err))} />
        ) : (
          <Typography.Text type="secondary" data-testid="request-no-actions">{t('req.detail.noActions')}</Typography.Text>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <RequestInfo request={r} />
            <HandlingInfo request={r} />
            <SummonsCard requestId={r.id} summons={r.summons} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('req.timeline')}>
            <RequestTimeline events={r.events} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

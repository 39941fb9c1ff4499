import { Button, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { HeartOutlined, ShopOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useMyPoints } from './api';
import { signed, TXN_COLORS, txnKindLabel } from './labels';

/** /m/points 我的积分: balance, earned, spent, on hold, then the movements page by page. */
export default function MobilePointsPage() {
  const t = useT();
  const navigate = useNavigate();
  const q = useMyPoints();
  const first = q.data?.pages[0];
  const lines = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <MobilePage title={t('points.me.title')} back="/m" testId="my-points-page">
      {q.isPending ? (
        <PageSpinner />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <div className="gz-mobile__hero" style={{ marginBottom: 0 }}>
            <Typography.Text style={{ color: 'rgba(255,255,255,0.9)' }}>{t('points.me.balance')}</Typography.Text>
            <div style={{ color: '#fff', fontSize: 36, fontWeight: 600, lineHeight: 1.2 }} data-testid="my-points-balance">
              {first?.balance ?? 0}
            </div>
          </div>
          <Row gutter={8}>
            {(['earned', 'spent', 'held'] as const).map((k) => (
              <Col span={8} key={k}>
                <Card size="small" styles={{ body: { padding: 12 } }}>
                  <Statistic title={t(`points.me.${k}`)} value={first?.[k] ?? 0} styles={{ content: { fontSize: 20 } }} data-testid={`my-points-${k}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={8}>
            <Col span={12}>
              <Button block size="large" icon={<HeartOutlined />} onClick={() => navigate('/m/activities')} data-testid="my-points-activities">{t('points.me.earn')}</Button>
            </Col>
            <Col span={12}>
              <Button block size="large" icon={<ShopOutlined />} onClick={() => navigate('/m/store')} data-testid="my-points-store">{t('points.me.spend')}</Button>
            </Col>
          </Row>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>{t('points.me.movements')}</Typography.Title>
          {lines.length === 0 ? (
            <Empty description={t('points.me.empty')} data-testid="my-points-empty" />
          ) : (
            <Flex vertical gap={8} data-testid="my-points-list">
              {lines.map((l) => (
                <Card size="small" key={l.id} data-testid={`my-points-line-${l.txnId}`}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Flex vertical gap={2} style={{ minWidth: 0 }}>
                      <span>
                        <Tag color={TXN_COLORS[l.kind]}>{txnKindLabel(t, l.kind)}</Tag>
                        <Typography.Text ellipsis style={{ maxWidth: 180 }}>{l.reason}</Typography.Text>
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(l.at)} · {l.counterparty}</Typography.Text>
                    </Flex>
                    <Flex vertical align="flex-end">
                      <Typography.Text strong style={{ fontSize: 18, color: l.amount < 0 ? '#c92a2a' : '#2b8a3e' }} data-testid="my-points-line-amount">
                        {signed(l.amount)}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('points.col.balanceAfter')} {l.balanceAfter}</Typography.Text>
                    </Flex>
                  </Flex>
                </Card>
              ))}
              {q.hasNextPage ? (
                <Button block size="large" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()} data-testid="my-points-more">
                  {t('points.me.more')}
                </Button>
              ) : (
                <Typography.Text type="secondary" style={{ textAlign: 'center' }}>{t('points.me.end')}</Typography.Text>
              )}
            </Flex>
          )}
        </Flex>
      )}
    </MobilePage>
  );
}

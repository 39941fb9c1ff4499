import { Avatar, Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { MobilePage } from '../../components/MobilePage';
import { useT } from '../../lib/i18n';
import { isNotFound, useMyGridWorkers } from './api';
import { NotLinked } from './NotLinked';
import type { GridCard } from './types';

/** tel: target of a published work phone ('0937-1234567-123' dials the extension after a pause). */
function telHref(phone: string): string {
  const m = /^(0\d{2,3})-?(\d{7,8})-(\d+)$/.exec(phone);
  return m ? `tel:${m[1]}${m[2]},${m[3]}` : `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function WorkerCard({ card, index }: { card: GridCard; index: number }) {
  const t = useT();
  return (
    <Card size="small" data-testid="my-grid-worker" data-index={index}>
      <Flex gap={12} align="start">
        <Avatar size={72} shape="square" src={card.photoUrl ?? undefined} icon={<UserOutlined />} alt={card.name} />
        <Space orientation="vertical" size={2} style={{ flex: 1, minWidth: 0 }}>
          <Space size={6} wrap>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="grid-worker-name">
              {card.name}
            </Typography.Text>
            <Tag color="blue">{card.postLabel}</Tag>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {card.gridName}
          </Typography.Text>
          {card.backupName && (
            <Typography.Text style={{ fontSize: 13 }}>{t('me.backup', { name: card.backupName })}</Typography.Text>
          )}
        </Space>
      </Flex>
      {card.cardDuties && (
        <Typography.Paragraph style={{ margin: '12px 0 0', whiteSpace: 'pre-wrap' }}>
          <Typography.Text type="secondary">{t('me.duties')}：</Typography.Text>
          {card.cardDuties}
        </Typography.Paragraph>
      )}
      {card.cardPhone && (
        <Button
          type="primary"
          block
          size="large"
          icon={<PhoneOutlined />}
          href={telHref(card.cardPhone)}
          style={{ marginTop: 12 }}
          data-testid="grid-worker-phone"
        >
          {t('me.call', { phone: card.cardPhone })}
        </Button>
      )}
    </Card>
  );
}

/** /m/grid-workers: the public cards (亮牌) of my grid's workers. */
export default function GridWorkersPage() {
  const t = useT();
  const query = useMyGridWorkers();

  let body;
  if (query.isPending) body = <PageSpinner />;
  else if (query.isError) body = isNotFound(query.error) ? <NotLinked /> : <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.items.length === 0) body = <Empty description={t('me.noGridWorkers')} data-testid="me-no-grid-workers" />;
  else
    body = (
      <Flex vertical gap={12}>
        {query.data.items.map((c, i) => (
          <WorkerCard key={`${c.gridId}-${c.post}-${i}`} card={c} index={i} />
        ))}
      </Flex>
    );

  return (
    <MobilePage title={t('me.gridWorkers')} back="/m">
      {body}
    </MobilePage>
  );
}

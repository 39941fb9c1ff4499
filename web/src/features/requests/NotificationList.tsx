import { Badge, Button, Empty, List, Space, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import type { Notification } from './types-admin';

interface Props {
  items: Notification[];
  onOpen: (n: Notification) => void;
  onRead: (n: Notification) => void;
}

/** The newest notifications; unread ones are marked, each opens its request. */
export function NotificationList({ items, onOpen, onRead }: Props) {
  const t = useT();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('req.notice.empty')} />;
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="notification-list"
      renderItem={(n) => (
        <List.Item
          key={n.id}
          data-testid={`notification-${n.id}`}
          data-unread={String(!n.readAt)}
          style={{ cursor: n.requestId ? 'pointer' : undefined }}
          onClick={() => onOpen(n)}
          actions={
            n.readAt
              ? []
              : [
                  <Button key="read" type="link" size="small" onClick={(e) => { e.stopPropagation(); onRead(n); }} data-testid={`notification-${n.id}-read`}>
                    {t('req.notice.markRead')}
                  </Button>,
                ]
          }
        >
          <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
            <Space size={6}>
              {!n.readAt && <Badge status="processing" aria-label={t('req.notice.unread')} />}
              <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
            </Space>
            {n.body && <Typography.Text type="secondary" ellipsis style={{ maxWidth: 300 }}>{n.body}</Typography.Text>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

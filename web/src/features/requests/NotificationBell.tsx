import { useState } from 'react';
import { Badge, Button, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { adminKeys, useMarkAllRead, useMarkRead, useNotifications } from './api-admin';
import { NotificationList } from './NotificationList';
import { useRequestChanges } from './useRequestEvents';
import type { Notification } from './types-admin';

/** The header bell: unread count (refreshed with every live request change), the newest ten, mark read, open the request. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const query = useNotifications(1);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  useRequestChanges(() => void qc.invalidateQueries({ queryKey: adminKeys.notifications }));
  const unread = query.data?.unread ?? 0;

  const read = (n: Notification) => markRead.mutateAsync(n.id).catch((err: unknown) => feedback.error(err));
  const onOpen = (n: Notification) => {
    if (!n.readAt) void read(n);
    if (n.requestId) {
      setOpen(false);
      navigate(`/app/requests/${n.requestId}`);
    }
  };

  const content = (
    <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }}>
      <NotificationList items={query.data?.items ?? []} onOpen={onOpen} onRead={(n) => void read(n)} />
    </div>
  );
  const title = (
    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
      <Typography.Text strong>{t('req.notice.title')}</Typography.Text>
      <Button type="link" size="small" disabled={!unread} loading={markAll.isPending}
        onClick={() => void markAll.mutateAsync().catch((err: unknown) => feedback.error(err))} data-testid="notification-read-all">
        {t('req.notice.readAll')}
      </Button>
    </Space>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} title={title} content={content}>
      <Button type="text" aria-label={t('req.notice.bell', { n: unread })} data-testid="notification-bell" data-unread={unread}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

import { Card, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { kindLabel } from './labels';
import { OverdueTag, StatusTag } from './StatusTag';
import type { RequestItem } from './types';

/** One request in a phone list; tapping opens its detail. */
export function RequestCard({ item, to }: { item: RequestItem; to: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable onClick={() => navigate(to)} role="button" data-testid={`request-card-${item.id}`}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <Typography.Text strong>
            {kindLabel(t, item.kind)} · {item.categoryName}
          </Typography.Text>
          <Space size={0}>
            <OverdueTag level={item.overdueLevel} />
            <StatusTag status={item.status} testId={`request-card-${item.id}-status`} />
          </Space>
        </Space>
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
          {item.description}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          #{item.id} · {formatDateTime(item.createdAt)}
          {item.address ? ` · ${item.address}` : ''}
        </Typography.Text>
      </Space>
    </Card>
  );
}

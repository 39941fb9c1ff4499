import { useState } from 'react';
import { Card, List, Pagination, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useLabel, useMyCorrections, useResidentMeta } from './api';

const STATUS_COLOR: Record<string, string> = { open: 'processing', accepted: 'success', rejected: 'error' };

/** My correction requests and the community's replies. */
export function MyCorrections() {
  const t = useT();
  const [page, setPage] = useState(1);
  const query = useMyCorrections(page);
  const meta = useResidentMeta();
  const label = useLabel();
  const statusLabel = (s: string) => (s === 'open' || s === 'accepted' || s === 'rejected' ? t(`me.status.${s}`) : s);

  return (
    <Card size="small" title={t('me.myCorrections')} data-testid="my-corrections">
      <List
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('me.noCorrections') }}
        renderItem={(c) => (
          <List.Item data-testid={`correction-${c.id}`}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Typography.Text strong>{label(meta.data?.correctionFields, c.field)}</Typography.Text>
                <Tag color={STATUS_COLOR[c.status]}>{statusLabel(c.status)}</Tag>
              </Space>
              <Typography.Text>{c.message}</Typography.Text>
              {c.reply && <Typography.Text type="secondary">{t('me.reply', { reply: c.reply })}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(c.createdAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {(query.data?.total ?? 0) > 10 && (
        <Pagination simple align="center" current={page} pageSize={10} total={query.data?.total ?? 0} onChange={setPage} />
      )}
    </Card>
  );
}

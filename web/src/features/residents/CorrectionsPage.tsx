import { pagination } from '../../components/pagination';
import { useState } from 'react';
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useCorrections } from './api';
import { CorrectionReplyModal } from './CorrectionReplyModal';
import { useLabels } from './meta';
import type { Correction, CorrectionListParams, CorrectionStatus } from './types';

const STATUS_COLORS: Record<string, string> = { open: 'orange', accepted: 'green', rejected: 'default' };

/** Residents' correction requests (PIPL right of correction): accept after fixing the record, or reject with a reply. */
export default function CorrectionsPage() {
  const t = useT();
  const labels = useLabels();
  const [params, setParams] = useState<CorrectionListParams>({ status: 'open', page: 1, pageSize: 20 });
  const [handling, setHandling] = useState<{ correction: Correction; accept: boolean } | null>(null);
  const query = useCorrections(params);

  const statusLabel = (s: string) =>
    s === 'open' ? t('corrections.status.open') : s === 'accepted' ? t('corrections.status.accepted') : s === 'rejected' ? t('corrections.status.rejected') : s;

  const columns: TableColumnsType<Correction> = [
    {
      title: t('corrections.resident'),
      key: 'resident',
      render: (_, c) => <Link to={`/app/residents/${c.residentId}`}>{c.residentNameMasked}</Link>,
    },
    { title: t('corrections.field'), dataIndex: 'field', render: (f: string) => labels.label('correctionFields', f) },
    {
      title: t('corrections.message'),
      dataIndex: 'message',
      render: (m: string) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, maxWidth: 360 }}>{m}</Typography.Paragraph>,
    },
    { title: t('corrections.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('corrections.statusCol'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{statusLabel(s)}</Tag> },
    {
      title: t('corrections.reply'),
      key: 'reply',
      render: (_, c) =>
        c.reply ? (
          <span>
            {c.reply}
            <Typography.Text type="secondary">{` · ${formatDateTime(c.handledAt)}`}</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={4}>
          {c.actions.includes('accept') && (
            <Button size="small" type="link" onClick={() => setHandling({ correction: c, accept: true })} data-testid={`correction-accept-${c.id}`}>
              {t('corrections.accept')}
            </Button>
          )}
          {c.actions.includes('reject') && (
            <Button size="small" type="link" danger onClick={() => setHandling({ correction: c, accept: false })} data-testid={`correction-reject-${c.id}`}>
              {t('corrections.reject')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('nav.corrections')}>
      <Segmented<CorrectionStatus | 'all'>
        style={{ marginBottom: 16 }}
        value={params.status ?? 'all'}
        onChange={(s) => setParams((p) => ({ ...p, status: s === 'all' ? undefined : s, page: 1 }))}
        options={[
          { value: 'open', label: t('corrections.status.open') },
          { value: 'accepted', label: t('corrections.status.accepted') },
          { value: 'rejected', label: t('corrections.status.rejected') },
          { value: 'all', label: t('residents.status.all') },
        ]}
        data-testid="correction-status"
      />
      <Table<Correction>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid="correction-table"
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('corrections.empty') }}
        pagination={pagination(t, params, query.data?.total, (next) => setParams((p) => ({ ...p, ...next })))}
      />
      {handling && <CorrectionReplyModal correction={handling.correction} accept={handling.accept} onClose={() => setHandling(null)} />}
    </Card>
  );
}

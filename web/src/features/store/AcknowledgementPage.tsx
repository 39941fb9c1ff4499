import { Card, Col, Empty, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportAcknowledgement, useAcknowledgement } from './api';
import { donorKindLabel, itemKindLabel } from './labels';
import type { Acknowledgement } from './types';

/** /app/store/donors/:id 爱心反馈: what a donor's gifts did — given, worth, redeemed, by how many residents. */
export default function AcknowledgementPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useAcknowledgement(id);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const totals = a.totals;
  return (
    <Card data-testid="store-ack-page">
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('store.ack.title', { name: a.donor.name })}</Typography.Title>
          <Typography.Text type="secondary">{donorKindLabel(t, a.donor.kind)} · {a.donor.orgName}</Typography.Text>
        </div>
        <ExportButton run={() => exportAcknowledgement(id)} testId="store-ack-export" />
      </Flex>
      <Row gutter={12} style={{ margin: '16px 0' }}>
        {(['given', 'value', 'redeemed', 'residents', 'points'] as const).map((k) => (
          <Col xs={12} md={4} key={k}>
            <Statistic title={t(`store.ack.${k}`)} value={k === 'value' ? totals.value.toFixed(2) : totals[k]} data-testid={`store-ack-${k}`} />
          </Col>
        ))}
      </Row>
      <Table<Acknowledgement['items'][number]> rowKey="itemId" size="small" pagination={false} dataSource={a.items}
        locale={{ emptyText: t('store.ack.noItems') }}
        columns={[
          { title: t('store.col.name'), dataIndex: 'name', key: 'name', render: (v: string, r) => `${v}（${itemKindLabel(t, r.kind)}）` },
          { title: t('store.ack.given'), dataIndex: 'given', key: 'given', align: 'right' },
          { title: t('store.ack.value'), dataIndex: 'value', key: 'value', align: 'right', render: (v: number) => v.toFixed(2) },
          { title: t('store.col.stock'), dataIndex: 'stock', key: 'stock', align: 'right' },
          { title: t('store.ack.redeemed'), dataIndex: 'redeemed', key: 'redeemed', align: 'right' },
          { title: t('store.ack.residents'), dataIndex: 'residents', key: 'residents', align: 'right' },
          { title: t('store.ack.points'), dataIndex: 'points', key: 'points', align: 'right' },
          { title: t('store.ack.lastAt'), dataIndex: 'lastAt', key: 'lastAt', render: (v: string | null) => formatDateTime(v) },
        ]} />
      <Typography.Title level={5}>{t('store.ack.recent')}</Typography.Title>
      {a.recent.length === 0 ? <Empty description={t('store.ack.noRecent')} /> : (
        <Table<Acknowledgement['recent'][number]> rowKey="id" size="small" pagination={false} dataSource={a.recent}
          columns={[
            { title: t('store.ack.lastAt'), dataIndex: 'completedAt', key: 'at', render: (v: string) => formatDateTime(v) },
            { title: t('store.col.name'), dataIndex: 'itemName', key: 'item' },
            { title: t('store.field.quantity'), dataIndex: 'quantity', key: 'q', align: 'right' },
            { title: t('store.col.points'), dataIndex: 'points', key: 'p', align: 'right' },
            { title: t('store.field.resident'), dataIndex: 'residentName', key: 'who' },
          ]} />
      )}
    </Card>
  );
}

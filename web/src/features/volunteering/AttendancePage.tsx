import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { confirmAttendance, exportAttendance, useActivityWrite, useSheet } from './api';
import { KindTag, ruleText, SignupTag, StatusTag, timeRange } from './labels';
import { MarkModal } from './MarkModal';
import { QrDisplay } from './QrDisplay';
import type { ConfirmResult, SheetRow } from './types';

/** /app/activities/:id: sign-ups and the waiting list, the QR screen, hand marking, confirmation with the points preview. */
export default function AttendancePage() {
  const t = useT();
  const feedback = useFeedback();
  const id = Number(useParams().id);
  const sheet = useSheet(id);
  const [qr, setQr] = useState(false);
  const [marking, setMarking] = useState<SheetRow | null>(null);
  const confirm = useActivityWrite((_: void) => confirmAttendance(id));

  if (sheet.isPending) return <PageSpinner />;
  if (sheet.isError) return <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} />;
  const { activity: a, items, totalPreviewPoints } = sheet.data;
  const open = a.status === 'published';
  const paying = items.filter((i) => !i.confirmedAt && i.previewPoints > 0).length;

  const askConfirm = () => feedback.modal.confirm({
    title: t('vol.confirm'),
    content: t('vol.confirmText', { n: paying, p: totalPreviewPoints }),
    okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
    onOk: () => confirm.mutateAsync(undefined).then(
      (r: ConfirmResult) => feedback.success(r.alreadyConfirmed ? t('vol.alreadyConfirmed') : t('vol.confirmed', { n: r.paidCount, p: r.paidPoints })),
      (e) => { feedback.error(e); },
    ),
  });

  return (
    <Card
      title={t('vol.attendanceTitle', { title: a.title })}
      extra={<Space wrap>
        {open && <Button type="primary" icon={<QrcodeOutlined />} onClick={() => setQr(true)} data-testid="qr-open">{t('vol.qrIn')}</Button>}
        <ExportButton run={() => exportAttendance(id)} testId="attendance-export" label={t('vol.exportAttendance')} />
        {a.actions.includes('confirm') && <Button type="primary" danger onClick={askConfirm} loading={confirm.isPending} data-testid="attendance-confirm">{t('vol.confirm')}</Button>}
      </Space>}
      data-testid="attendance-page"
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('vol.f.kind')}><KindTag kind={a.kind} t={t} /></Descriptions.Item>
        <Descriptions.Item label={t('vol.f.time')}>{timeRange(a.startsAt, a.endsAt)}</Descriptions.Item>
        <Descriptions.Item label={t('vol.f.place')}>{a.place}</Descriptions.Item>
        <Descriptions.Item label={t('vol.f.signed')}>{`${a.signedCount}/${a.capacity} · ${a.waitingCount}`}</Descriptions.Item>
        <Descriptions.Item label={t('vol.f.pointRule')}>{ruleText(t, a)}</Descriptions.Item>
        <Descriptions.Item label={t('vol.f.status')}><StatusTag status={a.status} t={t} /></Descriptions.Item>
      </Descriptions>
      {open && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('vol.totalPreview', { p: totalPreviewPoints })} data-testid="attendance-preview" />}
      <Table<SheetRow>
        rowKey="id"
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('vol.empty.sheet') }}
        data-testid="attendance-table"
        columns={[
          { title: t('vol.f.name'), dataIndex: 'name' },
          { title: t('vol.f.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? t('common.empty') },
          { title: t('vol.f.status'), dataIndex: 'status', render: (s: SheetRow['status'], r) => <Space><SignupTag status={s} t={t} />{r.waitingPosition ? `#${r.waitingPosition}` : null}</Space> },
          { title: t('vol.f.checkIn'), dataIndex: 'checkInAt', render: (v: string | null) => formatDateTime(v) },
          { title: t('vol.f.checkOut'), dataIndex: 'checkOutAt', render: (v: string | null) => formatDateTime(v) },
          { title: t('vol.f.method'), dataIndex: 'checkInMethod', render: (m: string | null) => (m ? <Tag>{t(m === 'qr' ? 'vol.qr' : 'vol.manual')}</Tag> : t('common.empty')) },
          { title: t('vol.f.hours'), dataIndex: 'hours', align: 'right' },
          { title: t(open ? 'vol.f.preview' : 'vol.f.points'), key: 'p', align: 'right', render: (_, r) => (r.confirmedAt ? r.points ?? 0 : r.previewPoints) },
          { title: t('common.actions'), key: 'a', render: (_, r) => (open && r.status === 'signedUp' ? <Button size="small" onClick={() => setMarking(r)} data-testid={`mark-${r.id}`}>{t('vol.mark')}</Button> : null) },
        ]}
      />
      <QrDisplay activityId={id} title={a.title} open={qr} onClose={() => { setQr(false); void sheet.refetch(); }} />
      <MarkModal row={marking} onClose={() => setMarking(null)} />
    </Card>
  );
}

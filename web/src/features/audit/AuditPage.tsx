import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { roleLabel } from '../../lib/domain';
import { useFeedback } from '../../lib/feedback';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportAudit, useAuditLog, useVerifyAudit } from './api';
import { AuditFilterBar } from './AuditFilterBar';
import type { AuditEntry, AuditFilters, AuditOutcome, AuditVerifyResult } from './types';

const OUTCOME_COLOR: Record<AuditOutcome, string> = { success: 'green', failure: 'orange', denied: 'red' };

export default function AuditPage() {
  const t = useT();
  const feedback = useFeedback();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);
  const [exporting, setExporting] = useState(false);
  const query = useAuditLog(filters, page, pageSize);
  const verify = useVerifyAudit();

  const onVerify = async () => {
    try {
      setVerifyResult(await verify.mutateAsync());
    } catch (err) {
      feedback.error(err);
    }
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await exportAudit(filters);
      feedback.success(t('common.exported'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.time'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (v: string | null, r) => {
        if (v) return v;
        // Sign-in attempts have no actor yet: show the username they tried, greyed.
        const tried = r.detail?.username;
        return typeof tried === 'string' ? <Typography.Text type="secondary">{tried}</Typography.Text> : '—';
      },
    },
    { title: t('audit.role'), dataIndex: 'actorRole', render: (v: string | null) => (v ? roleLabel(t, v) : '—') },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, r) => (r.entityType ? `${r.entityType}${r.entityId != null ? ` #${r.entityId}` : ''}` : '—'),
    },
    { title: t('audit.org'), dataIndex: 'orgPath', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      render: (o: AuditOutcome) => <Tag color={OUTCOME_COLOR[o]}>{t(`audit.outcome.${o}`)}</Tag>,
    },
  ];

  return (
    <Card
      title={t('nav.audit')}
      extra={
        <Space wrap>
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => void onVerify()}>
            {t('audit.verify')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
            {t('common.exportExcel')}
          </Button>
        </Space>
      }
    >
      {verifyResult && (
        <Alert
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          showIcon
          type={verifyResult.ok ? 'success' : 'error'}
          title={verifyResult.ok ? t('audit.verifyOk') : t('audit.verifyBad')}
          description={
            <Space orientation="vertical" size={0}>
              <span>{verifyResult.message || t('audit.verifyChecked', { checked: verifyResult.checked })}</span>
              {verifyResult.firstBadId !== null && <span>{t('audit.verifyFirstBad', { id: verifyResult.firstBadId })}</span>}
            </Space>
          }
          closable={{ onClose: () => setVerifyResult(null) }}
        />
      )}
      <div style={{ marginBottom: 16 }}>
        <AuditFilterBar
          onChange={(f) => {
            setFilters(f);
            setPage(1);
          }}
        />
      </div>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: query.isError ? t('error.loadFailed') : t('common.noData') }}
        expandable={{
          expandedRowRender: (r) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {r.userAgent && (
                <Typography.Text type="secondary">
                  {t('audit.userAgent')}: {r.userAgent}
                </Typography.Text>
              )}
              <pre className="gz-json">{JSON.stringify(r.detail ?? {}, null, 2)}</pre>
            </Space>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, ps) => {
            setPage(ps !== pageSize ? 1 : p);
            setPageSize(ps);
          },
        }}
      />
    </Card>
  );
}

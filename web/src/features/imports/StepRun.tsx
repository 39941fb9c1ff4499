import { useState } from 'react';
import { Alert, Button, Col, Progress, Result, Row, Space, Statistic } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { downloadErrors, useCommitImport, useImportJob } from './api';

/** Step 4: progress of the run (polled), then the counts and the error report. */
export function StepRun({ jobId, onRestart }: { jobId: number; onRestart: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const query = useImportJob(jobId);
  const commit = useCommitImport();
  const [busy, setBusy] = useState(false);
  if (query.isPending) return <PageSpinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const job = query.data;
  const percent = job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : job.status === 'done' ? 100 : 0;
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active';

  const onErrors = async () => {
    setBusy(true);
    try {
      await downloadErrors(job.id);
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="import-progress" data-status={job.status}>
      <Progress percent={percent} status={status} />
      <div style={{ margin: '8px 0 16px' }}>
        {t('imports.run.processed', { done: job.processedRows, total: job.totalRows })}
      </div>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="import-counts">
        <Col xs={12} sm={6}><Statistic title={t('imports.run.inserted')} value={job.inserted} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.run.updated')} value={job.updated} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.run.unchanged')} value={job.unchanged} /></Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('imports.run.rejected')} value={job.rejected} styles={{ content: { color: job.rejected ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      {job.status === 'failed' && (
        <Alert type="error" showIcon title={t('imports.run.failed')} description={job.error ?? undefined} style={{ marginBottom: 16 }} />
      )}
      {job.status === 'done' && (
        <Result status="success" title={t('imports.run.done')} subTitle={job.rejected ? t('imports.run.doneWithRejects', { count: job.rejected }) : undefined} />
      )}
      <Space wrap>
        {job.actions.includes('errors') && (
          <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onErrors()} data-testid="import-errors-download">
            {t('imports.run.errorsDownload')}
          </Button>
        )}
        {job.status === 'failed' && job.actions.includes('commit') && (
          <Button type="primary" loading={commit.isPending} onClick={() => commit.mutateAsync(job.id).catch(feedback.error)}>
            {t('imports.run.resume')}
          </Button>
        )}
        {job.status !== 'running' && <Button onClick={onRestart}>{t('imports.run.again')}</Button>}
      </Space>
    </div>
  );
}

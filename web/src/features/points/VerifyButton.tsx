import { useState } from 'react';
import { Alert, Button, List, Modal, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../lib/format';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { useVerify } from './api';
import type { VerifyReport } from './types';

/** 账本校验: every balance equals the sum of its entries, every movement balances to zero. */
export function VerifyButton() {
  const t = useT();
  const feedback = useFeedback();
  const verify = useVerify();
  const [report, setReport] = useState<VerifyReport>();
  const run = () => verify.mutate(undefined, { onSuccess: setReport, onError: feedback.error });
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={run} data-testid="points-verify">
        {t('points.verify.action')}
      </Button>
      <Modal open={!!report} title={t('points.verify.action')} onCancel={() => setReport(undefined)} footer={<Button type="primary" onClick={() => setReport(undefined)}>{t('common.ok')}</Button>}>
        {report && (
          <div data-testid="points-verify-result" data-ok={String(report.ok)}>
            <Alert
              type={report.ok ? 'success' : 'error'}
              showIcon
              title={report.ok ? t('points.verify.ok') : t('points.verify.failed')}
              description={report.message}
              style={{ marginBottom: 12 }}
            />
            <Typography.Paragraph>
              {t('points.verify.detail', { accounts: report.accounts, movements: report.movements, lines: report.lines, issued: report.issued, held: report.held })}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{formatDateTime(report.checkedAt)}</Typography.Text>
            {report.problems.length > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>{t('points.verify.problems')}</Typography.Text>}
                dataSource={report.problems}
                renderItem={(p) => <List.Item>{p}</List.Item>}
                style={{ marginTop: 12 }}
                data-testid="points-verify-problems"
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}

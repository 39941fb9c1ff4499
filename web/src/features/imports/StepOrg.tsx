import { useState } from 'react';
import { Alert, Button, Form, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ScopeOrgPicker, type PickedOrg } from '../../components/ScopeOrgPicker';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { downloadTemplate } from './api';

interface Props {
  orgId?: number;
  onPick: (orgId: number | undefined, org?: PickedOrg) => void;
  onNext: () => void;
}

/** Step 1: the org imported into (street, community or grid) and the template. */
export function StepOrg({ orgId, onPick, onNext }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);

  const onTemplate = async () => {
    setBusy(true);
    try {
      await downloadTemplate();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="import-step-org">
      <Alert type="info" showIcon title={t('imports.org.notice')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        <Form.Item label={t('imports.org.label')} extra={t('imports.org.hint')} required>
          <ScopeOrgPicker value={orgId} onChange={onPick} levels={['street', 'community', 'grid']} data-testid="import-org" />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onTemplate()} data-testid="import-template">
          {t('imports.template')}
        </Button>
        <Button type="primary" disabled={!orgId} onClick={onNext} data-testid="import-next">
          {t('imports.next')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('imports.template.hint')}
      </Typography.Paragraph>
    </div>
  );
}

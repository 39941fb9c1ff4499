import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { MobilePage } from '../../components/MobilePage';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { exportMine, isNotFound, useLabel, useMyResident, useResidentMeta } from './api';
import { CorrectionModal } from './CorrectionModal';
import { MyCorrections } from './MyCorrections';
import { NotLinked } from './NotLinked';
import { SensitiveValue } from './SensitiveValue';

/** /m/info: my own record (unmasked — it is mine), a copy as Excel, and correction requests. */
export default function MyInfoPage() {
  const t = useT();
  const feedback = useFeedback();
  const query = useMyResident();
  const meta = useResidentMeta();
  const label = useLabel();
  const [exporting, setExporting] = useState(false);
  const [correcting, setCorrecting] = useState(false);

  const onExport = async () => {
    setExporting(true);
    try {
      await exportMine();
      feedback.success(t('common.exported'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  let body;
  if (query.isPending) body = <PageSpinner />;
  else if (query.isError) body = isNotFound(query.error) ? <NotLinked /> : <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const r = query.data;
    const m = meta.data;
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" data-testid="my-info">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('me.f.name')}>
              <span data-testid="my-info-name">{r.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('me.f.gender')}>{label(m?.genders, r.gender)}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.birthDate')}>{r.birthDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.idType')}>{label(m?.idTypes, r.idType)}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.idNumber')}>
              <SensitiveValue value={r.idNumber} head={6} testId="my-info-id" />
            </Descriptions.Item>
            <Descriptions.Item label={t('me.f.phone')}>
              <SensitiveValue value={r.phone} head={3} testId="my-info-phone" />
            </Descriptions.Item>
            <Descriptions.Item label={t('me.f.ethnicity')}>{r.ethnicity ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.politicalStatus')}>{label(m?.politicalStatuses, r.politicalStatus)}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.registrationType')}>{label(m?.registrationTypes, r.registrationType)}</Descriptions.Item>
            {r.arrivalDate && <Descriptions.Item label={t('me.f.arrivalDate')}>{r.arrivalDate}</Descriptions.Item>}
            <Descriptions.Item label={t('me.f.org')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.household')}>{r.householdPlace ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.relation')}>{label(m?.relations, r.relation)}</Descriptions.Item>
            <Descriptions.Item label={t('me.f.tags')}>
              {r.tags.length ? (
                <Space size={4} wrap>
                  {r.tags.map((tag) => (
                    <Tag key={tag}>{label(m?.tags, tag)}</Tag>
                  ))}
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('me.privacyNote')}
          </Typography.Text>
        </Card>
        <Space.Compact block>
          <Button size="large" block icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="my-info-export">
            {t('me.export')}
          </Button>
          <Button size="large" block type="primary" icon={<EditOutlined />} onClick={() => setCorrecting(true)} data-testid="my-info-correct">
            {t('me.correct')}
          </Button>
        </Space.Compact>
        <MyCorrections />
        {correcting && <CorrectionModal onClose={() => setCorrecting(false)} />}
      </Space>
    );
  }

  return (
    <MobilePage title={t('me.info')} back="/m">
      {body}
    </MobilePage>
  );
}

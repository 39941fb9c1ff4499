import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { RevealValue } from '../../components/RevealValue';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { revealContact } from './api';
import { channelLabel, kindLabel, reporterLabel } from './labels';
import { OverdueTag, RequestPhotos, StatusTag } from './StatusTag';
import type { RequestItem } from './types';

/** 诉求信息: what was reported, where, by whom (contact masked; revealed with a reason, audited). */
export function RequestInfo({ request: r }: { request: RequestItem }) {
  const t = useT();
  const canReveal = r.actions.includes('reveal');
  const anonymous = r.reporterKind === 'anonymous';
  return (
    <Card size="small" title={t('req.detail.info')} data-testid="request-info">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('req.f.status')}>
          <Space size={0} wrap>
            <StatusTag status={r.status} testId="request-status" />
            <OverdueTag level={r.overdueLevel} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.kind')}>{kindLabel(t, r.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.category')}>{r.categoryName}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.channel')}>{channelLabel(t, r.channel)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.org')}>{r.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.address')}>{r.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('req.detail.location')}>
          {r.lon !== null && r.lat !== null ? t('req.loc.value', { lon: r.lon.toFixed(6), lat: r.lat.toFixed(6) }) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.description')} span={2}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="request-description">
            {r.description}
          </Typography.Paragraph>
          {r.possibleDuplicateOf && (
            <Link to={`/app/requests/${r.possibleDuplicateOf}`} data-testid="request-duplicate">
              <Tag color="warning">{t('req.f.duplicate', { id: r.possibleDuplicateOf })}</Tag>
            </Link>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.photos')} span={2}>
          {r.photoUrls.length ? <RequestPhotos urls={r.photoUrls} size={96} /> : t('req.detail.noPhotos')}
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.reporter')}>{reporterLabel(t, r.reporterKind)}</Descriptions.Item>
        <Descriptions.Item label={t('req.f.contactName')}>
          {anonymous ? t('req.detail.anonymous') : (
            <RevealValue masked={r.contactName} canReveal={canReveal} title={t('req.reveal.contactName')}
              onReveal={(reason) => revealContact(r.id, 'contactName', reason)} testId="request-contact-name" />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('req.f.contactPhone')}>
          {anonymous ? t('req.detail.anonymous') : (
            <RevealValue masked={r.contactPhone} canReveal={canReveal} title={t('req.reveal.contactPhone')}
              onReveal={(reason) => revealContact(r.id, 'contactPhone', reason)} testId="request-contact-phone" />
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

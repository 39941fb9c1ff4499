import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorState, NotFound, PageSpinner } from '../../components/PageStates';
import { RevealValue } from '../../components/RevealValue';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { revealAddress, useHousehold, usePlaceLabels } from './api';
import { HouseholdFormModal } from './HouseholdFormModal';
import { HouseholdMembers } from './HouseholdMembers';

export default function HouseholdDetail() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const labels = usePlaceLabels();
  const query = useHousehold(id);
  const [editing, setEditing] = useState(false);

  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (query.isPending) return <PageSpinner />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const h = query.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <Typography.Text strong data-testid="household-title">{h.place}</Typography.Text>
            {h.status === 'active' ? <Tag color="green">{t('places.household.active')}</Tag> : <Tag>{t('places.household.inactive')}</Tag>}
          </Space>
        }
        extra={
          h.actions.includes('update') && (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="household-edit">
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="household-info">
          <Descriptions.Item label={t('places.household.address')} span={{ xs: 1, md: 2 }}>
            <RevealValue
              masked={h.addressMasked}
              canReveal={h.actions.includes('reveal')}
              title={t('places.household.revealTitle')}
              onReveal={(reason) => revealAddress(h.id, reason)}
              testId="household-address"
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('places.household.place')}>{h.place}</Descriptions.Item>
          <Descriptions.Item label={t('places.org')}>{h.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('places.household.area')}>{h.areaSqm !== null ? `${h.areaSqm} ㎡` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('places.household.tenure')}>{labels.label('tenures', h.tenure)}</Descriptions.Item>
          <Descriptions.Item label={t('places.household.point')}>
            {h.lon !== null && h.lat !== null ? `${h.lon.toFixed(6)}, ${h.lat.toFixed(6)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('places.household.members')}>{h.memberCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('places.member.title')}>
        <HouseholdMembers members={h.members} labels={labels} />
      </Card>
      {editing && <HouseholdFormModal household={h} labels={labels} onClose={() => setEditing(false)} />}
    </Space>
  );
}

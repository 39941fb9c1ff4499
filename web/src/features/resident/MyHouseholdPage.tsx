import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { ErrorState, PageSpinner } from '../../components/PageStates';
import { MobilePage } from '../../components/MobilePage';
import { useT } from '../../lib/i18n';
import { isNotFound, useLabel, useMyHousehold, useMyResident, useResidentMeta } from './api';
import { NotLinked } from './NotLinked';

/** /m/household: my household — place, masked address, members (masked except myself). */
export default function MyHouseholdPage() {
  const t = useT();
  const household = useMyHousehold();
  const resident = useMyResident();
  const meta = useResidentMeta();
  const label = useLabel();

  let body;
  if (household.isPending) body = <PageSpinner />;
  else if (household.isError && isNotFound(household.error)) {
    // 404: either no linked record at all, or a record without a household.
    if (resident.isPending) body = <PageSpinner />;
    else if (resident.isError && isNotFound(resident.error)) body = <NotLinked />;
    else body = <Empty description={t('me.noHousehold')} data-testid="me-no-household" />;
  } else if (household.isError) body = <ErrorState error={household.error} onRetry={() => void household.refetch()} />;
  else {
    const h = household.data;
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="my-household">
        <Card size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('me.place')}>{h.place}</Descriptions.Item>
            <Descriptions.Item label={t('me.address')}>
              <span data-testid="my-household-address">{h.addressMasked}</span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('me.maskedNote')}
          </Typography.Text>
        </Card>
        <Card size="small" title={t('me.members', { n: h.members.length })}>
          <List
            dataSource={h.members}
            data-testid="my-household-members"
            renderItem={(m) => (
              <List.Item data-testid={`member-${m.id}`}>
                <List.Item.Meta
                  title={
                    <Space size={6}>
                      <span>{m.name}</span>
                      {m.self && <Tag color="blue">{t('me.self')}</Tag>}
                    </Space>
                  }
                  description={[
                    label(meta.data?.relations, m.relation),
                    label(meta.data?.genders, m.gender),
                    m.age !== null ? t('me.age', { n: m.age }) : null,
                  ]
                    .filter((x) => x && x !== '—')
                    .join(' · ')}
                />
              </List.Item>
            )}
          />
        </Card>
      </Space>
    );
  }

  return (
    <MobilePage title={t('me.household')} back="/m">
      {body}
    </MobilePage>
  );
}

import { Alert, Card, Col, Descriptions, Row, Space } from 'antd';
import { roleLabel, levelLabel } from '../../lib/domain';
import { useT } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { ChangePasswordCard } from './ChangePasswordCard';
import { TotpCard } from './TotpCard';

export default function AccountPage() {
  const t = useT();
  const session = useSession();
  if (session.status !== 'authenticated') return null;
  const { me } = session;

  return (
    <Row gutter={[16, 16]}>
      {me.mustChangePassword && (
        <Col span={24}>
          <Alert type="warning" showIcon title={t('account.mustChange')} data-testid="must-change-banner" />
        </Col>
      )}
      <Col xs={24} xl={12}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('account.profile')} size="small">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'username', label: t('user.username'), children: me.username },
                { key: 'name', label: t('user.displayName'), children: me.displayName },
                { key: 'role', label: t('user.role'), children: roleLabel(t, me.role) },
                { key: 'org', label: t('user.org'), children: `${me.org.name}（${levelLabel(t, me.org.level)}）` },
              ]}
            />
          </Card>
          {!me.mustChangePassword && me.role !== 'resident' && <TotpCard enabled={me.totpEnabled} />}
        </Space>
      </Col>
      <Col xs={24} xl={12}>
        <ChangePasswordCard />
      </Col>
    </Row>
  );
}

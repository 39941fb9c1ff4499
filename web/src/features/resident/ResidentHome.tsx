import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import {
  CommentOutlined,
  HeartOutlined,
  LogoutOutlined,
  NotificationOutlined,
  ShopOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT, type MessageKey } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { useLogout } from '../auth/useLogout';

interface Entry {
  key: string;
  title: MessageKey;
  desc: MessageKey;
  icon: ReactNode;
  color: string;
}

const ENTRIES: Entry[] = [
  { key: 'report', title: 'resident.report', desc: 'resident.reportDesc', icon: <NotificationOutlined />, color: '#e8590c' },
  { key: 'deliberation', title: 'resident.deliberation', desc: 'resident.deliberationDesc', icon: <CommentOutlined />, color: '#1f5fbf' },
  { key: 'volunteer', title: 'resident.volunteer', desc: 'resident.volunteerDesc', icon: <HeartOutlined />, color: '#c0392b' },
  { key: 'services', title: 'resident.services', desc: 'resident.servicesDesc', icon: <ShopOutlined />, color: '#2b8a3e' },
];

/** Mobile-first resident home. The four services are placeholders filled by later issues. */
export default function ResidentHome() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const doLogout = useLogout();
  if (session.status !== 'authenticated') return null;
  const { me } = session;

  return (
    <div className="gz-mobile">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space size={8}>
          <span className="gz-logo gz-logo--small" aria-hidden>
            共
          </span>
          <Typography.Text strong>{t('app.name')}</Typography.Text>
        </Space>
        <LanguageSwitch />
      </Space>
      <div className="gz-mobile__hero">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="resident-greeting">
          {t('resident.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.9)' }} data-testid="resident-community">
          {t('resident.community', { name: me.org.name })}
        </Typography.Text>
      </div>
      <Row gutter={[12, 12]}>
        {ENTRIES.map((e) => (
          <Col span={12} key={e.key}>
            <Card size="small" style={{ height: '100%' }} data-testid={`resident-${e.key}`}>
              <Space orientation="vertical" size={4}>
                <span style={{ fontSize: 26, color: e.color }}>{e.icon}</span>
                <Typography.Text strong>{t(e.title)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(e.desc)}
                </Typography.Text>
                <Tag>{t('common.comingSoon')}</Tag>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 24 }}>
        <Button block icon={<UserOutlined />} onClick={() => navigate('/app/account')}>
          {t('nav.account')}
        </Button>
        <Button block icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
          {t('nav.logout')}
        </Button>
      </Space>
    </div>
  );
}

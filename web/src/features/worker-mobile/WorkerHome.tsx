import { Badge, Button, Card, Col, Row, Space, Typography } from 'antd';
import {
  BellOutlined,
  CameraOutlined,
  CustomerServiceOutlined,
  DesktopOutlined,
  EditOutlined,
  HomeOutlined,
  LogoutOutlined,
  ProfileOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { MobilePage } from '../../components/MobilePage';
import { useT, type MessageKey } from '../../lib/i18n';
import { PERMISSIONS } from '../../lib/domain';
import { hasPermission, useSession } from '../auth/session';
import { useLogout } from '../auth/useLogout';
import { useOpenFollowUps } from './api';

interface Entry {
  key: string;
  to: string;
  title: MessageKey;
  icon: ReactNode;
  color: string;
}

const ENTRIES: Entry[] = [
  { key: 'visit', to: '/w/visits/new', title: 'wm.visitNew', icon: <EditOutlined />, color: '#1f5fbf' },
  { key: 'logs', to: '/w/logs', title: 'wm.logs', icon: <ProfileOutlined />, color: '#2b8a3e' },
  { key: 'households', to: '/w/households', title: 'wm.households', icon: <HomeOutlined />, color: '#e8590c' },
  { key: 'follow-ups', to: '/w/visits?followUp=open', title: 'wm.followUps', icon: <BellOutlined />, color: '#c0392b' },
];

/** 代居民上报 / 网格诉求, for staff who may report and read requests. */
const REQUESTS: Entry[] = [
  { key: 'request-new', to: '/w/requests/new', title: 'req.home.gridReport', icon: <CameraOutlined />, color: '#e8590c' },
  { key: 'requests', to: '/w/requests', title: 'req.home.grid', icon: <CustomerServiceOutlined />, color: '#1f5fbf' },
];

/** /w: four big buttons for the daily field work. */
export default function WorkerHome() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const logout = useLogout();
  const open = useOpenFollowUps();
  if (session.status !== 'authenticated') return null;
  const { me } = session;

  return (
    <MobilePage title={t('wm.title')} testId="worker-home">
      <div className="gz-mobile__hero">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('wm.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.9)' }}>{me.org.name}</Typography.Text>
      </div>
      <Row gutter={[12, 12]}>
        {[...ENTRIES, ...(hasPermission(me, PERMISSIONS.requestRead) && hasPermission(me, PERMISSIONS.requestSubmit) ? REQUESTS : [])].map((e) => (
          <Col span={12} key={e.key}>
            <Card
              hoverable
              onClick={() => navigate(e.to)}
              styles={{ body: { padding: 20, textAlign: 'center' } }}
              data-testid={`wm-${e.key}`}
              role="button"
            >
              <Badge count={e.key === 'follow-ups' ? (open.data?.total ?? 0) : 0} overflowCount={99}>
                <span style={{ fontSize: 36, color: e.color }}>{e.icon}</span>
              </Badge>
              <div style={{ marginTop: 8, fontSize: 16, fontWeight: 600 }}>{t(e.title)}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 24 }}>
        <Button block size="large" icon={<UnorderedListOutlined />} onClick={() => navigate('/w/visits')} data-testid="wm-my-visits">
          {t('wm.myVisits')}
        </Button>
        <Button block size="large" icon={<DesktopOutlined />} onClick={() => navigate('/app/gridwork')}>
          {t('wm.desktop')}
        </Button>
        <Button block size="large" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
          {t('nav.logout')}
        </Button>
      </Space>
    </MobilePage>
  );
}

import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import {
  CameraOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  ShopOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../lib/i18n';
import { PERMISSIONS } from '../../lib/domain';
import { hasPermission, useSession } from '../auth/session';
import { useLogout } from '../auth/useLogout';
import type { ResidentTile } from './tiles';
import { volunteeringTiles } from '../volunteering/menu';
import { pointsTiles } from '../points/menu';
import { storeTiles } from '../store/menu';
import { partnersTiles } from '../partners/menu';
import { deliberationTiles } from '../deliberation/menu';
import { votingTiles } from '../voting/menu';
import { microprojectsTiles } from '../microprojects/menu';
import { socialorgsTiles } from '../socialorgs/menu';
import { workforceTiles } from '../workforce/menu';
import { projectsTiles } from '../projects/menu';
import { evaluationsTiles } from '../evaluations/menu';

type Entry = ResidentTile;

const MINE: Entry[] = [
  { key: 'household', to: '/m/household', title: 'me.household', desc: 'me.householdDesc', icon: <HomeOutlined />, color: '#1f5fbf' },
  { key: 'grid-workers', to: '/m/grid-workers', title: 'me.gridWorkers', desc: 'me.gridWorkersDesc', icon: <SolutionOutlined />, color: '#2b8a3e' },
  { key: 'info', to: '/m/info', title: 'me.info', desc: 'me.infoDesc', icon: <IdcardOutlined />, color: '#e8590c' },
];

/** 接诉即办: 随手拍 and 我的诉求 (for residents who may submit requests). */
const REQUESTS: Entry[] = [
  { key: 'report', to: '/m/requests/new', title: 'req.home.report', desc: 'req.home.reportDesc', icon: <CameraOutlined />, color: '#e8590c' },
  { key: 'requests', to: '/m/requests', title: 'req.home.mine', desc: 'req.home.mineDesc', icon: <FileSearchOutlined />, color: '#1f5fbf' },
];

const LATER: Entry[] = [
  { key: 'services', title: 'resident.services', desc: 'resident.servicesDesc', icon: <ShopOutlined />, color: '#2b8a3e' },
];

/** 志愿积分、爱心超市、需求认领: each feature's tiles (features/<x>/menu.tsx). */
const FEATURE_TILES: Entry[] = [...volunteeringTiles, ...pointsTiles, ...storeTiles, ...partnersTiles,
  ...deliberationTiles, ...votingTiles, ...microprojectsTiles, ...socialorgsTiles, ...workforceTiles, ...projectsTiles, ...evaluationsTiles];

/** Mobile-first resident home: my household, my grid workers, my information; later services as placeholders. */
export default function ResidentHome() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const doLogout = useLogout();
  if (session.status !== 'authenticated') return null;
  const { me } = session;

  const card = (e: Entry) => (
    <Card
      size="small"
      hoverable={Boolean(e.to)}
      onClick={e.to ? () => navigate(e.to as string) : undefined}
      style={{ height: '100%' }}
      styles={{ body: { padding: 16 } }}
      data-testid={`resident-${e.key}`}
      role={e.to ? 'button' : undefined}
    >
      <Space orientation="vertical" size={4}>
        <span style={{ fontSize: 28, color: e.color }}>{e.icon}</span>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t(e.title)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(e.desc)}
        </Typography.Text>
        {!e.to && <Tag>{t('common.comingSoon')}</Tag>}
      </Space>
    </Card>
  );

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
      <Typography.Title level={5}>{t('me.mine')}</Typography.Title>
      <Row gutter={[12, 12]}>
        {MINE.map((e) => (
          <Col span={e.key === 'info' ? 24 : 12} key={e.key}>
            {card(e)}
          </Col>
        ))}
      </Row>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('me.services')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {[...(hasPermission(me, PERMISSIONS.requestSubmit) ? REQUESTS : []), ...FEATURE_TILES.filter((e) => !e.permission || hasPermission(me, e.permission)), ...LATER].map((e) => (
          <Col span={12} key={e.key}>
            {card(e)}
          </Col>
        ))}
      </Row>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 24 }}>
        <Button block size="large" icon={<UserOutlined />} onClick={() => navigate('/app/account')}>
          {t('nav.account')}
        </Button>
        <Button block size="large" icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
          {t('nav.logout')}
        </Button>
      </Space>
    </div>
  );
}

import { Suspense, useState } from 'react';
import { Button, Grid, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  PhoneOutlined,
  SettingOutlined,
  FlagOutlined,
  FormOutlined,
  IdcardOutlined,
  MobileOutlined,
  UploadOutlined,
  HomeOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationBell } from '../features/requests/NotificationBell';
import { PageSpinner } from '../components/PageStates';
import { useLogout } from '../features/auth/useLogout';
import { hasPermission, useSession } from '../features/auth/session';
import { PERMISSIONS, roleLabel } from '../lib/domain';
import { useT } from '../lib/i18n';
import { volunteeringMenu } from '../features/volunteering/menu';
import { pointsMenu } from '../features/points/menu';
import { storeMenu } from '../features/store/menu';
import { partnersMenu } from '../features/partners/menu';
import { deliberationMenu } from '../features/deliberation/menu';
import { votingMenu } from '../features/voting/menu';
import { microprojectsMenu } from '../features/microprojects/menu';
import { socialorgsMenu } from '../features/socialorgs/menu';
import { workforceMenu } from '../features/workforce/menu';
import { projectsMenu } from '../features/projects/menu';
import { evaluationsMenu } from '../features/evaluations/menu';

const { Header, Sider, Content } = Layout;

export default function AppLayout() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const doLogout = useLogout();
  const mobile = screens.sm === false;
  if (session.status !== 'authenticated') return null;
  const { me } = session;
  // Residents use the mobile area; only their account page lives under /app.
  if (me.role === 'resident' && !location.pathname.startsWith('/app/account')) return <Navigate to="/m" replace />;

  const items: MenuProps['items'] = [];
  if (!me.mustChangePassword) {
    if (hasPermission(me, PERMISSIONS.residentRead)) items.push({ key: 'residents', icon: <IdcardOutlined />, label: t('nav.residents') });
    if (hasPermission(me, PERMISSIONS.placeRead)) items.push({ key: 'places', icon: <HomeOutlined />, label: t('nav.places') });
    if (hasPermission(me, PERMISSIONS.gridworkRead)) items.push({ key: 'gridwork', icon: <FlagOutlined />, label: t('nav.gridwork') });
    if (hasPermission(me, PERMISSIONS.requestRead)) {
      items.push({ key: 'requests', icon: <CustomerServiceOutlined />, label: t('nav.requestBoard') });
      if (hasPermission(me, PERMISSIONS.requestSubmit)) items.push({ key: 'requests/hotline', icon: <PhoneOutlined />, label: t('nav.requestNew') });
      items.push({ key: 'request-stats', icon: <BarChartOutlined />, label: t('nav.requestStats') });
    }
    if (hasPermission(me, PERMISSIONS.requestConfigure) || hasPermission(me, PERMISSIONS.requestCatalogue)) {
      items.push({ key: 'request-config', icon: <SettingOutlined />, label: t('nav.requestConfig') });
    }
    // Each feature of volunteering and points adds its own entries (features/<x>/menu.tsx).
    for (const menu of [volunteeringMenu, pointsMenu, storeMenu, partnersMenu]) items.push(...menu(me, t));
    // Deliberation and voting (issue 6), the three-society linkage (issue 7).
    for (const menu of [deliberationMenu, votingMenu, microprojectsMenu, socialorgsMenu, workforceMenu, projectsMenu, evaluationsMenu]) items.push(...menu(me, t));
    if (hasPermission(me, PERMISSIONS.residentImport)) items.push({ key: 'imports', icon: <UploadOutlined />, label: t('nav.imports') });
    if (hasPermission(me, PERMISSIONS.residentWrite)) items.push({ key: 'corrections', icon: <FormOutlined />, label: t('nav.corrections') });
    if (hasPermission(me, PERMISSIONS.orgRead)) items.push({ key: 'orgs', icon: <ApartmentOutlined />, label: t('nav.orgs') });
    if (hasPermission(me, PERMISSIONS.userRead)) items.push({ key: 'users', icon: <TeamOutlined />, label: t('nav.users') });
    if (hasPermission(me, PERMISSIONS.auditRead)) items.push({ key: 'audit', icon: <AuditOutlined />, label: t('nav.audit') });
    if (me.role === 'resident') items.push({ key: 'resident', icon: <HomeOutlined />, label: t('nav.residentHome') });
    if (hasPermission(me, PERMISSIONS.gridworkWrite)) items.push({ key: 'workerMobile', icon: <MobileOutlined />, label: t('nav.workerMobile') });
  }
  items.push({ key: 'account', icon: <UserOutlined />, label: t('nav.account') });
  const selected = location.pathname.startsWith('/app/requests/hotline') ? 'requests/hotline' : (location.pathname.split('/')[2] ?? '');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        collapsedWidth={mobile ? 0 : 64}
        zeroWidthTriggerStyle={{ top: 14 }}
        style={mobile ? { position: 'fixed', insetBlock: 0, insetInlineStart: 0, zIndex: 100 } : undefined}
        width={208}
        theme="dark"
      >
        <div className="gz-sider-brand">
          <span className="gz-logo gz-logo--small" aria-hidden>
            共
          </span>
          {!collapsed && <span className="gz-sider-brand__name">{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          items={items}
          onClick={({ key }) => {
            if (mobile) setCollapsed(true);
            navigate(key === 'resident' ? '/m' : key === 'workerMobile' ? '/w' : `/app/${key}`);
          }}
        />
      </Sider>
      <Layout>
        <Header className="gz-header">
          <Space size="middle" wrap className="gz-header__user">
            {screens.md && (
              <Tooltip title={me.org.code}>
                <Typography.Text type="secondary" data-testid="header-org">
                  {me.org.name}
                </Typography.Text>
              </Tooltip>
            )}
            <Space size={4}>
              <Typography.Text strong data-testid="header-user">
                {me.displayName}
              </Typography.Text>
              <Tag color="blue" data-testid="header-role">
                {roleLabel(t, me.role)}
              </Tag>
            </Space>
            {!me.mustChangePassword && hasPermission(me, PERMISSIONS.requestRead) && <NotificationBell />}
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
              {mobile ? null : t('nav.logout')}
            </Button>
          </Space>
        </Header>
        <Content className="gz-content">
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

import type { MenuProps } from 'antd';
import { AccountBookOutlined, FundOutlined, ProjectOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The projects feature's entries in the console menu (keys are paths under /app). Funds are staff business; a social organization sees its projects. */
export function projectsMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.projectRead)) return [];
  const staff = !hasPermission(me, PERMISSIONS.projectImplement);
  return [
    { key: 'projects', icon: <ProjectOutlined />, label: t('proj.nav.projects') },
    ...(staff ? [{ key: 'project-funds', icon: <FundOutlined />, label: t('proj.nav.funds') }] : []),
    { key: 'project-tranches', icon: <AccountBookOutlined />, label: t('proj.nav.tranches') },
  ];
}

/** The projects feature's tiles on the resident's phone home. */
export const projectsTiles: ResidentTile[] = [
  { key: 'projects', to: '/m/projects', title: 'proj.tile.projects', desc: 'proj.tile.projectsDesc', icon: <ProjectOutlined />, color: '#1971c2', permission: PERMISSIONS.projectFeedback },
];

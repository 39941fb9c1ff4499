import type { MenuProps } from 'antd';
import { CalendarOutlined, HeartOutlined, TeamOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The volunteering feature's entries in the console menu (keys are paths under /app). */
export function volunteeringMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.volunteerRead)) return [];
  return [
    { key: 'activities', icon: <CalendarOutlined />, label: t('vol.nav.activities') },
    { key: 'volunteers', icon: <TeamOutlined />, label: t('vol.nav.volunteers') },
  ];
}

/** The volunteering feature's tiles on the resident's phone home. */
export const volunteeringTiles: ResidentTile[] = [
  { key: 'activities', to: '/m/activities', title: 'vol.tile.activities', desc: 'vol.tile.activitiesDesc', icon: <CalendarOutlined />, color: '#2f9e44', permission: PERMISSIONS.volunteerSelf },
  { key: 'volunteer', to: '/m/volunteer', title: 'vol.tile.me', desc: 'vol.tile.meDesc', icon: <HeartOutlined />, color: '#e8590c', permission: PERMISSIONS.volunteerSelf },
];

import type { MenuProps } from 'antd';
import { AccountBookOutlined, WalletOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The points feature's entries in the console menu (keys are paths under /app). */
export function pointsMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  return hasPermission(me, PERMISSIONS.pointsRead) ? [{ key: 'points', icon: <AccountBookOutlined />, label: t('points.nav') }] : [];
}

/** The points feature's tiles on the resident's phone home. */
export const pointsTiles: ResidentTile[] = [
  { key: 'points', to: '/m/points', title: 'points.me.title', desc: 'points.me.tileDesc', icon: <WalletOutlined />, color: '#d9480f', permission: PERMISSIONS.volunteerSelf },
];

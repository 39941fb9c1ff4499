import type { MenuProps } from 'antd';
import { ScanOutlined, ShopOutlined, ShoppingOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The store feature's entries in the console menu (keys are paths under /app). */
export function storeMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  const out: NonNullable<MenuProps['items']> = [];
  if (hasPermission(me, PERMISSIONS.storeRead)) out.push({ key: 'store', icon: <ShopOutlined />, label: t('store.nav') });
  if (hasPermission(me, PERMISSIONS.storeManage)) out.push({ key: 'store/counter', icon: <ScanOutlined />, label: t('store.counter.title') });
  return out;
}

/** The store feature's tiles on the resident's phone home. */
export const storeTiles: ResidentTile[] = [
  { key: 'store', to: '/m/store', title: 'store.m.title', desc: 'store.m.tileDesc', icon: <ShoppingOutlined />, color: '#c2255c', permission: PERMISSIONS.volunteerSelf },
];

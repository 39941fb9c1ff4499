import type { MenuProps } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The microprojects feature's entries in the console menu (keys are paths under /app). */
export function microprojectsMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.microprojectRead)) return [];
  return [{
    key: 'micro', icon: <GiftOutlined />, label: t('mp.nav.group'), children: [
      { key: 'micro-budgets', label: t('mp.nav.budgets') },
      { key: 'micro-proposals', label: t('mp.nav.proposals') },
      { key: 'micro-projects', label: t('mp.nav.projects') },
      { key: 'micro-comments', label: t('mp.nav.comments') },
    ],
  }];
}

/** The microprojects feature's tiles on the resident's phone home. */
export const microprojectsTiles: ResidentTile[] = [
  { key: 'micro', to: '/m/micro', title: 'mp.tile.title', desc: 'mp.tile.desc', icon: <GiftOutlined />, color: '#c2255c', permission: PERMISSIONS.deliberationSelf },
];

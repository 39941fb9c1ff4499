import type { MenuProps } from 'antd';
import { ClusterOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The socialorgs feature's entries in the console menu (keys are paths under /app). */
export function socialorgsMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.socialorgRead)) return [];
  return [{ key: 'social-orgs', icon: <ClusterOutlined />, label: t('so.nav') }];
}

/** The socialorgs feature's tiles on the resident's phone home (none: residents do not use the registry). */
export const socialorgsTiles: ResidentTile[] = [];

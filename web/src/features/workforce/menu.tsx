import type { MenuProps } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The workforce feature's entries in the console menu (keys are paths under /app). */
export function workforceMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.workforceRead)) return [];
  return [{ key: 'workforce', icon: <IdcardOutlined />, label: t('wf.nav') }];
}

/** The workforce feature's tiles on the resident's phone home (none: it is a console feature). */
export const workforceTiles: ResidentTile[] = [];

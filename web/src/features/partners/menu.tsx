import type { MenuProps } from 'antd';
import { FlagOutlined, TrophyOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The partners feature's entries in the console menu (keys are paths under /app). */
export function partnersMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.partnerRead)) return [];
  return [
    { key: 'partners', icon: <FlagOutlined />, label: t('partners.nav') },
    { key: 'partner-rankings', icon: <TrophyOutlined />, label: t('partners.rankings.nav') },
  ];
}

/** The partners feature's tiles on the resident's phone home. */
export const partnersTiles: ResidentTile[] = [
  { key: 'partner-needs', to: '/m/partner-needs', title: 'partners.m.needsTitle', desc: 'partners.m.tileDesc', icon: <SolutionOutlined />, color: '#c92a2a', permission: PERMISSIONS.volunteerSelf },
];

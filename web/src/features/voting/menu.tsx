import type { MenuProps } from 'antd';
import { CheckSquareOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The voting feature's entries in the console menu (keys are paths under /app). */
export function votingMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.voteRead)) return [];
  return [{ key: 'votes', icon: <CheckSquareOutlined />, label: t('vote.nav.votes') }];
}

/** The voting feature's tiles on the resident's phone home. */
export const votingTiles: ResidentTile[] = [
  { key: 'votes', to: '/m/votes', title: 'vote.tile.votes', desc: 'vote.tile.votesDesc', icon: <CheckSquareOutlined />, color: '#1971c2', permission: PERMISSIONS.voteCast },
];

import type { MenuProps } from 'antd';
import { CommentOutlined, ContainerOutlined, MessageOutlined, ScheduleOutlined, TeamOutlined, CheckSquareOutlined } from '@ant-design/icons';
import type { Me } from '../auth/types';
import { hasPermission } from '../auth/session';
import type { ResidentTile } from '../resident/tiles';
import { PERMISSIONS } from '../../lib/domain';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The deliberation feature's entries in the console menu (keys are paths under /app). */
export function deliberationMenu(me: Me, t: T): NonNullable<MenuProps['items']> {
  if (!hasPermission(me, PERMISSIONS.deliberationRead)) return [];
  return [
    { key: 'topics', icon: <MessageOutlined />, label: t('delib.nav.topics') },
    { key: 'delib-bodies', icon: <TeamOutlined />, label: t('delib.nav.bodies') },
    { key: 'delib-meetings', icon: <ScheduleOutlined />, label: t('delib.nav.meetings') },
    { key: 'delib-consultations', icon: <CommentOutlined />, label: t('delib.nav.consultations') },
    { key: 'delib-tasks', icon: <CheckSquareOutlined />, label: t('delib.nav.tasks') },
  ];
}

/** The deliberation feature's tiles on the resident's phone home. */
export const deliberationTiles: ResidentTile[] = [
  { key: 'topics', to: '/m/topics', title: 'delib.m.tile', desc: 'delib.m.tileDesc', icon: <ContainerOutlined />, color: '#1864ab', permission: PERMISSIONS.deliberationRaise },
];

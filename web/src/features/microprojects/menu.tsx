import type { MenuProps } from 'antd';
import type { Me } from '../auth/types';
import type { ResidentTile } from '../resident/tiles';
import type { MessageKey, Params } from '../../lib/i18n';

type T = (key: MessageKey, params?: Params) => string;

/** The microprojects feature's entries in the console menu (keys are paths under /app). */
export function microprojectsMenu(_me: Me, _t: T): NonNullable<MenuProps['items']> {
  return [];
}

/** The microprojects feature's tiles on the resident's phone home. */
export const microprojectsTiles: ResidentTile[] = [];

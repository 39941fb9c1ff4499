import type { Actor } from '../../core/context.js';
import type { OrgLevel } from '../../db/schema.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Workforce policy: pure functions of actor and resource.
 * workforce.read sees stations, social workers and community workers' profiles (post,
 * grade, training) in the data scope; workforce.manage registers and changes them and is
 * the only permission that sees pay, bonuses and phone numbers (pay is personal data);
 * workforce.configure sets the ladder, the local average wage and the bonus rules for an
 * org in scope.
 */
const can = (a: Actor, p: 'workforce.read' | 'workforce.manage' | 'workforce.configure') => hasPermission(a.role, p);

export const canRead = (a: Actor) => can(a, 'workforce.read');
export const canManage = (a: Actor) => can(a, 'workforce.manage');
export const canConfigure = (a: Actor) => can(a, 'workforce.configure');
export const canReadAt = (a: Actor, path: string) => canRead(a) && pathInScope(a, path);
export const canManageAt = (a: Actor, path: string) => canManage(a) && pathInScope(a, path);
export const canConfigureAt = (a: Actor, path: string) => canConfigure(a) && pathInScope(a, path);
/** Pay figures: managers in scope only. */
export const canSeePay = (a: Actor, path: string) => canManageAt(a, path);

/** Stations are at street or community level. */
export const STATION_LEVELS: readonly OrgLevel[] = ['street', 'community'];
/** Social workers and community workers belong to a street or a community. */
export const HOME_LEVELS: readonly OrgLevel[] = ['street', 'community'];
/** Configuration hangs at a city, district or street (the nearest one up a worker's path applies). */
export const CONFIG_LEVELS: readonly OrgLevel[] = ['province', 'city', 'district', 'street'];
/** List filters accept any level from the root down to a community. */
export const FILTER_LEVELS: readonly OrgLevel[] = ['root', 'province', 'city', 'district', 'street', 'community'];

export function recordActions(a: Actor, path: string, extra: string[] = []): string[] {
  return canManageAt(a, path) ? ['update', ...extra] : [];
}

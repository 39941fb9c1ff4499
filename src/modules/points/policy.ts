import type { Actor } from '../../core/context.js';
import type { PointTxnKind } from '../../db/schema-points.js';
import { hasPermission, type Permission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Points policy: pure functions of the actor and the account or movement.
 * - Staff read the accounts and movements of the orgs in their scope.
 * - A community's pool pays awards (积分奖励) decided by its own or its street's staff.
 * - Pools are funded (issued) by the street above, from the district's issuer.
 * - Corrections reverse issues, awards and activity points; redemptions are undone by
 *   cancelling them in the love store, never by a manual reversal of their hold/settle.
 * - A resident sees only their own account.
 */
const can = (a: Actor, p: Permission) => hasPermission(a.role, p);

export const canReadPoints = (a: Actor, path: string) => can(a, 'points.read') && pathInScope(a, path);
export const canReadOwnPoints = (a: Actor) => can(a, 'volunteer.self');
export const canAward = (a: Actor, communityPath: string) => can(a, 'points.award') && pathInScope(a, communityPath);
/** Funding a pool: street staff (or above) over the community. */
export const canIssue = (a: Actor, communityPath: string) =>
  can(a, 'points.issue') && ['city', 'district', 'street'].includes(a.orgLevel) && pathInScope(a, communityPath);
export const canVerify = (a: Actor) => can(a, 'points.verify');

export const CORRECTABLE: readonly PointTxnKind[] = ['issue', 'award', 'earn'];
export function canCorrect(a: Actor, t: { kind: PointTxnKind; orgPath: string }): boolean {
  if (!CORRECTABLE.includes(t.kind)) return false;
  return t.kind === 'issue' ? canIssue(a, t.orgPath) : canAward(a, t.orgPath);
}

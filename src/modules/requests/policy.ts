import type { Actor } from '../../core/context.js';
import type { OrgLevel, Rating, RequestStatus } from '../../db/schema.js';
import { hasPermission, type Permission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import { allowedFrom, canReopen, type RequestAction } from './rules.js';

/**
 * Requests policy: pure functions of actor and request.
 * - The area (org_path: grid → community → street) is where a request belongs; dispatchers
 *   of that area (community and street staff) accept, dispatch, merge and close it.
 * - The handler (handler_path) is the unit holding it now; its staff start, return and resolve.
 * - A whistle (吹哨) summons departments; each summoned department checks in and reports.
 * - Streets and districts above the area supervise (督办).
 * - The reporter rates and may reopen once.
 */
export interface RequestTarget {
  orgPath: string; handlerPath: string | null; status: RequestStatus;
  reporterUserId: number | null; rating: Rating | null; reopenCount: number;
}
export interface SummonsTarget { orgPath: string; checkedIn: boolean; reported: boolean }

const can = (a: Actor, p: Permission) => hasPermission(a.role, p);
const DISPATCH_LEVELS: readonly OrgLevel[] = ['street', 'community'];
const SUPERVISE_LEVELS: readonly OrgLevel[] = ['city', 'district', 'street'];

export const canSubmit = (a: Actor) => can(a, 'request.submit');
export const canReadRequests = (a: Actor) => can(a, 'request.read');
/** The category tree is one catalogue for the whole installation. */
export const canConfigureCategories = (a: Actor) => can(a, 'request.catalogue');
/** Routing rules and Open311 keys are configured for an area in the actor's scope. */
export const canConfigureArea = (a: Actor, areaPath: string) => can(a, 'request.configure') && pathInScope(a, areaPath);
export const canReadStats = (a: Actor, unitPath: string) => can(a, 'request.read') && pathInScope(a, unitPath);

const isReporter = (a: Actor, r: RequestTarget) => r.reporterUserId !== null && r.reporterUserId === a.userId;
/** Staff who see the request by area, by holding it, or (checked by the query) by a summons. */
export const seesByArea = (a: Actor, r: RequestTarget) => canReadRequests(a) && pathInScope(a, r.orgPath);
export const holds = (a: Actor, r: RequestTarget) => can(a, 'request.handle') && r.handlerPath !== null && pathInScope(a, r.handlerPath);

export function canDispatchArea(a: Actor, r: Pick<RequestTarget, 'orgPath'>): boolean {
  return can(a, 'request.dispatch') && DISPATCH_LEVELS.includes(a.orgLevel) && pathInScope(a, r.orgPath);
}

export function canSupervise(a: Actor, r: RequestTarget): boolean {
  return can(a, 'request.supervise') && SUPERVISE_LEVELS.includes(a.orgLevel) && (pathInScope(a, r.orgPath) || (r.handlerPath !== null && pathInScope(a, r.handlerPath)));
}

/** May the actor take `action` on the request as it stands (status included)? */
export function mayAct(a: Actor, action: RequestAction, r: RequestTarget): boolean {
  if (!allowedFrom(action, r.status)) return false;
  switch (action) {
    case 'accept': case 'dispatch': case 'merge': case 'close':
      return canDispatchArea(a, r);
    case 'redispatch':
      return canDispatchArea(a, r) || canSupervise(a, r);
    case 'start': case 'return': case 'resolve':
      return holds(a, r);
    // A community (or street) holding or owning the request summons departments.
    case 'whistle':
      return canDispatchArea(a, r) && (r.handlerPath === null || pathInScope(a, r.handlerPath) || pathInScope(a, r.orgPath));
    case 'supervise':
      return canSupervise(a, r);
    // Which summons is the service's check (summonsActions); here only the permission.
    case 'checkIn': case 'report':
      return can(a, 'request.handle');
    case 'rate':
      return isReporter(a, r);
    case 'reopen':
      return isReporter(a, r) && canReopen({ status: r.status, rating: r.rating, reopenCount: r.reopenCount });
    default:
      return false;
  }
}

const LISTED: RequestAction[] = ['accept', 'dispatch', 'redispatch', 'start', 'return', 'resolve', 'rate', 'reopen', 'close', 'merge', 'whistle', 'supervise'];

export function requestActions(a: Actor, r: RequestTarget): string[] {
  const out: string[] = LISTED.filter((x) => mayAct(a, x, r));
  if (canRevealContact(a, r)) out.push('reveal');
  return out;
}

export function canRevealContact(a: Actor, r: RequestTarget): boolean {
  return can(a, 'request.reveal') && (pathInScope(a, r.orgPath) || (r.handlerPath !== null && pathInScope(a, r.handlerPath)));
}

/** A summoned department's staff check in, then report; the request must still be held. */
export function summonsActions(a: Actor, r: RequestTarget, s: SummonsTarget): string[] {
  if (!can(a, 'request.handle') || !pathInScope(a, s.orgPath) || !allowedFrom('checkIn', r.status)) return [];
  if (!s.checkedIn) return ['check_in'];
  return s.reported ? [] : ['report'];
}

/** Units a request may be sent to: departments above its area, or communities and grids in the dispatcher's scope. */
export function isDispatchTarget(a: Actor, requestPath: string, target: { level: OrgLevel; path: string; parentPath: string | null }): boolean {
  if (target.level === 'department') return target.parentPath !== null && requestPath.startsWith(target.parentPath);
  if (target.level === 'community' || target.level === 'grid') return pathInScope(a, target.path);
  return false;
}

import type { Actor } from '../../core/context.js';
import type { ClaimStatus } from '../../db/schema-partners.js';
import type { OrgLevel } from '../../db/schema.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import { claimActionsFor, type ClaimAction } from './rules.js';

/**
 * Partners policy: pure functions of actor and resource.
 * Staff with partner.read see members, units, contracts, lists, claims and rankings in
 * their scope; partner.manage registers and changes them; partner.assess recomputes the
 * annual scores. Residents (volunteer.self) see their own community's open needs and
 * posts and claim them as the party member linked to their account; the resident who
 * raised a need rates the claims that served it.
 */
export interface ClaimTarget {
  orgPath: string; status: ClaimStatus; memberUserId: number | null; needRaisedBy: number | null; rated: boolean;
}

const can = (a: Actor, p: 'partner.read' | 'partner.manage' | 'partner.assess' | 'volunteer.self') => hasPermission(a.role, p);

export const canRead = (a: Actor) => can(a, 'partner.read');
export const canManage = (a: Actor) => can(a, 'partner.manage');
export const canAssess = (a: Actor) => can(a, 'partner.assess');
export const isResidentSelf = (a: Actor) => can(a, 'volunteer.self');

export const canReadAt = (a: Actor, path: string) => canRead(a) && pathInScope(a, path);
export const canManageAt = (a: Actor, path: string) => canManage(a) && pathInScope(a, path);

/** Members report to, and needs and posts are published by, a community. */
export const HOME_LEVELS: readonly OrgLevel[] = ['community'];
/** Units are registered by a street or a community. */
export const UNIT_LEVELS: readonly OrgLevel[] = ['street', 'community'];
/** Rankings are given per community, street, and above for those bound higher. */
export const RANKING_LEVELS: readonly OrgLevel[] = ['root', 'province', 'city', 'district', 'street', 'community'];

/** Revealing a member's or a unit's phone: the managers in scope, with a reason (audited). */
export const canReveal = (a: Actor, path: string) => canManageAt(a, path);

/** A resident sees a need or post of the community their own org lies in. */
export const residentSeesPath = (a: Actor, path: string) => isResidentSelf(a) && a.orgPath.startsWith(path);

export function canActOnClaim(a: Actor, c: ClaimTarget, action: ClaimAction): boolean {
  if (!claimActionsFor(c.status).includes(action)) return false;
  if (canManageAt(a, c.orgPath)) return true;
  // The member who claimed may start, finish or withdraw their own claim.
  return isResidentSelf(a) && c.memberUserId === a.userId;
}

export function canRate(a: Actor, c: ClaimTarget): boolean {
  if (c.status !== 'done' || c.rated) return false;
  if (canManageAt(a, c.orgPath)) return true;
  return isResidentSelf(a) && c.needRaisedBy === a.userId;
}

export function claimActions(a: Actor, c: ClaimTarget): string[] {
  const out: string[] = claimActionsFor(c.status).filter((x) => canActOnClaim(a, c, x));
  if (canRate(a, c)) out.push('rate');
  return out;
}

/** What staff may do with a member, unit, need, post or contract record. */
export function recordActions(a: Actor, path: string, revealable = false): string[] {
  if (!canManageAt(a, path)) return [];
  return revealable ? ['update', 'reveal'] : ['update'];
}

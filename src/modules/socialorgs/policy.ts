import type { Actor } from '../../core/context.js';
import type { OrgLevel } from '../../db/schema.js';
import type { SocialOrgStatus } from '../../db/schema-socialorgs.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Social-organization policy: pure functions of actor and resource.
 * socialorg.read sees the registry, incubation and assessments in the data scope;
 * socialorg.manage registers and changes them. A social organization's own staff
 * (role socialOrgStaff, read only) sees only the organizations it is staff of —
 * never the rest of its street or community.
 */
const can = (a: Actor, p: 'socialorg.read' | 'socialorg.manage') => hasPermission(a.role, p);

export const canRead = (a: Actor) => can(a, 'socialorg.read');
export const canManage = (a: Actor) => can(a, 'socialorg.manage');
export const canManageAt = (a: Actor, path: string) => canManage(a) && pathInScope(a, path);

/** Staff of organizations see their own organizations only (the ids come from social_org_staff). */
export const ownOrgsOnly = (a: Actor) => a.role === 'socialOrgStaff';

/** May the actor see this organization? `ownIds` are the organizations the actor is staff of. */
export function canSee(a: Actor, org: { id: number; path: string }, ownIds: readonly number[]): boolean {
  if (!canRead(a) || !pathInScope(a, org.path)) return false;
  return ownOrgsOnly(a) ? ownIds.includes(org.id) : true;
}

/** Organizations are registered or filed at a street or a community. */
export const HOME_LEVELS: readonly OrgLevel[] = ['street', 'community'];
/** They serve streets, communities or grids. */
export const AREA_LEVELS: readonly OrgLevel[] = ['street', 'community', 'grid'];
/** Bases: government (district/city), street and community level, matched to the org. */
export const BASE_LEVEL_OF: Partial<Record<OrgLevel, 'government' | 'street' | 'community'>> = {
  province: 'government', city: 'government', district: 'government', street: 'street', community: 'community',
};
/** Filters by org accept any level from the root down to a community. */
export const FILTER_LEVELS: readonly OrgLevel[] = ['root', 'province', 'city', 'district', 'street', 'community'];

/** Status moves: any other status, a reason always (suspension and deregistration must be explained, and so must a reinstatement). */
export function canMoveStatus(from: SocialOrgStatus, to: SocialOrgStatus): boolean {
  if (from === to) return false;
  // A deregistered organization is gone (注销): it is not reinstated, it registers anew.
  return from !== 'deregistered';
}

/** What the actor may do with an organization record. */
export function orgActions(a: Actor, org: { path: string; status: SocialOrgStatus; revealable: boolean }): string[] {
  if (!canManageAt(a, org.path)) return [];
  const out = ['update', 'staff', 'incubate', 'service', 'assess'];
  if (org.status !== 'deregistered') out.push('status');
  if (org.revealable) out.push('reveal');
  return out;
}

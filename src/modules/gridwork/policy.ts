import type { Actor } from '../../core/context.js';
import type { OrgLevel } from '../../db/schema.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Grid-work policy: pure functions of actor and resource.
 * Staffing a grid is the work of those above it (community and street staff): posts are
 * managed strictly below the actor's own org, so a grid worker cannot appoint or remove
 * the posts of their own grid, but may keep the public card of the post they hold (A).
 * Records (visits, logs, meetings) are written by anyone with gridwork.write in scope.
 */
export interface PostTarget { orgPath: string; primaryUserId: number | null }
export interface VisitTarget { orgPath: string; followUp: boolean; followUpDone: boolean }
export interface OrgTarget { level: OrgLevel; path: string }

/** The card fields a holder may edit on their own post. */
export const CARD_FIELDS = ['cardPhone', 'cardDuties', 'cardPhotoId'] as const;

const can = (a: Actor, p: 'gridwork.read' | 'gridwork.write' | 'resident.self') => hasPermission(a.role, p);

export const canReadGridwork = (a: Actor) => can(a, 'gridwork.read');
export const canWriteGridwork = (a: Actor) => can(a, 'gridwork.write');
/** Residents see the public cards of their own grid(s). */
export const canSeeCards = (a: Actor) => can(a, 'resident.self');

export function canReadAt(a: Actor, path: string): boolean {
  return canReadGridwork(a) && pathInScope(a, path);
}

/** Create, re-staff or remove posts of the grid at `gridPath`. */
export function canManagePosts(a: Actor, gridPath: string): boolean {
  return canWriteGridwork(a) && pathInScope(a, gridPath) && gridPath !== a.orgPath;
}

export function canEditCard(a: Actor, p: PostTarget): boolean {
  return canManagePosts(a, p.orgPath) || (canWriteGridwork(a) && pathInScope(a, p.orgPath) && p.primaryUserId === a.userId);
}

/** May the actor change these fields of the post? Holders change only their card. */
export function canPatchPost(a: Actor, p: PostTarget, fields: readonly string[]): boolean {
  if (canManagePosts(a, p.orgPath)) return true;
  return canEditCard(a, p) && fields.every((f) => (CARD_FIELDS as readonly string[]).includes(f));
}

export function postActions(a: Actor, p: PostTarget): string[] {
  if (canManagePosts(a, p.orgPath)) return ['update', 'update_card', 'delete'];
  return canEditCard(a, p) ? ['update_card'] : [];
}

/** Grid staff upload for visits and cards; anyone who may report a request uploads its photos. */
export const canUpload = (a: Actor) => canWriteGridwork(a) || hasPermission(a.role, 'request.submit');

export function canRecordVisit(a: Actor, householdPath: string): boolean {
  return canWriteGridwork(a) && pathInScope(a, householdPath);
}

export function canSetFollowUp(a: Actor, v: VisitTarget): boolean {
  return canWriteGridwork(a) && pathInScope(a, v.orgPath) && v.followUp;
}

export function visitActions(a: Actor, v: VisitTarget): string[] {
  if (!canSetFollowUp(a, v)) return [];
  return [v.followUpDone ? 'reopen_follow_up' : 'complete_follow_up'];
}

export const canWriteLog = (a: Actor) => canWriteGridwork(a);

/** Weekly meetings are held by a grid or by a community for its grids. */
export function canRecordMeeting(a: Actor, o: OrgTarget): boolean {
  return canWriteGridwork(a) && pathInScope(a, o.path) && (o.level === 'grid' || o.level === 'community');
}

export const COVERAGE_LEVELS: readonly OrgLevel[] = ['street', 'community', 'grid'];

export function canReadCoverage(a: Actor, o: OrgTarget): boolean {
  return canReadAt(a, o.path) && COVERAGE_LEVELS.includes(o.level);
}

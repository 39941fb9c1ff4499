import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import type { ProjectStatus } from '../../db/schema-projects.js';
import { PUBLIC_STATUSES, allowed, type Step } from './rules.js';

/**
 * Projects policy, pure functions of actor and record.
 * - Staff with project.read see projects applied in their subtree (a street sees its
 *   communities'); project.apply applies for a community in scope; project.review
 *   reviews, funds, awards, pays and accepts in scope (and manages the funds of its org).
 * - A socialOrgStaff account (project.implement) sees projects awarded to its social
 *   organization or linked social worker, those it bid on, and open competitions in its
 *   street; it implements the awarded ones. This is by link, not by path.
 * - A resident (project.feedback) sees the public part of its own community's projects
 *   once approved, and gives feedback or complaints while they run.
 */
export const canRead = (a: Actor) => hasPermission(a.role, 'project.read') && a.role !== 'socialOrgStaff';
export const canReadAt = (a: Actor, path: string) => canRead(a) && pathInScope(a, path);
export const canApplyAt = (a: Actor, path: string) => hasPermission(a.role, 'project.apply') && pathInScope(a, path);
export const canReviewAt = (a: Actor, path: string) => hasPermission(a.role, 'project.review') && pathInScope(a, path);
export const isImplementer = (a: Actor) => hasPermission(a.role, 'project.implement');
export const isResident = (a: Actor) => hasPermission(a.role, 'project.feedback');
/** A resident's own community's project (the resident's org is the community or a grid under it). */
export const residentSees = (a: Actor, p: { orgPath: string; status: ProjectStatus }) =>
  isResident(a) && a.orgPath.startsWith(p.orgPath) && PUBLIC_STATUSES.includes(p.status);

/** How the actor relates to a project; computed by the service from the socialorgs/workforce links. */
export interface Relation {
  /** The actor acts for the awardee (its social organization or its own social worker profile). */
  awardee: boolean;
  /** The actor's organization bid on the project. */
  bidder: boolean;
  /** The project is an open competition in the actor's street. */
  openToBid: boolean;
}
export const NO_RELATION: Relation = { awardee: false, bidder: false, openToBid: false };

export function sees(a: Actor, p: { orgPath: string; status: ProjectStatus }, r: Relation): boolean {
  if (canReadAt(a, p.orgPath)) return true;
  if (isImplementer(a) && (r.awardee || r.bidder || r.openToBid)) return true;
  return residentSees(a, p);
}

/** Staff see the whole record; implementers and residents see the public part (no other bids, no beneficiary links). */
export const seesAll = (a: Actor, p: { orgPath: string }) => canReadAt(a, p.orgPath);

export type Action = Step | 'siteVisit' | 'feedback' | 'reply';

/** What the actor may do with the project as it stands (records carry this list). */
export function projectActions(a: Actor, p: { orgPath: string; status: ProjectStatus }, r: Relation): Action[] {
  const out: Action[] = [];
  const s = p.status;
  if (canApplyAt(a, p.orgPath)) {
    if (allowed('edit', s)) out.push('edit', 'submit');
    if (allowed('supervise', s)) out.push('siteVisit', 'reply');
  }
  if (canReviewAt(a, p.orgPath)) {
    for (const step of ['return', 'reject', 'approve', 'awardDirect', 'openCompetition', 'closeBidding', 'scoreBid', 'awardBest', 'payTranche', 'accept', 'close'] as const) {
      if (allowed(step, s)) out.push(step);
    }
    if (allowed('supervise', s) && !out.includes('siteVisit')) out.push('siteVisit', 'reply');
  }
  if (isImplementer(a)) {
    if (r.openToBid && allowed('bid', s)) out.push('bid');
    if (r.awardee && allowed('implement', s)) out.push('implement', 'requestTranche');
  }
  if (residentSees(a, p) && allowed('supervise', s)) out.push('feedback');
  return out;
}

import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import type { CampaignStatus, EvaluateeKind, SignoffLevel } from '../../db/schema-evaluations.js';

/**
 * Evaluations policy, pure functions of actor and record.
 * - evaluation.read / evaluation.manage: staff see and run campaigns owned by orgs in their subtree.
 * - evaluation.score: a user acting for an evaluatee enters its self score and its scores of
 *   the others — an org's own staff (orgId = the evaluatee org), a social organization's
 *   staff, and for a partner unit a community worker (or street staff) whose subtree holds
 *   the unit, recording who entered it.
 * - evaluation.respond: a resident of a sampled household answers the survey in the app.
 * - Published results are seen by everyone on the campaign org's path (residents below it).
 */
export type CampaignAction = 'edit' | 'open' | 'close' | 'publish' | 'sample' | 'results';

export const canRead = (a: Actor) => hasPermission(a.role, 'evaluation.read');
export const canReadAt = (a: Actor, orgPath: string) => canRead(a) && pathInScope(a, orgPath);
export const canManageAt = (a: Actor, orgPath: string) => hasPermission(a.role, 'evaluation.manage') && pathInScope(a, orgPath);
export const canScore = (a: Actor) => hasPermission(a.role, 'evaluation.score');
export const canRespond = (a: Actor) => hasPermission(a.role, 'evaluation.respond');

export interface EvaluateeRef { kind: EvaluateeKind; subjectId: number; subjectPath: string }

/** Whether the actor may enter scores (and report rectification measures) for this evaluatee. */
export function actsFor(a: Actor, e: EvaluateeRef, mySocialOrgIds: readonly number[]): boolean {
  if (!canScore(a)) return false;
  if (e.kind === 'org') return a.orgId === e.subjectId;
  if (e.kind === 'socialOrg') return a.role === 'socialOrgStaff' && mySocialOrgIds.includes(e.subjectId);
  return (a.role === 'communityWorker' || a.role === 'streetStaff') && pathInScope(a, e.subjectPath);
}

/** Published campaigns are public to everyone on the owning org's path, and to staff in scope. */
export const seesPublished = (a: Actor, orgPath: string) => a.orgPath.startsWith(orgPath) || canReadAt(a, orgPath);

export function campaignActions(a: Actor, c: { orgPath: string; status: CampaignStatus }): CampaignAction[] {
  if (!canManageAt(a, c.orgPath)) return canReadAt(a, c.orgPath) && c.status !== 'draft' ? ['sample', 'results'] : [];
  switch (c.status) {
    case 'draft': return ['edit', 'open'];
    case 'open': return ['close', 'sample'];
    case 'closed': return ['publish', 'sample', 'results'];
    default: return ['sample', 'results'];
  }
}

/** Who records a rectification sign-off: the campaign's managers any level, the unit's own people the unit level. */
export function canSignOff(a: Actor, level: SignoffLevel, orgPath: string, actingForUnit: boolean): boolean {
  return canManageAt(a, orgPath) || (level === 'unit' && actingForUnit);
}

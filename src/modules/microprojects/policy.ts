import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import type { ProjectStatus, ProposalStatus, RoundStatus } from '../../db/schema-microprojects.js';

/**
 * Micro-project policy, pure functions of actor and record.
 * - Staff with microproject.read see budgets, proposals, rounds and projects of the
 *   communities in their subtree; with microproject.manage they set budgets, review,
 *   open and close rounds and record implementation.
 * - A resident (deliberation.self) takes part in the community they live in (their org is
 *   the community or a grid below it): proposes, sees the community's approved proposals,
 *   rounds and projects (implementation is public to the community), comments and rates.
 */
export const canRead = (a: Actor) => hasPermission(a.role, 'microproject.read');
export const canSelf = (a: Actor) => hasPermission(a.role, 'deliberation.self');
export const canManage = (a: Actor) => hasPermission(a.role, 'microproject.manage');
export const canManageAt = (a: Actor, orgPath: string) => hasPermission(a.role, 'microproject.manage') && pathInScope(a, orgPath);
export const canReadAt = (a: Actor, orgPath: string) => canRead(a) && pathInScope(a, orgPath);
/** A resident of the community at `communityPath` (registered at it or at a grid below). */
export const residentOf = (a: Actor, communityPath: string) => canSelf(a) && a.orgPath.startsWith(communityPath);
export const seesCommunity = (a: Actor, communityPath: string) => canReadAt(a, communityPath) || residentOf(a, communityPath);

/** Which proposals a viewer sees: staff all in scope; a resident their own and the community's reviewed-in ones. */
export const PUBLIC_PROPOSAL: readonly ProposalStatus[] = ['approved', 'inRound', 'won', 'lost'];
export function seesProposal(a: Actor, p: { orgPath: string; proposerId: number | null; status: ProposalStatus }) {
  if (canReadAt(a, p.orgPath)) return true;
  if (!residentOf(a, p.orgPath)) return false;
  return p.proposerId === a.userId || PUBLIC_PROPOSAL.includes(p.status);
}

export type ProposalAction = 'edit' | 'review';
export function proposalActions(a: Actor, p: { orgPath: string; proposerId: number | null; status: ProposalStatus }): ProposalAction[] {
  const out: ProposalAction[] = [];
  const open = p.status === 'submitted' || p.status === 'changesRequested';
  if (open && (p.proposerId === a.userId || (p.proposerId === null && canManageAt(a, p.orgPath)))) out.push('edit');
  if (p.status === 'submitted' && canManageAt(a, p.orgPath)) out.push('review');
  return out;
}

export type BudgetAction = 'edit' | 'openRound' | 'propose';
export function budgetActions(a: Actor, b: { orgPath: string; hasOpenRound: boolean; leftoverFen: number }): BudgetAction[] {
  const out: BudgetAction[] = [];
  if (canManageAt(a, b.orgPath)) {
    out.push('edit');
    if (!b.hasOpenRound && b.leftoverFen > 0) out.push('openRound');
  }
  // Proposals are taken at any time; one made while a round votes waits for the next round.
  if (residentOf(a, b.orgPath) || canManageAt(a, b.orgPath)) out.push('propose');
  return out;
}

export type RoundAction = 'close';
export const roundActions = (a: Actor, r: { orgPath: string; status: RoundStatus }): RoundAction[] =>
  (r.status === 'voting' && canManageAt(a, r.orgPath) ? ['close'] : []);

export type ProjectAction = 'milestone' | 'spend' | 'photo' | 'complete' | 'comment' | 'rate' | 'reply';
export function projectActions(a: Actor, p: { orgPath: string; status: ProjectStatus }, rated: boolean): ProjectAction[] {
  const out: ProjectAction[] = [];
  if (canManageAt(a, p.orgPath)) {
    out.push('reply');
    if (p.status === 'implementing') out.push('milestone', 'spend', 'photo', 'complete');
  }
  if (residentOf(a, p.orgPath)) {
    out.push('comment');
    if (p.status === 'completed' && !rated) out.push('rate');
  }
  return out;
}

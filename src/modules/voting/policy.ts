import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import type { VoteStatus } from '../../db/schema-voting.js';

/**
 * Voting policy, pure functions of actor and vote.
 * - Staff with vote.read see votes of orgs in their subtree and, once closed, the result;
 *   with vote.manage they create, open, close and publish them.
 * - A resident (vote.cast) sees the votes they are in the electorate of, and the published
 *   votes of the orgs on their own path (results are public once published).
 */
export type VoteAction = 'edit' | 'editRule' | 'open' | 'close' | 'publish' | 'export' | 'cast' | 'verify';

export const canRead = (a: Actor) => hasPermission(a.role, 'vote.read');
export const canCast = (a: Actor) => hasPermission(a.role, 'vote.cast');
export const canReadAt = (a: Actor, orgPath: string) => canRead(a) && pathInScope(a, orgPath);
export const canManageAt = (a: Actor, orgPath: string) => hasPermission(a.role, 'vote.manage') && pathInScope(a, orgPath);
/** The vote's org is above the resident's org (their community or street) or is it. */
export const onResidentsPath = (a: Actor, orgPath: string) => canCast(a) && a.orgPath.startsWith(orgPath);

export interface VoteTarget { orgPath: string; status: VoteStatus; ruleLocked: boolean; closesAt: Date | null }
export interface MyPlace { elector: boolean; voted: boolean }

export const seesVote = (a: Actor, t: Pick<VoteTarget, 'orgPath' | 'status'>, mine: MyPlace | null) =>
  canReadAt(a, t.orgPath) || (canCast(a) && (mine?.elector === true || (t.status === 'published' && onResidentsPath(a, t.orgPath))));

/** Staff see the result once the vote is closed; everyone else once it is published. */
export const seesResult = (a: Actor, t: Pick<VoteTarget, 'orgPath' | 'status'>) =>
  t.status === 'published' || (t.status === 'closed' && canReadAt(a, t.orgPath));

export const isPastClose = (t: Pick<VoteTarget, 'closesAt'>, now = new Date()) => t.closesAt !== null && now.getTime() >= t.closesAt.getTime();

export function voteActions(a: Actor, t: VoteTarget, mine: MyPlace | null, now = new Date()): VoteAction[] {
  const out: VoteAction[] = [];
  if (canManageAt(a, t.orgPath)) {
    if (t.status === 'draft' || t.status === 'open') out.push('edit');
    if (t.status === 'draft' || (t.status === 'open' && !t.ruleLocked)) out.push('editRule');
    if (t.status === 'draft') out.push('open');
    if (t.status === 'open') out.push('close');
    if (t.status === 'closed') out.push('publish');
  }
  if (canReadAt(a, t.orgPath)) out.push('export');
  if (canCast(a) && mine?.elector && !mine.voted && t.status === 'open' && !isPastClose(t, now)) out.push('cast');
  if (t.status === 'published') out.push('verify');
  return out;
}

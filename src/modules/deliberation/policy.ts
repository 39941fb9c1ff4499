import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import type { MeetingForm, TaskStatus, TopicField, TopicStatus } from '../../db/schema-deliberation.js';

/**
 * Deliberation policy and rules: pure functions of actor, record and time.
 * - Staff with deliberation.read see topics, bodies, meetings, consultations, decisions and
 *   tasks of their subtree; deliberation.manage sorts, merges, declines, runs meetings,
 *   starts votes and follows up.
 * - deliberation.raise raises a topic or wish (residents and grid workers on the phone).
 * - A resident (deliberation.self) sees the public topics and consultations of the community
 *   their own org lies in, comments, and follows the topics they raised: a topic they raised
 *   shows its whole history to them in any status (事事有回音).
 */

export const FIELDS: readonly TopicField[] = ['sanitation', 'security', 'livelihood', 'environment', 'culture', 'property', 'traffic', 'other'];

/** The six default forms (议事协商委员会, 民主议事, 民主恳谈, 民主听证, 民主评议, 民主咨询); 'custom' is a community's own (6+X). */
export const DEFAULT_FORMS: readonly Exclude<MeetingForm, 'custom'>[] = ['committee', 'discussion', 'dialogue', 'hearing', 'review', 'consultation'];

export const can = (a: Actor, p: 'deliberation.raise' | 'deliberation.self' | 'deliberation.read' | 'deliberation.manage') => hasPermission(a.role, p);
export const canRead = (a: Actor) => can(a, 'deliberation.read');
export const canManage = (a: Actor) => can(a, 'deliberation.manage');
export const canRaise = (a: Actor) => can(a, 'deliberation.raise');
export const isSelf = (a: Actor) => can(a, 'deliberation.self');
export const canReadAt = (a: Actor, path: string) => canRead(a) && pathInScope(a, path);
export const canManageAt = (a: Actor, path: string) => canManage(a) && pathInScope(a, path);

/** A resident belongs to the community at `path` when their own org lies in it. */
export const residentOf = (a: Actor, path: string) => isSelf(a) && a.orgPath.startsWith(path);

/** Statuses the community sees (not yet sorted, declined and merged topics are the raiser's and the workers' matter). */
export const PUBLIC_STATUSES: readonly TopicStatus[] = ['accepted', 'deliberating', 'voting', 'adopted', 'rejected', 'implementing', 'done', 'closed'];
export const isPublicStatus = (s: TopicStatus) => PUBLIC_STATUSES.includes(s);

export interface TopicTarget { orgPath: string; status: TopicStatus; raiserUserId: number | null }

export function seesTopic(a: Actor, t: TopicTarget): boolean {
  if (canReadAt(a, t.orgPath)) return true;
  if (t.raiserUserId !== null && t.raiserUserId === a.userId && (canRaise(a) || isSelf(a))) return true;
  return residentOf(a, t.orgPath) && isPublicStatus(t.status);
}

// ── The topic's status flow ──
export type TopicAction = 'accept' | 'deliberate' | 'decline' | 'merge' | 'close' | 'decide' | 'vote' | 'complete';

const OPEN: readonly TopicStatus[] = ['raised', 'accepted', 'deliberating'];
const FLOW: Record<TopicAction, { from: readonly TopicStatus[]; to: TopicStatus | null }> = {
  accept: { from: ['raised'], to: 'accepted' },
  deliberate: { from: ['accepted'], to: 'deliberating' },
  decline: { from: OPEN, to: 'declined' },
  merge: { from: OPEN, to: 'merged' },
  // A worker closes a matter that goes nowhere further, with a reason the raiser sees.
  close: { from: ['raised', 'accepted', 'deliberating', 'adopted', 'rejected', 'implementing'], to: 'closed' },
  // A decision recorded by hand (after a meeting); 'adopted' or 'rejected' is chosen by the caller.
  decide: { from: ['accepted', 'deliberating'], to: null },
  vote: { from: ['accepted', 'deliberating'], to: 'voting' },
  // Every task done (or none left open): the matter is done.
  complete: { from: ['adopted', 'implementing'], to: 'done' },
};

export const TOPIC_ACTIONS = Object.keys(FLOW) as TopicAction[];
export const allowedFrom = (action: TopicAction, s: TopicStatus) => FLOW[action].from.includes(s);
export const targetOf = (action: TopicAction): TopicStatus | null => FLOW[action].to;
/** Actions that need a reason the raiser sees. */
export const NEEDS_REASON: readonly TopicAction[] = ['decline', 'merge', 'close'];

/** Topics a topic may be merged into: itself not merged away, declined or closed. */
export const canBeMergeTarget = (s: TopicStatus) => !['merged', 'declined', 'closed'].includes(s);
/** The field and kind may be corrected (sorted) while the topic is still open. */
export const canSort = (s: TopicStatus) => OPEN.includes(s);

export function topicActions(a: Actor, t: TopicTarget): string[] {
  if (!canManageAt(a, t.orgPath)) return [];
  const out: string[] = TOPIC_ACTIONS.filter((x) => x !== 'complete' && allowedFrom(x, t.status));
  if (canSort(t.status)) out.push('sort');
  if (t.status === 'adopted' || t.status === 'implementing') out.push('addTask');
  return out;
}

// ── Decisions by hand, follow-up tasks ──
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export const isOverdue = (t: { status: TaskStatus; dueOn: string }, today = chinaToday()) => t.status === 'open' && t.dueOn < today;

/** A progress update: percent never goes back, 100 means done. */
export function nextProgress(current: number, reported: number): { ok: boolean; done: boolean } {
  if (!Number.isInteger(reported) || reported < 0 || reported > 100) return { ok: false, done: false };
  return { ok: reported >= current, done: reported === 100 };
}

/** After a task changes: the topic is done when it has tasks and none is open. */
export const topicDoneWhen = (tasks: { status: TaskStatus }[]) => tasks.length > 0 && tasks.every((x) => x.status !== 'open') && tasks.some((x) => x.status === 'done');

// ── Comments ──
export const consultationOpen = (c: { status: 'open' | 'closed'; closesAt: Date | null }, now = new Date()) =>
  c.status === 'open' && (c.closesAt === null || c.closesAt.getTime() > now.getTime());
export const canComment = (a: Actor, c: { orgPath: string; status: 'open' | 'closed'; closesAt: Date | null }, now = new Date()) =>
  consultationOpen(c, now) && (residentOf(a, c.orgPath) || canManageAt(a, c.orgPath));

// ── Votes from a topic (DOMAIN.md: a project proceeds when ≥ 85% of the representatives approve) ──
export const DEFAULT_THRESHOLD = { num: 85, den: 100, of: 'electorate' as const };
export const DEFAULT_QUORUM = { num: 0, den: 1 };

/** Starting a vote from a topic takes both desks: the topic's (deliberation.manage) and votes' (vote.manage). */
export const canStartVote = (a: Actor) => canManage(a) && hasPermission(a.role, 'vote.manage');
export const canStartVoteAt = (a: Actor, path: string) => canStartVote(a) && pathInScope(a, path);
/** A vote's verdict as the topic's outcome: only a passed vote adopts; failed, no quorum, or no verdict rejects. */
export const outcomeOfVote = (passed: boolean | null): 'adopted' | 'rejected' => (passed === true ? 'adopted' : 'rejected');

import type { AuthedCtx } from '../../core/context.js';
import type { TaskRow, DecisionRecord } from './repo-topics.js';
import * as policy from './policy.js';
import { iso } from './common.js';

/** API shapes of decisions, tasks and progress updates (shared by the topic detail and the task lists). */

export function presentDecision(d: DecisionRecord) {
  return {
    id: d.id, topicId: d.topic_id, outcome: d.outcome, voteId: d.vote_id, eligible: d.eligible, cast: d.cast_count, quorumMet: d.quorum_met,
    counts: (d.counts as Record<string, number> | null) ?? null, summary: d.summary, decidedAt: d.decided_at.toISOString(),
  };
}

export function presentTask(ctx: AuthedCtx, k: TaskRow, today = policy.chinaToday()) {
  const manage = policy.canManageAt(ctx.actor, k.org_path);
  const owner = k.owner_user_id !== null && k.owner_user_id === ctx.actor.userId;
  const actions: string[] = [];
  if (k.status === 'open' && (manage || owner)) actions.push('progress');
  if (k.status === 'open' && manage) actions.push('update', 'cancel');
  return {
    id: k.id, topicId: k.topic_id, topicTitle: k.topic_title, orgId: k.org_id, orgName: k.org_name, title: k.title, description: k.description,
    ownerKind: k.owner_kind, ownerName: k.owner_name, ownerUserId: k.owner_user_id, dueOn: k.due_on, progress: k.progress, status: k.status,
    overdue: policy.isOverdue({ status: k.status, dueOn: k.due_on }, today), doneAt: iso(k.done_at), createdAt: k.created_at.toISOString(), actions,
  };
}

export const photoUrl = (topicId: number, photoId: number) => `/api/v1/topics/${topicId}/photos/${photoId}`;

export function presentUpdate(topicId: number, u: { id: number; note: string; progress: number; author_name: string | null; photo_ids: number[]; created_at: Date }) {
  return { id: u.id, note: u.note, progress: u.progress, authorName: u.author_name, photos: u.photo_ids.map((p) => photoUrl(topicId, p)), createdAt: u.created_at.toISOString() };
}

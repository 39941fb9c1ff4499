import type { Transaction } from 'kysely';
import type { AuthedCtx, Ctx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { createVote, type VoteOutcome } from '../voting/api.js';
import * as repo from './repo-topics.js';
import * as policy from './policy.js';
import { msg } from './common.js';
import { loadBody } from './service-bodies.js';
import { getTopicDetail, loadTopic } from './service-topics.js';

/**
 * Votes on a topic go through voting's contract (api.ts): a worker starts one for a body's
 * representatives inside this module's transaction; when the vote closes, the handler
 * registered in index.ts records the decision in the closing transaction.
 */

export interface StartVoteInput {
  bodyId: number; title?: string; description?: string | null; secret?: boolean;
  quorum?: { num: number; den: number }; threshold?: { num: number; den: number; of: 'electorate' | 'cast' | 'decisive' }; closesAt?: string | null;
}

export async function startVote(ctx: AuthedCtx, topicId: number, input: StartVoteInput) {
  if (!policy.canStartVote(ctx.actor)) throw errors.forbidden();
  const t = await loadTopic(ctx, topicId);
  if (!policy.canStartVoteAt(ctx.actor, t.org_path)) throw errors.notFound('topic');
  const b = await loadBody(ctx, input.bodyId, 'bodyId');
  if (!b.org_path.startsWith(t.org_path)) throw errors.field('bodyId', msg('须是该议题所在社区的议事机构', 'must be a body of the topic\'s community'));
  if (b.status !== 'active') throw errors.field('bodyId', msg('议事机构已撤销', 'is dissolved'));
  if (b.members_with_account === 0) throw errors.field('bodyId', msg('该机构没有关联账号的在任代表，无法线上表决', 'has no active representative with an account to vote online'));
  const title = (input.title?.trim() || `议题表决：${t.title}`).slice(0, 100);
  const voteId = await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockTopic(trx, topicId);
    if (!locked || !policy.allowedFrom('vote', locked.status)) {
      throw errors.conflict('TOPIC_STATUS', msg(`议题当前状态（${locked?.status}）不能发起表决`, `a topic that is ${locked?.status} cannot go to a vote`));
    }
    const { id } = await createVote(trx, ctx, {
      orgId: t.org_id, title, description: input.description ?? t.description.slice(0, 2000), subject: { type: 'topic', id: topicId },
      electorate: { kind: 'body', bodyId: b.id }, method: 'yesNo', secret: input.secret ?? true,
      quorum: input.quorum ?? policy.DEFAULT_QUORUM, threshold: input.threshold ?? policy.DEFAULT_THRESHOLD, closesAt: input.closesAt ?? null,
    }, { open: true });
    await repo.updateTopic(trx, topicId, { status: 'voting', vote_id: id, body_id: b.id });
    await repo.insertEvent(trx, t, ctx.actor, {
      kind: 'vote', from: locked.status, to: 'voting', note: b.name,
      data: { voteId: id, bodyId: b.id, threshold: input.threshold ?? policy.DEFAULT_THRESHOLD, quorum: input.quorum ?? policy.DEFAULT_QUORUM },
    });
    await recordAudit(trx, ctx, { action: 'topic.vote', entityType: 'topic', entityId: topicId, orgPath: t.org_path, detail: { voteId: id, bodyId: b.id } });
    return id;
  });
  const detail = await getTopicDetail(ctx, topicId);
  return { voteId, consoleUrl: `/app/votes/${voteId}`, phoneUrl: `/m/votes/${voteId}`, topic: detail.topic };
}

/** onVoteClosed('topic'): the closing transaction records the decision with the counts and moves the topic on. */
export async function recordVoteDecision(trx: Transaction<DB>, ctx: Ctx, outcome: VoteOutcome) {
  const t = await repo.topicByVote(trx, outcome.voteId);
  if (!t || t.id !== outcome.subject?.id || t.status !== 'voting') return;
  const result = policy.outcomeOfVote(outcome.passed);
  await repo.insertDecision(trx, t, {
    outcome: result, vote_id: outcome.voteId, eligible: outcome.eligible, cast_count: outcome.cast, quorum_met: outcome.quorumMet, counts: outcome.counts,
    summary: null, decided_by: ctx.actor?.userId ?? null,
  });
  await repo.updateTopic(trx, t.id, { status: result });
  await repo.insertEvent(trx, t, ctx.actor, {
    kind: 'voteClosed', from: 'voting', to: result,
    data: { voteId: outcome.voteId, eligible: outcome.eligible, cast: outcome.cast, quorumMet: outcome.quorumMet, counts: outcome.counts, passed: outcome.passed },
  });
  await recordAudit(trx, ctx, { action: 'topic.decide', entityType: 'topic', entityId: t.id, orgPath: t.org_path, detail: { voteId: outcome.voteId, outcome: result, counts: outcome.counts } });
}

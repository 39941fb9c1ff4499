import type { AuthedCtx } from '../../core/context.js';
import type { Criterion } from '../../db/schema-projects.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { socialOrgBrief } from '../socialorgs/api.js';
import { socialWorkerBrief } from '../workforce/api.js';
import * as rec from './repo-records.js';
import * as policy from './policy.js';
import { lockedProject, linksOf, wrongStatus } from './access.js';
import { getProject } from './service-projects.js';
import { next, rankBids, scoreTotal, yuan } from './rules.js';

/**
 * Award (承接): a direct award to an active social organization or social worker, or a
 * competition — published with criteria and a deadline, social organizations bid (price
 * and plan), the street closes bidding, reviewers score each bid (one row per reviewer),
 * and the best bid by exact mean wins (ties: lower price, then the earlier bid).
 */
const review = (ctx: AuthedCtx) => (p: { org_path: string }) => policy.canReviewAt(ctx.actor, p.org_path);

export async function awardDirect(ctx: AuthedCtx, id: number, input: { awardeeKind: 'socialOrg' | 'socialWorker'; awardeeId: number }) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, review(ctx));
    const to = next('awardDirect', p.status);
    if (!to) throw wrongStatus(p.status);
    const who = input.awardeeKind === 'socialOrg' ? await socialOrgBrief(trx, input.awardeeId) : await socialWorkerBrief(trx, input.awardeeId);
    if (!who || who.status !== 'active') {
      throw errors.field('awardeeId', { zh: input.awardeeKind === 'socialOrg' ? '须为正常状态的社会组织' : '须为在岗的社会工作者', en: `must be an active ${input.awardeeKind === 'socialOrg' ? 'social organization' : 'social worker'}` });
    }
    await trx.updateTable('project').set({
      status: to, award_mode: 'direct', awardee_kind: input.awardeeKind, awardee_name: who.name,
      social_org_id: input.awardeeKind === 'socialOrg' ? who.id : null, social_worker_id: input.awardeeKind === 'socialWorker' ? who.id : null,
      awarded_at: new Date(), awarded_by: ctx.actor.userId, updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.award', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { mode: 'direct', kind: input.awardeeKind, awardeeId: who.id, name: who.name } });
  });
  return getProject(ctx, id);
}

export async function openCompetition(ctx: AuthedCtx, id: number, input: { deadline: string; criteria: Criterion[] }) {
  const deadline = Date.parse(input.deadline);
  if (Number.isNaN(deadline)) throw errors.field('deadline', { zh: '不是有效的时间', en: 'is not a valid time' });
  if (deadline <= Date.now()) throw errors.field('deadline', { zh: '须晚于当前时间', en: 'must be in the future' });
  const names = input.criteria.map((c) => c.name.trim());
  if (new Set(names).size !== names.length) throw errors.field('criteria', { zh: '评分项名称不能重复', en: 'criterion names must differ' });
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, review(ctx));
    const to = next('openCompetition', p.status);
    if (!to) throw wrongStatus(p.status);
    await trx.updateTable('project').set({
      status: to, award_mode: 'competition', bid_deadline: new Date(deadline), criteria: JSON.stringify(input.criteria.map((c) => ({ name: c.name.trim(), max: c.max }))), updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.competition.open', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { deadline: input.deadline, criteria: names } });
  });
  return getProject(ctx, id);
}

/** A social organization's bid (its staff); a second bid by the same organization replaces the first until bidding closes. */
export async function submitBid(ctx: AuthedCtx, id: number, body: { socialOrgId?: number; price: number; plan: string }) {
  const links = await linksOf(ctx);
  if (!policy.isImplementer(ctx.actor)) throw errors.forbidden();
  // An account is staff of one organization (socialorgs: user_id is unique), so it may leave the id out.
  const input = { ...body, socialOrgId: body.socialOrgId ?? (links.socialOrgIds.length === 1 ? links.socialOrgIds[0] : 0) };
  if (!links.socialOrgIds.includes(input.socialOrgId)) throw errors.field('socialOrgId', { zh: '须为您所在的社会组织', en: 'must be a social organization you are staff of' });
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, (_x, r) => r.openToBid || r.bidder);
    if (!next('bid', p.status)) throw wrongStatus(p.status);
    if (p.bid_deadline && new Date(p.bid_deadline).getTime() < Date.now()) throw errors.conflict('BID_DEADLINE_PASSED', { zh: '投标截止时间已过', en: 'the bidding deadline has passed' });
    if (input.price > p.approved_amount) {
      throw errors.field('price', { zh: `报价不能超过批准金额 ${yuan(p.approved_amount)} 元`, en: `must not exceed the ${yuan(p.approved_amount)} yuan approved` });
    }
    const so = await socialOrgBrief(trx, input.socialOrgId);
    if (!so || so.status !== 'active') throw errors.field('socialOrgId', { zh: '社会组织须为正常状态', en: 'the social organization must be active' });
    const row = await trx.insertInto('project_bid').values({
      project_id: id, org_id: p.org_id, org_path: p.org_path, social_org_id: so.id, social_org_name: so.name, price: input.price, plan: input.plan.trim(), submitted_by: ctx.actor.userId,
    }).onConflict((oc) => oc.columns(['project_id', 'social_org_id']).doUpdateSet({ price: input.price, plan: input.plan.trim(), submitted_by: ctx.actor.userId, submitted_at: new Date() }))
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'project.bid', entityType: 'bid', entityId: row.id, orgPath: p.org_path, detail: { projectId: id, socialOrgId: so.id, price: input.price } });
  });
  return getProject(ctx, id);
}

export async function closeBidding(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, review(ctx));
    const to = next('closeBidding', p.status);
    if (!to) throw wrongStatus(p.status);
    const bids = await rec.bidsOf(trx, id);
    if (!bids.length) throw errors.conflict('NO_BIDS', { zh: '尚无投标，不能截止', en: 'no bids yet' });
    await trx.updateTable('project').set({ status: to, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.competition.close', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { bids: bids.length } });
  });
  return getProject(ctx, id);
}

/** A reviewer scores a bid on each criterion; scoring again replaces the reviewer's earlier scores (the bid's sum and count follow). */
export async function scoreBid(ctx: AuthedCtx, bidId: number, scores: number[]) {
  const bid0 = await ctx.deps.db.selectFrom('project_bid').select(['project_id']).where('id', '=', bidId).executeTakeFirst();
  if (!bid0) throw errors.notFound('bid');
  const projectId = bid0.project_id;
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, projectId, review(ctx)).catch((e) => { throw e.status === 404 ? errors.notFound('bid') : e; });
    if (!next('scoreBid', p.status)) throw wrongStatus(p.status);
    const t = scoreTotal(p.criteria, scores);
    if ('error' in t) {
      throw errors.field(t.error === 'count' ? 'scores' : t.error, t.error === 'count'
        ? { zh: `须为 ${p.criteria.length} 个评分项各打一分`, en: `needs one score for each of the ${p.criteria.length} criteria` }
        : { zh: '超出该评分项的分值范围', en: 'is outside the range of its criterion' });
    }
    const bid = (await rec.lockBid(trx, bidId))!;
    const before = await trx.selectFrom('project_bid_score').select('total').where('bid_id', '=', bidId).where('reviewer_id', '=', ctx.actor.userId).executeTakeFirst();
    await trx.insertInto('project_bid_score').values({ bid_id: bidId, reviewer_id: ctx.actor.userId, org_id: p.org_id, org_path: p.org_path, scores: JSON.stringify(scores), total: t.total })
      .onConflict((oc) => oc.columns(['bid_id', 'reviewer_id']).doUpdateSet({ scores: JSON.stringify(scores), total: t.total, scored_at: new Date() })).execute();
    await trx.updateTable('project_bid').set({
      score_count: bid.score_count + (before ? 0 : 1), score_sum: Number(bid.score_sum) - Number(before?.total ?? 0) + t.total,
    }).where('id', '=', bidId).execute();
    await recordAudit(trx, ctx, { action: 'project.bid.score', entityType: 'bid', entityId: bidId, orgPath: p.org_path, detail: { projectId, scores, total: t.total, rescored: !!before } });
  });
  return getProject(ctx, projectId);
}

export async function awardBest(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, review(ctx));
    const to = next('awardBest', p.status);
    if (!to) throw wrongStatus(p.status);
    const bids = await rec.bidsOf(trx, id);
    if (bids.some((b) => b.score_count === 0)) throw errors.conflict('BIDS_UNSCORED', { zh: '还有投标未评分', en: 'some bids are not scored yet' });
    const ranked = rankBids(bids.map((b) => ({ ...b, scoreSum: Number(b.score_sum), scoreCount: b.score_count, submittedAt: new Date(b.submitted_at).getTime() })));
    const best = ranked[0];
    const so = await socialOrgBrief(trx, best.social_org_id);
    if (!so || so.status !== 'active') throw errors.conflict('AWARDEE_INACTIVE', { zh: '排名第一的社会组织已非正常状态', en: 'the best-ranked organization is no longer active' });
    await trx.updateTable('project_bid').set({ status: 'lost' }).where('project_id', '=', id).where('id', '<>', best.id).execute();
    await trx.updateTable('project_bid').set({ status: 'awarded' }).where('id', '=', best.id).execute();
    // The contract is at the winning price: what the approval held above it goes back to the line now.
    const freed = p.approved_amount - best.price;
    if (freed > 0 && p.line_id) {
      await trx.selectFrom('project_budget_line').select('id').where('id', '=', p.line_id).forUpdate().execute();
      await trx.updateTable('project_budget_line').set((eb) => ({ committed: eb('committed', '-', freed), updated_at: new Date() })).where('id', '=', p.line_id).execute();
    }
    await trx.updateTable('project').set({
      approved_amount: Math.min(p.approved_amount, best.price),
      status: to, awardee_kind: 'socialOrg', social_org_id: so.id, social_worker_id: null, awardee_name: so.name, awarded_at: new Date(), awarded_by: ctx.actor.userId, updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.award', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { mode: 'competition', bidId: best.id, socialOrgId: so.id, price: best.price, freed: Math.max(0, freed), ranking: ranked.map((b) => b.id) } });
  });
  return getProject(ctx, id);
}

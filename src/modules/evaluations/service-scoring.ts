import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { socialOrgIdsOfUser } from '../socialorgs/api.js';
import * as repo from './repo.js';
import * as policy from './policy.js';

/**
 * 自评 / 互评: a user acting for an evaluatee (policy.actsFor) fills its sheet — its own row
 * (self score) and one row per other evaluatee (peer scores). A row covers every dimension
 * and may be corrected while the campaign is open; who entered it is kept.
 */
const ref = (e: { kind: 'org' | 'partnerUnit' | 'socialOrg'; subject_id: number; subject_path: string }) => ({ kind: e.kind, subjectId: e.subject_id, subjectPath: e.subject_path });
export const mySocialOrgs = (ctx: AuthedCtx) => (ctx.actor.role === 'socialOrgStaff' ? socialOrgIdsOfUser(ctx.deps.db, ctx.actor.userId) : Promise.resolve([] as number[]));

export async function myScoring(ctx: AuthedCtx) {
  if (!policy.canScore(ctx.actor)) throw errors.forbidden();
  const so = await mySocialOrgs(ctx);
  const rows = await repo.scoringCandidates(ctx.deps.db, ctx.actor, so);
  return {
    items: rows.filter((e) => policy.actsFor(ctx.actor, ref(e), so))
      .map((e) => ({ campaignId: e.campaign_id, title: e.title, periodStart: e.period_start, periodEnd: e.period_end, evaluateeId: e.id, name: e.name, kind: e.kind })),
  };
}

/** The rater must belong to the campaign and be one the actor acts for; otherwise it does not exist for them. */
async function raterFor(ctx: AuthedCtx, campaignId: number, raterId: number) {
  if (!policy.canScore(ctx.actor)) throw errors.forbidden();
  const e = await repo.evaluateeById(ctx.deps.db, raterId);
  if (!e || e.campaign_id !== campaignId || !policy.actsFor(ctx.actor, ref(e), await mySocialOrgs(ctx))) throw errors.notFound('evaluatee');
  return e;
}

export async function sheet(ctx: AuthedCtx, campaignId: number, raterId: number | undefined) {
  if (raterId === undefined) throw errors.field('raterId', { zh: '请指定代表哪个评价对象打分', en: 'is required: the evaluatee you score for' });
  const rater = await raterFor(ctx, campaignId, raterId);
  const db = ctx.deps.db;
  const [c, dims, evs, scores] = await Promise.all([repo.campaignById(db, campaignId), repo.dimensionsOf(db, campaignId), repo.evaluateesOf(db, campaignId), repo.scoresBy(db, campaignId, raterId)]);
  const byTarget = new Map<number, Record<string, number>>();
  for (const s of scores) byTarget.set(s.target_id, { ...(byTarget.get(s.target_id) ?? {}), [String(s.dimension_id)]: s.score });
  return {
    campaign: { id: c!.id, title: c!.title, status: c!.status, periodStart: c!.period_start, periodEnd: c!.period_end },
    rater: { id: rater.id, name: rater.name },
    dimensions: dims,
    rows: evs.map((e) => {
      const sc = byTarget.get(e.id) ?? {};
      return { targetId: e.id, name: e.name, self: e.id === rater.id, scores: sc, complete: Object.keys(sc).length === dims.length };
    }),
  };
}

export async function submitScores(ctx: AuthedCtx, campaignId: number, input: { raterId: number; targetId: number; scores: { dimensionId: number; score: number }[] }) {
  const rater = await raterFor(ctx, campaignId, input.raterId);
  const db = ctx.deps.db;
  const target = await repo.evaluateeById(db, input.targetId);
  if (!target || target.campaign_id !== campaignId) throw errors.field('targetId', { zh: '不是本次评价的对象', en: 'is not an evaluatee of this campaign' });
  const dims = await repo.dimensionsOf(db, campaignId);
  const ids = new Set(input.scores.map((s) => s.dimensionId));
  if (ids.size !== input.scores.length || ids.size !== dims.length || dims.some((d) => !ids.has(d.id)))
    throw errors.field('scores', { zh: '须对每个维度各打一个分', en: 'must score every dimension exactly once' });
  await inTransaction(ctx, async (trx) => {
    const c = await trx.selectFrom('eval_campaign').select(['status', 'org_id', 'org_path']).where('id', '=', campaignId).forShare().executeTakeFirstOrThrow();
    if (c.status !== 'open') throw errors.conflict('WRONG_STATUS', { zh: '仅评价中的活动可以打分', en: 'Scores can be entered only while the campaign is open' });
    await trx.insertInto('eval_score').values(input.scores.map((s) => ({
      campaign_id: campaignId, org_id: c.org_id, org_path: c.org_path, rater_id: rater.id, target_id: target.id, dimension_id: s.dimensionId, score: s.score,
      entered_by: ctx.actor.userId, entered_at: new Date(),
    }))).onConflict((oc) => oc.columns(['target_id', 'rater_id', 'dimension_id']).doUpdateSet((eb) => ({
      score: eb.ref('excluded.score'), entered_by: eb.ref('excluded.entered_by'), entered_at: eb.ref('excluded.entered_at'),
    }))).execute();
    await recordAudit(trx, ctx, {
      action: rater.id === target.id ? 'evaluation.score.self' : 'evaluation.score.peer', entityType: 'evaluatee', entityId: target.id, orgPath: c.org_path,
      detail: { campaignId, raterId: rater.id, targetId: target.id, scores: input.scores },
    });
  });
  return sheet(ctx, campaignId, input.raterId);
}

/** Whether the actor acts for this evaluatee (its rectification measures and unit-level sign-off). */
export async function actsForEvaluatee(ctx: AuthedCtx, evaluateeId: number) {
  const e = await repo.evaluateeById(ctx.deps.db, evaluateeId);
  return !!e && policy.actsFor(ctx.actor, ref(e), await mySocialOrgs(ctx));
}

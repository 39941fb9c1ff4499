import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuthedCtx, Ctx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { drawSample, poolSeed } from './rules.js';

/**
 * 民意测评: the household sample and its answers.
 * One sample pool per distinct survey area of the evaluatees: a community evaluatee is
 * answered by its own households, every other evaluatee by the campaign org's households.
 * Each pool draws `sample_size` households (all when fewer) with rules.drawSample seeded by
 * poolSeed(campaign seed, pool org id); a household answers for every evaluatee of its pool,
 * once. The link token is HMAC(server key, campaign, pool, household) — recomputable for the
 * link export, never stored: the table holds its SHA-256 only.
 */
export const tokenOf = (ctx: Ctx, campaignId: number, samplePath: string, householdId: number) =>
  ctx.deps.cipher.lookupHash(`eval-survey:${campaignId}:${samplePath}:${householdId}`).slice(0, 32);
const hashToken = (t: string) => crypto.createHash('sha256').update(t).digest('hex');

export async function drawSamples(ctx: Ctx, trx: Transaction<DB>, c: repo.CampaignRow) {
  const pools = await trx.selectFrom('eval_evaluatee').select(['sample_org_id', 'sample_path']).distinct().where('campaign_id', '=', c.id).orderBy('sample_org_id').execute();
  let drawn = 0;
  for (const p of pools) {
    const ids = await repo.householdIdsUnder(trx, p.sample_path);
    const picked = drawSample(ids, c.sample_size, poolSeed(c.seed, p.sample_org_id));
    const rows = await trx.selectFrom('household').select(['id', 'org_id', 'org_path']).where('id', 'in', picked.length ? picked : [0]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (let i = 0; i < picked.length; i += 1000) {
      await trx.insertInto('eval_sample').values(picked.slice(i, i + 1000).map((hid, j) => ({
        campaign_id: c.id, org_id: byId.get(hid)!.org_id, org_path: byId.get(hid)!.org_path, sample_path: p.sample_path, household_id: hid,
        draw_order: i + j + 1, token_hash: hashToken(tokenOf(ctx, c.id, p.sample_path, hid)),
      }))).execute();
    }
    drawn += picked.length;
  }
  return drawn;
}

async function surveyOf(db: repo.Q, m: { id: number; campaign_id: number; sample_path: string; answered_at: Date | null }) {
  const c = await repo.campaignById(db, m.campaign_id);
  const [dims, evs, h] = await Promise.all([
    repo.dimensionsOf(db, m.campaign_id),
    db.selectFrom('eval_evaluatee').select(['id', 'name']).where('campaign_id', '=', m.campaign_id).where('sample_path', '=', m.sample_path).orderBy('id').execute(),
    db.selectFrom('eval_sample as m').innerJoin('household as h', 'h.id', 'm.household_id').select('h.place').where('m.id', '=', m.id).executeTakeFirstOrThrow(),
  ]);
  return {
    sampleId: m.id, campaignId: c!.id, title: c!.title, periodStart: c!.period_start, periodEnd: c!.period_end, status: c!.status, place: h.place,
    answered: m.answered_at !== null, dimensions: dims, evaluatees: evs,
  };
}

export async function mySurveys(ctx: AuthedCtx) {
  if (!policy.canRespond(ctx.actor)) throw errors.forbidden();
  const rows = await repo.samplesOfUser(ctx.deps.db, ctx.actor.userId);
  return { items: await Promise.all(rows.map((m) => surveyOf(ctx.deps.db, m))) };
}

export interface AnswerInput { answers: { evaluateeId: number; scores: { dimensionId: number; score: number }[] }[] }

/** One household's answers: every evaluatee of its pool × every dimension, once; a second answer is refused. */
async function answer(ctx: Ctx, m: NonNullable<Awaited<ReturnType<typeof repo.sampleById>>>, input: AnswerInput, via: 'link' | 'app', userId: number | null) {
  const db = ctx.deps.db;
  const dims = await repo.dimensionsOf(db, m.campaign_id);
  const evs = await db.selectFrom('eval_evaluatee').select('id').where('campaign_id', '=', m.campaign_id).where('sample_path', '=', m.sample_path).execute();
  const evIds = new Set(evs.map((e) => e.id));
  const dimIds = new Set(dims.map((d) => d.id));
  const fields: Record<string, { zh: string; en: string }> = {};
  const seen = new Set<number>();
  input.answers.forEach((a, i) => {
    if (!evIds.has(a.evaluateeId) || seen.has(a.evaluateeId)) fields[`answers.${i}.evaluateeId`] = { zh: '不是本问卷的评价对象或重复', en: 'is not an evaluatee of this survey, or repeated' };
    seen.add(a.evaluateeId);
    const ds = new Set(a.scores.map((s) => s.dimensionId));
    if (ds.size !== a.scores.length || ds.size !== dimIds.size || [...ds].some((d) => !dimIds.has(d)))
      fields[`answers.${i}.scores`] = { zh: '须对每个维度各打一个分', en: 'must score every dimension exactly once' };
  });
  if (!fields.answers && !Object.keys(fields).length && seen.size !== evIds.size) fields.answers = { zh: '须对每个评价对象作答', en: 'must answer for every evaluatee' };
  if (Object.keys(fields).length) throw errors.validation(fields);
  await inTransaction(ctx, async (trx) => {
    const c = await trx.selectFrom('eval_campaign').select(['status', 'org_path']).where('id', '=', m.campaign_id).forShare().executeTakeFirstOrThrow();
    if (c.status !== 'open') throw errors.conflict('SURVEY_CLOSED', { zh: '本次测评已结束', en: 'This survey is closed' });
    const claimed = await trx.updateTable('eval_sample').set({ answered_at: new Date(), answered_by: userId, answered_via: via })
      .where('id', '=', m.id).where('answered_at', 'is', null).returning('id').executeTakeFirst();
    if (!claimed) throw errors.conflict('ALREADY_ANSWERED', { zh: '本户已经作答，不能重复提交', en: 'This household has already answered' });
    await trx.insertInto('eval_answer').values(input.answers.flatMap((a) => a.scores.map((s) => ({
      sample_id: m.id, campaign_id: m.campaign_id, org_id: m.org_id, org_path: m.org_path, evaluatee_id: a.evaluateeId, dimension_id: s.dimensionId, score: s.score,
    })))).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.survey.answer', entityType: 'survey', entityId: m.id, orgPath: m.org_path, detail: { campaignId: m.campaign_id, via } });
  });
  return surveyOf(db, { ...m, answered_at: new Date() });
}

export async function answerInApp(ctx: AuthedCtx, sampleId: number, input: AnswerInput) {
  if (!policy.canRespond(ctx.actor)) throw errors.forbidden();
  const m = await repo.sampleById(ctx.deps.db, sampleId);
  if (!m || !(await repo.userLivesIn(ctx.deps.db, ctx.actor.userId, m.household_id))) throw errors.notFound('survey');
  return answer(ctx, m, input, 'app', ctx.actor.userId);
}

async function byToken(ctx: Ctx, token: string) {
  const m = await repo.sampleByTokenHash(ctx.deps.db, hashToken(token));
  if (!m) throw errors.notFound('survey');
  return m;
}
export async function publicSurvey(ctx: Ctx, token: string) {
  const m = await byToken(ctx, token);
  const s = await surveyOf(ctx.deps.db, m);
  // The public page shows the estate/building only, never the exact address.
  return s;
}
export async function answerByToken(ctx: Ctx, token: string, input: AnswerInput) {
  return answer(ctx, await byToken(ctx, token), input, 'link', null);
}

// ── Staff views of the sample ──
export async function samplePage(ctx: AuthedCtx, campaignId: number, f: repo.SampleFilter, page: PageQuery) {
  const c = await repo.campaignById(ctx.deps.db, campaignId);
  if (!c || !policy.canReadAt(ctx.actor, c.org_path)) throw errors.notFound('campaign');
  const rows = await repo.samplePage(ctx.deps.db, campaignId, f, page);
  const total = await pageTotal(rows, page, async () => 0);
  const p = await repo.sampleProgress(ctx.deps.db, campaignId);
  return {
    items: rows.map((r) => ({ id: r.id, drawOrder: r.draw_order, poolName: r.pool_name, orgName: r.org_name, place: r.place, address: r.address_masked, answeredAt: r.answered_at ? r.answered_at.toISOString() : null, answeredVia: r.answered_via })),
    total, page: page.page, pageSize: page.pageSize, ...p,
  };
}

export const SAMPLE_COLUMNS = (en: boolean) => [
  { header: en ? 'Sample pool' : '测评范围', key: 'pool', width: 16 }, { header: en ? 'No.' : '抽样序号', key: 'drawOrder', width: 8 }, { header: en ? 'Area' : '所属组织', key: 'orgName', width: 20 },
  { header: en ? 'Place' : '位置', key: 'place', width: 28 }, { header: en ? 'Address (masked)' : '地址（脱敏）', key: 'address', width: 28 },
  { header: en ? 'Survey link' : '测评链接', key: 'link', width: 48 }, { header: en ? 'Answered' : '作答时间', key: 'answeredAt', width: 22 },
  { header: en ? 'Via' : '方式', key: 'via', width: 8 },
];
/** The sample with each household's survey link, for hand-out (managers only; audited). */
export async function* exportSample(ctx: AuthedCtx, campaignId: number): AsyncGenerator<Record<string, unknown>> {
  const c = await repo.campaignById(ctx.deps.db, campaignId);
  if (!c || !policy.canReadAt(ctx.actor, c.org_path)) throw errors.notFound('campaign');
  if (!policy.canManageAt(ctx.actor, c.org_path)) throw errors.forbidden();
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'evaluation.sample.export', entityType: 'campaign', entityId: campaignId, orgPath: c.org_path }));
  const en = ctx.meta.lang === 'en';
  for (let after = 0; ;) {
    const rows = await repo.sampleBatch(ctx.deps.db, campaignId, after, 1000);
    for (const r of rows) yield {
      pool: r.pool_name, drawOrder: r.draw_order, orgName: r.org_name, place: r.place, address: r.address_masked, link: `/s/${tokenOf(ctx, campaignId, r.sample_path, r.household_id)}`,
      answeredAt: r.answered_at ? r.answered_at.toISOString() : '', via: r.answered_via ? (en ? r.answered_via : r.answered_via === 'app' ? '应用' : '链接') : '',
    };
    if (rows.length < 1000) return;
    after = rows[rows.length - 1].id;
  }
}

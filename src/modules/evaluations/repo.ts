import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { CampaignStatus } from '../../db/schema-evaluations.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

/** Campaigns, dimensions, evaluatees, scores and the household sample. Data scope is applied here. */
export type Q = Database | Transaction<DB>;

for (const [table, zh, en] of [
  ['eval_campaign', '评价活动', 'evaluation campaigns'], ['eval_dimension', '评价维度', 'evaluation dimensions'],
  ['eval_evaluatee', '被评价对象', 'evaluatees'], ['eval_score', '自评互评分', 'self and peer scores'], ['eval_sample', '测评抽样户', 'survey sample'],
  ['eval_answer', '居民测评答卷', 'survey answers'], ['eval_result', '评价结果', 'evaluation results'], ['eval_rectification', '整改', 'rectifications'],
  ['eval_signoff', '整改销号', 'rectification sign-offs'], ['indicator_tree', '考核指标体系', 'indicator trees'], ['indicator_node', '考核指标', 'indicators'],
  ['indicator_score', '指标评分', 'indicator scores'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });
// The copied paths of the subject and of the sample pool follow subtree moves too.
registerOrgDependent({ table: 'eval_evaluatee', orgIdColumn: 'sample_org_id', orgPathColumn: 'sample_path', label: { zh: '被评价对象的测评范围', en: 'evaluatee sample pools' } });
registerOrgDependent({ table: 'eval_evaluatee', orgIdColumn: 'org_id', orgPathColumn: 'subject_path', label: { zh: '被评价对象', en: 'evaluatees' } });
registerOrgDependent({ table: 'eval_sample', orgIdColumn: 'org_id', orgPathColumn: 'sample_path', label: { zh: '测评抽样户', en: 'survey sample' } });

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function orgById(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'level', 'name', 'path', 'parent_id']).where('id', '=', id).executeTakeFirst();
}

// ── Campaigns ──
const campaignCols = (db: Q) => db.selectFrom('eval_campaign as c').innerJoin('org as o', 'o.id', 'c.org_id')
  .select(['c.id', 'c.org_id', 'c.org_path', 'o.name as org_name', 'c.title', 'c.period_start', 'c.period_end', 'c.status', 'c.weight_self', 'c.weight_peer',
    'c.weight_resident', 'c.pass_mark', 'c.best_n', 'c.sample_size', 'c.seed', 'c.rectify_days', 'c.created_at', 'c.opened_at', 'c.closed_at', 'c.published_at'])
  .select(sql<number>`(SELECT count(*)::int FROM eval_evaluatee e WHERE e.campaign_id = c.id)`.as('evaluatee_count'));
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof campaignById>>>;

export async function campaignById(db: Q, id: number) {
  return campaignCols(db).where('c.id', '=', id).executeTakeFirst();
}
export async function lockCampaign(trx: Transaction<DB>, id: number) {
  return campaignCols(trx).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
}

export interface CampaignFilter { q?: string; status?: CampaignStatus; year?: number }
function campaignQuery(db: Q, actor: Actor, f: CampaignFilter) {
  let qb = campaignCols(db).where(inScope(actor, 'c.org_path'));
  if (f.q?.trim()) qb = qb.where('c.title', 'ilike', `%${escapeLike(f.q.trim())}%`);
  if (f.status) qb = qb.where('c.status', '=', f.status);
  if (f.year) qb = qb.where(sql<SqlBool>`extract(year FROM c.period_start) = ${f.year}`);
  return qb;
}
export async function listCampaigns(db: Q, actor: Actor, f: CampaignFilter, page: PageQuery) {
  return campaignQuery(db, actor, f).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('c.period_start', 'desc').orderBy('c.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countCampaigns(db: Q, actor: Actor, f: CampaignFilter) {
  return (await db.selectFrom(campaignQuery(db, actor, f).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export async function campaignBatch(db: Q, actor: Actor, f: CampaignFilter, afterId: number, limit: number) {
  return campaignQuery(db, actor, f).where('c.id', '>', afterId).orderBy('c.id').limit(limit).execute();
}

/** Published campaigns on the actor's path (residents below the owner) or in the actor's scope. */
const publishedQuery = (db: Q, actor: Actor) => campaignCols(db).where('c.status', '=', 'published')
  .where((eb) => eb.or([sql<SqlBool>`${actor.orgPath} LIKE c.org_path || '%'`, inScope(actor, 'c.org_path')]));
export async function countPublished(db: Q, actor: Actor) {
  return (await db.selectFrom(publishedQuery(db, actor).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export async function listPublished(db: Q, actor: Actor, page: PageQuery) {
  return publishedQuery(db, actor)
    .select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('c.published_at', 'desc').orderBy('c.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

export async function dimensionsOf(db: Q, campaignId: number) {
  return db.selectFrom('eval_dimension').select(['id', 'position', 'name']).where('campaign_id', '=', campaignId).orderBy('position').execute();
}

// ── Evaluatees ──
export async function evaluateesOf(db: Q, campaignId: number) {
  return db.selectFrom('eval_evaluatee as e').innerJoin('org as so', 'so.id', 'e.sample_org_id')
    .select(['e.id', 'e.campaign_id', 'e.kind', 'e.subject_id', 'e.subject_path', 'e.name', 'e.sample_org_id', 'e.sample_path', 'so.name as sample_org_name',
      'e.self_score', 'e.peer_score', 'e.resident_score', 'e.final_score', 'e.peer_count', 'e.response_count', 'e.rank', 'e.passed', 'e.certified', 'e.org_path'])
    .where('e.campaign_id', '=', campaignId).orderBy('e.id').execute();
}
export type EvaluateeRow = Awaited<ReturnType<typeof evaluateesOf>>[number];

export async function evaluateeById(db: Q, id: number) {
  return db.selectFrom('eval_evaluatee').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Open campaigns with at least one evaluatee the actor may act for (the caller filters by policy). */
export async function scoringCandidates(db: Q, actor: Actor, socialOrgIds: number[]) {
  return db.selectFrom('eval_evaluatee as e').innerJoin('eval_campaign as c', 'c.id', 'e.campaign_id')
    .select(['e.id', 'e.campaign_id', 'e.kind', 'e.subject_id', 'e.subject_path', 'e.name', 'c.title', 'c.period_start', 'c.period_end', 'c.status'])
    .where('c.status', '=', 'open')
    .where((eb) => eb.or([
      eb.and([eb('e.kind', '=', 'org'), eb('e.subject_id', '=', actor.orgId)]),
      ...(socialOrgIds.length ? [eb.and([eb('e.kind', '=', 'socialOrg'), eb('e.subject_id', 'in', socialOrgIds)])] : []),
      eb.and([eb('e.kind', '=', 'partnerUnit'), inScope(actor, 'e.subject_path')]),
    ]))
    .orderBy('c.id', 'desc').orderBy('e.id').limit(500).execute();
}

/** Per evaluatee: self dimensions scored, targets fully scored by it, raters fully scoring it; and its pool's sample progress (set-based). */
export async function completeness(db: Q, campaignId: number, dims: number) {
  const r = await sql<{ id: number; self_dims: number; peers_given: number; peers_received: number; drawn: number; answered: number }>`
    WITH rows AS (SELECT rater_id, target_id, count(*)::int AS n FROM eval_score WHERE campaign_id = ${campaignId} GROUP BY rater_id, target_id),
    given AS (SELECT rater_id AS id, count(*)::int AS n FROM rows WHERE rater_id <> target_id AND n = ${dims} GROUP BY rater_id),
    received AS (SELECT target_id AS id, count(*)::int AS n FROM rows WHERE rater_id <> target_id AND n = ${dims} GROUP BY target_id),
    pools AS (SELECT sample_path, count(*)::int AS drawn, count(answered_at)::int AS answered FROM eval_sample WHERE campaign_id = ${campaignId} GROUP BY sample_path)
    SELECT e.id, coalesce(self.n, 0) AS self_dims, coalesce(g.n, 0) AS peers_given, coalesce(rc.n, 0) AS peers_received,
      coalesce(p.drawn, 0) AS drawn, coalesce(p.answered, 0) AS answered
    FROM eval_evaluatee e
    LEFT JOIN rows self ON self.rater_id = e.id AND self.target_id = e.id
    LEFT JOIN given g ON g.id = e.id LEFT JOIN received rc ON rc.id = e.id
    LEFT JOIN pools p ON p.sample_path = e.sample_path
    WHERE e.campaign_id = ${campaignId} ORDER BY e.id`.execute(db);
  return r.rows;
}

export async function scoresBy(db: Q, campaignId: number, raterId: number) {
  return db.selectFrom('eval_score').select(['target_id', 'dimension_id', 'score', 'entered_by', 'entered_at'])
    .where('campaign_id', '=', campaignId).where('rater_id', '=', raterId).execute();
}

// ── Sample ──
export async function householdIdsUnder(db: Q, path: string) {
  const rows = await db.selectFrom('household').select('id').where('status', '=', 'active').where('org_path', 'like', `${path}%`).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface SampleFilter { answered?: boolean; poolOrgId?: number }
function sampleQuery(db: Q, campaignId: number, f: SampleFilter) {
  let qb = db.selectFrom('eval_sample as m').innerJoin('household as h', 'h.id', 'm.household_id').innerJoin('org as o', 'o.id', 'm.org_id')
    .innerJoin('org as po', 'po.path', 'm.sample_path')
    .select(['m.id', 'm.household_id', 'm.draw_order', 'm.sample_path', 'po.name as pool_name', 'h.place', 'h.address_masked', 'o.name as org_name', 'm.answered_at', 'm.answered_via'])
    .where('m.campaign_id', '=', campaignId);
  if (f.answered !== undefined) qb = qb.where('m.answered_at', f.answered ? 'is not' : 'is', null);
  if (f.poolOrgId) qb = qb.where('m.sample_path', '=', sql<string>`(SELECT path FROM org WHERE id = ${f.poolOrgId})`);
  return qb;
}
export async function samplePage(db: Q, campaignId: number, f: SampleFilter, page: PageQuery) {
  return sampleQuery(db, campaignId, f).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('m.sample_path').orderBy('m.draw_order').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function sampleBatch(db: Q, campaignId: number, afterId: number, limit: number) {
  return sampleQuery(db, campaignId, {}).where('m.id', '>', afterId).orderBy('m.id').limit(limit).execute();
}
export async function sampleProgress(db: Q, campaignId: number) {
  return db.selectFrom('eval_sample').select([sql<number>`count(*)::int`.as('drawn'), sql<number>`count(answered_at)::int`.as('answered')])
    .where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
}

/** The open campaigns' samples of households the signed-in resident lives in. */
export async function samplesOfUser(db: Q, userId: number) {
  return db.selectFrom('resident as r').innerJoin('eval_sample as m', 'm.household_id', 'r.household_id').innerJoin('eval_campaign as c', 'c.id', 'm.campaign_id')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.campaign_id', 'm.sample_path', 'm.answered_at', 'c.title', 'c.period_start', 'c.period_end', 'c.status', 'h.place'])
    .where('r.user_id', '=', userId).where('r.status', '=', 'active').where('c.status', 'in', ['open', 'closed', 'published'])
    .orderBy('c.id', 'desc').limit(50).execute();
}
export async function sampleById(db: Q, id: number) {
  return db.selectFrom('eval_sample').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function sampleByTokenHash(db: Q, hash: string) {
  return db.selectFrom('eval_sample').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}
export async function userLivesIn(db: Q, userId: number, householdId: number) {
  return !!(await db.selectFrom('resident').select('id').where('user_id', '=', userId).where('household_id', '=', householdId).where('status', '=', 'active').executeTakeFirst());
}

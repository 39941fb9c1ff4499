import { sql } from 'kysely';
import type { ClaimStatus, ScoreSubject } from '../../db/schema-partners.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import type { Q } from './repo-people.js';

/** SQL of claims (认领) and of the per-year score table the rankings read. */
registerOrgDependent({ table: 'partner_claim', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '认领记录', en: 'claims' } });
registerOrgDependent({ table: 'partner_score', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '考评积分', en: 'assessment scores' } });

const claimCols = ['c.id', 'c.org_id', 'c.org_path', 'o.name as org_name', 'c.need_id', 'c.post_id', 'c.member_id', 'c.unit_id', 'c.status', 'c.note',
  'c.result', 'c.done_at', 'c.rating', 'c.feedback', 'c.feedback_at', 'c.created_at', 'm.user_id as member_user_id', 'n.raised_by as need_raised_by',
  sql<string>`COALESCE(n.title, s.name)`.as('target_title'), sql<string>`COALESCE(m.name, u.name)`.as('claimant_name')] as const;

function claimsFrom(db: Q) {
  return db.selectFrom('partner_claim as c').innerJoin('org as o', 'o.id', 'c.org_id')
    .leftJoin('partner_need as n', 'n.id', 'c.need_id').leftJoin('service_post as s', 's.id', 'c.post_id')
    .leftJoin('party_member as m', 'm.id', 'c.member_id').leftJoin('partner_unit as u', 'u.id', 'c.unit_id');
}

export interface ClaimFilter {
  orgPath: string; status?: ClaimStatus; target?: 'need' | 'post'; claimant?: 'member' | 'unit';
  needId?: number; postId?: number; memberId?: number; unitId?: number;
}
function claimsWhere(db: Q, actor: Actor, f: ClaimFilter) {
  let qb = claimsFrom(db).where(inScope(actor, 'c.org_path')).where(inScope({ orgPath: f.orgPath }, 'c.org_path'));
  if (f.status) qb = qb.where('c.status', '=', f.status);
  if (f.target === 'need') qb = qb.where('c.need_id', 'is not', null);
  if (f.target === 'post') qb = qb.where('c.post_id', 'is not', null);
  if (f.claimant === 'member') qb = qb.where('c.member_id', 'is not', null);
  if (f.claimant === 'unit') qb = qb.where('c.unit_id', 'is not', null);
  if (f.needId) qb = qb.where('c.need_id', '=', f.needId);
  if (f.postId) qb = qb.where('c.post_id', '=', f.postId);
  if (f.memberId) qb = qb.where('c.member_id', '=', f.memberId);
  if (f.unitId) qb = qb.where('c.unit_id', '=', f.unitId);
  return qb;
}
export function claimsPage(db: Q, actor: Actor, f: ClaimFilter, p: PageQuery) {
  return claimsWhere(db, actor, f).select(claimCols).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('c.id', 'desc').limit(p.pageSize).offset((p.page - 1) * p.pageSize).execute();
}
export async function countClaims(db: Q, actor: Actor, f: ClaimFilter) {
  return (await claimsWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}
export function claimsBatch(db: Q, actor: Actor, f: ClaimFilter, afterId: number | null, limit: number) {
  let qb = claimsWhere(db, actor, f).select(claimCols);
  if (afterId !== null) qb = qb.where('c.id', '<', afterId);
  return qb.orderBy('c.id', 'desc').limit(limit).execute();
}
export type ClaimRow = Awaited<ReturnType<typeof claimsBatch>>[number];

/** A claim as staff see it (scope), or as a resident sees it: their own, or one serving a need they raised. */
export function getClaimFor(db: Q, actor: Actor, id: number, resident: boolean) {
  let qb = claimsFrom(db).select(claimCols).where('c.id', '=', id);
  qb = resident
    ? qb.where((eb) => eb.or([eb('m.user_id', '=', actor.userId), eb('n.raised_by', '=', actor.userId)]))
    : qb.where(inScope(actor, 'c.org_path'));
  return qb.executeTakeFirst();
}
export function myClaims(db: Q, userId: number, p: PageQuery) {
  return claimsFrom(db).select(claimCols).select(sql<number>`count(*) over()`.as('total'))
    .where((eb) => eb.or([eb('m.user_id', '=', userId), eb('n.raised_by', '=', userId)]))
    .orderBy('c.id', 'desc').limit(p.pageSize).offset((p.page - 1) * p.pageSize).execute();
}
export async function countMyClaims(db: Q, userId: number) {
  return (await claimsFrom(db).select(sql<number>`count(*)`.as('n'))
    .where((eb) => eb.or([eb('m.user_id', '=', userId), eb('n.raised_by', '=', userId)])).executeTakeFirstOrThrow()).n;
}
/** The live claim of this claimant on this target, if any. */
export function liveClaim(db: Q, t: { needId: number | null; postId: number | null }, who: { memberId: number | null; unitId: number | null }) {
  let qb = db.selectFrom('partner_claim').select('id').where('status', 'in', ['claimed', 'in_progress']);
  qb = t.needId ? qb.where('need_id', '=', t.needId) : qb.where('post_id', '=', t.postId!);
  qb = who.memberId ? qb.where('member_id', '=', who.memberId) : qb.where('unit_id', '=', who.unitId!);
  return qb.executeTakeFirst();
}
export async function insertClaim(trx: Q, org: { id: number; path: string }, v: {
  need_id: number | null; post_id: number | null; member_id: number | null; unit_id: number | null; note: string | null; created_by: number;
}) {
  return (await trx.insertInto('partner_claim').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export function lockClaim(trx: Q, id: number) {
  return trx.selectFrom('partner_claim').select(['id', 'status', 'need_id', 'post_id', 'member_id', 'unit_id', 'done_at', 'rating', 'org_id', 'org_path'])
    .where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function updateClaim(trx: Q, id: number, v: {
  status?: ClaimStatus; result?: string | null; done_at?: Date | null; rating?: number; feedback?: string | null; feedback_by?: number; feedback_at?: Date;
}) {
  await trx.updateTable('partner_claim').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}

// ── Scores ──
export interface Subject { kind: ScoreSubject; id: number }
/** The subject's home org (a member's community, a unit's registering org). */
/** The party member linked to a resident account, if any. */
export function memberIdOfUser(db: Q, userId: number) {
  return db.selectFrom('party_member').select('id').where('user_id', '=', userId).executeTakeFirst();
}
export async function subjectOrg(db: Q, s: Subject) {
  const t = s.kind === 'member' ? 'party_member' : 'partner_unit';
  return db.selectFrom(t).select(['org_id', 'org_path']).where('id', '=', s.id).executeTakeFirstOrThrow();
}
/**
 * Adds to the subject's year row (creating it) and returns its inputs; the row stays
 * locked until commit, so the caller's score update sees no other writer in between.
 */
export async function bumpScore(trx: Q, year: number, s: Subject, org: { org_id: number; org_path: string }, d: { hours?: number; claimsDone?: number; ratingCount?: number; ratingSum?: number }) {
  return trx.insertInto('partner_score').values({
    year, subject_kind: s.kind, subject_id: s.id, org_id: org.org_id, org_path: org.org_path, hours: Math.max(d.hours ?? 0, 0),
    claims_done: Math.max(d.claimsDone ?? 0, 0), rating_count: d.ratingCount ?? 0, rating_sum: d.ratingSum ?? 0,
  }).onConflict((oc) => oc.columns(['year', 'subject_kind', 'subject_id']).doUpdateSet({
    hours: sql`partner_score.hours + ${d.hours ?? 0}`,
    claims_done: sql`partner_score.claims_done + ${d.claimsDone ?? 0}`,
    rating_count: sql`partner_score.rating_count + ${d.ratingCount ?? 0}`,
    rating_sum: sql`partner_score.rating_sum + ${d.ratingSum ?? 0}`,
    updated_at: new Date(),
  })).returning(['hours', 'claims_done', 'rating_count', 'rating_sum']).executeTakeFirstOrThrow();
}
export async function setScore(trx: Q, year: number, s: Subject, score: number) {
  await trx.updateTable('partner_score').set({ score }).where('year', '=', year).where('subject_kind', '=', s.kind).where('subject_id', '=', s.id).execute();
}

export interface RankFilter { year: number; kind: ScoreSubject; orgPath: string }
function rankWhere(db: Q, actor: Actor, f: RankFilter) {
  return db.selectFrom('partner_score as p').where('p.year', '=', f.year).where('p.subject_kind', '=', f.kind)
    .where(inScope(actor, 'p.org_path')).where(inScope({ orgPath: f.orgPath }, 'p.org_path'));
}
/** A page of the ranking: an index range scan of (year, kind, org_path, score DESC) or of (year, kind, score DESC). */
export function rankingPage(db: Q, actor: Actor, f: RankFilter, limit: number, offset: number) {
  const name = f.kind === 'member'
    ? sql<string>`(SELECT name FROM party_member x WHERE x.id = p.subject_id)`
    : sql<string>`(SELECT name FROM partner_unit x WHERE x.id = p.subject_id)`;
  return rankWhere(db, actor, f)
    .select(['p.subject_id', 'p.org_id', 'p.hours', 'p.claims_done', 'p.rating_count', 'p.rating_sum', 'p.score', name.as('name'),
      sql<string>`(SELECT o.name FROM org o WHERE o.id = p.org_id)`.as('org_name')])
    .orderBy('p.score', 'desc').orderBy('p.subject_id').limit(limit).offset(offset).execute();
}
export type RankRow = Awaited<ReturnType<typeof rankingPage>>[number];
export async function countRanking(db: Q, actor: Actor, f: RankFilter) {
  return (await rankWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

/** From-scratch inputs of every member or unit under the path for a year (claims, ratings, and hours when volunteering exists). */
export async function scoreInputs(db: Q, kind: ScoreSubject, year: number, underPath: string, withHours: boolean) {
  const table = kind === 'member' ? sql.table('party_member') : sql.table('partner_unit');
  const col = kind === 'member' ? sql.ref('c.member_id') : sql.ref('c.unit_id');
  const from = sql`make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`;
  const to = sql`make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`;
  const hours = withHours && kind === 'member'
    ? sql<number>`COALESCE((SELECT sum(g.minutes) FROM signup g JOIN volunteer v ON v.id = g.volunteer_id
        WHERE v.user_id = x.user_id AND g.confirmed_at >= ${from} AND g.confirmed_at < ${to}), 0) / 60.0`
    : sql<number>`0`;
  const r = await sql<{ id: number; org_id: number; org_path: string; hours: number; claims_done: number; rating_count: number; rating_sum: number }>`
    SELECT x.id, x.org_id, x.org_path, ${hours}::float8 AS hours,
      count(c.id)::int AS claims_done, count(c.rating)::int AS rating_count, COALESCE(sum(c.rating), 0)::int AS rating_sum
    FROM ${table} x
    LEFT JOIN partner_claim c ON ${col} = x.id AND c.status = 'done' AND c.done_at >= ${from} AND c.done_at < ${to}
    WHERE x.org_path LIKE ${underPath + '%'}
    GROUP BY x.id`.execute(db);
  return r.rows;
}
export async function hasVolunteering(db: Q): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT to_regclass('signup') IS NOT NULL AND to_regclass('volunteer') IS NOT NULL AS ok`.execute(db);
  return r.rows[0].ok;
}
export async function upsertScores(trx: Q, year: number, kind: ScoreSubject, rows: { id: number; org_id: number; org_path: string; hours: number; claims_done: number; rating_count: number; rating_sum: number; score: number }[]) {
  if (!rows.length) return;
  await trx.insertInto('partner_score').values(rows.map((r) => ({
    year, subject_kind: kind, subject_id: r.id, org_id: r.org_id, org_path: r.org_path, hours: Math.round(r.hours * 100) / 100,
    claims_done: r.claims_done, rating_count: r.rating_count, rating_sum: r.rating_sum, score: r.score,
  }))).onConflict((oc) => oc.columns(['year', 'subject_kind', 'subject_id']).doUpdateSet((eb) => ({
    org_id: eb.ref('excluded.org_id'), org_path: eb.ref('excluded.org_path'), hours: eb.ref('excluded.hours'), claims_done: eb.ref('excluded.claims_done'),
    rating_count: eb.ref('excluded.rating_count'), rating_sum: eb.ref('excluded.rating_sum'), score: eb.ref('excluded.score'), updated_at: new Date(),
  }))).execute();
}

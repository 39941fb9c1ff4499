import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { VoteStatus } from '../../db/schema-voting.js';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import type { Candidate } from './rules.js';

/** Votes, their electorate snapshot, participation and ballots. Data scope is applied here. */
export type Q = Database | Transaction<DB>;

registerOrgDependent({ table: 'vote', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '表决', en: 'votes' } });

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function orgById(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'level', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

const voteCols = (db: Q) => db.selectFrom('vote as v').innerJoin('org as o', 'o.id', 'v.org_id').selectAll('v').select('o.name as org_name')
  .select(sql<number>`(SELECT count(*)::int FROM vote_participation p WHERE p.vote_id = v.id)`.as('participation'));
export type VoteRow = NonNullable<Awaited<ReturnType<typeof voteById>>>;

export async function voteById(db: Q, id: number) {
  return voteCols(db).where('v.id', '=', id).executeTakeFirst();
}

/** Locks a vote for a change of its state or rule (waits for ballots being cast to commit). */
export async function lockVote(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('vote').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function optionsOf(db: Q, voteIds: number[]) {
  if (!voteIds.length) return [];
  return db.selectFrom('vote_option').select(['vote_id', 'key', 'label']).where('vote_id', 'in', voteIds).orderBy('vote_id').orderBy('position').execute();
}

export async function replaceOptions(trx: Transaction<DB>, voteId: number, options: { key: string; label: string }[]) {
  await trx.deleteFrom('vote_option').where('vote_id', '=', voteId).execute();
  if (options.length) await trx.insertInto('vote_option').values(options.map((o, i) => ({ vote_id: voteId, key: o.key, label: o.label, position: i }))).execute();
}

export interface VoteFilter { q?: string; status?: VoteStatus; orgId?: number; subjectType?: string; subjectId?: number }

function listQuery(db: Q, actor: Actor, f: VoteFilter, underPath: string | null) {
  let qb = voteCols(db).where(inScope(actor, 'v.org_path'));
  if (underPath) qb = qb.where('v.org_path', 'like', scopePattern(underPath));
  if (f.q?.trim()) qb = qb.where('v.title', 'ilike', `%${escapeLike(f.q.trim())}%`);
  if (f.status) qb = qb.where('v.status', '=', f.status);
  if (f.subjectType) qb = qb.where('v.subject_type', '=', f.subjectType as never);
  if (f.subjectId) qb = qb.where('v.subject_id', '=', f.subjectId);
  return qb;
}
export async function listVotes(db: Q, actor: Actor, f: VoteFilter, underPath: string | null, page: PageQuery) {
  return listQuery(db, actor, f, underPath).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('v.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countVotes(db: Q, actor: Actor, f: VoteFilter, underPath: string | null) {
  const r = await db.selectFrom(listQuery(db, actor, f, underPath).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
export async function voteBatch(db: Q, actor: Actor, f: VoteFilter, underPath: string | null, beforeId: number, limit: number) {
  return listQuery(db, actor, f, underPath).where('v.id', '<', beforeId).orderBy('v.id', 'desc').limit(limit).execute();
}

/** The votes a user is in the electorate of (open first), with whether their voter has voted. */
export async function myVotes(db: Q, userId: number, openOnly: boolean, page: PageQuery) {
  let qb = voteCols(db).innerJoin('vote_elector as e', (j) => j.onRef('e.vote_id', '=', 'v.id').on('e.user_id', '=', userId))
    .select(sql<boolean>`EXISTS (SELECT 1 FROM vote_participation p WHERE p.vote_id = v.id AND p.voter_key = e.voter_key)`.as('voted'))
    .select(sql<number>`count(*) over()::int`.as('total'));
  qb = openOnly ? qb.where('v.status', '=', 'open') : qb;
  return qb.orderBy(sql`v.status = 'open'`, 'desc').orderBy('v.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

/** The user's place in a vote's electorate: their voter key and whether that voter has voted. */
export async function electorOf(db: Q, voteId: number, userId: number) {
  return db.selectFrom('vote_elector as e').where('e.vote_id', '=', voteId).where('e.user_id', '=', userId)
    .select(['e.voter_key'])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM vote_participation p WHERE p.vote_id = e.vote_id AND p.voter_key = e.voter_key)`.as('voted'))
    .executeTakeFirst();
}

// ── Electorate at opening (reads delib_body/_member by contract, SELECT only) ──
export async function bodyById(db: Q, id: number) {
  const r = await sql<{ id: number; org_id: number; org_path: string; name: string; status: string }>`
    SELECT id, org_id, org_path, name, status FROM delib_body WHERE id = ${id}`.execute(db);
  return r.rows[0];
}
export async function bodyCandidates(db: Q, bodyId: number): Promise<Candidate[]> {
  const r = await sql<{ user_id: number }>`
    SELECT m.user_id FROM delib_body_member m JOIN app_user u ON u.id = m.user_id
    WHERE m.body_id = ${bodyId} AND m.status = 'active' AND u.status = 'active' ORDER BY m.id`.execute(db);
  return r.rows.map((x) => ({ userId: x.user_id, householdId: null, birthDate: null }));
}
export async function residentCandidates(db: Q, orgPath: string, where: { estateId?: number; buildingId?: number; household: boolean }): Promise<Candidate[]> {
  const pattern = scopePattern(orgPath);
  const r = where.household
    ? await sql<{ user_id: number; household_id: number | null; birth_date: string | null }>`
      SELECT r.user_id, r.household_id, r.birth_date::text AS birth_date
      FROM resident r JOIN app_user u ON u.id = r.user_id JOIN household h ON h.id = r.household_id
      WHERE r.status = 'active' AND u.status = 'active' AND h.status = 'active' AND h.org_path LIKE ${pattern}
        ${where.estateId ? sql`AND h.estate_id = ${where.estateId}` : sql``} ${where.buildingId ? sql`AND h.building_id = ${where.buildingId}` : sql``}
      ORDER BY r.id`.execute(db)
    : await sql<{ user_id: number; household_id: number | null; birth_date: string | null }>`
      SELECT r.user_id, r.household_id, r.birth_date::text AS birth_date
      FROM resident r JOIN app_user u ON u.id = r.user_id
      WHERE r.status = 'active' AND u.status = 'active' AND r.org_path LIKE ${pattern}
      ORDER BY r.id`.execute(db);
  return r.rows.map((x) => ({ userId: x.user_id, householdId: x.household_id, birthDate: x.birth_date }));
}
export async function estateById(db: Q, id: number) {
  return db.selectFrom('estate').select(['id', 'org_path', 'name']).where('id', '=', id).executeTakeFirst();
}
export async function buildingById(db: Q, id: number) {
  return db.selectFrom('building').select(['id', 'org_path', 'estate_id', 'name']).where('id', '=', id).executeTakeFirst();
}
export async function insertElectors(trx: Transaction<DB>, voteId: number, electors: { userId: number; voterKey: number }[]) {
  for (let i = 0; i < electors.length; i += 10000) {
    const chunk = electors.slice(i, i + 10000);
    await sql`INSERT INTO vote_elector (vote_id, user_id, voter_key)
      SELECT ${voteId}, u, k FROM unnest(${chunk.map((e) => e.userId)}::bigint[], ${chunk.map((e) => e.voterKey)}::bigint[]) AS t(u, k)`.execute(trx);
  }
}

// ── Ballots ──
/**
 * The closing count in one pass over the vote's ballots: cast, per-choice counts, and the
 * digest of the sorted lines "RECEIPT:choice,choice\n" (rules.ballotsDigest computes the same
 * in JS; receipts are fixed-length base32 and keys ASCII, so C order = JS sort order).
 */
export async function countBallots(db: Q, voteId: number) {
  // Ballots store their choices sorted (castBallot), so a line is the array joined as it is.
  const r = await sql<{ cast: number; counts: Record<string, number> | null; digest: string }>`
    WITH b AS MATERIALIZED (SELECT receipt, choices FROM vote_ballot WHERE vote_id = ${voteId})
    SELECT (SELECT count(*)::int FROM b) AS cast,
      (SELECT jsonb_object_agg(c, n) FROM (SELECT c, count(*)::int AS n FROM b, unnest(b.choices) AS c GROUP BY c) x) AS counts,
      encode(sha256(convert_to(coalesce((SELECT string_agg(receipt || ':' || array_to_string(choices, ',') || E'\n', '' ORDER BY receipt COLLATE "C") FROM b), ''), 'UTF8')), 'hex') AS digest`.execute(db);
  return { cast: r.rows[0].cast, counts: r.rows[0].counts ?? {}, digest: r.rows[0].digest };
}
export async function ballotsOf(db: Q, voteId: number) {
  return db.selectFrom('vote_ballot').select(['receipt', 'choices']).where('vote_id', '=', voteId).orderBy('receipt').execute();
}
export async function ballotPage(db: Q, voteId: number, page: PageQuery) {
  return db.selectFrom('vote_ballot').select(['receipt', 'choices', sql<number>`count(*) over()::int`.as('total')]).where('vote_id', '=', voteId)
    .orderBy('receipt').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function ballotByReceipt(db: Q, voteId: number, receipt: string) {
  return db.selectFrom('vote_ballot').select(['receipt', 'choices']).where('vote_id', '=', voteId).where('receipt', '=', receipt).executeTakeFirst();
}
export async function participationPage(db: Q, voteId: number, page: PageQuery) {
  return db.selectFrom('vote_participation as p').innerJoin('app_user as u', 'u.id', 'p.cast_by')
    .leftJoin('vote_ballot as b', (j) => j.onRef('b.vote_id', '=', 'p.vote_id').onRef('b.receipt', '=', 'p.receipt'))
    .select(['p.voter_key', 'p.cast_at', 'u.display_name', 'b.choices', sql<number>`count(*) over()::int`.as('total')])
    .where('p.vote_id', '=', voteId).orderBy('p.cast_at').orderBy('p.voter_key')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

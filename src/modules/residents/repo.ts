import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, IdType, PoliticalStatus, RegistrationType, Relation, ResidentChangeKind, ResidentStatus } from '../../db/schema.js';

type Gender = 'male' | 'female';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';

type Q = Database | Transaction<DB>;

/** A resident as lists and details need it (ciphertexts and hashes stay out). */
const viewCols = [
  'r.id', 'r.org_id', 'r.org_path', 'o.name as org_name', 'o.level as org_level', 'r.household_id', 'h.place as household_place',
  'r.relation', 'r.name', 'r.gender', 'r.birth_date', 'r.id_type', 'r.id_masked', 'r.phone_masked', 'r.ethnicity',
  'r.political_status', 'r.registration_type', 'r.arrival_date', 'r.tags', 'r.note', 'r.status', 'r.status_reason',
  'r.user_id', 'r.created_at', 'r.updated_at',
] as const;

/** Filters after the service has turned the request into hashes, paths and date bounds. */
export interface ResidentFilter {
  namePart?: string;
  /** Fuzzy on the household's place (trigram index on household.place). */
  placePart?: string;
  identity?: { idHashes: string[]; phoneHash: string | null };
  underPath?: string;
  householdId?: number;
  estateId?: number;
  buildingId?: number;
  manualTags?: string[];
  bornOnOrBefore?: string;
  bornAfter?: string;
  registrationType?: RegistrationType;
  gender?: Gender;
  politicalStatus?: PoliticalStatus;
  status: ResidentStatus | 'all';
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

function filtered(db: Q, actor: Actor, f: ResidentFilter) {
  let qb = db.selectFrom('resident as r').where(inScope(actor, 'r.org_path'));
  if (f.status !== 'all') qb = qb.where('r.status', '=', f.status);
  if (f.underPath) qb = qb.where('r.org_path', 'like', scopePattern(f.underPath));
  // Contains-match on the name. The GIN index on name_grams (the name's characters and
  // character pairs) finds the candidates for any query length, one- and two-character
  // Chinese queries included, in any locale; ILIKE then checks the characters' order.
  if (f.namePart) {
    qb = qb.where(sql<boolean>`r.name_grams @> gz_name_grams(${f.namePart})`)
      .where('r.name', 'ilike', `%${escapeLike(f.namePart)}%`);
  }
  if (f.identity) {
    const { idHashes, phoneHash } = f.identity;
    qb = qb.where((eb) => eb.or([eb('r.id_hash', 'in', idHashes), ...(phoneHash ? [eb('r.phone_hash', '=', phoneHash)] : [])]));
  }
  if (f.householdId) qb = qb.where('r.household_id', '=', f.householdId);
  if (f.buildingId) qb = qb.where('r.household_id', 'in', (eb) => eb.selectFrom('household').select('id').where('building_id', '=', f.buildingId!));
  if (f.placePart) qb = qb.where('r.household_id', 'in', (eb) => eb.selectFrom('household').select('id').where('place', 'ilike', `%${escapeLike(f.placePart!)}%`));
  if (f.estateId) qb = qb.where('r.household_id', 'in', (eb) => eb.selectFrom('household').select('id').where('estate_id', '=', f.estateId!));
  if (f.manualTags?.length) qb = qb.where(sql<boolean>`r.tags @> ${sql.val(f.manualTags)}::text[]`);
  if (f.bornOnOrBefore) qb = qb.where('r.birth_date', '<=', f.bornOnOrBefore);
  if (f.bornAfter) qb = qb.where('r.birth_date', '>', f.bornAfter);
  if (f.registrationType) qb = qb.where('r.registration_type', '=', f.registrationType);
  if (f.gender) qb = qb.where('r.gender', '=', f.gender);
  if (f.politicalStatus) qb = qb.where('r.political_status', '=', f.politicalStatus);
  return qb;
}

const withView = (qb: ReturnType<typeof filtered>) =>
  qb.innerJoin('org as o', 'o.id', 'r.org_id').leftJoin('household as h', 'h.id', 'r.household_id').select(viewCols);

/**
 * One page in id order, plus one row to tell whether more follow. The page's ids are
 * chosen first and only they are joined to their org and household. No window count: on
 * a street's or district's millions of rows `count(*) over()` would read every match.
 */
export function listPage(db: Q, actor: Actor, f: ResidentFilter, page: PageQuery) {
  const ids = filtered(db, actor, f).select('r.id').orderBy('r.id')
    .limit(page.pageSize + 1).offset((page.page - 1) * page.pageSize);
  return withView(db.selectFrom('resident as r').where('r.id', 'in', ids)).orderBy('r.id').execute();
}

/** Counts matches up to `cap` (an index-only walk for plain scope filters). */
export async function countUpTo(db: Q, actor: Actor, f: ResidentFilter, cap: number): Promise<number> {
  const r = await db.selectFrom(filtered(db, actor, f).select('r.id').limit(cap).as('m'))
    .select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export async function count(db: Q, actor: Actor, f: ResidentFilter): Promise<number> {
  return (await filtered(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

export function getView(db: Q, actor: Actor, id: number) {
  return withView(filtered(db, actor, { status: 'all' })).where('r.id', '=', id).executeTakeFirst();
}
export type ResidentView = NonNullable<Awaited<ReturnType<typeof getView>>>;

/** Keyset batches for exports, with the ciphertexts when the export reveals. */
export function exportBatch(db: Q, actor: Actor, f: ResidentFilter, afterId: number, size: number) {
  return withView(filtered(db, actor, f)).select(['r.id_enc', 'r.phone_enc'])
    .where('r.id', '>', afterId).orderBy('r.id').limit(size).execute();
}

/** The full row for a write, locked until the transaction ends; only inside the actor's scope. */
export function lockInScope(trx: Transaction<DB>, actor: Actor, id: number) {
  return trx.selectFrom('resident as r').selectAll('r').where('r.id', '=', id).where(inScope(actor, 'r.org_path')).forUpdate().executeTakeFirst();
}
export type ResidentRow = NonNullable<Awaited<ReturnType<typeof lockInScope>>>;

export function getSecrets(db: Q, actor: Actor, id: number) {
  return db.selectFrom('resident as r').select(['r.name', 'r.id_enc', 'r.phone_enc', 'r.org_path'])
    .where('r.id', '=', id).where(inScope(actor, 'r.org_path')).executeTakeFirst();
}

export async function idHashTaken(db: Q, hash: string, exceptId?: number): Promise<boolean> {
  let qb = db.selectFrom('resident').select('id').where('id_hash', '=', hash);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  return !!(await qb.executeTakeFirst());
}

export interface ResidentValues {
  org_id: number; org_path: string; household_id: number | null; relation: Relation | null; name: string;
  gender: Gender; birth_date: string | null; id_type: IdType; id_enc: string | null; id_hash: string | null; id_masked: string | null;
  phone_enc: string | null; phone_hash: string | null; phone_masked: string | null; ethnicity: string | null;
  political_status: PoliticalStatus | null; registration_type: RegistrationType; arrival_date: string | null;
  tags: string[]; note: string | null;
}

export async function insertResident(trx: Q, v: ResidentValues): Promise<number> {
  return (await trx.insertInto('resident').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateResident(trx: Q, id: number, v: Partial<ResidentValues> & { status?: ResidentStatus; status_reason?: string | null; user_id?: number | null }) {
  return trx.updateTable('resident').set({ ...v, updated_at: sql`now()` }).where('id', '=', id).execute();
}

// ── Household membership and the household's head ──

export function endMembership(trx: Q, residentId: number) {
  return trx.updateTable('household_membership').set({ ended_at: sql`now()` }).where('resident_id', '=', residentId).where('ended_at', 'is', null).execute();
}

export function startMembership(trx: Q, m: { residentId: number; householdId: number; orgId: number; orgPath: string; relation: Relation | null }) {
  return trx.insertInto('household_membership')
    .values({ resident_id: m.residentId, household_id: m.householdId, org_id: m.orgId, org_path: m.orgPath, relation: m.relation }).execute();
}

export function setMembershipRelation(trx: Q, residentId: number, relation: Relation | null) {
  return trx.updateTable('household_membership').set({ relation }).where('resident_id', '=', residentId).where('ended_at', 'is', null).execute();
}

/** Keeps household.head_resident_id in step with the members' relation 'head'. */
export async function syncHead(trx: Q, residentId: number, householdId: number | null, relation: Relation | null) {
  const heads = householdId && relation === 'head' ? householdId : null;
  let clear = trx.updateTable('household').set({ head_resident_id: null }).where('head_resident_id', '=', residentId);
  if (heads) clear = clear.where('id', '!=', heads);
  await clear.execute();
  if (heads) await trx.updateTable('household').set({ head_resident_id: residentId }).where('id', '=', heads).execute();
}

// ── The record's history ──

export function addChange(trx: Q, actor: Actor | null, c: { residentId: number; orgId: number; orgPath: string; kind: ResidentChangeKind; changes: Record<string, unknown> }) {
  return trx.insertInto('resident_change').values({
    resident_id: c.residentId, org_id: c.orgId, org_path: c.orgPath, kind: c.kind,
    actor_id: actor?.userId ?? null, actor_name: actor?.username ?? null, changes: JSON.stringify(c.changes),
  }).execute();
}

export function changesOf(db: Q, actor: Actor, residentId: number) {
  return db.selectFrom('resident_change as c').innerJoin('resident as r', 'r.id', 'c.resident_id')
    .select(['c.id', 'c.at', 'c.kind', 'c.actor_name', 'c.changes'])
    .where('c.resident_id', '=', residentId).where(inScope(actor, 'r.org_path'))
    .orderBy('c.at', 'desc').orderBy('c.id', 'desc').limit(500).execute();
}

export function membershipsOf(db: Q, actor: Actor, residentId: number) {
  return db.selectFrom('household_membership as m').innerJoin('resident as r', 'r.id', 'm.resident_id')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.household_id', 'h.place', 'h.org_path as household_org_path', 'm.relation', 'm.started_at', 'm.ended_at'])
    .where('m.resident_id', '=', residentId).where(inScope(actor, 'r.org_path'))
    .orderBy('m.started_at', 'desc').orderBy('m.id', 'desc').execute();
}

/** Moves a household's residents, their current memberships and their correction requests to the household's new org. */
export async function followHousehold(trx: Q, householdId: number, org: { id: number; path: string }) {
  const moved = await trx.updateTable('resident').set({ org_id: org.id, org_path: org.path, updated_at: sql`now()` })
    .where('household_id', '=', householdId).returning(['id', 'user_id']).execute();
  await trx.updateTable('household_membership').set({ org_id: org.id, org_path: org.path })
    .where('household_id', '=', householdId).where('ended_at', 'is', null).execute();
  if (moved.length)
    await trx.updateTable('correction_request').set({ org_id: org.id, org_path: org.path }).where('resident_id', 'in', moved.map((m) => m.id)).execute();
  return moved;
}

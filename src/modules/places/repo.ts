import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, Tenure } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';

/** SQL for households (户), the orgs they hang off, and their members (read only). */
type Q = Database | Transaction<DB>;

// ── Orgs a place may hang off (read only; the orgs module owns them) ──
export function getOrg(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'parent_id', 'level', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}
export type OrgRow = NonNullable<Awaited<ReturnType<typeof getOrg>>>;

/** Grids with a drawn boundary below a community. */
export function gridsWithBoundary(db: Q, communityPath: string) {
  return db.selectFrom('org').select(['id', 'path', 'boundary'])
    .where(inScope({ orgPath: communityPath }, 'path')).where('level', '=', 'grid').where('boundary', 'is not', null)
    .orderBy('path').execute();
}

// ── 户 ──
const recordCols = ['h.id', 'h.org_id', 'h.org_path', 'h.estate_id', 'h.building_id', 'h.unit_id', 'h.place', 'h.address_masked', 'h.status', 'h.head_resident_id'] as const;

export function getHouseholdInScope(db: Q, actor: Actor, id: number) {
  return db.selectFrom('household as h').select(recordCols).where('h.id', '=', id).where(inScope(actor, 'h.org_path')).executeTakeFirst();
}

const fullCols = [...recordCols, 'h.area_sqm', 'h.tenure', 'h.lon', 'h.lat', 'h.room_enc', 'o.name as org_name'] as const;
const memberCount = sql<number>`(SELECT count(*) FROM resident r WHERE r.household_id = h.id AND r.status = 'active')`.as('member_count');
/** Lists show the head's masked name so households of one unit can be told apart (the room is masked). */
const headName = sql<string | null>`(SELECT r.name FROM resident r WHERE r.id = h.head_resident_id)`.as('head_name');

/** The presented row; `actor` null only right after a write (the new org may be outside the writer's scope). */
export function getHouseholdFull(db: Q, actor: Actor | null, id: number) {
  let qb = db.selectFrom('household as h').innerJoin('org as o', 'o.id', 'h.org_id').select(fullCols).select([memberCount, headName]).where('h.id', '=', id);
  if (actor) qb = qb.where(inScope(actor, 'h.org_path'));
  return qb.executeTakeFirst();
}
export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof getHouseholdFull>>>;

export interface HouseholdFilter {
  q?: string; underPath?: string; estateId?: number; buildingId?: number; unitId?: number; status?: 'active' | 'inactive';
}

function householdsFiltered(db: Q, actor: Actor, f: HouseholdFilter) {
  let qb = db.selectFrom('household as h').innerJoin('org as o', 'o.id', 'h.org_id').where(inScope(actor, 'h.org_path'));
  if (f.underPath) qb = qb.where(inScope({ orgPath: f.underPath }, 'h.org_path'));
  if (f.estateId) qb = qb.where('h.estate_id', '=', f.estateId);
  if (f.buildingId) qb = qb.where('h.building_id', '=', f.buildingId);
  if (f.unitId) qb = qb.where('h.unit_id', '=', f.unitId);
  if (f.status) qb = qb.where('h.status', '=', f.status);
  // ILIKE is answered by the trigram index on place.
  if (f.q?.trim()) qb = qb.where('h.place', 'ilike', `%${f.q.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  return qb;
}

export function searchHouseholds(db: Q, actor: Actor, f: HouseholdFilter, page: PageQuery) {
  return householdsFiltered(db, actor, f).select(fullCols).select([memberCount, headName]).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('h.place').orderBy('h.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

export async function countHouseholds(db: Q, actor: Actor, f: HouseholdFilter) {
  return (await householdsFiltered(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

/** Keyset batches for exports: never one huge result set in memory. */
export function exportHouseholdBatch(db: Q, actor: Actor, f: HouseholdFilter, afterId: number, size: number) {
  return householdsFiltered(db, actor, f).select(fullCols).select([memberCount, headName])
    .where('h.id', '>', afterId).orderBy('h.id').limit(size).execute();
}

/** Residents living in the household (read-only join; the residents module owns them). */
export function members(db: Q, householdId: number) {
  return db.selectFrom('resident as r')
    .select(['r.id', 'r.name', 'r.relation', 'r.gender', 'r.birth_date', 'r.tags', 'r.status'])
    .where('r.household_id', '=', householdId)
    .orderBy(sql`r.relation = 'head'`, 'desc').orderBy('r.id').execute();
}

export async function addressHashTaken(db: Q, hash: string, exceptId?: number) {
  let qb = db.selectFrom('household').select('id').where('address_hash', '=', hash);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  return !!(await qb.executeTakeFirst());
}

export interface HouseholdValues {
  orgId: number; orgPath: string; estateId: number | null; buildingId: number | null; unitId: number | null;
  place: string; roomEnc: string | null; addressEnc: string; addressMasked: string; addressHash: string;
  areaSqm: number | null; tenure: Tenure | null; lon: number | null; lat: number | null;
}

const columns = (v: HouseholdValues) => ({
  org_id: v.orgId, org_path: v.orgPath, estate_id: v.estateId, building_id: v.buildingId, unit_id: v.unitId,
  place: v.place, room_enc: v.roomEnc, address_enc: v.addressEnc, address_masked: v.addressMasked, address_hash: v.addressHash,
  area_sqm: v.areaSqm, tenure: v.tenure, lon: v.lon, lat: v.lat,
});

export async function insertHousehold(trx: Q, v: HouseholdValues) {
  return (await trx.insertInto('household').values(columns(v)).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateHousehold(trx: Q, id: number, v: HouseholdValues & { status: 'active' | 'inactive' }) {
  return trx.updateTable('household').set({ ...columns(v), status: v.status, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Edits that leave the place, address and owner as they are. */
export function updateHouseholdFacts(trx: Q, id: number, v: { areaSqm: number | null; tenure: Tenure | null; status: 'active' | 'inactive' }) {
  return trx.updateTable('household').set({ area_sqm: v.areaSqm, tenure: v.tenure, status: v.status, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Households whose place text names this estate, building or unit (renames rewrite them). */
export function householdsIn(trx: Q, where: { estateId?: number; buildingId?: number; unitId?: number }) {
  let qb = trx.selectFrom('household as h')
    .leftJoin('estate as e', 'e.id', 'h.estate_id').leftJoin('building as b', 'b.id', 'h.building_id').leftJoin('unit as u', 'u.id', 'h.unit_id')
    .select(['h.id', 'h.room_enc', 'e.name as estate_name', 'b.name as building_name', 'u.name as unit_name']);
  if (where.estateId) qb = qb.where('h.estate_id', '=', where.estateId);
  if (where.buildingId) qb = qb.where('h.building_id', '=', where.buildingId);
  if (where.unitId) qb = qb.where('h.unit_id', '=', where.unitId);
  return qb.orderBy('h.id').execute();
}

export function setHouseholdPlace(trx: Q, id: number, v: { place: string; addressEnc: string; addressMasked: string }) {
  return trx.updateTable('household')
    .set({ place: v.place, address_enc: v.addressEnc, address_masked: v.addressMasked, updated_at: sql`now()` })
    .where('id', '=', id).execute();
}

export async function getAddressEnc(db: Q, id: number) {
  return (await db.selectFrom('household').select('address_enc').where('id', '=', id).executeTakeFirst())?.address_enc;
}

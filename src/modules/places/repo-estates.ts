import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';

/** SQL for estates (小区), buildings (楼栋) and units (单元). */
type Q = Database | Transaction<DB>;

const likeArg = (q: string) => `%${q.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
const pageOf = (p: PageQuery) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
const total = sql<number>`count(*) over()`.as('total');

// ── 小区 ──
const estateCols = ['e.id', 'e.org_id', 'e.org_path', 'e.name', 'e.address', 'e.lon', 'e.lat', 'o.name as org_name'] as const;
const estateCounts = [
  sql<number>`(SELECT count(*) FROM building b WHERE b.estate_id = e.id)`.as('building_count'),
  sql<number>`(SELECT count(*) FROM household h WHERE h.estate_id = e.id)`.as('household_count'),
] as const;

export function getEstate(db: Q, actor: Actor, id: number) {
  return db.selectFrom('estate as e').innerJoin('org as o', 'o.id', 'e.org_id').select(estateCols).select(estateCounts)
    .where('e.id', '=', id).where(inScope(actor, 'e.org_path')).executeTakeFirst();
}
export type EstateRecord = NonNullable<Awaited<ReturnType<typeof getEstate>>>;

export interface EstateFilter { q?: string; underPath?: string }

function estatesFiltered(db: Q, actor: Actor, f: EstateFilter) {
  let qb = db.selectFrom('estate as e').innerJoin('org as o', 'o.id', 'e.org_id').where(inScope(actor, 'e.org_path'));
  if (f.underPath) qb = qb.where(inScope({ orgPath: f.underPath }, 'e.org_path'));
  if (f.q?.trim()) qb = qb.where('e.name', 'ilike', likeArg(f.q));
  return qb;
}

export function searchEstates(db: Q, actor: Actor, f: EstateFilter, page: PageQuery) {
  const { limit, offset } = pageOf(page);
  return estatesFiltered(db, actor, f).select(estateCols).select(estateCounts).select(total)
    .orderBy('e.name').orderBy('e.id').limit(limit).offset(offset).execute();
}

export async function countEstates(db: Q, actor: Actor, f: EstateFilter) {
  return (await estatesFiltered(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function estateNameTaken(db: Q, orgId: number, name: string, exceptId?: number) {
  let qb = db.selectFrom('estate').select('id').where('org_id', '=', orgId).where('name', '=', name);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  return !!(await qb.executeTakeFirst());
}

export async function insertEstate(trx: Q, v: { orgId: number; orgPath: string; name: string; address: string | null; lon: number | null; lat: number | null }) {
  const r = await trx.insertInto('estate')
    .values({ org_id: v.orgId, org_path: v.orgPath, name: v.name, address: v.address, lon: v.lon, lat: v.lat })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function updateEstate(trx: Q, id: number, v: { orgId: number; orgPath: string; name: string; address: string | null; lon: number | null; lat: number | null }) {
  return trx.updateTable('estate')
    .set({ org_id: v.orgId, org_path: v.orgPath, name: v.name, address: v.address, lon: v.lon, lat: v.lat, updated_at: sql`now()` })
    .where('id', '=', id).execute();
}

/** Buildings and units inherit their estate's org, so they move with it. */
export async function moveEstateChildren(trx: Q, estateId: number, orgId: number, orgPath: string) {
  await trx.updateTable('building').set({ org_id: orgId, org_path: orgPath }).where('estate_id', '=', estateId).execute();
  await trx.updateTable('unit').set({ org_id: orgId, org_path: orgPath })
    .where('building_id', 'in', (eb) => eb.selectFrom('building').select('id').where('estate_id', '=', estateId)).execute();
}

/** Communities (by path) of the estate's households: an estate may not leave them behind. */
export async function householdCommunityPaths(db: Q, estateId: number) {
  const rows = await db.selectFrom('household').select('org_path').distinct().where('estate_id', '=', estateId).execute();
  return rows.map((r) => r.org_path);
}

export function deleteEstate(trx: Q, id: number) {
  return trx.deleteFrom('estate').where('id', '=', id).execute();
}

// ── 楼栋 ──
const buildingCols = ['b.id', 'b.estate_id', 'b.org_id', 'b.org_path', 'b.name', 'b.floors', 'b.lon', 'b.lat', 'e.name as estate_name'] as const;
const buildingCounts = [
  sql<number>`(SELECT count(*) FROM unit u WHERE u.building_id = b.id)`.as('unit_count'),
  sql<number>`(SELECT count(*) FROM household h WHERE h.building_id = b.id)`.as('household_count'),
] as const;

export function getBuilding(db: Q, actor: Actor, id: number) {
  return db.selectFrom('building as b').innerJoin('estate as e', 'e.id', 'b.estate_id').select(buildingCols).select(buildingCounts)
    .where('b.id', '=', id).where(inScope(actor, 'b.org_path')).executeTakeFirst();
}
export type BuildingRecord = NonNullable<Awaited<ReturnType<typeof getBuilding>>>;

export interface BuildingFilter { q?: string; estateId?: number }

function buildingsFiltered(db: Q, actor: Actor, f: BuildingFilter) {
  let qb = db.selectFrom('building as b').innerJoin('estate as e', 'e.id', 'b.estate_id').where(inScope(actor, 'b.org_path'));
  if (f.estateId) qb = qb.where('b.estate_id', '=', f.estateId);
  if (f.q?.trim()) qb = qb.where('b.name', 'ilike', likeArg(f.q));
  return qb;
}

export function searchBuildings(db: Q, actor: Actor, f: BuildingFilter, page: PageQuery) {
  const { limit, offset } = pageOf(page);
  // Natural order: '2号楼' before '10号楼'.
  return buildingsFiltered(db, actor, f).select(buildingCols).select(buildingCounts).select(total)
    .orderBy('e.name').orderBy(sql`length(b.name)`).orderBy('b.name').orderBy('b.id').limit(limit).offset(offset).execute();
}

export async function countBuildings(db: Q, actor: Actor, f: BuildingFilter) {
  return (await buildingsFiltered(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function buildingNameTaken(db: Q, estateId: number, name: string, exceptId?: number) {
  let qb = db.selectFrom('building').select('id').where('estate_id', '=', estateId).where('name', '=', name);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  return !!(await qb.executeTakeFirst());
}

export async function insertBuilding(trx: Q, v: { estateId: number; orgId: number; orgPath: string; name: string; floors: number | null; lon: number | null; lat: number | null }) {
  const r = await trx.insertInto('building')
    .values({ estate_id: v.estateId, org_id: v.orgId, org_path: v.orgPath, name: v.name, floors: v.floors, lon: v.lon, lat: v.lat })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function updateBuilding(trx: Q, id: number, v: { name: string; floors: number | null; lon: number | null; lat: number | null }) {
  return trx.updateTable('building').set({ ...v, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export function deleteBuilding(trx: Q, id: number) {
  return trx.deleteFrom('building').where('id', '=', id).execute();
}

// ── 单元 ──
const unitCols = ['u.id', 'u.building_id', 'u.org_id', 'u.org_path', 'u.name'] as const;
const unitCounts = sql<number>`(SELECT count(*) FROM household h WHERE h.unit_id = u.id)`.as('household_count');

export function getUnit(db: Q, actor: Actor, id: number) {
  return db.selectFrom('unit as u').select(unitCols).select(unitCounts)
    .where('u.id', '=', id).where(inScope(actor, 'u.org_path')).executeTakeFirst();
}
export type UnitRecord = NonNullable<Awaited<ReturnType<typeof getUnit>>>;

export interface UnitFilter { q?: string; buildingId?: number }

function unitsFiltered(db: Q, actor: Actor, f: UnitFilter) {
  let qb = db.selectFrom('unit as u').where(inScope(actor, 'u.org_path'));
  if (f.buildingId) qb = qb.where('u.building_id', '=', f.buildingId);
  if (f.q?.trim()) qb = qb.where('u.name', 'ilike', likeArg(f.q));
  return qb;
}

export function searchUnits(db: Q, actor: Actor, f: UnitFilter, page: PageQuery) {
  const { limit, offset } = pageOf(page);
  return unitsFiltered(db, actor, f).select(unitCols).select(unitCounts).select(total)
    .orderBy('u.building_id').orderBy(sql`length(u.name)`).orderBy('u.name').orderBy('u.id').limit(limit).offset(offset).execute();
}

export async function countUnits(db: Q, actor: Actor, f: UnitFilter) {
  return (await unitsFiltered(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function unitNameTaken(db: Q, buildingId: number, name: string, exceptId?: number) {
  let qb = db.selectFrom('unit').select('id').where('building_id', '=', buildingId).where('name', '=', name);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  return !!(await qb.executeTakeFirst());
}

export async function insertUnit(trx: Q, v: { buildingId: number; orgId: number; orgPath: string; name: string }) {
  const r = await trx.insertInto('unit')
    .values({ building_id: v.buildingId, org_id: v.orgId, org_path: v.orgPath, name: v.name })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function renameUnit(trx: Q, id: number, name: string) {
  return trx.updateTable('unit').set({ name, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export function deleteUnit(trx: Q, id: number) {
  return trx.deleteFrom('unit').where('id', '=', id).execute();
}

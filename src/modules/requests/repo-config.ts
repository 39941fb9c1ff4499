import { sql } from 'kysely';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import type { Q } from './repo.js';

/** Configuration: the category catalogue, routing rules, Open311 keys; and the org reads routing needs. */
registerOrgDependent({ table: 'request_route', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '诉求派单规则', en: 'routing rules' } });
registerOrgDependent({ table: 'open311_key', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: 'Open311 接入密钥', en: 'Open311 keys' } });

export function allCategories(db: Q) {
  return db.selectFrom('request_category').selectAll().orderBy('sort').orderBy('id').execute();
}
export type CategoryRow = Awaited<ReturnType<typeof allCategories>>[number];

export async function insertCategory(db: Q, v: Omit<CategoryRow, 'id' | 'created_at' | 'updated_at'>): Promise<number> {
  const r = await db.insertInto('request_category').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCategory(db: Q, id: number, v: Partial<CategoryRow>): Promise<void> {
  await db.updateTable('request_category').set({ ...v, updated_at: sql`now()` } as never).where('id', '=', id).execute();
}

export async function categoryInUse(db: Q, id: number): Promise<boolean> {
  const r = await db.selectFrom('request').select('id').where('category_id', '=', id).limit(1).executeTakeFirst();
  return !!r;
}

/** Every routing rule with its handler's current path (a few per area; cached with the catalogue). */
export function allRoutes(db: Q) {
  return db.selectFrom('request_route as rr').innerJoin('org as h', 'h.id', 'rr.handler_org_id')
    .select(['rr.org_path', 'rr.category_id', 'rr.handler_org_id', 'h.path as handler_path', 'h.name as handler_name']).execute();
}
export type RouteRuleRow = Awaited<ReturnType<typeof allRoutes>>[number];

export function listRoutes(db: Q, actor: Actor, f: { underPath?: string; categoryId?: number }, page: PageQuery) {
  let qb = db.selectFrom('request_route as rr')
    .innerJoin('org as o', 'o.id', 'rr.org_id').innerJoin('org as h', 'h.id', 'rr.handler_org_id')
    .innerJoin('request_category as c', 'c.id', 'rr.category_id')
    .select(['rr.id', 'rr.org_id', 'rr.org_path', 'o.name as org_name', 'rr.category_id', 'c.name as category_name',
      'rr.handler_org_id', 'h.name as handler_name', 'rr.created_at', sql<number>`count(*) over()`.as('total')])
    .where(inScope(actor, 'rr.org_path'));
  if (f.underPath) qb = qb.where(inScope({ orgPath: f.underPath }, 'rr.org_path'));
  if (f.categoryId) qb = qb.where('rr.category_id', '=', f.categoryId);
  return qb.orderBy('rr.org_path').orderBy('rr.category_id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

export function getRoute(db: Q, actor: Actor, id: number) {
  return db.selectFrom('request_route').selectAll().where('id', '=', id).where(inScope(actor, 'org_path')).executeTakeFirst();
}

export async function insertRoute(db: Q, v: { orgId: number; orgPath: string; categoryId: number; handlerOrgId: number; createdBy: number }) {
  const r = await db.insertInto('request_route').values({
    org_id: v.orgId, org_path: v.orgPath, category_id: v.categoryId, handler_org_id: v.handlerOrgId, created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteRoute(db: Q, id: number) {
  await db.deleteFrom('request_route').where('id', '=', id).execute();
}

// ── Orgs as routing sees them (the request module reads org names, levels and boundaries) ──
export interface OrgBrief { id: number; name: string; level: string; path: string; parent_id: number | null }

export function orgById(db: Q, id: number): Promise<OrgBrief | undefined> {
  return db.selectFrom('org').select(['id', 'name', 'level', 'path', 'parent_id']).where('id', '=', id).executeTakeFirst();
}

/** The orgs on a path (its ancestors and itself), root first. */
export function orgsOnPath(db: Q, path: string): Promise<OrgBrief[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  return db.selectFrom('org').select(['id', 'name', 'level', 'path', 'parent_id']).where('id', 'in', ids).orderBy(sql`length(path)`).execute();
}

export function gridsUnder(db: Q, path: string) {
  return db.selectFrom('org').select(['id', 'name', 'path', 'boundary']).where('level', '=', 'grid')
    .where(inScope({ orgPath: path }, 'path')).where('boundary', 'is not', null).orderBy('path').execute();
}

/** Departments hanging off any org on the path (the district's and the street's offices). */
export function departmentsAbove(db: Q, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  return db.selectFrom('org').select(['id', 'name', 'level', 'path', 'parent_id']).where('level', '=', 'department')
    .where('parent_id', 'in', ids).orderBy('path').execute();
}

export function unitsInScope(db: Q, actor: Actor, underPath: string) {
  return db.selectFrom('org').select(['id', 'name', 'level', 'path', 'parent_id']).where('level', 'in', ['community', 'grid'])
    .where(inScope(actor, 'path')).where(inScope({ orgPath: underPath }, 'path')).orderBy('path').limit(500).execute();
}

/** The accounts of a unit that hear about its work (not residents). */
export const STAFF_ROLES = ['streetStaff', 'communityWorker', 'gridWorker', 'departmentStaff'] as const;

// ── Open311 keys ──
export function listKeys(db: Q, actor: Actor, page: PageQuery) {
  return db.selectFrom('open311_key as k').innerJoin('org as o', 'o.id', 'k.org_id')
    .select(['k.id', 'k.org_id', 'k.org_path', 'o.name as org_name', 'k.name', 'k.key_prefix', 'k.created_at', 'k.revoked_at', sql<number>`count(*) over()`.as('total')])
    .where(inScope(actor, 'k.org_path')).orderBy('k.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export type KeyRow = Awaited<ReturnType<typeof listKeys>>[number];

export async function insertKey(db: Q, v: { orgId: number; orgPath: string; name: string; keyHash: string; keyPrefix: string; createdBy: number }) {
  const r = await db.insertInto('open311_key').values({
    org_id: v.orgId, org_path: v.orgPath, name: v.name, key_hash: v.keyHash, key_prefix: v.keyPrefix, created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function getKey(db: Q, actor: Actor, id: number) {
  return db.selectFrom('open311_key').selectAll().where('id', '=', id).where(inScope(actor, 'org_path')).executeTakeFirst();
}

export async function revokeKey(db: Q, id: number) {
  await db.updateTable('open311_key').set({ revoked_at: sql`now()` } as never).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

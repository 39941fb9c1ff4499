import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, OrgLevel } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import { orgDependents } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

type Q = Database | Transaction<DB>;

const cols = ['o.id', 'o.parent_id', 'o.level', 'o.code', 'o.name', 'o.path', 'o.households_target', 'o.boundary'] as const;
const childCount = sql<number>`(SELECT count(*) FROM org c WHERE c.parent_id = o.id)`.as('child_count');

export function getById(db: Q, id: number) {
  return db.selectFrom('org as o').select(cols).select(childCount).where('o.id', '=', id).executeTakeFirst();
}
export type OrgRecord = NonNullable<Awaited<ReturnType<typeof getById>>>;

export function getByCode(db: Q, code: string) {
  return db.selectFrom('org as o').select(cols).select(childCount).where('o.code', '=', code).executeTakeFirst();
}

export function listChildren(db: Q, parentId: number, page: PageQuery) {
  return db.selectFrom('org as o').select(cols).select(childCount)
    .select(sql<number>`count(*) over()`.as('total'))
    .where('o.parent_id', '=', parentId)
    .orderBy('o.code')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize)
    .execute();
}

/** Ancestors of a path, top-down, that lie inside the actor's scope. */
export function ancestorsInScope(db: Q, actor: Actor, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number).slice(0, -1);
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('org as o').select(cols).select(childCount)
    .where('o.id', 'in', ids).where(inScope(actor, 'o.path'))
    .orderBy(sql`length(o.path)`).execute();
}

export interface OrgFilter { q?: string; level?: OrgLevel; underPath?: string }

function filtered(db: Q, actor: Actor, f: OrgFilter) {
  let qb = db.selectFrom('org as o').where(inScope(actor, 'o.path'));
  if (f.underPath) qb = qb.where('o.path', 'like', scopePattern(f.underPath));
  if (f.level) qb = qb.where('o.level', '=', f.level);
  if (f.q) {
    const q = f.q.trim();
    if (/^[0-9D]+$/.test(q)) qb = qb.where('o.code', 'like', q + '%');
    else qb = qb.where('o.name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  }
  return qb;
}

export function search(db: Q, actor: Actor, f: OrgFilter, page: PageQuery) {
  return filtered(db, actor, f).select(cols).select(childCount)
    .select(sql<number>`count(*) over()`.as('total'))
    .orderBy(sql`length(o.code)`).orderBy('o.code')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize)
    .execute();
}

export async function countSearch(db: Q, actor: Actor, f: OrgFilter): Promise<number> {
  const r = await filtered(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** Keyset batches for exports: never one huge result set in memory. */
export function exportBatch(db: Q, actor: Actor, f: OrgFilter, afterCode: string, size: number) {
  return filtered(db, actor, f).select(['o.id', 'o.level', 'o.code', 'o.name', 'o.parent_id', 'o.households_target'])
    .where('o.code', '>', afterCode).orderBy('o.code').limit(size).execute();
}

/** Counts per level of everything below `path` (dashboards, the subtree benchmark). */
export function subtreeCounts(db: Q, path: string) {
  return db.selectFrom('org').select(['level', sql<number>`count(*)`.as('n')])
    .where('path', 'like', scopePattern(path)).where('path', '!=', path)
    .groupBy('level').execute();
}

export async function insertOrg(trx: Q, o: { parentId: number; parentPath: string; level: OrgLevel; code: string; name: string; householdsTarget: number | null; boundary: unknown }) {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO org (id, parent_id, level, code, name, path, households_target, boundary)
    SELECT n.id, ${o.parentId}, ${o.level}, ${o.code}, ${o.name}, ${o.parentPath} || n.id || '/', ${o.householdsTarget},
           ${o.boundary === null || o.boundary === undefined ? null : JSON.stringify(o.boundary)}::jsonb
    FROM (SELECT nextval(pg_get_serial_sequence('org', 'id')) AS id) n
    RETURNING id`.execute(trx);
  return rows[0].id;
}

/** Rewrites the path prefix of a moved subtree, in org and in every registered table. */
export async function rewritePaths(trx: Q, oldPrefix: string, newPrefix: string) {
  const like = scopePattern(oldPrefix);
  await sql`UPDATE org SET path = ${newPrefix} || substr(path, ${oldPrefix.length + 1}) WHERE path LIKE ${like}`.execute(trx);
  for (const d of orgDependents()) {
    await sql`UPDATE ${sql.table(d.table)} SET ${sql.ref(d.orgPathColumn)} = ${newPrefix} || substr(${sql.ref(d.orgPathColumn)}, ${oldPrefix.length + 1})
              WHERE ${sql.ref(d.orgPathColumn)} LIKE ${like}`.execute(trx);
  }
}

/** Which registered tables still hold rows of this org. */
export async function dependentsOf(trx: Q, orgId: number) {
  const found: { zh: string; en: string }[] = [];
  for (const d of orgDependents()) {
    const r = await sql<{ x: number }>`SELECT 1 AS x FROM ${sql.table(d.table)} WHERE ${sql.ref(d.orgIdColumn)} = ${orgId} LIMIT 1`.execute(trx);
    if (r.rows.length) found.push(d.label);
  }
  return found;
}

export function notifyOrgChange(trx: Q, what: string) {
  return sql`SELECT pg_notify('gongzhi_org', ${what})`.execute(trx);
}

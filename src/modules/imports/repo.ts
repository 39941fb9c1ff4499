import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, ImportStatus } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';

type Q = Database | Transaction<DB>;

// ── Orgs an import files rows under ──

const orgCols = ['o.id', 'o.parent_id', 'o.level', 'o.code', 'o.name', 'o.path'] as const;

export function orgById(db: Q, id: number) {
  return db.selectFrom('org as o').select(orgCols).where('o.id', '=', id).executeTakeFirst();
}
export type OrgRow = NonNullable<Awaited<ReturnType<typeof orgById>>>;

export function orgByCode(db: Q, code: string) {
  return db.selectFrom('org as o').select(orgCols).where('o.code', '=', code).executeTakeFirst();
}

/** Grids and communities at or below `path`, each with its community's id and path. */
export function filingOrgsUnder(db: Q, path: string) {
  return db.selectFrom('org as o')
    .leftJoin('org as p', 'p.id', 'o.parent_id')
    .select([...orgCols, 'p.id as parent_id2', 'p.path as parent_path', 'p.level as parent_level'])
    .where('o.path', 'like', scopePattern(path))
    .where('o.level', 'in', ['grid', 'community'])
    .execute();
}

// ── Jobs ──

const jobCols = [
  'j.id', 'j.org_id', 'j.org_path', 'j.created_by', 'j.kind', 'j.filename', 'j.file_format', 'j.status', 'j.total_rows',
  'j.processed_rows', 'j.inserted', 'j.updated', 'j.unchanged', 'j.rejected', 'j.error', 'j.created_at', 'j.started_at', 'j.finished_at',
] as const;
const extras = [
  'o.name as org_name', 'u.display_name as created_by_name',
  sql<boolean>`j.error_report IS NOT NULL`.as('has_report'),
  sql<boolean>`j.file_data IS NOT NULL`.as('has_file'),
] as const;

function jobs(db: Q) {
  return db.selectFrom('import_job as j').innerJoin('org as o', 'o.id', 'j.org_id').leftJoin('app_user as u', 'u.id', 'j.created_by')
    .select(jobCols).select(extras);
}

export function getJob(db: Q, id: number) {
  return jobs(db).where('j.id', '=', id).executeTakeFirst();
}
export type JobRecord = NonNullable<Awaited<ReturnType<typeof getJob>>>;

export function getJobInScope(db: Q, actor: Actor, id: number) {
  return jobs(db).where('j.id', '=', id).where(inScope(actor, 'j.org_path')).executeTakeFirst();
}

export function listJobs(db: Q, actor: Actor, page: PageQuery) {
  return jobs(db).select(sql<number>`count(*) over()`.as('total'))
    .where(inScope(actor, 'j.org_path'))
    .orderBy('j.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize)
    .execute();
}

export async function countJobs(db: Q, actor: Actor): Promise<number> {
  const r = await db.selectFrom('import_job as j').select(sql<number>`count(*)`.as('n')).where(inScope(actor, 'j.org_path')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NewJob {
  orgId: number; orgPath: string; createdBy: number | null; filename: string; format: 'xlsx' | 'csv';
  fileData: Buffer | null; totalRows: number; errorReport: Buffer | null;
}

export async function insertJob(trx: Q, v: NewJob): Promise<number> {
  const r = await trx.insertInto('import_job').values({
    org_id: v.orgId, org_path: v.orgPath, created_by: v.createdBy, kind: 'residents', filename: v.filename, file_format: v.format,
    file_data: v.fileData, total_rows: v.totalRows, error_report: v.errorReport,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function jobFile(db: Q, id: number): Promise<Buffer | null> {
  return (await db.selectFrom('import_job').select('file_data').where('id', '=', id).executeTakeFirst())?.file_data ?? null;
}

export async function jobReport(db: Q, id: number): Promise<Buffer | null> {
  return (await db.selectFrom('import_job').select('error_report').where('id', '=', id).executeTakeFirst())?.error_report ?? null;
}

/** previewed/failed (or a running job whose runner is gone) → running; the caller holds the job's run lock. */
export async function markRunning(trx: Q, id: number): Promise<boolean> {
  const r = await trx.updateTable('import_job')
    .set({ status: 'running', started_at: sql`COALESCE(started_at, now())`, error: null, finished_at: null })
    .where('id', '=', id).where('status', 'in', ['previewed', 'failed', 'running'] satisfies ImportStatus[])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishJob(trx: Q, id: number, v: { status: 'done' | 'failed'; error: string | null; errorReport: Buffer | null }) {
  await trx.updateTable('import_job').set({
    status: v.status, error: v.error, finished_at: sql`now()`,
    ...(v.errorReport ? { error_report: v.errorReport } : {}),
    // The uploaded file holds personal information: it is kept only while a failed run may resume.
    ...(v.status === 'done' ? { file_data: null, total_rows: sql<number>`GREATEST(total_rows, processed_rows)` } : {}),
  }).where('id', '=', id).execute();
}

export async function jobCounts(db: Q, id: number) {
  return db.selectFrom('import_job').select(['processed_rows', 'inserted', 'updated', 'unchanged', 'rejected', 'total_rows'])
    .where('id', '=', id).executeTakeFirstOrThrow();
}

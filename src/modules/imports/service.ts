import path from 'node:path';
import type { AuthedCtx, Ctx } from '../../core/context.js';
import { AppError, errors, type Msg } from '../../core/errors.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { pathInScope } from '../../core/scope.js';
import { paged, pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { BatchWriter } from './bulk.js';
import { templateXlsx } from './report.js';
import { executeJob, isRunningHere, loadRules, previewTable, startJob, type PreviewResult, type RunHooks } from './run.js';
import { openTable } from './table.js';
import { sniff, type Input } from './source.js';
import type { RunTotals } from './runner.js';

/** Resident imports: named operations behind the routes and the CLI. */

export function presentJob(ctx: Ctx, j: repo.JobRecord) {
  let error: string | null = null;
  if (j.error) {
    try { error = (JSON.parse(j.error) as Msg)[ctx.meta.lang]; } catch { error = j.error; }
  }
  const target = { orgPath: j.org_path, status: j.status, hasFile: j.has_file, hasReport: j.has_report };
  return {
    id: j.id, orgId: j.org_id, orgName: j.org_name, filename: j.filename, format: j.file_format, status: j.status,
    totalRows: j.total_rows, processedRows: j.processed_rows, inserted: j.inserted, updated: j.updated, unchanged: j.unchanged,
    rejected: j.rejected, error, createdBy: j.created_by_name ?? null,
    createdAt: j.created_at.toISOString(), startedAt: j.started_at?.toISOString() ?? null, finishedAt: j.finished_at?.toISOString() ?? null,
    actions: ctx.actor ? policy.jobActions(ctx.actor, target) : [],
  };
}

const uploadMediaError = () => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, {
  zh: '请把文件内容作为请求体上传（Content-Type: text/csv、application/octet-stream 或 .xlsx 的类型）',
  en: 'Send the file itself as the request body (Content-Type text/csv, application/octet-stream or the .xlsx type)',
});

const orgField = (m: Msg) => errors.field('orgId', m);

async function importOrg(ctx: Ctx, org: repo.OrgRow | undefined, field: (m: Msg) => AppError) {
  if (!org || (ctx.actor && !pathInScope(ctx.actor, org.path))) throw field({ zh: '组织不存在或无权访问', en: 'is not an org within your scope' });
  if (!policy.isImportLevel(org.level)) throw field({ zh: '只能导入到街道、社区或网格', en: 'must be a street, community or grid' });
  return org;
}

export async function template(ctx: AuthedCtx): Promise<Buffer> {
  if (!policy.canImport(ctx.actor)) throw errors.forbidden();
  return templateXlsx(Math.round(ctx.deps.config.importUploadLimitBytes / 1024 / 1024));
}

const cleanName = (name: string | undefined, format: string) =>
  (name ? path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').slice(0, 200) : '') || `居民导入.${format}`;

/**
 * An uploaded file becomes a job: refused with 4xx and nothing written when it is not a
 * spreadsheet, has the wrong headers or no rows; otherwise every row is validated and
 * the job is stored with the file and a preview (nothing imported yet).
 */
export async function uploadResidents(ctx: AuthedCtx, q: { orgId: number; filename?: string }, body: unknown, contentType: string | undefined) {
  if (!policy.canImport(ctx.actor)) throw errors.forbidden();
  const org = await importOrg(ctx, await repo.orgById(ctx.deps.db, q.orgId), orgField);
  if (!Buffer.isBuffer(body)) throw uploadMediaError();
  const limit = ctx.deps.config.importUploadLimitBytes;
  if (body.length > limit) throw errors.tooLarge(limit);
  const input: Input = { kind: 'buffer', data: body };
  const format = await sniff(input, { filename: q.filename, contentType });
  const table = await openTable(input, format);
  const pv = await previewTable(table, await loadRules(ctx.deps, org), ctx.meta.lang);
  if (pv.preview.totalRows === 0) throw new AppError('EMPTY_FILE', 400, { zh: '表头下面没有数据行', en: 'There are no rows below the header' });
  const filename = cleanName(q.filename, format);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertJob(trx, {
      // The file and the report hold ID numbers as typed: encrypted at rest like every *_enc column.
      orgId: org.id, orgPath: org.path, createdBy: ctx.actor.userId, filename, format, fileData: ctx.deps.cipher.encryptBytes(body),
      totalRows: pv.preview.totalRows, errorReport: pv.report && ctx.deps.cipher.encryptBytes(pv.report),
    });
    await recordAudit(trx, ctx, {
      action: 'import.upload', entityType: 'import', entityId: id, orgPath: org.path,
      detail: { filename, format, bytes: body.length, orgId: org.id, totalRows: pv.preview.totalRows, invalidRows: pv.preview.invalidRows },
    });
    return id;
  });
  return { job: presentJob(ctx, (await repo.getJob(ctx.deps.db, id))!), preview: pv.preview };
}

async function jobInScope(ctx: AuthedCtx, id: number) {
  if (!policy.canImport(ctx.actor)) throw errors.forbidden();
  const j = await repo.getJobInScope(ctx.deps.db, ctx.actor, id);
  if (!j) throw errors.notFound('import');
  return j;
}

const target = (j: repo.JobRecord): policy.JobTarget => ({ orgPath: j.org_path, status: j.status, hasFile: j.has_file, hasReport: j.has_report });

const alreadyRunning = () => errors.conflict('IMPORT_RUNNING', { zh: '该导入正在进行中', en: 'This import is already running' });

/** Starts (or resumes) the job in the background; progress is read with getJob. */
export async function commitJob(ctx: AuthedCtx, id: number) {
  const j = await jobInScope(ctx, id);
  if (!policy.canCommitJob(ctx.actor, target(j))) {
    if (j.status === 'running') throw alreadyRunning();
    throw errors.conflict('IMPORT_NOT_STARTABLE', j.status === 'done'
      ? { zh: '该导入已完成；重新导入请再次上传文件', en: 'This import is finished; upload the file again to re-import' }
      : { zh: '该导入无法再提交（文件已清除）', en: 'This import can no longer be committed (its file is gone)' });
  }
  if (isRunningHere(ctx.deps, id)) throw alreadyRunning();
  const writer = await BatchWriter.open(ctx.deps.db, { jobId: id, actorId: ctx.actor.userId, actorName: ctx.actor.username, scopePath: j.org_path });
  if (!writer) throw alreadyRunning();
  try {
    await startJob(ctx, j);
  } catch (e) {
    writer.close();
    throw e;
  }
  // Not awaited: the request answers at once, the outcome is recorded in the job.
  void executeJob(ctx, id, null, writer);
  return presentJob(ctx, (await repo.getJob(ctx.deps.db, id))!);
}

export async function getJob(ctx: AuthedCtx, id: number) {
  return presentJob(ctx, await jobInScope(ctx, id));
}

export async function listJobs(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.canImport(ctx.actor)) throw errors.forbidden();
  const rows = await repo.listJobs(ctx.deps.db, ctx.actor, page);
  const total = await pageTotal(rows.map((r) => ({ total: Number(r.total) })), page, () => repo.countJobs(ctx.deps.db, ctx.actor));
  return paged(rows.map((r) => presentJob(ctx, r)), total, page);
}

/** The rejected rows as typed (ID numbers included), so reading them is audited. */
export async function errorReport(ctx: AuthedCtx, id: number): Promise<{ filename: string; data: Buffer }> {
  const j = await jobInScope(ctx, id);
  if (!policy.canReadReport(ctx.actor, target(j))) throw errors.notFound('import');
  return inTransaction(ctx, async (trx) => {
    const stored = await repo.jobReport(trx, id);
    if (!stored) throw errors.notFound('import');
    const data = ctx.deps.cipher.decryptBytes(stored);
    await recordAudit(trx, ctx, { action: 'import.errors', entityType: 'import', entityId: id, orgPath: j.org_path, detail: { filename: j.filename, rejected: j.rejected } });
    return { filename: `${j.filename.replace(/\.(xlsx|csv)$/i, '')}.errors.xlsx`, data };
  });
}

// ── CLI ──

export interface FileImportResult { job: ReturnType<typeof presentJob>; report: Buffer | null; totals: RunTotals | null }

/**
 * `gongzhi import residents FILE --org CODE`: the same pipeline as an upload, streamed from
 * disk (no size limit), run in the foreground. Refused files (not a spreadsheet, wrong
 * headers) throw before anything is written; a bad row is only a rejected row.
 */
export async function importResidentsFile(ctx: Ctx, a: { file: string; orgCode: string }, hooks: RunHooks = {}): Promise<FileImportResult> {
  const org = await importOrg(ctx, await repo.orgByCode(ctx.deps.db, a.orgCode), (m) => errors.field('org', m));
  const input: Input = { kind: 'file', path: a.file };
  const format = await sniff(input, { filename: a.file });
  await (await openTable(input, format)).close();
  const filename = cleanName(a.file, format);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertJob(trx, {
      orgId: org.id, orgPath: org.path, createdBy: ctx.actor?.userId ?? null, filename, format, fileData: null, totalRows: 0, errorReport: null,
    });
    await recordAudit(trx, ctx, { action: 'import.upload', entityType: 'import', entityId: id, orgPath: org.path, detail: { filename, format, orgId: org.id, source: 'file' } });
    return id;
  });
  const writer = await BatchWriter.open(ctx.deps.db, { jobId: id, actorId: ctx.actor?.userId ?? null, actorName: ctx.actor?.username ?? 'cli', scopePath: org.path });
  if (!writer) throw alreadyRunning();
  let totals: RunTotals | null = null;
  try {
    await startJob(ctx, (await repo.getJob(ctx.deps.db, id))!);
  } catch (e) {
    writer.close();
    throw e;
  }
  await executeJob(ctx, id, input, writer, { ...hooks, onBatch: (t) => { totals = t; hooks.onBatch?.(t); } });
  const job = (await repo.getJob(ctx.deps.db, id))!;
  const stored = job.rejected ? await repo.jobReport(ctx.deps.db, id) : null;
  return { job: presentJob(ctx, job), report: stored && ctx.deps.cipher.decryptBytes(stored), totals };
}

export type { PreviewResult };

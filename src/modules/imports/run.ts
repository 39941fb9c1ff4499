import type { Ctx, Deps } from '../../core/context.js';
import { AppError, errors, type Lang, type Msg } from '../../core/errors.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { maskAddress } from '../places/rules.js';
import { maskIdNumber, maskName, maskPhone } from '../../core/crypto.js';
import {
  GENDER_LABELS, ID_TYPE_LABELS, POLITICAL_LABELS, REGISTRATION_LABELS, RELATION_LABELS, TAG_LABELS, TENURE_LABELS,
} from '../residents/rules.js';
import * as repo from './repo.js';
import { BatchWriter } from './bulk.js';
import { ErrorReport } from './report.js';
import { Interrupted, runImport, type RunTotals } from './runner.js';
import { openTable, reasonText, scan, type Table } from './table.js';
import type { Input } from './source.js';
import type { OrgRef, RowRules, ValidRow } from './validate.js';
import { COLUMN_BY_KEY } from './columns.js';

/** What every import needs around the pipeline: rules for an org, the preview pass, running a job to its end. */

export async function loadRules(deps: Deps, org: repo.OrgRow): Promise<RowRules> {
  const under = await repo.filingOrgsUnder(deps.db, org.path);
  const ref = (o: (typeof under)[number]): OrgRef => {
    const community = o.level === 'community' ? { id: o.id, path: o.path } : o.parent_level === 'community' ? { id: o.parent_id2!, path: o.parent_path! } : null;
    return { id: o.id, path: o.path, level: o.level, code: o.code, communityId: community?.id ?? null, communityPath: community?.path ?? null };
  };
  const orgsByCode = new Map(under.map((o) => [o.code, ref(o)]));
  const importOrg = orgsByCode.get(org.code) ?? { id: org.id, path: org.path, level: org.level, code: org.code, communityId: null, communityPath: null };
  return { importOrg, orgsByCode, today: new Date() };
}

const PREVIEW_ROWS = 20;
const PREVIEW_ERRORS = 50;

/** Parsed values as the preview shows them: labels in the request's language, personal information masked. */
function presentValues(r: ValidRow, lang: Lang): Record<string, string | null> {
  const l = <K extends string>(labels: Record<K, { zh: string; en: string }>, k: K | null) => (k ? labels[k][lang] : null);
  return {
    name: maskName(r.name), idType: ID_TYPE_LABELS[r.idType][lang], idNumber: maskIdNumber(r.idNumber),
    gender: l(GENDER_LABELS, r.gender), birthYear: r.birthDate ? r.birthDate.slice(0, 4) : null, ethnicity: r.ethnicity,
    phone: r.phone ? maskPhone(r.phone) : null, politicalStatus: l(POLITICAL_LABELS, r.politicalStatus),
    registrationType: l(REGISTRATION_LABELS, r.registrationType), arrivalDate: r.arrivalDate, relation: l(RELATION_LABELS, r.relation),
    address: r.place ? maskAddress(r.place.text, r.place.room) : null, area: r.area === null ? null : String(r.area),
    tenure: l(TENURE_LABELS, r.tenure), tags: r.tags ? r.tags.map((t) => TAG_LABELS[t][lang]).join(lang === 'zh' ? '、' : ', ') : null,
    org: r.org.code,
  };
}

export interface PreviewResult {
  preview: {
    format: string; encoding: string | null; sheet: string | null; headerRow: number;
    columns: { header: string; field: string | null; fieldLabel: string | null }[];
    rows: { rowNo: number; values: Record<string, string | null> | null; errors: string[] }[];
    totalRows: number; validRows: number; invalidRows: number; errors: { rowNo: number; reason: string }[];
  };
  report: Buffer | null;
}

/** The whole file validated without writing anything: counts, the first rows, the rejected rows' report. */
export async function previewTable(table: Table, rules: RowRules, lang: Lang): Promise<PreviewResult> {
  const report = new ErrorReport(table.header.labels);
  const rows: PreviewResult['preview']['rows'] = [];
  const errors: PreviewResult['preview']['errors'] = [];
  let total = 0;
  let invalid = 0;
  try {
    for await (const r of scan(table, rules)) {
      total++;
      const bad = 'reasons' in r.result ? r.result.reasons : null;
      if (bad) {
        invalid++;
        report.add(r.rowNo, r.cells, reasonText(bad));
        if (errors.length < PREVIEW_ERRORS) errors.push({ rowNo: r.rowNo, reason: reasonText(bad, lang) });
      }
      if (rows.length < PREVIEW_ROWS)
        rows.push({ rowNo: r.rowNo, values: 'ok' in r.result ? presentValues(r.result.ok, lang) : null, errors: bad ? bad.map((m) => m[lang]) : [] });
    }
  } catch (e) {
    await report.discard();
    throw e;
  }
  const buf = invalid ? await report.finish() : (await report.discard(), null);
  return {
    report: buf,
    preview: {
      format: table.format, encoding: table.encoding, sheet: table.sheetName, headerRow: table.headerRowNo,
      columns: table.header.labels.map((h, i) => {
        const f = table.header.fields[i];
        return { header: h, field: f, fieldLabel: f ? (lang === 'zh' ? COLUMN_BY_KEY[f].header : COLUMN_BY_KEY[f].en) : null };
      }),
      rows, totalRows: total, validRows: total - invalid, invalidRows: invalid, errors,
    },
  };
}

// ── Running jobs ──

interface Running { deps: Deps; signal: { aborted: boolean }; done: Promise<void> }
/** Jobs running in this process, per app (tests run several apps on different databases). */
const running = new WeakMap<Deps, Map<number, Running>>();
const runningOf = (deps: Deps) => running.get(deps) ?? running.set(deps, new Map()).get(deps)!;

/** Stops this app's jobs after their batch in flight (server shutdown); they can be committed again to resume. */
export async function stopJobs(deps: Deps): Promise<void> {
  const mine = [...runningOf(deps).values()];
  for (const r of mine) r.signal.aborted = true;
  await Promise.all(mine.map((r) => r.done));
}

export const isRunningHere = (deps: Deps, jobId: number) => runningOf(deps).has(jobId);

const INTERRUPTED: Msg = { zh: '导入被中断（服务停止）。重新提交即可从中断处继续', en: 'The import was interrupted (server stopped). Commit it again to resume' };
const FAILED: Msg = { zh: '导入失败，已记录错误。已写入的行保留，重新提交会从中断处继续', en: 'The import failed (logged). Rows written so far are kept; committing again resumes' };

function failureMsg(e: unknown): Msg {
  if (e instanceof Interrupted) return INTERRUPTED;
  if (e instanceof AppError) return e.msg;
  return FAILED;
}

export interface RunHooks { onBatch?: (t: RunTotals) => void; batchSize?: number }

/**
 * Runs a job from its file to the end (resuming after the rows an earlier run wrote) and
 * records the outcome: counts, the error report, the file dropped, one audit record.
 * Never throws: a failure is recorded in the job.
 */
export async function executeJob(ctx: Ctx, jobId: number, input: Input | null, writer: BatchWriter, hooks: RunHooks = {}): Promise<void> {
  const signal = { aborted: false };
  let resolveDone!: () => void;
  runningOf(ctx.deps).set(jobId, { deps: ctx.deps, signal, done: new Promise<void>((r) => { resolveDone = r; }) });
  const { db } = ctx.deps;
  let job: repo.JobRecord | undefined;
  try {
    job = await repo.getJob(db, jobId);
    const org = job && (await repo.orgById(db, job.org_id));
    if (!job || !org) throw new Error(`import job ${jobId} or its org is gone`);
    const stored = input ? null : await repo.jobFile(db, jobId);
    const data = input ?? { kind: 'buffer' as const, data: stored ? ctx.deps.cipher.decryptBytes(stored) : Buffer.alloc(0) };
    const table = await openTable(data, job.file_format);
    const report = new ErrorReport(table.header.labels);
    let totals: RunTotals;
    try {
      totals = await runImport({
        db, cipher: ctx.deps.cipher, writer, scopePath: job.org_path, table, rules: await loadRules(ctx.deps, org), report, skip: job.processed_rows,
        start: { processed: job.processed_rows, inserted: job.inserted, updated: job.updated, unchanged: job.unchanged, rejected: job.rejected },
        signal, onBatch: hooks.onBatch, batchSize: hooks.batchSize,
      });
    } catch (e) {
      await report.discard();
      throw e;
    }
    const errorReport = ctx.deps.cipher.encryptBytes(await report.finish());
    const j = job;
    await inTransaction(ctx, async (trx) => {
      await repo.finishJob(trx, jobId, { status: 'done', error: null, errorReport });
      await recordAudit(trx, ctx, {
        action: 'import.finish', entityType: 'import', entityId: jobId, orgPath: j.org_path,
        detail: { filename: j.filename, orgId: j.org_id, ...totals },
      });
    });
  } catch (e) {
    if (!(e instanceof AppError) && !(e instanceof Interrupted)) console.error(`import job ${jobId} failed:`, e);
    const msg = failureMsg(e);
    await inTransaction(ctx, async (trx) => {
      await repo.finishJob(trx, jobId, { status: 'failed', error: JSON.stringify(msg), errorReport: null });
      await recordAudit(trx, ctx, {
        action: 'import.finish', entityType: 'import', entityId: jobId, orgPath: job?.org_path ?? null, outcome: 'failure',
        detail: { filename: job?.filename ?? null, orgId: job?.org_id ?? null, error: msg.en },
      });
    }).catch((err) => console.error(`import job ${jobId}: recording the failure failed:`, err));
  } finally {
    writer.close();
    runningOf(ctx.deps).delete(jobId);
    resolveDone();
  }
}

/** Marks a job running (audited) while the caller holds its writer (the run lock). */
export async function startJob(ctx: Ctx, job: repo.JobRecord): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    if (!(await repo.markRunning(trx, job.id)))
      throw errors.conflict('IMPORT_NOT_STARTABLE', { zh: '该导入已完成或无法再提交', en: 'This import is finished or can no longer be committed' });
    await recordAudit(trx, ctx, {
      action: 'import.start', entityType: 'import', entityId: job.id, orgPath: job.org_path,
      detail: { filename: job.filename, orgId: job.org_id, totalRows: job.total_rows, resumeAfterRow: job.processed_rows },
    });
  });
}

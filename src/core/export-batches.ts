import type { AuthedCtx } from './context.js';
import type { Lang, Msg } from './errors.js';
import type { Column } from './excel.js';
import { recordAudit, inTransaction } from './audit.js';

/**
 * Pieces of a list's Excel export: rows read in keyset batches (newest id first), headers
 * in the request's language, and one audit record per export with its filter and row
 * count. (partners/export.ts and socialorgs/export.ts carry their own copies of these.)
 */
export const EXPORT_BATCH = 1000;

export const label = (zh: string, en: string): Msg => ({ zh, en });
export const columnsOf = (h: Record<string, Msg>) => (lang: Lang): Column[] => Object.entries(h).map(([key, m]) => ({ header: m[lang], key, width: 18 }));
export const labelOf = (lang: Lang, m: Record<string, Msg>, k: string) => m[k]?.[lang] ?? k;

/** Every row of `next(afterId)` batches, counting them into `count.n`. */
export async function* keyset<T extends { id: number }>(next: (after: number | null) => Promise<T[]>, count: { n: number }, batch = EXPORT_BATCH) {
  let after: number | null = null;
  for (;;) {
    const b = await next(after);
    for (const r of b) { count.n++; yield r; }
    if (b.length < batch) return;
    after = b[b.length - 1].id;
  }
}

export async function auditExport(ctx: AuthedCtx, what: string, filter: unknown, n: number) {
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: `${what}.export`, entityType: what, detail: { filter, rows: n } }));
}

/** The rows of an export, mapped, then its audit record once the last row is out. */
export async function* exportRows<T extends { id: number }, R>(ctx: AuthedCtx, what: string, filter: unknown, next: (after: number | null) => Promise<T[]>, map: (row: T) => R) {
  const count = { n: 0 };
  for await (const r of keyset(next, count)) yield map(r);
  await auditExport(ctx, what, filter, count.n);
}

import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit, type AuditEntry } from '../../core/audit.js';

const BATCH = 1000;

/**
 * The rows of an Excel export, read newest first in keyset batches (never the whole list in
 * memory), each mapped to its sheet row; the export is audited once the last row is out.
 */
export async function* exportRows<R extends { id: number }>(
  ctx: AuthedCtx, fetch: (before: number | null, n: number) => Promise<R[]>, row: (r: R) => Record<string, unknown>, audit: Omit<AuditEntry, 'detail'> & { detail?: Record<string, unknown> },
): AsyncIterable<Record<string, unknown>> {
  let before: number | null = null;
  let n = 0;
  for (;;) {
    const rows = await fetch(before, BATCH);
    for (const r of rows) { n++; yield row(r); }
    if (rows.length < BATCH) break;
    before = rows[rows.length - 1].id;
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { ...audit, detail: { ...(audit.detail ?? {}), rows: n } }));
}

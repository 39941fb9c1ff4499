import type { Msg } from '../../core/errors.js';
import type { FieldCipher } from '../../core/crypto.js';
import type { Database } from '../../db/database.js';
import { StaleBatch, type BatchCounts, type BatchOutcome, type BatchWriter, type RefusedWhy, type StagedBatch } from './bulk.js';
import type { ErrorReport } from './report.js';
import { Preparer } from './stage.js';
import { reasonText, scan, type Table } from './table.js';
import type { RowRules, ValidRow } from './validate.js';
import type { Cell } from './values.js';

/**
 * The import pipeline. Rows are parsed and validated into batches; a batch is staged
 * (stage.ts: places resolved, values hashed, recorded people and addresses looked up, only
 * what will be written encrypted), then written by the BatchWriter in one transaction. The
 * write of batch k runs in PostgreSQL while Node parses and stages batch k+1, so the two
 * CPU-heavy halves overlap on a two-core machine.
 */
export interface RunTotals { processed: number; inserted: number; updated: number; unchanged: number; rejected: number }

export interface RunOptions {
  db: Database;
  cipher: FieldCipher;
  writer: BatchWriter;
  /** The import's org: nothing outside it is changed. */
  scopePath: string;
  table: Table;
  rules: RowRules;
  report: ErrorReport;
  /** Data rows already written by an earlier (interrupted) run of the same job. */
  skip: number;
  start: RunTotals;
  batchSize?: number;
  onBatch?: (t: RunTotals) => void;
  /** Set to stop after the batch in flight (server shutdown). */
  signal?: { aborted: boolean };
}

/** Rows per transaction: large enough that per-statement costs vanish, small enough that two batches in memory stay small. */
export const BATCH_ROWS = 5_000;

/** Times a batch is staged and written again after meeting a concurrent change (StaleBatch). */
const ATTEMPTS = 3;

export class Interrupted extends Error {
  constructor() { super('import interrupted'); }
}

const REFUSED: Record<RefusedWhy, Msg> = {
  household: { zh: '住址：该住址的户已登记在本次导入范围以外的网格或社区，不能通过本次导入修改', en: 'address: this household is recorded outside the org imported into' },
  resident: { zh: '证件号码：该居民已登记在本次导入范围以外的辖区，请由其所在辖区办理迁出后再导入', en: 'idNumber: this person is recorded outside the org imported into; ask that org to transfer them' },
  stale: { zh: '该居民记录在导入过程中被他人修改，请重新导入此行', en: 'the record changed while importing; import this row again' },
};

interface Pending { row: ValidRow; cells: Cell[] }
interface Batch extends BatchCounts { valid: Pending[] }
/** A batch being written: `done` once it has committed (after the batch before it) or rolled back. */
interface Slot { b: Batch; done: Promise<void> }

const rowsOf = (b: Batch) => b.valid.map((p) => p.row);

const sameHousehold = (a: ValidRow | undefined, b: ValidRow | null) => !!(a?.place && b?.place) && a.org.communityId === b.org.communityId
  && a.place.text === b.place.text && a.place.room?.toUpperCase() === b.place.room?.toUpperCase();

export async function runImport(o: RunOptions): Promise<RunTotals> {
  const totals = { ...o.start };
  const size = o.batchSize ?? BATCH_ROWS;
  const { writer } = o;
  const prep = new Preparer(o.db, o.cipher, o.scopePath, writer.lanes);
  let batch: Batch = { valid: [], rows: 0, rejectedBefore: 0 };
  let slots: Slot[] = [];
  let started = 0;

  const account = (b: Batch, out: BatchOutcome) => {
    if (out.refused.length) {
      const cells = new Map(b.valid.map((p) => [p.row.rowNo, p.cells]));
      for (const r of out.refused) o.report.add(r.rowNo, cells.get(r.rowNo) ?? [], REFUSED[r.why].zh);
    }
    totals.processed += b.rows;
    totals.inserted += out.inserted;
    totals.updated += out.updated;
    totals.unchanged += out.unchanged;
    totals.rejected += b.rejectedBefore + out.refused.length;
    o.onBatch?.({ ...totals });
  };

  // Written on the next free lane while the batches before it are still being written; committed after them.
  const start = (b: Batch, staged: StagedBatch) => {
    const lane = started++ % writer.lanes;
    const before = slots.at(-1)?.done;
    const done = (async () => {
      if (staged.afterPrevious) await before;
      const out = await writer.write(lane, staged);
      try {
        await before;
      } catch (e) {
        await writer.rollback(lane);
        throw e;
      }
      await writer.commit(lane, b, out);
      account(b, out);
    })();
    done.catch(() => {}); // awaited by settle()
    slots.push({ b, done });
  };

  /**
   * Waits for the oldest batch being written. When a write met a concurrent change, every
   * batch in flight is rolled back and written again from fresh lookups, one at a time;
   * returns true then (what was staged meanwhile must be staged again).
   */
  const settle = async (): Promise<boolean> => {
    try {
      await slots[0].done;
      slots.shift();
      return false;
    } catch (e) {
      const all = slots;
      slots = [];
      await Promise.allSettled(all.map((x) => x.done));
      if (!(e instanceof StaleBatch)) throw e;
      for (const { b } of all) {
        for (let attempt = 2; ; attempt++) {
          try {
            const out = await writer.write(0, await prep.restage(rowsOf(b)));
            await writer.commit(0, b, out);
            account(b, out);
            break;
          } catch (err) {
            if (!(err instanceof StaleBatch)) throw err;
            if (attempt >= ATTEMPTS) throw err.cause;
          }
        }
      }
      return true;
    }
  };

  const flush = async () => {
    if (o.signal?.aborted) {
      while (slots.length) await settle();
      throw new Interrupted();
    }
    const b = batch;
    batch = { valid: [], rows: 0, rejectedBefore: 0 };
    let staged = await prep.stage(rowsOf(b));
    if (slots.length >= writer.lanes && (await settle())) staged = await prep.restage(rowsOf(b));
    start(b, staged);
  };

  let n = 0;
  try {
    for await (const r of scan(o.table, o.rules)) {
      n++;
      if (n <= o.skip) {
        // Written before the interruption; its rejections go into this run's report again.
        if ('reasons' in r.result) o.report.add(r.rowNo, r.cells, reasonText(r.result.reasons));
        continue;
      }
      const row = 'ok' in r.result ? r.result.ok : null;
      // A full batch ends before a row of another household (members usually come together):
      // else the next batch, written beside it, would wait for it to see their household.
      if (batch.rows >= size && (batch.rows >= 2 * size || !sameHousehold(batch.valid.at(-1)?.row, row))) await flush();
      batch.rows++;
      if (row) batch.valid.push({ row, cells: r.cells });
      else {
        batch.rejectedBefore++;
        o.report.add(r.rowNo, r.cells, reasonText((r.result as { reasons: Msg[] }).reasons));
      }
    }
    if (batch.rows) await flush();
    while (slots.length) await settle();
  } finally {
    // After a failure, batches still being written end (committed or not) before the job does.
    await Promise.allSettled(slots.map((x) => x.done));
  }
  return totals;
}

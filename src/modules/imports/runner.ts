import type { Msg } from '../../core/errors.js';
import type { FieldCipher } from '../../core/crypto.js';
import { maskIdNumber, maskPhone } from '../../core/crypto.js';
import type { Database } from '../../db/database.js';
import { exactAddress, householdKey, maskAddress } from '../places/rules.js';
import type { BatchOutcome, BatchWriter, StagedBatch } from './bulk.js';
import { existingHouseholds, existingResidents, resolveChildren, resolveEstates, upsertHouseholds, type HouseholdValues } from './bulk-prepare.js';
import type { ErrorReport } from './report.js';
import { reasonText, scan, yieldToLoop, type Table } from './table.js';
import type { RowRules, ValidRow } from './validate.js';
import type { Cell } from './values.js';

/**
 * The import pipeline. Rows are parsed and validated into batches; a batch's places are
 * resolved, its values hashed and (only where new or changed) encrypted, then it is
 * written by the BatchWriter in one transaction. The write of batch k runs in PostgreSQL
 * while Node parses and prepares batch k+1, so the two CPU-heavy halves overlap on a
 * two-core machine.
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

export class Interrupted extends Error {
  constructor() { super('import interrupted'); }
}

const REFUSED: Record<BatchOutcome['refused'][number]['why'], Msg> = {
  household: { zh: '住址：该住址的户已登记在本次导入范围以外的网格或社区，不能通过本次导入修改', en: 'address: this household is recorded outside the org imported into' },
  resident: { zh: '证件号码：该居民已登记在本次导入范围以外的辖区，请由其所在辖区办理迁出后再导入', en: 'idNumber: this person is recorded outside the org imported into; ask that org to transfer them' },
  stale: { zh: '该居民记录在导入过程中被他人修改，请重新导入此行', en: 'the record changed while importing; import this row again' },
};

interface Pending { row: ValidRow; cells: Cell[] }
interface Batch { valid: Pending[]; rows: number; rejected: number }

export async function runImport(o: RunOptions): Promise<RunTotals> {
  const totals = { ...o.start };
  const size = o.batchSize ?? BATCH_ROWS;
  const places = new PlaceCache(o.db);
  let batch: Batch = { valid: [], rows: 0, rejected: 0 };
  let inFlight: Promise<void> | null = null;
  let failure: unknown = null;

  const flush = async () => {
    if (o.signal?.aborted) {
      await inFlight;
      throw new Interrupted();
    }
    const b = batch;
    batch = { valid: [], rows: 0, rejected: 0 };
    const staged = await stage(o, places, b);
    await inFlight;
    if (failure) throw failure;
    inFlight = o.writer.write(staged).then((out) => {
      const cells = new Map(b.valid.map((p) => [p.row.rowNo, p.cells]));
      for (const r of out.refused) o.report.add(r.rowNo, cells.get(r.rowNo) ?? [], REFUSED[r.why].zh);
      totals.processed += b.rows;
      totals.inserted += out.inserted;
      totals.updated += out.updated;
      totals.unchanged += out.unchanged;
      totals.rejected += b.rejected + out.refused.length;
      o.onBatch?.({ ...totals });
    }, (e) => { failure = e; });
  };

  let n = 0;
  for await (const r of scan(o.table, o.rules)) {
    n++;
    if (n <= o.skip) {
      // Written before the interruption; its rejections go into this run's report again.
      if ('reasons' in r.result) o.report.add(r.rowNo, r.cells, reasonText(r.result.reasons));
      continue;
    }
    batch.rows++;
    if ('reasons' in r.result) {
      batch.rejected++;
      o.report.add(r.rowNo, r.cells, reasonText(r.result.reasons));
    } else batch.valid.push({ row: r.result.ok, cells: r.cells });
    if (batch.rows >= size) await flush();
  }
  if (batch.rows) await flush();
  await inFlight;
  if (failure) throw failure;
  return totals;
}

/** Estate/building/unit ids by name, looked up (or made) once per run. */
class PlaceCache {
  private readonly ids = new Map<string, number>();
  constructor(private readonly db: Database) {}

  key = (parent: number, name: string) => `${parent}\u0000${name}`;

  async resolve(rows: ValidRow[]): Promise<void> {
    const estates = new Map<string, ValidRow>();
    for (const r of rows) {
      const k = this.key(r.org.communityId, r.place?.estate ?? '');
      if (r.place?.estate && !this.ids.has(k) && !estates.has(k)) estates.set(k, r);
    }
    if (estates.size) {
      const list = [...estates.values()];
      const ids = await resolveEstates(this.db, list.map((r) => ({
        communityId: r.org.communityId, communityPath: r.org.communityPath, orgId: r.org.id, orgPath: r.org.path, name: r.place!.estate!,
      })));
      list.forEach((r, i) => this.set(this.key(r.org.communityId, r.place!.estate!), ids[i]));
    }
    await this.level(rows, 'building', (r) => this.estateId(r), (r) => r.place?.building ?? null);
    await this.level(rows, 'unit', (r) => this.buildingId(r), (r) => r.place?.unit ?? null);
  }

  private set(k: string, id: number | null) {
    if (!id) throw new Error('could not resolve a place (concurrent change); run the import again');
    this.ids.set(k, id);
  }

  private async level(rows: ValidRow[], level: 'building' | 'unit', parentOf: (r: ValidRow) => number | null, nameOf: (r: ValidRow) => string | null) {
    const want = new Map<string, [number, string]>();
    for (const r of rows) {
      const p = parentOf(r), name = nameOf(r);
      if (p && name && !this.ids.has(this.key(p, name))) want.set(this.key(p, name), [p, name]);
    }
    if (!want.size) return;
    const list = [...want.values()];
    const ids = await resolveChildren(this.db, level, list.map((x) => x[0]), list.map((x) => x[1]));
    list.forEach(([p, name], i) => this.set(this.key(p, name), ids[i]));
  }

  estateId(r: ValidRow): number | null {
    return r.place?.estate ? this.ids.get(this.key(r.org.communityId, r.place.estate)) ?? null : null;
  }
  buildingId(r: ValidRow): number | null {
    const e = this.estateId(r);
    return e && r.place?.building ? this.ids.get(this.key(e, r.place.building)) ?? null : null;
  }
  unitId(r: ValidRow): number | null {
    const b = this.buildingId(r);
    return b && r.place?.unit ? this.ids.get(this.key(b, r.place.unit)) ?? null : null;
  }
}

// COPY text format: tab-separated, \N for NULL, backslash escapes.
const ESC = /[\\\t\n\r]/;
const escMap: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function f(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return ESC.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => escMap[c]) : v;
}

async function stage(o: RunOptions, places: PlaceCache, b: Batch): Promise<StagedBatch> {
  const rows = b.valid.map((p) => p.row);
  if (!rows.length) return { residents: '', rows: b.rows, rejectedBefore: b.rejected, staged: 0 };
  await places.resolve(rows);
  const { cipher } = o;
  const idHashes = rows.map((r) => cipher.lookupHash(r.identity));
  const addrHashes = rows.map((r) => r.place ? cipher.lookupHash(householdKey({
    orgId: r.org.communityId, estateId: places.estateId(r), buildingId: places.buildingId(r), unitId: places.unitId(r),
    street: r.place.street, room: r.place.room,
  })) : null);
  const [known, knownHouseholds] = await Promise.all([
    existingResidents(o.db, idHashes),
    existingHouseholds(o.db, [...new Set(addrHashes.filter((h): h is string => h !== null))]),
  ]);

  // One household per address in the batch; a later member may state a blank area or tenure.
  const households = new Map<string, HouseholdValues>();
  let text = '';
  for (let i = 0; i < rows.length; i++) {
    if ((i & 255) === 255) await yieldToLoop();
    const r = rows[i];
    const addr = addrHashes[i];
    const h = addr ? households.get(addr) : undefined;
    if (addr && !h) {
      const p = r.place!;
      const isNew = !knownHouseholds.has(addr);
      households.set(addr, {
        addressHash: addr, orgId: r.org.id, orgPath: r.org.path, estateId: places.estateId(r), buildingId: places.buildingId(r),
        unitId: places.unitId(r), place: p.text, roomEnc: isNew && p.room ? cipher.encrypt(p.room) : null,
        addressEnc: isNew ? cipher.encrypt(exactAddress(p.text, p.room)) : null, addressMasked: maskAddress(p.text, p.room),
        area: r.area, tenure: r.tenure,
      });
    } else if (h) {
      h.area ??= r.area;
      h.tenure ??= r.tenure;
    }
    const phoneHash = r.phone ? cipher.lookupHash(r.phone) : null;
    const exists = known.has(idHashes[i]);
    const phoneNew = r.phone && (!exists || known.get(idHashes[i]) !== phoneHash);
    text += f(r.rowNo) + '\t' + f(idHashes[i]) + '\t' + f(r.idType) + '\t' + f(exists ? null : cipher.encrypt(r.idNumber)) + '\t'
      + f(exists ? null : maskIdNumber(r.idNumber)) + '\t' + f(r.name) + '\t' + f(r.gender) + '\t' + f(r.birthDate) + '\t' + f(phoneHash) + '\t'
      + f(phoneNew ? cipher.encrypt(r.phone!) : null) + '\t' + f(phoneNew ? maskPhone(r.phone!) : null) + '\t' + f(r.ethnicity) + '\t'
      + f(r.politicalStatus) + '\t' + f(r.registrationType) + '\t' + f(r.arrivalDate) + '\t' + f(r.tags ? `{${r.tags.join(',')}}` : null) + '\t'
      + f(r.relation) + '\t' + f(addr) + '\t' + f(r.org.id) + '\t' + f(r.org.path) + '\t' + f(r.orgExplicit) + '\n';
  }
  await upsertHouseholds(o.db, [...households.values()], o.scopePath);
  return { residents: text, rows: b.rows, rejectedBefore: b.rejected, staged: rows.length };
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { rawClient, type Database } from '../../db/database.js';
import { commitBatch, mergeBatch } from './merge.js';

/**
 * Set-based writes of the resident importer.
 *
 * A documented exception to "write through the owning module's service": the places and
 * residents services write one record per call (several round trips and an audit record
 * each), far too slow for a million-row file. So places are resolved in sets ahead of each
 * batch (bulk-prepare.ts), each batch is staged as COPY text (stage.ts), COPYed into session
 * temp tables and written into household/resident/household_membership/resident_change
 * with a few INSERT … SELECT / UPDATE … FROM statements (merge.ts), all in one transaction;
 * the job carries one audit record for its start and one for its end. The rows written
 * follow exactly the conventions of those modules (docs/base-information.md): id_hash =
 * lookupHash(identityKey), phone_hash = lookupHash(normalized phone), address_hash =
 * lookupHash(householdKey) keyed on the community outside estates, *_masked from
 * core/crypto, buildings and units in their estate's org, a resident in its household's org.
 */

// ── The batch writer: one connection for the whole run, holding the job's run lock ──

const RUN_LOCK = 72630010;

const HOUSEHOLD_COLS = 'id, is_new, org_id, org_path, estate_id, building_id, unit_id, place, room_enc, address_enc, address_masked, address_hash, area_sqm, tenure, head_resident_id';
const FRESH_COLS = 'id, org_id, org_path, household_id, relation, name, gender, birth_date, id_type, id_enc, id_hash, id_masked, phone_enc, phone_hash, phone_masked, ethnicity, political_status, registration_type, arrival_date, tags, set_head';
const KNOWN_COLS = 'row_no, id_hash, id_type, id_enc, id_masked, name, gender, birth_date, phone_hash, phone_enc, phone_masked, ethnicity, political_status, registration_type, arrival_date, tags, relation, address_hash, org_id, org_path, org_explicit';

// Staging tables, filled by COPY inside the batch's transaction and emptied by its commit;
// no indexes: each is read once, in full.
const STAGING = sql`
  CREATE TEMP TABLE gz_imp_household (id bigint, is_new boolean, org_id bigint, org_path text COLLATE "C", estate_id bigint,
    building_id bigint, unit_id bigint, place text, room_enc text, address_enc text, address_masked text, address_hash text,
    area_sqm numeric, tenure text, head_resident_id bigint) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE gz_imp_new (id bigint, org_id bigint, org_path text COLLATE "C", household_id bigint, relation text, name text,
    gender text, birth_date date, id_type text, id_enc text, id_hash text, id_masked text, phone_enc text, phone_hash text,
    phone_masked text, ethnicity text, political_status text, registration_type text, arrival_date date, tags text[],
    set_head boolean) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE gz_imp_resident (row_no integer, id_hash text, id_type text, id_enc text, id_masked text, name text, gender text,
    birth_date date, phone_hash text, phone_enc text, phone_masked text, ethnicity text, political_status text, registration_type text,
    arrival_date date, tags text[], relation text, address_hash text, org_id bigint, org_path text COLLATE "C", org_explicit boolean)
    ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE gz_imp_touched (resident_id bigint, org_id bigint, org_path text COLLATE "C", household_id bigint,
    old_household_id bigint, relation text, kind text, changed text[]) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE gz_imp_refused (row_no integer, why text) ON COMMIT DELETE ROWS`;

export type RefusedWhy = 'household' | 'resident' | 'stale';
export interface Refusal { rowNo: number; why: RefusedWhy }

/** A batch ready to write: COPY text of its staging tables (null: nothing for that table) and the counts known before writing. */
export interface StagedBatch {
  /** New households (ids drawn, head set) and recorded ones with a stated area or tenure. */
  households: Buffer | null;
  /** People not recorded yet, with ids drawn: inserted as staged. */
  fresh: Buffer | null;
  freshCount: number;
  /** People already recorded: merged by comparison. */
  known: Buffer | null;
  /** Valid rows staged, and those refused while staging (counted in `staged`). */
  staged: number;
  refused: Refusal[];
  /** It joins households made by batches still being written: it is written once they have committed. */
  afterPrevious: boolean;
}

/** What the write of a batch needs besides its staging: the data rows it covers (valid and rejected) and those rejected before staging. */
export interface BatchCounts { rows: number; rejectedBefore: number }

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows refused by what only the database knows, with the reason key. */
  refused: Refusal[];
}

export interface JobActor { jobId: number; actorId: number | null; actorName: string | null; scopePath: string }

/**
 * The write met a concurrent change that staging could not foresee (a person or an address
 * recorded by someone else meanwhile; a household of a batch before that was written again
 * under another id; a deadlock with the other lane): nothing of the batch was written, and
 * it is staged and written again.
 */
export class StaleBatch extends Error {
  constructor(cause: unknown) { super('import batch met a concurrent change', { cause }); }
}

// unique_violation, foreign_key_violation, deadlock_detected: see StaleBatch
const STALE = new Set(['23505', '23503', '40P01']);

/** Connections writing batches side by side: two, so the database works on both cores while Node prepares the next batch. */
export const LANES = 2;

/**
 * Writes batches, each in one transaction, on `LANES` connections of its own: batch k on
 * lane k mod LANES. Batches are written side by side but commit in file order (the runner
 * commits a batch only after the one before), so the job's processed_rows always counts a
 * prefix of the file, which is what a resumed run skips.
 */
export class BatchWriter {
  private constructor(private readonly clients: pg.PoolClient[], private readonly db: Database, private readonly job: JobActor) {}

  readonly lanes = LANES;

  /** Null when another runner holds the job (a second commit of the same job). */
  static async open(db: Database, job: JobActor): Promise<BatchWriter | null> {
    const clients: pg.PoolClient[] = [];
    try {
      clients.push(await rawClient(db));
      const r = await clients[0].query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [RUN_LOCK, job.jobId]);
      if (!r.rows[0].ok) {
        clients[0].release();
        return null;
      }
      while (clients.length < LANES) clients.push(await rawClient(db));
      for (const c of clients) await c.query(STAGING.compile(db).sql);
      return new BatchWriter(clients, db, job);
    } catch (e) {
      for (const c of clients) c.release(true);
      throw e;
    }
  }

  /** Ends the connections: their temp tables, open transactions and the run lock go with them. */
  close(): void {
    for (const c of this.clients) c.release(true);
  }

  /**
   * A batch's writes, left uncommitted: BEGIN, the COPYs of its staging tables, then the
   * whole merge as one multi-statement query sent in a single round trip (its values
   * inlined as escaped literals), so PostgreSQL never waits for this process between
   * statements while it is busy preparing the next batch. On failure the lane is rolled back.
   */
  async write(lane: number, b: StagedBatch): Promise<BatchOutcome> {
    const client = this.clients[lane];
    let results: pg.QueryResult[];
    try {
      await client.query('BEGIN');
      await copy(client, 'gz_imp_household', HOUSEHOLD_COLS, b.households);
      await copy(client, 'gz_imp_new', FRESH_COLS, b.fresh);
      await copy(client, 'gz_imp_resident', KNOWN_COLS, b.known);
      results = (await client.query(mergeBatch(this.job, b).compile(this.db).sql)) as unknown as pg.QueryResult[];
    } catch (e) {
      await this.rollback(lane);
      throw STALE.has((e as { code?: string }).code ?? '') ? new StaleBatch(e) : e;
    }
    const out = results[results.length - 1].rows[0] as { inserted: number; updated: number; refused: [number, RefusedWhy][] };
    const refused = [...b.refused, ...out.refused.map(([rowNo, why]) => ({ rowNo, why }))];
    const inserted = b.freshCount + out.inserted;
    return { inserted, updated: out.updated, unchanged: b.staged - refused.length - inserted - out.updated, refused };
  }

  /** Counts the written batch into the job and commits it. */
  async commit(lane: number, b: BatchCounts, out: BatchOutcome): Promise<void> {
    try {
      await this.clients[lane].query(commitBatch(this.job.jobId, b, out).compile(this.db).sql);
    } catch (e) {
      await this.rollback(lane);
      throw e;
    }
  }

  async rollback(lane: number): Promise<void> {
    await this.clients[lane].query('ROLLBACK').catch(() => {});
  }
}

async function copy(client: pg.PoolClient, table: string, cols: string, text: Buffer | null) {
  if (text) await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`)));
}

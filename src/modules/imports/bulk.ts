import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql, type RawBuilder } from 'kysely';
import { rawClient, type Database } from '../../db/database.js';
import { scopePattern } from '../../core/scope.js';

/**
 * Set-based writes of the resident importer.
 *
 * A documented exception to "write through the owning module's service": the places and
 * residents services write one record per call (several round trips and an audit record
 * each), far too slow for a million-row file. So places and households are resolved in
 * sets ahead of each batch (bulk-prepare.ts), and each batch of residents is COPYed into a
 * session temp table and merged into resident/household_membership/resident_change (and
 * the household's head) with a few INSERT … SELECT / UPDATE … FROM statements in one
 * transaction; the job carries one audit record for its start and one for its end. The rows written follow
 * exactly the conventions of those modules (docs/base-information.md): id_hash =
 * lookupHash(identityKey), phone_hash = lookupHash(normalized phone), address_hash =
 * lookupHash(householdKey) keyed on the community outside estates, *_masked from
 * core/crypto, buildings and units in their estate's org, a resident in its household's org.
 */

// ── The batch writer: one connection for the whole run, holding the job's run lock ──

const RUN_LOCK = 72630010;

export const RESIDENT_COLS = [
  'row_no', 'id_hash', 'id_type', 'id_enc', 'id_masked', 'name', 'gender', 'birth_date', 'phone_hash', 'phone_enc', 'phone_masked',
  'ethnicity', 'political_status', 'registration_type', 'arrival_date', 'tags', 'relation', 'address_hash', 'org_id', 'org_path', 'org_explicit',
] as const;

// The staging table is filled by a COPY of its own (autocommit) and emptied by the merge
// transaction that consumes it; the merge's working tables empty themselves at its commit.
const STAGING = sql`
  CREATE TEMP TABLE gz_imp_resident (row_no integer, id_hash text, id_type text, id_enc text, id_masked text, name text, gender text,
    birth_date date, phone_hash text, phone_enc text, phone_masked text, ethnicity text, political_status text, registration_type text,
    arrival_date date, tags text[], relation text, address_hash text, org_id bigint, org_path text COLLATE "C", org_explicit boolean);
  CREATE TEMP TABLE gz_imp_touched (resident_id bigint, org_id bigint, org_path text COLLATE "C", household_id bigint,
    old_household_id bigint, relation text, kind text, changed text[]) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE gz_imp_refused (row_no integer, why text) ON COMMIT DELETE ROWS`;

/** A batch ready to write: COPY text of its residents and the counts known before writing. */
export interface StagedBatch {
  residents: string;
  /** Data rows the batch covers (valid and rejected); rows rejected before staging. */
  rows: number;
  rejectedBefore: number;
  staged: number;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows refused by what only the database knows, with the reason key. */
  refused: { rowNo: number; why: 'household' | 'resident' | 'stale' }[];
}

export interface JobActor { jobId: number; actorId: number | null; actorName: string | null; scopePath: string }

export class BatchWriter {
  private constructor(private readonly client: pg.PoolClient, private readonly db: Database, private readonly job: JobActor) {}

  /** Null when another runner holds the job (a second commit of the same job). */
  static async open(db: Database, job: JobActor): Promise<BatchWriter | null> {
    const client = await rawClient(db);
    try {
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [RUN_LOCK, job.jobId]);
      if (!r.rows[0].ok) {
        client.release();
        return null;
      }
      await client.query(STAGING.compile(db).sql);
      return new BatchWriter(client, db, job);
    } catch (e) {
      client.release(true);
      throw e;
    }
  }

  /** Ends the connection: its temp tables and the run lock go with it. */
  close(): void {
    this.client.release(true);
  }

  /**
   * One batch: the COPY, then the whole merge as one multi-statement transaction sent in
   * a single round trip (its values inlined as escaped literals), so PostgreSQL never
   * waits for this process between statements while it is busy preparing the next batch.
   */
  async write(b: StagedBatch): Promise<BatchOutcome> {
    if (b.residents) {
      const stream = this.client.query(copyFrom(`COPY gz_imp_resident (${RESIDENT_COLS.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from([b.residents]), stream);
    }
    let results: pg.QueryResult[];
    try {
      results = (await this.client.query(mergeBatch(this.job, b).compile(this.db).sql)) as unknown as pg.QueryResult[];
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw e;
    }
    const out = results.find((r) => r.command === 'SELECT' && r.fields.some((f) => f.name === 'refused'))!.rows[0] as
      { inserted: number; updated: number; refused: [number, 'household' | 'resident' | 'stale'][] };
    const refused = out.refused.map(([rowNo, why]) => ({ rowNo, why }));
    return { inserted: out.inserted, updated: out.updated, unchanged: b.staged - refused.length - out.inserted - out.updated, refused };
  }
}

function mergeBatch(job: JobActor, b: StagedBatch) {
  const scope = sql.lit(scopePattern(job.scopePath));
  const { jobId, actorId, actorName } = job;
  return sql`
    BEGIN;
    -- Every join here looks a batch's rows up by a unique key in a large table: index lookups,
    -- never a hash of the whole table (that would make an import quadratic).
    SET LOCAL work_mem = '64MB'; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
    WITH d AS (${refuseOutOfScope(scope)}) INSERT INTO gz_imp_refused SELECT row_no, why FROM d;
    ${upsertResidents()};
    -- A move ends the current membership; a new relation in the same household is corrected in place.
    UPDATE household_membership m
    SET ended_at = CASE WHEN t.household_id IS DISTINCT FROM t.old_household_id THEN now() END,
        relation = CASE WHEN t.household_id IS DISTINCT FROM t.old_household_id THEN m.relation ELSE t.relation END
    FROM gz_imp_touched t
    WHERE t.kind = 'update' AND m.resident_id = t.resident_id AND m.ended_at IS NULL
      AND (t.household_id IS DISTINCT FROM t.old_household_id OR m.relation IS DISTINCT FROM t.relation);
    INSERT INTO household_membership (resident_id, household_id, org_id, org_path, relation)
    SELECT resident_id, household_id, org_id, org_path, relation FROM gz_imp_touched
    WHERE household_id IS NOT NULL AND (kind = 'insert' OR household_id IS DISTINCT FROM old_household_id);
    -- The record's own history: which fields changed, never their values.
    INSERT INTO resident_change (resident_id, org_id, org_path, actor_id, actor_name, kind, changes)
    SELECT resident_id, org_id, org_path, ${sql.lit(actorId)}::bigint, ${sql.lit(actorName)}::text, 'import',
      jsonb_build_object('jobId', ${sql.lit(jobId)}::bigint, 'created', kind = 'insert', 'fields', COALESCE(to_jsonb(changed), '[]'::jsonb))
    FROM gz_imp_touched;
    UPDATE household h SET head_resident_id = NULL, updated_at = now() FROM gz_imp_touched t
    WHERE t.kind = 'update' AND h.id = t.old_household_id AND h.head_resident_id = t.resident_id
      AND t.household_id IS DISTINCT FROM t.old_household_id;
    UPDATE household h SET head_resident_id = t.resident_id, updated_at = now() FROM gz_imp_touched t
    WHERE h.id = t.household_id AND t.relation = 'head' AND h.head_resident_id IS DISTINCT FROM t.resident_id AND h.org_path LIKE ${scope};
    UPDATE import_job SET
      processed_rows = processed_rows + ${sql.lit(b.rows)},
      inserted = inserted + (SELECT count(*) FROM gz_imp_touched WHERE kind = 'insert'),
      updated = updated + (SELECT count(*) FROM gz_imp_touched WHERE kind = 'update'),
      unchanged = unchanged + ${sql.lit(b.staged)} - (SELECT count(*) FROM gz_imp_touched) - (SELECT count(*) FROM gz_imp_refused),
      rejected = rejected + ${sql.lit(b.rejectedBefore)} + (SELECT count(*) FROM gz_imp_refused)
    WHERE id = ${sql.lit(jobId)};
    SELECT (SELECT count(*) FROM gz_imp_touched WHERE kind = 'insert')::int AS inserted,
      (SELECT count(*) FROM gz_imp_touched WHERE kind = 'update')::int AS updated,
      (SELECT COALESCE(json_agg(json_build_array(row_no, why)), '[]') FROM gz_imp_refused) AS refused;
    TRUNCATE gz_imp_resident;
    COMMIT`;
}

/**
 * Rows that would reach outside the import's org: an address or a person already recorded
 * elsewhere (moving them is a transfer, not an import). 'stale': the person was known when
 * the batch was prepared but no longer is, so there is no ciphertext to insert.
 */
function refuseOutOfScope(scope: RawBuilder<unknown>) {
  return sql<{ row_no: number; why: 'household' | 'resident' | 'stale' }>`
    DELETE FROM gz_imp_resident s USING (
      SELECT s2.ctid AS tid, CASE
          WHEN h.org_path NOT LIKE ${scope} THEN 'household'
          WHEN x.org_path NOT LIKE ${scope} THEN 'resident'
          WHEN x.id IS NULL AND s2.id_enc IS NULL THEN 'stale' END AS why
      FROM gz_imp_resident s2
      LEFT JOIN LATERAL (SELECT org_path FROM household WHERE address_hash = s2.address_hash LIMIT 1) h ON true
      LEFT JOIN LATERAL (SELECT id, org_path FROM resident WHERE id_hash = s2.id_hash LIMIT 1) x ON true
    ) bad
    WHERE s.ctid = bad.tid AND bad.why IS NOT NULL
    RETURNING s.row_no, bad.why`;
}

/**
 * New people are inserted; known ones are updated only where the sheet says something
 * different (compared on hashes and plain columns, never on ciphertexts, which differ on
 * every encryption), so importing the same file again changes nothing. A blank cell keeps
 * the stored value.
 */
function upsertResidents() {
  return sql`
    WITH src AS (
      SELECT s.*, h.id AS hh_id, h.org_id AS hh_org_id, h.org_path AS hh_org_path,
        x.id AS rid, x.org_id AS x_org_id, x.org_path AS x_org_path, x.household_id AS x_household_id, x.relation AS x_relation,
        x.name AS x_name, x.gender AS x_gender, x.birth_date AS x_birth_date, x.phone_hash AS x_phone_hash, x.ethnicity AS x_ethnicity,
        x.political_status AS x_political_status, x.registration_type AS x_registration_type, x.arrival_date AS x_arrival_date, x.tags AS x_tags
      FROM gz_imp_resident s
      LEFT JOIN LATERAL (SELECT id, org_id, org_path FROM household WHERE address_hash = s.address_hash LIMIT 1) h ON true
      LEFT JOIN LATERAL (SELECT * FROM resident WHERE id_hash = s.id_hash LIMIT 1) x ON true
    ), ins AS (
      INSERT INTO resident (org_id, org_path, household_id, relation, name, gender, birth_date, id_type, id_enc, id_hash, id_masked,
        phone_enc, phone_hash, phone_masked, ethnicity, political_status, registration_type, arrival_date, tags)
      SELECT COALESCE(hh_org_id, org_id), COALESCE(hh_org_path, org_path), hh_id, CASE WHEN hh_id IS NOT NULL THEN relation END,
        name, gender, birth_date, id_type, id_enc, id_hash, id_masked, phone_enc, phone_hash, phone_masked, ethnicity, political_status,
        COALESCE(registration_type, 'registered'), arrival_date, COALESCE(tags, '{}')
      FROM src WHERE rid IS NULL
      ON CONFLICT (id_hash) DO NOTHING
      RETURNING id, org_id, org_path, household_id, relation
    ), n AS (
      SELECT src.*, v.*,
        CASE WHEN v.n_reg = 'migrant' THEN COALESCE(src.arrival_date, src.x_arrival_date) END AS n_arrival
      FROM src, LATERAL (SELECT
        COALESCE(src.registration_type, src.x_registration_type) AS n_reg,
        COALESCE(src.hh_id, src.x_household_id) AS n_household_id,
        CASE WHEN src.hh_id IS NULL THEN src.x_relation WHEN src.relation IS NOT NULL THEN src.relation
             WHEN src.hh_id = src.x_household_id THEN src.x_relation END AS n_relation,
        CASE WHEN src.hh_id IS NOT NULL THEN src.hh_org_id WHEN src.x_household_id IS NOT NULL OR NOT src.org_explicit THEN src.x_org_id ELSE src.org_id END AS n_org_id,
        CASE WHEN src.hh_id IS NOT NULL THEN src.hh_org_path WHEN src.x_household_id IS NOT NULL OR NOT src.org_explicit THEN src.x_org_path ELSE src.org_path END AS n_org_path
      ) v
      WHERE src.rid IS NOT NULL
    ), c AS (
      SELECT n.*, array_remove(ARRAY[
        CASE WHEN name <> x_name THEN 'name' END,
        CASE WHEN gender IS NOT NULL AND gender <> x_gender THEN 'gender' END,
        CASE WHEN birth_date IS NOT NULL AND birth_date IS DISTINCT FROM x_birth_date THEN 'birthDate' END,
        CASE WHEN phone_enc IS NOT NULL AND phone_hash IS DISTINCT FROM x_phone_hash THEN 'phone' END,
        CASE WHEN ethnicity IS NOT NULL AND ethnicity IS DISTINCT FROM x_ethnicity THEN 'ethnicity' END,
        CASE WHEN political_status IS NOT NULL AND political_status IS DISTINCT FROM x_political_status THEN 'politicalStatus' END,
        CASE WHEN n_reg <> x_registration_type THEN 'registrationType' END,
        CASE WHEN n_arrival IS DISTINCT FROM x_arrival_date THEN 'arrivalDate' END,
        CASE WHEN tags IS NOT NULL AND NOT (tags @> x_tags AND x_tags @> tags) THEN 'tags' END,
        CASE WHEN n_household_id IS DISTINCT FROM x_household_id THEN 'household' END,
        CASE WHEN n_relation IS DISTINCT FROM x_relation THEN 'relation' END,
        CASE WHEN n_org_id <> x_org_id THEN 'org' END
      ], NULL) AS changed
      FROM n
    ), upd AS (
      UPDATE resident r SET
        name = c.name, gender = COALESCE(c.gender, r.gender), birth_date = COALESCE(c.birth_date, r.birth_date),
        phone_hash = CASE WHEN c.phone_enc IS NOT NULL THEN c.phone_hash ELSE r.phone_hash END,
        phone_enc = CASE WHEN c.phone_enc IS NOT NULL THEN c.phone_enc ELSE r.phone_enc END,
        phone_masked = CASE WHEN c.phone_enc IS NOT NULL THEN c.phone_masked ELSE r.phone_masked END,
        ethnicity = COALESCE(c.ethnicity, r.ethnicity), political_status = COALESCE(c.political_status, r.political_status),
        registration_type = c.n_reg, arrival_date = c.n_arrival, tags = COALESCE(c.tags, r.tags),
        household_id = c.n_household_id, relation = c.n_relation, org_id = c.n_org_id, org_path = c.n_org_path, updated_at = now()
      FROM c WHERE r.id = c.rid AND cardinality(c.changed) > 0
      RETURNING r.id, r.org_id, r.org_path, r.household_id, r.relation, c.x_household_id, c.changed
    )
    INSERT INTO gz_imp_touched (resident_id, org_id, org_path, household_id, old_household_id, relation, kind, changed)
    SELECT id, org_id, org_path, household_id, NULL, relation, 'insert', NULL FROM ins
    UNION ALL
    SELECT id, org_id, org_path, household_id, x_household_id, relation, 'update', changed FROM upd`;
}

import { sql, type RawBuilder } from 'kysely';
import { scopePattern } from '../../core/scope.js';
import type { BatchCounts, BatchOutcome, JobActor, StagedBatch } from './bulk.js';

/**
 * The SQL of one batch's transaction, after the COPYs of its staging tables (bulk.ts sends
 * each part in a single round trip): fresh people and new households inserted as staged,
 * known people merged by comparison, and what that did; each part is left out when the
 * batch has nothing for it. Then, once the batch before has committed, commitBatch.
 */
export function mergeBatch(job: JobActor, b: StagedBatch) {
  const scope = sql.lit(scopePattern(job.scopePath));
  const { jobId, actorId, actorName } = job;
  const actor = sql`${sql.lit(actorId)}::bigint, ${sql.lit(actorName)}::text`;
  return sql`
    -- Every join here looks a batch's rows up by a unique key in a large table: index lookups,
    -- never a hash of the whole table (that would make an import quadratic).
    SET LOCAL work_mem = '64MB'; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
    ${b.fresh || b.households ? insertFresh(jobId, actor) : sql``}
    ${householdUpdates(scope, b)}
    ${b.known ? mergeKnown(scope, jobId, actor) : sql``}
    SELECT ${b.known ? sql`
      (SELECT count(*) FROM gz_imp_touched WHERE kind = 'insert')::int AS inserted,
      (SELECT count(*) FROM gz_imp_touched WHERE kind = 'update')::int AS updated,
      (SELECT COALESCE(json_agg(json_build_array(row_no, why)), '[]') FROM gz_imp_refused) AS refused` : sql`
      0 AS inserted, 0 AS updated, '[]'::json AS refused`}`;
}

/** The job's counts advanced by a written batch, and its commit: what a resumed run skips. */
export function commitBatch(jobId: number, b: BatchCounts, o: BatchOutcome) {
  return sql`
    UPDATE import_job SET processed_rows = processed_rows + ${sql.lit(b.rows)}, inserted = inserted + ${sql.lit(o.inserted)},
      updated = updated + ${sql.lit(o.updated)}, unchanged = unchanged + ${sql.lit(o.unchanged)},
      rejected = rejected + ${sql.lit(b.rejectedBefore + o.refused.length)}
    WHERE id = ${sql.lit(jobId)};
    COMMIT`;
}

/**
 * New households and fresh people with the ids drawn for them, in one statement: a
 * household's head and a person's household refer to each other, and foreign keys are
 * checked at the end of the statement. Each fresh person gets a current membership in
 * their household and a change record.
 */
function insertFresh(jobId: number, actor: RawBuilder<unknown>) {
  const created = sql.lit(JSON.stringify({ jobId, created: true, fields: [] }));
  return sql`
    WITH h AS (
      INSERT INTO household (id, org_id, org_path, estate_id, building_id, unit_id, place, room_enc, address_enc, address_masked,
        address_hash, area_sqm, tenure, head_resident_id)
      SELECT id, org_id, org_path, estate_id, building_id, unit_id, place, room_enc, address_enc, address_masked,
        address_hash, area_sqm, tenure, head_resident_id
      FROM gz_imp_household WHERE is_new
    ), r AS (
      INSERT INTO resident (id, org_id, org_path, household_id, relation, name, gender, birth_date, id_type, id_enc, id_hash, id_masked,
        phone_enc, phone_hash, phone_masked, ethnicity, political_status, registration_type, arrival_date, tags)
      SELECT id, org_id, org_path, household_id, relation, name, gender, birth_date, id_type, id_enc, id_hash, id_masked,
        phone_enc, phone_hash, phone_masked, ethnicity, political_status, COALESCE(registration_type, 'registered'), arrival_date, COALESCE(tags, '{}')
      FROM gz_imp_new
    ), m AS (
      INSERT INTO household_membership (resident_id, household_id, org_id, org_path, relation)
      SELECT id, household_id, org_id, org_path, relation FROM gz_imp_new WHERE household_id IS NOT NULL
    )
    INSERT INTO resident_change (resident_id, org_id, org_path, actor_id, actor_name, kind, changes)
    SELECT id, org_id, org_path, ${actor}, 'import', ${created}::jsonb FROM gz_imp_new;`;
}

/** Recorded households: an area or tenure the sheet states; the head a fresh person is. */
function householdUpdates(scope: RawBuilder<unknown>, b: StagedBatch) {
  return sql`
    ${b.households ? sql`
    UPDATE household h SET area_sqm = COALESCE(v.area_sqm, h.area_sqm), tenure = COALESCE(v.tenure, h.tenure), updated_at = now()
    FROM gz_imp_household v
    WHERE NOT v.is_new AND h.id = v.id AND h.org_path LIKE ${scope}
      AND ((v.area_sqm IS NOT NULL AND v.area_sqm IS DISTINCT FROM h.area_sqm) OR (v.tenure IS NOT NULL AND v.tenure IS DISTINCT FROM h.tenure));` : sql``}
    ${b.fresh ? sql`
    UPDATE household h SET head_resident_id = s.id, updated_at = now() FROM gz_imp_new s
    WHERE s.set_head AND h.id = s.household_id AND h.head_resident_id IS DISTINCT FROM s.id AND h.org_path LIKE ${scope};` : sql``}`;
}

/** Known people, compared with their record and updated where the sheet says something different. */
function mergeKnown(scope: RawBuilder<unknown>, jobId: number, actor: RawBuilder<unknown>) {
  return sql`
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
    SELECT resident_id, org_id, org_path, ${actor}, 'import',
      jsonb_build_object('jobId', ${sql.lit(jobId)}::bigint, 'created', kind = 'insert', 'fields', COALESCE(to_jsonb(changed), '[]'::jsonb))
    FROM gz_imp_touched;
    UPDATE household h SET head_resident_id = NULL, updated_at = now() FROM gz_imp_touched t
    WHERE t.kind = 'update' AND h.id = t.old_household_id AND h.head_resident_id = t.resident_id
      AND t.household_id IS DISTINCT FROM t.old_household_id;
    UPDATE household h SET head_resident_id = t.resident_id, updated_at = now() FROM gz_imp_touched t
    WHERE h.id = t.household_id AND t.relation = 'head' AND h.head_resident_id IS DISTINCT FROM t.resident_id AND h.org_path LIKE ${scope};`;
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

import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { scopePattern } from '../../core/scope.js';

/**
 * The set-based SQL run ahead of each batch, on the app pool while the previous batch is
 * being written: places and households by name/address, and which people are known. Part
 * of the importer's documented exception to "write through the owning module's service"
 * (see bulk.ts); the rows follow the places and residents modules' conventions.
 */

// ── Places, resolved ahead of a batch (autocommit: a place made for a batch that then fails is harmless and reused) ──

export interface EstateWant { communityId: number; communityPath: string; orgId: number; orgPath: string; name: string }

/** Estate ids by name within each community (an existing one anywhere in the community is reused, its own grid first). */
export async function resolveEstates(db: Database, wants: EstateWant[]): Promise<(number | null)[]> {
  if (!wants.length) return [];
  const col = <K extends keyof EstateWant>(k: K) => wants.map((w) => w[k]);
  const r = await sql<{ i: number; id: number | null }>`
    WITH want AS (
      SELECT * FROM unnest(${col('communityId')}::bigint[], ${col('communityPath')}::text[], ${col('orgId')}::bigint[], ${col('orgPath')}::text[], ${col('name')}::text[])
        WITH ORDINALITY AS t(community_id, community_path, org_id, org_path, name, i)
    ), ins AS (
      INSERT INTO estate (org_id, org_path, name)
      SELECT w.org_id, w.org_path, w.name FROM want w
      WHERE NOT EXISTS (SELECT 1 FROM estate e WHERE e.name = w.name AND e.org_path LIKE w.community_path || '%')
      ON CONFLICT (org_id, name) DO NOTHING
      RETURNING id, org_id, name
    )
    SELECT w.i, COALESCE(
      (SELECT ins.id FROM ins WHERE ins.org_id = w.org_id AND ins.name = w.name),
      (SELECT e.id FROM estate e WHERE e.name = w.name AND e.org_path LIKE w.community_path || '%'
        ORDER BY (e.org_id = w.org_id) DESC, (e.org_id = w.community_id) DESC, e.id LIMIT 1)) AS id
    FROM want w ORDER BY w.i`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Children (buildings of estates, units of buildings) by name under their parent; made in the parent's org. */
export async function resolveChildren(db: Database, level: 'building' | 'unit', parentIds: number[], names: string[]): Promise<(number | null)[]> {
  if (!parentIds.length) return [];
  const [table, parentTable, fk] = level === 'building' ? ['building', 'estate', 'estate_id'] as const : ['unit', 'building', 'building_id'] as const;
  const r = await sql<{ i: number; id: number | null }>`
    WITH want AS (SELECT * FROM unnest(${parentIds}::bigint[], ${names}::text[]) WITH ORDINALITY AS t(parent_id, name, i)),
    ins AS (
      INSERT INTO ${sql.table(table)} (${sql.ref(fk)}, org_id, org_path, name)
      SELECT w.parent_id, p.org_id, p.org_path, w.name FROM want w JOIN ${sql.table(parentTable)} p ON p.id = w.parent_id
      ON CONFLICT (${sql.ref(fk)}, name) DO NOTHING
      RETURNING id, ${sql.ref(fk)} AS parent_id, name
    )
    SELECT w.i, COALESCE(
      (SELECT ins.id FROM ins WHERE ins.parent_id = w.parent_id AND ins.name = w.name),
      (SELECT c.id FROM ${sql.table(table)} c WHERE c.${sql.ref(fk)} = w.parent_id AND c.name = w.name)) AS id
    FROM want w ORDER BY w.i`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Which of these residents exist (and their phone hash): only new or changed values need encrypting. */
export async function existingResidents(db: Database, idHashes: string[]): Promise<Map<string, string | null>> {
  if (!idHashes.length) return new Map();
  const r = await sql<{ id_hash: string; phone_hash: string | null }>`
    SELECT id_hash, phone_hash FROM resident WHERE id_hash = ANY(${idHashes}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id_hash, x.phone_hash]));
}

/** A household as staged: new ones carry their ciphertexts; known ones only the hash (and maybe area/tenure). */
export interface HouseholdValues {
  addressHash: string; orgId: number; orgPath: string; estateId: number | null; buildingId: number | null; unitId: number | null;
  place: string; roomEnc: string | null; addressEnc: string | null; addressMasked: string; area: number | null; tenure: string | null;
}

/**
 * Households, like places, are made ahead of their batch (a household nobody ends up in is
 * a valid, empty household and is reused by the next run). Doing it here, on another
 * connection while the previous batch is being written, also means the batch's later
 * UPDATE of the head of household does not re-check the household's other foreign keys
 * (PostgreSQL re-checks every key of a row updated in the transaction that inserted it).
 * Known households in scope get a stated area or tenure; a blank cell keeps the stored one.
 */
export async function upsertHouseholds(db: Database, hs: HouseholdValues[], scopePath: string): Promise<void> {
  if (!hs.length) return;
  const col = <K extends keyof HouseholdValues>(k: K) => hs.map((h) => h[k]);
  const hashes = col('addressHash');
  await sql`
    WITH v AS (
      SELECT * FROM unnest(${hashes}::text[], ${col('orgId')}::bigint[], ${col('orgPath')}::text[], ${col('estateId')}::bigint[],
        ${col('buildingId')}::bigint[], ${col('unitId')}::bigint[], ${col('place')}::text[], ${col('roomEnc')}::text[],
        ${col('addressEnc')}::text[], ${col('addressMasked')}::text[], ${col('area')}::numeric[], ${col('tenure')}::text[])
        AS t(address_hash, org_id, org_path, estate_id, building_id, unit_id, place, room_enc, address_enc, address_masked, area_sqm, tenure)
    ), ins AS (
      INSERT INTO household (org_id, org_path, estate_id, building_id, unit_id, place, room_enc, address_enc, address_masked, address_hash, area_sqm, tenure)
      SELECT org_id, org_path, estate_id, building_id, unit_id, place, room_enc, address_enc, address_masked, address_hash, area_sqm, tenure
      FROM v WHERE address_enc IS NOT NULL
      ON CONFLICT (address_hash) DO NOTHING
    )
    UPDATE household h SET area_sqm = COALESCE(v.area_sqm, h.area_sqm), tenure = COALESCE(v.tenure, h.tenure), updated_at = now()
    FROM v
    WHERE h.address_hash = ANY(${hashes}::text[]) AND h.address_hash = v.address_hash AND h.org_path LIKE ${scopePattern(scopePath)}
      AND ((v.area_sqm IS NOT NULL AND v.area_sqm IS DISTINCT FROM h.area_sqm) OR (v.tenure IS NOT NULL AND v.tenure IS DISTINCT FROM h.tenure))`.execute(db);
}

export async function existingHouseholds(db: Database, hashes: string[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const r = await sql<{ address_hash: string }>`SELECT address_hash FROM household WHERE address_hash = ANY(${hashes}::text[])`.execute(db);
  return new Set(r.rows.map((x) => x.address_hash));
}

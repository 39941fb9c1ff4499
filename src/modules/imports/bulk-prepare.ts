import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

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

/** A recorded household as a batch needs it: where new members go, and whether it is within the import's org. */
export interface HouseholdRef { id: number; orgId: number; orgPath: string }

export async function existingHouseholds(db: Database, hashes: string[]): Promise<Map<string, HouseholdRef>> {
  if (!hashes.length) return new Map();
  const r = await sql<{ address_hash: string; id: number; org_id: number; org_path: string }>`
    SELECT address_hash, id, org_id, org_path FROM household WHERE address_hash = ANY(${hashes}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.address_hash, { id: x.id, orgId: x.org_id, orgPath: x.org_path }]));
}

/**
 * Ids for the households and residents a batch will insert, drawn from their identity
 * sequences ahead of the write: a new household is then inserted with its head already
 * set, in the same statement as its members (the two tables refer to each other), instead
 * of being inserted and updated again.
 */
export async function allocateIds(db: Database, households: number, residents: number): Promise<{ households: number[]; residents: number[] }> {
  if (!households && !residents) return { households: [], residents: [] };
  const r = await sql<{ h: (string | number)[]; r: (string | number)[] }>`
    SELECT
      ARRAY(SELECT nextval(s) FROM CAST(pg_get_serial_sequence('household', 'id') AS regclass) s, generate_series(1, ${households}::int)) AS h,
      ARRAY(SELECT nextval(s) FROM CAST(pg_get_serial_sequence('resident', 'id') AS regclass) s, generate_series(1, ${residents}::int)) AS r`.execute(db);
  return { households: r.rows[0].h.map(Number), residents: r.rows[0].r.map(Number) };
}

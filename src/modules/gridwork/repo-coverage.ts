import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';

export interface CoverageDbRow {
  id: number; level: 'grid' | 'community'; name: string; households_target: number | null;
  households: number; visited: number; residents: number;
  phone: number; id_number: number; birth_date: number; household: number; ethnicity: number; political_status: number;
}

/**
 * The coverage read model in one statement: every grid below the org, plus any community
 * that still holds households or residents directly (not yet assigned to a grid). Each
 * table is aggregated once over the subtree (org_path prefix, indexed) and joined by org.
 * A household counts as visited when it has a visit in [from, to), wherever the visit was
 * filed; households and residents count only while active.
 * MATERIALIZED: the two prefix conditions make the planner expect one row per aggregate,
 * and inlined it re-ran each aggregate per org (2.7 s instead of 0.13 s for a street
 * of 100 grids, 30k households and 90k residents).
 */
export async function coverageRows(db: Database, actor: Actor, orgPath: string, from: Date, to: Date): Promise<CoverageDbRow[]> {
  const under = (col: string) => sql`${inScope(actor, col)} AND ${inScope({ orgPath }, col)}`;
  const { rows } = await sql<CoverageDbRow>`
    WITH units AS MATERIALIZED (
      SELECT o.id, o.level, o.name, o.code, o.households_target FROM org o
      WHERE o.level IN ('grid', 'community') AND ${under('o.path')}
    ), hh AS MATERIALIZED (
      SELECT h.org_id, count(*) AS households,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM visit v WHERE v.household_id = h.id AND v.visited_at >= ${from} AND v.visited_at < ${to})) AS visited
      FROM household h WHERE h.status = 'active' AND ${under('h.org_path')}
      GROUP BY h.org_id
    ), rr AS MATERIALIZED (
      SELECT r.org_id, count(*) AS residents, count(r.phone_hash) AS phone, count(r.id_hash) AS id_number,
             count(r.birth_date) AS birth_date, count(r.household_id) AS household,
             count(NULLIF(btrim(r.ethnicity), '')) AS ethnicity, count(r.political_status) AS political_status
      FROM resident r WHERE r.status = 'active' AND ${under('r.org_path')}
      GROUP BY r.org_id
    )
    SELECT u.id, u.level, u.name, u.households_target,
           coalesce(hh.households, 0) AS households, coalesce(hh.visited, 0) AS visited, coalesce(rr.residents, 0) AS residents,
           coalesce(rr.phone, 0) AS phone, coalesce(rr.id_number, 0) AS id_number, coalesce(rr.birth_date, 0) AS birth_date,
           coalesce(rr.household, 0) AS household, coalesce(rr.ethnicity, 0) AS ethnicity, coalesce(rr.political_status, 0) AS political_status
    FROM units u LEFT JOIN hh ON hh.org_id = u.id LEFT JOIN rr ON rr.org_id = u.id
    WHERE u.level = 'grid' OR hh.org_id IS NOT NULL OR rr.org_id IS NOT NULL
    ORDER BY u.code`.execute(db);
  return rows;
}

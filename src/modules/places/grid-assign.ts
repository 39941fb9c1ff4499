import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { point as turfPoint } from '@turf/helpers';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, OrgLevel } from '../../db/schema.js';
import * as repo from './repo.js';

/**
 * Grid assignment: a located household belongs to the grid whose boundary contains it.
 * The pure part (`gridContaining`) is separate from loading the grids so it can be tested
 * without a database and reused by the importer with grids it has already loaded.
 */
export interface Point { lon: number; lat: number }
export interface GridShape { id: number; path: string; boundary: unknown }

/** The first grid (by path, so the answer is stable when boundaries overlap) containing the point; boundary lines count as inside. */
export function gridContaining(p: Point, grids: readonly GridShape[]): GridShape | null {
  const pt = turfPoint([p.lon, p.lat]);
  for (const g of grids) {
    const b = g.boundary as { type?: unknown; coordinates?: unknown } | null;
    if (!b || b.type !== 'Polygon' || !Array.isArray(b.coordinates)) continue;
    try {
      if (booleanPointInPolygon(pt, b as Parameters<typeof booleanPointInPolygon>[1])) return g;
    } catch {
      // A malformed stored boundary cannot contain anything; the chosen org stays.
    }
  }
  return null;
}

type Located = { lon: number | null; lat: number | null } | null | undefined;

/** A household is located by its own point, else its building's, else its estate's. */
export function locatingPoint(own: Located, building?: Located, estate?: Located): Point | null {
  for (const x of [own, building, estate])
    if (x && x.lon !== null && x.lat !== null && x.lon !== undefined && x.lat !== undefined) return { lon: x.lon, lat: x.lat };
  return null;
}

/** The community a grid or community org belongs to (its own id for a community). */
export function communityIdOf(org: { id: number; level: OrgLevel; parent_id: number | null }): number {
  return org.level === 'grid' && org.parent_id ? org.parent_id : org.id;
}

/** Path of the community (a grid's path minus its own segment). */
export function communityPathOf(org: { level: OrgLevel; path: string }): string {
  return org.level === 'grid' ? org.path.replace(/\d+\/$/, '') : org.path;
}

/**
 * The org that owns a household placed under `chosen` (a grid or community) at `p`: the
 * grid of the same community whose boundary contains the point, or `chosen` itself when
 * there is no point or no boundary contains it.
 */
export async function assignGridForPoint(
  db: Database | Transaction<DB>, chosen: { id: number; level: OrgLevel; path: string }, p: Point | null,
): Promise<{ id: number; path: string; assigned: boolean }> {
  if (!p) return { id: chosen.id, path: chosen.path, assigned: false };
  const grids = await repo.gridsWithBoundary(db, communityPathOf(chosen));
  const g = gridContaining(p, grids);
  return g ? { id: g.id, path: g.path, assigned: true } : { id: chosen.id, path: chosen.path, assigned: false };
}

import { sql, type Transaction } from 'kysely';
import type { Deps } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import type { Database } from '../../db/database.js';
import { gridContaining, type GridShape } from '../places/grid-assign.js';
import * as cfg from './repo-config.js';
import { effectiveDeadlines, pickRoute, type Deadlines } from './rules.js';

/**
 * What every submission reads and nearly never changes: the category catalogue with the
 * routing rules, and the grids' boundaries. Both are cached per database handle and
 * dropped through the change bus ('catalogue' for categories and rules, 'org' for
 * boundaries and for the handlers' paths), so every instance stays current.
 */
export interface Catalogue {
  byId: Map<number, cfg.CategoryRow>;
  byCode: Map<string, cfg.CategoryRow>;
  /** The category and its ancestors, the category first. */
  chain(id: number): cfg.CategoryRow[];
  deadlines(id: number): Deadlines;
  /** Routing rules by category id. */
  routes: Map<number, cfg.RouteRuleRow[]>;
}

const catalogues = new WeakMap<Database, Promise<Catalogue>>();
const grids = new WeakMap<Database, Map<string, Promise<Located[]>>>();
const chains = new WeakMap<Database, Map<string, Promise<cfg.OrgBrief[]>>>();
const subscribed = new WeakSet<object>();

function subscribe(deps: Deps) {
  if (subscribed.has(deps.bus)) return;
  subscribed.add(deps.bus);
  deps.bus.on('catalogue', () => catalogues.delete(deps.db));
  deps.bus.on('org', () => { grids.delete(deps.db); chains.delete(deps.db); catalogues.delete(deps.db); });
}

function build([rows, rules]: [cfg.CategoryRow[], cfg.RouteRuleRow[]]): Catalogue {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chain = (id: number) => {
    const out: cfg.CategoryRow[] = [];
    for (let c = byId.get(id); c && out.length < 20; c = c.parent_id ? byId.get(c.parent_id) : undefined) out.push(c);
    return out;
  };
  const routes = new Map<number, cfg.RouteRuleRow[]>();
  for (const r of rules) routes.set(r.category_id, [...(routes.get(r.category_id) ?? []), r]);
  return { byId, byCode: new Map(rows.map((r) => [r.code, r])), chain, deadlines: (id) => effectiveDeadlines(chain(id)), routes };
}

export function catalogue(deps: Deps): Promise<Catalogue> {
  subscribe(deps);
  let c = catalogues.get(deps.db);
  if (!c) {
    c = Promise.all([cfg.allCategories(deps.db), cfg.allRoutes(deps.db)]).then(build);
    c.catch(() => catalogues.delete(deps.db));
    catalogues.set(deps.db, c);
  }
  return c;
}

/** Drops this instance's copy at once (other instances hear the NOTIFY). */
export function forgetCatalogue(deps: Deps) {
  catalogues.delete(deps.db);
}

/** Inside a catalogue or rule write: every instance drops its copy when it commits. */
export async function announceCatalogueChange(trx: Transaction<DB>, what: 'category' | 'route') {
  await sql`SELECT pg_notify('gongzhi_catalogue', ${what})`.execute(trx);
}

/** One cached load per database and key; a failed load is forgotten so the next call retries. */
function cached<T>(caches: WeakMap<Database, Map<string, Promise<T>>>, deps: Deps, key: string, load: () => Promise<T>): Promise<T> {
  subscribe(deps);
  let perDb = caches.get(deps.db);
  if (!perDb || perDb.size > 50_000) { perDb = new Map(); caches.set(deps.db, perDb); }
  let v = perDb.get(key);
  if (!v) {
    const m = perDb;
    v = load();
    v.catch(() => m.delete(key));
    m.set(key, v);
  }
  return v;
}

/** The orgs on a path, root first (a submitter's district and street), cached per path. */
export function orgsOnPath(deps: Deps, path: string): Promise<cfg.OrgBrief[]> {
  return cached(chains, deps, path, () => cfg.orgsOnPath(deps.db, path));
}

interface Located extends GridShape { name: string; box: [number, number, number, number] }

function bbox(boundary: unknown): [number, number, number, number] | null {
  const b = boundary as { type?: string; coordinates?: number[][][] } | null;
  if (!b || b.type !== 'Polygon' || !Array.isArray(b.coordinates?.[0])) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of b.coordinates[0]) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  return Number.isFinite(x0) ? [x0, y0, x1, y1] : null;
}

async function loadGrids(db: Database, root: string): Promise<Located[]> {
  const rows = await cfg.gridsUnder(db, root);
  const out: Located[] = [];
  for (const g of rows) { const box = bbox(g.boundary); if (box) out.push({ id: g.id, name: g.name, path: g.path, boundary: g.boundary, box }); }
  return out;
}

/** The grid under `root` whose boundary contains the point (bounding boxes first, then the polygon). */
export async function gridAt(deps: Deps, root: string, p: { lon: number; lat: number }): Promise<Located | null> {
  const list = await cached(grids, deps, root, () => loadGrids(deps.db, root));
  const candidates = list.filter((g) => p.lon >= g.box[0] && p.lon <= g.box[2] && p.lat >= g.box[1] && p.lat <= g.box[3]);
  return gridContaining(p, candidates) as Located | null;
}

/** The responsible unit for a category at an area path, from the most specific rule (no query). */
export function routeFor(cat: Catalogue, categoryId: number, path: string) {
  const chain = cat.chain(categoryId).map((c) => c.id);
  const rules = chain.flatMap((id) => cat.routes.get(id) ?? []).filter((r) => path.startsWith(r.org_path));
  const best = pickRoute(rules.map((r) => ({ orgPath: r.org_path, categoryDepth: chain.indexOf(r.category_id), handlerOrgId: r.handler_org_id })));
  if (!best) return null;
  const rule = rules.find((r) => r.handler_org_id === best.handlerOrgId && r.org_path === best.orgPath)!;
  return { handlerOrgId: rule.handler_org_id, handlerPath: rule.handler_path, handlerName: rule.handler_name };
}

import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, loginAll, type Account, type World } from './fixtures.js';
import { SPECS, type SpecCtx } from './route-specs/index.js';

/**
 * Data scope over every module at once (ARCHITECTURE.md, "Data scope"): each module's
 * route spec creates its records in street A (its `setup`), then every GET route the
 * server registers — lists, searches, exports, details on those records' ids — is asked
 * by street A's staff and by street B's staff. Nothing street B's staff get may carry a
 * trace of street A: its orgs' names, codes or paths, in JSON or inside an Excel export;
 * and a detail street A's staff can open must not open for street B (404 or 403).
 * The same answers for street A must carry those traces on enough routes, or the sweep
 * would prove nothing. Routes added by later modules are swept as soon as their spec
 * lists them. Module-specific scope tests stay in each module's own file.
 */

/** GET routes that are not about street A's records (the caller's own session, public config). */
const NOT_SCOPED = new Set([
  'GET /api/health', 'GET /api/v1/auth/me', 'GET /api/v1/users/role-options', 'GET /api/v1/orgs/roots',
]);

interface Route { key: string; url: string }

function getRoutes(t: TestApp): Route[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const out: Route[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    if (!('get' in ops)) continue;
    const url = p.replace(/\{(\w+)\}/g, ':$1');
    const key = `GET ${url}`;
    if (!NOT_SCOPED.has(key) && url.startsWith('/api/')) out.push({ key, url });
  }
  return out;
}

async function textOf(r: LightMyRequestResponse): Promise<string> {
  const type = String(r.headers['content-type'] ?? '');
  if (!type.includes('spreadsheetml')) return r.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { cells.push(String(c.text ?? '')); })));
  return cells.join('\n');
}

describe('no GET route leaks across streets', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let routes: Route[];
  let spec: SpecCtx;
  let traces: string[];

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    spec = { t, w, s };
    for (const m of SPECS) await m.setup?.(spec);
    routes = getRoutes(t);
    // What only street A's records can carry: the names, codes and paths of street A and everything under it.
    const orgs = await t.handle.db.selectFrom('org').select(['name', 'code', 'path']).where('path', 'like', `${w.streetA.path}%`).execute();
    traces = [...new Set(orgs.flatMap((o) => [o.name, o.code, `"${o.path}`]))];
    expect(orgs.length).toBeGreaterThanOrEqual(4);
  }, 240_000);
  afterAll(async () => { await t?.close(); });

  const idFor = (key: string) => {
    for (const m of SPECS) {
      const id = m.id?.(key, spec);
      if (id) return id;
    }
    return undefined;
  };
  const leakIn = (text: string) => traces.find((x) => text.includes(x));

  it('street B sees no trace of street A on any GET route, while street A sees its own', async () => {
    const leaks: string[] = [];
    const proved: string[] = [];
    for (const r of routes) {
      if (r.url.includes(':') && !r.url.includes(':id')) continue; // routes keyed by codes or tokens are covered by their module's tests
      const id = idFor(r.key);
      if (r.url.includes(':id') && id === undefined) continue;
      const url = r.url.replace(':id', String(id));
      const mine = await s.streetStaff.get(url);
      const theirs = await s.streetStaffB.get(url);
      expect(theirs.statusCode, `${r.key}: ${theirs.body.slice(0, 300)}`).toBeLessThan(500);
      const mineText = mine.statusCode === 200 ? await textOf(mine) : '';
      const theirText = theirs.statusCode === 200 ? await textOf(theirs) : '';
      const leak = leakIn(theirText);
      if (leak) leaks.push(`${r.key} → ${leak}`);
      if (r.url.includes(':id') && mine.statusCode === 200 && theirs.statusCode === 200 && leakIn(mineText)) leaks.push(`${r.key} opens street A's record ${id} for street B`);
      if (r.url.includes(':id') && mine.statusCode === 200) expect([200, 403, 404], r.key).toContain(theirs.statusCode);
      if (leakIn(mineText)) proved.push(r.key);
    }
    console.log(`scope sweep: ${routes.length} GET routes, street A's records seen by street A on ${proved.length}, leaks to street B: ${leaks.length}`);
    expect(leaks).toEqual([]);
    // Not vacuous: street A's own staff find street A's records on many routes, across the modules.
    expect(proved.length, proved.join('\n')).toBeGreaterThanOrEqual(30);
    const modules = new Set(proved.map((k) => k.split('/')[3]));
    expect(modules.size, [...modules].join(', ')).toBeGreaterThanOrEqual(8);
  }, 600_000);
});

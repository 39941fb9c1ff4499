import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, drawGrid, loginAll, type Account, type World } from './fixtures.js';
import { AWAITING_DISPATCH, HELD } from '../../src/modules/requests/rules.js';

/**
 * The work board's open views are read from the open-queue indexes (repo.ts openQueue), not
 * from the table. This checks them against the visibility rule written out directly in SQL:
 * area in scope OR handler in scope OR summoned unit in scope, for every view and filter.
 */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let road = 0;
let light = 0;

let key = 0;
const submit = (who: Session, extra: Record<string, unknown>) =>
  who.post('/api/v1/requests', { clientKey: `board-key-${++key}`, kind: 'problem', description: '看板测试', ...extra });

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  await drawGrid(t, w.gridA.id, 98.5, 39.7);
  road = (await s.sysAdmin.post('/api/v1/request-categories', { code: 'b-road', name: '道路', resolveHours: 48 })).json().id;
  light = (await s.sysAdmin.post('/api/v1/request-categories', { code: 'b-light', name: '路灯', resolveHours: 24 })).json().id;
  // Street lights in street A go straight to its department.
  expect((await s.streetStaff.post('/api/v1/request-routes', { orgId: w.streetA.id, categoryId: light, handlerOrgId: w.deptA.id })).statusCode).toBe(201);

  const ids: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await submit(s.resident, { categoryId: i % 2 ? light : road, kind: i % 3 ? 'problem' : 'complaint', lon: 98.505, lat: 39.705 });
    expect(r.statusCode, r.body).toBe(201);
    ids.push(r.json().id);
  }
  const b = await submit(s.streetStaffB, { categoryId: road, orgId: w.communityB.id });
  expect(b.statusCode, b.body).toBe(201);
  // Street B's own request, accepted and awaiting dispatch: never on street A's board.
  expect((await s.streetStaffB.post(`/api/v1/requests/${b.json().id}/accept`, {})).statusCode).toBe(200);
  // One of A's road requests is dispatched to the grid, then the department is summoned to it.
  expect((await s.communityWorker.post(`/api/v1/requests/${ids[0]}/dispatch`, { handlerOrgId: w.gridA.id })).statusCode).toBe(200);
  expect((await s.communityWorker.post(`/api/v1/requests/${ids[0]}/whistle`, { departmentIds: [w.deptA.id], reason: '需配合' })).statusCode).toBe(200);
  // One routed request started by the department, one flagged overdue.
  expect((await s.departmentStaff.post(`/api/v1/requests/${ids[1]}/start`, {})).statusCode).toBe(200);
  await t.handle.db.updateTable('request').set({ overdue_level: 1 }).where('id', '=', ids[3]).execute();
});
afterAll(async () => { await t?.close(); });

async function expected(account: Account, view: string, f: { kind?: string; categoryId?: number; handlerOrgId?: number; status?: string }) {
  const me = await t.handle.db.selectFrom('app_user').select('org_path').where('id', '=', w.users[account].id).executeTakeFirstOrThrow();
  const p = me.org_path + '%';
  let q = t.handle.db.selectFrom('request as r').select('r.id').where('r.is_open', '=', true)
    .where((eb) => eb.or([eb('r.org_path', 'like', p), eb('r.handler_path', 'like', p),
      eb('r.id', 'in', eb.selectFrom('request_summons').select('request_id').where('org_path', 'like', p))]));
  if (view === 'awaiting') q = q.where('r.status', 'in', [...AWAITING_DISPATCH]);
  if (view === 'held') q = q.where('r.status', 'in', [...HELD]);
  if (view === 'overdue') q = q.where('r.overdue_level', '>', 0);
  if (f.kind) q = q.where('r.kind', '=', f.kind as 'problem');
  if (f.categoryId) q = q.where('r.category_id', '=', f.categoryId);
  if (f.handlerOrgId) q = q.where('r.handler_org_id', '=', f.handlerOrgId);
  if (f.status) q = q.where('r.status', '=', f.status as 'submitted');
  return (await q.orderBy('r.id', 'desc').execute()).map((r) => r.id);
}

describe('the board\'s open views (index-only queue)', () => {
  const accounts: Account[] = ['streetStaff', 'streetStaffB', 'communityWorker', 'departmentStaff', 'gridWorker'];
  const filters = [{}, { kind: 'complaint' }, { categoryId: 0 }, { status: 'dispatched' }, { handlerOrgId: 0 }];

  it('lists exactly what the visibility rule gives, newest first, for every view and filter, with exact totals', async () => {
    let nonEmpty = 0;
    for (const a of accounts) {
      for (const view of ['open', 'awaiting', 'held', 'overdue']) {
        for (const raw of filters) {
          const f = { ...raw, ...('categoryId' in raw ? { categoryId: light } : {}), ...('handlerOrgId' in raw ? { handlerOrgId: w.deptA.id } : {}) } as Record<string, string | number>;
          const qs = new URLSearchParams({ view, pageSize: '3', ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)])) });
          const want = await expected(a, view, f);
          const got: number[] = [];
          for (let page = 1; page <= 5; page++) {
            qs.set('page', String(page));
            const r = await s[a].get(`/api/v1/requests?${qs}`);
            expect(r.statusCode, `${a} ${qs}: ${r.body}`).toBe(200);
            const body = r.json();
            expect(body.total, `${a} ${qs}`).toBe(want.length);
            got.push(...body.items.map((x: { id: number }) => x.id));
            if (body.items.length < 3) break;
          }
          expect(got, `${a} ${qs}`).toEqual(want);
          if (want.length) nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('counters agree with the rule: open, awaiting dispatch, overdue', async () => {
    for (const a of accounts) {
      const c = (await s[a].get('/api/v1/requests?view=open&pageSize=1')).json().counters;
      expect(c, a).toEqual({
        open: (await expected(a, 'open', {})).length,
        awaiting: (await expected(a, 'awaiting', {})).length,
        overdue: (await expected(a, 'overdue', {})).length,
      });
    }
    // The department sees its own handling and the summons, nothing else of the street.
    expect((await expected('departmentStaff', 'open', {})).length).toBeGreaterThanOrEqual(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, lastAuditId, auditSince, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, drawGrid, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { sweep } from '../../src/modules/requests/service-sweep.js';
import { JPEG } from './route-specs/gridwork.js';

/** Requests (接诉即办): intake, routing, idempotency, workflow, conflicts, whistle, clock, figures, scope. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let cat = 0;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  await drawGrid(t, w.gridA.id, 98.5, 39.7);
  const c = await s.sysAdmin.post('/api/v1/request-categories', { code: 'road', name: '道路破损', respondHours: 4, resolveHours: 48 });
  expect(c.statusCode, c.body).toBe(201);
  cat = c.json().id;
});
afterAll(async () => { await t?.close(); });

let key = 0;
const submit = (who: Session, extra: Record<string, unknown> = {}) =>
  who.post('/api/v1/requests', { clientKey: `key-${++key}-${Date.now()}`, kind: 'problem', categoryId: cat, description: '路面坑洼', ...extra });

describe('intake and routing', () => {
  it('a located request lands in the grid whose boundary holds the point and waits for dispatch without a rule', async () => {
    const r = await submit(s.resident, { lon: 98.505, lat: 39.705 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ orgId: w.gridA.id, status: 'submitted', routedAuto: false, channel: 'app', reporterKind: 'resident' });
    expect(r.json().events.map((e: { action: string }) => e.action)).toEqual(['submit']);
  });

  it('a photo the resident took is served with the request to those who see it, and to no one else', async () => {
    const photo = (await s.resident.post('/api/v1/attachments', JPEG, { 'content-type': 'image/jpeg' })).json().id;
    const r = await submit(s.resident, { lon: 98.505, lat: 39.705, photoIds: [photo] });
    expect(r.statusCode, r.body).toBe(201);
    const url = `/api/v1/requests/${r.json().id}/photos/${photo}`;
    expect(r.json().photoUrls).toEqual([url]);
    const got = await s.communityWorker.get(url);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.headers['content-type']).toMatch(/^image\/jpeg/);
    expect(Buffer.compare(got.rawPayload, JPEG)).toBe(0);
    expect((await s.streetStaffB.get(url)).statusCode).toBe(404);
    expect((await s.communityWorker.get(`/api/v1/requests/${r.json().id}/photos/${photo + 999}`)).statusCode).toBe(404);
  });

  it('with a routing rule it goes straight to the department, on the category clock', async () => {
    const rule = await s.streetStaff.post('/api/v1/request-routes', { orgId: w.streetA.id, categoryId: cat, handlerOrgId: w.deptA.id });
    expect(rule.statusCode, rule.body).toBe(201);
    const r = await submit(s.gridWorker, { orgId: w.gridA.id });
    expect(r.json()).toMatchObject({ status: 'dispatched', routedAuto: true, handlerOrgId: w.deptA.id, channel: 'grid' });
    const body = r.json();
    expect(Date.parse(body.respondDueAt) - Date.parse(body.createdAt)).toBe(4 * 3600_000);
    expect(Date.parse(body.resolveDueAt) - Date.parse(body.createdAt)).toBe(48 * 3600_000);
    // The answer is built from what was written, not read back: it must equal the detail read afterwards.
    expect(body).toMatchObject({ orgName: '富康第一网格', handlerName: '民政办', categoryName: '道路破损' });
    expect(body.events.map((e: { action: string; targetOrgName: string | null }) => [e.action, e.targetOrgName])).toEqual([['submit', null], ['dispatch', '民政办']]);
    // The department hears of it in the same transaction; the submitter is not told of their own report.
    const told = (await s.departmentStaff.get('/api/v1/notifications')).json().items;
    expect(told).toContainEqual(expect.objectContaining({ kind: 'dispatched', requestId: body.id, title: `新派单诉求 #${body.id}` }));
    expect((await s.gridWorker.get('/api/v1/notifications')).json().items.some((n: { requestId: number }) => n.requestId === body.id)).toBe(false);
    const { actions: _a, ...fresh } = body;
    const { actions: _b, ...read } = (await s.gridWorker.get(`/api/v1/requests/${body.id}`)).json();
    expect(fresh).toEqual(read);
    // Removed behind the app's back: tell the instance, as the rule API's NOTIFY would.
    await t.handle.db.deleteFrom('request_route').execute();
    t.deps.bus.emitLocal('catalogue', 'route');
  });

  it('bad input is a 400 naming the field, with nothing written', async () => {
    const before = await lastAuditId(t);
    expectError(await submit(s.resident, { categoryId: 999999 }), 400, 'VALIDATION_FAILED', 'categoryId');
    expectError(await submit(s.resident, { lon: 98.5 }), 400, 'VALIDATION_FAILED', 'lat');
    expectError(await submit(s.streetStaff, { channel: 'hotline', contactPhone: '12' , orgId: w.gridA.id }), 400, 'VALIDATION_FAILED', 'contactPhone');
    expectError(await submit(s.communityWorker, { orgId: w.gridB.id }), 400, 'VALIDATION_FAILED', 'orgId');
    expect(await auditSince(t, before)).toEqual([]);
  });

  it('the same client key sent 50 times at once makes one request', async () => {
    const body = { clientKey: 'same-key-50-times', kind: 'problem', categoryId: cat, description: '重复提交' };
    const rs = await Promise.all(Array.from({ length: 50 }, () => s.resident.post('/api/v1/requests', body)));
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(rs.every((r) => r.statusCode === 201 || r.statusCode === 200)).toBe(true);
    expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
    const n = await t.handle.db.selectFrom('request').select((e) => e.fn.countAll<number>().as('n')).where('client_key', '=', 'same-key-50-times').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('a report near an open one of the same category (150 m, 72 h) is flagged as its possible duplicate; the nearest in metres wins', async () => {
    const c = await s.sysAdmin.post('/api/v1/request-categories', { code: 'lamp-dup', name: '路灯不亮', respondHours: 4, resolveHours: 48 });
    expect(c.statusCode, c.body).toBe(201);
    const lamp = c.json().id;
    const at = (lon: number, lat: number, categoryId = lamp) => submit(s.resident, { categoryId, lon, lat }).then((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: number; possibleDuplicateOf: number | null };
    });
    const mLat = 1 / 111_320, mLon = 1 / (111_320 * Math.cos((39.702 * Math.PI) / 180));
    const a = await at(98.502, 39.702);
    expect(a.possibleDuplicateOf).toBeNull();
    expect((await at(98.502 + 100 * mLon, 39.702)).possibleDuplicateOf).toBe(a.id);
    expect((await at(98.502, 39.702 + 200 * mLat)).possibleDuplicateOf).toBeNull();
    expect((await at(98.502, 39.702, cat)).possibleDuplicateOf).toBeNull();
    // 160 m north is nearer in degrees than 140 m east, but only the one 140 m away is within the limit.
    const p = { lon: 98.507, lat: 39.707 };
    const north = await at(p.lon, p.lat + 160 * mLat);
    const east = await at(p.lon + 140 * mLon, p.lat);
    expect([north.possibleDuplicateOf, east.possibleDuplicateOf]).toEqual([null, null]);
    expect((await at(p.lon, p.lat)).possibleDuplicateOf).toBe(east.id);
    // Filed more than 72 hours ago: no longer a likely twin.
    const old = await at(98.508, 39.701);
    await t.handle.db.updateTable('request').set({ created_at: new Date(Date.now() - 73 * 3600_000) }).where('id', '=', old.id).execute();
    expect((await at(98.508, 39.701)).possibleDuplicateOf).toBeNull();
  });

  it('hotline contacts are stored encrypted, shown masked, revealed with a reason and audited', async () => {
    const r = await submit(s.streetStaff, { channel: 'hotline', contactName: '王小明', contactPhone: '13812345678', orgId: w.gridA.id });
    expect(r.json()).toMatchObject({ contactName: '王*明', contactPhone: '138****5678', reporterKind: 'hotline' });
    const row = await t.handle.db.selectFrom('request').select(['contact_phone_enc']).where('id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(row.contact_phone_enc).not.toContain('13812345678');
    const v = await s.communityWorker.post(`/api/v1/requests/${r.json().id}/reveal`, { field: 'contactPhone', reason: '回访' });
    expect(v.json()).toEqual({ value: '13812345678' });
    const a = await t.handle.db.selectFrom('audit_log').select(['action']).where('action', '=', 'request.reveal').execute();
    expect(a.length).toBeGreaterThan(0);
  });
});

describe('workflow', () => {
  it('dispatch → start → resolve → rate unsatisfied → reopen once; figures follow', async () => {
    const id = (await submit(s.resident, { lon: 98.505, lat: 39.705 })).json().id;
    const targets = (await s.communityWorker.get(`/api/v1/requests/${id}/dispatch-targets`)).json().items;
    expect(targets.map((x: { id: number }) => x.id)).toContain(w.deptA.id);
    const d = await s.communityWorker.post(`/api/v1/requests/${id}/dispatch`, { handlerOrgId: w.deptA.id });
    expect(d.json()).toMatchObject({ status: 'dispatched', handlerOrgId: w.deptA.id });
    expect((await s.departmentStaff.post(`/api/v1/requests/${id}/start`, {})).json().status).toBe('inProgress');
    expect((await s.departmentStaff.post(`/api/v1/requests/${id}/resolve`, { resolution: '已修补' })).json().status).toBe('resolved');
    expectError(await s.communityWorker.post(`/api/v1/requests/${id}/rate`, { rating: 'satisfied' }), 403, 'FORBIDDEN');
    const rated = await s.resident.post(`/api/v1/requests/${id}/rate`, { rating: 'unsatisfied', comment: '没修好' });
    expect(rated.json()).toMatchObject({ status: 'rated', rating: 'unsatisfied' });
    expect(rated.json().actions).toContain('reopen');
    expect((await s.resident.post(`/api/v1/requests/${id}/reopen`, { reason: '仍有坑' })).json()).toMatchObject({ status: 'reopened', reopenCount: 1 });
    const events = (await s.communityWorker.get(`/api/v1/requests/${id}`)).json().events.map((e: { action: string }) => e.action);
    expect(events).toEqual(['submit', 'dispatch', 'start', 'resolve', 'rate', 'reopen']);
    await s.communityWorker.post(`/api/v1/requests/${id}/dispatch`, { handlerOrgId: w.deptA.id });
    await s.departmentStaff.post(`/api/v1/requests/${id}/start`, {});
    await s.departmentStaff.post(`/api/v1/requests/${id}/resolve`, { resolution: '重新修补' });
    const second = await s.resident.post(`/api/v1/requests/${id}/rate`, { rating: 'satisfied' });
    expect(second.json()).toMatchObject({ status: 'closed', rating: 'satisfied' });
    expect(second.json().actions).not.toContain('reopen');
    const st = (await s.streetStaff.get(`/api/v1/request-stats?orgId=${w.streetA.id}&by=handler`)).json();
    const dept = st.rows.find((r: { orgId: number }) => r.orgId === w.deptA.id);
    expect(dept).toMatchObject({ resolved: 1, rated: 1, satisfied: 1, satisfactionRate: 100 });
  });

  it('two dispatchers at once: one wins, the other gets a clear 409', async () => {
    const id = (await submit(s.resident, { lon: 98.505, lat: 39.705 })).json().id;
    const [a, b] = await Promise.all([
      s.communityWorker.post(`/api/v1/requests/${id}/dispatch`, { handlerOrgId: w.deptA.id }),
      s.streetStaff.post(`/api/v1/requests/${id}/dispatch`, { handlerOrgId: w.deptA.id }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expectError(loser, 409, 'INVALID_TRANSITION');
    expectError(await s.communityWorker.post(`/api/v1/requests/${id}/redispatch`, { handlerOrgId: w.deptA.id, version: 1 }), 409, 'STALE_VERSION');
  });

  it('吹哨报到: the community summons the department, which checks in and reports; late ones are supervised', async () => {
    const id = (await submit(s.resident, { lon: 98.505, lat: 39.705 })).json().id;
    await s.communityWorker.post(`/api/v1/requests/${id}/dispatch`, { handlerOrgId: w.gridA.id });
    const wh = await s.communityWorker.post(`/api/v1/requests/${id}/whistle`, { departmentIds: [w.deptA.id], reason: '需执法配合' });
    expect(wh.statusCode, wh.body).toBe(200);
    const sm = wh.json().summons[0];
    expect(sm).toMatchObject({ orgId: w.deptA.id, checkedInAt: null });
    const seen = (await s.departmentStaff.get(`/api/v1/requests?view=summoned`)).json().items.map((r: { id: number }) => r.id);
    expect(seen).toContain(id);
    expectError(await s.departmentStaff.post(`/api/v1/request-summons/${sm.id}/report`, { report: 'x' }), 409, 'NOT_CHECKED_IN');
    const ci = await s.departmentStaff.post(`/api/v1/request-summons/${sm.id}/check-in`, {});
    expect(ci.json().summons[0].checkedInAt).not.toBeNull();
    const rp = await s.departmentStaff.post(`/api/v1/request-summons/${sm.id}/report`, { report: '已到场处置' });
    expect(rp.json().summons[0].report).toBe('已到场处置');
    const id2 = (await submit(s.resident, { lon: 98.505, lat: 39.705 })).json().id;
    await s.communityWorker.post(`/api/v1/requests/${id2}/dispatch`, { handlerOrgId: w.gridA.id });
    await s.communityWorker.post(`/api/v1/requests/${id2}/whistle`, { departmentIds: [w.deptA.id], reason: '需配合' });
    const r = await sweep(t.deps, new Date(Date.now() + 3 * 3600_000));
    expect(r.lateSummons).toBeGreaterThanOrEqual(1);
    const d2 = (await s.streetStaff.get(`/api/v1/requests/${id2}`)).json();
    expect(d2.summons[0]).toMatchObject({ late: true });
    expect(d2.events.map((e: { action: string }) => e.action)).toContain('supervise');
  });

  it('the clock flags overdue work and escalates it to the street', async () => {
    const id = (await submit(s.resident, { lon: 98.505, lat: 39.705 })).json().id;
    await sweep(t.deps, new Date(Date.now() + 49 * 3600_000));
    expect((await s.communityWorker.get(`/api/v1/requests/${id}`)).json().overdueLevel).toBe(1);
    await sweep(t.deps, new Date(Date.now() + 73 * 3600_000 + 60_000));
    const d = (await s.communityWorker.get(`/api/v1/requests/${id}`)).json();
    expect(d.overdueLevel).toBe(2);
    const n = (await s.streetStaff.get('/api/v1/notifications')).json();
    expect(n.items.some((x: { kind: string; requestId: number }) => x.kind === 'escalated' && x.requestId === id)).toBe(true);
  });
});

describe('scope', () => {
  it('another street sees none of these requests: list, search, detail, export, map, targets, reveal, actions, stats', async () => {
    const mine = (await s.communityWorker.get('/api/v1/requests?view=all&pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    const other = (await s.streetStaffB.get('/api/v1/requests?view=all&pageSize=200')).json();
    expect(other.items).toEqual([]);
    expectError(await s.streetStaffB.get(`/api/v1/requests/${mine.items[0].id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`/api/v1/request-stats?orgId=${w.streetA.id}`), 404, 'NOT_FOUND');
    // Search, export, map, targets, reveal and actions do not reach across either.
    const ids = new Set(mine.items.map((r: { id: number }) => r.id));
    expect((await s.communityWorker.get('/api/v1/requests?view=all&q=路面')).json().items.length).toBeGreaterThan(0);
    expect((await s.streetStaffB.get('/api/v1/requests?view=all&q=路面')).json().items).toEqual([]);
    const mineX = await readXlsx(await s.communityWorker.get('/api/v1/requests/export.xlsx?view=all'));
    expect(mineX.rows.length).toBe(mine.items.length);
    const otherX = await readXlsx(await s.streetStaffB.get('/api/v1/requests/export.xlsx?view=all'));
    expect(otherX.rows).toEqual([]);
    const map = (await s.streetStaffB.get('/api/v1/requests/map')).json();
    expect(map.requests.filter((r: { id: number }) => ids.has(r.id))).toEqual([]);
    expect((await s.communityWorker.get('/api/v1/requests/map')).json().requests.length).toBeGreaterThan(0);
    const target = mine.items[0].id;
    expectError(await s.streetStaffB.get(`/api/v1/requests/${target}/dispatch-targets`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.post(`/api/v1/requests/${target}/reveal`, { field: 'contactPhone', reason: '核实' }), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.post(`/api/v1/requests/${target}/accept`, {}), 404, 'NOT_FOUND');
    const residentOwn = (await s.resident.get('/api/v1/requests')).json();
    expect(residentOwn.items.every((r: { reporterKind: string }) => r.reporterKind === 'resident')).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { XLSX, buildWorld, expectError, hasHan, loginAll, readXlsx, type Account, type World } from './fixtures.js';

const ORGS = '/api/v1/orgs';
const square = (lon = 98.49, lat = 39.73, d = 0.01) =>
  ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });

interface OrgBody {
  id: number; parentId: number | null; level: string; code: string; divisionCode: string | null; name: string; path: string;
  childCount: number; householdsTarget: number | null; boundary: unknown; actions: string[];
}

describe('orgs', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    owner = await ownerClient(t.dbUrl);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const create = (who: Session, body: Record<string, unknown>, headers?: Record<string, string>) => who.post(ORGS, body, headers);

  describe('create', () => {
    it('builds a district down to a grid and a department, each audited once', async () => {
      const admin = s.sysAdmin;
      const made: OrgBody[] = [];
      const steps: [number | (() => number), string, string, string, Record<string, unknown>?][] = [
        [w.city.id, 'district', '620921', '金塔县'],
        [() => made[0].id, 'street', '620921100', '金塔镇'],
        [() => made[1].id, 'community', '620921100001', '城关社区'],
        [() => made[2].id, 'grid', '620921100001001', '城关第一网格', { householdsTarget: 320, boundary: square() }],
        [() => made[0].id, 'department', '620921D01', '县民政局'],
      ];
      for (const [parent, level, code, name, extra] of steps) {
        const parentId = typeof parent === 'function' ? parent() : parent;
        const before = await lastAuditId(t);
        const r = await create(admin, { parentId, level, code, name, ...extra });
        expect(r.statusCode, r.body).toBe(201);
        const o = r.json() as OrgBody;
        const parentPath = parentId === w.city.id ? w.city.path : made.find((m) => m.id === parentId)!.path;
        expect(o).toMatchObject({ parentId, level, code, name, path: `${parentPath}${o.id}/`, childCount: 0 });
        made.push(o);
        const rows = await auditSince(t, before);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          action: 'org.create', entity_type: 'org', entity_id: String(o.id), outcome: 'success',
          actor_id: w.users.sysAdmin.id, actor_role: 'sysAdmin', org_path: o.path,
        });
        expect(rows[0].detail).toMatchObject({ level, code, name, parentId });
      }
      expect(made[0].divisionCode).toBe('620921');
      expect(made[2].divisionCode).toBe('620921100001');
      expect(made[3]).toMatchObject({ householdsTarget: 320, boundary: square(), divisionCode: null });
      expect(made[4]).toMatchObject({ level: 'department', householdsTarget: null, boundary: null });
      expect(made[0].actions).toEqual(['create_child', 'update', 'delete']);
      const detail = await admin.get(`${ORGS}/${made[0].id}`);
      expect(detail.json()).toMatchObject({ id: made[0].id, childCount: 2 });
    });

    it('gives a new grid 500 households by default', async () => {
      const r = await create(s.sysAdmin, { parentId: w.communityA.id, level: 'grid', code: '620902001001009', name: '默认网格' });
      expect(r.statusCode).toBe(201);
      expect(r.json().householdsTarget).toBe(500);
    });

    it('enforces which level may hang under which', async () => {
      const cases: [number, string, string][] = [
        [1, 'city', '6299'], [w.province.id, 'district', '629901'], [w.district.id, 'community', '620902999'],
        [w.streetA.id, 'grid', '620902001999'], [w.communityA.id, 'department', '620902001001D01'],
        [w.gridA.id, 'grid', '620902001001001001'], [w.deptA.id, 'grid', '620902001D01001'],
      ];
      for (const [parentId, level, code] of cases) {
        const e = expectError(await create(s.sysAdmin, { parentId, level, code, name: 'x' }, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'level');
        expect(e.fields!.level).toMatch(/may only contain|has no children/);
      }
      // 'root' is not even a level one may ask for.
      expectError(await create(s.sysAdmin, { parentId: 1, level: 'root', code: '99', name: 'x' }), 400, 'VALIDATION_FAILED', 'level');
    });

    it('enforces code prefixes and lengths', async () => {
      const en = { 'accept-language': 'en' };
      const cases: [number, string, string, RegExp][] = [
        [w.province.id, 'city', '6309', /start with the parent's code 62/],
        [w.province.id, 'city', '620', /followed by/],
        [w.district.id, 'street', '62090201', /followed by/],
        [w.district.id, 'street', '6209020001', /followed by/],
        [w.district.id, 'department', 'D01', /start with the parent's code 620902/],
        [w.district.id, 'department', '620902D1', /followed by/],
        [w.communityA.id, 'grid', '620902001002001', /start with/],
      ];
      for (const [parentId, level, code, msg] of cases) {
        const e = expectError(await create(s.sysAdmin, { parentId, level, code, name: 'x' }, en), 400, 'VALIDATION_FAILED', 'code');
        expect(e.fields!.code, code).toMatch(msg);
      }
      // Characters outside [0-9D] fail the schema.
      expectError(await create(s.sysAdmin, { parentId: w.province.id, level: 'city', code: '62ab', name: 'x' }), 400, 'VALIDATION_FAILED', 'code');
      expectError(await create(s.sysAdmin, { parentId: w.province.id, level: 'city', code: '6', name: 'x' }), 400, 'VALIDATION_FAILED', 'code');
    });

    it('refuses a duplicate code with 409', async () => {
      const before = await lastAuditId(t);
      const e = expectError(await create(s.sysAdmin, { parentId: w.city.id, level: 'district', code: '620902', name: '重复' }), 409, 'ORG_CODE_TAKEN', 'code');
      expect(hasHan(e.message)).toBe(true);
      expect(await auditSince(t, before)).toHaveLength(0);
    });

    it('concurrent creates of one code: one 201, the rest 409, one audit row, never a 500', async () => {
      const before = await lastAuditId(t);
      const body = { parentId: w.communityB.id, level: 'grid', code: '620902002001321', name: '并发网格' };
      const rs = await Promise.all(Array.from({ length: 6 }, () => create(s.sysAdmin, body)));
      const codes = rs.map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of rs.filter((x) => x.statusCode === 409)) expect(['ORG_CODE_TAKEN', 'CONFLICT']).toContain(r.json().error.code);
      expect((await auditSince(t, before)).map((r) => r.action)).toEqual(['org.create']);
    });

    it('validates the rest of the body', async () => {
      const ok = { parentId: w.communityA.id, level: 'grid', code: '620902001001050', name: '网格' };
      expectError(await create(s.sysAdmin, { ...ok, name: '' }), 400, 'VALIDATION_FAILED', 'name');
      expectError(await create(s.sysAdmin, { ...ok, name: '   ' }), 400, 'VALIDATION_FAILED', 'name');
      expectError(await create(s.sysAdmin, { ...ok, name: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED', 'name');
      expectError(await create(s.sysAdmin, { ...ok, parentId: 0 }), 400, 'VALIDATION_FAILED', 'parentId');
      expectError(await create(s.sysAdmin, { ...ok, parentId: 'abc' }), 400, 'VALIDATION_FAILED', 'parentId');
      expectError(await create(s.sysAdmin, { ...ok, parentId: 999999 }), 400, 'VALIDATION_FAILED', 'parentId');
      expectError(await create(s.sysAdmin, { ...ok, level: 'village' }), 400, 'VALIDATION_FAILED', 'level');
      expectError(await create(s.sysAdmin, { ...ok, colour: 'red' }), 400, 'VALIDATION_FAILED', 'colour');
      const { code: _c, ...noCode } = ok;
      expectError(await create(s.sysAdmin, noCode), 400, 'VALIDATION_FAILED', 'code');
      expectError(await create(s.sysAdmin, { ...ok, householdsTarget: -5 }), 400, 'VALIDATION_FAILED', 'householdsTarget');
      expectError(await create(s.sysAdmin, { ...ok, householdsTarget: 100001 }), 400, 'VALIDATION_FAILED', 'householdsTarget');
      expectError(await create(s.sysAdmin, { ...ok, householdsTarget: 12.5 }), 400, 'VALIDATION_FAILED', 'householdsTarget');
      const e = expectError(await create(s.sysAdmin, { parentId: w.streetA.id, level: 'community', code: '620902001050', name: 'x', householdsTarget: 300 }, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'householdsTarget');
      expect(e.fields!.householdsTarget).toMatch(/only grids/);
    });

    it('validates grid boundaries as GeoJSON polygons', async () => {
      const ok = { parentId: w.communityA.id, level: 'grid', code: '620902001001060', name: '边界网格' };
      const en = { 'accept-language': 'en' };
      const open = { type: 'Polygon', coordinates: [[[98, 39], [98.1, 39], [98.1, 39.1], [98, 39.1], [98.05, 39.05]]] };
      expect(expectError(await create(s.sysAdmin, { ...ok, boundary: open }, en), 400, 'VALIDATION_FAILED', 'boundary').fields!.boundary).toMatch(/closed/);
      expect(expectError(await create(s.sysAdmin, { ...ok, boundary: square(98, 95) }, en), 400, 'VALIDATION_FAILED', 'boundary').fields!.boundary).toMatch(/range/);
      expect(expectError(await create(s.sysAdmin, { ...ok, boundary: square(181, 39) }, en), 400, 'VALIDATION_FAILED', 'boundary').fields!.boundary).toMatch(/range/);
      // Shape errors are caught by the schema and still name the boundary.
      for (const bad of [
        { type: 'Point', coordinates: [98, 39] },
        { type: 'Polygon', coordinates: [[[98, 39], [98.1, 39], [98, 39]]] },
        { type: 'Polygon', coordinates: [] },
        { type: 'Polygon', coordinates: [[[{}, 39], [98.1, 39], [98.1, 39.1], [{}, 39]]] },
        { type: 'Polygon', coordinates: [[[98, 39, 1, 2], [98.1, 39], [98.1, 39.1], [98, 39]]] },
        'POLYGON((98 39, 98.1 39, 98.1 39.1, 98 39))',
      ]) {
        const e = expectError(await create(s.sysAdmin, { ...ok, boundary: bad }), 400, 'VALIDATION_FAILED');
        expect(Object.keys(e.fields!).some((k) => k.startsWith('boundary')), JSON.stringify(e)).toBe(true);
      }
      const notGrid = expectError(await create(s.sysAdmin, { parentId: w.streetA.id, level: 'community', code: '620902001060', name: 'x', boundary: square() }, en), 400, 'VALIDATION_FAILED', 'boundary');
      expect(notGrid.fields!.boundary).toMatch(/only grids/);
      const r = await create(s.sysAdmin, { ...ok, boundary: square() });
      expect(r.statusCode).toBe(201);
      expect(r.json().boundary).toEqual(square());
      const stored = (await owner.query('SELECT boundary FROM org WHERE id = $1', [r.json().id])).rows[0].boundary;
      expect(stored).toEqual(square());
    });
  });

  describe('who may write', () => {
    it('street staff run grids and departments below their street only', async () => {
      const r = await create(s.streetStaff, { parentId: w.communityA.id, level: 'grid', code: '620902001001070', name: '街道建的网格' });
      expect(r.statusCode).toBe(201);
      expect(r.json().actions).toEqual(['update', 'delete']);
      expect((await create(s.streetStaff, { parentId: w.streetA.id, level: 'department', code: '620902001D70', name: '综治办' })).statusCode).toBe(201);
      expectError(await create(s.streetStaff, { parentId: w.streetA.id, level: 'community', code: '620902001070', name: 'x' }), 403, 'FORBIDDEN');
      // Another street's community is not even visible.
      expectError(await create(s.streetStaff, { parentId: w.communityB.id, level: 'grid', code: '620902002001070', name: 'x' }), 400, 'VALIDATION_FAILED', 'parentId');
      // Their own street is not theirs to edit or delete; a peer street is invisible.
      expectError(await s.streetStaff.patch(`${ORGS}/${w.streetA.id}`, { name: '改名' }), 403, 'FORBIDDEN');
      expectError(await s.streetStaff.del(`${ORGS}/${w.streetA.id}`), 403, 'FORBIDDEN');
      expectError(await s.streetStaff.patch(`${ORGS}/${w.streetB.id}`, { name: '改名' }), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.del(`${ORGS}/${w.district.id}`), 404, 'NOT_FOUND');
    });

    it('community workers make grids in their community; grid workers and others make nothing', async () => {
      expect((await create(s.communityWorker, { parentId: w.communityA.id, level: 'grid', code: '620902001001071', name: '社区建的网格' })).statusCode).toBe(201);
      const body = { parentId: w.communityA.id, level: 'grid', code: '620902001001072', name: 'x' };
      // Each under an org it can see: the role itself may not write.
      expectError(await create(s.gridWorker, { ...body, parentId: w.gridA.id, code: '620902001001001001' }), 403, 'FORBIDDEN');
      expectError(await create(s.departmentStaff, { ...body, parentId: w.deptA.id, code: '620902001D01001' }), 403, 'FORBIDDEN');
      expectError(await create(s.securityAdmin, body), 403, 'FORBIDDEN');
      expectError(await s.gridWorker.patch(`${ORGS}/${w.gridA.id}`, { name: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.gridWorker.del(`${ORGS}/${w.gridA.id}`), 403, 'FORBIDDEN');
      expectError(await s.communityWorker.patch(`${ORGS}/${w.communityA.id}`, { name: 'x' }), 403, 'FORBIDDEN');
      // Roles without org.read see nothing at all.
      for (const who of ['auditAdmin', 'resident'] as Account[]) {
        expectError(await create(s[who], body), 400, 'VALIDATION_FAILED', 'parentId');
        expectError(await s[who].get(ORGS), 403, 'FORBIDDEN');
        expectError(await s[who].get(`${ORGS}/${w.communityA.id}`), 403, 'FORBIDDEN');
        expectError(await s[who].patch(`${ORGS}/${w.gridA.id}`, { name: 'x' }), 403, 'FORBIDDEN');
        expectError(await s[who].del(`${ORGS}/${w.gridA.id}`), 403, 'FORBIDDEN');
      }
    });

    it('needs a session and the CSRF token', async () => {
      const body = { parentId: w.communityA.id, level: 'grid', code: '620902001001073', name: 'x' };
      expectError(await t.app.inject({ method: 'POST', url: ORGS, payload: body }), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ method: 'POST', url: ORGS, payload: body, headers: { cookie: s.sysAdmin.cookie } }), 403, 'CSRF_FAILED');
      expectError(await t.app.inject({ method: 'PATCH', url: `${ORGS}/${w.gridA.id}`, payload: { name: 'x' }, headers: { cookie: s.sysAdmin.cookie } }), 403, 'CSRF_FAILED');
      expectError(await t.app.inject({ method: 'DELETE', url: `${ORGS}/${w.gridA.id}`, headers: { cookie: s.sysAdmin.cookie, 'x-csrf-token': s.streetStaff.csrf } }), 403, 'CSRF_FAILED');
      expect((await s.sysAdmin.get(`${ORGS}/${w.gridA.id}`)).json().name).toBe('富康第一网格');
    });
  });

  describe('update and move', () => {
    it('renames, retargets and reshapes a grid, audited as org.update', async () => {
      const g = (await create(s.sysAdmin, { parentId: w.communityA.id, level: 'grid', code: '620902001001080', name: '旧名' })).json() as OrgBody;
      const before = await lastAuditId(t);
      const r = await s.sysAdmin.patch(`${ORGS}/${g.id}`, { name: '新名', householdsTarget: 420, boundary: square(98.6, 39.8) });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: g.id, name: '新名', householdsTarget: 420, boundary: square(98.6, 39.8), path: g.path });
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'org.update', entity_id: String(g.id), actor_id: w.users.sysAdmin.id, outcome: 'success' });
      expect((rows[0].detail as { changed: string[] }).changed.sort()).toEqual(['boundary', 'householdsTarget', 'name']);
      // Clearing optional fields with null.
      const cleared = await s.sysAdmin.patch(`${ORGS}/${g.id}`, { boundary: null, householdsTarget: null });
      expect(cleared.json()).toMatchObject({ boundary: null, householdsTarget: null });
      // A valid new code under the same parent.
      const recoded = await s.sysAdmin.patch(`${ORGS}/${g.id}`, { code: '620902001001081' });
      expect(recoded.json().code).toBe('620902001001081');
      expect((await auditSince(t, before)).map((x) => x.detail)).toContainEqual(expect.objectContaining({ code: '620902001001081' }));
    });

    it('validates updates like creates', async () => {
      const id = w.gridA.id;
      expectError(await s.sysAdmin.patch(`${ORGS}/${id}`, {}), 400, 'VALIDATION_FAILED', 'body');
      expectError(await s.sysAdmin.patch(`${ORGS}/${id}`, { level: 'street' }), 400, 'VALIDATION_FAILED', 'level');
      expectError(await s.sysAdmin.patch(`${ORGS}/${id}`, { name: '' }), 400, 'VALIDATION_FAILED', 'name');
      expectError(await s.sysAdmin.patch(`${ORGS}/${id}`, { code: '620902002001099' }), 400, 'VALIDATION_FAILED', 'code');
      expectError(await s.sysAdmin.patch(`${ORGS}/${id}`, { code: '620902002001001' }), 400, 'VALIDATION_FAILED', 'code');
      expectError(await s.sysAdmin.patch(`${ORGS}/${id}`, { boundary: square(0, 91) }), 400, 'VALIDATION_FAILED', 'boundary');
      expectError(await s.sysAdmin.patch(`${ORGS}/${w.streetA.id}`, { householdsTarget: 10 }), 400, 'VALIDATION_FAILED', 'householdsTarget');
      expectError(await s.sysAdmin.patch(`${ORGS}/${w.streetA.id}`, { boundary: square() }), 400, 'VALIDATION_FAILED', 'boundary');
      // Taking another org's code.
      const other = (await create(s.sysAdmin, { parentId: w.communityA.id, level: 'grid', code: '620902001001082', name: 'x' })).json();
      expectError(await s.sysAdmin.patch(`${ORGS}/${other.id}`, { code: w.gridA.code }), 409, 'ORG_CODE_TAKEN', 'code');
      expectError(await s.sysAdmin.patch(`${ORGS}/999999`, { name: 'x' }), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.patch(`${ORGS}/1`, { name: 'x' }), 403, 'FORBIDDEN');
    });

    it('refuses moves that would make a cycle', async () => {
      const en = { 'accept-language': 'en' };
      for (const [id, parentId] of [
        [w.streetA.id, w.streetA.id], [w.streetA.id, w.communityA.id], [w.district.id, w.gridA.id], [w.province.id, w.deptA.id],
      ]) {
        const e = expectError(await s.sysAdmin.patch(`${ORGS}/${id}`, { parentId }, en), 400, 'VALIDATION_FAILED', 'parentId');
        expect(e.fields!.parentId).toMatch(/cycle/);
      }
      // Nothing moved.
      expect((await s.sysAdmin.get(`${ORGS}/${w.streetA.id}`)).json().path).toBe(w.streetA.path);
    });

    it('refuses moves to the wrong level or out of scope, and moving a subtree that would need new codes', async () => {
      expectError(await s.sysAdmin.patch(`${ORGS}/${w.gridA.id}`, { parentId: w.streetB.id }), 400, 'VALIDATION_FAILED', 'parentId');
      expectError(await s.sysAdmin.patch(`${ORGS}/${w.gridA.id}`, { parentId: 999999 }), 400, 'VALIDATION_FAILED', 'parentId');
      // The code must follow the new parent.
      expectError(await s.sysAdmin.patch(`${ORGS}/${w.gridA.id}`, { parentId: w.communityB.id }), 400, 'VALIDATION_FAILED', 'code');
      // A community with grids cannot move to another street (its code would have to change).
      const e = expectError(await s.sysAdmin.patch(`${ORGS}/${w.communityA.id}`, { parentId: w.streetB.id, code: '620902002090' }, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'code');
      expect(e.fields!.code).toMatch(/children/);
      // Street staff cannot move a grid into another street.
      expectError(await s.streetStaff.patch(`${ORGS}/${w.gridA.id}`, { parentId: w.communityB.id, code: '620902002001090' }), 400, 'VALIDATION_FAILED', 'parentId');
    });

    it('moves a grid with its users: paths rewritten, audited as org.move', async () => {
      const g = (await create(s.sysAdmin, { parentId: w.communityA.id, level: 'grid', code: '620902001001090', name: '搬家网格' })).json() as OrgBody;
      const worker = await t.user('gridWorker', g.code, 'moving_worker');
      const before = await lastAuditId(t);
      const r = await s.sysAdmin.patch(`${ORGS}/${g.id}`, { parentId: w.communityB.id, code: '620902002001090' });
      expect(r.statusCode, r.body).toBe(200);
      const moved = r.json() as OrgBody;
      expect(moved).toMatchObject({ parentId: w.communityB.id, code: '620902002001090', path: `${w.communityB.path}${g.id}/` });
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'org.move', entity_id: String(g.id), org_path: moved.path });
      expect(rows[0].detail).toMatchObject({ from: w.communityA.id, to: w.communityB.id, code: '620902002001090' });
      const u = (await owner.query('SELECT org_path FROM app_user WHERE id = $1', [worker.id])).rows[0];
      expect(u.org_path).toBe(moved.path);
      // Scopes follow: street A no longer sees it, street B does.
      expectError(await s.streetStaff.get(`${ORGS}/${g.id}`), 404, 'NOT_FOUND');
      expect((await s.streetStaffB.get(`${ORGS}/${g.id}`)).statusCode).toBe(200);
      expect((await s.sysAdmin.get(`${ORGS}/${w.communityA.id}/children?pageSize=200`)).json().items.map((o: OrgBody) => o.id)).not.toContain(g.id);
      expect((await s.sysAdmin.get(`${ORGS}/${w.communityB.id}/children?pageSize=200`)).json().items.map((o: OrgBody) => o.id)).toContain(g.id);
    });
  });

  describe('delete', () => {
    it('refuses an org with children or with users, deletes a leaf once', async () => {
      const e1 = expectError(await s.sysAdmin.del(`${ORGS}/${w.communityA.id}`, { 'accept-language': 'en' }), 409, 'ORG_HAS_CHILDREN');
      expect(e1.message).toMatch(/children/);
      const e2 = expectError(await s.sysAdmin.del(`${ORGS}/${w.gridA.id}`, { 'accept-language': 'en' }), 409, 'ORG_IN_USE');
      expect(e2.message).toMatch(/users/);
      const leaf = (await create(s.sysAdmin, { parentId: w.communityB.id, level: 'grid', code: '620902002001099', name: '待删' })).json() as OrgBody;
      const before = await lastAuditId(t);
      const r = await s.sysAdmin.del(`${ORGS}/${leaf.id}`);
      expect(r.statusCode).toBe(204);
      expect(r.body).toBe('');
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'org.delete', entity_id: String(leaf.id), org_path: leaf.path, outcome: 'success' });
      expect(rows[0].detail).toMatchObject({ code: '620902002001099', name: '待删' });
      expectError(await s.sysAdmin.get(`${ORGS}/${leaf.id}`), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.del(`${ORGS}/${leaf.id}`), 404, 'NOT_FOUND');
      // The code is free again.
      expect((await create(s.sysAdmin, { parentId: w.communityB.id, level: 'grid', code: '620902002001099', name: '再建' })).statusCode).toBe(201);
    });

    it('nobody deletes the national root', async () => {
      expectError(await s.sysAdmin.del(`${ORGS}/1`), 403, 'FORBIDDEN');
    });
  });

  describe('reads', () => {
    it('GET /orgs/:id answers in scope, 404 out of scope or missing, 400 for bad ids', async () => {
      const r = await s.streetStaff.get(`${ORGS}/${w.gridA.id}`);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: w.gridA.id, level: 'grid', code: w.gridA.code, parentId: w.communityA.id, path: w.gridA.path });
      expectError(await s.streetStaff.get(`${ORGS}/${w.gridB.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get(`${ORGS}/${w.district.id}`), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.get(`${ORGS}/987654`), 404, 'NOT_FOUND');
      for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999', '9007199254740992'])
        expectError(await s.sysAdmin.get(`${ORGS}/${bad}`), 400, 'VALIDATION_FAILED', 'id');
      expect(expectError(await s.sysAdmin.get(`${ORGS}/abc`, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'id').fields!.id).toMatch(/integer/);
      expectError(await t.app.inject({ url: `${ORGS}/${w.gridA.id}` }), 401, 'UNAUTHENTICATED');
    });

    it('roots are the actor’s own org', async () => {
      expect((await s.sysAdmin.get(`${ORGS}/roots`)).json().items.map((o: OrgBody) => o.id)).toEqual([1]);
      expect((await s.streetStaff.get(`${ORGS}/roots`)).json().items.map((o: OrgBody) => o.id)).toEqual([w.streetA.id]);
      expect((await s.departmentStaff.get(`${ORGS}/roots`)).json().items.map((o: OrgBody) => o.id)).toEqual([w.deptA.id]);
      expectError(await s.auditAdmin.get(`${ORGS}/roots`), 403, 'FORBIDDEN');
    });

    it('ancestors are the path above, cut at the actor’s scope', async () => {
      const ids = (r: { json(): { items: OrgBody[] } }) => r.json().items.map((o) => o.id);
      expect(ids(await s.sysAdmin.get(`${ORGS}/${w.gridA.id}/ancestors`))).toEqual([1, w.province.id, w.city.id, w.district.id, w.streetA.id, w.communityA.id]);
      expect(ids(await s.streetStaff.get(`${ORGS}/${w.gridA.id}/ancestors`))).toEqual([w.streetA.id, w.communityA.id]);
      expect(ids(await s.gridWorker.get(`${ORGS}/${w.gridA.id}/ancestors`))).toEqual([]);
      expect(ids(await s.sysAdmin.get(`${ORGS}/1/ancestors`))).toEqual([]);
      expectError(await s.streetStaff.get(`${ORGS}/${w.gridB.id}/ancestors`), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.get(`${ORGS}/x/ancestors`), 400, 'VALIDATION_FAILED', 'id');
    });

    it('children come in code order, paged, with totals', async () => {
      const c = (await create(s.sysAdmin, { parentId: w.streetB.id, level: 'community', code: '620902002050', name: '分页社区' })).json() as OrgBody;
      const codes = ['620902002050005', '620902002050001', '620902002050004', '620902002050002', '620902002050003'];
      for (const code of codes) expect((await create(s.sysAdmin, { parentId: c.id, level: 'grid', code, name: `网格${code.slice(-1)}` })).statusCode).toBe(201);
      const page = async (p: number, size: number) => (await s.sysAdmin.get(`${ORGS}/${c.id}/children?page=${p}&pageSize=${size}`)).json();
      const p1 = await page(1, 2);
      expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
      expect(p1.items.map((o: OrgBody) => o.code)).toEqual(['620902002050001', '620902002050002']);
      expect((await page(3, 2)).items.map((o: OrgBody) => o.code)).toEqual(['620902002050005']);
      expect((await page(4, 2)).items).toEqual([]);
      const all = (await s.sysAdmin.get(`${ORGS}/${c.id}/children`)).json();
      expect(all).toMatchObject({ total: 5, page: 1, pageSize: 50 });
      expect(all.items.map((o: OrgBody) => o.code)).toEqual([...codes].sort());
      expect(all.items.every((o: OrgBody) => o.parentId === c.id && o.level === 'grid')).toBe(true);
      expect((await s.sysAdmin.get(`${ORGS}/${c.id}`)).json().childCount).toBe(5);
      // The cached page is dropped when a child is added.
      await create(s.sysAdmin, { parentId: c.id, level: 'grid', code: '620902002050000', name: '网格0' });
      expect((await page(1, 2)).items[0].code).toBe('620902002050000');
      expect((await page(1, 2)).total).toBe(6);
      expectError(await s.sysAdmin.get(`${ORGS}/${c.id}/children?pageSize=201`), 400, 'VALIDATION_FAILED', 'pageSize');
      expectError(await s.sysAdmin.get(`${ORGS}/${c.id}/children?page=0`), 400, 'VALIDATION_FAILED', 'page');
      expectError(await s.sysAdmin.get(`${ORGS}/${c.id}/children?sort=name`), 400, 'VALIDATION_FAILED', 'sort');
      expectError(await s.streetStaff.get(`${ORGS}/${c.id}/children`), 404, 'NOT_FOUND');
    });

    it('search matches code prefixes and names, filters by level, pages and stays in scope', async () => {
      const byCode = (await s.sysAdmin.get(`${ORGS}?q=620902001&pageSize=200`)).json();
      expect(byCode.total).toBeGreaterThan(3);
      expect(byCode.items.every((o: OrgBody) => o.code.startsWith('620902001'))).toBe(true);
      expect(byCode.items[0].code).toBe('620902001'); // shortest code first
      const streets = (await s.sysAdmin.get(`${ORGS}?q=${encodeURIComponent('街道')}&level=street`)).json();
      expect(streets.items.map((o: OrgBody) => o.code)).toEqual(['620902001', '620902002']);
      const paged = (await s.sysAdmin.get(`${ORGS}?level=street&pageSize=1&page=2`)).json();
      expect(paged).toMatchObject({ page: 2, pageSize: 1 });
      expect(paged.total).toBeGreaterThanOrEqual(2);
      expect(paged.items).toHaveLength(1);
      // Street A's staff do not find street B's community.
      expect((await s.streetStaff.get(`${ORGS}?q=${encodeURIComponent('南苑')}`)).json()).toMatchObject({ total: 0, items: [] });
      expect((await s.streetStaffB.get(`${ORGS}?q=${encodeURIComponent('南苑')}`)).json().total).toBeGreaterThan(0);
      // LIKE wildcards are literal.
      expect((await s.sysAdmin.get(`${ORGS}?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
      expect((await s.sysAdmin.get(`${ORGS}?q=${encodeURIComponent('_')}`)).json().total).toBe(0);
      expectError(await s.sysAdmin.get(`${ORGS}?q=${'x'.repeat(51)}`), 400, 'VALIDATION_FAILED', 'q');
      expectError(await s.sysAdmin.get(`${ORGS}?level=village`), 400, 'VALIDATION_FAILED', 'level');
      expectError(await s.sysAdmin.get(`${ORGS}?pageSize=abc`), 400, 'VALIDATION_FAILED', 'pageSize');
      expectError(await s.sysAdmin.get(`${ORGS}?name=x`), 400, 'VALIDATION_FAILED', 'name');
    });

    it('stats count each level below an org', async () => {
      const d = (await create(s.sysAdmin, { parentId: w.city.id, level: 'district', code: '620922', name: '瓜州县' })).json() as OrgBody;
      const st = (await create(s.sysAdmin, { parentId: d.id, level: 'street', code: '620922100', name: '渊泉镇' })).json() as OrgBody;
      await create(s.sysAdmin, { parentId: d.id, level: 'street', code: '620922101', name: '柳园镇' });
      await create(s.sysAdmin, { parentId: d.id, level: 'department', code: '620922D01', name: '县民政局' });
      const c = (await create(s.sysAdmin, { parentId: st.id, level: 'community', code: '620922100001', name: '东街社区' })).json() as OrgBody;
      for (const code of ['620922100001001', '620922100001002', '620922100001003'])
        await create(s.sysAdmin, { parentId: c.id, level: 'grid', code, name: code });
      expect((await s.sysAdmin.get(`${ORGS}/${d.id}/stats`)).json()).toEqual({ street: 2, department: 1, community: 1, grid: 3 });
      expect((await s.sysAdmin.get(`${ORGS}/${c.id}/stats`)).json()).toEqual({ grid: 3 });
      expect((await s.gridWorker.get(`${ORGS}/${w.gridA.id}/stats`)).json()).toEqual({});
      expectError(await s.streetStaff.get(`${ORGS}/${d.id}/stats`), 404, 'NOT_FOUND');
      expectError(await s.auditAdmin.get(`${ORGS}/${d.id}/stats`), 403, 'FORBIDDEN');
    });
  });

  describe('export.xlsx', () => {
    it('exports the actor’s scope in code order, readable by Excel, audited once', async () => {
      const before = await lastAuditId(t);
      const r = await s.streetStaff.get(`${ORGS}/export.xlsx`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      expect(r.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('组织架构.xlsx')}`);
      expect(r.headers['cache-control']).toBe('no-store');
      const { header, rows } = await readXlsx(r);
      expect(header).toEqual(['代码', '区划代码', '名称', '层级', '上级 ID', '户数目标']);
      const inScope = (await owner.query(`SELECT code FROM org WHERE path LIKE $1 ORDER BY code COLLATE "C"`, [w.streetA.path + '%'])).rows.map((x) => x.code);
      expect(rows.map((x) => x['代码'])).toEqual(inScope);
      expect(rows.find((x) => x['代码'] === '620902001')).toEqual({
        代码: '620902001', 区划代码: '620902001', 名称: '东北街街道', 层级: '街道/乡镇', '上级 ID': w.district.id, 户数目标: null,
      });
      expect(rows.find((x) => x['代码'] === w.gridA.code)).toMatchObject({ 层级: '网格', 户数目标: 500, '上级 ID': w.communityA.id, 区划代码: null });
      expect(rows.some((x) => String(x['代码']).startsWith('620902002'))).toBe(false);
      const audit = await auditSince(t, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'org.export', actor_id: w.users.streetStaff.id, outcome: 'success' });
      expect(audit[0].detail).toMatchObject({ rows: inScope.length });
    });

    it('filters, speaks English, and refuses roles without org.read', async () => {
      const r = await s.sysAdmin.get(`${ORGS}/export.xlsx?level=grid&q=620902001`, { 'accept-language': 'en' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-disposition']).toContain('orgs.xlsx');
      const { header, rows } = await readXlsx(r);
      expect(header).toEqual(['Code', 'Division code', 'Name', 'Level', 'Parent id', 'Households target']);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((x) => x.Level === 'Grid' && String(x.Code).startsWith('620902001'))).toBe(true);
      expectError(await s.auditAdmin.get(`${ORGS}/export.xlsx`), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ url: `${ORGS}/export.xlsx` }), 401, 'UNAUTHENTICATED');
      expectError(await s.sysAdmin.get(`${ORGS}/export.xlsx?page=1`), 400, 'VALIDATION_FAILED', 'page');
    });
  });
});

describe('division import', () => {
  let t: TestApp;
  let admin: Session;
  let street: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login((await t.user('sysAdmin', 'CN', 'importer')).username);
    const p = await t.org(1, 'province', '63');
    const c = await t.org(p.id, 'city', '6301');
    const d = await t.org(c.id, 'district', '630102');
    await t.org(d.id, 'street', '630102001');
    street = await t.login((await t.user('streetStaff', '630102001', 'street_importer')).username);
  });
  afterAll(async () => { await t?.close(); });

  const count = async (level: string) =>
    Number((await t.handle.db.selectFrom('org').select((eb) => eb.fn.countAll().as('n')).where('level', '=', level as 'street').where('code', 'like', '620902%').executeTakeFirstOrThrow()).n);

  it('imports 肃州区 (620902): 24 streets and 147 communities, audited once', async () => {
    const before = await lastAuditId(t);
    const r = await admin.post(`${ORGS}/import-division`, { code: '620902' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      target: '620902', total: 174,
      created: { province: 1, city: 1, district: 1, street: 24, community: 147 },
    });
    expect(await count('street')).toBe(24);
    expect(await count('community')).toBe(147);
    const district = (await admin.get(`${ORGS}?q=620902&level=district`)).json().items[0];
    expect(district).toMatchObject({ code: '620902', name: '肃州区', divisionCode: '620902' });
    expect((await admin.get(`${ORGS}/${district.id}/stats`)).json()).toEqual({ street: 24, community: 147 });
    const streets = (await admin.get(`${ORGS}/${district.id}/children?pageSize=200`)).json();
    expect(streets.total).toBe(24);
    expect(streets.items[0]).toMatchObject({ code: '620902001', name: '东北街街道', level: 'street' });
    const ancestors = (await admin.get(`${ORGS}/${district.id}/ancestors`)).json().items.map((o: OrgBody) => o.code);
    expect(ancestors).toEqual(['CN', '62', '6209']);
    const rows = await auditSince(t, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'org.import', entity_id: '620902', outcome: 'success' });
    expect(rows[0].detail).toMatchObject({ target: '620902', total: 174 });
  });

  it('is idempotent: a second run creates nothing', async () => {
    const before = (await t.handle.db.selectFrom('org').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const r = await admin.post(`${ORGS}/import-division`, { code: '620902' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 174, created: { province: 0, city: 0, district: 0, street: 0, community: 0 } });
    const after = (await t.handle.db.selectFrom('org').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(after)).toBe(Number(before));
    expect(await count('street')).toBe(24);
  });

  it('refuses bad codes and roles without org.import', async () => {
    const en = { 'accept-language': 'en' };
    expect(expectError(await admin.post(`${ORGS}/import-division`, { code: 'abc' }, en), 400, 'VALIDATION_FAILED', 'code').fields!.code).toMatch(/division code/);
    expect(expectError(await admin.post(`${ORGS}/import-division`, { code: '999999' }, en), 400, 'VALIDATION_FAILED', 'code').fields!.code).toMatch(/999999/);
    expectError(await admin.post(`${ORGS}/import-division`, { code: '6209021' }), 400, 'VALIDATION_FAILED', 'code');
    expectError(await admin.post(`${ORGS}/import-division`, { code: '' }), 400, 'VALIDATION_FAILED', 'code');
    // Blank is not "everything" (that would import the whole country).
    expectError(await admin.post(`${ORGS}/import-division`, { code: '   ' }), 400, 'VALIDATION_FAILED', 'code');
    expectError(await admin.post(`${ORGS}/import-division`, {}), 400, 'VALIDATION_FAILED', 'code');
    expectError(await admin.post(`${ORGS}/import-division`, { code: '620902', dryRun: true }), 400, 'VALIDATION_FAILED', 'dryRun');
    expectError(await street.post(`${ORGS}/import-division`, { code: '620902' }), 403, 'FORBIDDEN');
    expectError(await t.app.inject({ method: 'POST', url: `${ORGS}/import-division`, payload: { code: '620902' } }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'POST', url: `${ORGS}/import-division`, payload: { code: '620902' }, headers: { cookie: admin.cookie } }), 403, 'CSRF_FAILED');
  });
});

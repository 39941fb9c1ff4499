import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { XLSX, buildWorld, expectError, hasHan, loginAll, readXlsx, type Account, type World } from './fixtures.js';

const API = '/api/v1';
const square = (lon: number, lat: number, d = 0.01) =>
  ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });
const NO_PLACES: Account[] = ['sysAdmin', 'departmentStaff', 'resident'];

describe('places', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
  });
  afterAll(async () => { await t?.close(); });

  const created = async (r: Awaited<ReturnType<Session['post']>>) => {
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const estate = (who: Session, body: Record<string, unknown> = {}) =>
    who.post(`${API}/estates`, { orgId: w.gridA.id, name: `小区${++n}号`, ...body }).then(created);
  const building = (who: Session, estateId: number, body: Record<string, unknown> = {}) =>
    who.post(`${API}/buildings`, { estateId, name: `${++n}号楼`, ...body }).then(created);
  const unit = (who: Session, buildingId: number, name = `${++n}单元`) => who.post(`${API}/units`, { buildingId, name }).then(created);
  const household = (who: Session, body: Record<string, unknown>) => who.post(`${API}/households`, body).then(created);
  const tree = async () => {
    const e = await estate(s.streetStaff);
    const b = await building(s.streetStaff, e.id);
    const u = await unit(s.streetStaff, b.id);
    return { e, b, u };
  };

  describe('estates', () => {
    it('creates under a grid or community, audited, with actions', async () => {
      const before = await lastAuditId(t);
      const e = await estate(s.streetStaff, { name: '富康小区', address: '肃州区富康路 12 号', lon: 98.5, lat: 39.7 });
      expect(e).toMatchObject({ orgId: w.gridA.id, orgName: '富康第一网格', name: '富康小区', address: '肃州区富康路 12 号', lon: 98.5, lat: 39.7, buildingCount: 0, householdCount: 0 });
      expect(e.actions).toEqual(['update', 'delete', 'create_child']);
      const c = await estate(s.communityWorker, { orgId: w.communityA.id, name: '社区直管小区' });
      expect(c.orgId).toBe(w.communityA.id);
      const a = await auditSince(t, before);
      expect(a.map((x) => x.action)).toEqual(['estate.create', 'estate.create']);
      expect(a[0]).toMatchObject({ entity_id: String(e.id), org_path: w.gridA.path, outcome: 'success' });
      // The grid worker writes in the own grid too.
      expect((await estate(s.gridWorker)).orgId).toBe(w.gridA.id);
    });

    it('401 without a session; 403 for roles without place permissions', async () => {
      expectError(await t.app.inject({ method: 'GET', url: `${API}/estates` }), 401, 'UNAUTHENTICATED');
      const e = await estate(s.streetStaff);
      for (const a of NO_PLACES) {
        expectError(await s[a].get(`${API}/estates`), 403, 'FORBIDDEN');
        expectError(await s[a].get(`${API}/estates/${e.id}`), 403, 'FORBIDDEN');
        expectError(await s[a].post(`${API}/estates`, { orgId: w.gridA.id, name: 'x' }), 403, 'FORBIDDEN');
        expectError(await s[a].patch(`${API}/estates/${e.id}`, { name: 'x' }), 403, 'FORBIDDEN');
        expectError(await s[a].del(`${API}/estates/${e.id}`), 403, 'FORBIDDEN');
      }
    });

    it('400 naming orgId for a street, a department or an org outside the scope; lon without lat; bad input', async () => {
      const e1 = expectError(await s.streetStaff.post(`${API}/estates`, { orgId: w.streetA.id, name: 'x' }), 400, 'VALIDATION_FAILED', 'orgId');
      expect(e1.fields!.orgId).toContain('网格或社区');
      const en = expectError(await s.streetStaff.post(`${API}/estates`, { orgId: w.deptA.id, name: 'x' }, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'orgId');
      expect(en.fields!.orgId).toBe('must be a grid or a community');
      expect(hasHan(en.message)).toBe(false);
      expectError(await s.streetStaffB.post(`${API}/estates`, { orgId: w.gridA.id, name: 'x' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.gridWorker.post(`${API}/estates`, { orgId: w.communityA.id, name: 'x' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post(`${API}/estates`, { orgId: 99999999, name: 'x' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post(`${API}/estates`, { orgId: w.gridA.id, name: 'x', lon: 98.5 }), 400, 'VALIDATION_FAILED', 'lat');
      expectError(await s.streetStaff.post(`${API}/estates`, { orgId: w.gridA.id, name: 'x', lon: 200, lat: 1 }), 400, 'VALIDATION_FAILED', 'lon');
      expectError(await s.streetStaff.post(`${API}/estates`, { orgId: w.gridA.id, name: '   ' }), 400, 'VALIDATION_FAILED', 'name');
      expectError(await s.streetStaff.post(`${API}/estates`, { orgId: w.gridA.id }), 400, 'VALIDATION_FAILED', 'name');
      expectError(await s.streetStaff.patch(`${API}/estates/1`, {}), 400, 'VALIDATION_FAILED');
    });

    it('409 naming the name for a duplicate in the same org (full-width folded); other orgs may reuse it', async () => {
      await estate(s.streetStaff, { name: '阳光3期' });
      const e = expectError(await s.streetStaff.post(`${API}/estates`, { orgId: w.gridA.id, name: '阳光３期' }), 409, 'PLACE_NAME_TAKEN', 'name');
      expect(hasHan(e.message)).toBe(true);
      expect((await estate(s.streetStaff, { orgId: w.communityA.id, name: '阳光3期' })).name).toBe('阳光3期');
      const x = await estate(s.streetStaff, { name: '阳光4期' });
      expectError(await s.streetStaff.patch(`${API}/estates/${x.id}`, { name: '阳光3期' }), 409, 'PLACE_NAME_TAKEN', 'name');
    });

    it('searches by fuzzy name, pages, filters by org; another street never sees them (404)', async () => {
      const a = await estate(s.streetStaff, { name: '金色家园东区' });
      await estate(s.streetStaff, { name: '金色家园西区' });
      const b = await estate(s.streetStaffB, { orgId: w.gridB.id, name: '金色家园南区' });
      const r = await s.streetStaff.get(`${API}/estates?q=${encodeURIComponent('金色家园')}&pageSize=1`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(r.json().items).toHaveLength(1);
      const page2 = (await s.streetStaff.get(`${API}/estates?q=${encodeURIComponent('金色家园')}&pageSize=1&page=2`)).json();
      expect(page2.items).toHaveLength(1);
      expect((await s.streetStaff.get(`${API}/estates?q=${encodeURIComponent('金色家园')}&page=9`)).json()).toMatchObject({ items: [], total: 2 });
      const byOrg = (await s.streetStaff.get(`${API}/estates?orgId=${w.communityA.id}&pageSize=200`)).json();
      expect(byOrg.items.map((x: { id: number }) => x.id)).toContain(a.id);
      expectError(await s.streetStaff.get(`${API}/estates?orgId=${w.gridB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
      const seenByB = (await s.streetStaffB.get(`${API}/estates?pageSize=200`)).json().items.map((x: { id: number }) => x.id);
      expect(seenByB).toContain(b.id);
      expect(seenByB).not.toContain(a.id);
      expectError(await s.streetStaffB.get(`${API}/estates/${a.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaffB.patch(`${API}/estates/${a.id}`, { name: 'x' }), 404, 'NOT_FOUND');
      expectError(await s.streetStaffB.del(`${API}/estates/${a.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get(`${API}/estates/99999999`), 404, 'NOT_FOUND');
      expect((await s.streetStaff.get(`${API}/estates/${a.id}`)).json()).toMatchObject({ id: a.id, name: '金色家园东区' });
    });

    it('updates fields and moves with its buildings and units to another org of the community', async () => {
      const { e, b, u } = await tree();
      const before = await lastAuditId(t);
      const r = await s.streetStaff.patch(`${API}/estates/${e.id}`, { orgId: w.communityA.id, address: '新地址', lon: 98.1, lat: 39.1 });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ orgId: w.communityA.id, address: '新地址', lon: 98.1, lat: 39.1 });
      expect((await s.streetStaff.get(`${API}/buildings/${b.id}`)).json().orgId).toBe(w.communityA.id);
      const units = (await s.streetStaff.get(`${API}/units?buildingId=${b.id}`)).json().items;
      expect(units[0]).toMatchObject({ id: u.id, orgId: w.communityA.id });
      expect((await auditSince(t, before)).map((x) => x.action)).toEqual(['estate.update']);
      // Clearing the point takes both coordinates.
      expectError(await s.streetStaff.patch(`${API}/estates/${e.id}`, { lon: null }), 400, 'VALIDATION_FAILED', 'lon');
      expect((await s.streetStaff.patch(`${API}/estates/${e.id}`, { lon: null, lat: null })).json()).toMatchObject({ lon: null, lat: null });
    });

    it('refuses to delete while buildings or households exist (409 saying why), then deletes', async () => {
      const e = await estate(s.streetStaff);
      const b = await building(s.streetStaff, e.id);
      const r = expectError(await s.streetStaff.del(`${API}/estates/${e.id}`), 409, 'ESTATE_NOT_EMPTY');
      expect(r.message).toContain('1 个楼栋');
      const en = expectError(await s.streetStaff.del(`${API}/estates/${e.id}`, { 'accept-language': 'en' }), 409, 'ESTATE_NOT_EMPTY');
      expect(en.message).toBe('The estate still has 1 building; remove or move them first');
      expect((await s.streetStaff.del(`${API}/buildings/${b.id}`)).statusCode).toBe(204);
      const h = await household(s.streetStaff, { orgId: w.gridA.id, estateId: e.id, room: '101' });
      expect(expectError(await s.streetStaff.del(`${API}/estates/${e.id}`), 409, 'ESTATE_NOT_EMPTY').message).toContain('1 户');
      expect(h.id).toBeGreaterThan(0);
      const empty = await estate(s.streetStaff);
      const before = await lastAuditId(t);
      expect((await s.streetStaff.del(`${API}/estates/${empty.id}`)).statusCode).toBe(204);
      expect((await auditSince(t, before)).map((x) => x.action)).toEqual(['estate.delete']);
      expectError(await s.streetStaff.get(`${API}/estates/${empty.id}`), 404, 'NOT_FOUND');
    });
  });

  describe('buildings and units', () => {
    it('creates a building inheriting the estate org; 400 naming estateId outside the scope; 409 duplicate', async () => {
      const e = await estate(s.streetStaff, { name: '兰苑' });
      const b = await building(s.streetStaff, e.id, { name: '3号楼', floors: 6, lon: 98.5, lat: 39.7 });
      expect(b).toMatchObject({ estateId: e.id, estateName: '兰苑', orgId: w.gridA.id, name: '3号楼', floors: 6, unitCount: 0, householdCount: 0 });
      expectError(await s.streetStaffB.post(`${API}/buildings`, { estateId: e.id, name: '1号楼' }), 400, 'VALIDATION_FAILED', 'estateId');
      expectError(await s.streetStaff.post(`${API}/buildings`, { estateId: e.id, name: '３号楼' }), 409, 'PLACE_NAME_TAKEN', 'name');
      expectError(await s.streetStaff.post(`${API}/buildings`, { estateId: e.id, name: '4号楼', floors: 0 }), 400, 'VALIDATION_FAILED', 'floors');
      for (const a of NO_PLACES) {
        expectError(await s[a].post(`${API}/buildings`, { estateId: e.id, name: 'x' }), 403, 'FORBIDDEN');
        expectError(await s[a].get(`${API}/buildings`), 403, 'FORBIDDEN');
        expectError(await s[a].get(`${API}/buildings/${b.id}`), 403, 'FORBIDDEN');
        expectError(await s[a].patch(`${API}/buildings/${b.id}`, { floors: 3 }), 403, 'FORBIDDEN');
        expectError(await s[a].del(`${API}/buildings/${b.id}`), 403, 'FORBIDDEN');
      }
      expectError(await s.streetStaffB.get(`${API}/buildings/${b.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaffB.patch(`${API}/buildings/${b.id}`, { floors: 3 }), 404, 'NOT_FOUND');
      expectError(await s.streetStaffB.del(`${API}/buildings/${b.id}`), 404, 'NOT_FOUND');
      expect((await s.streetStaffB.get(`${API}/buildings?estateId=${e.id}`)).json()).toMatchObject({ items: [], total: 0 });
      const list = (await s.streetStaff.get(`${API}/buildings?estateId=${e.id}&q=3`)).json();
      expect(list.items.map((x: { id: number }) => x.id)).toEqual([b.id]);
      const p = await s.streetStaff.patch(`${API}/buildings/${b.id}`, { floors: 18 });
      expect(p.json()).toMatchObject({ floors: 18, name: '3号楼' });
    });

    it('units: create, list by building, rename, 409 duplicate, delete refused while households live there', async () => {
      const { b, u } = await tree();
      expect(u).toMatchObject({ buildingId: b.id, orgId: w.gridA.id, householdCount: 0 });
      expectError(await s.streetStaff.post(`${API}/units`, { buildingId: b.id, name: u.name }), 409, 'PLACE_NAME_TAKEN', 'name');
      expectError(await s.streetStaffB.post(`${API}/units`, { buildingId: b.id, name: '9单元' }), 400, 'VALIDATION_FAILED', 'buildingId');
      expectError(await s.streetStaffB.patch(`${API}/units/${u.id}`, { name: '9单元' }), 404, 'NOT_FOUND');
      expectError(await s.streetStaffB.del(`${API}/units/${u.id}`), 404, 'NOT_FOUND');
      for (const a of NO_PLACES) {
        expectError(await s[a].get(`${API}/units`), 403, 'FORBIDDEN');
        expectError(await s[a].post(`${API}/units`, { buildingId: b.id, name: 'x' }), 403, 'FORBIDDEN');
        expectError(await s[a].patch(`${API}/units/${u.id}`, { name: 'x' }), 403, 'FORBIDDEN');
        expectError(await s[a].del(`${API}/units/${u.id}`), 403, 'FORBIDDEN');
      }
      expectError(await s.streetStaff.del(`${API}/buildings/${b.id}`), 409, 'BUILDING_NOT_EMPTY');
      await household(s.streetStaff, { orgId: w.gridA.id, unitId: u.id, room: '301' });
      expect(expectError(await s.streetStaff.del(`${API}/units/${u.id}`), 409, 'UNIT_NOT_EMPTY').message).toContain('1 户');
      const u2 = await unit(s.streetStaff, b.id, '8单元');
      expect((await s.streetStaff.patch(`${API}/units/${u2.id}`, { name: '７单元' })).json().name).toBe('7单元');
      const before = await lastAuditId(t);
      expect((await s.streetStaff.del(`${API}/units/${u2.id}`)).statusCode).toBe(204);
      expect((await auditSince(t, before)).map((x) => x.action)).toEqual(['unit.delete']);
      expectError(await s.streetStaff.patch(`${API}/units/${u2.id}`, { name: 'x' }), 404, 'NOT_FOUND');
    });
  });

  describe('households', () => {
    it('creates inside an estate: place in clear, exact address encrypted, masked in lists; audited', async () => {
      const e = await estate(s.streetStaff, { name: '富康家园' });
      const b = await building(s.streetStaff, e.id, { name: '3号楼' });
      const u = await unit(s.streetStaff, b.id, '2单元');
      const before = await lastAuditId(t);
      const h = await household(s.streetStaff, { orgId: w.gridA.id, unitId: u.id, room: '502', areaSqm: 89.5, tenure: 'owned' });
      expect(h).toMatchObject({
        orgId: w.gridA.id, estateId: e.id, buildingId: b.id, unitId: u.id, place: '富康家园 3号楼 2单元',
        addressMasked: '富康家园 3号楼 2单元 ***', areaSqm: 89.5, tenure: 'owned', status: 'active', memberCount: 0,
      });
      expect(h.actions).toEqual(['update', 'reveal']);
      expect(JSON.stringify(h)).not.toContain('502');
      const row = await t.handle.db.selectFrom('household').selectAll().where('id', '=', h.id).executeTakeFirstOrThrow();
      expect(row.address_enc).not.toContain('502');
      expect(t.deps.cipher.decrypt(row.address_enc)).toBe('富康家园 3号楼 2单元 502');
      expect(row.address_hash).toMatch(/^[0-9a-f]{64}$/);
      const a = await auditSince(t, before);
      expect(a.map((x) => x.action)).toEqual(['household.create']);
      expect(JSON.stringify(a[0].detail)).not.toContain('502');
      // The same door again is the same household.
      const dup = expectError(await s.streetStaff.post(`${API}/households`, { orgId: w.gridA.id, unitId: u.id, room: '５０２' }), 409, 'HOUSEHOLD_EXISTS', 'room');
      expect(hasHan(dup.message)).toBe(true);
    });

    it('400 naming the field for an inconsistent or out-of-scope location, a wrong org, a missing street', async () => {
      const one = await tree();
      const two = await tree();
      const base = { orgId: w.gridA.id, room: '1' };
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, buildingId: two.b.id, unitId: one.u.id }), 400, 'VALIDATION_FAILED', 'unitId');
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, estateId: two.e.id, buildingId: one.b.id }), 400, 'VALIDATION_FAILED', 'buildingId');
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, estateId: 99999999 }), 400, 'VALIDATION_FAILED', 'estateId');
      expectError(await s.streetStaffB.post(`${API}/households`, { orgId: w.gridB.id, unitId: one.u.id, room: '1' }), 400, 'VALIDATION_FAILED', 'unitId');
      expectError(await s.streetStaffB.post(`${API}/households`, { orgId: w.gridA.id, street: '东街', room: '1' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, orgId: w.streetA.id, street: '东街' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, estateId: one.e.id, street: '东街' }), 400, 'VALIDATION_FAILED', 'street');
      const en = expectError(await s.streetStaff.post(`${API}/households`, base, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'street');
      expect(en.fields!.street).toBe('is required for a household outside an estate');
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, street: '东街', lat: 39 }), 400, 'VALIDATION_FAILED', 'lon');
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, street: '东街', tenure: 'stolen' }), 400, 'VALIDATION_FAILED', 'tenure');
      expectError(await s.streetStaff.post(`${API}/households`, { ...base, street: '东街', areaSqm: 0 }), 400, 'VALIDATION_FAILED', 'areaSqm');
      // An estate of another community does not fit a household of this one.
      const far = await estate(s.streetStaffB, { orgId: w.gridB.id });
      expectError(await s.streetStaffB.post(`${API}/households`, { orgId: w.communityB.id, estateId: one.e.id, room: '1' }), 400, 'VALIDATION_FAILED', 'estateId');
      expect(far.id).toBeGreaterThan(0);
    });

    it('outside an estate the identity keys on the community: the same door from another grid is a duplicate', async () => {
      const h = await household(s.streetStaff, { orgId: w.gridA.id, street: '西大街 12 号院', room: '3' });
      expect(h).toMatchObject({ estateId: null, place: '西大街 12 号院', addressMasked: '西大街 12 号院 ***', orgId: w.gridA.id });
      expectError(await s.streetStaff.post(`${API}/households`, { orgId: w.communityA.id, street: '西大街  12 号院', room: '3' }), 409, 'HOUSEHOLD_EXISTS', 'room');
      // Another community may have the same street and door.
      expect((await household(s.streetStaffB, { orgId: w.gridB.id, street: '西大街 12 号院', room: '3' })).orgId).toBe(w.gridB.id);
    });

    it('detail lists members masked; 403 for roles without reading, 404 out of scope', async () => {
      const h = await household(s.streetStaff, { orgId: w.gridA.id, street: '成员路', room: '8' });
      const mk = (name: string, relation: string, birth: string, tags: string[], id: string) => t.handle.db.insertInto('resident').values({
        org_id: w.gridA.id, org_path: w.gridA.path, household_id: h.id, relation: relation as 'head', name, gender: 'male', birth_date: birth,
        id_type: 'idCard', id_enc: 'x', id_hash: `hash-${id}`, registration_type: 'registered', tags,
      }).returning('id').executeTakeFirstOrThrow();
      const child = await mk('张小明', 'child', '2015-03-01', [], 'm1');
      const head = await mk('张建国', 'head', '1940-05-06', ['veteran'], 'm2');
      const r = await s.gridWorker.get(`${API}/households/${h.id}`);
      expect(r.statusCode, r.body).toBe(200);
      const d = r.json();
      expect(d.memberCount).toBe(2);
      expect(d.members.map((m: { id: number }) => m.id)).toEqual([head.id, child.id]);
      expect(d.members[0]).toMatchObject({ nameMasked: '张*国', relation: 'head', gender: 'male', status: 'active' });
      expect(d.members[0].tags).toEqual(expect.arrayContaining(['veteran', 'age60', 'age80']));
      expect(d.members[0].age).toBeGreaterThanOrEqual(85);
      expect(r.body).not.toContain('张建国');
      for (const a of NO_PLACES) expectError(await s[a].get(`${API}/households/${h.id}`), 403, 'FORBIDDEN');
      expectError(await s.streetStaffB.get(`${API}/households/${h.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get(`${API}/households/99999999`), 404, 'NOT_FOUND');
    });

    it('PATCH edits; a new org moves the residents along; renames rewrite the place; B cannot touch it', async () => {
      const e = await estate(s.streetStaff, { name: '旧名小区' });
      const b = await building(s.streetStaff, e.id, { name: '1号楼' });
      const h = await household(s.streetStaff, { orgId: w.gridA.id, buildingId: b.id, room: '101' });
      const r = await t.handle.db.insertInto('resident').values({
        org_id: w.gridA.id, org_path: w.gridA.path, household_id: h.id, relation: 'head', name: '李四', gender: 'female',
        id_type: 'idCard', id_enc: 'x', id_hash: 'hash-move', registration_type: 'registered',
      }).returning('id').executeTakeFirstOrThrow();
      const before = await lastAuditId(t);
      const p = await s.streetStaff.patch(`${API}/households/${h.id}`, { orgId: w.communityA.id, room: '102', tenure: 'rented' });
      expect(p.statusCode, p.body).toBe(200);
      expect(p.json()).toMatchObject({ orgId: w.communityA.id, buildingId: b.id, estateId: e.id, tenure: 'rented', addressMasked: '旧名小区 1号楼 ***' });
      const moved = await t.handle.db.selectFrom('resident').select(['org_id', 'org_path']).where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(moved).toEqual({ org_id: w.communityA.id, org_path: w.communityA.path });
      const a = await auditSince(t, before);
      expect(a.map((x) => x.action)).toEqual(['household.update']);
      expect(a[0].detail).toMatchObject({ fromOrgId: w.gridA.id, toOrgId: w.communityA.id });
      // Renaming the estate rewrites place, mask and the encrypted exact address.
      await s.streetStaff.patch(`${API}/estates/${e.id}`, { name: '新名小区' });
      expect((await s.streetStaff.get(`${API}/households/${h.id}`)).json()).toMatchObject({ place: '新名小区 1号楼', addressMasked: '新名小区 1号楼 ***' });
      expect((await s.streetStaff.post(`${API}/households/${h.id}/reveal`, { field: 'address', reason: '核对' })).json().value).toBe('新名小区 1号楼 102');
      // Facts only.
      expect((await s.streetStaff.patch(`${API}/households/${h.id}`, { status: 'inactive', areaSqm: null })).json()).toMatchObject({ status: 'inactive', areaSqm: null });
      // Leaving the estate needs a street.
      expectError(await s.streetStaff.patch(`${API}/households/${h.id}`, { estateId: null }), 400, 'VALIDATION_FAILED', 'street');
      const out = await s.streetStaff.patch(`${API}/households/${h.id}`, { estateId: null, street: '北关街' });
      expect(out.json()).toMatchObject({ estateId: null, buildingId: null, place: '北关街', addressMasked: '北关街 ***' });
      const other = await household(s.streetStaff, { orgId: w.gridA.id, street: '北关街', room: '9' });
      expectError(await s.streetStaff.patch(`${API}/households/${other.id}`, { room: '102' }), 409, 'HOUSEHOLD_EXISTS', 'room');
      expectError(await s.streetStaffB.patch(`${API}/households/${h.id}`, { tenure: 'owned' }), 404, 'NOT_FOUND');
      for (const a2 of NO_PLACES) expectError(await s[a2].patch(`${API}/households/${h.id}`, { tenure: 'owned' }), 403, 'FORBIDDEN');
      expectError(await s.streetStaff.patch(`${API}/households/${h.id}`, { orgId: w.gridB.id }), 400, 'VALIDATION_FAILED', 'orgId');
    });

    it('lists with filters and fuzzy place search; never another street\'s households', async () => {
      const { e, u } = await tree();
      const mine = await household(s.streetStaff, { orgId: w.gridA.id, unitId: u.id, room: '701' });
      const theirs = await household(s.streetStaffB, { orgId: w.gridB.id, street: `${e.name} 旁边`, room: '1' });
      const r = await s.streetStaff.get(`${API}/households?q=${encodeURIComponent(e.name)}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().items.map((x: { id: number }) => x.id)).toEqual([mine.id]);
      expect((await s.streetStaff.get(`${API}/households?unitId=${u.id}`)).json().total).toBe(1);
      expect((await s.streetStaff.get(`${API}/households?estateId=${e.id}&status=inactive`)).json().total).toBe(0);
      const all = (await s.streetStaffB.get(`${API}/households?pageSize=200`)).json().items.map((x: { id: number }) => x.id);
      expect(all).toContain(theirs.id);
      expect(all).not.toContain(mine.id);
      expect((await s.streetStaffB.get(`${API}/households?unitId=${u.id}`)).json().total).toBe(0);
      for (const a of NO_PLACES) expectError(await s[a].get(`${API}/households`), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: `${API}/households` }), 401, 'UNAUTHENTICATED');
    });

    it('reveal: returns the exact address with a reason, audited; refusals audited as denied; 404 out of scope', async () => {
      const h = await household(s.streetStaff, { orgId: w.gridA.id, street: '揭示路', room: '5-2' });
      const before = await lastAuditId(t);
      const r = await s.gridWorker.post(`${API}/households/${h.id}/reveal`, { field: 'address', reason: '入户走访' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ value: '揭示路 5-2' });
      expectError(await s.sysAdmin.post(`${API}/households/${h.id}/reveal`, { field: 'address', reason: '好奇' }), 403, 'FORBIDDEN');
      expectError(await s.departmentStaff.post(`${API}/households/${h.id}/reveal`, { field: 'address', reason: '好奇' }), 403, 'FORBIDDEN');
      expectError(await s.streetStaffB.post(`${API}/households/${h.id}/reveal`, { field: 'address', reason: '好奇' }), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.post(`${API}/households/${h.id}/reveal`, { field: 'address' }), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.streetStaff.post(`${API}/households/${h.id}/reveal`, { field: 'phone', reason: '核对' }), 400, 'VALIDATION_FAILED', 'field');
      const a = await auditSince(t, before);
      expect(a.map((x) => [x.action, x.outcome, x.actor_role])).toEqual([
        ['household.reveal', 'success', 'gridWorker'], ['household.reveal', 'denied', 'sysAdmin'], ['household.reveal', 'denied', 'departmentStaff'],
      ]);
      expect(a[0]).toMatchObject({ entity_id: String(h.id), org_path: w.gridA.path, detail: { field: 'address', reason: '入户走访' } });
      expect(JSON.stringify(a[0].detail)).not.toContain('5-2');
    });

    it('exports masked xlsx with the list filters, in scope only, audited', async () => {
      const { e, b, u } = await tree();
      await household(s.streetStaff, { orgId: w.gridA.id, unitId: u.id, room: '1801', areaSqm: 120, tenure: 'public' });
      const hidden = await household(s.streetStaffB, { orgId: w.gridB.id, street: `${e.name} 外`, room: '2' });
      const before = await lastAuditId(t);
      const r = await s.streetStaff.get(`${API}/households/export.xlsx?estateId=${e.id}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      const x = await readXlsx(r);
      expect(x.header).toEqual(['ID', '所属网格/社区', '位置', '地址（脱敏）', '面积（㎡）', '产权', '状态', '人数']);
      expect(x.rows).toHaveLength(1);
      expect(x.rows[0]).toMatchObject({ 位置: `${e.name} ${b.name} ${u.name}`, '面积（㎡）': 120, 人数: 0, 状态: '在用' });
      expect(String(x.rows[0]['地址（脱敏）'])).toMatch(/\*\*\*$/);
      expect(JSON.stringify(x.rows)).not.toContain('1801');
      expect(x.rows[0]['产权']).toBe('公租房');
      const a = await auditSince(t, before);
      expect(a.map((y) => y.action)).toEqual(['household.export']);
      expect(a[0].detail).toMatchObject({ rows: 1, masked: true, filter: { estateId: e.id } });
      const q = encodeURIComponent(e.name);
      const mine = await readXlsx(await s.streetStaff.get(`${API}/households/export.xlsx?q=${q}`));
      expect(mine.rows.map((y) => y.ID)).not.toContain(hidden.id);
      const en = await readXlsx(await s.streetStaffB.get(`${API}/households/export.xlsx?q=${q}`, { 'accept-language': 'en' }));
      expect(en.header[2]).toBe('Place');
      expect(en.rows.map((y) => y.ID)).toEqual([hidden.id]);
      for (const acc of NO_PLACES) expectError(await s[acc].get(`${API}/households/export.xlsx`), 403, 'FORBIDDEN');
      expectError(await s.streetStaff.get(`${API}/households/export.xlsx?orgId=${w.gridB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    });
  });

  describe('grid assignment by boundary', () => {
    beforeAll(async () => {
      // gridA and gridB get the same square; gridB is in another community, so it never competes.
      expect((await s.streetStaff.patch(`${API}/orgs/${w.gridA.id}`, { boundary: square(98.49, 39.73) })).statusCode).toBe(200);
      expect((await s.streetStaffB.patch(`${API}/orgs/${w.gridB.id}`, { boundary: square(98.49, 39.73) })).statusCode).toBe(200);
    });

    it('a household with a point inside a grid of the community goes to that grid; outside, the chosen org stays', async () => {
      const inside = await household(s.communityWorker, { orgId: w.communityA.id, street: '定位路', room: '1', lon: 98.495, lat: 39.735 });
      expect(inside).toMatchObject({ orgId: w.gridA.id, orgName: '富康第一网格' });
      const outside = await household(s.communityWorker, { orgId: w.communityA.id, street: '定位路', room: '2', lon: 98.6, lat: 39.735 });
      expect(outside.orgId).toBe(w.communityA.id);
      const none = await household(s.communityWorker, { orgId: w.communityA.id, street: '定位路', room: '3' });
      expect(none.orgId).toBe(w.communityA.id);
      const a = (await auditSince(t, 0)).filter((x) => x.action === 'household.create' && x.entity_id === String(inside.id));
      expect(a[0].detail).toMatchObject({ chosenOrgId: w.communityA.id, orgId: w.gridA.id, assignedByBoundary: true });
    });

    it('without its own point a household is located by its building, else its estate', async () => {
      const e = await estate(s.streetStaff, { orgId: w.communityA.id, lon: 98.495, lat: 39.735 });
      const b1 = await building(s.streetStaff, e.id);
      const b2 = await building(s.streetStaff, e.id, { lon: 98.7, lat: 39.735 });
      expect((await household(s.streetStaff, { orgId: w.communityA.id, buildingId: b1.id, room: '1' })).orgId).toBe(w.gridA.id);
      expect((await household(s.streetStaff, { orgId: w.communityA.id, buildingId: b2.id, room: '1' })).orgId).toBe(w.communityA.id);
      expect((await household(s.streetStaff, { orgId: w.communityA.id, buildingId: b2.id, room: '2', lon: 98.499, lat: 39.739 })).orgId).toBe(w.gridA.id);
    });

    it('moving the point by PATCH re-assigns the household and its residents', async () => {
      const h = await household(s.streetStaff, { orgId: w.communityA.id, street: '迁移路', room: '1' });
      expect(h.orgId).toBe(w.communityA.id);
      const r = await t.handle.db.insertInto('resident').values({
        org_id: w.communityA.id, org_path: w.communityA.path, household_id: h.id, name: '王五', gender: 'male',
        id_type: 'idCard', id_enc: 'x', id_hash: 'hash-assign', registration_type: 'registered',
      }).returning('id').executeTakeFirstOrThrow();
      const p = await s.streetStaff.patch(`${API}/households/${h.id}`, { lon: 98.495, lat: 39.735 });
      expect(p.json().orgId).toBe(w.gridA.id);
      const res = await t.handle.db.selectFrom('resident').select(['org_id', 'org_path']).where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(res).toEqual({ org_id: w.gridA.id, org_path: w.gridA.path });
    });

    it('an org that still owns places cannot be deleted', async () => {
      const g = await t.org(w.communityA.id, 'grid', '620902001001050', '临时网格');
      await household(s.streetStaff, { orgId: g.id, street: '临时路', room: '1' });
      expectError(await s.streetStaff.del(`${API}/orgs/${g.id}`), 409, 'ORG_IN_USE');
    });
  });
});

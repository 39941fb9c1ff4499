import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { PASSWORD, auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { XLSX, buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';

const USERS = '/api/v1/users';
const PHONE = '13812345678';

interface UserBody {
  id: number; username: string; displayName: string; role: string; orgId: number; orgName: string; status: string;
  lockedUntil: string | null; phoneMasked: string | null; totpEnabled: boolean; lastLoginAt: string | null; createdAt: string; actions: string[];
}

describe('users', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let owner: pg.Client;
  let n = 0;

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

  const body = (extra: Record<string, unknown> = {}) => ({
    username: `u_${++n}_${Date.now() % 100000}`, displayName: '张三丰', role: 'communityWorker', orgId: w.communityA.id,
    password: 'Initial-pass-2026', ...extra,
  });
  const create = async (who: Session, extra: Record<string, unknown> = {}) => {
    const r = await who.post(USERS, body(extra));
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as UserBody;
  };
  const login = (username: string, password = PASSWORD) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  describe('role options', () => {
    it('tells each role which roles it may assign and the org levels each belongs to', async () => {
      const options = async (who: Session) => {
        const r = await who.get(`${USERS}/role-options`);
        expect(r.statusCode, r.body).toBe(200);
        return r.json().items as { role: string; orgLevels: string[] }[];
      };
      expect(await options(s.sysAdmin)).toEqual([
        { role: 'streetStaff', orgLevels: ['city', 'district', 'street'] }, { role: 'communityWorker', orgLevels: ['community'] },
        { role: 'gridWorker', orgLevels: ['grid'] }, { role: 'departmentStaff', orgLevels: ['department'] },
        { role: 'socialOrgStaff', orgLevels: ['street', 'community'] }, { role: 'resident', orgLevels: ['community', 'grid'] },
      ]);
      expect((await options(s.streetStaff)).map((o) => o.role)).toEqual(['communityWorker', 'gridWorker', 'departmentStaff', 'socialOrgStaff', 'resident']);
      expect(await options(s.securityAdmin)).toEqual([]);
      expect((await s.gridWorker.get(`${USERS}/role-options`)).statusCode).toBe(403);
    });
  });

  describe('create', () => {
    it('the system admin creates a business account: 201, masked phone, must change password, audited once', async () => {
      const before = await lastAuditId(t);
      const b = body({ phone: PHONE });
      const r = await s.sysAdmin.post(USERS, b);
      expect(r.statusCode).toBe(201);
      const u = r.json() as UserBody;
      expect(u).toMatchObject({
        username: b.username, displayName: '张三丰', role: 'communityWorker', orgId: w.communityA.id, orgName: '富康社区',
        status: 'active', lockedUntil: null, phoneMasked: '138****5678', totpEnabled: false, lastLoginAt: null,
      });
      expect(u.actions).toEqual(['update']);
      expect(r.body).not.toContain(PHONE);
      expect(r.body).not.toContain('Initial-pass-2026');
      const row = (await owner.query('SELECT must_change_password, phone_enc, phone_hash, phone_masked, password_hash, org_path FROM app_user WHERE id = $1', [u.id])).rows[0];
      expect(row.must_change_password).toBe(true);
      expect(row.phone_enc).toMatch(/^v1:/);
      expect(row.phone_enc).not.toContain(PHONE);
      expect(row.phone_hash).toBe(t.deps.cipher.lookupHash(PHONE));
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.org_path).toBe(w.communityA.path);
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'user.create', entity_type: 'user', entity_id: String(u.id), org_path: w.communityA.path, outcome: 'success',
        actor_id: w.users.sysAdmin.id, actor_role: 'sysAdmin',
      });
      expect(rows[0].detail).toEqual({ username: b.username, role: 'communityWorker', orgId: w.communityA.id });
      expect(JSON.stringify(rows[0])).not.toContain(PHONE);
      // The new account logs in and is told to change its password.
      const l = await login(b.username, 'Initial-pass-2026');
      expect(l.json().user.mustChangePassword).toBe(true);
    });

    it('三员: the system admin cannot create admin accounts, nobody else creates accounts but street staff', async () => {
      for (const role of ['sysAdmin', 'securityAdmin', 'auditAdmin'])
        expectError(await s.sysAdmin.post(USERS, body({ role, orgId: 1 })), 403, 'FORBIDDEN');
      for (const who of ['securityAdmin', 'auditAdmin', 'communityWorker', 'gridWorker', 'departmentStaff', 'resident'] as Account[])
        expectError(await s[who].post(USERS, body()), 403, 'FORBIDDEN');
      const e = expectError(await s.sysAdmin.post(USERS, body({ role: 'securityAdmin', orgId: 1 }), { 'accept-language': 'en' }), 403, 'FORBIDDEN');
      expect(e.message).toMatch(/Security admin/);
    });

    it('street staff create accounts below their street only, and no street staff', async () => {
      const u = await create(s.streetStaff, { role: 'gridWorker', orgId: w.gridA.id });
      expect(u.orgId).toBe(w.gridA.id);
      expectError(await s.streetStaff.post(USERS, body({ role: 'streetStaff', orgId: w.streetA.id })), 403, 'FORBIDDEN');
      expectError(await s.streetStaff.post(USERS, body({ role: 'gridWorker', orgId: w.gridB.id })), 400, 'VALIDATION_FAILED', 'orgId');
    });

    it('binds each role to the org levels it fits', async () => {
      const en = { 'accept-language': 'en' };
      const cases: [string, number][] = [
        ['gridWorker', 0], ['communityWorker', 1], ['streetStaff', 2], ['departmentStaff', 3], ['resident', 4],
      ];
      const wrongOrg = [w.communityA.id, w.gridA.id, w.communityA.id, w.streetA.id, w.streetA.id];
      for (const [role, i] of cases) {
        const e = expectError(await s.sysAdmin.post(USERS, body({ role, orgId: wrongOrg[i] }), en), 400, 'VALIDATION_FAILED', 'orgId');
        expect(e.fields!.orgId).toMatch(/belongs to one of/);
      }
      await create(s.sysAdmin, { role: 'streetStaff', orgId: w.streetB.id });
      await create(s.sysAdmin, { role: 'departmentStaff', orgId: w.deptA.id });
      await create(s.sysAdmin, { role: 'resident', orgId: w.gridA.id });
      await create(s.sysAdmin, { role: 'resident', orgId: w.communityB.id });
      expectError(await s.sysAdmin.post(USERS, body({ orgId: 999999 })), 400, 'VALIDATION_FAILED', 'orgId');
    });

    it('validates username, phone, password and the body shape, naming the field', async () => {
      const en = { 'accept-language': 'en' };
      expectError(await s.sysAdmin.post(USERS, body({ username: 'bad name!' })), 400, 'VALIDATION_FAILED', 'username');
      expectError(await s.sysAdmin.post(USERS, body({ username: 'ab' })), 400, 'VALIDATION_FAILED', 'username');
      expect(expectError(await s.sysAdmin.post(USERS, body({ phone: '12345' }), en), 400, 'VALIDATION_FAILED', 'phone').fields!.phone).toMatch(/11-digit/);
      expectError(await s.sysAdmin.post(USERS, body({ phone: '23812345678' })), 400, 'VALIDATION_FAILED', 'phone');
      expectError(await s.sysAdmin.post(USERS, body({ phone: '1'.repeat(21) })), 400, 'VALIDATION_FAILED', 'phone');
      expect(expectError(await s.sysAdmin.post(USERS, body({ password: 'short' }), en), 400, 'VALIDATION_FAILED', 'password').fields!.password).toMatch(/at least 8/);
      expect(expectError(await s.sysAdmin.post(USERS, body({ password: 'iloveyou' }), en), 400, 'VALIDATION_FAILED', 'password').fields!.password).toMatch(/too common/);
      expectError(await s.sysAdmin.post(USERS, { ...body(), username: 'liming_x', password: 'LIMING_x-2026' }), 400, 'VALIDATION_FAILED', 'password');
      // Several problems at once are all named.
      const multi = expectError(await s.sysAdmin.post(USERS, body({ username: 'bad name!', phone: '1', password: 'x' })), 400, 'VALIDATION_FAILED');
      expect(Object.keys(multi.fields!).sort()).toEqual(['password', 'phone', 'username']);
      expectError(await s.sysAdmin.post(USERS, body({ role: 'superuser' })), 400, 'VALIDATION_FAILED', 'role');
      expectError(await s.sysAdmin.post(USERS, body({ displayName: ' ' })), 400, 'VALIDATION_FAILED', 'displayName');
      expectError(await s.sysAdmin.post(USERS, body({ displayName: 'x'.repeat(51) })), 400, 'VALIDATION_FAILED', 'displayName');
      expectError(await s.sysAdmin.post(USERS, body({ orgId: 'abc' })), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.sysAdmin.post(USERS, body({ orgId: 0 })), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.sysAdmin.post(USERS, body({ isAdmin: true })), 400, 'VALIDATION_FAILED', 'isAdmin');
      expectError(await s.sysAdmin.post(USERS, body({ mustChangePassword: false })), 400, 'VALIDATION_FAILED', 'mustChangePassword');
      const { password: _p, ...noPassword } = body();
      expectError(await s.sysAdmin.post(USERS, noPassword), 400, 'VALIDATION_FAILED', 'password');
      expectError(await s.sysAdmin.post(USERS, [body()]), 400, 'VALIDATION_FAILED', 'body');
    });

    it('concurrent creates of one username: one 201, the rest 409, never a 500', async () => {
      const b = body({ username: 'race_user' });
      const rs = await Promise.all(Array.from({ length: 4 }, (_, i) => s.sysAdmin.post(USERS, { ...b, username: i % 2 ? 'RACE_USER' : 'race_user' })));
      expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      for (const r of rs.filter((x) => x.statusCode === 409)) expect(['USERNAME_TAKEN', 'CONFLICT']).toContain(r.json().error.code);
    });

    it('usernames are unique regardless of case: 409', async () => {
      const u = await create(s.sysAdmin);
      const before = await lastAuditId(t);
      expectError(await s.sysAdmin.post(USERS, body({ username: u.username.toUpperCase() })), 409, 'USERNAME_TAKEN', 'username');
      expectError(await s.sysAdmin.post(USERS, body({ username: w.users.securityAdmin.username })), 409, 'USERNAME_TAKEN', 'username');
      expect(await auditSince(t, before)).toHaveLength(0);
    });
  });

  describe('read', () => {
    it('lists users in scope with masked phones only', async () => {
      const u = await create(s.sysAdmin, { phone: '13900001111', orgId: w.communityA.id });
      const r = await s.streetStaff.get(`${USERS}?pageSize=200`);
      expect(r.statusCode).toBe(200);
      const list = r.json();
      expect(list.total).toBe(list.items.length);
      const paths = (await owner.query('SELECT id FROM app_user WHERE org_path LIKE $1', [w.streetA.path + '%'])).rows.map((x) => Number(x.id));
      expect(list.items.map((x: UserBody) => x.id).sort((a: number, b: number) => a - b)).toEqual(paths.sort((a, b) => a - b));
      const mine = list.items.find((x: UserBody) => x.id === u.id);
      expect(mine.phoneMasked).toBe('139****1111');
      expect(mine.actions).toEqual(['update', 'reveal_phone']);
      expect(r.body).not.toContain('13900001111');
      expect(r.body).not.toMatch(/argon2|password_hash|phone_enc|v1:/);
      // Street B's people are not there.
      expect(list.items.map((x: UserBody) => x.id)).not.toContain(w.users.streetStaffB.id);
      expect(list.items.map((x: UserBody) => x.id)).not.toContain(w.users.sysAdmin.id);
    });

    it('filters by q, role and orgId, and pages', async () => {
      const all = (await s.sysAdmin.get(`${USERS}?pageSize=200`)).json();
      const grid = (await s.sysAdmin.get(`${USERS}?role=gridWorker&pageSize=200`)).json();
      expect(grid.items.length).toBeGreaterThan(0);
      expect(grid.items.every((x: UserBody) => x.role === 'gridWorker')).toBe(true);
      const byOrg = (await s.sysAdmin.get(`${USERS}?orgId=${w.deptA.id}`)).json();
      expect(byOrg.items.every((x: UserBody) => x.orgId === w.deptA.id)).toBe(true);
      expect(byOrg.items.map((x: UserBody) => x.id)).toContain(w.users.departmentStaff.id);
      const q = (await s.sysAdmin.get(`${USERS}?q=${w.users.auditAdmin.username}`)).json();
      expect(q.items.map((x: UserBody) => x.id)).toEqual([w.users.auditAdmin.id]);
      expect((await s.sysAdmin.get(`${USERS}?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
      const p2 = (await s.sysAdmin.get(`${USERS}?page=2&pageSize=3`)).json();
      expect(p2).toMatchObject({ page: 2, pageSize: 3, total: all.total });
      expect(p2.items.map((x: UserBody) => x.id)).toEqual(all.items.slice(3, 6).map((x: UserBody) => x.id));
      expectError(await s.sysAdmin.get(`${USERS}?role=god`), 400, 'VALIDATION_FAILED', 'role');
      expectError(await s.sysAdmin.get(`${USERS}?pageSize=0`), 400, 'VALIDATION_FAILED', 'pageSize');
      expectError(await s.sysAdmin.get(`${USERS}?orgId=x`), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.sysAdmin.get(`${USERS}?status=active`), 400, 'VALIDATION_FAILED', 'status');
    });

    it('GET /users/:id: in scope only; roles without user.read are refused', async () => {
      const r = await s.communityWorker.get(`${USERS}/${w.users.gridWorker.id}`);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: w.users.gridWorker.id, role: 'gridWorker', orgId: w.gridA.id, actions: [] });
      expectError(await s.communityWorker.get(`${USERS}/${w.users.streetStaff.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get(`${USERS}/${w.users.streetStaffB.id}`), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.get(`${USERS}/999999`), 404, 'NOT_FOUND');
      for (const who of ['gridWorker', 'auditAdmin', 'departmentStaff', 'resident'] as Account[]) {
        expectError(await s[who].get(USERS), 403, 'FORBIDDEN');
        expectError(await s[who].get(`${USERS}/${w.users.gridWorker.id}`), 403, 'FORBIDDEN');
        expectError(await s[who].get(`${USERS}/export.xlsx`), 403, 'FORBIDDEN');
      }
      for (const bad of ['abc', '0', '-3', '2.5', '9007199254740992'])
        expectError(await s.sysAdmin.get(`${USERS}/${bad}`), 400, 'VALIDATION_FAILED', 'id');
      // Infinity slips past the schema but is still refused as a bad value.
      expect((await s.sysAdmin.get(`${USERS}/1e400`)).statusCode).toBe(400);
    });

    it('export.xlsx shows masked phones only, in scope, audited once', async () => {
      const u = await create(s.sysAdmin, { phone: '13711112222', orgId: w.gridA.id, role: 'gridWorker', displayName: '导出测试' });
      const before = await lastAuditId(t);
      const r = await s.streetStaff.get(`${USERS}/export.xlsx`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      expect(r.headers['content-disposition']).toContain(encodeURIComponent('用户.xlsx'));
      const { header, rows } = await readXlsx(r);
      expect(header).toEqual(['用户名', '姓名', '角色', '所属组织', '手机号', '状态', '最近登录']);
      const row = rows.find((x) => x['用户名'] === u.username)!;
      expect(row).toMatchObject({ 姓名: '导出测试', 角色: '网格员', 所属组织: '富康第一网格', 手机号: '137****2222', 状态: 'active' });
      expect(rows.map((x) => x['用户名'])).not.toContain(w.users.streetStaffB.username);
      expect(rows.map((x) => x['用户名'])).not.toContain(w.users.sysAdmin.username);
      const text = JSON.stringify(rows);
      expect(text).not.toContain('13711112222');
      expect(text).not.toContain(PHONE);
      expect(r.rawPayload.includes(Buffer.from('13711112222'))).toBe(false);
      const audit = await auditSince(t, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'user.export', actor_id: w.users.streetStaff.id, outcome: 'success' });
      expect(audit[0].detail).toMatchObject({ rows: rows.length, masked: true });
      const en = await s.sysAdmin.get(`${USERS}/export.xlsx?role=gridWorker`, { 'accept-language': 'en' });
      const parsed = await readXlsx(en);
      expect(parsed.header).toEqual(['Username', 'Name', 'Role', 'Org', 'Phone', 'Status', 'Last login']);
      expect(parsed.rows.length).toBeGreaterThan(0);
      expect(parsed.rows.every((x) => x.Role === 'Grid worker')).toBe(true);
      expectError(await s.sysAdmin.get(`${USERS}/export.xlsx?page=1`), 400, 'VALIDATION_FAILED', 'page');
    });
  });

  describe('update', () => {
    it('the system admin edits profile, role and org; role/org changes end the user’s sessions', async () => {
      const u = await create(s.sysAdmin, { phone: PHONE });
      await owner.query('UPDATE app_user SET must_change_password = false WHERE id = $1', [u.id]);
      const victim = await login(u.username, 'Initial-pass-2026');
      const vs = { cookie: `gz_sid=${victim.cookies.find((c) => c.name === 'gz_sid')!.value}` };
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: vs })).statusCode).toBe(200);

      let before = await lastAuditId(t);
      const r = await s.sysAdmin.patch(`${USERS}/${u.id}`, { displayName: '李四', phone: '13655556666' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: u.id, displayName: '李四', phoneMasked: '136****6666' });
      let rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'user.update', entity_id: String(u.id), actor_id: w.users.sysAdmin.id });
      expect((rows[0].detail as { changed: string[] }).changed.sort()).toEqual(['displayName', 'phone']);
      expect(JSON.stringify(rows[0].detail)).not.toContain('13655556666');
      // A profile edit does not end sessions…
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: vs })).json().user.displayName).toBe('张三丰');

      before = await lastAuditId(t);
      const moved = await s.sysAdmin.patch(`${USERS}/${u.id}`, { role: 'gridWorker', orgId: w.gridA.id });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ role: 'gridWorker', orgId: w.gridA.id, orgName: '富康第一网格' });
      rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'user.update', org_path: w.gridA.path });
      expect(rows[0].detail).toMatchObject({ role: 'gridWorker' });
      expect((await owner.query('SELECT org_path FROM app_user WHERE id = $1', [u.id])).rows[0].org_path).toBe(w.gridA.path);
      // …a role change does.
      expectError(await t.app.inject({ url: '/api/v1/auth/me', headers: vs }), 401, 'UNAUTHENTICATED');
      // Removing the phone.
      const noPhone = await s.sysAdmin.patch(`${USERS}/${u.id}`, { phone: null });
      expect(noPhone.json().phoneMasked).toBeNull();
      expect((await owner.query('SELECT phone_enc, phone_hash FROM app_user WHERE id = $1', [u.id])).rows[0]).toEqual({ phone_enc: null, phone_hash: null });
    });

    it('refuses wrong role/org pairs, admin roles, bad input and empty bodies', async () => {
      const u = await create(s.sysAdmin);
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { role: 'gridWorker' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { orgId: w.gridA.id }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { role: 'securityAdmin', orgId: 1 }), 403, 'FORBIDDEN');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { phone: '110' }), 400, 'VALIDATION_FAILED', 'phone');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, {}), 400, 'VALIDATION_FAILED', 'body');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { username: 'renamed' }), 400, 'VALIDATION_FAILED', 'username');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { password: 'Another-pass-2026' }), 400, 'VALIDATION_FAILED', 'password');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { status: 'deleted' }), 400, 'VALIDATION_FAILED', 'status');
      expectError(await s.sysAdmin.patch(`${USERS}/999999`, { displayName: 'x' }), 404, 'NOT_FOUND');
      // The system admin cannot touch admin accounts or change status.
      expectError(await s.sysAdmin.patch(`${USERS}/${w.users.securityAdmin.id}`, { displayName: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.sysAdmin.patch(`${USERS}/${u.id}`, { status: 'disabled' }), 403, 'FORBIDDEN');
    });

    it('nobody edits themselves through /users', async () => {
      expectError(await s.sysAdmin.patch(`${USERS}/${w.users.sysAdmin.id}`, { displayName: 'me' }), 403, 'FORBIDDEN');
      expectError(await s.streetStaff.patch(`${USERS}/${w.users.streetStaff.id}`, { displayName: 'me' }), 403, 'FORBIDDEN');
      expectError(await s.securityAdmin.patch(`${USERS}/${w.users.securityAdmin.id}`, { status: 'disabled' }), 403, 'FORBIDDEN');
      expectError(await s.securityAdmin.post(`${USERS}/${w.users.securityAdmin.id}/reset-password`, { newPassword: 'Self-reset-2026' }), 403, 'FORBIDDEN');
      expectError(await s.securityAdmin.post(`${USERS}/${w.users.securityAdmin.id}/unlock`), 403, 'FORBIDDEN');
    });

    it('street staff edit in scope only; grid workers and the security admin edit no profiles', async () => {
      const u = await create(s.sysAdmin, { role: 'gridWorker', orgId: w.gridA.id });
      expect((await s.streetStaff.patch(`${USERS}/${u.id}`, { displayName: '街道改' })).statusCode).toBe(200);
      expectError(await s.streetStaffB.patch(`${USERS}/${u.id}`, { displayName: 'x' }), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.patch(`${USERS}/${w.users.streetStaffB.id}`, { displayName: 'x' }), 404, 'NOT_FOUND');
      expectError(await s.gridWorker.patch(`${USERS}/${u.id}`, { displayName: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.communityWorker.patch(`${USERS}/${u.id}`, { displayName: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.securityAdmin.patch(`${USERS}/${u.id}`, { displayName: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.securityAdmin.patch(`${USERS}/${u.id}`, { status: 'disabled', displayName: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.auditAdmin.patch(`${USERS}/${u.id}`, { displayName: 'x' }), 403, 'FORBIDDEN');
    });
  });

  describe('security admin operations', () => {
    it('disable ends sessions and blocks login; enable restores; each audited with its own action', async () => {
      const u = await create(s.sysAdmin, { role: 'gridWorker', orgId: w.gridA.id });
      await owner.query('UPDATE app_user SET must_change_password = false WHERE id = $1', [u.id]);
      const l = await login(u.username, 'Initial-pass-2026');
      const cookie = `gz_sid=${l.cookies.find((c) => c.name === 'gz_sid')!.value}`;

      let before = await lastAuditId(t);
      const r = await s.securityAdmin.patch(`${USERS}/${u.id}`, { status: 'disabled' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ status: 'disabled', actions: ['enable', 'reset_password'] });
      let rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'user.disable', entity_id: String(u.id), actor_id: w.users.securityAdmin.id, actor_role: 'securityAdmin' });
      expectError(await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }), 401, 'UNAUTHENTICATED');
      expectError(await login(u.username, 'Initial-pass-2026'), 403, 'ACCOUNT_DISABLED');

      before = await lastAuditId(t);
      expect((await s.securityAdmin.patch(`${USERS}/${u.id}`, { status: 'active' })).json().status).toBe('active');
      rows = await auditSince(t, before);
      expect(rows.map((x) => x.action)).toEqual(['user.enable']);
      expect((await login(u.username, 'Initial-pass-2026')).statusCode).toBe(200);
    });

    it('reset-password: security admin only, ends sessions, forces a change, audited without the password', async () => {
      const u = await create(s.sysAdmin, { role: 'gridWorker', orgId: w.gridA.id });
      await owner.query('UPDATE app_user SET must_change_password = false WHERE id = $1', [u.id]);
      const l = await login(u.username, 'Initial-pass-2026');
      const cookie = `gz_sid=${l.cookies.find((c) => c.name === 'gz_sid')!.value}`;
      const url = `${USERS}/${u.id}/reset-password`;

      for (const who of ['sysAdmin', 'streetStaff', 'auditAdmin'] as Account[])
        expect([403, 404]).toContain((await s[who].post(url, { newPassword: 'Reset-pass-2026' })).statusCode);
      expectError(await s.sysAdmin.post(url, { newPassword: 'Reset-pass-2026' }), 403, 'FORBIDDEN');
      expectError(await s.securityAdmin.post(url, { newPassword: 'short' }), 400, 'VALIDATION_FAILED', 'newPassword');
      expectError(await s.securityAdmin.post(url, { newPassword: '12345678' }), 400, 'VALIDATION_FAILED', 'newPassword');
      expectError(await s.securityAdmin.post(url, {}), 400, 'VALIDATION_FAILED', 'newPassword');
      expectError(await s.securityAdmin.post(url, { newPassword: 'Reset-pass-2026', notify: true }), 400, 'VALIDATION_FAILED', 'notify');
      expectError(await s.securityAdmin.post(`${USERS}/999999/reset-password`, { newPassword: 'Reset-pass-2026' }), 404, 'NOT_FOUND');

      const before = await lastAuditId(t);
      const r = await s.securityAdmin.post(url, { newPassword: 'Reset-pass-2026' });
      expect(r.statusCode).toBe(204);
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'user.password.reset', entity_id: String(u.id), actor_id: w.users.securityAdmin.id, outcome: 'success' });
      expect(JSON.stringify(rows[0])).not.toContain('Reset-pass-2026');
      expectError(await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }), 401, 'UNAUTHENTICATED');
      expectError(await login(u.username, 'Initial-pass-2026'), 401, 'INVALID_CREDENTIALS');
      const fresh = await login(u.username, 'Reset-pass-2026');
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().user.mustChangePassword).toBe(true);
    });

    it('unlock clears a lockout; only the security admin may', async () => {
      const u = await create(s.sysAdmin, { role: 'gridWorker', orgId: w.gridA.id });
      for (let i = 0; i < 5; i++) await login(u.username, 'Wrong-pass-2026');
      expectError(await login(u.username, 'Initial-pass-2026'), 423, 'ACCOUNT_LOCKED');
      const seen = (await s.securityAdmin.get(`${USERS}/${u.id}`)).json() as UserBody;
      expect(seen.lockedUntil).not.toBeNull();
      expect(seen.actions).toContain('unlock');
      expectError(await s.sysAdmin.post(`${USERS}/${u.id}/unlock`), 403, 'FORBIDDEN');
      const before = await lastAuditId(t);
      expect((await s.securityAdmin.post(`${USERS}/${u.id}/unlock`)).statusCode).toBe(204);
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'user.unlock', entity_id: String(u.id), actor_id: w.users.securityAdmin.id });
      expect((await s.securityAdmin.get(`${USERS}/${u.id}`)).json().lockedUntil).toBeNull();
      expect((await login(u.username, 'Initial-pass-2026')).statusCode).toBe(200);
    });
  });

  describe('reveal', () => {
    it('the security admin reveals a phone with a reason; one audit row records field and reason', async () => {
      const u = await create(s.sysAdmin, { phone: PHONE });
      const before = await lastAuditId(t);
      const r = await s.securityAdmin.post(`${USERS}/${u.id}/reveal`, { field: 'phone', reason: '核实身份' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ value: PHONE });
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'user.reveal', entity_type: 'user', entity_id: String(u.id), outcome: 'success',
        actor_id: w.users.securityAdmin.id, org_path: w.communityA.path,
      });
      expect(rows[0].detail).toEqual({ field: 'phone', reason: '核实身份' });
      expect(JSON.stringify(rows[0])).not.toContain(PHONE);
    });

    it('street staff reveal in scope; out of scope is 404 and writes nothing', async () => {
      const u = await create(s.sysAdmin, { phone: '13500001234' });
      expect((await s.streetStaff.post(`${USERS}/${u.id}/reveal`, { field: 'phone', reason: '上门走访' })).json()).toEqual({ value: '13500001234' });
      const before = await lastAuditId(t);
      expectError(await s.streetStaffB.post(`${USERS}/${u.id}/reveal`, { field: 'phone', reason: '上门走访' }), 404, 'NOT_FOUND');
      expect(await auditSince(t, before)).toHaveLength(0);
    });

    it('roles without pi.reveal are refused, and the refusal is audited as denied', async () => {
      const u = await create(s.sysAdmin, { phone: PHONE });
      for (const who of ['sysAdmin', 'communityWorker'] as Account[]) {
        const before = await lastAuditId(t);
        expectError(await s[who].post(`${USERS}/${u.id}/reveal`, { field: 'phone', reason: '好奇' }), 403, 'FORBIDDEN');
        const rows = await auditSince(t, before);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ action: 'user.reveal', outcome: 'denied', entity_id: String(u.id), actor_id: w.users[who].id });
        expect(rows[0].detail).toEqual({ field: 'phone', reason: '好奇' });
      }
    });

    it('needs a reason and a known field; a user without a phone is 404', async () => {
      const u = await create(s.sysAdmin, { phone: PHONE });
      const url = `${USERS}/${u.id}/reveal`;
      const before = await lastAuditId(t);
      expectError(await s.securityAdmin.post(url, { field: 'phone' }), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.securityAdmin.post(url, { field: 'phone', reason: 'x' }), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.securityAdmin.post(url, { field: 'phone', reason: '   ' }), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.securityAdmin.post(url, { field: 'phone', reason: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.securityAdmin.post(url, { field: 'idNumber', reason: '核实身份' }), 400, 'VALIDATION_FAILED', 'field');
      expectError(await s.securityAdmin.post(url, { field: 'phone', reason: '核实身份', also: 'x' }), 400, 'VALIDATION_FAILED', 'also');
      expect(await auditSince(t, before)).toHaveLength(0);
      const noPhone = await create(s.sysAdmin);
      const before2 = await lastAuditId(t);
      expectError(await s.securityAdmin.post(`${USERS}/${noPhone.id}/reveal`, { field: 'phone', reason: '核实身份' }), 404, 'NOT_FOUND');
      expect(await auditSince(t, before2)).toHaveLength(0);
    });
  });
});

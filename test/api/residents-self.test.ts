import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { auditSince, createTestApp, lastAuditId, session, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { XLSX, buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { API, createResident, household, idCard, type ResidentBody } from './residents-fixtures.js';

const RES = `${API}/residents`;
const INITIAL = 'Resident-init-2026';
const CHANGED = 'Resident-own-2026!';

describe('resident self-service', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let owner: pg.Client;
  let me: ResidentBody;
  let spouse: ResidentBody;
  let me2: Session;
  let h: { id: number; place: string };
  const MY_ID = idCard('1975-10-20', 'female', 61);

  /** Signs in with the initial password, changes it (required at first login), signs in again. */
  async function firstLogin(username: string): Promise<Session> {
    const r = await t.app.inject({ method: 'POST', url: `${API}/auth/login`, payload: { username, password: INITIAL } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().user).toMatchObject({ role: 'resident', mustChangePassword: true });
    const first = session(t.app, `gz_sid=${r.cookies.find((c) => c.name === 'gz_sid')!.value}`, r.json().csrfToken);
    expectError(await first.get(`${API}/me/resident`), 403, 'PASSWORD_CHANGE_REQUIRED');
    const p = await first.post(`${API}/auth/password`, { oldPassword: INITIAL, newPassword: CHANGED });
    expect(p.statusCode, p.body).toBe(204);
    return t.login(username, CHANGED);
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    owner = await ownerClient(t.dbUrl);
    h = await household(t, w.gridA, '富康小区 5号楼');
    me = await createResident(s.gridWorker, { name: '吴小梅', idNumber: MY_ID, phone: '13512345678', householdId: h.id, relation: 'spouse' });
    spouse = await createResident(s.gridWorker, { name: '郑大海', idNumber: idCard('1973-01-02', 'male', 62), householdId: h.id, relation: 'head' });
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  describe('opening a login', () => {
    it('a worker opens a resident login linked to the record, in its org; audited', async () => {
      const before = await lastAuditId(t);
      const r = await s.gridWorker.post(`${RES}/${me.id}/account`, { username: 'wu_xiaomei', password: INITIAL });
      expect(r.statusCode, r.body).toBe(201);
      const b = r.json();
      expect(b).toMatchObject({ residentId: me.id, username: 'wu_xiaomei', mustChangePassword: true });
      const u = (await owner.query('SELECT role, org_id, org_path, display_name, must_change_password FROM app_user WHERE id = $1', [b.userId])).rows[0];
      expect(u).toEqual({ role: 'resident', org_id: w.gridA.id, org_path: w.gridA.path, display_name: '吴小梅', must_change_password: true });
      expect((await owner.query('SELECT user_id FROM resident WHERE id = $1', [me.id])).rows[0].user_id).toBe(b.userId);
      const audit = await auditSince(t, before);
      expect(audit.map((a) => a.action)).toEqual(['resident.account.open']);
      expect(JSON.stringify(audit[0].detail)).not.toContain(INITIAL);
      const detail = (await s.gridWorker.get(`${RES}/${me.id}`)).json() as ResidentBody;
      expect(detail.hasAccount).toBe(true);
      expect(detail.actions).not.toContain('open_account');
      me2 = await firstLogin('wu_xiaomei');
    });

    it('409 for a second login or a taken username, 400 for a weak password, 404/403 as usual', async () => {
      expectError(await s.gridWorker.post(`${RES}/${me.id}/account`, { username: 'wu_again', password: INITIAL }), 409, 'RESIDENT_HAS_ACCOUNT');
      expectError(await s.gridWorker.post(`${RES}/${spouse.id}/account`, { username: 'wu_xiaomei', password: INITIAL }), 409, 'USERNAME_TAKEN', 'username');
      expectError(await s.gridWorker.post(`${RES}/${spouse.id}/account`, { username: 'zheng_dahai', password: 'short' }), 400, 'VALIDATION_FAILED', 'password');
      expectError(await s.gridWorker.post(`${RES}/${spouse.id}/account`, { username: 'bad name!', password: INITIAL }), 400, 'VALIDATION_FAILED', 'username');
      expectError(await s.streetStaffB.post(`${RES}/${spouse.id}/account`, { username: 'zheng_dahai', password: INITIAL }), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.post(`${RES}/${spouse.id}/account`, { username: 'zheng_dahai', password: INITIAL }), 403, 'FORBIDDEN');
      expect((await owner.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'zheng_dahai'`)).rows[0].n).toBe(0);
    });
  });

  describe('own data', () => {
    it('GET /me/resident: the own record unmasked, audited as a personal-information read', async () => {
      const before = await lastAuditId(t);
      const r = await me2.get(`${API}/me/resident`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        id: me.id, name: '吴小梅', idNumber: MY_ID, phone: '13512345678', birthDate: '1975-10-20', gender: 'female',
        householdId: h.id, householdPlace: '富康小区 5号楼', relation: 'spouse', orgName: '富康第一网格', status: 'active',
      });
      const audit = await auditSince(t, before);
      expect(audit).toHaveLength(1);
      const userId = (await owner.query(`SELECT id FROM app_user WHERE username = 'wu_xiaomei'`)).rows[0].id;
      expect(audit[0]).toMatchObject({ action: 'resident.self.read', entity_id: String(me.id), actor_id: userId, actor_role: 'resident', outcome: 'success' });
    });

    it('GET /me/household: place, masked address, other members masked', async () => {
      const r = await me2.get(`${API}/me/household`);
      expect(r.statusCode, r.body).toBe(200);
      const b = r.json();
      expect(b).toMatchObject({ id: h.id, place: '富康小区 5号楼' });
      expect(b.addressMasked).toMatch(/\*\*\*$/);
      expect(b.members).toEqual([
        expect.objectContaining({ id: me.id, self: true, name: '吴小梅', relation: 'spouse' }),
        expect.objectContaining({ id: spouse.id, self: false, name: '郑*海', relation: 'head' }),
      ]);
      expect(r.body).not.toContain('郑大海');
    });

    it('GET /me/resident/export.xlsx: the own data as a spreadsheet, audited', async () => {
      const before = await lastAuditId(t);
      const r = await me2.get(`${API}/me/resident/export.xlsx`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      const x = await readXlsx(r);
      expect(x.header).toEqual(['项目', '内容']);
      const byField = Object.fromEntries(x.rows.map((row) => [row['项目'], row['内容']]));
      expect(byField).toMatchObject({ 姓名: '吴小梅', 证件号码: MY_ID, 手机号码: '13512345678', 性别: '女', 与户主关系: '配偶' });
      expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['resident.self.export']);
    });

    it('staff get 403 on self-service; a resident without a linked record gets 404; residents get 403 on staff routes', async () => {
      for (const a of ['gridWorker', 'sysAdmin', 'streetStaff'] as Account[]) {
        expectError(await s[a].get(`${API}/me/resident`), 403, 'FORBIDDEN');
        expectError(await s[a].get(`${API}/me/household`), 403, 'FORBIDDEN');
        expectError(await s[a].post(`${API}/me/corrections`, { field: 'phone', message: 'x' }), 403, 'FORBIDDEN');
      }
      expectError(await s.resident.get(`${API}/me/resident`), 404, 'NOT_FOUND');
      expectError(await s.resident.get(`${API}/me/household`), 404, 'NOT_FOUND');
      expectError(await s.resident.get(`${API}/me/resident/export.xlsx`), 404, 'NOT_FOUND');
      expectError(await me2.get(RES), 403, 'FORBIDDEN');
      expectError(await me2.get(`${RES}/${spouse.id}`), 403, 'FORBIDDEN');
      expectError(await me2.get(`${API}/corrections`), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: `${API}/me/resident` }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('corrections', () => {
    let first: number;
    it('a resident asks for a correction; workers in scope see it, others do not', async () => {
      const before = await lastAuditId(t);
      const r = await me2.post(`${API}/me/corrections`, { field: 'phone', message: '手机号已更换为 13900009999' });
      expect(r.statusCode, r.body).toBe(201);
      const c = r.json();
      first = c.id;
      expect(c).toMatchObject({ residentId: me.id, residentNameMasked: '吴小梅', field: 'phone', status: 'open', reply: null, actions: [] });
      expect((await auditSince(t, before))[0]).toMatchObject({ action: 'correction.create', entity_type: 'correction', org_path: w.gridA.path });
      await me2.post(`${API}/me/corrections`, { field: 'other', message: '户籍信息有误' });
      const own = await me2.get(`${API}/me/corrections`);
      expect(own.json()).toMatchObject({ total: 2, page: 1 });
      const worker = await s.gridWorker.get(`${API}/corrections?status=open`);
      expect(worker.statusCode, worker.body).toBe(200);
      expect(worker.json().total).toBe(2);
      expect(worker.json().items[1]).toMatchObject({ id: first, residentNameMasked: '吴*梅', actions: ['accept', 'reject'] });
      expect((await s.streetStaffB.get(`${API}/corrections`)).json()).toMatchObject({ items: [], total: 0 });
      expectError(await me2.post(`${API}/me/corrections`, { field: 'salary', message: 'x' }), 400, 'VALIDATION_FAILED', 'field');
      expectError(await me2.post(`${API}/me/corrections`, { field: 'phone', message: ' ' }), 400, 'VALIDATION_FAILED', 'message');
      expectError(await s.resident.post(`${API}/me/corrections`, { field: 'phone', message: '我的信息' }), 404, 'NOT_FOUND');
    });

    it('a worker accepts or rejects once (409 after), recorded in history and audit; 404 outside scope', async () => {
      const list = (await s.gridWorker.get(`${API}/corrections?status=open`)).json();
      const second = list.items[0].id;
      expectError(await s.streetStaffB.post(`${API}/corrections/${first}/accept`, { reply: '越权' }), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.post(`${API}/corrections/${first}/accept`, { reply: '越权' }), 403, 'FORBIDDEN');
      expectError(await s.gridWorker.post(`${API}/corrections/${first}/accept`, {}), 400, 'VALIDATION_FAILED', 'reply');
      const before = await lastAuditId(t);
      const a = await s.gridWorker.post(`${API}/corrections/${first}/accept`, { reply: '已核实并更新' });
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json()).toMatchObject({ status: 'accepted', reply: '已核实并更新', actions: [] });
      expect(a.json().handledAt).not.toBeNull();
      expectError(await s.gridWorker.post(`${API}/corrections/${first}/reject`, { reply: '再次' }), 409, 'CORRECTION_HANDLED');
      const rj = await s.streetStaff.post(`${API}/corrections/${second}/reject`, { reply: '户籍信息以派出所为准' });
      expect(rj.json()).toMatchObject({ status: 'rejected' });
      expect((await auditSince(t, before)).map((x) => x.action)).toEqual(['correction.accept', 'correction.reject']);
      const hist = (await s.gridWorker.get(`${RES}/${me.id}/history`)).json();
      expect(hist.changes[0]).toMatchObject({ kind: 'correction', fields: ['phone'] });
      expect((await s.gridWorker.get(`${API}/corrections?status=accepted`)).json().items.map((c: { id: number }) => c.id)).toEqual([first]);
      expect((await me2.get(`${API}/me/corrections`)).json().items.map((c: { status: string }) => c.status)).toEqual(['rejected', 'accepted']);
      expectError(await s.gridWorker.post(`${API}/corrections/99999999/accept`, { reply: 'x' }), 404, 'NOT_FOUND');
    });
  });

  describe('the login follows the record', () => {
    it('moving the resident moves the login\'s org and the requests; anonymizing disables the login', async () => {
      const c = await me2.post(`${API}/me/corrections`, { field: 'name', message: '姓名用字有误' });
      expect(c.statusCode).toBe(201);
      const m = await s.communityWorker.post(`${RES}/${me.id}/move`, { householdId: null, orgId: w.communityA.id });
      expect(m.statusCode, m.body).toBe(200);
      const userId = (await owner.query(`SELECT id FROM app_user WHERE username = 'wu_xiaomei'`)).rows[0].id;
      expect((await owner.query('SELECT org_id, org_path FROM app_user WHERE id = $1', [userId])).rows[0]).toEqual({ org_id: w.communityA.id, org_path: w.communityA.path });
      expect((await owner.query('SELECT org_id FROM correction_request WHERE id = $1', [c.json().id])).rows[0].org_id).toBe(w.communityA.id);
      // The grid worker no longer sees the request; the community worker does.
      expect((await s.gridWorker.get(`${API}/corrections?status=open`)).json().total).toBe(0);
      expect((await s.communityWorker.get(`${API}/corrections?status=open`)).json().total).toBe(1);
      const own = await me2.get(`${API}/me/resident`);
      expect(own.json()).toMatchObject({ orgName: '富康社区', householdId: null });
      expectError(await me2.get(`${API}/me/household`), 404, 'NOT_FOUND');
      const x = await s.communityWorker.post(`${RES}/${me.id}/anonymize`, { reason: '本人申请注销并删除' });
      expect(x.statusCode, x.body).toBe(200);
      expect((await owner.query('SELECT status, display_name FROM app_user WHERE id = $1', [userId])).rows[0]).toEqual({ status: 'disabled', display_name: '已匿名' });
      expectError(await me2.get(`${API}/me/resident`), 401, 'UNAUTHENTICATED');
      const login = await t.app.inject({ method: 'POST', url: `${API}/auth/login`, payload: { username: 'wu_xiaomei', password: CHANGED } });
      expect(login.statusCode).not.toBe(200);
      const msgs = (await owner.query('SELECT message, status FROM correction_request WHERE resident_id = $1', [me.id])).rows;
      for (const r of msgs) expect(r.message).toBe('已匿名');
      expect(msgs.every((r) => r.status !== 'open')).toBe(true);
    });
  });
});

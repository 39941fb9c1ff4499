import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { sql } from 'kysely';
import { PASSWORD, auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { totpCodeAt } from '../../src/modules/accounts/totp.js';
import { XLSX, buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AUDIT = '/api/v1/audit';

/** Runs the real CLI against a test database; resolves with the exit code and output. */
function cli(t: TestApp, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/gongzhi.mjs'), ...args], {
      cwd: ROOT, timeout: 90_000,
      env: {
        ...process.env, DATABASE_URL: t.dbUrl, GONGZHI_ENCRYPTION_KEY: t.deps.config.encryptionKey!,
        GONGZHI_DATA_DIR: t.dataDir, LOG_LEVEL: 'silent',
      },
    }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

describe('audit trail', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
  });
  afterAll(async () => { await t?.close(); });

  /** Runs `op` and returns the audit rows it wrote. */
  async function rowsOf(op: () => Promise<{ statusCode: number; body: string }>, status?: number) {
    const before = await lastAuditId(t);
    const r = await op();
    if (status !== undefined) expect(r.statusCode, r.body).toBe(status);
    return { r, rows: await auditSince(t, before) };
  }

  async function expectOne(op: () => Promise<{ statusCode: number; body: string }>, status: number, expected: Record<string, unknown>) {
    const { r, rows } = await rowsOf(op, status);
    expect(rows, `audit rows of ${JSON.stringify(expected)}`).toHaveLength(1);
    expect(rows[0]).toMatchObject(expected);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].ip).toBe('127.0.0.1');
    expect(rows[0].user_agent).toBe('lightMyRequest');
    return { r, row: rows[0] };
  }

  describe('every write yields exactly one record', () => {
    it('auth: login (success and failure), logout, password change, TOTP setup/enable/disable', async () => {
      const u = await t.user('gridWorker', w.gridA.code, 'audit_auth');
      const uid = String(u.id);
      await expectOne(() => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'nope-nope-1' } }), 401,
        { action: 'auth.login', outcome: 'failure', entity_type: 'user', entity_id: uid, org_path: w.gridA.path });
      const { r } = await expectOne(() => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: PASSWORD } }), 200,
        { action: 'auth.login', outcome: 'success', entity_id: uid, actor_id: u.id, actor_name: u.username, actor_role: 'gridWorker' });
      const sess = { cookie: `gz_sid=${(r as unknown as { cookies: { name: string; value: string }[] }).cookies.find((c) => c.name === 'gz_sid')!.value}`, 'x-csrf-token': JSON.parse(r.body).csrfToken };
      const post = (url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: sess, ...(payload ? { payload } : {}) });
      const who = { actor_id: u.id, actor_name: u.username, actor_role: 'gridWorker', entity_type: 'user', entity_id: uid, outcome: 'success' };
      const setup = await expectOne(() => post('/api/v1/auth/totp/setup'), 200, { action: 'auth.totp.setup', ...who });
      const secret = JSON.parse(setup.r.body).secret;
      await expectOne(() => post('/api/v1/auth/totp/enable', { code: totpCodeAt(secret, Date.now()) }), 204, { action: 'auth.totp.enable', ...who });
      await expectOne(() => post('/api/v1/auth/totp/disable', { password: PASSWORD }), 204, { action: 'auth.totp.disable', ...who });
      await expectOne(() => post('/api/v1/auth/password', { oldPassword: PASSWORD, newPassword: 'Audit-pass-2026' }), 204, { action: 'auth.password.change', ...who });
      const again = await t.login(u.username, 'Audit-pass-2026');
      await expectOne(() => again.post('/api/v1/auth/logout'), 204, { action: 'auth.logout', ...who });
    });

    it('orgs: create, update, move, delete, export', async () => {
      const admin = { actor_id: w.users.sysAdmin.id, actor_role: 'sysAdmin', entity_type: 'org', outcome: 'success' };
      const { r } = await expectOne(() => s.sysAdmin.post('/api/v1/orgs', { parentId: w.communityA.id, level: 'grid', code: '620902001001201', name: '审计网格' }), 201,
        { action: 'org.create', ...admin });
      const id = JSON.parse(r.body).id;
      await expectOne(() => s.sysAdmin.patch(`/api/v1/orgs/${id}`, { name: '审计网格2' }), 200, { action: 'org.update', entity_id: String(id), ...admin });
      await expectOne(() => s.sysAdmin.patch(`/api/v1/orgs/${id}`, { parentId: w.communityB.id, code: '620902002001201' }), 200,
        { action: 'org.move', entity_id: String(id), org_path: `${w.communityB.path}${id}/`, ...admin });
      await expectOne(() => s.sysAdmin.del(`/api/v1/orgs/${id}`), 204, { action: 'org.delete', entity_id: String(id), ...admin });
      await expectOne(() => s.streetStaff.get('/api/v1/orgs/export.xlsx'), 200,
        { action: 'org.export', actor_id: w.users.streetStaff.id, entity_type: 'org', entity_id: null, org_path: w.streetA.path });
    });

    it('users: create, update, disable, enable, reset, unlock, reveal (allowed and denied), export', async () => {
      const sys = { actor_id: w.users.sysAdmin.id, actor_role: 'sysAdmin', entity_type: 'user', outcome: 'success' };
      const sec = { actor_id: w.users.securityAdmin.id, actor_role: 'securityAdmin', entity_type: 'user', outcome: 'success' };
      const { r } = await expectOne(() => s.sysAdmin.post('/api/v1/users', {
        username: 'audit_user_1', displayName: '审计对象', role: 'gridWorker', orgId: w.gridA.id, password: 'Audit-init-2026', phone: '13912340000',
      }), 201, { action: 'user.create', org_path: w.gridA.path, ...sys });
      const id = JSON.parse(r.body).id;
      const e = { entity_id: String(id), org_path: w.gridA.path };
      await expectOne(() => s.sysAdmin.patch(`/api/v1/users/${id}`, { displayName: '审计对象2' }), 200, { action: 'user.update', ...e, ...sys });
      await expectOne(() => s.securityAdmin.patch(`/api/v1/users/${id}`, { status: 'disabled' }), 200, { action: 'user.disable', ...e, ...sec });
      await expectOne(() => s.securityAdmin.patch(`/api/v1/users/${id}`, { status: 'active' }), 200, { action: 'user.enable', ...e, ...sec });
      await expectOne(() => s.securityAdmin.post(`/api/v1/users/${id}/reset-password`, { newPassword: 'Audit-reset-2026' }), 204, { action: 'user.password.reset', ...e, ...sec });
      await expectOne(() => s.securityAdmin.post(`/api/v1/users/${id}/unlock`), 204, { action: 'user.unlock', ...e, ...sec });
      const rev = await expectOne(() => s.securityAdmin.post(`/api/v1/users/${id}/reveal`, { field: 'phone', reason: '电话回访' }), 200, { action: 'user.reveal', ...e, ...sec });
      expect(rev.row.detail).toEqual({ field: 'phone', reason: '电话回访' });
      await expectOne(() => s.sysAdmin.post(`/api/v1/users/${id}/reveal`, { field: 'phone', reason: '电话回访' }), 403,
        { action: 'user.reveal', outcome: 'denied', actor_id: w.users.sysAdmin.id, ...e });
      await expectOne(() => s.sysAdmin.get('/api/v1/users/export.xlsx'), 200, { action: 'user.export', actor_id: w.users.sysAdmin.id, entity_id: null });
    });

    it('refused and invalid writes write nothing (except a denied reveal)', async () => {
      const ops: [string, () => Promise<{ statusCode: number; body: string }>][] = [
        ['bad org code', () => s.sysAdmin.post('/api/v1/orgs', { parentId: w.communityA.id, level: 'grid', code: '999', name: 'x' })],
        ['forbidden org write', () => s.gridWorker.post('/api/v1/orgs', { parentId: w.gridA.id, level: 'grid', code: '620902001001001001', name: 'x' })],
        ['org delete with children', () => s.sysAdmin.del(`/api/v1/orgs/${w.communityA.id}`)],
        ['duplicate org code', () => s.sysAdmin.post('/api/v1/orgs', { parentId: w.communityA.id, level: 'grid', code: w.gridA.code, name: 'x' })],
        ['admin role', () => s.sysAdmin.post('/api/v1/users', { username: 'nope_admin', displayName: 'x', role: 'auditAdmin', orgId: 1, password: 'Audit-init-2026' })],
        ['weak password', () => s.sysAdmin.post('/api/v1/users', { username: 'nope_weak', displayName: 'x', role: 'gridWorker', orgId: w.gridA.id, password: 'password' })],
        ['self edit', () => s.sysAdmin.patch(`/api/v1/users/${w.users.sysAdmin.id}`, { displayName: 'x' })],
        ['missing CSRF', () => t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.sysAdmin.cookie }, payload: {} })],
        ['no session', () => t.app.inject({ method: 'POST', url: '/api/v1/users', payload: {} })],
        ['reveal without reason', () => s.securityAdmin.post(`/api/v1/users/${w.users.gridWorker.id}/reveal`, { field: 'phone' })],
        ['wrong old password', () => s.gridWorker.post('/api/v1/auth/password', { oldPassword: 'not-it-at-all', newPassword: 'Whatever-2026' })],
        ['wrong TOTP enable', () => s.gridWorker.post('/api/v1/auth/totp/enable', { code: '000000' })],
      ];
      for (const [name, op] of ops) {
        const { r, rows } = await rowsOf(op);
        expect(r.statusCode, name).toBeGreaterThanOrEqual(400);
        expect(rows, name).toHaveLength(0);
      }
    });
  });

  describe('reads that are not personal-information reads write nothing', () => {
    it('GET routes and the audit console', async () => {
      const reads: [Session, string][] = [
        [s.sysAdmin, '/api/v1/auth/me'], [s.sysAdmin, '/api/v1/orgs'], [s.sysAdmin, '/api/v1/orgs/roots'],
        [s.sysAdmin, `/api/v1/orgs/${w.gridA.id}`], [s.sysAdmin, `/api/v1/orgs/${w.streetA.id}/children`],
        [s.sysAdmin, `/api/v1/orgs/${w.gridA.id}/ancestors`], [s.sysAdmin, `/api/v1/orgs/${w.district.id}/stats`],
        [s.sysAdmin, '/api/v1/users'], [s.sysAdmin, `/api/v1/users/${w.users.gridWorker.id}`],
        [s.securityAdmin, `/api/v1/users/${w.users.gridWorker.id}`],
        [s.auditAdmin, AUDIT], [s.auditAdmin, `${AUDIT}/export.xlsx`],
      ];
      for (const [who, url] of reads) {
        const { r, rows } = await rowsOf(() => who.get(url));
        expect(r.statusCode, url).toBe(200);
        expect(rows, url).toHaveLength(0);
      }
      const { r, rows } = await rowsOf(() => s.auditAdmin.post(`${AUDIT}/verify`));
      expect(r.statusCode).toBe(200);
      expect(rows).toHaveLength(0);
    });
  });

  describe('the log cannot be changed', () => {
    let owner: pg.Client;
    let id: number;
    beforeAll(async () => {
      owner = await ownerClient(t.dbUrl);
      id = await lastAuditId(t);
      expect(id).toBeGreaterThan(0);
    });
    afterAll(async () => { await owner?.end(); });

    it('the app pool runs as gongzhi_app, which may not UPDATE, DELETE or TRUNCATE audit_log', async () => {
      expect(t.handle.restrictedRole).toBe(true);
      const role = await sql<{ r: string }>`SELECT current_user AS r`.execute(t.handle.db);
      expect(role.rows[0].r).toBe('gongzhi_app');
      await expect(t.handle.db.updateTable('audit_log').set({ detail: JSON.stringify({ x: 1 }) }).where('id', '=', id).execute())
        .rejects.toMatchObject({ code: '42501' });
      await expect(t.handle.db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toMatchObject({ code: '42501' });
      await expect(sql`TRUNCATE audit_log`.execute(t.handle.db)).rejects.toMatchObject({ code: '42501' });
      // It may read and append (that is how the app works) — and nothing was changed.
      expect((await t.handle.db.selectFrom('audit_log').select('detail').where('id', '=', id).executeTakeFirstOrThrow()).detail).not.toEqual({ x: 1 });
    });

    it('even the owner cannot UPDATE, DELETE a young record or TRUNCATE: the triggers refuse', async () => {
      await expect(owner.query(`UPDATE audit_log SET detail = '{"x":1}' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(owner.query(`UPDATE audit_log SET outcome = 'success' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(/younger than 180 days/);
      await expect(owner.query('TRUNCATE audit_log')).rejects.toThrow(/cannot be truncated/);
      const row = (await owner.query('SELECT detail, outcome FROM audit_log WHERE id = $1', [id])).rows[0];
      expect(row).toBeDefined();
      expect(row.detail).not.toEqual({ x: 1 });
    });

    it('the chain over everything written so far verifies', async () => {
      const r = await s.auditAdmin.post(`${AUDIT}/verify`, undefined, { 'accept-language': 'en' });
      expect(r.statusCode).toBe(200);
      const total = (await owner.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
      expect(r.json()).toMatchObject({ ok: true, checked: total, firstBadId: null });
      expect(r.json().message).toMatch(/chain intact/);
    });
  });

  describe('audit console API', () => {
    it('is for the audit admin only', async () => {
      for (const who of ['sysAdmin', 'securityAdmin', 'streetStaff', 'gridWorker', 'resident'] as Account[]) {
        expectError(await s[who].get(AUDIT), 403, 'FORBIDDEN');
        expectError(await s[who].post(`${AUDIT}/verify`), 403, 'FORBIDDEN');
        expectError(await s[who].get(`${AUDIT}/export.xlsx`), 403, 'FORBIDDEN');
      }
      expectError(await t.app.inject({ url: AUDIT }), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ method: 'POST', url: `${AUDIT}/verify` }), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ url: `${AUDIT}/export.xlsx` }), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ method: 'POST', url: `${AUDIT}/verify`, headers: { cookie: s.auditAdmin.cookie } }), 403, 'CSRF_FAILED');
    });

    it('searches newest first, with filters, pages and the presented shape', async () => {
      const all = (await s.auditAdmin.get(`${AUDIT}?pageSize=200`)).json();
      expect(all.total).toBeGreaterThan(20);
      const ids = all.items.map((x: { id: number }) => x.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(all.items[0]).toEqual({
        id: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), actorId: expect.toBeOneOf([expect.any(Number), null]),
        actorName: expect.toBeOneOf([expect.any(String), null]), actorRole: expect.toBeOneOf([expect.any(String), null]),
        action: expect.any(String), entityType: expect.any(String), entityId: expect.toBeOneOf([expect.any(String), null]),
        orgPath: expect.toBeOneOf([expect.any(String), null]), ip: expect.toBeOneOf([expect.any(String), null]),
        userAgent: expect.toBeOneOf([expect.any(String), null]), outcome: expect.any(String), detail: expect.any(Object),
      });
      expect(all.items[0]).not.toHaveProperty('hash');

      const users = (await s.auditAdmin.get(`${AUDIT}?action=user.&pageSize=200`)).json();
      expect(users.total).toBeGreaterThan(0);
      expect(users.items.every((x: { action: string }) => x.action.startsWith('user.'))).toBe(true);
      const denied = (await s.auditAdmin.get(`${AUDIT}?outcome=denied`)).json();
      expect(denied.total).toBeGreaterThan(0);
      expect(denied.items.every((x: { outcome: string; action: string }) => x.outcome === 'denied' && x.action === 'user.reveal')).toBe(true);
      const bySec = (await s.auditAdmin.get(`${AUDIT}?actor=${w.users.securityAdmin.username}&pageSize=200`)).json();
      expect(bySec.items.length).toBeGreaterThan(0);
      expect(bySec.items.every((x: { actorName: string }) => x.actorName === w.users.securityAdmin.username)).toBe(true);
      const one = (await s.auditAdmin.get(`${AUDIT}?entityType=user&entityId=${w.users.gridWorker.id}`)).json();
      expect(one.items.every((x: { entityId: string; entityType: string }) => x.entityId === String(w.users.gridWorker.id) && x.entityType === 'user')).toBe(true);
      // LIKE wildcards in the action filter are literal.
      expect((await s.auditAdmin.get(`${AUDIT}?action=%25`)).json().total).toBe(0);
      // Time window.
      const future = (await s.auditAdmin.get(`${AUDIT}?from=2999-01-01T00:00:00Z`)).json();
      expect(future.total).toBe(0);
      const past = (await s.auditAdmin.get(`${AUDIT}?to=2000-01-01T00:00:00Z`)).json();
      expect(past.total).toBe(0);
      const window = (await s.auditAdmin.get(`${AUDIT}?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00%2B08:00`)).json();
      expect(window.total).toBe(all.total);
      // Paging.
      const p2 = (await s.auditAdmin.get(`${AUDIT}?page=2&pageSize=5`)).json();
      expect(p2).toMatchObject({ page: 2, pageSize: 5, total: all.total });
      expect(p2.items.map((x: { id: number }) => x.id)).toEqual(ids.slice(5, 10));
    });

    it('shows records without an org (unknown-user logins) to a national auditor only; a district auditor sees its district', async () => {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ghost_user_x', password: 'whatever-1' } });
      const national = (await s.auditAdmin.get(`${AUDIT}?action=auth.login&outcome=failure&pageSize=200`)).json();
      expect(national.items.some((x: { orgPath: string | null; detail: { username?: string } }) => x.orgPath === null && x.detail.username === 'ghost_user_x')).toBe(true);
      const local = await t.user('auditAdmin', w.district.code, 'district_auditor');
      const ls = await t.login(local.username);
      const mine = (await ls.get(`${AUDIT}?pageSize=200`)).json();
      expect(mine.total).toBeGreaterThan(0);
      expect(mine.items.every((x: { orgPath: string | null }) => x.orgPath !== null && x.orgPath.startsWith(w.district.path))).toBe(true);
    });

    it('validates filters, naming the field', async () => {
      const a = s.auditAdmin;
      expectError(await a.get(`${AUDIT}?outcome=maybe`), 400, 'VALIDATION_FAILED', 'outcome');
      expectError(await a.get(`${AUDIT}?from=yesterday`), 400, 'VALIDATION_FAILED', 'from');
      expectError(await a.get(`${AUDIT}?to=2026-02-30T00:00:00Z`), 400, 'VALIDATION_FAILED', 'to');
      // The date-time format admits a leap second; Date cannot hold it.
      expectError(await a.get(`${AUDIT}?from=2016-12-31T23:59:60Z`), 400, 'VALIDATION_FAILED', 'from');
      expectError(await a.get(`${AUDIT}/export.xlsx?to=2016-12-31T23:59:60Z`), 400, 'VALIDATION_FAILED', 'to');
      expectError(await a.get(`${AUDIT}?actor=${'x'.repeat(65)}`), 400, 'VALIDATION_FAILED', 'actor');
      expectError(await a.get(`${AUDIT}?pageSize=500`), 400, 'VALIDATION_FAILED', 'pageSize');
      expectError(await a.get(`${AUDIT}?hash=abc`), 400, 'VALIDATION_FAILED', 'hash');
      expectError(await a.get(`${AUDIT}/export.xlsx?page=1`), 400, 'VALIDATION_FAILED', 'page');
      const en = expectError(await a.get(`${AUDIT}?outcome=maybe`, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'outcome');
      expect(en.fields!.outcome).toMatch(/must be equal to constant|must match/);
    });

    it('exports to Excel what the search shows', async () => {
      const search = (await s.auditAdmin.get(`${AUDIT}?action=user.reveal&pageSize=200`)).json();
      const r = await s.auditAdmin.get(`${AUDIT}/export.xlsx?action=user.reveal`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      expect(r.headers['content-disposition']).toContain(encodeURIComponent('审计日志.xlsx'));
      const { header, rows } = await readXlsx(r);
      expect(header).toEqual(['序号', '时间', '操作人', '角色', '操作', '对象类型', '对象', '组织路径', 'IP', '结果', '详情']);
      expect(rows.map((x) => x['序号'])).toEqual(search.items.map((x: { id: number }) => x.id));
      expect(rows.every((x) => x['操作'] === 'user.reveal')).toBe(true);
      expect(JSON.parse(String(rows[0]['详情']))).toEqual(search.items[0].detail);
      const en = await readXlsx(await s.auditAdmin.get(`${AUDIT}/export.xlsx?outcome=denied`, { 'accept-language': 'en' }));
      expect(en.header[0]).toBe('id');
      expect(en.rows.every((x) => x.outcome === 'denied')).toBe(true);
    });
  });
});

describe('tampering is detected', () => {
  let t: TestApp;
  let auditor: Session;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.user('sysAdmin', 'CN', 'tamper_admin');
    auditor = await t.login((await t.user('auditAdmin', 'CN', 'tamper_auditor')).username);
    const s = await t.login(admin.username);
    for (const code of ['62', '63', '64']) expect((await s.post('/api/v1/orgs', { parentId: 1, level: 'province', code, name: `省${code}` })).statusCode).toBe(201);
    owner = await ownerClient(t.dbUrl);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const rows = async () => (await owner.query('SELECT id, action FROM audit_log ORDER BY id')).rows as { id: number; action: string }[];

  it('the CLI accepts the intact chain (exit 0)', async () => {
    expect((await auditor.post('/api/v1/audit/verify')).json().ok).toBe(true);
    const r = await cli(t, 'audit', 'verify');
    expect(r.out).toMatch(/chain intact/);
    expect(r.code).toBe(0);
  });

  it('an edited record: the API names it, the CLI exits non-zero', async () => {
    const target = (await rows()).find((r) => r.action === 'org.create')!;
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await owner.query(`UPDATE audit_log SET detail = '{"x":1}' WHERE id = $1`, [target.id]);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    // The trigger is back on.
    await expect(owner.query(`UPDATE audit_log SET detail = '{}' WHERE id = $1`, [target.id])).rejects.toThrow(/append-only/);

    const r = await auditor.post('/api/v1/audit/verify', undefined, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: false, firstBadId: Number(target.id), checked: Number(target.id) - 1 });
    expect(r.json().message).toMatch(new RegExp(`record ${target.id} was altered`));
    expect((await auditor.post('/api/v1/audit/verify')).json().message).toContain(`记录 ${target.id}`);
    const c = await cli(t, 'audit', 'verify');
    expect(c.code).not.toBe(0);
    expect(c.out).toContain(`record ${target.id}`);
  });

  it('a record deleted from the middle breaks the next link', async () => {
    const t2 = await createTestApp();
    const o = await ownerClient(t2.dbUrl);
    try {
      const admin = await t2.login((await t2.user('sysAdmin', 'CN', 'del_admin')).username);
      const aud = await t2.login((await t2.user('auditAdmin', 'CN', 'del_auditor')).username);
      for (const code of ['62', '63']) await admin.post('/api/v1/orgs', { parentId: 1, level: 'province', code, name: `省${code}` });
      // Records form 16 chains (core/audit.ts); with 33+ records some chain holds three, so a
      // victim with a predecessor and a successor in its own chain exists (logins are audited).
      for (let i = 0; i < 34; i++) await t2.login('del_admin');
      const rows = (await o.query('SELECT id, chain FROM audit_log ORDER BY id')).rows.map((x) => ({ id: Number(x.id), chain: Number(x.chain) }));
      const victimAt = rows.findIndex((r, i) => rows.slice(0, i).some((p) => p.chain === r.chain) && rows.slice(i + 1).some((n) => n.chain === r.chain));
      expect(victimAt).toBeGreaterThan(0);
      const victim = rows[victimAt].id;
      const next = rows.slice(victimAt + 1).find((n) => n.chain === rows[victimAt].chain)!.id;
      await o.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await o.query('DELETE FROM audit_log WHERE id = $1', [victim]);
      await o.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      const r = (await aud.post('/api/v1/audit/verify', undefined, { 'accept-language': 'en' })).json();
      expect(r).toMatchObject({ ok: false, firstBadId: next });
      expect(r.message).toMatch(/does not link/);
    } finally {
      await o.end();
      await t2.close();
    }
  });

  it('the purge command never removes young records', async () => {
    const before = (await owner.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const r = await cli(t, 'audit', 'purge', '--older-than-days', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/purged 0 records older than 180 days/);
    expect((await owner.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });
});

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { PASSWORD, auditSince, createTestApp, lastAuditId, session, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { totpCodeAt } from '../../src/modules/accounts/totp.js';
import { buildWorld, expectError, hasHan, type World } from './fixtures.js';

const LOGIN = '/api/v1/auth/login';

describe('auth', () => {
  let t: TestApp;
  let w: World;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, ['sysAdmin', 'securityAdmin', 'streetStaff', 'gridWorker', 'resident']);
    owner = await ownerClient(t.dbUrl);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const login = (username: string, password: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: LOGIN, payload: { username, password, ...extra }, headers });
  const sid = (r: { cookies: { name: string; value: string }[] }) => r.cookies.find((c) => c.name === 'gz_sid')?.value;
  const sessionOf = (r: Awaited<ReturnType<typeof login>>): Session => session(t.app, `gz_sid=${sid(r)}`, r.json().csrfToken);
  const clearSessionCache = () => t.deps.bus.emitLocal('session', 'all');
  let n = 0;
  const freshUser = async (role: 'gridWorker' | 'streetStaff' = 'gridWorker') =>
    t.user(role, role === 'gridWorker' ? w.gridA.code : w.streetA.code, `auth_${role}_${++n}`);

  describe('login', () => {
    it('answers the user, permissions and a CSRF token, and sets an HttpOnly SameSite=Lax cookie', async () => {
      const r = await login(w.users.sysAdmin.username, PASSWORD);
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.user).toMatchObject({
        id: w.users.sysAdmin.id, username: w.users.sysAdmin.username, role: 'sysAdmin',
        org: { id: 1, level: 'root', code: 'CN', name: '全国' }, totpEnabled: false, mustChangePassword: false,
      });
      expect(body.user.permissions).toEqual(expect.arrayContaining(['org.read', 'org.write', 'user.write']));
      expect(body.user.permissions).not.toContain('audit.read');
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(body.user).not.toHaveProperty('passwordHash');
      const setCookie = String(r.headers['set-cookie']);
      expect(setCookie).toMatch(/^gz_sid=[A-Za-z0-9_-]{43};/);
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Lax/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).toMatch(/; Max-Age=43200/);
      expect(setCookie).not.toMatch(/Secure/); // plain-HTTP test app without GONGZHI_SECURE_COOKIES
    });

    it('stores only a hash of the session token', async () => {
      const r = await login(w.users.sysAdmin.username, PASSWORD);
      const token = sid(r)!;
      const hashed = crypto.createHash('sha256').update(token).digest('hex');
      const rows = (await owner.query('SELECT id, csrf_token FROM user_session WHERE user_id = $1', [w.users.sysAdmin.id])).rows;
      expect(rows.map((x) => x.id)).toContain(hashed);
      expect(rows.map((x) => x.id)).not.toContain(token);
    });

    it('issues a new session id at each login, even when a session cookie is sent along', async () => {
      const a = await login(w.users.sysAdmin.username, PASSWORD);
      const b = await login(w.users.sysAdmin.username, PASSWORD, {}, { cookie: `gz_sid=${sid(a)}` });
      const c = await login(w.users.sysAdmin.username, PASSWORD, {}, { cookie: 'gz_sid=attacker-chosen-value' });
      const ids = [sid(a), sid(b), sid(c)];
      expect(new Set(ids).size).toBe(3);
      expect(ids).not.toContain('attacker-chosen-value');
      expect(a.json().csrfToken).not.toBe(b.json().csrfToken);
      // Both sessions work independently.
      expect((await sessionOf(a).get('/api/v1/auth/me')).statusCode).toBe(200);
      expect((await sessionOf(b).get('/api/v1/auth/me')).statusCode).toBe(200);
    });

    it('is case-insensitive in the username', async () => {
      const r = await login(w.users.sysAdmin.username.toUpperCase(), PASSWORD);
      expect(r.statusCode).toBe(200);
      expect(r.json().user.id).toBe(w.users.sysAdmin.id);
    });

    it('answers wrong password and unknown user the same way, and audits both', async () => {
      const before = await lastAuditId(t);
      const bad = await login(w.users.sysAdmin.username, 'Wrong-pass-2026');
      const unknown = await login('no_such_user', 'Wrong-pass-2026');
      const e1 = expectError(bad, 401, 'INVALID_CREDENTIALS');
      const e2 = expectError(unknown, 401, 'INVALID_CREDENTIALS');
      expect(e1.message).toBe(e2.message);
      expect(bad.headers['set-cookie']).toBeUndefined();
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ action: 'auth.login', outcome: 'failure', entity_id: String(w.users.sysAdmin.id) });
      expect(rows[0].detail).toMatchObject({ reason: 'bad_password', failures: 1 });
      expect(rows[1]).toMatchObject({ action: 'auth.login', outcome: 'failure', entity_id: null, org_path: null });
      expect(rows[1].detail).toMatchObject({ reason: 'unknown_user', username: 'no_such_user' });
      // The success resets the counter.
      expect((await login(w.users.sysAdmin.username, PASSWORD)).statusCode).toBe(200);
      expect((await owner.query('SELECT failed_logins FROM app_user WHERE id = $1', [w.users.sysAdmin.id])).rows[0].failed_logins).toBe(0);
    });

    it('audits a successful login once, naming the user', async () => {
      const before = await lastAuditId(t);
      await login(w.users.streetStaff.username, PASSWORD);
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'auth.login', outcome: 'success', entity_type: 'user', entity_id: String(w.users.streetStaff.id),
        org_path: w.streetA.path, actor_name: w.users.streetStaff.username,
      });
      expect(rows[0].detail).toMatchObject({ totp: false });
    });

    it('validates the body: missing fields, unknown fields, wrong types, over-long values', async () => {
      expectError(await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'x' } }), 400, 'VALIDATION_FAILED', 'password');
      expectError(await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'x', password: 'y', remember: true } }), 400, 'VALIDATION_FAILED', 'remember');
      const types = expectError(await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: { a: 1 }, password: ['y', 'z'] } }), 400, 'VALIDATION_FAILED');
      expect(Object.keys(types.fields!).sort()).toEqual(['password', 'username']);
      expectError(await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'u'.repeat(65), password: 'y' } }), 400, 'VALIDATION_FAILED', 'username');
      expectError(await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'u', password: 'p'.repeat(129) } }), 400, 'VALIDATION_FAILED', 'password');
      expectError(await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'u', password: 'p', totpCode: '1234567' } }), 400, 'VALIDATION_FAILED', 'totpCode');
      expectError(await t.app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '{"username":' }), 400, 'INVALID_JSON');
      expectError(await t.app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '' }), 400, 'EMPTY_BODY');
    });

    it('speaks English with Accept-Language: en and Chinese by default', async () => {
      const en = expectError(await login('nobody_here', 'whatever-1', {}, { 'accept-language': 'en-US,en;q=0.9' }), 401, 'INVALID_CREDENTIALS');
      expect(en.message).toBe('Wrong username or password');
      const zh = expectError(await login('nobody_here', 'whatever-1'), 401, 'INVALID_CREDENTIALS');
      expect(hasHan(zh.message)).toBe(true);
      const v = expectError(await t.app.inject({ method: 'POST', url: LOGIN, headers: { 'accept-language': 'en' }, payload: { username: 'x' } }), 400, 'VALIDATION_FAILED', 'password');
      expect(hasHan(v.message)).toBe(false);
      expect(v.fields!.password).toMatch(/must have required property/);
    });

    it('refuses a disabled account after the right password only', async () => {
      const u = await freshUser();
      await owner.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [u.id]);
      expectError(await login(u.username, 'Wrong-pass-2026'), 401, 'INVALID_CREDENTIALS');
      expectError(await login(u.username, PASSWORD), 403, 'ACCOUNT_DISABLED');
    });
  });

  describe('lockout', () => {
    it('locks after 5 failures for 15 minutes, refuses even the right password, and audits each attempt', async () => {
      const u = await freshUser();
      const before = await lastAuditId(t);
      for (let i = 1; i <= 4; i++) expectError(await login(u.username, `Wrong-${i}-pass`), 401, 'INVALID_CREDENTIALS');
      const fifth = await login(u.username, 'Wrong-5-pass', {}, { 'accept-language': 'en' });
      const e = expectError(fifth, 423, 'ACCOUNT_LOCKED');
      expect(e.message).toMatch(/locked for 15 more minute/);
      const locked = (await owner.query('SELECT locked_until, failed_logins FROM app_user WHERE id = $1', [u.id])).rows[0];
      const minutes = (new Date(locked.locked_until).getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);
      expect(locked.failed_logins).toBe(0);

      expectError(await login(u.username, PASSWORD), 423, 'ACCOUNT_LOCKED');
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.action === 'auth.login' && r.outcome === 'failure' && r.entity_id === String(u.id))).toBe(true);
      expect(rows.slice(0, 5).map((r) => (r.detail as { failures: number }).failures)).toEqual([1, 2, 3, 4, 5]);
      expect(rows.slice(0, 5).map((r) => (r.detail as { locked: boolean }).locked)).toEqual([false, false, false, false, true]);
      expect(rows[5].detail).toMatchObject({ reason: 'locked' });

      // Fifteen minutes later (moved back in the database) the right password works again.
      await owner.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.id]);
      const ok = await login(u.username, PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect((await owner.query('SELECT locked_until FROM app_user WHERE id = $1', [u.id])).rows[0].locked_until).toBeNull();
    });

    it('a success in between resets the count', async () => {
      const u = await freshUser();
      for (let i = 0; i < 4; i++) await login(u.username, 'Wrong-pass-xx');
      expect((await login(u.username, PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expectError(await login(u.username, 'Wrong-pass-xx'), 401, 'INVALID_CREDENTIALS');
      expect((await login(u.username, PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('me and logout', () => {
    it('GET /auth/me answers the session user; 401 without or with an unknown cookie', async () => {
      const s = await t.login(w.users.streetStaff.username);
      const r = await s.get('/api/v1/auth/me');
      expect(r.statusCode).toBe(200);
      expect(r.json().user).toMatchObject({ id: w.users.streetStaff.id, role: 'streetStaff', org: { id: w.streetA.id, level: 'street', code: '620902001' } });
      expect(r.json().csrfToken).toBe(s.csrf);
      expectError(await t.app.inject({ url: '/api/v1/auth/me' }), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'gz_sid=forged' } }), 401, 'UNAUTHENTICATED');
    });

    it('logout ends the session, clears the cookie, audits once, and needs the CSRF token', async () => {
      const s = await t.login(w.users.streetStaff.username);
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } }), 403, 'CSRF_FAILED');
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrf.length) } }), 403, 'CSRF_FAILED');
      const before = await lastAuditId(t);
      const r = await s.post('/api/v1/auth/logout');
      expect(r.statusCode).toBe(204);
      expect(r.body).toBe('');
      expect(String(r.headers['set-cookie'])).toMatch(/^gz_sid=; .*Expires=Thu, 01 Jan 1970/);
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'auth.logout', actor_id: w.users.streetStaff.id, entity_id: String(w.users.streetStaff.id), outcome: 'success' });
      expectError(await s.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectError(await s.post('/api/v1/auth/logout'), 401, 'UNAUTHENTICATED');
    });

    it('logout without a session is 401', async () => {
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('session lifetime', () => {
    it('ends after the idle timeout (30 minutes by default)', async () => {
      const u = await freshUser();
      const s = await t.login(u.username);
      await owner.query(`UPDATE user_session SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1`, [u.id]);
      clearSessionCache();
      expect((await s.get('/api/v1/auth/me')).statusCode).toBe(200);

      await owner.query(`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [u.id]);
      clearSessionCache();
      const r = await s.get('/api/v1/auth/me', { 'accept-language': 'en' });
      expect(expectError(r, 401, 'UNAUTHENTICATED').message).toMatch(/expired/);
      expect((await owner.query('SELECT count(*)::int AS n FROM user_session WHERE user_id = $1', [u.id])).rows[0].n).toBe(0);
    });

    it('honours a configured idle timeout', async () => {
      const t2 = await createTestApp({ session: { idleMinutes: 5, absoluteHours: 12 } });
      try {
        const u = await t2.user('sysAdmin', 'CN', 'idle_admin');
        const s = await t2.login(u.username);
        const o = await ownerClient(t2.dbUrl);
        try {
          await o.query(`UPDATE user_session SET last_seen_at = now() - interval '6 minutes'`);
        } finally {
          await o.end();
        }
        t2.deps.bus.emitLocal('session', 'all');
        expectError(await s.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      } finally {
        await t2.close();
      }
    });

    it('ends at the absolute lifetime however active the session is', async () => {
      const u = await freshUser();
      const s = await t.login(u.username);
      await owner.query(`UPDATE user_session SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1`, [u.id]);
      clearSessionCache();
      expectError(await s.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expect((await owner.query('SELECT count(*)::int AS n FROM user_session WHERE user_id = $1', [u.id])).rows[0].n).toBe(0);
    });

    it('sets expires_at to the absolute lifetime (12 h) at login', async () => {
      const u = await freshUser();
      await t.login(u.username);
      const r = (await owner.query('SELECT extract(epoch FROM expires_at - created_at) AS s FROM user_session WHERE user_id = $1', [u.id])).rows[0];
      expect(Math.round(Number(r.s) / 60)).toBe(12 * 60);
    });
  });

  describe('password change', () => {
    it('changes the password, ends every session of the user and audits once', async () => {
      const u = await freshUser();
      const a = await t.login(u.username);
      const b = await t.login(u.username);
      const before = await lastAuditId(t);
      const r = await a.post('/api/v1/auth/password', { oldPassword: PASSWORD, newPassword: 'Fresh-pass-2026' });
      expect(r.statusCode).toBe(204);
      expect(String(r.headers['set-cookie'])).toMatch(/^gz_sid=;/);
      const rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'auth.password.change', actor_id: u.id, entity_id: String(u.id), outcome: 'success' });
      expect(JSON.stringify(rows[0].detail)).not.toContain('Fresh-pass-2026');
      expectError(await a.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectError(await b.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectError(await login(u.username, PASSWORD), 401, 'INVALID_CREDENTIALS');
      expect((await login(u.username, 'Fresh-pass-2026')).statusCode).toBe(200);
    });

    it('refuses a wrong old password, a short, common, same or username-bearing new one, naming the field', async () => {
      const u = await freshUser();
      const s = await t.login(u.username);
      const en = { 'accept-language': 'en' };
      const p = (oldPassword: string, newPassword: string) => s.post('/api/v1/auth/password', { oldPassword, newPassword }, en);
      expect(expectError(await p('Not-my-pass-1', 'Fresh-pass-2026'), 400, 'VALIDATION_FAILED', 'oldPassword').fields!.oldPassword).toMatch(/current password/);
      expect(expectError(await p(PASSWORD, 'Sh0rt!'), 400, 'VALIDATION_FAILED', 'newPassword').fields!.newPassword).toMatch(/at least 8/);
      expect(expectError(await p(PASSWORD, 'password123'), 400, 'VALIDATION_FAILED', 'newPassword').fields!.newPassword).toMatch(/too common/);
      expect(expectError(await p(PASSWORD, PASSWORD), 400, 'VALIDATION_FAILED', 'newPassword').fields!.newPassword).toMatch(/differ/);
      expect(expectError(await p(PASSWORD, `x-${u.username}-9`), 400, 'VALIDATION_FAILED', 'newPassword').fields!.newPassword).toMatch(/username/);
      expectError(await s.post('/api/v1/auth/password', { oldPassword: PASSWORD }), 400, 'VALIDATION_FAILED', 'newPassword');
      expectError(await s.post('/api/v1/auth/password', { oldPassword: PASSWORD, newPassword: 'Fresh-pass-2026', confirm: 'x' }), 400, 'VALIDATION_FAILED', 'confirm');
      // Nothing changed: the session still works and the old password still logs in.
      expect((await s.get('/api/v1/auth/me')).statusCode).toBe(200);
      expect((await login(u.username, PASSWORD)).statusCode).toBe(200);
    });

    it('needs a session and the CSRF token', async () => {
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { oldPassword: PASSWORD, newPassword: 'Fresh-pass-2026' } }), 401, 'UNAUTHENTICATED');
      const s = await t.login(w.users.gridWorker.username);
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: s.cookie }, payload: { oldPassword: PASSWORD, newPassword: 'Fresh-pass-2026' } }), 403, 'CSRF_FAILED');
    });
  });

  describe('must change password', () => {
    it('blocks everything but me/logout/password until the password is changed', async () => {
      const admin = await t.login(w.users.sysAdmin.username);
      const created = await admin.post('/api/v1/users', {
        username: 'must_change_1', displayName: '新人', role: 'gridWorker', orgId: w.gridA.id, password: 'Initial-pass-2026',
      });
      expect(created.statusCode).toBe(201);
      const r = await login('must_change_1', 'Initial-pass-2026');
      expect(r.statusCode).toBe(200);
      expect(r.json().user.mustChangePassword).toBe(true);
      const s = sessionOf(r);
      expectError(await s.get('/api/v1/orgs/roots'), 403, 'PASSWORD_CHANGE_REQUIRED');
      expectError(await s.get(`/api/v1/orgs/${w.gridA.id}`), 403, 'PASSWORD_CHANGE_REQUIRED');
      expectError(await s.post('/api/v1/auth/totp/setup'), 403, 'PASSWORD_CHANGE_REQUIRED');
      expect((await s.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
      // CSRF still applies to the allowed writes.
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: s.cookie }, payload: { oldPassword: 'Initial-pass-2026', newPassword: 'Second-pass-2026' } }), 403, 'CSRF_FAILED');
      expect((await s.post('/api/v1/auth/password', { oldPassword: 'Initial-pass-2026', newPassword: 'Second-pass-2026' })).statusCode).toBe(204);
      const again = await login('must_change_1', 'Second-pass-2026');
      expect(again.json().user.mustChangePassword).toBe(false);
      const roots = await sessionOf(again).get('/api/v1/orgs/roots');
      expect(roots.statusCode).toBe(200);
      expect(roots.json().items.map((o: { id: number }) => o.id)).toEqual([w.gridA.id]);
    });
  });

  describe('TOTP', () => {
    it('setup → enable → login needs the code; a used code is refused; disable needs the password', async () => {
      const u = await freshUser('streetStaff');
      const s = await t.login(u.username);

      expectError(await s.post('/api/v1/auth/totp/enable', { code: '123456' }), 400, 'TOTP_NOT_SET_UP');
      let before = await lastAuditId(t);
      const setup = await s.post('/api/v1/auth/totp/setup');
      expect(setup.statusCode).toBe(200);
      const { secret, otpauthUrl } = setup.json();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      expect(otpauthUrl).toContain(encodeURIComponent(u.username));
      const stored = (await owner.query('SELECT totp_secret_enc, totp_enabled FROM app_user WHERE id = $1', [u.id])).rows[0];
      expect(stored.totp_secret_enc).toMatch(/^v1:/);
      expect(stored.totp_secret_enc).not.toContain(secret);
      expect(stored.totp_enabled).toBe(false);
      let rows = await auditSince(t, before);
      expect(rows.map((r) => r.action)).toEqual(['auth.totp.setup']);
      expect(JSON.stringify(rows[0])).not.toContain(secret);

      // Wrong codes: bad shape is a schema error, a wrong number a field error.
      expectError(await s.post('/api/v1/auth/totp/enable', { code: '12345' }), 400, 'VALIDATION_FAILED', 'code');
      expectError(await s.post('/api/v1/auth/totp/enable', { code: 123456 }), 400, 'VALIDATION_FAILED');
      const now = Date.now();
      const current = totpCodeAt(secret, now);
      const wrong = String((Number(current) + 1) % 1_000_000).padStart(6, '0');
      if (![now - 30_000, now + 30_000].map((x) => totpCodeAt(secret, x)).includes(wrong))
        expectError(await s.post('/api/v1/auth/totp/enable', { code: wrong }), 400, 'VALIDATION_FAILED', 'code');

      before = await lastAuditId(t);
      expect((await s.post('/api/v1/auth/totp/enable', { code: current })).statusCode).toBe(204);
      expect((await auditSince(t, before)).map((r) => r.action)).toEqual(['auth.totp.enable']);
      expect((await s.get('/api/v1/auth/me')).json().user.totpEnabled).toBe(true);
      expectError(await s.post('/api/v1/auth/totp/setup'), 409, 'TOTP_ALREADY_ENABLED');
      expectError(await s.post('/api/v1/auth/totp/enable', { code: current }), 409, 'TOTP_ALREADY_ENABLED');

      // Password alone no longer logs in.
      expectError(await login(u.username, PASSWORD), 401, 'TOTP_REQUIRED');
      // The code that enabled TOTP is used up.
      expectError(await login(u.username, PASSWORD, { totpCode: current }), 401, 'TOTP_INVALID');
      // The next step's code works once…
      const next = totpCodeAt(secret, now + 30_000);
      before = await lastAuditId(t);
      const ok = await login(u.username, PASSWORD, { totpCode: next });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.totpEnabled).toBe(true);
      rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'auth.login', outcome: 'success' });
      expect(rows[0].detail).toMatchObject({ totp: true });
      // …and never again (replay).
      before = await lastAuditId(t);
      expectError(await login(u.username, PASSWORD, { totpCode: next }), 401, 'TOTP_INVALID');
      rows = await auditSince(t, before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'auth.login', outcome: 'failure' });
      expect(rows[0].detail).toMatchObject({ reason: 'bad_totp' });
      // A wrong password with a valid code is still just wrong credentials.
      expectError(await login(u.username, 'Wrong-pass-2026', { totpCode: totpCodeAt(secret, now + 30_000) }), 401, 'INVALID_CREDENTIALS');

      const s2 = sessionOf(ok);
      expectError(await s2.post('/api/v1/auth/totp/disable', { password: 'Wrong-pass-2026' }), 400, 'VALIDATION_FAILED', 'password');
      before = await lastAuditId(t);
      expect((await s2.post('/api/v1/auth/totp/disable', { password: PASSWORD })).statusCode).toBe(204);
      expect((await auditSince(t, before)).map((r) => r.action)).toEqual(['auth.totp.disable']);
      expect((await s2.get('/api/v1/auth/me')).json().user.totpEnabled).toBe(false);
      expect((await login(u.username, PASSWORD)).statusCode).toBe(200);
    });

    it('TOTP failures count toward the lockout', async () => {
      const u = await freshUser();
      const s = await t.login(u.username);
      const { secret } = (await s.post('/api/v1/auth/totp/setup')).json();
      expect((await s.post('/api/v1/auth/totp/enable', { code: totpCodeAt(secret, Date.now()) })).statusCode).toBe(204);
      for (let i = 0; i < 4; i++) expectError(await login(u.username, PASSWORD, { totpCode: '000000' }), 401, 'TOTP_INVALID');
      expectError(await login(u.username, PASSWORD, { totpCode: '000000' }), 423, 'ACCOUNT_LOCKED');
    });

    it('residents do not use TOTP; the routes need a session and the CSRF token', async () => {
      const r = await t.login(w.users.resident.username);
      expectError(await r.post('/api/v1/auth/totp/setup'), 403, 'FORBIDDEN');
      for (const p of ['setup', 'enable', 'disable']) {
        expectError(await t.app.inject({ method: 'POST', url: `/api/v1/auth/totp/${p}`, payload: {} }), 401, 'UNAUTHENTICATED');
        expectError(await t.app.inject({ method: 'POST', url: `/api/v1/auth/totp/${p}`, headers: { cookie: r.cookie }, payload: {} }), 403, 'CSRF_FAILED');
      }
      const g = await t.login(w.users.gridWorker.username);
      expectError(await g.post('/api/v1/auth/totp/enable', { code: '123456', extra: 1 }), 400, 'VALIDATION_FAILED', 'extra');
      expectError(await g.post('/api/v1/auth/totp/disable', {}), 400, 'VALIDATION_FAILED', 'password');
    });
  });

  describe('HTTP hardening', () => {
    it('sends security headers, CSP included, on successes and errors', async () => {
      for (const r of [await t.app.inject({ url: '/api/health' }), await t.app.inject({ url: '/api/v1/auth/me' }), await login('x', 'y')]) {
        const csp = String(r.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain("'unsafe-eval'");
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(r.headers['referrer-policy']).toBe('no-referrer');
        expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(r.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('unknown API routes answer 404 in the error shape', async () => {
      const s = await t.login(w.users.sysAdmin.username);
      expectError(await s.get('/api/v1/nope'), 404, 'NOT_FOUND');
      expectError(await s.get('/api/v1/orgs/1/nope'), 404, 'NOT_FOUND');
      expectError(await s.del('/api/v1/auth/me'), 404, 'NOT_FOUND');
      expectError(await s.post('/api/v1/nope', {}), 404, 'NOT_FOUND');
      // Without a session the answer may be 401 (when the built web app's static route catches the path) or 404.
      const anon = await t.app.inject({ url: '/api/v1/nope' });
      expectError(anon, anon.statusCode, anon.statusCode === 401 ? 'UNAUTHENTICATED' : 'NOT_FOUND');
      expect([401, 404]).toContain(anon.statusCode);
    });
  });
});

describe('等保 profile and secure cookies', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ passwordProfile: 'dengbao', secureCookies: true }); });
  afterAll(async () => { await t?.close(); });

  it('sets Secure cookies and HSTS', async () => {
    const u = await t.user('sysAdmin', 'CN', 'db_admin');
    const r = await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: u.username, password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/; Secure/);
    expect(String(r.headers['strict-transport-security'])).toMatch(/max-age=31536000/);
  });

  it('requires 10 characters from three classes', async () => {
    const u = await t.user('sysAdmin', 'CN', 'db_admin2');
    const s = await t.login(u.username);
    const p = (newPassword: string) => s.post('/api/v1/auth/password', { oldPassword: PASSWORD, newPassword }, { 'accept-language': 'en' });
    expect(expectError(await p('abcdefgh12'), 400, 'VALIDATION_FAILED', 'newPassword').fields!.newPassword).toMatch(/three of/);
    expect(expectError(await p('Abcdefg1!'), 400, 'VALIDATION_FAILED', 'newPassword').fields!.newPassword).toMatch(/at least 10/);
    expect((await p('Abcdefgh1!x')).statusCode).toBe(204);
  });

  it('applies the same rule when an admin creates an account', async () => {
    const u = await t.user('sysAdmin', 'CN', 'db_admin3');
    const s = await t.login(u.username);
    const p = await t.org(1, 'province', '62');
    const c = await t.org(p.id, 'city', '6209');
    const d = await t.org(c.id, 'district', '620902');
    const st = await t.org(d.id, 'street', '620902001');
    const body = { username: 'db_street', displayName: '街道', role: 'streetStaff', orgId: st.id };
    expectError(await s.post('/api/v1/users', { ...body, password: 'abcdefgh12' }), 400, 'VALIDATION_FAILED', 'password');
    expect((await s.post('/api/v1/users', { ...body, password: 'Abcdefgh1!x' })).statusCode).toBe(201);
  });

  it('forces a change once the password is older than 90 days', async () => {
    const u = await t.user('sysAdmin', 'CN', 'db_admin4');
    const o = await ownerClient(t.dbUrl);
    try {
      await o.query(`UPDATE app_user SET password_changed_at = now() - interval '91 days' WHERE id = $1`, [u.id]);
    } finally {
      await o.end();
    }
    const s = await t.login(u.username);
    expect((await s.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    expectError(await s.get('/api/v1/orgs/roots'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await s.post('/api/v1/auth/password', { oldPassword: PASSWORD, newPassword: 'Renewed-pass-2026' })).statusCode).toBe(204);
    const s2 = await t.login(u.username, 'Renewed-pass-2026');
    expect((await s2.get('/api/v1/orgs/roots')).statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ loginRateLimitPerMinute: 3 }); });
  afterAll(async () => { await t?.close(); });

  it('answers 429 RATE_LIMITED in the error shape after the per-minute budget', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'nobody', password: 'whatever-1' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const r = await t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'nobody', password: 'whatever-1' }, headers: { 'accept-language': 'en' } });
    expect(expectError(r, 429, 'RATE_LIMITED').message).toMatch(/Too many requests/);
    // Another client address has its own budget.
    const other = await t.app.inject({ method: 'POST', url: LOGIN, remoteAddress: '10.1.2.3', payload: { username: 'nobody', password: 'whatever-1' } });
    expect(other.statusCode).toBe(401);
  });
});

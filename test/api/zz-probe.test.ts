import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('probe', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t?.close(); });

  it('probes', async () => {
    console.log('restricted', t.handle.restrictedRole);
    const admin = await t.user('sysAdmin', 'CN');
    const auditor = await t.user('auditAdmin', 'CN');
    const s = await t.login(admin.username);
    const a = await t.login(auditor.username);
    const show = (name: string, r: any) => console.log(name, r.statusCode, r.body.slice(0, 300));
    show('nul login', await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a\u0000b', password: 'x' } }));
    show('nul search', await s.get('/api/v1/orgs?q=%00abc'));
    show('nul users', await s.get('/api/v1/users?q=%00abc'));
    show('leap', await a.get('/api/v1/audit?from=2016-12-31T23:59:60Z'));
    // show('leap export', await a.get('/api/v1/audit/export.xlsx?from=2016-12-31T23:59:60Z'));
    show('csrf latin1', await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'é'.repeat(s.csrf.length) } }));
    show('csrf nonascii', await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': '中'.repeat(s.csrf.length) } }));
    show('big parent', await s.post('/api/v1/orgs', { parentId: 1e20, level: 'province', code: '62', name: 'x' }));
    show('big orgid', await s.get('/api/v1/users?orgId=100000000000000000000'));
    show('orgs abc', await s.get('/api/v1/orgs/abc'));
    show('orgs 0', await s.get('/api/v1/orgs/0'));
    show('malformed', await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, payload: '{"a":' }));
    show('big body', await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(1100000) }) }));
    show('text', await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'text/plain' }, payload: 'hello' }));
    show('unknown', await s.post('/api/v1/orgs', { parentId: 1, level: 'province', code: '62', name: 'x', evil: 1 }, { 'accept-language': 'en' }));
    show('boundary', await s.post('/api/v1/orgs', { parentId: 1, level: 'province', code: '62', name: 'x', boundary: { type: 'Polygon', coordinates: [[[1, 2]]] } }, { 'accept-language': 'en' }));
    show('q array', await s.get('/api/v1/orgs?q=a&q=b'));
    show('dates', await a.get('/api/v1/audit?from=0000-01-01T00:00:00Z&to=9999-12-31T23:59:59Z'));
    show('dates2', await a.get('/api/v1/audit?from=2024-01-01T00:00:00+99:00'));
    show('page', await a.get('/api/v1/audit?page=100000&pageSize=200'));
    show('nul audit', await a.get('/api/v1/audit?actor=%00'));
    show('me', await s.get('/api/v1/auth/me'));
    show('no ct', await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } }));
    show('null body', await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, payload: 'null' }));
    show('empty body', await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, payload: '' }));
    show('patch min', await s.patch('/api/v1/orgs/1', {}));
    show('del root', await s.del('/api/v1/orgs/1'));
    show('bad cookie', await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'gz_sid=%%%' } }));
    show('proto', await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1},"parentId":1,"level":"province","code":"62","name":"x"}' }));
    show('import sp', await s.post('/api/v1/orgs/import-division', { code: '\u0000' }));
    console.log(Object.keys(t.app.swagger().paths as object));
    expect(1).toBe(1);
  });
});

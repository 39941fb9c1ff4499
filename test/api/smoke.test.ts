import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('health and auth smoke', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t?.close(); });

  it('health reports the database kind', async () => {
    const r = await t.app.inject({ url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
    expect(['embedded', 'external']).toContain(r.json().database);
  });

  it('a sysAdmin logs in and lists the root children', async () => {
    const admin = await t.user('sysAdmin', 'CN');
    const s = await t.login(admin.username);
    const p = await t.org(1, 'province', '62', '甘肃省');
    const r = await s.get('/api/v1/orgs/1/children');
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((o: { id: number }) => o.id)).toEqual([p.id]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, loginAll, type Account, type World } from './fixtures.js';
import { spec } from './route-specs/microprojects.js';

/**
 * The module's own route spec, on its own: its setup runs, every listed route answers its
 * role's base request without a 5xx, refusals are 403, and street B's staff open none of
 * the records (routes.test.ts and scope-sweep.test.ts run the same spec with every module).
 */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  await spec.setup!({ t, w, s });
}, 120_000);
afterAll(async () => { await t?.close(); });

const fill = (key: string) => { const [method, url] = key.split(' '); return { method, url: url.replace(':id', String(spec.id!(key, { t, w, s }) ?? 1)) }; };
const send = (who: Session, key: string, body?: unknown) => {
  const { method, url } = fill(key);
  if (method === 'GET') return who.get(url);
  if (method === 'PATCH') return who.patch(url, body ?? {});
  return who.post(url, body ?? {});
};

describe('micro-project route spec', () => {
  it('every route answers its base request without a server error', async () => {
    const base = spec.base!({ t, w, s });
    const seen: [string, number][] = [];
    for (const key of spec.known) {
      const r = await send(s[spec.who!(key)!], key, base[key]);
      seen.push([key, r.statusCode]);
      expect(r.statusCode, `${key}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
    }
    // Most routes get through to a success with the spec's records (not only refusals).
    expect(seen.filter(([, c]) => c < 300).length).toBeGreaterThan(spec.known.length * 0.7);
  });

  it('the listed refusals are 403 FORBIDDEN', async () => {
    const base = spec.base!({ t, w, s });
    for (const [key, who] of spec.forbidden!({ t, w, s })) {
      const r = await send(s[who], key, base[key]);
      expect(r.statusCode, `${key} as ${who}: ${r.body}`).toBe(403);
    }
  });

  it("street B's staff open none of street A's records", async () => {
    for (const key of spec.known.filter((k) => k.startsWith('GET') && k.includes(':id'))) {
      const r = await send(s.streetStaffB, key);
      expect([403, 404], `${key}: ${r.statusCode}`).toContain(r.statusCode);
    }
  });
});

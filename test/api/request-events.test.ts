import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, loginAll, type Account, type World } from './fixtures.js';

/**
 * The live board's stream (SSE, GET /api/v1/request-events) over a real socket: a change
 * reaches the staff whose scope holds the request and its reporter, and nobody else.
 */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let base = '';
let cat = 0;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  const c = await s.sysAdmin.post('/api/v1/request-categories', { code: 'light', name: '路灯不亮', resolveHours: 24 });
  expect(c.statusCode, c.body).toBe(201);
  cat = c.json().id;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => { await t?.close(); });

interface Stream { events: { id: number; status: string }[]; next(): Promise<{ id: number; status: string }>; close(): void; status: number; type: string }

/** Opens the stream with a session's cookie and collects its `data:` messages. */
function open(who: Session): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/request-events`, { headers: { cookie: who.cookie, accept: 'text/event-stream' } }, (res) => {
      const events: Stream['events'] = [];
      const waiters: ((e: Stream['events'][number]) => void)[] = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const e = JSON.parse(data.slice(6));
          events.push(e);
          waiters.shift()?.(e);
        }
      });
      let read = 0;
      resolve({
        events, status: res.statusCode ?? 0, type: String(res.headers['content-type']),
        next: () => new Promise((ok) => { if (read < events.length) ok(events[read++]); else waiters.push((e) => { read++; ok(e); }); }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

const submit = (who: Session, key: string, extra: Record<string, unknown> = {}) =>
  who.post('/api/v1/requests', { clientKey: key, kind: 'problem', categoryId: cat, description: '路灯不亮', ...extra });

describe('request events (SSE)', () => {
  it('tells the area\'s staff and the reporter, not another street; status changes follow', async () => {
    const [streetA, streetB, resident] = await Promise.all([open(s.streetStaff), open(s.streetStaffB), open(s.resident)]);
    try {
      expect(streetA.status).toBe(200);
      expect(streetA.type).toMatch(/^text\/event-stream/);
      // Opening a stream is not the same as being subscribed yet: give the handlers a moment by round-tripping one request.
      await s.streetStaff.get('/api/v1/requests?pageSize=1');

      const mine = await submit(s.resident, 'sse-key-0001');
      expect(mine.statusCode, mine.body).toBe(201);
      const id = mine.json().id;
      expect(await streetA.next()).toEqual({ id, status: 'submitted' });
      expect(await resident.next()).toEqual({ id, status: 'submitted' });

      // Street B's first message is its own request, so it never heard of street A's.
      const other = await submit(s.streetStaffB, 'sse-key-0002', { orgId: w.communityB.id });
      expect(other.statusCode, other.body).toBe(201);
      expect(await streetB.next()).toEqual({ id: other.json().id, status: 'submitted' });

      const acc = await s.communityWorker.post(`/api/v1/requests/${id}/accept`, { version: mine.json().version });
      expect(acc.statusCode, acc.body).toBe(200);
      expect(await streetA.next()).toEqual({ id, status: 'accepted' });
      expect(await resident.next()).toEqual({ id, status: 'accepted' });
      expect(streetB.events.map((e) => e.id)).not.toContain(id);
      expect(streetA.events.map((e) => e.id)).not.toContain(other.json().id);
      expect(resident.events.map((e) => e.id)).not.toContain(other.json().id);
    } finally {
      for (const x of [streetA, streetB, resident]) x.close();
    }
  });

  it('refuses a caller without a session', async () => {
    const r = await fetch(`${base}/api/v1/request-events`);
    expect(r.status).toBe(401);
  });
});

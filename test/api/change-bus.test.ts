import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';

/** Cross-instance cache invalidation: NOTIFY reaches the cache, and a lost listener never leaves it stale. */
describe('change bus', () => {
  let t: TestApp;
  let s: Session;
  let owner: pg.Client;
  const childCodes = async () => ((await s.get('/api/v1/orgs/1/children')).json().items as { code: string }[]).map((o) => o.code);
  // An org written by "another instance": straight into the table, no local emit.
  const insertElsewhere = (code: string) =>
    owner.query(`INSERT INTO org (parent_id, level, code, name, path) SELECT 1, 'province', $1::text, $1::text, '/1/' || nextval(pg_get_serial_sequence('org','id')) || '/'`, [code]);
  const listenerPid = async () =>
    (await owner.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN gongzhi%'`)).rows[0]?.pid as number | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login((await t.user('sysAdmin', 'CN')).username);
    owner = await ownerClient(t.dbUrl);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  it('serves the tree from cache until another instance NOTIFYs a change', async () => {
    expect(await childCodes()).toEqual([]);
    await insertElsewhere('11');
    expect(await childCodes()).toEqual([]); // cached
    await owner.query(`SELECT pg_notify('gongzhi_org', 'test')`);
    await expect.poll(childCodes).toEqual(['11']);
  });

  it('empties the caches when the listening connection is lost, and listens again', async () => {
    await insertElsewhere('12');
    expect(await childCodes()).toEqual(['11']); // cached, and no NOTIFY was sent
    const pid = await listenerPid();
    expect(pid).toBeTypeOf('number');
    await owner.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect.poll(childCodes).toEqual(['11', '12']);
    // A new listening connection replaces the terminated one.
    await expect.poll(async () => { const p = await listenerPid(); return typeof p === 'number' && p !== pid; }, { timeout: 10_000 }).toBe(true);
    await insertElsewhere('13');
    await owner.query(`SELECT pg_notify('gongzhi_org', 'test')`);
    await expect.poll(childCodes).toEqual(['11', '12', '13']);
  });
});

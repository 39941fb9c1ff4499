import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, loginAll, type Account, type World } from './fixtures.js';
import { balanceOf, givePoints, userRef } from './store-fixtures.js';
import { verifyLedger } from '../../src/modules/points/verify.js';

/**
 * 1,000 redemptions at once racing for 10 units of stock, through the HTTP pipeline against
 * the real PostgreSQL server: exactly 10 succeed, every other one is a clean 409, and the
 * points moved are exactly those of the 10.
 */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
const RESIDENTS = 20;
const shoppers: { id: number; session: Session }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t, ['communityWorker']);
  s = await loginAll(t, w);
  for (let i = 0; i < RESIDENTS; i++) {
    const u = await t.user('resident', w.communityA.code, `race_resident_${i}`);
    await givePoints(t, w.district, w.communityA, await userRef(t, u.id), 1000, `race-${i}`);
    shoppers.push({ id: u.id, session: await t.login(u.username) });
  }
});
afterAll(async () => { await t?.close(); });

describe('stock under a race', () => {
  it('1,000 concurrent redemptions for 10 items: exactly 10 succeed, the rest get 409 OUT_OF_STOCK', async () => {
    const d = await s.communityWorker.post('/api/v1/store/donors', { orgId: w.communityA.id, name: '抢购捐赠方', kind: 'enterprise' });
    const g = await s.communityWorker.post('/api/v1/store/donations', {
      donorId: d.json().id, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 7 }, name: '限量福袋', quantity: 10, unitValue: 10, receivedOn: '2026-12-01',
    });
    expect(g.statusCode, g.body).toBe(201);
    const itemId = g.json().itemId;
    const started = Date.now();
    const rs = await Promise.all(Array.from({ length: 1000 }, (_, i) =>
      shoppers[i % RESIDENTS].session.post('/api/v1/store/redemptions', { clientKey: `race-${i}-${started}`, itemId })));
    const codes = rs.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c !== 201 && c !== 409), JSON.stringify(rs.find((r) => r.statusCode !== 201 && r.statusCode !== 409)?.body)).toEqual([]);
    for (const r of rs.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('OUT_OF_STOCK');
    expect(Date.now() - started).toBeLessThan(60_000);
    const stock = await t.handle.db.selectFrom('store_item').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(stock.stock).toBe(0);
    const reserved = await t.handle.db.selectFrom('store_redemption').select(['user_id', 'points']).where('item_id', '=', itemId).execute();
    expect(reserved).toHaveLength(10);
    let spent = 0;
    for (const sh of shoppers) spent += 1000 - (await balanceOf(t, sh.id));
    expect(spent).toBe(70);
    const esc = await t.handle.db.selectFrom('point_account').select('balance').where('kind', '=', 'escrow').where('org_id', '=', w.communityA.id).executeTakeFirstOrThrow();
    expect(esc.balance).toBe(70);
    expect((await verifyLedger(t.handle.db)).problems).toEqual([]);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, loginAll, type Account, type World } from '../api/fixtures.js';
import { givePoints, userRef } from '../api/store-fixtures.js';
import { verifyLedger } from '../../src/modules/points/verify.js';

/**
 * The bank test of the love store, on a real PostgreSQL server: for GONGZHI_BANK_SECONDS
 * (default 30) many clients at once redeem, cancel, complete at the counter and earn points
 * at random, through the HTTP pipeline. A sampler checks, in one snapshot each time:
 *   - the points held by all non-issuer accounts equal the points issued (minus the issuers' balances);
 *   - no balance except an issuer's and no stock is ever below zero;
 *   - each store's escrow holds exactly the points of its open redemptions;
 *   - each item's stock plus its non-cancelled redemptions equals what it ever received.
 * At the end the ledger verification passes.
 */
const SECONDS = Number(process.env.GONGZHI_BANK_SECONDS || 30);
const CLIENTS = 16;
const RESIDENTS = 8; // per community

let t: TestApp;
let w: World;
let s: Record<Account, Session>;
const seed = Number(process.env.GONGZHI_BANK_SEED || Date.now() % 1_000_000);
let st = seed || 1;
const rand = () => { st = (st * 1103515245 + 12345) % 2147483648; return st / 2147483648; };
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

interface Shop { community: { id: number; path: string }; worker: Session; residents: { id: number; session: Session }[]; items: number[] }
const shops: Shop[] = [];
const open: { id: number; code: string; shop: Shop; resident: Session }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t, ['communityWorker']);
  s = await loginAll(t, w);
  const workerB = await t.login((await t.user('communityWorker', w.communityB.code, 'bank_worker_b')).username);
  for (const [community, worker] of [[w.communityA, s.communityWorker], [w.communityB, workerB]] as const) {
    const shop: Shop = { community, worker, residents: [], items: [] };
    for (let i = 0; i < RESIDENTS; i++) {
      const u = await t.user('resident', w[community === w.communityA ? 'communityA' : 'communityB'].code, `bank_${community.id}_${i}`);
      await givePoints(t, w.district, community, await userRef(t, u.id), 200, `bank-${community.id}-${i}`);
      shop.residents.push({ id: u.id, session: await t.login(u.username) });
    }
    const donor = (await worker.post('/api/v1/store/donors', { orgId: community.id, name: `银行测试捐赠方${community.id}`, kind: 'enterprise' })).json();
    for (let i = 0; i < 3; i++) {
      const g = await worker.post('/api/v1/store/donations', {
        donorId: donor.id, newItem: { orgId: community.id, kind: 'goods', pricePoints: 5 + i * 7 }, name: `捐赠品${i}`, quantity: 25, unitValue: 9.9, receivedOn: '2026-12-01',
      });
      expect(g.statusCode, g.body).toBe(201);
      shop.items.push(g.json().itemId);
    }
    const bought = await worker.post('/api/v1/store/items', { orgId: community.id, kind: 'service', name: '义剪', pricePoints: 3, stock: 40, perResidentLimit: 6 });
    expect(bought.statusCode, bought.body).toBe(201);
    shop.items.push(bought.json().id);
    shops.push(shop);
  }
});
afterAll(async () => { await t?.close(); });

interface Sample { issued: number; held: number; negatives: number; negativeStock: number; escrowGap: number; stockGap: number }

async function sample(): Promise<Sample> {
  return t.handle.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    const b = (await sql<{ issued: number; held: number; negatives: number }>`
      SELECT coalesce(-sum(balance) FILTER (WHERE kind = 'issuer'), 0)::int AS issued,
             coalesce(sum(balance) FILTER (WHERE kind <> 'issuer'), 0)::int AS held,
             count(*) FILTER (WHERE kind <> 'issuer' AND balance < 0)::int AS negatives
      FROM point_account`.execute(trx)).rows[0];
    const negativeStock = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM store_item WHERE stock < 0`.execute(trx)).rows[0].n;
    const escrowGap = (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM point_account a
      LEFT JOIN (SELECT org_id, sum(points) AS held FROM store_redemption WHERE status = 'reserved' GROUP BY org_id) r ON r.org_id = a.org_id
      WHERE a.kind = 'escrow' AND a.balance <> coalesce(r.held, 0)`.execute(trx)).rows[0].n;
    const stockGap = (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM store_item i
      LEFT JOIN (SELECT item_id, sum(quantity) AS q FROM store_donation GROUP BY item_id) d ON d.item_id = i.id
      LEFT JOIN (SELECT item_id, sum(quantity) AS q FROM store_redemption WHERE status <> 'cancelled' GROUP BY item_id) r ON r.item_id = i.id
      WHERE i.stock + coalesce(r.q, 0) <> coalesce(d.q, 0) + CASE WHEN i.donor_id IS NULL THEN 40 ELSE 0 END`.execute(trx)).rows[0].n;
    return { ...b, negativeStock, escrowGap, stockGap };
  });
}

describe('the love store as a bank', () => {
  it(`${CLIENTS} clients redeem, cancel, complete and earn at random for ${SECONDS} s: every sample balances, nothing goes negative, the ledger verifies`, async () => {
    const until = Date.now() + SECONDS * 1000;
    const failures: string[] = [];
    const counts: Record<string, number> = {};
    const note = (k: string) => { counts[k] = (counts[k] ?? 0) + 1; };
    let n = 0;

    async function client() {
      while (Date.now() < until && failures.length < 10) {
        const shop = pick(shops);
        const r = rand();
        if (r < 0.45) {
          const who = pick(shop.residents);
          const res = await who.session.post('/api/v1/store/redemptions', { clientKey: `bank-${seed}-${++n}`, itemId: pick(shop.items), quantity: 1 + Math.floor(rand() * 2) });
          if (res.statusCode === 201) { open.push({ id: res.json().id, code: res.json().pickupCode, shop, resident: who.session }); note('reserved'); }
          else if (res.statusCode === 409) note(res.json().error.code);
          else failures.push(`redeem ${res.statusCode} ${res.body}`);
        } else if (r < 0.6 && open.length) {
          const o = open.splice(Math.floor(rand() * open.length), 1)[0];
          const res = await (rand() < 0.5 ? o.resident : o.shop.worker).post(`/api/v1/store/redemptions/${o.id}/cancel`, { reason: '随机取消' });
          if (res.statusCode === 200) note('cancelled'); else failures.push(`cancel ${res.statusCode} ${res.body}`);
        } else if (r < 0.8 && open.length) {
          const o = open.splice(Math.floor(rand() * open.length), 1)[0];
          const res = await o.shop.worker.post(`/api/v1/store/redemptions/${o.id}/complete`, { pickupCode: o.code });
          if (res.statusCode === 200) note('completed'); else failures.push(`complete ${res.statusCode} ${res.body}`);
        } else {
          // Earn: the district issues to the pool and the pool awards a resident, through the ledger.
          const who = pick(shop.residents);
          await givePoints(t, w.district, shop.community, await userRef(t, who.id), 1 + Math.floor(rand() * 30), `bank-earn-${seed}-${++n}`);
          note('earned');
        }
      }
    }

    const samples: Sample[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push(await sample());
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    sampling = false;
    await sampler;
    samples.push(await sample());

    expect(failures, `seed ${seed}`).toEqual([]);
    expect(samples.length).toBeGreaterThanOrEqual(SECONDS);
    for (const x of samples) {
      expect(x.held, `seed ${seed}`).toBe(x.issued);
      expect(x).toMatchObject({ negatives: 0, negativeStock: 0, escrowGap: 0, stockGap: 0 });
    }
    // The run did all of it, and more than a little.
    for (const k of ['reserved', 'cancelled', 'completed', 'earned']) expect(counts[k] ?? 0, JSON.stringify(counts)).toBeGreaterThan(20);
    const report = await verifyLedger(t.handle.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.held).toBe(report.issued);
  });
});

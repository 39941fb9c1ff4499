import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { buildWorld, type World } from './fixtures.js';
import { systemCtx } from '../../src/core/context.js';
import { AppError } from '../../src/core/errors.js';
import { issuerAccount, poolAccount, post, reverse, volunteerAccount, escrowAccount, type Movement } from '../../src/modules/points/ledger.js';
import { verifyLedger } from '../../src/modules/points/verify.js';

/** The points ledger itself (src/modules/points/ledger.ts): balances, idempotency, corrections, verification, concurrency. */
let t: TestApp;
let w: World;
const acc = { issuer: 0, pool: 0, poolB: 0, alice: 0, bob: 0, escrow: 0 };

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t, ['communityWorker', 'resident', 'streetStaff']);
  const bob = await t.user('resident', w.communityA.code, 'bob_ledger');
  await t.handle.db.transaction().execute(async (trx) => {
    acc.issuer = (await issuerAccount(trx, w.district)).id;
    acc.pool = (await poolAccount(trx, w.communityA)).id;
    acc.poolB = (await poolAccount(trx, w.communityB)).id;
    acc.escrow = (await escrowAccount(trx, w.communityA)).id;
    acc.alice = (await volunteerAccount(trx, { id: w.users.resident.id, orgId: w.communityA.id, orgPath: w.communityA.path })).id;
    acc.bob = (await volunteerAccount(trx, { id: bob.id, orgId: w.communityA.id, orgPath: w.communityA.path })).id;
  });
});
afterAll(async () => { await t?.close(); });

const ctx = () => systemCtx(t.deps, 'test');
let n = 0;
const move = (m: Partial<Movement> & Pick<Movement, 'from' | 'to' | 'amount'>) => t.handle.db.transaction().execute((trx) => post(trx, ctx(), {
  idemKey: `k${++n}`, kind: 'award', orgId: w.communityA.id, orgPath: w.communityA.path, reason: '测试', ...m,
}));
const balance = async (id: number) => (await t.handle.db.selectFrom('point_account').select('balance').where('id', '=', id).executeTakeFirstOrThrow()).balance;
const code = async (p: Promise<unknown>) => { try { await p; return 'ok'; } catch (e) { return e instanceof AppError ? e.code : String(e); } };

describe('points ledger', () => {
  it('accounts are made once per owner and found again', async () => {
    const again = await t.handle.db.transaction().execute((trx) => poolAccount(trx, w.communityA));
    expect(again).toMatchObject({ id: acc.pool, kind: 'pool', orgId: w.communityA.id, orgPath: w.communityA.path, balance: 0 });
  });

  it('a movement debits one account, credits the other, and writes two lines that sum to zero', async () => {
    const r = await move({ kind: 'issue', from: acc.issuer, to: acc.pool, amount: 1000, orgId: w.district.id, orgPath: w.district.path });
    expect(r.created).toBe(true);
    expect([await balance(acc.issuer), await balance(acc.pool)]).toEqual([-1000, 1000]);
    const lines = await t.handle.db.selectFrom('point_entry').select(['account_id', 'amount', 'balance_after']).where('txn_id', '=', r.txnId).orderBy('amount').execute();
    expect(lines).toEqual([{ account_id: acc.issuer, amount: -1000, balance_after: -1000 }, { account_id: acc.pool, amount: 1000, balance_after: 1000 }]);
  });

  it('refuses to take a balance below zero, and refuses bad amounts, with nothing written', async () => {
    const before = await t.handle.db.selectFrom('point_txn').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await code(move({ from: acc.alice, to: acc.bob, amount: 1 }))).toBe('INSUFFICIENT_POINTS');
    expect(await code(move({ from: acc.pool, to: acc.alice, amount: 0 }))).toBe('VALIDATION_FAILED');
    expect(await code(move({ from: acc.pool, to: acc.alice, amount: 1.5 }))).toBe('VALIDATION_FAILED');
    expect(await code(move({ from: acc.pool, to: acc.pool, amount: 1 }))).toBe('SAME_ACCOUNT');
    expect(await code(move({ from: acc.pool, to: 999999, amount: 1 }))).toBe('NOT_FOUND');
    const after = await t.handle.db.selectFrom('point_txn').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('the same key twice moves once; the same key for another movement is a conflict', async () => {
    const a = await move({ idemKey: 'award:once', from: acc.pool, to: acc.alice, amount: 30 });
    const b = await move({ idemKey: 'award:once', from: acc.pool, to: acc.alice, amount: 30 });
    expect(b).toEqual({ txnId: a.txnId, created: false });
    expect(await code(move({ idemKey: 'award:once', from: acc.pool, to: acc.bob, amount: 30 }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balance(acc.alice)).toBe(30);
  });

  it('50 concurrent posts with one key debit once', async () => {
    const start = await balance(acc.pool);
    const results = await Promise.all(Array.from({ length: 50 }, () => move({ idemKey: 'award:race', from: acc.pool, to: acc.bob, amount: 7 })));
    expect(new Set(results.map((r) => r.txnId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(start - (await balance(acc.pool))).toBe(7);
  });

  it('a correction is a new movement the other way, once; corrections are not corrected; the tables refuse edits', async () => {
    const a = await move({ from: acc.pool, to: acc.alice, amount: 5 });
    const fix = () => t.handle.db.transaction().execute((trx) => reverse(trx, ctx(), a.txnId, { idemKey: `rev:${a.txnId}`, reason: '录错' }));
    const r = await fix();
    expect(r.created).toBe(true);
    expect(await fix()).toEqual({ txnId: r.txnId, created: false });
    expect(await code(t.handle.db.transaction().execute((trx) => reverse(trx, ctx(), a.txnId, { idemKey: 'rev:other', reason: '再冲' })))).toBe('ALREADY_REVERSED');
    expect(await code(t.handle.db.transaction().execute((trx) => reverse(trx, ctx(), r.txnId, { idemKey: 'rev:rev', reason: '冲正的冲正' })))).toBe('CANNOT_REVERSE_CORRECTION');
    const row = await t.handle.db.selectFrom('point_txn').selectAll().where('id', '=', r.txnId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'reverse', reverses_txn_id: a.txnId, debit_account_id: acc.alice, credit_account_id: acc.pool, amount: 5 });
    // The app role may not edit movements at all; even the tables' owner is stopped by their triggers.
    await expect(sql`UPDATE point_txn SET amount = 1 WHERE id = ${a.txnId}`.execute(t.handle.db)).rejects.toThrow(/permission denied/);
    await expect(sql`DELETE FROM point_entry WHERE txn_id = ${a.txnId}`.execute(t.handle.db)).rejects.toThrow(/permission denied/);
    const owner = await ownerClient(t.dbUrl);
    try {
      await expect(owner.query('UPDATE point_txn SET amount = 1 WHERE id = $1', [a.txnId])).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM point_entry WHERE txn_id = $1', [a.txnId])).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE point_entry, point_txn CASCADE')).rejects.toThrow(/append-only/);
      await expect(owner.query(`UPDATE point_account SET kind = 'store' WHERE id = $1`, [acc.alice])).rejects.toThrow(/permanent/);
      await expect(owner.query('DELETE FROM point_account WHERE id = $1', [acc.alice])).rejects.toThrow(/permanent/);
    } finally {
      await owner.end();
    }
  });

  it('random movements keep every invariant, and verification agrees (property)', async () => {
    const ids = [acc.pool, acc.alice, acc.bob, acc.escrow];
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ from: fc.constantFrom(...ids), to: fc.constantFrom(...ids), amount: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 25 }),
      async (ms) => {
        const held = async () => Number((await sql<{ s: string }>`SELECT sum(balance) AS s FROM point_account WHERE kind <> 'issuer'`.execute(t.handle.db)).rows[0].s);
        const issued = async () => -Number((await sql<{ s: string }>`SELECT sum(balance) AS s FROM point_account WHERE kind = 'issuer'`.execute(t.handle.db)).rows[0].s);
        for (const m of ms) {
          if (m.from === m.to) continue;
          const c = await code(move({ ...m, kind: 'award' }));
          expect(['ok', 'INSUFFICIENT_POINTS']).toContain(c);
        }
        expect(await held()).toBe(await issued());
        const negatives = await t.handle.db.selectFrom('point_account').select('id').where('kind', '<>', 'issuer').where('balance', '<', 0).execute();
        expect(negatives).toEqual([]);
      },
    ), { numRuns: 15 });
    const report = await verifyLedger(t.handle.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.issued).toBe(report.held);
  });

  it('many concurrent movements through one busy pool never overdraw it', async () => {
    const fresh = await t.handle.db.transaction().execute((trx) => poolAccount(trx, w.communityB));
    await move({ kind: 'issue', from: acc.issuer, to: fresh.id, amount: 100, orgId: w.district.id, orgPath: w.district.path });
    const results = await Promise.all(Array.from({ length: 60 }, () => code(move({ from: fresh.id, to: acc.bob, amount: 3, orgId: w.communityB.id, orgPath: w.communityB.path }))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(33);
    expect(results.filter((r) => r === 'INSUFFICIENT_POINTS')).toHaveLength(27);
    expect(await balance(fresh.id)).toBe(1);
  });

  it('verification finds a tampered balance and a line with a wrong running balance', async () => {
    // Tampering behind the ledger's back (the app role may set a balance column; only the ledger's lines count).
    await sql`UPDATE point_account SET balance = balance + 5 WHERE id = ${acc.alice}`.execute(t.handle.db);
    const bad = await verifyLedger(t.handle.db);
    expect(bad.ok).toBe(false);
    expect(bad.problems.join('\n')).toMatch(new RegExp(`account ${acc.alice} \\(volunteer\\): balance`));
    expect(bad.problems.join('\n')).toMatch(/all balances sum to 5/);
    await sql`UPDATE point_account SET balance = balance - 5 WHERE id = ${acc.alice}`.execute(t.handle.db);
    expect((await verifyLedger(t.handle.db)).ok).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, lastAuditId, auditSince, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { systemCtx } from '../../src/core/context.js';
import { escrowAccount, post, volunteerAccount } from '../../src/modules/points/ledger.js';

/** Points routes (积分): funding pools, awards, corrections, a resident's account, staff views, verification, scope. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let residentB: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  residentB = await t.user('resident', w.communityB.code, 'resident_b_points');
});
afterAll(async () => { await t?.close(); });

let k = 0;
const key = () => `points-key-${++k}-${Date.now()}`;
const issue = (who: Session, communityId: number, amount: number, clientKey = key()) =>
  who.post('/api/v1/points/issue', { communityId, amount, reason: '年度志愿积分下拨', clientKey });
const award = (who: Session, userId: number, amount: number, clientKey = key()) =>
  who.post('/api/v1/points/awards', { userId, amount, reason: '参与楼道清理', clientKey });

describe('points: funding, awards and corrections', () => {
  it('the street funds a community pool from the district issuer; a retry with the same key moves nothing', async () => {
    const before = await lastAuditId(t);
    const ck = key();
    const r = await issue(s.streetStaff, w.communityA.id, 1000, ck);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().txn).toMatchObject({ kind: 'issue', amount: 1000, orgId: w.communityA.id, from: { kind: 'issuer', name: '肃州区' }, to: { kind: 'pool', name: '富康社区' } });
    const again = await issue(s.streetStaff, w.communityA.id, 1000, ck);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, txn: { id: r.json().txn.id } });
    expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['points.issue']);
    const sum = (await s.streetStaff.get('/api/v1/points/summary')).json().items;
    expect(sum.find((x: { orgId: number }) => x.orgId === w.communityA.id)).toMatchObject({ pool: 1000, issued: 1000, paid: 0 });
  });

  it('only street staff fund pools, and only within their scope', async () => {
    expectError(await issue(s.communityWorker, w.communityA.id, 10), 403, 'FORBIDDEN');
    expectError(await issue(s.streetStaff, w.communityB.id, 10), 400, 'VALIDATION_FAILED', 'communityId');
    expectError(await issue(s.streetStaff, w.gridA.id, 10), 400, 'VALIDATION_FAILED', 'communityId');
    expectError(await s.streetStaff.post('/api/v1/points/issue', { communityId: w.communityA.id, amount: 0, reason: 'x1', clientKey: key() }), 400, 'VALIDATION_FAILED', 'amount');
  });

  it('an award pays a resident from their community pool; the pool cannot go below zero', async () => {
    const r = await award(s.communityWorker, w.users.resident.id, 50);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().txn).toMatchObject({ kind: 'award', amount: 50, from: { kind: 'pool' }, to: { kind: 'volunteer', name: expect.any(String) } });
    const me = (await s.resident.get('/api/v1/points/me')).json();
    expect(me).toMatchObject({ balance: 50, earned: 50, spent: 0, held: 0, total: 1 });
    expect(me.items[0]).toMatchObject({ kind: 'award', amount: 50, balanceAfter: 50, counterparty: '富康社区', reason: '参与楼道清理' });
    // Funding a pool of community B, then asking more than it holds.
    const streetBStaff = s.streetStaffB;
    expect((await issue(streetBStaff, w.communityB.id, 20)).statusCode).toBe(201);
    expectError(await s.streetStaffB.post('/api/v1/points/awards', { userId: residentB.id, amount: 21, reason: '超额奖励', clientKey: key() }), 409, 'INSUFFICIENT_POINTS');
    expect((await award(s.streetStaffB, residentB.id, 20)).statusCode).toBe(201);
  });

  it('awards go only to residents in scope, within the per-award limit', async () => {
    expectError(await award(s.communityWorker, residentB.id, 5), 400, 'VALIDATION_FAILED', 'userId');
    expectError(await award(s.communityWorker, w.users.gridWorker.id, 5), 400, 'VALIDATION_FAILED', 'userId');
    expectError(await award(s.communityWorker, w.users.resident.id, 501), 400, 'VALIDATION_FAILED', 'amount');
    expectError(await award(s.resident, w.users.resident.id, 5), 403, 'FORBIDDEN');
  });

  it('a correction reverses an award once, leaves both movements on record, and the resident sees it', async () => {
    const a = (await award(s.communityWorker, w.users.resident.id, 30)).json().txn;
    expect(a.actions).toEqual(['reverse']);
    const ck = key();
    const r = await s.communityWorker.post(`/api/v1/points/txns/${a.id}/reverse`, { reason: '重复奖励', clientKey: ck });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().txn).toMatchObject({ kind: 'reverse', amount: 30, reversesTxnId: a.id, from: { kind: 'volunteer' }, to: { kind: 'pool' } });
    expect((await s.communityWorker.post(`/api/v1/points/txns/${a.id}/reverse`, { reason: '重复奖励', clientKey: ck })).statusCode).toBe(200);
    expectError(await s.communityWorker.post(`/api/v1/points/txns/${a.id}/reverse`, { reason: '再冲', clientKey: key() }), 409, 'ALREADY_REVERSED');
    const list = (await s.communityWorker.get(`/api/v1/points/txns?kind=award`)).json().items;
    expect(list.find((x: { id: number }) => x.id === a.id)).toMatchObject({ reversedByTxnId: r.json().txn.id, actions: [] });
    const me = (await s.resident.get('/api/v1/points/me')).json();
    expect(me).toMatchObject({ balance: 50, earned: 50 });
  });

  it('a correction that would take a resident below zero is refused; redemption movements and corrections are not corrected', async () => {
    expectError(await award(s.streetStaffB, residentB.id, 1), 409, 'INSUFFICIENT_POINTS'); // pool B is empty now
    const first = (await s.streetStaffB.get('/api/v1/points/txns?kind=award')).json().items.at(-1);
    // Resident B reserves 15 of the 20 points at the store (as a redemption would).
    const hold = await t.handle.db.transaction().execute(async (trx) => {
      const from = await volunteerAccount(trx, { id: residentB.id, orgId: w.communityB.id, orgPath: w.communityB.path });
      const to = await escrowAccount(trx, w.communityB);
      return post(trx, systemCtx(t.deps, 'test'), { idemKey: 'test-hold-b', kind: 'hold', amount: 15, from: from.id, to: to.id, orgId: w.communityB.id, orgPath: w.communityB.path, reason: '兑换冻结', refType: 'redemption', refId: 1 });
    });
    expectError(await s.streetStaffB.post(`/api/v1/points/txns/${first.id}/reverse`, { reason: '纠错', clientKey: key() }), 409, 'INSUFFICIENT_POINTS');
    expectError(await s.streetStaffB.post(`/api/v1/points/txns/${hold.txnId}/reverse`, { reason: '纠错', clientKey: key() }), 409, 'NOT_CORRECTABLE');
    const meB = await t.login('resident_b_points');
    expect((await meB.get('/api/v1/points/me')).json()).toMatchObject({ balance: 5, earned: 20, held: 15, spent: 0 });
    const issued = (await s.streetStaffB.get('/api/v1/points/txns?kind=issue')).json().items[0];
    const r = await s.streetStaffB.post(`/api/v1/points/txns/${issued.id}/reverse`, { reason: '下拨有误', clientKey: key() });
    expectError(r, 409, 'INSUFFICIENT_POINTS'); // the pool paid it all out
    const back = await s.communityWorker.post(`/api/v1/points/txns/${(await s.communityWorker.get('/api/v1/points/txns?kind=reverse')).json().items[0].id}/reverse`, { reason: '冲正的冲正', clientKey: key() });
    expectError(back, 409, 'CANNOT_REVERSE_CORRECTION');
  });
});

describe('points: views, exports and verification', () => {
  it('accounts list with search and kind filter, a statement per account, Excel exports audited', async () => {
    const accs = (await s.communityWorker.get('/api/v1/points/accounts?kind=volunteer')).json();
    expect(accs.items.map((a: { ownerName: string }) => a.ownerName)).toHaveLength(1);
    expect(accs.items[0]).toMatchObject({ kind: 'volunteer', userId: w.users.resident.id, balance: 50, orgName: '富康社区' });
    const pools = (await s.communityWorker.get('/api/v1/points/accounts?kind=pool')).json().items;
    expect(pools.map((p: { orgName: string; balance: number }) => [p.orgName, p.balance])).toEqual([['富康社区', 950]]);
    expect((await s.communityWorker.get('/api/v1/points/accounts?q=不存在的人')).json().total).toBe(0);
    const st = (await s.communityWorker.get(`/api/v1/points/accounts/${accs.items[0].id}`)).json();
    expect(st.items.map((l: { kind: string; amount: number; balanceAfter: number }) => [l.kind, l.amount, l.balanceAfter])).toEqual([['reverse', -30, 50], ['award', 30, 80], ['award', 50, 50]]);
    const before = await lastAuditId(t);
    const x = await s.communityWorker.get('/api/v1/points/txns/export.xlsx');
    expect(x.statusCode).toBe(200);
    const sheet = await readXlsx(x);
    expect(sheet.header).toContain('流水号');
    expect(sheet.rows.length).toBe((await s.communityWorker.get('/api/v1/points/txns')).json().total);
    const xa = await s.communityWorker.get('/api/v1/points/accounts/export.xlsx?kind=pool');
    expect((await readXlsx(xa)).rows.map((r) => r['余额'])).toEqual([950]);
    expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['points.export', 'points.export']);
    expectError(await s.communityWorker.get('/api/v1/points/txns?from=2026-12-05&to=2026-12-01'), 400, 'VALIDATION_FAILED', 'to');
  });

  it('no list, statement, export or summary leaks across streets', async () => {
    const mine = (await s.streetStaffB.get('/api/v1/points/txns')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x: { orgId: number }) => x.orgId === w.communityB.id)).toBe(true);
    const a = (await s.communityWorker.get('/api/v1/points/accounts')).json().items;
    expect(a.every((x: { orgPath: string }) => x.orgPath.startsWith(w.communityA.path))).toBe(true);
    expectError(await s.streetStaffB.get(`/api/v1/points/accounts/${a[0].id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`/api/v1/points/txns?orgId=${w.communityA.id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`/api/v1/points/accounts/export.xlsx?orgId=${w.communityA.id}`), 404, 'NOT_FOUND');
    const x = await s.streetStaffB.get('/api/v1/points/txns/export.xlsx');
    const rowsB = (await readXlsx(x)).rows;
    expect(rowsB.length).toBeGreaterThan(0);
    expect(rowsB.every((r) => r['发生组织'] === '南苑社区')).toBe(true);
    const sum = (await s.streetStaffB.get('/api/v1/points/summary')).json().items;
    expect(sum.map((r: { orgName: string }) => r.orgName)).toEqual(['南苑社区']);
    const txnA = (await s.communityWorker.get('/api/v1/points/txns')).json().items[0];
    expectError(await s.streetStaffB.post(`/api/v1/points/txns/${txnA.id}/reverse`, { reason: '越权', clientKey: key() }), 404, 'NOT_FOUND');
  });

  it('when a community moves to another street, its accounts and movements move with it', async () => {
    const c = await s.sysAdmin.post('/api/v1/orgs', { parentId: w.streetA.id, level: 'community', code: '620902001009', name: '迁移社区' });
    expect(c.statusCode, c.body).toBe(201);
    const r = await issue(s.streetStaff, c.json().id, 40);
    expect(r.statusCode, r.body).toBe(201);
    const moved = await s.sysAdmin.patch(`/api/v1/orgs/${c.json().id}`, { parentId: w.streetB.id, code: '620902002009' });
    expect(moved.statusCode, moved.body).toBe(200);
    const seenB = (await s.streetStaffB.get(`/api/v1/points/txns?orgId=${c.json().id}`)).json();
    expect(seenB.items.map((x: { id: number }) => x.id)).toEqual([r.json().txn.id]);
    expect((await s.streetStaffB.get('/api/v1/points/accounts?kind=pool')).json().items.map((a: { orgName: string }) => a.orgName)).toContain('迁移社区');
    expect((await s.streetStaff.get('/api/v1/points/txns?kind=issue')).json().items.some((x: { id: number }) => x.id === r.json().txn.id)).toBe(false);
    expectError(await s.sysAdmin.del(`/api/v1/orgs/${c.json().id}`), 409, 'ORG_IN_USE');
    expect((await s.streetStaffB.post('/api/v1/points/verify', {})).json().ok).toBe(true);
  });

  it('verification passes and is audited; a resident with no account sees zeros', async () => {
    const before = await lastAuditId(t);
    const v = await s.streetStaff.post('/api/v1/points/verify', {});
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ ok: true, problems: [], issued: 1060, held: 1060 });
    expect(v.json().message).toMatch(/校验通过/);
    expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['points.verify']);
    const other = await t.login((await t.user('resident', w.communityA.code, 'resident_nopoints')).username);
    expect((await other.get('/api/v1/points/me')).json()).toMatchObject({ balance: 0, earned: 0, items: [], total: 0 });
  });

  it('residents registered under a grid count in their community: awards, summary; a second reversal says why', async () => {
    const gridResident = await t.user('resident', w.gridA.code, 'grid_resident_points');
    const a = await award(s.communityWorker, gridResident.id, 10);
    expect(a.statusCode, a.body).toBe(201);
    const row = (await s.communityWorker.get('/api/v1/points/summary')).json().items.find((x: { orgId: number }) => x.orgId === w.communityA.id);
    expect(row).toMatchObject({ volunteers: 2, volunteerPoints: 60 });
    // Reversed, then the points are gone: a second reversal is refused as already reversed, not for the balance.
    const ck = key();
    expect((await s.communityWorker.post(`/api/v1/points/txns/${a.json().txn.id}/reverse`, { reason: '录错', clientKey: ck })).statusCode).toBe(201);
    expectError(await s.streetStaff.post(`/api/v1/points/txns/${a.json().txn.id}/reverse`, { reason: '再冲', clientKey: key() }), 409, 'ALREADY_REVERSED');
    expect((await s.communityWorker.post(`/api/v1/points/txns/${a.json().txn.id}/reverse`, { reason: '录错', clientKey: ck })).statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { XLSX, buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { balanceOf, givePoints, userRef } from './store-fixtures.js';
import { verifyLedger } from '../../src/modules/points/verify.js';

/** Love store (爱心超市): donors, donations, items, redemptions, the counter, acknowledgements, scope. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let residentB: Session;
let residentBId = 0;
const P = '/api/v1/store';

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  const b = await t.user('resident', w.communityB.code, 'store_resident_b');
  residentBId = b.id;
  residentB = await t.login(b.username);
  await givePoints(t, w.district, w.communityA, await userRef(t, w.users.resident.id), 500, 'store-a');
  await givePoints(t, w.district, w.communityB, await userRef(t, b.id), 100, 'store-b');
});
afterAll(async () => { await t?.close(); });

let k = 0;
const key = () => `store-key-${++k}-${Date.now()}`;
async function donor(who = s.communityWorker, orgId = w.communityA.id, extra: Record<string, unknown> = {}) {
  const r = await who.post(`${P}/donors`, { orgId, name: `爱心企业${++k}`, kind: 'enterprise', contactName: '张三丰', contactPhone: '13912345678', ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
async function gift(donorId: number, extra: Record<string, unknown> = {}, who = s.communityWorker) {
  const r = await who.post(`${P}/donations`, {
    donorId, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 20 }, name: '食用油', quantity: 10, unitValue: 45.5, receivedOn: '2026-12-01', ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
const item = async (id: number) => (await s.communityWorker.get(`${P}/items/${id}`)).json();

describe('donors', () => {
  it('are registered with the contact encrypted and masked, listed in scope only, and revealed with a reason (audited)', async () => {
    const d = await donor();
    expect(d).toMatchObject({ kind: 'enterprise', contactName: '张*丰', contactPhone: '139****5678', orgName: '富康社区' });
    const row = await t.handle.db.selectFrom('store_donor').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.contact_phone_enc).not.toContain('13912345678');
    expect(row.contact_phone_hash).toBe(t.deps.cipher.lookupHash('13912345678'));
    const list = await s.streetStaff.get(`${P}/donors?q=${encodeURIComponent(d.name)}`);
    expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([d.id]);
    expect((await s.streetStaffB.get(`${P}/donors`)).json().items.map((x: { id: number }) => x.id)).not.toContain(d.id);
    expectError(await s.streetStaffB.get(`${P}/donors/${d.id}`), 404, 'NOT_FOUND');
    const before = await lastAuditId(t);
    const v = await s.streetStaff.post(`${P}/donors/${d.id}/reveal`, { field: 'contactPhone', reason: '回访捐赠方' });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().value).toBe('13912345678');
    expectError(await s.communityWorker.post(`${P}/donors/${d.id}/reveal`, { field: 'contactPhone', reason: '好奇' }), 403, 'FORBIDDEN');
    const audit = (await auditSince(t, before)).filter((a) => a.action === 'store.donor.reveal');
    expect(audit.map((a) => a.outcome)).toEqual(['success', 'denied']);
    expectError(await s.streetStaffB.post(`${P}/donors/${d.id}/reveal`, { field: 'contactPhone', reason: '越权' }), 404, 'NOT_FOUND');
  });

  it('refuse bad input naming the field, and an org outside scope or of the wrong level', async () => {
    expectError(await s.communityWorker.post(`${P}/donors`, { orgId: w.communityA.id, name: '坏', kind: 'bank' }), 400, 'VALIDATION_FAILED', 'kind');
    expectError(await s.communityWorker.post(`${P}/donors`, { orgId: w.communityA.id, name: ' ', kind: 'individual' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(await s.communityWorker.post(`${P}/donors`, { orgId: w.communityB.id, name: '越权', kind: 'individual' }), 404, 'NOT_FOUND');
    expectError(await s.communityWorker.post(`${P}/donors`, { orgId: w.gridA.id, name: '网格', kind: 'individual' }), 400, 'VALIDATION_FAILED', 'orgId');
    expect((await s.streetStaff.post(`${P}/donors`, { orgId: w.streetA.id, name: '街道爱心商会', kind: 'organization' })).statusCode).toBe(201);
  });

  it('are edited (audited without the contact values) and exported masked', async () => {
    const d = await donor();
    const before = await lastAuditId(t);
    const r = await s.communityWorker.patch(`${P}/donors/${d.id}`, { contactPhone: '13700001234', active: false });
    expect(r.json()).toMatchObject({ contactPhone: '137****1234', active: false });
    const a = (await auditSince(t, before)).find((x) => x.action === 'store.donor.update')!;
    expect(JSON.stringify(a.detail)).not.toContain('13700001234');
    expectError(await s.communityWorker.patch(`${P}/donors/${d.id}`, {}), 400, 'VALIDATION_FAILED');
    const x = await s.communityWorker.get(`${P}/donors/export.xlsx?q=${encodeURIComponent(d.name)}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const { header, rows } = await readXlsx(x);
    expect(header).toContain('联系人（脱敏）');
    expect(rows).toHaveLength(1);
    expect(String(rows[0]['联系人（脱敏）'])).toContain('137****1234');
    expect(JSON.stringify(rows)).not.toContain('13700001234');
    const xb = await s.streetStaffB.get(`${P}/donors/export.xlsx`);
    expect(JSON.stringify((await readXlsx(xb)).rows)).not.toContain(d.name);
  });
});

describe('donations and items', () => {
  it('a donation creates an item with its stock; a second one adds to it and keeps the earlier expiry', async () => {
    const d = await donor();
    const g = await gift(d.id, { expiresOn: '2027-06-30' });
    expect(g).toMatchObject({ donorId: d.id, quantity: 10, unitValue: 45.5, totalValue: 455, receivedOn: '2026-12-01' });
    expect(await item(g.itemId)).toMatchObject({ stock: 10, donorId: d.id, donorName: d.name, expiresOn: '2027-06-30', pricePoints: 20, name: '食用油' });
    const g2 = await s.communityWorker.post(`${P}/donations`, { donorId: d.id, itemId: g.itemId, name: '食用油', quantity: 5, unitValue: 45.5, receivedOn: '2026-12-02', expiresOn: '2027-03-01' });
    expect(g2.statusCode, g2.body).toBe(201);
    expect(await item(g.itemId)).toMatchObject({ stock: 15, expiresOn: '2027-03-01' });
    const list = await s.communityWorker.get(`${P}/donations?donorId=${d.id}`);
    expect(list.json()).toMatchObject({ total: 2 });
    // Past the last page the total is still counted.
    expect((await s.communityWorker.get(`${P}/donations?donorId=${d.id}&page=3&pageSize=1`)).json()).toMatchObject({ items: [], total: 2, page: 3 });
    const x = await readXlsx(await s.communityWorker.get(`${P}/donations/export.xlsx?donorId=${d.id}`));
    expect(x.rows.map((r) => r['价值（元）']).sort()).toEqual([227.5, 455]);
    expect((await s.streetStaffB.get(`${P}/donations?donorId=${d.id}`)).json().total).toBe(0);
  });

  it('refuses a donation without exactly one item target, to another donor’s item, dated in the future, or out of scope — writing nothing', async () => {
    const d = await donor();
    const other = await donor();
    const g = await gift(other.id);
    const before = await item(g.itemId);
    const base = { donorId: d.id, name: '米', quantity: 1, unitValue: 1, receivedOn: '2026-12-01' };
    expectError(await s.communityWorker.post(`${P}/donations`, base), 400, 'VALIDATION_FAILED', 'itemId');
    expectError(await s.communityWorker.post(`${P}/donations`, { ...base, itemId: g.itemId }), 400, 'VALIDATION_FAILED', 'itemId');
    expectError(await s.communityWorker.post(`${P}/donations`, { ...base, itemId: g.itemId, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 1 } }), 400, 'VALIDATION_FAILED', 'newItem');
    expectError(await s.communityWorker.post(`${P}/donations`, { ...base, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 1 }, receivedOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'receivedOn');
    expectError(await s.communityWorker.post(`${P}/donations`, { ...base, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 0 } }), 400, 'VALIDATION_FAILED', 'newItem.pricePoints');
    expectError(await s.communityWorker.post(`${P}/donations`, { ...base, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 1 }, unitValue: 1.234 }), 400, 'VALIDATION_FAILED', 'unitValue');
    expectError(await s.streetStaffB.post(`${P}/donations`, { ...base, newItem: { orgId: w.communityB.id, kind: 'goods', pricePoints: 1 } }), 404, 'NOT_FOUND');
    expect((await item(g.itemId)).stock).toBe(before.stock);
    expect((await s.communityWorker.get(`${P}/donations?donorId=${d.id}`)).json().total).toBe(0);
  });

  it('items bought by the community: created, edited with a version check, restocked and written off; never below zero', async () => {
    const r = await s.communityWorker.post(`${P}/items`, { orgId: w.communityA.id, kind: 'service', name: '义务理发', pricePoints: 5, stock: 3 });
    expect(r.statusCode, r.body).toBe(201);
    const it0 = r.json();
    expect(it0).toMatchObject({ stock: 3, donorId: null, actions: ['update', 'stock', 'redeem'] });
    const u = await s.communityWorker.patch(`${P}/items/${it0.id}`, { pricePoints: 8, version: it0.version });
    expect(u.json()).toMatchObject({ pricePoints: 8, version: it0.version + 1 });
    expectError(await s.communityWorker.patch(`${P}/items/${it0.id}`, { pricePoints: 9, version: it0.version }), 409, 'VERSION_CONFLICT');
    expect((await s.communityWorker.post(`${P}/items/${it0.id}/stock`, { delta: 2, reason: '采购' })).json().stock).toBe(5);
    expectError(await s.communityWorker.post(`${P}/items/${it0.id}/stock`, { delta: -6, reason: '报损' }), 409, 'OUT_OF_STOCK');
    expect((await s.communityWorker.post(`${P}/items/${it0.id}/stock`, { delta: -5, reason: '报损' })).json().stock).toBe(0);
    expectError(await s.communityWorker.post(`${P}/items/${it0.id}/stock`, { delta: 0, reason: '无' }), 400, 'VALIDATION_FAILED', 'delta');
    expectError(await s.streetStaff.post(`${P}/items`, { orgId: w.streetA.id, kind: 'goods', name: '街道', pricePoints: 1 }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post(`${P}/items`, { orgId: w.communityA.id, kind: 'goods', name: '坏日期', pricePoints: 1, expiresOn: '2026-13-01' }), 400, 'VALIDATION_FAILED', 'expiresOn');
    // The database itself refuses negative stock, whoever writes.
    await expect(t.handle.db.updateTable('store_item').set({ stock: -1 }).where('id', '=', it0.id).execute()).rejects.toThrow(/check/i);
    // Donated stock grows only by donations.
    const g = await gift((await donor()).id);
    expectError(await s.communityWorker.post(`${P}/items/${g.itemId}/stock`, { delta: 1, reason: '采购' }), 400, 'VALIDATION_FAILED', 'delta');
  });

  it('a resident sees only the active items of their own community; staff only their scope; exports follow', async () => {
    const g = await gift((await donor()).id, { name: '社区A专属' });
    const off = await gift((await donor()).id, { name: '下架商品' });
    await s.communityWorker.patch(`${P}/items/${off.itemId}`, { active: false });
    const mine = (await s.resident.get(`${P}/items?pageSize=200`)).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(g.itemId);
    expect(mine.items.map((x: { id: number }) => x.id)).not.toContain(off.itemId);
    expect((await residentB.get(`${P}/items?pageSize=200`)).json().items.map((x: { id: number }) => x.id)).not.toContain(g.itemId);
    expectError(await residentB.get(`${P}/items/${g.itemId}`), 404, 'NOT_FOUND');
    expectError(await s.resident.get(`${P}/items/${off.itemId}`), 404, 'NOT_FOUND');
    expectError(await s.resident.get(`${P}/items?orgId=${w.communityB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaffB.get(`${P}/items/${g.itemId}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.patch(`${P}/items/${g.itemId}`, { active: false }), 404, 'NOT_FOUND');
    const x = await readXlsx(await s.communityWorker.get(`${P}/items/export.xlsx?q=${encodeURIComponent('社区A专属')}`));
    expect(x.rows).toHaveLength(1);
    expect(x.rows[0]).toMatchObject({ 名称: '社区A专属', 库存: 10, 状态: '在售' });
    expect((await readXlsx(await s.streetStaffB.get(`${P}/items/export.xlsx`))).rows.map((r) => r['名称'])).not.toContain('社区A专属');
    const en = await readXlsx(await s.communityWorker.get(`${P}/items/export.xlsx?q=${encodeURIComponent('社区A专属')}`, { 'accept-language': 'en' }));
    expect(en.header).toContain('Stock');
  });
});

describe('redemption', () => {
  it('reserves stock and points in one go, gives a pickup code, and is completed at the counter with it (points to the donor)', async () => {
    const d = await donor();
    const g = await gift(d.id);
    const bal = await balanceOf(t, w.users.resident.id);
    const ck = key();
    const r = await s.resident.post(`${P}/redemptions`, { clientKey: ck, itemId: g.itemId, quantity: 2 });
    expect(r.statusCode, r.body).toBe(201);
    const red = r.json();
    expect(red).toMatchObject({ status: 'reserved', quantity: 2, points: 40, channel: 'app', actions: ['cancel'] });
    expect(red.pickupCode).toMatch(/^\d{8}$/);
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal - 40);
    expect((await item(g.itemId)).stock).toBe(8);
    // A retry with the same key is the same redemption and moves nothing.
    const again = await s.resident.post(`${P}/redemptions`, { clientKey: ck, itemId: g.itemId, quantity: 2 });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(red.id);
    expectError(await s.resident.post(`${P}/redemptions`, { clientKey: ck, itemId: g.itemId, quantity: 1 }), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal - 40);
    // Staff see the redemption but not its code; the counter finds it by the code.
    const staffView = (await s.communityWorker.get(`${P}/redemptions/${red.id}`)).json();
    expect(staffView).toMatchObject({ pickupCode: null, residentName: expect.stringContaining('*'), actions: ['complete', 'cancel'] });
    const found = await s.communityWorker.get(`${P}/counter?code=${red.pickupCode}`);
    expect(found.json().items.map((x: { id: number }) => x.id)).toEqual([red.id]);
    expect((await s.streetStaffB.get(`${P}/counter?code=${red.pickupCode}`)).json().items).toEqual([]);
    expectError(await s.resident.get(`${P}/counter?code=${red.pickupCode}`), 403, 'FORBIDDEN');
    expectError(await s.communityWorker.get(`${P}/counter?code=12ab`), 400, 'VALIDATION_FAILED', 'code');
    const wrong = red.pickupCode === '00000000' ? '00000001' : '00000000';
    expectError(await s.communityWorker.post(`${P}/redemptions/${red.id}/complete`, { pickupCode: wrong }), 400, 'VALIDATION_FAILED', 'pickupCode');
    expectError(await s.streetStaffB.post(`${P}/redemptions/${red.id}/complete`, { pickupCode: red.pickupCode }), 404, 'NOT_FOUND');
    const done = await s.communityWorker.post(`${P}/redemptions/${red.id}/complete`, { pickupCode: red.pickupCode });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', actions: [] });
    expect(done.json().completedAt).toBeTruthy();
    expectError(await s.communityWorker.post(`${P}/redemptions/${red.id}/complete`, { pickupCode: red.pickupCode }), 409, 'REDEMPTION_NOT_OPEN');
    expectError(await s.resident.post(`${P}/redemptions/${red.id}/cancel`, {}), 409, 'REDEMPTION_NOT_OPEN');
    const acc = await t.handle.db.selectFrom('point_account').select('balance').where('kind', '=', 'donor').where('donor_id', '=', d.id).executeTakeFirstOrThrow();
    expect(acc.balance).toBe(40);
    // What the donor's gift did.
    const ack = (await s.communityWorker.get(`${P}/donors/${d.id}/acknowledgement`)).json();
    expect(ack.totals).toEqual({ given: 10, value: 455, redeemed: 2, residents: 1, points: 40 });
    expect(ack.recent[0]).toMatchObject({ id: red.id, quantity: 2, points: 40, residentName: expect.stringContaining('*') });
    const ax = await readXlsx(await s.communityWorker.get(`${P}/donors/${d.id}/acknowledgement.xlsx`));
    expect(ax.rows).toHaveLength(1);
    expectError(await s.streetStaffB.get(`${P}/donors/${d.id}/acknowledgement`), 404, 'NOT_FOUND');
    expect((await verifyLedger(t.handle.db)).problems).toEqual([]);
  });

  it('cancelling returns both the stock and the points, once; the resident cancels only their own', async () => {
    const g = await gift((await donor()).id);
    const bal = await balanceOf(t, w.users.resident.id);
    const red = (await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId })).json();
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal - 20);
    expectError(await residentB.post(`${P}/redemptions/${red.id}/cancel`, {}), 404, 'NOT_FOUND');
    const c = await s.resident.post(`${P}/redemptions/${red.id}/cancel`, { reason: '不需要了' });
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '不需要了', pickupCode: null });
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal);
    expect((await item(g.itemId)).stock).toBe(10);
    expectError(await s.resident.post(`${P}/redemptions/${red.id}/cancel`, {}), 409, 'REDEMPTION_NOT_OPEN');
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal);
    // Their own list; staff lists filter by status; the export carries no code.
    const mine = (await s.resident.get(`${P}/redemptions?status=cancelled`)).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(red.id);
    expect((await residentB.get(`${P}/redemptions`)).json().items.map((x: { id: number }) => x.id)).not.toContain(red.id);
    expectError(await s.resident.get(`${P}/redemptions?userId=${residentBId}`), 400, 'VALIDATION_FAILED', 'userId');
    const x = await readXlsx(await s.communityWorker.get(`${P}/redemptions/export.xlsx?itemId=${g.itemId}`));
    expect(x.rows).toHaveLength(1);
    expect(x.rows[0]).toMatchObject({ 状态: '已取消', 渠道: '线上' });
    expect((await readXlsx(await s.streetStaffB.get(`${P}/redemptions/export.xlsx?itemId=${g.itemId}`))).rows).toHaveLength(0);
  });

  it('refuses without enough points, stock, within the limit or after expiry — and then nothing was written', async () => {
    const g = await gift((await donor()).id, { quantity: 3 }, s.communityWorker);
    await s.communityWorker.patch(`${P}/items/${g.itemId}`, { pricePoints: 1000 });
    const count = async () => (await t.handle.db.selectFrom('store_redemption').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const n0 = await count();
    const bal = await balanceOf(t, w.users.resident.id);
    const e = expectError(await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId }), 409, 'INSUFFICIENT_POINTS');
    expect(e.message).toContain(String(bal));
    expect((await item(g.itemId)).stock).toBe(3);
    expect(await count()).toBe(n0);
    await s.communityWorker.patch(`${P}/items/${g.itemId}`, { pricePoints: 1, perResidentLimit: 2 });
    expectError(await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId, quantity: 4 }), 409, 'OUT_OF_STOCK');
    expect((await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId, quantity: 2 })).statusCode).toBe(201);
    expectError(await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId }), 409, 'LIMIT_REACHED');
    expect((await item(g.itemId)).stock).toBe(1);
    await s.communityWorker.patch(`${P}/items/${g.itemId}`, { perResidentLimit: null, expiresOn: '2026-01-01' });
    expectError(await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId }), 409, 'ITEM_EXPIRED');
    expectError(await residentB.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId }), 404, 'NOT_FOUND');
    expectError(await s.resident.post(`${P}/redemptions`, { clientKey: 'short', itemId: g.itemId }), 400, 'VALIDATION_FAILED', 'clientKey');
    expectError(await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId, quantity: 0 }), 400, 'VALIDATION_FAILED', 'quantity');
    expectError(await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId, userId: residentBId }), 403, 'FORBIDDEN');
  });

  it('a worker records a counter redemption for a resident in scope, and sees its code; not for one outside it', async () => {
    const g = await gift((await donor()).id);
    const bal = await balanceOf(t, w.users.resident.id);
    const r = await s.communityWorker.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId, userId: w.users.resident.id });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ channel: 'counter', userId: w.users.resident.id, pickupCode: expect.stringMatching(/^\d{8}$/) });
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal - 20);
    expectError(await s.communityWorker.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId, userId: residentBId }), 404, 'NOT_FOUND');
    expectError(await s.communityWorker.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId, userId: w.users.gridWorker.id }), 400, 'VALIDATION_FAILED', 'userId');
    const done = await s.communityWorker.post(`${P}/redemptions/${r.json().id}/complete`, { pickupCode: r.json().pickupCode });
    expect(done.json().status).toBe('completed');
  });

  it('the sweep cancels reservations past their pickup time, returning stock and points', async () => {
    const g = await gift((await donor()).id);
    const bal = await balanceOf(t, w.users.resident.id);
    const old = (await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId })).json();
    const fresh = (await s.resident.post(`${P}/redemptions`, { clientKey: key(), itemId: g.itemId })).json();
    expect(Date.parse(old.dueAt) - Date.parse(old.createdAt)).toBeGreaterThan(6.9 * 86400_000);
    await t.handle.db.updateTable('store_redemption').set({ due_at: new Date(Date.now() - 1000) }).where('id', '=', old.id).execute();
    expectError(await s.resident.post(`${P}/redemptions/sweep`, {}), 403, 'FORBIDDEN');
    expect((await s.streetStaffB.post(`${P}/redemptions/sweep`, {})).json().cancelled).toBe(0);
    const r = await s.communityWorker.post(`${P}/redemptions/sweep`, {});
    expect(r.json()).toEqual({ cancelled: 1 });
    expect((await s.resident.get(`${P}/redemptions/${old.id}`)).json()).toMatchObject({ status: 'cancelled', cancelReason: '逾期未领取' });
    expect((await s.resident.get(`${P}/redemptions/${fresh.id}`)).json().status).toBe('reserved');
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal - 20);
    expect((await item(g.itemId)).stock).toBe(9);
  });

  it('the same redemption sent 50 times at once creates one redemption and debits once', async () => {
    const g = await gift((await donor()).id);
    const bal = await balanceOf(t, w.users.resident.id);
    const ck = key();
    const rs = await Promise.all(Array.from({ length: 50 }, () => s.resident.post(`${P}/redemptions`, { clientKey: ck, itemId: g.itemId })));
    expect(rs.map((r) => r.statusCode).sort((a, b) => a - b)).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
    expect(await balanceOf(t, w.users.resident.id)).toBe(bal - 20);
    expect((await item(g.itemId)).stock).toBe(9);
    const holds = await t.handle.db.selectFrom('point_txn').select('id').where('ref_type', '=', 'redemption').where('ref_id', '=', rs[0].json().id).execute();
    expect(holds).toHaveLength(1);
  });
});

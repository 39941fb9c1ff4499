import type { Transaction } from 'kysely';
import type { AuthedCtx, Ctx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { maskName } from '../../core/crypto.js';
import { errors } from '../../core/errors.js';
import { pathInScope } from '../../core/scope.js';
import type { DB } from '../../db/schema.js';
import { donorAccount, escrowAccount, post, storeAccount, volunteerAccount } from '../points/ledger.js';
import * as policy from './policy.js';
import * as repo from './repo.js';
import * as rr from './repo-redemptions.js';
import { presentRedemption } from './present.js';

/**
 * Redemption (兑换): reserve (stock and points held in one transaction, a pickup code given),
 * then complete at the counter or cancel (both returned in one transaction). Locks are taken
 * in one order everywhere — redemption row, item row, ledger accounts — so no two of these
 * operations can deadlock.
 */
export interface RedeemInput { clientKey: string; itemId: number; quantity?: number; userId?: number }

const notOpen = () => errors.conflict('REDEMPTION_NOT_OPEN', { zh: '该兑换已领取或已取消', en: 'This redemption has already been collected or cancelled' });
const outOfStock = (left: number) => errors.conflict('OUT_OF_STOCK', { zh: `库存不足（剩余 ${left}）`, en: `Out of stock (${left} left)` });

/** Who the redemption is for: the resident themself, or (counter) a resident in the worker's scope. */
async function shopperOf(ctx: AuthedCtx, b: RedeemInput) {
  if (b.userId === undefined) {
    if (!policy.isShopper(ctx.actor)) throw errors.forbidden();
    const a = ctx.actor;
    return { id: a.userId, orgId: a.orgId, orgPath: a.orgPath, name: a.displayName, scope: `user:${a.userId}`, channel: 'app' as const };
  }
  if (!policy.mayManageStores(ctx.actor)) throw errors.forbidden();
  const u = await repo.userById(ctx.deps.db, b.userId);
  if (!u || !pathInScope(ctx.actor, u.org_path)) throw errors.notFound('user');
  if (u.role !== 'resident' || u.status !== 'active') throw errors.field('userId', { zh: '须为在册的居民账号', en: 'must be an active resident account' });
  return { id: u.id, orgId: u.org_id, orgPath: u.org_path, name: u.display_name, scope: `counter:${ctx.actor.userId}`, channel: 'counter' as const };
}

/** The redemption this key already made (null: none), refusing the key for different content. */
async function existing(q: rr.Q, scope: string, b: RedeemInput, userId: number) {
  const e = await rr.byKey(q, scope, b.clientKey);
  if (!e) return null;
  if (e.item_id !== b.itemId || e.quantity !== (b.quantity ?? 1) || e.user_id !== userId) {
    throw errors.conflict('IDEMPOTENCY_KEY_REUSED', { zh: '该 clientKey 已用于另一笔兑换', en: 'This clientKey was used for a different redemption' });
  }
  return e.id;
}

export async function redeem(ctx: AuthedCtx, b: RedeemInput): Promise<{ created: boolean; redemption: ReturnType<typeof presentRedemption> }> {
  const who = await shopperOf(ctx, b);
  const quantity = b.quantity ?? 1;
  const item = await repo.itemById(ctx.deps.db, b.itemId);
  const sees = item && policy.storeServes(item.org_path, who.orgPath) && (who.channel === 'app' ? item.active : pathInScope(ctx.actor, item.org_path));
  if (!item || !sees) {
    // A retry may find its item taken off the shelf since: it still gets its redemption.
    const again = await existing(ctx.deps.db, who.scope, b, who.id);
    if (again) return { created: false, redemption: await getRedemption(ctx, again) };
    throw errors.notFound('storeItem');
  }
  const points = policy.redemptionPoints(item.price_points, quantity);
  const store = { id: item.org_id, path: item.org_path };
  const now = new Date();
  const row = {
    org_id: store.id, org_path: store.path, item_id: item.id, user_id: who.id, user_name_masked: maskName(who.name), quantity, points,
    status: 'reserved' as const, channel: who.channel, idem_scope: who.scope, client_key: b.clientKey, due_at: policy.pickupDueAt(now), created_by: ctx.actor.userId,
  };

  const r = await inTransaction(ctx, async (trx) => {
    let made: { id: number; created_at: Date } | null = null;
    let code = '';
    // The key decides first: a retry (even one racing the original) returns the original, whatever the shelf says now.
    // A pickup code taken by another open redemption of the store (1 in 10⁸ per open one) is drawn again.
    for (let attempt = 0; made === null && attempt < 5; attempt++) {
      code = policy.pickupCode();
      made = await rr.insertReserved(trx, { ...row, pickup_code: code });
      if (made === null) {
        const again = await existing(trx, who.scope, b, who.id);
        if (again) return { id: again, created: false as const };
      }
    }
    if (made === null) throw new Error('no free pickup code after 5 draws');
    const id = made.id;
    const refusal = policy.redeemRefusal(item, 0, quantity, now);
    if (refusal === 'inactive') throw errors.conflict('ITEM_INACTIVE', { zh: '该商品已下架', en: 'This item is no longer offered' });
    if (refusal === 'expired') throw errors.conflict('ITEM_EXPIRED', { zh: '该商品已过期，不能兑换', en: 'This item has expired and cannot be redeemed' });
    if (!(await repo.takeStock(trx, item.id, quantity))) {
      const left = await trx.selectFrom('store_item').select('stock').where('id', '=', item.id).executeTakeFirstOrThrow();
      throw outOfStock(left.stock);
    }
    // Counted under the item's row lock (just taken), so two racing redemptions cannot both pass the limit.
    if (item.per_resident_limit !== null && (await rr.heldBy(trx, item.id, who.id)) > item.per_resident_limit) {
      throw errors.conflict('LIMIT_REACHED', { zh: `每人限兑 ${item.per_resident_limit} 件`, en: `At most ${item.per_resident_limit} per resident` });
    }
    const from = await volunteerAccount(trx, { id: who.id, orgId: who.orgId, orgPath: who.orgPath });
    const to = await escrowAccount(trx, store);
    const hold = await post(trx, ctx, {
      idemKey: `hold:redemption:${id}`, kind: 'hold', amount: points, from: from.id, to: to.id, orgId: store.id, orgPath: store.path,
      reason: `爱心超市兑换 ${item.name} ×${quantity}`, refType: 'redemption', refId: id,
    });
    await rr.setHold(trx, id, hold.txnId);
    await recordAudit(trx, ctx, {
      action: 'store.redemption.reserve', entityType: 'redemption', entityId: id, orgPath: store.path,
      detail: { itemId: item.id, userId: who.id, quantity, points, channel: who.channel, holdTxnId: hold.txnId },
    });
    return { id, created: true as const, at: made.created_at, code };
  });
  if (!r.created) return { created: false, redemption: await getRedemption(ctx, r.id) };
  // Everything the answer shows was written just now: no need to read it back.
  return {
    created: true,
    redemption: presentRedemption(ctx.actor, {
      ...row, id: r.id, pickup_code: r.code, created_at: r.at, completed_at: null, cancelled_at: null, cancel_reason: null,
      item_name: item.name, item_kind: item.kind, donor_id: item.donor_id, org_name: item.org_name,
    }),
  };
}

/** A redemption the caller may see (staff by scope, a resident their own), else 404. */
export async function loadRedemption(ctx: AuthedCtx, id: number) {
  const r = await rr.byId(ctx.deps.db, id);
  const ok = r && (policy.canReadStore(ctx.actor) ? pathInScope(ctx.actor, r.org_path) : policy.isShopper(ctx.actor) && r.user_id === ctx.actor.userId);
  if (!ok) throw errors.notFound('redemption');
  return r;
}

export async function getRedemption(ctx: AuthedCtx, id: number) {
  return presentRedemption(ctx.actor, await loadRedemption(ctx, id));
}

/** Returns the stock and the points of a reserved redemption (row already locked by the caller). */
async function release(trx: Transaction<DB>, ctx: Ctx, row: NonNullable<Awaited<ReturnType<typeof rr.lockById>>>, reason: string | null) {
  await repo.addStock(trx, row.item_id, row.quantity);
  const user = await trx.selectFrom('app_user').select(['id', 'org_id', 'org_path']).where('id', '=', row.user_id).executeTakeFirstOrThrow();
  const store = { id: row.org_id, path: row.org_path };
  const from = await escrowAccount(trx, store);
  const to = await volunteerAccount(trx, { id: user.id, orgId: user.org_id, orgPath: user.org_path });
  const rel = await post(trx, ctx, {
    idemKey: `release:redemption:${row.id}`, kind: 'release', amount: row.points, from: from.id, to: to.id, orgId: store.id, orgPath: store.path,
    reason: reason ? `兑换取消：${reason}` : '兑换取消', refType: 'redemption', refId: row.id,
  });
  await rr.markCancelled(trx, row.id, ctx.actor?.userId ?? null, reason, rel.txnId);
  return rel.txnId;
}

export async function cancelRedemption(ctx: AuthedCtx, id: number, reason?: string | null) {
  const r = await loadRedemption(ctx, id);
  const target = { orgPath: r.org_path, userId: r.user_id, status: r.status };
  if (r.status !== 'reserved') throw notOpen();
  if (!policy.canCancel(ctx.actor, target)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const row = await rr.lockById(trx, id);
    if (!row || row.status !== 'reserved') throw notOpen();
    const txnId = await release(trx, ctx, row, reason?.trim() || null);
    await recordAudit(trx, ctx, { action: 'store.redemption.cancel', entityType: 'redemption', entityId: id, orgPath: r.org_path, detail: { reason: reason ?? null, releaseTxnId: txnId } });
  });
  return getRedemption(ctx, id);
}

/** The counter: the worker enters the resident's pickup code and hands the item over. */
export async function completeRedemption(ctx: AuthedCtx, id: number, pickupCode: string) {
  const r = await loadRedemption(ctx, id);
  if (!policy.canManageStore(ctx.actor, r.org_path)) throw errors.forbidden();
  if (r.status !== 'reserved') throw notOpen();
  await inTransaction(ctx, async (trx) => {
    const row = await rr.lockById(trx, id);
    if (!row || row.status !== 'reserved') throw notOpen();
    if (row.pickup_code !== pickupCode) throw errors.field('pickupCode', { zh: '取件码不正确', en: 'wrong pickup code' });
    const store = { id: row.org_id, path: row.org_path };
    const item = await trx.selectFrom('store_item').select(['donor_id']).where('id', '=', row.item_id).executeTakeFirstOrThrow();
    const donor = item.donor_id === null ? null
      : await trx.selectFrom('store_donor').select(['id', 'org_id', 'org_path']).where('id', '=', item.donor_id).executeTakeFirstOrThrow();
    const from = await escrowAccount(trx, store);
    const to = donor ? await donorAccount(trx, { id: donor.id, orgId: donor.org_id, orgPath: donor.org_path }) : await storeAccount(trx, store);
    const settle = await post(trx, ctx, {
      idemKey: `settle:redemption:${id}`, kind: 'settle', amount: row.points, from: from.id, to: to.id, orgId: store.id, orgPath: store.path,
      reason: '爱心超市兑换领取', refType: 'redemption', refId: id,
    });
    await rr.markCompleted(trx, id, ctx.actor.userId, settle.txnId);
    await recordAudit(trx, ctx, { action: 'store.redemption.complete', entityType: 'redemption', entityId: id, orgPath: r.org_path, detail: { settleTxnId: settle.txnId, donorId: donor?.id ?? null } });
  });
  return getRedemption(ctx, id);
}

/** The counter's lookup: the open redemptions in scope carrying this pickup code (one per store). */
export async function findByCode(ctx: AuthedCtx, code: string) {
  if (!policy.canReadStore(ctx.actor)) throw errors.forbidden();
  const rows = (await rr.listPage(ctx.deps.db, ctx.actor, true, { code, status: 'reserved' }, { page: 1, pageSize: 20 })).items;
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'store.counter.lookup', entityType: 'redemption', detail: { found: rows.map((r) => r.id) } }));
  return { items: rows.map((r) => ({ ...presentRedemption(ctx.actor, r), pickupCode: code })) };
}

/**
 * Reservations not collected by their due time are cancelled: stock and points go back.
 * Each one in its own transaction, so one failure does not hold back the rest.
 */
export async function sweepOverdue(ctx: Ctx, underPath: string | null, now = new Date(), limit = 500): Promise<{ cancelled: number }> {
  const due = await rr.overdueReserved(ctx.deps.db, now, underPath, limit);
  let cancelled = 0;
  for (const { id } of due) {
    const done = await inTransaction(ctx, async (trx) => {
      const row = await rr.lockById(trx, id);
      if (!row || row.status !== 'reserved' || new Date(row.due_at) >= now) return false;
      const txnId = await release(trx, ctx, row, '逾期未领取');
      await recordAudit(trx, ctx, { action: 'store.redemption.expire', entityType: 'redemption', entityId: id, orgPath: row.org_path, detail: { releaseTxnId: txnId } });
      return true;
    });
    if (done) cancelled++;
  }
  return { cancelled };
}

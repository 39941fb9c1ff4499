import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import type { StoreItemKind } from '../../db/schema-store.js';
import * as policy from './policy.js';
import * as repo from './repo.js';
import { orgForWrite, presentDonation, underPath } from './present.js';
import { loadDonor } from './service-donors.js';
import { exportRows } from './export.js';

/** Donations (捐赠记录): each one adds its quantity to a store item's stock, in the same transaction. */
export interface DonationInput {
  donorId: number; itemId?: number; newItem?: { orgId: number; kind: StoreItemKind; pricePoints: number; perResidentLimit?: number | null };
  name: string; description?: string | null; quantity: number; unitValue: number; expiresOn?: string | null; receivedOn: string;
}
export interface DonationListInput { q?: string; orgId?: number; donorId?: number; itemId?: number; from?: string; to?: string }

/** The earlier of two expiry dates (the stock on the shelf is as good as its oldest unit). */
export const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

export async function createDonation(ctx: AuthedCtx, b: DonationInput) {
  if (!policy.mayManageStores(ctx.actor)) throw errors.forbidden();
  if ((b.itemId === undefined) === (b.newItem === undefined)) {
    throw errors.field(b.itemId === undefined ? 'itemId' : 'newItem', { zh: '须指定已有商品 itemId 或新商品 newItem（二选一）', en: 'give either itemId or newItem' });
  }
  const donor = await loadDonor(ctx, b.donorId);
  if (!donor.active) throw errors.field('donorId', { zh: '捐赠方已停用', en: 'the donor is inactive' });
  const today = policy.chinaDay(new Date());
  if (b.receivedOn > today) throw errors.field('receivedOn', { zh: '不能晚于今天', en: 'cannot be in the future' });
  let store: { id: number; path: string };
  let item: repo.ItemRow | null = null;
  if (b.itemId !== undefined) {
    item = (await repo.itemById(ctx.deps.db, b.itemId)) ?? null;
    if (!item || !pathInScope(ctx.actor, item.org_path)) throw errors.notFound('storeItem');
    if (item.donor_id !== donor.id) throw errors.field('itemId', { zh: '该商品不是此捐赠方捐赠的，请新建商品', en: 'the item holds another donor’s gifts; create a new item' });
    store = { id: item.org_id, path: item.org_path };
  } else {
    const o = await orgForWrite(ctx, b.newItem!.orgId, ['community'], 'newItem.orgId');
    store = { id: o.id, path: o.path };
  }
  // A donor gives to its own community or street: the store must be at or under it.
  if (!store.path.startsWith(donor.org_path)) {
    throw errors.field(b.itemId !== undefined ? 'itemId' : 'newItem.orgId', { zh: '商品所在社区不在捐赠方的受赠范围内', en: 'the store is outside the area the donor gives to' });
  }
  if (!policy.canManageStore(ctx.actor, store.path)) throw errors.forbidden();
  const id = await inTransaction(ctx, async (trx) => {
    let itemId = item?.id;
    if (itemId === undefined) {
      const n = b.newItem!;
      const r = await trx.insertInto('store_item').values({
        org_id: store.id, org_path: store.path, kind: n.kind, name: b.name.trim(), description: b.description?.trim() || null, price_points: n.pricePoints,
        stock: b.quantity, expires_on: b.expiresOn ?? null, per_resident_limit: n.perResidentLimit ?? null, donor_id: donor.id, created_by: ctx.actor.userId,
      }).returning('id').executeTakeFirstOrThrow();
      itemId = r.id;
    } else {
      // Locks the item; an empty shelf takes the new expiry, otherwise the earlier date holds.
      const cur = await trx.selectFrom('store_item').select(['stock', 'expires_on']).where('id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
      const expires = cur.stock === 0 ? (b.expiresOn ?? null) : earlier(cur.expires_on, b.expiresOn ?? null);
      await trx.updateTable('store_item').set({ expires_on: expires }).where('id', '=', itemId).execute();
      await repo.addStock(trx, itemId, b.quantity);
    }
    const r = await trx.insertInto('store_donation').values({
      org_id: store.id, org_path: store.path, donor_id: donor.id, item_id: itemId, name: b.name.trim(), description: b.description?.trim() || null,
      quantity: b.quantity, unit_value: b.unitValue, expires_on: b.expiresOn ?? null, received_on: b.receivedOn, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'store.donation.create', entityType: 'donation', entityId: r.id, orgPath: store.path,
      detail: { donorId: donor.id, itemId, quantity: b.quantity, unitValue: b.unitValue, newItem: b.newItem !== undefined },
    });
    return r.id;
  });
  return presentDonation(await repo.donationById(ctx.deps.db, id));
}

async function filterOf(ctx: AuthedCtx, q: DonationListInput): Promise<repo.DonationFilter> {
  if (!policy.canReadStore(ctx.actor)) throw errors.forbidden();
  if (q.from && q.to && q.from > q.to) throw errors.field('to', { zh: '不能早于开始日期', en: 'must not be before from' });
  return { q: q.q?.trim() || undefined, donorId: q.donorId, itemId: q.itemId, from: q.from, to: q.to, underPath: await underPath(ctx, q.orgId) };
}

export async function listDonations(ctx: AuthedCtx, q: DonationListInput, page: PageQuery) {
  const r = await repo.listDonations(ctx.deps.db, ctx.actor, await filterOf(ctx, q), page);
  return paged(r.items.map(presentDonation), r.total, page);
}

export const DONATION_COLUMNS = (en: boolean) => [
  { header: en ? 'No.' : '编号', key: 'id', width: 10 }, { header: en ? 'Received' : '接收日期', key: 'receivedOn', width: 12 },
  { header: en ? 'Donor' : '捐赠方', key: 'donorName', width: 24 }, { header: en ? 'Gift' : '捐赠物品', key: 'name', width: 24 },
  { header: en ? 'Quantity' : '数量', key: 'quantity', width: 8 }, { header: en ? 'Unit value (yuan)' : '单价（元）', key: 'unitValue', width: 12 },
  { header: en ? 'Value (yuan)' : '价值（元）', key: 'totalValue', width: 12 }, { header: en ? 'Expires' : '有效期至', key: 'expiresOn', width: 12 },
  { header: en ? 'Store' : '所属社区', key: 'orgName', width: 18 }, { header: en ? 'Item' : '上架商品', key: 'itemName', width: 24 },
];

export async function* exportDonations(ctx: AuthedCtx, q: DonationListInput): AsyncIterable<Record<string, unknown>> {
  const f = await filterOf(ctx, q);
  yield* exportRows(ctx, (before, n) => repo.donationBatch(ctx.deps.db, ctx.actor, f, before, n), presentDonation,
    { action: 'store.donation.export', entityType: 'donation', detail: { filter: q } });
}

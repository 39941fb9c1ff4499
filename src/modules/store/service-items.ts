import { sql } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import type { StoreItemKind } from '../../db/schema-store.js';
import * as policy from './policy.js';
import * as repo from './repo.js';
import { orgForWrite, presentItem, underPath } from './present.js';
import { exportRows } from './export.js';

/** Store items (商品 / 互助服务): what a community's store offers, its price and stock. */
export interface ItemListInput { q?: string; orgId?: number; kind?: StoreItemKind; active?: boolean; donorId?: number; inStock?: boolean }
export interface ItemInput {
  name?: string; description?: string | null; pricePoints?: number; expiresOn?: string | null; perResidentLimit?: number | null; active?: boolean; version?: number;
}

/** Staff see the stores in their scope; a resident sees the active offer of their own community's store. */
async function filterOf(ctx: AuthedCtx, q: ItemListInput): Promise<{ f: repo.ItemFilter; staff: boolean }> {
  const f: repo.ItemFilter = { q: q.q?.trim() || undefined, kind: q.kind, active: q.active, donorId: q.donorId, inStock: q.inStock };
  if (policy.canReadStore(ctx.actor)) return { f: { ...f, underPath: await underPath(ctx, q.orgId) }, staff: true };
  if (!policy.isShopper(ctx.actor)) throw errors.forbidden();
  if (q.orgId || q.donorId) throw errors.field(q.orgId ? 'orgId' : 'donorId', { zh: '居民只能浏览本社区的爱心超市', en: 'residents browse their own community store only' });
  return { f: { ...f, active: true, paths: policy.ancestorPaths(ctx.actor.orgPath) }, staff: false };
}

export async function listItems(ctx: AuthedCtx, q: ItemListInput, page: PageQuery) {
  const { f, staff } = await filterOf(ctx, q);
  const r = await repo.listItems(ctx.deps.db, staff ? ctx.actor : null, f, page);
  return paged(r.items.map((x) => presentItem(ctx.actor, x)), r.total, page);
}

/** An item the caller may see, else 404. */
export async function loadItem(ctx: AuthedCtx, id: number) {
  const i = await repo.itemById(ctx.deps.db, id);
  const ok = i && (policy.canReadStore(ctx.actor) ? pathInScope(ctx.actor, i.org_path)
    : policy.isShopper(ctx.actor) && i.active && policy.storeServes(i.org_path, ctx.actor.orgPath));
  if (!ok) throw errors.notFound('storeItem');
  return i;
}

export async function getItem(ctx: AuthedCtx, id: number) {
  return presentItem(ctx.actor, await loadItem(ctx, id));
}

export async function createItem(ctx: AuthedCtx, b: ItemInput & { orgId: number; kind: StoreItemKind; name: string; pricePoints: number; stock?: number }) {
  if (!policy.mayManageStores(ctx.actor)) throw errors.forbidden();
  const org = await orgForWrite(ctx, b.orgId, ['community']);
  if (!policy.canManageStore(ctx.actor, org.path)) throw errors.forbidden();
  const id = await inTransaction(ctx, async (trx) => {
    const r = await trx.insertInto('store_item').values({
      org_id: org.id, org_path: org.path, kind: b.kind, name: b.name.trim(), description: b.description?.trim() || null, price_points: b.pricePoints,
      stock: b.stock ?? 0, expires_on: b.expiresOn ?? null, per_resident_limit: b.perResidentLimit ?? null, donor_id: null, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'store.item.create', entityType: 'storeItem', entityId: r.id, orgPath: org.path, detail: { name: b.name, pricePoints: b.pricePoints, stock: b.stock ?? 0 } });
    return r.id;
  });
  return getItem(ctx, id);
}

export async function updateItem(ctx: AuthedCtx, id: number, b: ItemInput) {
  const i = await loadItem(ctx, id);
  if (!policy.canManageStore(ctx.actor, i.org_path)) throw errors.forbidden();
  const { version, ...fields } = b;
  if (!Object.keys(fields).length) throw errors.field('body', { zh: '没有要修改的字段', en: 'nothing to change' });
  await inTransaction(ctx, async (trx) => {
    let q = trx.updateTable('store_item').set({
      ...(b.name !== undefined ? { name: b.name.trim() } : {}), ...(b.description !== undefined ? { description: b.description?.trim() || null } : {}),
      ...(b.pricePoints !== undefined ? { price_points: b.pricePoints } : {}), ...(b.expiresOn !== undefined ? { expires_on: b.expiresOn } : {}),
      ...(b.perResidentLimit !== undefined ? { per_resident_limit: b.perResidentLimit } : {}), ...(b.active !== undefined ? { active: b.active } : {}),
      version: sql`version + 1`, updated_at: new Date(),
    }).where('id', '=', id);
    if (version !== undefined) q = q.where('version', '=', version);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('VERSION_CONFLICT', { zh: '商品已被他人修改，请刷新后重试', en: 'The item was changed by someone else; reload and try again' });
    await recordAudit(trx, ctx, { action: 'store.item.update', entityType: 'storeItem', entityId: id, orgPath: i.org_path, detail: fields });
  });
  return getItem(ctx, id);
}

/** Goods the community bought (+) or wrote off (−). Open redemptions already hold their units, so a write-off never takes them. */
export async function adjustStock(ctx: AuthedCtx, id: number, b: { delta: number; reason: string }) {
  const i = await loadItem(ctx, id);
  if (!policy.canManageStore(ctx.actor, i.org_path)) throw errors.forbidden();
  if (b.delta > 0 && i.donor_id !== null) {
    throw errors.field('delta', { zh: '捐赠商品的库存随捐赠记录增加，请登记捐赠', en: 'donated stock grows by recording a donation' });
  }
  await inTransaction(ctx, async (trx) => {
    if (b.delta < 0 && !(await repo.takeStock(trx, id, -b.delta))) {
      throw errors.conflict('OUT_OF_STOCK', { zh: `库存不足，当前库存 ${i.stock}`, en: `Not enough stock; ${i.stock} left` }, { delta: { zh: `不能超过库存 ${i.stock}`, en: `at most the stock (${i.stock})` } });
    }
    const after = b.delta > 0 ? (await repo.addStock(trx, id, b.delta)).stock : null;
    await recordAudit(trx, ctx, { action: 'store.item.stock', entityType: 'storeItem', entityId: id, orgPath: i.org_path, detail: { delta: b.delta, reason: b.reason, stockAfter: after } });
  });
  return getItem(ctx, id);
}

export const ITEM_COLUMNS = (en: boolean) => [
  { header: en ? 'No.' : '编号', key: 'id', width: 10 }, { header: en ? 'Name' : '名称', key: 'name', width: 28 },
  { header: en ? 'Kind' : '类型', key: 'kind', width: 10 }, { header: en ? 'Store' : '所属社区', key: 'orgName', width: 18 },
  { header: en ? 'Points' : '所需积分', key: 'pricePoints', width: 10 }, { header: en ? 'Stock' : '库存', key: 'stock', width: 8 },
  { header: en ? 'Expires' : '有效期至', key: 'expiresOn', width: 12 }, { header: en ? 'Limit per resident' : '每人限兑', key: 'perResidentLimit', width: 10 },
  { header: en ? 'Donor' : '捐赠方', key: 'donorName', width: 22 }, { header: en ? 'Status' : '状态', key: 'state', width: 10 },
];

export async function* exportItems(ctx: AuthedCtx, q: ItemListInput): AsyncIterable<Record<string, unknown>> {
  if (!policy.canReadStore(ctx.actor)) throw errors.forbidden();
  const { f } = await filterOf(ctx, q);
  const en = ctx.meta.lang === 'en';
  yield* exportRows(ctx, (before, n) => repo.itemBatch(ctx.deps.db, ctx.actor, f, before, n), (r) => {
    const v = presentItem(ctx.actor, r);
    const state = !v.active ? (en ? 'off shelf' : '已下架') : v.expired ? (en ? 'expired' : '已过期') : (en ? 'on shelf' : '在售');
    return { ...v, kind: en ? v.kind : v.kind === 'goods' ? '物品' : '互助服务', donorName: v.donorName ?? (en ? '(bought by the community)' : '（社区采购）'), state };
  }, { action: 'store.item.export', entityType: 'storeItem', detail: { filter: q } });
}

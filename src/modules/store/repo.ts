import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { DonorKind, RedemptionStatus, StoreItemKind } from '../../db/schema-store.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';

/** SQL of the love store: donors, items, donations. Scope is applied in every read. */
export type Q = Database | Transaction<DB>;

registerOrgDependent({ table: 'store_donor', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '爱心超市捐赠方', en: 'store donors' } });
registerOrgDependent({ table: 'store_item', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '爱心超市商品', en: 'store items' } });
registerOrgDependent({ table: 'store_donation', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '爱心超市捐赠记录', en: 'store donations' } });
registerOrgDependent({ table: 'store_redemption', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '爱心超市兑换记录', en: 'store redemptions' } });

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);
const total = sql<number>`count(*) over()`.as('total');
const countAll = sql<number>`count(*)::int`.as('n');

/** A page whose rows carry `count(*) over()`, and its total (counted apart only past the last page). */
export async function pageOf<R extends { total: number }>(rows: Promise<R[]>, count: () => Promise<{ n: number } | undefined>, page: PageQuery) {
  const items = await rows;
  return { items, total: await pageTotal(items, page, async () => (await count())?.n ?? 0) };
}

// ── Orgs and users this module needs to know about ──
export function orgById(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'name', 'level', 'path']).where('id', '=', id).executeTakeFirst();
}
export function userById(db: Q, id: number) {
  return db.selectFrom('app_user').select(['id', 'display_name', 'role', 'org_id', 'org_path', 'status']).where('id', '=', id).executeTakeFirst();
}

// ── Donors ──
export interface DonorFilter { q?: string; underPath?: string; kind?: DonorKind; active?: boolean }
const donorCols = ['d.id', 'd.org_id', 'd.org_path', 'd.name', 'd.kind', 'd.contact_name_masked', 'd.contact_phone_masked', 'd.note', 'd.active', 'd.created_at', 'o.name as org_name'] as const;

function donorQuery(db: Q, actor: Actor, f: DonorFilter) {
  let q = db.selectFrom('store_donor as d').innerJoin('org as o', 'o.id', 'd.org_id').where(inScope(actor, 'd.org_path'));
  if (f.underPath) q = q.where('d.org_path', 'like', `${f.underPath}%`);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('d.active', '=', f.active);
  if (f.q) q = q.where('d.name', 'ilike', `%${escapeLike(f.q)}%`);
  return q;
}
export function listDonors(db: Q, actor: Actor, f: DonorFilter, page: PageQuery) {
  return pageOf(donorQuery(db, actor, f).select(donorCols).select(total).orderBy('d.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    () => donorQuery(db, actor, f).select(countAll).executeTakeFirst(), page);
}
export function donorBatch(db: Q, actor: Actor, f: DonorFilter, before: number | null, n: number) {
  let q = donorQuery(db, actor, f).select(donorCols);
  if (before !== null) q = q.where('d.id', '<', before);
  return q.orderBy('d.id', 'desc').limit(n).execute();
}
export function donorById(db: Q, id: number) {
  return db.selectFrom('store_donor as d').innerJoin('org as o', 'o.id', 'd.org_id').select(donorCols).where('d.id', '=', id).executeTakeFirst();
}
export type DonorRow = NonNullable<Awaited<ReturnType<typeof donorById>>>;
export function donorCiphertext(db: Q, id: number) {
  return db.selectFrom('store_donor').select(['contact_name_enc', 'contact_phone_enc']).where('id', '=', id).executeTakeFirstOrThrow();
}

// ── Items ──
export interface ItemFilter { q?: string; underPath?: string; paths?: string[]; kind?: StoreItemKind; active?: boolean; donorId?: number; inStock?: boolean }
const itemCols = ['i.id', 'i.org_id', 'i.org_path', 'i.kind', 'i.name', 'i.description', 'i.price_points', 'i.stock', 'i.expires_on', 'i.per_resident_limit',
  'i.active', 'i.donor_id', 'i.version', 'i.created_at', 'o.name as org_name', 'd.name as donor_name'] as const;

function itemQuery(db: Q, actor: Actor | null, f: ItemFilter) {
  let q = db.selectFrom('store_item as i').innerJoin('org as o', 'o.id', 'i.org_id').leftJoin('store_donor as d', 'd.id', 'i.donor_id');
  if (actor) q = q.where(inScope(actor, 'i.org_path'));
  if (f.paths) q = q.where('i.org_path', 'in', f.paths);
  if (f.underPath) q = q.where('i.org_path', 'like', `${f.underPath}%`);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('i.active', '=', f.active);
  if (f.donorId) q = q.where('i.donor_id', '=', f.donorId);
  if (f.inStock) q = q.where('i.stock', '>', 0);
  if (f.q) q = q.where('i.name', 'ilike', `%${escapeLike(f.q)}%`);
  return q;
}
/** `actor` null: the caller has already restricted by `paths` (a resident's own store). */
export function listItems(db: Q, actor: Actor | null, f: ItemFilter, page: PageQuery) {
  return pageOf(itemQuery(db, actor, f).select(itemCols).select(total).orderBy('i.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    () => itemQuery(db, actor, f).select(countAll).executeTakeFirst(), page);
}
export function itemBatch(db: Q, actor: Actor, f: ItemFilter, before: number | null, n: number) {
  let q = itemQuery(db, actor, f).select(itemCols);
  if (before !== null) q = q.where('i.id', '<', before);
  return q.orderBy('i.id', 'desc').limit(n).execute();
}
export function itemById(db: Q, id: number) {
  return itemQuery(db, null, {}).select(itemCols).where('i.id', '=', id).executeTakeFirst();
}
export type ItemRow = NonNullable<Awaited<ReturnType<typeof itemById>>>;

/** Takes `q` from stock when that much is there; the row lock it takes orders every redemption of the item. */
export async function takeStock(trx: Transaction<DB>, itemId: number, q: number): Promise<boolean> {
  const r = await trx.updateTable('store_item').set({ stock: sql`stock - ${q}`, updated_at: sql`now()` })
    .where('id', '=', itemId).where('stock', '>=', q).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function addStock(trx: Transaction<DB>, itemId: number, q: number) {
  return trx.updateTable('store_item').set({ stock: sql`stock + ${q}`, updated_at: sql`now()` })
    .where('id', '=', itemId).returning(['stock']).executeTakeFirstOrThrow();
}

// ── Donations ──
export interface DonationFilter { q?: string; underPath?: string; donorId?: number; itemId?: number; from?: string; to?: string }
const donationCols = ['n.id', 'n.org_id', 'n.org_path', 'n.donor_id', 'n.item_id', 'n.name', 'n.description', 'n.quantity', 'n.unit_value', 'n.expires_on',
  'n.received_on', 'n.created_at', 'o.name as org_name', 'd.name as donor_name', 'i.name as item_name'] as const;
function donationQuery(db: Q, actor: Actor, f: DonationFilter) {
  let q = db.selectFrom('store_donation as n').innerJoin('org as o', 'o.id', 'n.org_id').innerJoin('store_donor as d', 'd.id', 'n.donor_id')
    .innerJoin('store_item as i', 'i.id', 'n.item_id').where(inScope(actor, 'n.org_path'));
  if (f.underPath) q = q.where('n.org_path', 'like', `${f.underPath}%`);
  if (f.donorId) q = q.where('n.donor_id', '=', f.donorId);
  if (f.itemId) q = q.where('n.item_id', '=', f.itemId);
  if (f.from) q = q.where('n.received_on', '>=', f.from);
  if (f.to) q = q.where('n.received_on', '<=', f.to);
  if (f.q) q = q.where((e) => e.or([e('n.name', 'ilike', `%${escapeLike(f.q!)}%`), e('d.name', 'ilike', `%${escapeLike(f.q!)}%`)]));
  return q;
}
export function listDonations(db: Q, actor: Actor, f: DonationFilter, page: PageQuery) {
  return pageOf(donationQuery(db, actor, f).select(donationCols).select(total).orderBy('n.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    () => donationQuery(db, actor, f).select(countAll).executeTakeFirst(), page);
}
export function donationBatch(db: Q, actor: Actor, f: DonationFilter, before: number | null, n: number) {
  let q = donationQuery(db, actor, f).select(donationCols);
  if (before !== null) q = q.where('n.id', '<', before);
  return q.orderBy('n.id', 'desc').limit(n).execute();
}
export function donationById(db: Q, id: number) {
  return db.selectFrom('store_donation as n').innerJoin('org as o', 'o.id', 'n.org_id').innerJoin('store_donor as d', 'd.id', 'n.donor_id')
    .innerJoin('store_item as i', 'i.id', 'n.item_id').select(donationCols).where('n.id', '=', id).executeTakeFirstOrThrow();
}
export type DonationRow = Awaited<ReturnType<typeof donationById>>;

export type { RedemptionStatus };

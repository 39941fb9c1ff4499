import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RedemptionChannel, RedemptionStatus, StoreRedemptionTable } from '../../db/schema-store.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';
import { pageOf, type Q } from './repo.js';

export type { Q };

/** SQL of redemptions (兑换). Staff read by scope; a resident reads their own. */
export interface RedemptionFilter {
  status?: RedemptionStatus; channel?: RedemptionChannel; itemId?: number; donorId?: number; userId?: number; underPath?: string;
  code?: string; from?: Date; to?: Date;
}
const cols = ['r.id', 'r.org_id', 'r.org_path', 'r.item_id', 'r.user_id', 'r.user_name_masked', 'r.quantity', 'r.points', 'r.status', 'r.channel',
  'r.pickup_code', 'r.due_at', 'r.completed_at', 'r.cancelled_at', 'r.cancel_reason', 'r.created_at', 'r.created_by',
  'i.name as item_name', 'i.kind as item_kind', 'i.donor_id', 'o.name as org_name'] as const;

function base(db: Q, actor: Actor, staff: boolean, f: RedemptionFilter) {
  let q = db.selectFrom('store_redemption as r').innerJoin('store_item as i', 'i.id', 'r.item_id').innerJoin('org as o', 'o.id', 'r.org_id');
  q = staff ? q.where(inScope(actor, 'r.org_path')) : q.where('r.user_id', '=', actor.userId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.channel) q = q.where('r.channel', '=', f.channel);
  if (f.itemId) q = q.where('r.item_id', '=', f.itemId);
  if (f.donorId) q = q.where('i.donor_id', '=', f.donorId);
  if (f.userId) q = q.where('r.user_id', '=', f.userId);
  if (f.underPath) q = q.where('r.org_path', 'like', `${f.underPath}%`);
  if (f.code) q = q.where('r.pickup_code', '=', f.code);
  if (f.from) q = q.where('r.created_at', '>=', f.from);
  if (f.to) q = q.where('r.created_at', '<', f.to);
  return q;
}
export function listPage(db: Q, actor: Actor, staff: boolean, f: RedemptionFilter, page: PageQuery) {
  return pageOf(base(db, actor, staff, f).select(cols).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('r.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
  () => base(db, actor, staff, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(), page);
}
export function batch(db: Q, actor: Actor, f: RedemptionFilter, before: number | null, n: number) {
  let q = base(db, actor, true, f).select(cols);
  if (before !== null) q = q.where('r.id', '<', before);
  return q.orderBy('r.id', 'desc').limit(n).execute();
}
export function byId(db: Q, id: number) {
  return db.selectFrom('store_redemption as r').innerJoin('store_item as i', 'i.id', 'r.item_id').innerJoin('org as o', 'o.id', 'r.org_id')
    .select(cols).select(['r.hold_txn_id', 'r.idem_scope']).where('r.id', '=', id).executeTakeFirst();
}
export type RedemptionRow = NonNullable<Awaited<ReturnType<typeof byId>>>;

/** Locks the redemption row: every state change goes through here first (redemption → item → accounts). */
export function lockById(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('store_redemption').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export function byKey(db: Q, idemScope: string, clientKey: string) {
  return db.selectFrom('store_redemption').select(['id', 'item_id', 'quantity', 'user_id']).where('idem_scope', '=', idemScope).where('client_key', '=', clientKey).executeTakeFirst();
}

/**
 * Inserts a reserved redemption unless its key (or, rarely, its pickup code among the store's
 * open redemptions) is taken: a concurrent insert of the same key waits here for the first
 * one's commit and then gets nothing back.
 */
export async function insertReserved(trx: Transaction<DB>, v: Insertable<StoreRedemptionTable>) {
  return (await trx.insertInto('store_redemption').values(v).onConflict((oc) => oc.doNothing()).returning(['id', 'created_at']).executeTakeFirst()) ?? null;
}

/** Units of the item this resident holds or has collected (cancelled ones do not count). */
export async function heldBy(trx: Transaction<DB>, itemId: number, userId: number): Promise<number> {
  const r = await trx.selectFrom('store_redemption').select(sql<number>`coalesce(sum(quantity), 0)::int`.as('n'))
    .where('item_id', '=', itemId).where('user_id', '=', userId).where('status', '<>', 'cancelled').executeTakeFirstOrThrow();
  return r.n;
}

export function setHold(trx: Transaction<DB>, id: number, txnId: number) {
  return trx.updateTable('store_redemption').set({ hold_txn_id: txnId }).where('id', '=', id).execute();
}
export function markCompleted(trx: Transaction<DB>, id: number, by: number | null, txnId: number) {
  return trx.updateTable('store_redemption').set({ status: 'completed', completed_at: sql`now()`, completed_by: by, settle_txn_id: txnId, updated_at: sql`now()` })
    .where('id', '=', id).execute();
}
export function markCancelled(trx: Transaction<DB>, id: number, by: number | null, reason: string | null, txnId: number) {
  return trx.updateTable('store_redemption').set({ status: 'cancelled', cancelled_at: sql`now()`, cancelled_by: by, cancel_reason: reason, release_txn_id: txnId, updated_at: sql`now()` })
    .where('id', '=', id).execute();
}
export function overdueReserved(db: Q, now: Date, underPath: string | null, n: number) {
  let q = db.selectFrom('store_redemption').select(['id']).where('status', '=', 'reserved').where('due_at', '<', now);
  if (underPath) q = q.where('org_path', 'like', `${underPath}%`);
  return q.orderBy('due_at').limit(n).execute();
}

// ── Acknowledgement (what a donor's gifts did) ──
export function donorItemStats(db: Q, donorId: number) {
  return db.selectFrom('store_item as i')
    .leftJoin('store_redemption as r', (j) => j.onRef('r.item_id', '=', 'i.id').on('r.status', '=', 'completed'))
    .select(['i.id', 'i.name', 'i.kind', 'i.stock', 'i.price_points', 'i.org_id'])
    .select(sql<number>`coalesce(sum(r.quantity), 0)::int`.as('redeemed'))
    .select(sql<number>`count(DISTINCT r.user_id)::int`.as('residents'))
    .select(sql<number>`coalesce(sum(r.points), 0)::int`.as('points'))
    .select(sql<Date | null>`max(r.completed_at)`.as('last_at'))
    .where('i.donor_id', '=', donorId).groupBy('i.id').orderBy('i.id').execute();
}
export function donorGiven(db: Q, donorId: number) {
  return db.selectFrom('store_donation').select(['item_id'])
    .select(sql<number>`sum(quantity)::int`.as('given')).select(sql<number>`sum(quantity * unit_value)::float8`.as('value'))
    .where('donor_id', '=', donorId).groupBy('item_id').execute();
}
export function donorRedemptions(db: Q, donorId: number, before: number | null, n: number) {
  let q = db.selectFrom('store_redemption as r').innerJoin('store_item as i', 'i.id', 'r.item_id')
    .select(['r.id', 'r.quantity', 'r.points', 'r.user_name_masked', 'r.completed_at', 'i.name as item_name'])
    .where('i.donor_id', '=', donorId).where('r.status', '=', 'completed');
  if (before !== null) q = q.where('r.id', '<', before);
  return q.orderBy('r.id', 'desc').limit(n).execute();
}
export async function donorResidents(db: Q, donorId: number): Promise<number> {
  const r = await db.selectFrom('store_redemption as r').innerJoin('store_item as i', 'i.id', 'r.item_id')
    .select(sql<number>`count(DISTINCT r.user_id)::int`.as('n')).where('i.donor_id', '=', donorId).where('r.status', '=', 'completed').executeTakeFirstOrThrow();
  return r.n;
}

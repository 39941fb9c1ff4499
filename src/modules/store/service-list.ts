import type { AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import type { RedemptionChannel, RedemptionStatus } from '../../db/schema-store.js';
import * as policy from './policy.js';
import * as rr from './repo-redemptions.js';
import { presentDonor, presentRedemption, underPath } from './present.js';
import { loadDonor } from './service-donors.js';
import { exportRows } from './export.js';

/** Redemption lists and exports, and the acknowledgement list that tells a donor what their gifts did. */
export interface RedemptionListInput {
  status?: RedemptionStatus; channel?: RedemptionChannel; itemId?: number; donorId?: number; userId?: number; orgId?: number; from?: string; to?: string;
}
const CHINA = 8 * 3600_000;
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - CHINA);

async function filterOf(ctx: AuthedCtx, q: RedemptionListInput, staff: boolean): Promise<rr.RedemptionFilter> {
  if (!staff && (q.userId || q.orgId || q.donorId)) {
    const f = q.userId ? 'userId' : q.orgId ? 'orgId' : 'donorId';
    throw errors.field(f, { zh: '居民只能查看自己的兑换记录', en: 'residents see their own redemptions only' });
  }
  if (q.from && q.to && q.from > q.to) throw errors.field('to', { zh: '不能早于开始日期', en: 'must not be before from' });
  return {
    status: q.status, channel: q.channel, itemId: q.itemId, donorId: q.donorId, userId: q.userId, underPath: staff ? await underPath(ctx, q.orgId) : undefined,
    from: q.from ? dayStart(q.from) : undefined, to: q.to ? new Date(dayStart(q.to).getTime() + 86400_000) : undefined,
  };
}

/** Staff: the redemptions of the stores in scope. A resident: their own ("my redemptions"). */
export async function listRedemptions(ctx: AuthedCtx, q: RedemptionListInput, page: PageQuery) {
  const staff = policy.canReadStore(ctx.actor);
  if (!staff && !policy.isShopper(ctx.actor)) throw errors.forbidden();
  const r = await rr.listPage(ctx.deps.db, ctx.actor, staff, await filterOf(ctx, q, staff), page);
  return paged(r.items.map((x) => presentRedemption(ctx.actor, x)), r.total, page);
}

const STATUS_ZH: Record<RedemptionStatus, string> = { reserved: '待领取', completed: '已领取', cancelled: '已取消' };
export const REDEMPTION_COLUMNS = (en: boolean) => [
  { header: en ? 'No.' : '编号', key: 'id', width: 10 }, { header: en ? 'Created' : '兑换时间', key: 'createdAt', width: 22 },
  { header: en ? 'Store' : '所属社区', key: 'orgName', width: 18 }, { header: en ? 'Item' : '商品', key: 'itemName', width: 24 },
  { header: en ? 'Quantity' : '数量', key: 'quantity', width: 8 }, { header: en ? 'Points' : '积分', key: 'points', width: 8 },
  { header: en ? 'Resident (masked)' : '居民（脱敏）', key: 'residentName', width: 14 }, { header: en ? 'Channel' : '渠道', key: 'channel', width: 8 },
  { header: en ? 'Status' : '状态', key: 'status', width: 10 }, { header: en ? 'Collected' : '领取时间', key: 'completedAt', width: 22 },
  { header: en ? 'Cancelled' : '取消时间', key: 'cancelledAt', width: 22 }, { header: en ? 'Cancel reason' : '取消原因', key: 'cancelReason', width: 20 },
];

export async function* exportRedemptions(ctx: AuthedCtx, q: RedemptionListInput): AsyncIterable<Record<string, unknown>> {
  if (!policy.canReadStore(ctx.actor)) throw errors.forbidden();
  const f = await filterOf(ctx, q, true);
  const en = ctx.meta.lang === 'en';
  yield* exportRows(ctx, (before, n) => rr.batch(ctx.deps.db, ctx.actor, f, before, n), (r) => {
    // Exports never carry pickup codes.
    const { pickupCode: _code, ...v } = presentRedemption(ctx.actor, r);
    return { ...v, status: en ? v.status : STATUS_ZH[v.status], channel: en ? v.channel : v.channel === 'app' ? '线上' : '柜台' };
  }, { action: 'store.redemption.export', entityType: 'redemption', detail: { filter: q } });
}

/** 爱心反馈: per item the donor gave, how much arrived, its value, how much was redeemed by how many residents. */
export async function acknowledgement(ctx: AuthedCtx, donorId: number) {
  const d = await loadDonor(ctx, donorId);
  const db = ctx.deps.db;
  const [items, given, recent, residents] = await Promise.all([
    rr.donorItemStats(db, donorId), rr.donorGiven(db, donorId), rr.donorRedemptions(db, donorId, null, 50), rr.donorResidents(db, donorId),
  ]);
  const g = new Map(given.map((x) => [x.item_id, x]));
  const rows = items.map((i) => ({
    itemId: i.id, name: i.name, kind: i.kind, given: g.get(i.id)?.given ?? 0, value: Math.round((g.get(i.id)?.value ?? 0) * 100) / 100, stock: i.stock,
    redeemed: i.redeemed, residents: i.residents, points: i.points, lastAt: i.last_at ? new Date(i.last_at).toISOString() : null,
  }));
  const sum = (k: 'given' | 'value' | 'redeemed' | 'points') => rows.reduce((s, r) => s + r[k], 0);
  return {
    donor: presentDonor(ctx.actor, d),
    items: rows,
    recent: recent.map((r) => ({ id: r.id, itemName: r.item_name, quantity: r.quantity, points: r.points, residentName: r.user_name_masked, completedAt: new Date(r.completed_at!).toISOString() })),
    totals: { given: sum('given'), value: Math.round(sum('value') * 100) / 100, redeemed: sum('redeemed'), residents, points: sum('points') },
  };
}

export const ACK_COLUMNS = (en: boolean) => [
  { header: en ? 'Collected' : '领取时间', key: 'completedAt', width: 22 }, { header: en ? 'Item' : '物品', key: 'itemName', width: 24 },
  { header: en ? 'Quantity' : '数量', key: 'quantity', width: 8 }, { header: en ? 'Points' : '积分', key: 'points', width: 8 },
  { header: en ? 'Resident (masked)' : '居民（脱敏）', key: 'residentName', width: 14 },
];

/** Every collected redemption of the donor's gifts, newest first (names masked). */
export async function* exportAcknowledgement(ctx: AuthedCtx, donorId: number): AsyncIterable<Record<string, unknown>> {
  const d = await loadDonor(ctx, donorId);
  yield* exportRows(ctx, (before, n) => rr.donorRedemptions(ctx.deps.db, donorId, before, n),
    (r) => ({ completedAt: new Date(r.completed_at!).toISOString(), itemName: r.item_name, quantity: r.quantity, points: r.points, residentName: r.user_name_masked }),
    { action: 'store.acknowledgement.export', entityType: 'donor', entityId: donorId, orgPath: d.org_path });
}

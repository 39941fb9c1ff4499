import type { Actor, AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { pathInScope } from '../../core/scope.js';
import type { OrgLevel } from '../../db/schema.js';
import * as policy from './policy.js';
import * as repo from './repo.js';
import type { RedemptionRow } from './repo-redemptions.js';

/** Row → API shape for the store's records, and the org checks every write shares. */
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An org in the caller's scope at one of the allowed levels, else 404 / 400 naming the field. */
export async function orgForWrite(ctx: AuthedCtx, id: number, levels: OrgLevel[], field = 'orgId') {
  const o = await repo.orgById(ctx.deps.db, id);
  if (!o || !pathInScope(ctx.actor, o.path)) throw errors.notFound('org');
  if (!levels.includes(o.level)) {
    throw errors.field(field, {
      zh: levels.includes('street') ? '须为街道或社区' : '须为社区（爱心超市设在社区）',
      en: levels.includes('street') ? 'must be a street or a community' : 'must be a community (stores are run by communities)',
    });
  }
  return o;
}

/** Where a list is narrowed to (an org in scope), if asked. */
export async function underPath(ctx: AuthedCtx, orgId?: number) {
  if (!orgId) return undefined;
  const o = await repo.orgById(ctx.deps.db, orgId);
  if (!o || !pathInScope(ctx.actor, o.path)) throw errors.notFound('org');
  return o.path;
}

export function presentDonor(a: Actor, d: repo.DonorRow) {
  const manage = policy.canManageStore(a, d.org_path);
  return {
    id: d.id, orgId: d.org_id, orgName: d.org_name, name: d.name, kind: d.kind,
    contactName: d.contact_name_masked, contactPhone: d.contact_phone_masked, note: d.note, active: d.active, createdAt: iso(d.created_at)!,
    actions: [...(manage ? ['update', 'donate'] : []), ...(policy.canRevealDonor(a, d.org_path) ? ['reveal'] : [])],
  };
}

export function presentItem(a: Actor, i: repo.ItemRow, now = new Date()) {
  const manage = policy.canManageStore(a, i.org_path);
  const expired = policy.isExpired(i.expires_on, now);
  const redeemable = i.active && !expired && i.stock > 0 && (policy.isShopper(a) || manage);
  return {
    id: i.id, orgId: i.org_id, orgName: i.org_name, kind: i.kind, name: i.name, description: i.description,
    pricePoints: i.price_points, stock: i.stock, expiresOn: i.expires_on, expired, perResidentLimit: i.per_resident_limit, active: i.active,
    donorId: i.donor_id, donorName: i.donor_name, version: i.version, createdAt: iso(i.created_at)!,
    actions: [...(manage ? ['update', 'stock'] : []), ...(redeemable ? ['redeem'] : [])],
  };
}

export function presentDonation(n: repo.DonationRow) {
  return {
    id: n.id, orgId: n.org_id, orgName: n.org_name, donorId: n.donor_id, donorName: n.donor_name, itemId: n.item_id, itemName: n.item_name,
    name: n.name, description: n.description, quantity: n.quantity, unitValue: Number(n.unit_value), totalValue: policy.donationValue(n.quantity, Number(n.unit_value)),
    expiresOn: n.expires_on, receivedOn: n.received_on, createdAt: iso(n.created_at)!,
  };
}

type RedemptionView = Omit<RedemptionRow, 'hold_txn_id' | 'idem_scope'> & { hold_txn_id?: unknown; idem_scope?: unknown };
/** The pickup code is the resident's proof at the counter: only they (and who recorded it for them) see it. */
export function presentRedemption(a: Actor, r: RedemptionView) {
  const target = { orgPath: r.org_path, userId: r.user_id, status: r.status };
  const showCode = r.status === 'reserved' && (r.user_id === a.userId || r.created_by === a.userId);
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, itemId: r.item_id, itemName: r.item_name, itemKind: r.item_kind,
    userId: r.user_id, residentName: r.user_name_masked, quantity: r.quantity, points: r.points, status: r.status, channel: r.channel,
    pickupCode: showCode ? r.pickup_code : null,
    dueAt: iso(r.due_at)!, completedAt: iso(r.completed_at), cancelledAt: iso(r.cancelled_at), cancelReason: r.cancel_reason, createdAt: iso(r.created_at)!,
    actions: policy.redemptionActions(a, target),
  };
}

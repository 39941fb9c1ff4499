import crypto from 'node:crypto';
import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import type { RedemptionStatus } from '../../db/schema-store.js';

/**
 * Love store policy and rules: pure functions of actor, record and clock.
 * - Workers with store.read/store.manage see and run the stores in their scope.
 * - A resident (volunteer.self) sees the store of their own community and their own redemptions.
 * - A redemption is reserved, then completed at the counter with its pickup code or cancelled
 *   (by its resident while reserved, by a worker, or by the sweep when not collected in time).
 */
export const PICKUP_DAYS = 7;
export const PICKUP_CODE_LENGTH = 8;

export const canReadStore = (a: Actor) => hasPermission(a.role, 'store.read');
/** May run some store (before knowing which: refuse early, so a refusal never depends on the target). */
export const mayManageStores = (a: Actor) => hasPermission(a.role, 'store.manage');
export const canManageStore = (a: Actor, orgPath: string) => hasPermission(a.role, 'store.manage') && pathInScope(a, orgPath);
export const isShopper = (a: Actor) => hasPermission(a.role, 'volunteer.self');
export const canRevealDonor = (a: Actor, orgPath: string) => canManageStore(a, orgPath) && hasPermission(a.role, 'pi.reveal');

/** The stores a resident shops at: those of the orgs on their own path (their community). */
export function ancestorPaths(orgPath: string): string[] {
  const parts = orgPath.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}
export const storeServes = (storePath: string, residentPath: string) => residentPath.startsWith(storePath);

export interface RedemptionTarget { orgPath: string; userId: number; status: RedemptionStatus }

export function redemptionActions(a: Actor, r: RedemptionTarget): string[] {
  if (r.status !== 'reserved') return [];
  const out: string[] = [];
  if (canManageStore(a, r.orgPath)) out.push('complete', 'cancel');
  else if (isShopper(a) && a.userId === r.userId) out.push('cancel');
  return out;
}
export const canCancel = (a: Actor, r: RedemptionTarget) => redemptionActions(a, r).includes('cancel');
export const canComplete = (a: Actor, r: RedemptionTarget) => redemptionActions(a, r).includes('complete');

/** A random 8-digit code (leading zeros kept), drawn from the OS CSPRNG. */
export function pickupCode(rand: (max: number) => number = crypto.randomInt): string {
  return String(rand(10 ** PICKUP_CODE_LENGTH)).padStart(PICKUP_CODE_LENGTH, '0');
}

/** China time calendar day of an instant, as YYYY-MM-DD (expiry dates are local days). */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
/** An item may be redeemed through the last day of its expiry date, China time. */
export const isExpired = (expiresOn: string | null, now: Date) => expiresOn !== null && expiresOn < chinaDay(now);
export const pickupDueAt = (now: Date, days = PICKUP_DAYS) => new Date(now.getTime() + days * 86400_000);

export type RedeemRefusal = 'inactive' | 'expired' | 'limit' | null;
/** Why an item cannot be redeemed now in this quantity (stock and points are checked by the database). */
export function redeemRefusal(item: { active: boolean; expires_on: string | null; per_resident_limit: number | null }, alreadyHeld: number, quantity: number, now: Date): RedeemRefusal {
  if (!item.active) return 'inactive';
  if (isExpired(item.expires_on, now)) return 'expired';
  if (item.per_resident_limit !== null && alreadyHeld + quantity > item.per_resident_limit) return 'limit';
  return null;
}

/** Points a redemption holds: price × quantity, refusing anything past a safe integer. */
export function redemptionPoints(pricePoints: number, quantity: number): number {
  const p = pricePoints * quantity;
  if (!Number.isSafeInteger(p) || p <= 0) throw new RangeError('points out of range');
  return p;
}

/** The value in yuan of a donation (quantity × unit value), rounded to cents. */
export const donationValue = (quantity: number, unitValue: number) => Math.round(quantity * unitValue * 100) / 100;

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import * as p from './policy.js';
import { earlier } from './service-donations.js';

const actor = (role: Role, orgPath: string, userId = 7): Actor => ({
  userId, username: 'u', displayName: 'u', role, orgId: 1, orgName: 'o', orgLevel: role === 'streetStaff' ? 'street' : 'community', orgCode: '1',
  orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
});
const A = '/1/2/3/';
const B = '/1/2/4/';

describe('store policy', () => {
  it('workers manage the stores in their scope; residents cancel only their own open redemptions', () => {
    expect(p.canManageStore(actor('communityWorker', A), `${A}`)).toBe(true);
    expect(p.canManageStore(actor('communityWorker', A), B)).toBe(false);
    expect(p.canManageStore(actor('gridWorker', A), A)).toBe(false);
    expect(p.canRevealDonor(actor('communityWorker', A), A)).toBe(false);
    expect(p.canRevealDonor(actor('streetStaff', '/1/2/'), A)).toBe(true);
    const mine = { orgPath: A, userId: 7, status: 'reserved' as const };
    expect(p.redemptionActions(actor('resident', A), mine)).toEqual(['cancel']);
    expect(p.redemptionActions(actor('resident', A, 8), mine)).toEqual([]);
    expect(p.redemptionActions(actor('communityWorker', A), mine)).toEqual(['complete', 'cancel']);
    expect(p.redemptionActions(actor('communityWorker', B), mine)).toEqual([]);
    expect(p.redemptionActions(actor('resident', A), { ...mine, status: 'completed' })).toEqual([]);
    expect(p.redemptionActions(actor('communityWorker', A), { ...mine, status: 'cancelled' })).toEqual([]);
  });

  it('a resident shops at the stores on their own path', () => {
    expect(p.ancestorPaths('/1/2/3/9/')).toEqual(['/1/', '/1/2/', '/1/2/3/', '/1/2/3/9/']);
    expect(p.storeServes(A, `${A}9/`)).toBe(true);
    expect(p.storeServes(B, `${A}9/`)).toBe(false);
    expect(p.storeServes('/1/2/3/', '/1/2/33/')).toBe(false);
  });

  it('pickup codes are 8 digits, leading zeros kept, and spread over the whole range', () => {
    expect(p.pickupCode(() => 42)).toBe('00000042');
    expect(p.pickupCode(() => 99_999_999)).toBe('99999999');
    const seen = new Set(Array.from({ length: 2000 }, () => p.pickupCode()));
    for (const c of seen) expect(c).toMatch(/^\d{8}$/);
    expect(seen.size).toBeGreaterThan(1990);
  });

  it('expiry is a China-time day: an item is good through its last day', () => {
    // 2026-12-06 23:30 in Beijing is 15:30 UTC.
    expect(p.chinaDay(new Date('2026-12-06T15:30:00Z'))).toBe('2026-12-06');
    expect(p.chinaDay(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(p.isExpired('2026-12-06', new Date('2026-12-06T15:59:59Z'))).toBe(false);
    expect(p.isExpired('2026-12-06', new Date('2026-12-06T16:00:00Z'))).toBe(true);
    expect(p.isExpired(null, new Date('2100-01-01T00:00:00Z'))).toBe(false);
  });

  it('refusals: inactive, expired, over the per-resident limit', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    const item = { active: true, expires_on: null, per_resident_limit: 2 };
    expect(p.redeemRefusal(item, 0, 2, now)).toBeNull();
    expect(p.redeemRefusal(item, 1, 2, now)).toBe('limit');
    expect(p.redeemRefusal({ ...item, per_resident_limit: null }, 50, 50, now)).toBeNull();
    expect(p.redeemRefusal({ ...item, active: false }, 0, 1, now)).toBe('inactive');
    expect(p.redeemRefusal({ ...item, expires_on: '2026-12-01' }, 0, 1, now)).toBe('expired');
  });

  it('points are price × quantity, whole and positive; values are rounded to cents', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 100 }), (price, q) => p.redemptionPoints(price, q) === price * q));
    expect(() => p.redemptionPoints(0, 1)).toThrow(RangeError);
    expect(() => p.redemptionPoints(2 ** 52, 4)).toThrow(RangeError);
    expect(p.donationValue(3, 33.33)).toBe(99.99);
    expect(p.donationValue(10, 45.5)).toBe(455);
    expect(p.pickupDueAt(new Date('2026-12-06T00:00:00Z')).toISOString()).toBe('2026-12-13T00:00:00.000Z');
  });

  it('a restocked shelf keeps the earlier expiry date', () => {
    expect(earlier('2027-01-01', '2026-12-31')).toBe('2026-12-31');
    expect(earlier(null, '2026-12-31')).toBe('2026-12-31');
    expect(earlier('2027-01-01', null)).toBe('2027-01-01');
    expect(earlier(null, null)).toBeNull();
  });
});

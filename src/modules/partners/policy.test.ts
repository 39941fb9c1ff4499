import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { canActOnClaim, canRate, canReadAt, canReveal, claimActions, recordActions, residentSeesPath, type ClaimTarget } from './policy.js';

const actor = (role: Role, orgPath: string, userId = 7): Actor => ({
  userId, username: 'u', displayName: 'u', role, orgId: 1, orgName: 'o', orgLevel: 'community', orgCode: 'c',
  orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
});

const claim = (over: Partial<ClaimTarget> = {}): ClaimTarget => ({ orgPath: '/1/2/3/', status: 'claimed', memberUserId: 7, needRaisedBy: 9, rated: false, ...over });

describe('partners policy', () => {
  it('staff read and manage inside their scope only', () => {
    expect(canReadAt(actor('communityWorker', '/1/2/3/'), '/1/2/3/')).toBe(true);
    expect(canReadAt(actor('communityWorker', '/1/2/3/'), '/1/2/4/')).toBe(false);
    expect(canReadAt(actor('streetStaff', '/1/2/'), '/1/2/4/')).toBe(true);
    expect(canReadAt(actor('gridWorker', '/1/2/3/5/'), '/1/2/3/5/')).toBe(false);
    expect(canReadAt(actor('resident', '/1/2/3/'), '/1/2/3/')).toBe(false);
    expect(canReadAt(actor('sysAdmin', '/1/'), '/1/2/3/')).toBe(false);
    expect(canReveal(actor('communityWorker', '/1/2/3/'), '/1/2/3/')).toBe(true);
    expect(canReveal(actor('auditAdmin', '/1/'), '/1/2/3/')).toBe(false);
    expect(recordActions(actor('communityWorker', '/1/2/3/'), '/1/2/3/', true)).toEqual(['update', 'reveal']);
    expect(recordActions(actor('communityWorker', '/1/2/3/'), '/1/2/4/')).toEqual([]);
  });

  it('residents see their own community’s needs (from a grid below it too), not another’s', () => {
    expect(residentSeesPath(actor('resident', '/1/2/3/'), '/1/2/3/')).toBe(true);
    expect(residentSeesPath(actor('resident', '/1/2/3/8/'), '/1/2/3/')).toBe(true);
    expect(residentSeesPath(actor('resident', '/1/2/4/'), '/1/2/3/')).toBe(false);
    expect(residentSeesPath(actor('communityWorker', '/1/2/3/'), '/1/2/3/')).toBe(false);
  });

  it('the claiming member moves their own claim; managers in scope move any', () => {
    const me = actor('resident', '/1/2/3/', 7);
    expect(canActOnClaim(me, claim(), 'start')).toBe(true);
    expect(canActOnClaim(me, claim(), 'withdraw')).toBe(true);
    expect(canActOnClaim(actor('resident', '/1/2/3/', 8), claim(), 'withdraw')).toBe(false);
    expect(canActOnClaim(me, claim({ status: 'done' }), 'withdraw')).toBe(false);
    expect(canActOnClaim(actor('communityWorker', '/1/2/3/'), claim({ memberUserId: null }), 'complete')).toBe(true);
    expect(canActOnClaim(actor('communityWorker', '/1/2/4/'), claim(), 'complete')).toBe(false);
  });

  it('the resident who raised the need, or a manager, rates a done claim once', () => {
    expect(canRate(actor('resident', '/1/2/3/', 9), claim({ status: 'done' }))).toBe(true);
    expect(canRate(actor('resident', '/1/2/3/', 9), claim({ status: 'done', rated: true }))).toBe(false);
    expect(canRate(actor('resident', '/1/2/3/', 7), claim({ status: 'done' }))).toBe(false);
    expect(canRate(actor('resident', '/1/2/3/', 9), claim())).toBe(false);
    expect(canRate(actor('communityWorker', '/1/2/3/'), claim({ status: 'done' }))).toBe(true);
    expect(claimActions(actor('communityWorker', '/1/2/3/'), claim({ status: 'done' }))).toEqual(['rate']);
    expect(claimActions(actor('resident', '/1/2/3/', 7), claim({ status: 'in_progress' }))).toEqual(['complete', 'withdraw']);
  });
});

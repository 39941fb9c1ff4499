import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { canMoveStatus, canSee, orgActions } from './policy.js';

const actor = (role: Role, orgPath = '/1/2/3/'): Actor => ({
  userId: 9, username: 'u', displayName: 'u', role, orgId: 3, orgName: 'x', orgLevel: 'street', orgCode: 'c', orgPath,
  sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
});

describe('social organization policy', () => {
  it('lets staff in scope see organizations, and a social organization account only its own', () => {
    const org = { id: 5, path: '/1/2/3/4/' };
    expect(canSee(actor('streetStaff'), org, [])).toBe(true);
    expect(canSee(actor('streetStaff', '/1/2/9/'), org, [])).toBe(false);
    expect(canSee(actor('socialOrgStaff', '/1/2/3/4/'), org, [])).toBe(false);
    expect(canSee(actor('socialOrgStaff', '/1/2/3/4/'), org, [5])).toBe(true);
    expect(canSee(actor('resident', '/1/2/3/4/'), org, [5])).toBe(false);
  });

  it('offers writes to managers in scope only, and no status move from deregistered', () => {
    expect(orgActions(actor('streetStaff'), { path: '/1/2/3/4/', status: 'active', revealable: true })).toEqual(['update', 'staff', 'incubate', 'service', 'assess', 'status', 'reveal']);
    expect(orgActions(actor('streetStaff'), { path: '/1/2/3/4/', status: 'deregistered', revealable: false })).not.toContain('status');
    expect(orgActions(actor('socialOrgStaff', '/1/2/3/4/'), { path: '/1/2/3/4/', status: 'active', revealable: true })).toEqual([]);
    expect(orgActions(actor('communityWorker', '/1/2/8/'), { path: '/1/2/3/4/', status: 'active', revealable: true })).toEqual([]);
    expect(canMoveStatus('active', 'suspended')).toBe(true);
    expect(canMoveStatus('suspended', 'active')).toBe(true);
    expect(canMoveStatus('deregistered', 'active')).toBe(false);
    expect(canMoveStatus('active', 'active')).toBe(false);
  });
});

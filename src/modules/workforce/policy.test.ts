import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { canConfigureAt, canReadAt, canSeePay, recordActions } from './policy.js';

const actor = (role: Role, orgPath = '/1/2/3/'): Actor => ({
  userId: 9, username: 'u', displayName: 'u', role, orgId: 3, orgName: 'x', orgLevel: 'street', orgCode: 'c', orgPath,
  sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
});

describe('workforce policy', () => {
  it('shows pay to managers in scope only', () => {
    expect(canSeePay(actor('streetStaff'), '/1/2/3/4/')).toBe(true);
    expect(canSeePay(actor('streetStaff', '/1/2/9/'), '/1/2/3/4/')).toBe(false);
    expect(canSeePay(actor('communityWorker', '/1/2/3/4/'), '/1/2/3/4/')).toBe(false);
    expect(canReadAt(actor('communityWorker', '/1/2/3/4/'), '/1/2/3/4/')).toBe(true);
    expect(canReadAt(actor('gridWorker', '/1/2/3/4/'), '/1/2/3/4/')).toBe(false);
  });
  it('lets only configurers set the ladder and wages, in scope', () => {
    expect(canConfigureAt(actor('streetStaff'), '/1/2/3/')).toBe(true);
    expect(canConfigureAt(actor('streetStaff'), '/1/2/')).toBe(false);
    expect(canConfigureAt(actor('communityWorker'), '/1/2/3/')).toBe(false);
    expect(recordActions(actor('streetStaff'), '/1/2/3/4/', ['training'])).toEqual(['update', 'training']);
    expect(recordActions(actor('communityWorker', '/1/2/3/4/'), '/1/2/3/4/')).toEqual([]);
  });
});

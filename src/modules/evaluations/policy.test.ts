import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import { actsFor, campaignActions, canSignOff, seesPublished } from './policy.js';

const actor = (role: Actor['role'], orgId: number, orgPath: string): Actor => ({
  userId: 1, username: 'u', displayName: 'u', role, orgId, orgName: 'o', orgLevel: 'community', orgCode: 'c', orgPath,
  sessionId: 's', csrfToken: 't', totpEnabled: false, mustChangePassword: false,
});
const street = actor('streetStaff', 2, '/1/2/');
const worker = actor('communityWorker', 3, '/1/2/3/');
const dept = actor('departmentStaff', 9, '/1/2/9/');
const soStaff = actor('socialOrgStaff', 3, '/1/2/3/');
const resident = actor('resident', 3, '/1/2/3/');

describe('evaluations policy', () => {
  it('an org is scored by its own staff only', () => {
    expect(actsFor(worker, { kind: 'org', subjectId: 3, subjectPath: '/1/2/3/' }, [])).toBe(true);
    expect(actsFor(street, { kind: 'org', subjectId: 3, subjectPath: '/1/2/3/' }, [])).toBe(false);
    expect(actsFor(dept, { kind: 'org', subjectId: 9, subjectPath: '/1/2/9/' }, [])).toBe(true);
    expect(actsFor(resident, { kind: 'org', subjectId: 3, subjectPath: '/1/2/3/' }, [])).toBe(false);
  });
  it('a social organization by its staff; a partner unit by community workers over it', () => {
    expect(actsFor(soStaff, { kind: 'socialOrg', subjectId: 5, subjectPath: '/1/2/3/' }, [5])).toBe(true);
    expect(actsFor(soStaff, { kind: 'socialOrg', subjectId: 6, subjectPath: '/1/2/3/' }, [5])).toBe(false);
    expect(actsFor(worker, { kind: 'partnerUnit', subjectId: 7, subjectPath: '/1/2/3/' }, [])).toBe(true);
    expect(actsFor(worker, { kind: 'partnerUnit', subjectId: 7, subjectPath: '/1/4/' }, [])).toBe(false);
    expect(actsFor(dept, { kind: 'partnerUnit', subjectId: 7, subjectPath: '/1/2/9/' }, [])).toBe(false);
  });
  it('campaign actions follow the status and the scope', () => {
    expect(campaignActions(street, { orgPath: '/1/2/', status: 'draft' })).toEqual(['edit', 'open']);
    expect(campaignActions(street, { orgPath: '/1/2/', status: 'open' })).toContain('close');
    expect(campaignActions(street, { orgPath: '/1/2/', status: 'closed' })).toContain('publish');
    expect(campaignActions(worker, { orgPath: '/1/2/', status: 'open' })).toEqual([]);
  });
  it('published results reach residents below the owner; sign-offs', () => {
    expect(seesPublished(resident, '/1/2/')).toBe(true);
    expect(seesPublished(actor('resident', 8, '/1/8/'), '/1/2/')).toBe(false);
    expect(canSignOff(street, 'party', '/1/2/', false)).toBe(true);
    expect(canSignOff(worker, 'party', '/1/2/', true)).toBe(false);
    expect(canSignOff(worker, 'unit', '/1/2/', true)).toBe(true);
  });
});

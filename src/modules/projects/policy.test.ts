import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { NO_RELATION, projectActions, residentSees, sees } from './policy.js';

const actor = (role: Role, orgPath: string): Actor => ({
  userId: 1, username: 'u', displayName: 'U', role, orgId: 1, orgName: 'o', orgLevel: 'street', orgCode: 'c', orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
});
const street = actor('streetStaff', '/1/2/');
const community = actor('communityWorker', '/1/2/3/');
const other = actor('streetStaff', '/1/9/');
const resident = actor('resident', '/1/2/3/');
const staffOrg = actor('socialOrgStaff', '/1/2/3/');
const project = (status: Parameters<typeof projectActions>[1]['status']) => ({ orgPath: '/1/2/3/', status });

describe('projects policy', () => {
  it('lets the community apply and the street review; another street sees nothing', () => {
    expect(projectActions(community, project('draft'), NO_RELATION)).toEqual(['edit', 'submit']);
    expect(projectActions(street, project('submitted'), NO_RELATION)).toEqual(['return', 'reject', 'approve']);
    expect(projectActions(community, project('submitted'), NO_RELATION)).toEqual([]);
    expect(sees(other, project('submitted'), NO_RELATION)).toBe(false);
  });
  it('lets a social organization see and act only by its link, not by path', () => {
    expect(sees(staffOrg, project('implementing'), NO_RELATION)).toBe(false);
    const r = { awardee: true, bidder: false, openToBid: false };
    expect(projectActions(staffOrg, project('implementing'), r)).toEqual(['implement', 'requestTranche']);
    expect(projectActions(staffOrg, project('bidding'), { awardee: false, bidder: false, openToBid: true })).toEqual(['bid']);
  });
  it('shows residents their community\'s projects once approved, and takes their feedback while they run', () => {
    expect(residentSees(resident, project('submitted'))).toBe(false);
    expect(residentSees(resident, { orgPath: '/1/2/4/', status: 'implementing' })).toBe(false);
    expect(projectActions(resident, project('implementing'), NO_RELATION)).toEqual(['feedback']);
    expect(projectActions(resident, project('closed'), NO_RELATION)).toEqual([]);
  });
});

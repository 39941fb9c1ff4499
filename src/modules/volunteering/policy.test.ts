import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { activityActions, residentSees, seesActivity } from './policy.js';

const actor = (role: Role, orgPath: string): Actor => ({
  userId: 1, username: 'u', displayName: 'u', role, orgId: 1, orgName: 'o', orgLevel: 'community', orgCode: 'c', orgPath,
  sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
});
const street = '/1/2/3/';
const community = '/1/2/3/4/';
const grid = '/1/2/3/4/5/';
const other = '/1/2/9/10/';
const past = new Date('2026-01-01T00:00:00Z');
const future = new Date('2099-01-01T00:00:00Z');
const act = (orgPath: string, status: 'draft' | 'published' | 'cancelled' | 'finished', startsAt = future, endsAt = future) => ({ orgPath, status, startsAt, endsAt });

describe('volunteering policy', () => {
  it('a resident sees activities of their street, community and grids below, never another community nor a draft', () => {
    const r = actor('resident', community);
    expect([street, community, grid, other].map((p) => residentSees(r, p))).toEqual([true, true, true, false]);
    expect(seesActivity(r, act(community, 'draft'))).toBe(false);
    expect(seesActivity(r, act(community, 'published'))).toBe(true);
  });
  it('staff see and manage their subtree only', () => {
    const w = actor('communityWorker', community);
    expect(seesActivity(w, act(grid, 'draft'))).toBe(true);
    expect(seesActivity(w, act(street, 'published'))).toBe(false);
    expect(activityActions(w, act(community, 'draft'), null)).toEqual(['edit', 'publish', 'cancel']);
    expect(activityActions(w, act(community, 'published', future, future), null)).toEqual(['cancel', 'attendance']);
    expect(activityActions(w, act(community, 'published', past, future), null)).toEqual(['cancel', 'attendance', 'confirm']);
    expect(activityActions(actor('communityWorker', other), act(community, 'published'), null)).toEqual([]);
  });
  it('a resident signs up, cancels while unconfirmed, and checks in with a place', () => {
    const r = actor('resident', community);
    expect(activityActions(r, act(community, 'published'), null)).toEqual(['signup']);
    expect(activityActions(r, act(community, 'published'), { status: 'waiting', confirmed: false })).toEqual(['cancelSignup']);
    expect(activityActions(r, act(community, 'published'), { status: 'signedUp', confirmed: false })).toEqual(['cancelSignup', 'checkIn']);
    expect(activityActions(r, act(community, 'published', past, past), null)).toEqual([]);
    expect(activityActions(r, act(community, 'finished'), { status: 'signedUp', confirmed: true })).toEqual([]);
  });
  it('a department or audit account has no volunteering action', () => {
    expect(activityActions(actor('departmentStaff', community), act(community, 'published'), null)).toEqual([]);
    expect(activityActions(actor('auditAdmin', '/1/'), act(community, 'published'), null)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import {
  canAnonymize, canDeactivate, canExportRevealed, canHandleCorrection, canOpenAccount, canPlaceResidentAt, canReactivate, canReadResident,
  canReadResidents, canRevealResident, canUseSelfService, canWriteResident, correctionActions, residentActions, type ResidentTarget,
} from './policy.js';

const P = { street: '/1/2/3/4/5/', community: '/1/2/3/4/5/6/', grid: '/1/2/3/4/5/6/7/', otherStreet: '/1/2/3/4/9/', otherGrid: '/1/2/3/4/9/10/11/' };

function actor(role: Role, orgPath: string, orgLevel: OrgLevel): Actor {
  return {
    userId: 1, username: 'u', displayName: 'u', role, orgId: Number(orgPath.split('/').filter(Boolean).pop()), orgName: 'o', orgLevel,
    orgCode: 'x', orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
  };
}

const sys = actor('sysAdmin', '/1/', 'root');
const sec = actor('securityAdmin', '/1/', 'root');
const street = actor('streetStaff', P.street, 'street');
const community = actor('communityWorker', P.community, 'community');
const grid = actor('gridWorker', P.grid, 'grid');
const dept = actor('departmentStaff', '/1/2/3/4/5/8/', 'department');
const resident = actor('resident', P.community, 'community');

const r = (orgPath: string, status: ResidentTarget['status'] = 'active', hasAccount = false): ResidentTarget => ({ orgPath, status, hasAccount });

describe('residents policy', () => {
  it('street, community and grid staff read residents; admins, departments and residents do not', () => {
    for (const a of [street, community, grid]) expect(canReadResidents(a), a.role).toBe(true);
    for (const a of [sys, sec, dept, resident]) expect(canReadResidents(a), a.role).toBe(false);
  });

  it('reading, writing and revealing need the record inside the own subtree', () => {
    expect(canReadResident(street, r(P.grid))).toBe(true);
    expect(canReadResident(grid, r(P.community))).toBe(false);
    expect(canReadResident(street, r(P.otherGrid))).toBe(false);
    expect(canReadResident(street, { orgPath: '/1/2/3/4/55/' })).toBe(false);
    expect(canWriteResident(grid, r(P.grid))).toBe(true);
    expect(canWriteResident(grid, r(P.otherGrid))).toBe(false);
    expect(canRevealResident(community, r(P.grid))).toBe(true);
    expect(canRevealResident(sys, r(P.grid))).toBe(false);
    expect(canExportRevealed(grid)).toBe(true);
    expect(canExportRevealed(sec)).toBe(false);
  });

  it('residents are filed under grids or communities in scope', () => {
    expect(canPlaceResidentAt(street, { level: 'grid', path: P.grid })).toBe(true);
    expect(canPlaceResidentAt(street, { level: 'community', path: P.community })).toBe(true);
    expect(canPlaceResidentAt(street, { level: 'street', path: P.street })).toBe(false);
    expect(canPlaceResidentAt(grid, { level: 'community', path: P.community })).toBe(false);
    expect(canPlaceResidentAt(street, { level: 'grid', path: P.otherGrid })).toBe(false);
  });

  it('status transitions and the final anonymized state', () => {
    expect(canDeactivate(grid, r(P.grid))).toBe(true);
    expect(canDeactivate(grid, r(P.grid, 'inactive'))).toBe(false);
    expect(canReactivate(grid, r(P.grid, 'inactive'))).toBe(true);
    expect(canReactivate(grid, r(P.grid))).toBe(false);
    expect(canAnonymize(grid, r(P.grid, 'inactive'))).toBe(true);
    expect(canAnonymize(grid, r(P.grid, 'anonymized'))).toBe(false);
    expect(canWriteResident(street, r(P.grid, 'anonymized'))).toBe(false);
    expect(canOpenAccount(grid, r(P.grid))).toBe(true);
    expect(canOpenAccount(grid, r(P.grid, 'active', true))).toBe(false);
    expect(canOpenAccount(grid, r(P.grid, 'inactive'))).toBe(false);
  });

  it('actions list what the user may do', () => {
    expect(residentActions(grid, r(P.grid))).toEqual(['update', 'move', 'deactivate', 'anonymize', 'reveal', 'open_account']);
    expect(residentActions(grid, r(P.grid, 'inactive', true))).toEqual(['update', 'move', 'reactivate', 'anonymize', 'reveal']);
    expect(residentActions(grid, r(P.grid, 'anonymized'))).toEqual([]);
    expect(residentActions(grid, r(P.otherGrid))).toEqual([]);
    expect(residentActions(sys, r(P.grid))).toEqual([]);
  });

  it('self-service is for residents only', () => {
    expect(canUseSelfService(resident)).toBe(true);
    for (const a of [sys, street, grid, dept]) expect(canUseSelfService(a), a.role).toBe(false);
  });

  it('correction requests: handled once, by writers in scope', () => {
    expect(canHandleCorrection(grid, { orgPath: P.grid, status: 'open' })).toBe(true);
    expect(canHandleCorrection(grid, { orgPath: P.grid, status: 'accepted' })).toBe(false);
    expect(canHandleCorrection(grid, { orgPath: P.otherGrid, status: 'open' })).toBe(false);
    expect(canHandleCorrection(resident, { orgPath: P.community, status: 'open' })).toBe(false);
    expect(correctionActions(street, { orgPath: P.grid, status: 'open' })).toEqual(['accept', 'reject']);
    expect(correctionActions(street, { orgPath: P.grid, status: 'rejected' })).toEqual([]);
  });
});

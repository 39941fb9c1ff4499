import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import {
  canPlaceUnder, canReadHousehold, canReadHouseholds, canReadPlace, canReadPlaces, canRevealAddress, canWritePlace, canWritePlaces,
  householdActions, placeActions,
} from './policy.js';

// /1/ root … /1/2/3/4/5/ street, /1/2/3/4/5/6/ community, /1/2/3/4/5/6/7/ grid; street 9 is another street.
const P = {
  root: '/1/', street: '/1/2/3/4/5/', community: '/1/2/3/4/5/6/', grid: '/1/2/3/4/5/6/7/', grid2: '/1/2/3/4/5/6/8/',
  dept: '/1/2/3/4/5/10/', otherGrid: '/1/2/3/4/9/11/12/',
};

function actor(role: Role, orgPath: string, orgLevel: OrgLevel): Actor {
  return {
    userId: 1, username: 'u', displayName: 'u', role, orgId: Number(orgPath.split('/').filter(Boolean).pop()), orgName: 'o', orgLevel,
    orgCode: 'x', orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
  };
}

const sys = actor('sysAdmin', P.root, 'root');
const sec = actor('securityAdmin', P.root, 'root');
const aud = actor('auditAdmin', P.root, 'root');
const street = actor('streetStaff', P.street, 'street');
const community = actor('communityWorker', P.community, 'community');
const grid = actor('gridWorker', P.grid, 'grid');
const dept = actor('departmentStaff', P.dept, 'department');
const resident = actor('resident', P.community, 'community');
const staff = [street, community, grid];
const others = [sys, sec, aud, dept, resident];

describe('who works with places', () => {
  it('street, community and grid staff read and write places; admins, departments and residents do not', () => {
    for (const a of staff) {
      expect(canReadPlaces(a), a.role).toBe(true);
      expect(canWritePlaces(a), a.role).toBe(true);
      expect(canReadHouseholds(a), a.role).toBe(true);
    }
    for (const a of others) {
      expect(canReadPlaces(a), a.role).toBe(false);
      expect(canWritePlaces(a), a.role).toBe(false);
      expect(canReadHouseholds(a), a.role).toBe(false);
    }
  });

  it('reads and writes only inside the own subtree, the own org included', () => {
    expect(canReadPlace(street, { org_path: P.grid })).toBe(true);
    expect(canWritePlace(grid, { org_path: P.grid })).toBe(true);
    expect(canWritePlace(community, { org_path: P.community })).toBe(true);
    expect(canReadPlace(grid, { org_path: P.grid2 })).toBe(false);
    expect(canReadPlace(grid, { org_path: P.community })).toBe(false);
    expect(canReadHousehold(street, { org_path: P.otherGrid })).toBe(false);
    expect(canWritePlace(street, { org_path: P.otherGrid })).toBe(false);
    // Whole path segments: /1/2/3/4/5/ does not cover /1/2/3/4/55/.
    expect(canReadPlace(street, { org_path: '/1/2/3/4/55/6/' })).toBe(false);
    expect(canReadPlace(sys, { org_path: P.grid })).toBe(false);
  });
});

describe('where places may hang', () => {
  it('under a grid or a community in scope, never a street, department or an org outside', () => {
    expect(canPlaceUnder(street, { level: 'grid', path: P.grid })).toBe(true);
    expect(canPlaceUnder(street, { level: 'community', path: P.community })).toBe(true);
    expect(canPlaceUnder(street, { level: 'street', path: P.street })).toBe(false);
    expect(canPlaceUnder(street, { level: 'department', path: P.dept })).toBe(false);
    expect(canPlaceUnder(street, { level: 'grid', path: P.otherGrid })).toBe(false);
    expect(canPlaceUnder(grid, { level: 'grid', path: P.grid })).toBe(true);
    expect(canPlaceUnder(grid, { level: 'community', path: P.community })).toBe(false);
    expect(canPlaceUnder(sys, { level: 'grid', path: P.grid })).toBe(false);
  });
});

describe('revealing an exact address', () => {
  it('needs resident.reveal and the household in scope', () => {
    for (const a of staff) expect(canRevealAddress(a, { org_path: P.grid }), a.role).toBe(true);
    expect(canRevealAddress(grid, { org_path: P.grid2 })).toBe(false);
    expect(canRevealAddress(street, { org_path: P.otherGrid })).toBe(false);
    for (const a of others) expect(canRevealAddress(a, { org_path: P.grid }), a.role).toBe(false);
  });
});

describe('actions', () => {
  it('lists what the UI may offer', () => {
    expect(placeActions(grid, { org_path: P.grid })).toEqual(['update', 'delete', 'create_child']);
    expect(placeActions(grid, { org_path: P.grid2 })).toEqual([]);
    expect(placeActions(sys, { org_path: P.grid })).toEqual([]);
    expect(householdActions(street, { org_path: P.grid })).toEqual(['update', 'reveal']);
    expect(householdActions(street, { org_path: P.otherGrid })).toEqual([]);
    expect(householdActions(dept, { org_path: P.grid })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import { canCreateUnder, canImportDivisions, canReadOrg, canReadOrgs, canWriteAt, creatableChildLevels, orgActions, roleWritesLevel } from './policy.js';

// Paths of a small tree: /1/ root, /1/2/ province, … /1/2/3/4/5/ street 5, /1/2/3/4/5/6/ community, /1/2/3/4/5/6/7/ grid.
const P = {
  root: '/1/', province: '/1/2/', city: '/1/2/3/', district: '/1/2/3/4/', street: '/1/2/3/4/5/',
  community: '/1/2/3/4/5/6/', grid: '/1/2/3/4/5/6/7/', dept: '/1/2/3/4/5/8/',
  otherStreet: '/1/2/3/4/9/', otherCommunity: '/1/2/3/4/9/10/',
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

describe('reading', () => {
  it('every staff role reads orgs; the audit admin and residents do not', () => {
    for (const a of [sys, sec, street, community, grid, dept]) expect(canReadOrgs(a), a.role).toBe(true);
    for (const a of [aud, resident]) expect(canReadOrgs(a), a.role).toBe(false);
  });

  it('reads only inside the own subtree', () => {
    expect(canReadOrg(street, { level: 'street', path: P.street })).toBe(true);
    expect(canReadOrg(street, { level: 'grid', path: P.grid })).toBe(true);
    expect(canReadOrg(street, { level: 'district', path: P.district })).toBe(false);
    expect(canReadOrg(street, { level: 'street', path: P.otherStreet })).toBe(false);
    expect(canReadOrg(sys, { level: 'street', path: P.otherStreet })).toBe(true);
    expect(canReadOrg(aud, { level: 'root', path: P.root })).toBe(false);
  });

  it('path scope is a prefix of whole segments: /1/2/3/4/5/ does not cover /1/2/3/4/55/', () => {
    expect(canReadOrg(street, { level: 'street', path: '/1/2/3/4/55/' })).toBe(false);
  });

  it('only the system admin imports divisions', () => {
    expect(canImportDivisions(sys)).toBe(true);
    for (const a of [sec, aud, street, community, grid, dept, resident]) expect(canImportDivisions(a), a.role).toBe(false);
  });
});

describe('writing', () => {
  it('levels each role looks after', () => {
    for (const l of ['province', 'city', 'district', 'street', 'community', 'grid', 'department'] as OrgLevel[])
      expect(roleWritesLevel(sys, l), l).toBe(true);
    expect(roleWritesLevel(sys, 'root')).toBe(false);
    expect(roleWritesLevel(street, 'grid')).toBe(true);
    expect(roleWritesLevel(street, 'department')).toBe(true);
    expect(roleWritesLevel(street, 'community')).toBe(false);
    expect(roleWritesLevel(community, 'grid')).toBe(true);
    expect(roleWritesLevel(community, 'department')).toBe(false);
    for (const a of [sec, aud, grid, dept, resident])
      for (const l of ['grid', 'department', 'street'] as OrgLevel[]) expect(roleWritesLevel(a, l), `${a.role} ${l}`).toBe(false);
  });

  it('writes strictly below the own org, never the own org itself', () => {
    expect(canWriteAt(street, 'grid', P.grid)).toBe(true);
    expect(canWriteAt(street, 'department', P.dept)).toBe(true);
    expect(canWriteAt(community, 'grid', P.grid)).toBe(true);
    expect(canWriteAt(community, 'grid', P.community)).toBe(false); // own org
    expect(canWriteAt(street, 'grid', '/1/2/3/4/9/10/11/')).toBe(false); // another street's grid
    expect(canWriteAt(sys, 'province', P.province)).toBe(true);
    expect(canWriteAt(sys, 'root', P.root)).toBe(false);
    expect(canWriteAt(grid, 'grid', P.grid)).toBe(false);
  });

  it('creates children only where the level fits the parent and the parent is in scope', () => {
    expect(canCreateUnder(sys, { level: 'root', path: P.root }, 'province')).toBe(true);
    expect(canCreateUnder(sys, { level: 'root', path: P.root }, 'city')).toBe(false);
    expect(canCreateUnder(sys, { level: 'district', path: P.district }, 'department')).toBe(true);
    expect(canCreateUnder(sys, { level: 'community', path: P.community }, 'department')).toBe(false);
    expect(canCreateUnder(street, { level: 'street', path: P.street }, 'department')).toBe(true);
    expect(canCreateUnder(street, { level: 'community', path: P.community }, 'grid')).toBe(true);
    expect(canCreateUnder(street, { level: 'street', path: P.street }, 'community')).toBe(false);
    expect(canCreateUnder(street, { level: 'community', path: P.otherCommunity }, 'grid')).toBe(false);
    expect(canCreateUnder(community, { level: 'community', path: P.community }, 'grid')).toBe(true);
    expect(canCreateUnder(grid, { level: 'community', path: P.community }, 'grid')).toBe(false);
  });

  it('orgActions lists what the UI may offer', () => {
    expect(orgActions(sys, { level: 'root', path: P.root })).toEqual(['create_child']);
    expect(orgActions(sys, { level: 'street', path: P.street })).toEqual(['create_child', 'update', 'delete']);
    expect(orgActions(sys, { level: 'grid', path: P.grid })).toEqual(['update', 'delete']);
    expect(orgActions(street, { level: 'street', path: P.street })).toEqual(['create_child']);
    expect(orgActions(street, { level: 'community', path: P.community })).toEqual(['create_child']);
    expect(orgActions(street, { level: 'grid', path: P.grid })).toEqual(['update', 'delete']);
    expect(orgActions(community, { level: 'community', path: P.community })).toEqual(['create_child']);
    expect(orgActions(grid, { level: 'grid', path: P.grid })).toEqual([]);
    expect(orgActions(sec, { level: 'street', path: P.street })).toEqual([]);
  });
});

describe('creatable child levels (what the create form offers)', () => {
  it('follows both the hierarchy and the role', () => {
    expect(creatableChildLevels(sys, { level: 'street', path: P.street })).toEqual(['community', 'department']);
    expect(creatableChildLevels(street, { level: 'street', path: P.street })).toEqual(['department']);
    expect(creatableChildLevels(street, { level: 'community', path: P.community })).toEqual(['grid']);
    expect(creatableChildLevels(community, { level: 'community', path: P.community })).toEqual(['grid']);
    expect(creatableChildLevels(community, { level: 'community', path: P.otherCommunity })).toEqual([]);
    expect(creatableChildLevels(grid, { level: 'grid', path: P.grid })).toEqual([]);
  });
});

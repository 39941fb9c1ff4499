import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import { ROLES } from '../../core/roles.js';
import {
  ROLE_ORG_LEVELS, canAssignRole, canCreateUser, canListUsers, canRevealUserPhone, canSecureUser, canUpdateUser,
  isAdminRole, mayUseTotp, userActions,
} from './policy.js';

const STREET = '/1/2/3/4/5/';
const COMMUNITY = '/1/2/3/4/5/6/';
const OTHER_STREET = '/1/2/3/4/9/';

let nextId = 100;
function actor(role: Role, orgPath: string, orgLevel: OrgLevel = 'root'): Actor {
  return {
    userId: nextId++, username: role, displayName: role, role, orgId: 1, orgName: 'o', orgLevel, orgCode: 'x',
    orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
  };
}
const sys = actor('sysAdmin', '/1/');
const sec = actor('securityAdmin', '/1/');
const aud = actor('auditAdmin', '/1/');
const street = actor('streetStaff', STREET, 'street');
const community = actor('communityWorker', COMMUNITY, 'community');
const grid = actor('gridWorker', COMMUNITY + '7/', 'grid');
const resident = actor('resident', COMMUNITY, 'community');
const target = (role: Role, orgPath: string, id = 1) => ({ id, role, orgPath });

describe('三员分立: who may make which accounts', () => {
  it('nobody assigns an admin role through the app (the CLI makes admins)', () => {
    for (const a of [sys, sec, aud, street, community, grid, resident])
      for (const r of ['sysAdmin', 'securityAdmin', 'auditAdmin'] as Role[]) expect(canAssignRole(a, r), `${a.role}→${r}`).toBe(false);
  });

  it('the system admin makes every business role; the street staff those below a street', () => {
    for (const r of ['streetStaff', 'communityWorker', 'gridWorker', 'departmentStaff', 'resident'] as Role[])
      expect(canAssignRole(sys, r), r).toBe(true);
    expect(canAssignRole(street, 'streetStaff')).toBe(false);
    for (const r of ['communityWorker', 'gridWorker', 'departmentStaff', 'resident'] as Role[]) expect(canAssignRole(street, r), r).toBe(true);
  });

  it('the security and audit admins, community workers and grid workers make no accounts', () => {
    for (const a of [sec, aud, community, grid, resident])
      for (const r of ROLES) expect(canAssignRole(a, r), `${a.role}→${r}`).toBe(false);
  });

  it('creating also needs the target org in scope', () => {
    expect(canCreateUser(street, 'communityWorker', COMMUNITY)).toBe(true);
    expect(canCreateUser(street, 'communityWorker', OTHER_STREET + '10/')).toBe(false);
    expect(canCreateUser(sys, 'streetStaff', OTHER_STREET)).toBe(true);
  });
});

describe('updating and securing', () => {
  it('nobody edits or secures their own account', () => {
    expect(canUpdateUser(sys, target('streetStaff', STREET, sys.userId))).toBe(false);
    expect(canSecureUser(sec, target('securityAdmin', '/1/', sec.userId))).toBe(false);
    expect(canUpdateUser(street, target('streetStaff', STREET, street.userId))).toBe(false);
  });

  it('profile edits follow role management and scope', () => {
    expect(canUpdateUser(sys, target('gridWorker', COMMUNITY + '7/'))).toBe(true);
    expect(canUpdateUser(sys, target('securityAdmin', '/1/'))).toBe(false);
    expect(canUpdateUser(street, target('gridWorker', COMMUNITY + '7/'))).toBe(true);
    expect(canUpdateUser(street, target('gridWorker', OTHER_STREET + '10/11/'))).toBe(false);
    expect(canUpdateUser(street, target('streetStaff', STREET))).toBe(false); // a peer
    expect(canUpdateUser(sec, target('gridWorker', COMMUNITY))).toBe(false);
  });

  it('status, resets and unlocks are the security admin’s, in scope, for any other account', () => {
    expect(canSecureUser(sec, target('sysAdmin', '/1/'))).toBe(true);
    expect(canSecureUser(sec, target('gridWorker', COMMUNITY))).toBe(true);
    for (const a of [sys, aud, street, community]) expect(canSecureUser(a, target('gridWorker', COMMUNITY)), a.role).toBe(false);
  });

  it('revealing a phone needs pi.reveal and scope', () => {
    expect(canRevealUserPhone(sec, target('gridWorker', COMMUNITY))).toBe(true);
    expect(canRevealUserPhone(street, target('gridWorker', COMMUNITY))).toBe(true);
    expect(canRevealUserPhone(street, target('gridWorker', OTHER_STREET))).toBe(false);
    for (const a of [sys, aud, community, grid]) expect(canRevealUserPhone(a, target('gridWorker', COMMUNITY)), a.role).toBe(false);
  });

  it('user listing: staff with user.read only', () => {
    for (const a of [sys, sec, street, community]) expect(canListUsers(a), a.role).toBe(true);
    for (const a of [aud, grid, resident]) expect(canListUsers(a), a.role).toBe(false);
  });
});

describe('userActions', () => {
  const t = (extra: Partial<{ status: string; lockedUntil: Date | null; hasPhone: boolean }> = {}) =>
    ({ ...target('communityWorker', COMMUNITY), status: 'active', lockedUntil: null, hasPhone: true, ...extra });

  it('the system admin may update; the security admin secures and reveals', () => {
    expect(userActions(sys, t())).toEqual(['update']);
    expect(userActions(sec, t())).toEqual(['disable', 'reset_password', 'reveal_phone']);
    expect(userActions(sec, t({ status: 'disabled', hasPhone: false }))).toEqual(['enable', 'reset_password']);
  });

  it('unlock is offered only while the lock lasts', () => {
    expect(userActions(sec, t({ lockedUntil: new Date(Date.now() + 60_000) }))).toContain('unlock');
    expect(userActions(sec, t({ lockedUntil: new Date(Date.now() - 60_000) }))).not.toContain('unlock');
  });

  it('street staff update and reveal in scope; the audit admin gets nothing', () => {
    expect(userActions(street, t())).toEqual(['update', 'reveal_phone']);
    expect(userActions(aud, t())).toEqual([]);
  });
});

describe('role ↔ org level and TOTP', () => {
  it('binds each role to the levels it works at', () => {
    expect(ROLE_ORG_LEVELS.streetStaff).toEqual(['city', 'district', 'street']);
    expect(ROLE_ORG_LEVELS.gridWorker).toEqual(['grid']);
    expect(ROLE_ORG_LEVELS.departmentStaff).toEqual(['department']);
    expect(ROLE_ORG_LEVELS.resident).toEqual(['community', 'grid']);
    for (const r of ['sysAdmin', 'securityAdmin', 'auditAdmin'] as Role[]) {
      expect(ROLE_ORG_LEVELS[r]).toContain('root');
      expect(ROLE_ORG_LEVELS[r]).not.toContain('street');
      expect(isAdminRole(r)).toBe(true);
    }
    expect(isAdminRole('streetStaff')).toBe(false);
    for (const r of ROLES) expect(ROLE_ORG_LEVELS[r].length, r).toBeGreaterThan(0);
  });

  it('staff may use TOTP, residents not', () => {
    expect(mayUseTotp({ role: 'gridWorker' })).toBe(true);
    expect(mayUseTotp({ role: 'sysAdmin' })).toBe(true);
    expect(mayUseTotp({ role: 'resident' })).toBe(false);
  });
});

import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import { ADMIN_ROLES, hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Accounts policy: pure functions of (actor, action, target). Unit-tested without a DB.
 * 三员分立: admin accounts are made only by the CLI; the system admin manages business
 * accounts, the security admin their credentials and status, the audit admin nothing here.
 */
export interface UserTarget { id: number; role: Role; orgPath: string }

const MANAGEABLE: Partial<Record<Role, readonly Role[]>> = {
  sysAdmin: ['streetStaff', 'communityWorker', 'gridWorker', 'departmentStaff', 'socialOrgStaff', 'resident'],
  streetStaff: ['communityWorker', 'gridWorker', 'departmentStaff', 'socialOrgStaff', 'resident'],
};

/** Which org levels an account of each role may be bound to. */
export const ROLE_ORG_LEVELS: Record<Role, readonly OrgLevel[]> = {
  sysAdmin: ['root', 'province', 'city', 'district'],
  securityAdmin: ['root', 'province', 'city', 'district'],
  auditAdmin: ['root', 'province', 'city', 'district'],
  // Government staff: the street office, and the district and city above it (dashboards, supervision).
  streetStaff: ['city', 'district', 'street'],
  communityWorker: ['community'],
  gridWorker: ['grid'],
  departmentStaff: ['department'],
  // A social organization's staff: bound to the street or community it serves.
  socialOrgStaff: ['street', 'community'],
  resident: ['community', 'grid'],
};

export const isAdminRole = (r: Role) => ADMIN_ROLES.includes(r);
export const mayUseTotp = (a: Pick<Actor, 'role'>) => a.role !== 'resident';
export const canListUsers = (a: Actor) => hasPermission(a.role, 'user.read');

/** The roles the actor may give accounts, each with the org levels it may be bound to (for forms). */
export function roleOptions(a: Actor): { role: Role; orgLevels: OrgLevel[] }[] {
  if (!hasPermission(a.role, 'user.write')) return [];
  return (MANAGEABLE[a.role] ?? []).map((role) => ({ role, orgLevels: [...ROLE_ORG_LEVELS[role]] }));
}

export function canAssignRole(a: Actor, role: Role): boolean {
  return hasPermission(a.role, 'user.write') && (MANAGEABLE[a.role] ?? []).includes(role);
}

export function canCreateUser(a: Actor, role: Role, orgPath: string): boolean {
  return canAssignRole(a, role) && pathInScope(a, orgPath);
}

export function canUpdateUser(a: Actor, t: UserTarget): boolean {
  return t.id !== a.userId && canAssignRole(a, t.role) && pathInScope(a, t.orgPath);
}

/** Enabling/disabling, password resets and unlocking are the security admin's work. */
export function canSecureUser(a: Actor, t: UserTarget): boolean {
  return hasPermission(a.role, 'user.security') && t.id !== a.userId && pathInScope(a, t.orgPath);
}

export function canRevealUserPhone(a: Actor, t: UserTarget): boolean {
  return hasPermission(a.role, 'pi.reveal') && pathInScope(a, t.orgPath);
}

export function userActions(a: Actor, t: UserTarget & { status: string; lockedUntil: Date | null; hasPhone: boolean }): string[] {
  const out: string[] = [];
  if (canUpdateUser(a, t)) out.push('update');
  if (canSecureUser(a, t)) {
    out.push(t.status === 'active' ? 'disable' : 'enable', 'reset_password');
    if (t.lockedUntil && t.lockedUntil > new Date()) out.push('unlock');
  }
  if (t.hasPhone && canRevealUserPhone(a, t)) out.push('reveal_phone');
  return out;
}

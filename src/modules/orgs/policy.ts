import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import { childLevels } from './rules.js';

/**
 * Orgs policy. Reading: anything in scope. Writing: strictly below the actor's own org,
 * and only the levels the role looks after (streets run their grids and departments,
 * communities their grids; the system admin the whole tree).
 */
const WRITABLE: Partial<Record<Role, readonly OrgLevel[]>> = {
  sysAdmin: ['province', 'city', 'district', 'street', 'community', 'grid', 'department'],
  streetStaff: ['grid', 'department'],
  communityWorker: ['grid'],
};

export interface OrgTarget { level: OrgLevel; path: string }

export const canReadOrgs = (a: Actor) => hasPermission(a.role, 'org.read');
export const canImportDivisions = (a: Actor) => hasPermission(a.role, 'org.import');

export const roleWritesLevel = (a: Actor, level: OrgLevel) =>
  hasPermission(a.role, 'org.write') && (WRITABLE[a.role] ?? []).includes(level);

export function canReadOrg(a: Actor, o: OrgTarget): boolean {
  return canReadOrgs(a) && pathInScope(a, o.path);
}

/** May the actor create/edit/delete a node of `level` located at `path`? */
export function canWriteAt(a: Actor, level: OrgLevel, path: string): boolean {
  return roleWritesLevel(a, level) && pathInScope(a, path) && path !== a.orgPath;
}

/** Creating under `parent`: the new node is strictly below the parent. */
export function canCreateUnder(a: Actor, parent: OrgTarget, level: OrgLevel): boolean {
  return roleWritesLevel(a, level) && pathInScope(a, parent.path) && childLevels(parent.level).includes(level);
}

/**
 * Everything about the actor that `orgActions` reads. Presented orgs are cached per view
 * (orgs/cache.ts), so a rule that starts to depend on more of the actor must add it here.
 */
export const actionsView = (a: Actor) => `${a.role}\n${a.orgPath}`;

export function creatableChildLevels(a: Actor, o: OrgTarget): OrgLevel[] {
  return childLevels(o.level).filter((l) => canCreateUnder(a, o, l));
}

export function orgActions(a: Actor, o: OrgTarget): string[] {
  const out: string[] = [];
  if (creatableChildLevels(a, o).length) out.push('create_child');
  if (canWriteAt(a, o.level, o.path)) out.push('update', 'delete');
  return out;
}

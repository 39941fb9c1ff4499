/**
 * Tables that hang off an org carry its id and its path (data scope is a prefix match on
 * that path). Modules register such tables here so the orgs module can (a) refuse to
 * delete an org that still owns rows and (b) rewrite the copied paths when a subtree moves,
 * without knowing the other modules' tables.
 */
export interface OrgDependent {
  table: string;
  orgIdColumn: string;
  orgPathColumn: string;
  label: { zh: string; en: string };
}

const registry: OrgDependent[] = [];

export function registerOrgDependent(d: OrgDependent): void {
  // A table may carry several org references (a request's area and its handler): one entry each.
  if (!registry.some((r) => r.table === d.table && r.orgPathColumn === d.orgPathColumn)) registry.push(d);
}

export function orgDependents(): readonly OrgDependent[] {
  return registry;
}

import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from './context.js';

/**
 * Data scope: a user sees exactly the org subtree under their own org. Every business
 * table carries the owning org's materialized path, so the whole rule is one prefix
 * match that a btree index on the (C-collated) path column answers.
 * This file is the only place the rule is written down; repositories call `inScope`.
 */
export function inScope(actor: Pick<Actor, 'orgPath'>, pathColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(pathColumn)} LIKE ${scopePattern(actor.orgPath)}`;
}

export function scopePattern(orgPath: string): string {
  // Paths hold only digits and '/', so no LIKE wildcard needs escaping; assert it anyway.
  if (!/^(\/\d+)+\/$/.test(orgPath)) throw new Error(`malformed org path ${orgPath}`);
  return orgPath + '%';
}

/** The same rule for a path already in memory. */
export function pathInScope(actor: Pick<Actor, 'orgPath'>, path: string): boolean {
  return path.startsWith(actor.orgPath);
}

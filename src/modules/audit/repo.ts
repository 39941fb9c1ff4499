import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';

export interface AuditFilter {
  actor?: string; action?: string; entityType?: string; entityId?: string;
  outcome?: 'success' | 'failure' | 'denied'; from?: string; to?: string;
}

/** Audit records in the actor's scope; records with no org (e.g. unknown-user logins) are shown to a root-level auditor. */
function filtered(db: Database, actor: Actor, f: AuditFilter) {
  let qb = db.selectFrom('audit_log as a').where((eb) =>
    actor.orgPath === '/1/' ? eb.or([inScope(actor, 'a.org_path'), eb('a.org_path', 'is', null)]) : inScope(actor, 'a.org_path'));
  if (f.actor) qb = qb.where('a.actor_name', '=', f.actor);
  if (f.action) qb = qb.where('a.action', 'like', f.action.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  if (f.entityType) qb = qb.where('a.entity_type', '=', f.entityType);
  if (f.entityId) qb = qb.where('a.entity_id', '=', f.entityId);
  if (f.outcome) qb = qb.where('a.outcome', '=', f.outcome);
  if (f.from) qb = qb.where('a.at', '>=', new Date(f.from));
  if (f.to) qb = qb.where('a.at', '<=', new Date(f.to));
  return qb;
}

export function search(db: Database, actor: Actor, f: AuditFilter, page: PageQuery) {
  return filtered(db, actor, f).selectAll('a').select(sql<number>`count(*) over()`.as('total'))
    .orderBy('a.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

export function exportBatch(db: Database, actor: Actor, f: AuditFilter, beforeId: number, size: number) {
  return filtered(db, actor, f).selectAll('a').where('a.id', '<', beforeId).orderBy('a.id', 'desc').limit(size).execute();
}

export function chainBatch(db: Database, afterId: number, size: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(size).execute();
}

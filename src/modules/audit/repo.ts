import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { errors } from '../../core/errors.js';
import type { PageQuery } from '../../core/schemas.js';

export interface AuditFilter {
  actor?: string; action?: string; entityType?: string; entityId?: string;
  outcome?: 'success' | 'failure' | 'denied'; from?: string; to?: string;
}

/** The date-time format admits a leap second (23:59:60), which a Date cannot hold. */
function when(field: 'from' | 'to', v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw errors.field(field, { zh: '不是有效的时间', en: 'is not a valid date-time' });
  return d;
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
  if (f.from) qb = qb.where('a.at', '>=', when('from', f.from));
  if (f.to) qb = qb.where('a.at', '<=', when('to', f.to));
  return qb;
}

export function search(db: Database, actor: Actor, f: AuditFilter, page: PageQuery) {
  return filtered(db, actor, f).selectAll('a').select(sql<number>`count(*) over()`.as('total'))
    .orderBy('a.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

export async function count(db: Database, actor: Actor, f: AuditFilter): Promise<number> {
  const r = await filtered(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export function exportBatch(db: Database, actor: Actor, f: AuditFilter, beforeId: number, size: number) {
  return filtered(db, actor, f).selectAll('a').where('a.id', '<', beforeId).orderBy('a.id', 'desc').limit(size).execute();
}

export function chainBatch(db: Database, afterId: number, size: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(size).execute();
}

import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';

type Q = Database | Transaction<DB>;
type Status = 'open' | 'accepted' | 'rejected';

const cols = [
  'c.id', 'c.resident_id', 'c.org_path', 'r.name as resident_name', 'r.status as resident_status', 'c.field', 'c.message',
  'c.status', 'c.reply', 'c.created_at', 'c.handled_at',
] as const;

export function insertCorrection(trx: Q, c: { residentId: number; orgId: number; orgPath: string; requestedBy: number; field: string; message: string }) {
  return trx.insertInto('correction_request').values({
    resident_id: c.residentId, org_id: c.orgId, org_path: c.orgPath, requested_by: c.requestedBy, field: c.field, message: c.message,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function openCount(db: Q, residentId: number): Promise<number> {
  const r = await db.selectFrom('correction_request').select(sql<number>`count(*)::int`.as('n'))
    .where('resident_id', '=', residentId).where('status', '=', 'open').executeTakeFirstOrThrow();
  return r.n;
}

function inScopeFiltered(db: Q, actor: Actor, status: Status | undefined) {
  let qb = db.selectFrom('correction_request as c').innerJoin('resident as r', 'r.id', 'c.resident_id').where(inScope(actor, 'c.org_path'));
  if (status) qb = qb.where('c.status', '=', status);
  return qb;
}

/** Worker side: requests inside the actor's scope, newest first. */
export function listInScope(db: Q, actor: Actor, status: Status | undefined, page: PageQuery) {
  return inScopeFiltered(db, actor, status).select(cols).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('c.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

export async function countInScope(db: Q, actor: Actor, status: Status | undefined): Promise<number> {
  return (await inScopeFiltered(db, actor, status).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

/** Resident side: the requests the signed-in resident made about their own record. */
export function listOwn(db: Q, userId: number, residentId: number, page: PageQuery) {
  return db.selectFrom('correction_request as c').innerJoin('resident as r', 'r.id', 'c.resident_id')
    .select(cols).select(sql<number>`count(*) over()`.as('total'))
    .where('c.requested_by', '=', userId).where('c.resident_id', '=', residentId)
    .orderBy('c.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

export async function countOwn(db: Q, userId: number, residentId: number): Promise<number> {
  return (await db.selectFrom('correction_request').select(sql<number>`count(*)::int`.as('n'))
    .where('requested_by', '=', userId).where('resident_id', '=', residentId).executeTakeFirstOrThrow()).n;
}

export function getOwn(db: Q, id: number) {
  return db.selectFrom('correction_request as c').innerJoin('resident as r', 'r.id', 'c.resident_id').select(cols).where('c.id', '=', id).executeTakeFirstOrThrow();
}

export function lockInScope(trx: Transaction<DB>, actor: Actor, id: number) {
  return trx.selectFrom('correction_request as c').selectAll('c').where('c.id', '=', id).where(inScope(actor, 'c.org_path')).forUpdate().executeTakeFirst();
}

export function getInScope(db: Q, actor: Actor, id: number) {
  return inScopeFiltered(db, actor, undefined).select(cols).where('c.id', '=', id).executeTakeFirst();
}

export function handle(trx: Q, id: number, h: { status: 'accepted' | 'rejected'; reply: string; handledBy: number }) {
  return trx.updateTable('correction_request').set({ status: h.status, reply: h.reply, handled_by: h.handledBy, handled_at: sql`now()` })
    .where('id', '=', id).execute();
}

/** A moved resident's requests go with them to the workers of the new org. */
export function followResident(trx: Q, residentId: number, org: { id: number; path: string }) {
  return trx.updateTable('correction_request').set({ org_id: org.id, org_path: org.path }).where('resident_id', '=', residentId).execute();
}

/** Messages may quote the person's details: anonymization blanks them and closes open requests. */
export function anonymizeFor(trx: Q, residentId: number) {
  return trx.updateTable('correction_request')
    .set({ message: '已匿名', status: sql`CASE WHEN status = 'open' THEN 'rejected' ELSE status END`, reply: sql`CASE WHEN status = 'open' THEN '居民信息已匿名化' ELSE reply END`, handled_at: sql`coalesce(handled_at, now())` })
    .where('resident_id', '=', residentId).execute();
}

export type CorrectionView = Awaited<ReturnType<typeof getOwn>>;

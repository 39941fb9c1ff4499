import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { TrancheStatus } from '../../db/schema-projects.js';
import type { PageQuery } from '../../core/schemas.js';
import type { Q } from './repo.js';

/** A project's timeline records: bids and scores, milestones, activities, beneficiaries, tranches, supervision. */
export async function bidsOf(db: Q, projectId: number) {
  return db.selectFrom('project_bid').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
}
export async function lockBid(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('project_bid').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function scoresBy(db: Q, reviewerId: number, bidIds: number[]) {
  if (!bidIds.length) return [];
  return db.selectFrom('project_bid_score').select(['bid_id', 'scores']).where('reviewer_id', '=', reviewerId).where('bid_id', 'in', bidIds).execute();
}

export async function milestonesOf(db: Q, projectId: number) {
  return db.selectFrom('project_milestone').selectAll().where('project_id', '=', projectId).orderBy('due_on').orderBy('id').execute();
}
export async function activitiesOf(db: Q, projectId: number) {
  return db.selectFrom('project_activity').selectAll().where('project_id', '=', projectId).orderBy('held_on').orderBy('id').execute();
}
export async function beneficiariesOf(db: Q, projectId: number) {
  return db.selectFrom('project_beneficiary as b').leftJoin('resident as r', 'r.id', 'b.resident_id')
    .select(['b.id', 'b.served_on', 'b.count', 'b.note', 'r.name as resident_name']).where('b.project_id', '=', projectId)
    .orderBy('b.served_on').orderBy('b.id').execute();
}
export async function supervisionOf(db: Q, projectId: number) {
  return db.selectFrom('project_supervision').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
}
export async function supervisionById(db: Q, id: number) {
  return db.selectFrom('project_supervision').selectAll().where('id', '=', id).executeTakeFirst();
}

// ── Tranches ──
export const trancheCols = (db: Q) => db.selectFrom('project_tranche as t').innerJoin('project as p', 'p.id', 't.project_id')
  .innerJoin('app_user as ur', 'ur.id', 't.requested_by')
  .leftJoin('app_user as ua', 'ua.id', 't.approved_by').leftJoin('app_user as up', 'up.id', 't.paid_by').leftJoin('app_user as uj', 'uj.id', 't.rejected_by')
  .selectAll('t').select(['p.title as project_title', 'p.status as project_status', 'ur.display_name as requested_name', 'ua.display_name as approved_name',
    'up.display_name as paid_name', 'uj.display_name as rejected_name']);
export type TrancheView = Awaited<ReturnType<typeof tranchesOf>>[number];

export async function tranchesOf(db: Q, projectId: number) {
  return trancheCols(db).where('t.project_id', '=', projectId).orderBy('t.seq').execute();
}
export async function trancheById(db: Q, id: number) {
  return trancheCols(db).where('t.id', '=', id).executeTakeFirst();
}
export async function nextSeq(trx: Transaction<DB>, projectId: number) {
  const r = await trx.selectFrom('project_tranche').select(sql<number>`coalesce(max(seq), 0)::int + 1`.as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
  return r.n;
}

export interface TrancheFilter { projectId?: number; status?: TrancheStatus }
function trancheQuery(db: Q, visible: Expression<SqlBool>, f: TrancheFilter) {
  let qb = trancheCols(db).where(visible);
  if (f.projectId) qb = qb.where('t.project_id', '=', f.projectId);
  if (f.status) qb = qb.where('t.status', '=', f.status);
  return qb;
}
export async function listTranches(db: Q, visible: Expression<SqlBool>, f: TrancheFilter, page: PageQuery) {
  return trancheQuery(db, visible, f).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('t.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countTranches(db: Q, visible: Expression<SqlBool>, f: TrancheFilter) {
  const r = await db.selectFrom(trancheQuery(db, visible, f).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
export async function trancheBatch(db: Q, visible: Expression<SqlBool>, f: TrancheFilter, afterId: number, limit: number) {
  return trancheQuery(db, visible, f).where('t.id', '>', afterId).orderBy('t.id').limit(limit).execute();
}

import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../core/context.js';
import type { PageQuery } from '../../core/schemas.js';
import { scopePattern } from '../../core/scope.js';
import { visible, type Q } from './repo.js';

/** Implementation records of a project (milestones, spending, photos, comments, ratings). */
export const milestonesOf = (db: Q, projectId: number) =>
  db.selectFrom('micro_milestone').selectAll().where('project_id', '=', projectId).orderBy('planned_on').orderBy('id').execute();
export const spendingOf = (db: Q, projectId: number) =>
  db.selectFrom('micro_spending').selectAll().where('project_id', '=', projectId).orderBy('spent_on').orderBy('id').execute();
export const photosOf = (db: Q, projectId: number) =>
  db.selectFrom('micro_photo').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
export const ratingsOf = (db: Q, projectId: number) =>
  db.selectFrom('micro_rating').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(200).execute();
export const lockMilestone = (db: Q, id: number) =>
  db.selectFrom('micro_milestone').selectAll().where('id', '=', id).executeTakeFirst();

const commentCols = (db: Q) => db.selectFrom('micro_comment as c').innerJoin('micro_project as j', 'j.id', 'c.project_id')
  .select(['c.id', 'c.project_id', 'j.title as project_title', 'c.org_path', 'c.author_id', 'c.author_name', 'c.body', 'c.reply', 'c.replied_at', 'c.created_at']);
export type CommentView = Awaited<ReturnType<typeof commentById>> & {};
export const commentById = (db: Q, id: number) => commentCols(db).where('c.id', '=', id).executeTakeFirst();
export const commentsOfProject = (db: Q, projectId: number) => commentCols(db).where('c.project_id', '=', projectId).orderBy('c.id', 'desc').limit(200).execute();

export interface CommentFilter { projectId?: number; unanswered?: boolean }
function commentQuery(db: Q, actor: Actor, staff: boolean, f: CommentFilter, under: string | null) {
  let qb = commentCols(db).where(visible(actor, staff, 'c.org_path'));
  if (under) qb = qb.where('c.org_path', 'like', scopePattern(under));
  if (f.projectId) qb = qb.where('c.project_id', '=', f.projectId);
  if (f.unanswered) qb = qb.where('c.reply', 'is', null);
  return qb;
}
export async function listComments(db: Q, actor: Actor, staff: boolean, f: CommentFilter, under: string | null, page: PageQuery) {
  return commentQuery(db, actor, staff, f, under).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('c.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countComments(db: Q, actor: Actor, staff: boolean, f: CommentFilter, under: string | null) {
  const r = await db.selectFrom(commentQuery(db, actor, staff, f, under).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export interface SpendingFilter { projectId?: number; budgetId?: number; from?: string; to?: string }
/** One export batch of spending records in scope, with their project, in id order after `afterId`. */
export async function spendingBatch(db: Q, actor: Actor, f: SpendingFilter, under: string | null, afterId: number, limit: number) {
  let qb = db.selectFrom('micro_spending as s').innerJoin('micro_project as j', 'j.id', 's.project_id').innerJoin('org as o', 'o.id', 's.org_id')
    .innerJoin('micro_budget as b', 'b.id', 'j.budget_id')
    .select(['s.id', 's.project_id', 'j.title', 'o.name as org_name', 'b.year', 'j.cost_fen', 's.amount_fen', 's.spent_on', 's.payee', 's.note', 's.created_at'])
    .where(visible(actor, true, 's.org_path')).where('s.id', '>', afterId);
  if (under) qb = qb.where('s.org_path', 'like', scopePattern(under));
  if (f.projectId) qb = qb.where('s.project_id', '=', f.projectId);
  if (f.budgetId) qb = qb.where('j.budget_id', '=', f.budgetId);
  if (f.from) qb = qb.where(sql<SqlBool>`s.spent_on >= ${f.from}::date`);
  if (f.to) qb = qb.where(sql<SqlBool>`s.spent_on <= ${f.to}::date`);
  return qb.orderBy('s.id').limit(limit).execute();
}

/** Whether the image is a photo of a proposal or a project the viewer may see (checked by the caller per record). */
export async function photoOwner(db: Q, attachmentId: number) {
  const project = await db.selectFrom('micro_photo').select(['project_id', 'org_path']).where('attachment_id', '=', attachmentId).executeTakeFirst();
  const proposals = await db.selectFrom('micro_proposal').select(['id', 'org_path', 'proposer_id', 'status'])
    .where(sql<SqlBool>`photo_ids @> ARRAY[${attachmentId}]::bigint[]`).limit(20).execute();
  return { project, proposals };
}

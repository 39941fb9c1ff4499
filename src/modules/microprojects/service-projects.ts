import type { Transaction } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import { ownAttachments } from '../gridwork/service-attachments.js';
import * as repo from './repo.js';
import * as impl from './repo-impl.js';
import * as policy from './policy.js';
import { iso, presentComment, presentMilestone, presentPhoto, presentProjectSummary, presentRating, presentSpending } from './present.js';
import { checkDay, underPathOf, viewerKind, wrongStatus } from './common.js';
import { averageScore, yuan } from './rules.js';
import { statusZh } from './common.js';

/** 实施: a winning proposal's milestones, spending and photos, public to the community's residents. */
export async function getProject(ctx: AuthedCtx, id: number) {
  viewerKind(ctx);
  const db = ctx.deps.db;
  const j = await repo.projectById(db, id);
  if (!j || !policy.seesCommunity(ctx.actor, j.org_path)) throw errors.notFound('microProject');
  const [proposal, milestones, spending, photos, comments, ratings] = await Promise.all([
    repo.proposalById(db, j.proposal_id), impl.milestonesOf(db, id), impl.spendingOf(db, id), impl.photosOf(db, id), impl.commentsOfProject(db, id), impl.ratingsOf(db, id),
  ]);
  const mine = ratings.find((r) => r.user_id === ctx.actor.userId)
    ?? await db.selectFrom('micro_rating').selectAll().where('project_id', '=', id).where('user_id', '=', ctx.actor.userId).executeTakeFirst();
  return {
    ...presentProjectSummary(ctx.actor, j, mine !== undefined), description: proposal!.description, location: proposal!.location, completionNote: j.completion_note,
    milestones: milestones.map(presentMilestone), spending: spending.map(presentSpending), photos: photos.map(presentPhoto),
    comments: comments.map((c) => presentComment(ctx.actor, c)), ratings: ratings.map((r) => presentRating(ctx.actor, r)),
    myRating: mine ? presentRating(ctx.actor, mine) : null,
  };
}

export async function listProjects(ctx: AuthedCtx, f: repo.ProjectFilter, page: PageQuery) {
  const staff = viewerKind(ctx);
  const under = await underPathOf(ctx, f.orgId, staff);
  const rows = await repo.listProjects(ctx.deps.db, ctx.actor, staff, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countProjects(ctx.deps.db, ctx.actor, staff, f, under));
  const rated = new Set(rows.length && policy.canSelf(ctx.actor)
    ? (await ctx.deps.db.selectFrom('micro_rating').select('project_id').where('user_id', '=', ctx.actor.userId).where('project_id', 'in', rows.map((r) => r.id)).execute()).map((r) => r.project_id)
    : []);
  return paged(rows.map((j) => presentProjectSummary(ctx.actor, j, rated.has(j.id))), total, page);
}

/** Locks a project the actor manages; implementation records need it still implementing. */
async function managedProject(trx: Transaction<DB>, ctx: AuthedCtx, id: number, implementing = true) {
  const j = await repo.lockProject(trx, id);
  if (!j || !policy.seesCommunity(ctx.actor, j.org_path)) throw errors.notFound('microProject');
  if (!policy.canManageAt(ctx.actor, j.org_path)) throw errors.forbidden();
  if (implementing && j.status !== 'implementing') throw wrongStatus('PROJECT_STATUS', j.status);
  return j;
}

export async function addMilestone(ctx: AuthedCtx, id: number, input: { title: string; plannedOn: string; doneOn?: string | null; note?: string }) {
  checkDay('plannedOn', input.plannedOn);
  checkDay('doneOn', input.doneOn);
  await inTransaction(ctx, async (trx) => {
    const j = await managedProject(trx, ctx, id);
    const m = await trx.insertInto('micro_milestone').values({
      project_id: id, org_id: j.org_id, org_path: j.org_path, title: input.title.trim(), planned_on: input.plannedOn, done_on: input.doneOn ?? null,
      note: input.note?.trim() ?? '', created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'microMilestone.create', entityType: 'microProject', entityId: id, orgPath: j.org_path, detail: { milestoneId: m.id, title: input.title } });
  });
  return getProject(ctx, id);
}

export async function updateMilestone(ctx: AuthedCtx, milestoneId: number, input: { title?: string; plannedOn?: string; doneOn?: string | null; note?: string }) {
  checkDay('plannedOn', input.plannedOn);
  checkDay('doneOn', input.doneOn);
  const m = await impl.lockMilestone(ctx.deps.db, milestoneId);
  if (!m || !policy.seesCommunity(ctx.actor, m.org_path)) throw errors.notFound('milestone');
  await inTransaction(ctx, async (trx) => {
    const j = await managedProject(trx, ctx, m.project_id);
    await trx.updateTable('micro_milestone').set({
      ...(input.title !== undefined ? { title: input.title.trim() } : {}), ...(input.plannedOn !== undefined ? { planned_on: input.plannedOn } : {}),
      ...(input.doneOn !== undefined ? { done_on: input.doneOn } : {}), ...(input.note !== undefined ? { note: input.note.trim() } : {}), updated_at: new Date(),
    }).where('id', '=', milestoneId).execute();
    await recordAudit(trx, ctx, { action: 'microMilestone.update', entityType: 'microProject', entityId: j.id, orgPath: j.org_path, detail: { milestoneId, ...input } });
  });
  return getProject(ctx, m.project_id);
}

/**
 * Records a spending under the project row lock: the project's total never passes its cost
 * (so the budget's spending never passes what was allocated). Two racing for the last
 * amount queue on the lock; the second sees the first's total and is refused.
 */
export async function addSpending(ctx: AuthedCtx, id: number, input: { amountFen: number; spentOn: string; payee: string; note?: string }) {
  checkDay('spentOn', input.spentOn);
  await inTransaction(ctx, async (trx) => {
    const j = await managedProject(trx, ctx, id);
    const left = j.cost_fen - j.spent_fen;
    if (input.amountFen > left)
      throw errors.conflict('OVER_COST', { zh: `超出项目预算：剩余可用 ${yuan(left)} 元`, en: `Over the project's cost: ${yuan(left)} yuan left` }, { amountFen: { zh: `不能超过剩余的 ${yuan(left)} 元`, en: `cannot exceed the ${yuan(left)} yuan left` } });
    const s = await trx.insertInto('micro_spending').values({
      project_id: id, org_id: j.org_id, org_path: j.org_path, amount_fen: input.amountFen, spent_on: input.spentOn, payee: input.payee.trim(),
      note: input.note?.trim() ?? '', recorded_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('micro_project').set({ spent_fen: j.spent_fen + input.amountFen, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'microSpending.create', entityType: 'microProject', entityId: id, orgPath: j.org_path, detail: { spendingId: s.id, amountFen: input.amountFen, payee: input.payee } });
  });
  return getProject(ctx, id);
}

export async function addPhoto(ctx: AuthedCtx, id: number, input: { attachmentId: number; caption?: string }) {
  const own = await ownAttachments(ctx, [input.attachmentId]);
  if (!own.has(input.attachmentId)) throw errors.field('attachmentId', { zh: '只能使用您本人上传的图片', en: 'must be an image you uploaded' });
  await inTransaction(ctx, async (trx) => {
    const j = await managedProject(trx, ctx, id);
    const r = await trx.insertInto('micro_photo').values({
      project_id: id, org_id: j.org_id, org_path: j.org_path, attachment_id: input.attachmentId, caption: input.caption?.trim() ?? '', added_by: ctx.actor.userId,
    }).onConflict((oc) => oc.columns(['project_id', 'attachment_id']).doNothing()).returning('id').executeTakeFirst();
    if (!r) throw errors.conflict('PHOTO_EXISTS', { zh: '该照片已添加', en: 'This photo is already on the project' });
    await recordAudit(trx, ctx, { action: 'microPhoto.create', entityType: 'microProject', entityId: id, orgPath: j.org_path, detail: { attachmentId: input.attachmentId } });
  });
  return getProject(ctx, id);
}

export async function completeProject(ctx: AuthedCtx, id: number, note?: string) {
  await inTransaction(ctx, async (trx) => {
    const j = await managedProject(trx, ctx, id);
    await trx.updateTable('micro_project').set({ status: 'completed', completed_at: new Date(), completion_note: note?.trim() || null, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'microProject.complete', entityType: 'microProject', entityId: id, orgPath: j.org_path, detail: { spentFen: j.spent_fen, costFen: j.cost_fen } });
  });
  return getProject(ctx, id);
}

// ── Supervision and ratings ──
async function residentProject(ctx: AuthedCtx, id: number) {
  const j = await repo.projectById(ctx.deps.db, id);
  if (!j || !policy.seesCommunity(ctx.actor, j.org_path)) throw errors.notFound('microProject');
  if (!policy.residentOf(ctx.actor, j.org_path)) throw errors.forbidden();
  return j;
}

export async function addComment(ctx: AuthedCtx, id: number, body: string) {
  const j = await residentProject(ctx, id);
  await inTransaction(ctx, async (trx) => {
    const c = await trx.insertInto('micro_comment').values({
      project_id: id, org_id: j.org_id, org_path: j.org_path, author_id: ctx.actor.userId, author_name: ctx.actor.displayName.slice(0, 50), body: body.trim(),
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'microComment.create', entityType: 'microProject', entityId: id, orgPath: j.org_path, detail: { commentId: c.id } });
  });
  return getProject(ctx, id);
}

export async function replyComment(ctx: AuthedCtx, commentId: number, reply: string) {
  await inTransaction(ctx, async (trx) => {
    const c = await trx.selectFrom('micro_comment').selectAll().where('id', '=', commentId).forUpdate().executeTakeFirst();
    if (!c || !policy.seesCommunity(ctx.actor, c.org_path)) throw errors.notFound('comment');
    if (!policy.canManageAt(ctx.actor, c.org_path)) throw errors.forbidden();
    await trx.updateTable('micro_comment').set({ reply: reply.trim(), replied_by: ctx.actor.userId, replied_at: new Date() }).where('id', '=', commentId).execute();
    await recordAudit(trx, ctx, { action: 'microComment.reply', entityType: 'microProject', entityId: c.project_id, orgPath: c.org_path, detail: { commentId, replaced: c.reply !== null } });
  });
  const c = await impl.commentById(ctx.deps.db, commentId);
  return presentComment(ctx.actor, c!);
}

export async function listComments(ctx: AuthedCtx, f: impl.CommentFilter & { orgId?: number }, page: PageQuery) {
  const staff = viewerKind(ctx);
  const under = await underPathOf(ctx, f.orgId, staff);
  const rows = await impl.listComments(ctx.deps.db, ctx.actor, staff, f, under, page);
  const total = await pageTotal(rows, page, () => impl.countComments(ctx.deps.db, ctx.actor, staff, f, under));
  return paged(rows.map((c) => presentComment(ctx.actor, c)), total, page);
}

/** 满意度: once per resident, after completion (the unique key refuses a second, also a racing one). */
export async function rateProject(ctx: AuthedCtx, id: number, input: { score: number; comment?: string }) {
  const j = await residentProject(ctx, id);
  if (j.status !== 'completed') throw errors.conflict('PROJECT_NOT_COMPLETED', { zh: '项目完成后才能评价', en: 'A project can be rated once it is completed' });
  await inTransaction(ctx, async (trx) => {
    const r = await trx.insertInto('micro_rating').values({
      project_id: id, org_id: j.org_id, org_path: j.org_path, user_id: ctx.actor.userId, score: input.score, comment: input.comment?.trim() ?? '',
    }).onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing()).returning('id').executeTakeFirst();
    if (!r) throw errors.conflict('ALREADY_RATED', { zh: '您已评价过该项目', en: 'You have already rated this project' });
    await recordAudit(trx, ctx, { action: 'microRating.create', entityType: 'microProject', entityId: id, orgPath: j.org_path, detail: { score: input.score } });
  });
  return getProject(ctx, id);
}

export const SPENDING_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 },
  { header: en ? 'Community' : '社区', key: 'orgName', width: 18 },
  { header: en ? 'Year' : '年度', key: 'year', width: 8 },
  { header: en ? 'Project' : '项目', key: 'title', width: 28 },
  { header: en ? 'Project cost (yuan)' : '项目预算（元）', key: 'cost', width: 14 },
  { header: en ? 'Amount (yuan)' : '金额（元）', key: 'amount', width: 14 },
  { header: en ? 'Date' : '日期', key: 'spentOn', width: 12 },
  { header: en ? 'Payee' : '收款方', key: 'payee', width: 20 },
  { header: en ? 'Note' : '说明', key: 'note', width: 24 },
  { header: en ? 'Recorded' : '登记时间', key: 'createdAt', width: 22 },
];

export async function* exportSpending(ctx: AuthedCtx, f: impl.SpendingFilter & { orgId?: number }): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  checkDay('from', f.from);
  checkDay('to', f.to);
  const under = await underPathOf(ctx, f.orgId, true);
  for await (const s of repo.batches((after) => impl.spendingBatch(ctx.deps.db, ctx.actor, f, under, after, 1000))) {
    yield { id: s.id, orgName: s.org_name, year: s.year, title: s.title, cost: yuan(s.cost_fen), amount: yuan(s.amount_fen), spentOn: s.spent_on, payee: s.payee, note: s.note, createdAt: iso(s.created_at) };
  }
}

export const PROJECT_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 },
  { header: en ? 'Community' : '社区', key: 'orgName', width: 18 },
  { header: en ? 'Year' : '年度', key: 'year', width: 8 },
  { header: en ? 'Project' : '项目', key: 'title', width: 28 },
  { header: en ? 'Approvals' : '得票', key: 'votes', width: 8 },
  { header: en ? 'Cost (yuan)' : '项目预算（元）', key: 'cost', width: 14 },
  { header: en ? 'Spent (yuan)' : '已支出（元）', key: 'spent', width: 14 },
  { header: en ? 'Milestones done' : '完成节点', key: 'milestones', width: 10 },
  { header: en ? 'Rating' : '满意度', key: 'rating', width: 10 },
  { header: en ? 'Status' : '状态', key: 'status', width: 10 },
  { header: en ? 'Completed' : '完工时间', key: 'completedAt', width: 22 },
];

export async function* exportProjects(ctx: AuthedCtx, f: repo.ProjectFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  const under = await underPathOf(ctx, f.orgId, true);
  for await (const j of repo.batches((after) => repo.projectBatch(ctx.deps.db, ctx.actor, f, under, after, 1000))) {
    yield {
      id: j.id, orgName: j.org_name, year: j.year, title: j.title, votes: j.votes, cost: yuan(j.cost_fen), spent: yuan(j.spent_fen),
      milestones: `${j.milestones_done}/${j.milestones_total}`, rating: averageScore(j.rating_sum, j.rating_count) ?? '',
      status: en ? j.status : statusZh(j.status), completedAt: iso(j.completed_at) ?? '',
    };
  }
}

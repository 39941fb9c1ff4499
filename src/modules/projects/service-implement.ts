import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { ROLE_LABELS } from '../../core/roles.js';
import * as rec from './repo-records.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { lockedProject, wrongStatus } from './access.js';
import { getProject } from './service-projects.js';
import { isDate, next, trancheRoom, unspent, yuan } from './rules.js';

/**
 * Implementation (the awardee: milestones, activities, beneficiaries, tranche requests),
 * payment (the street approves and pays tranches), supervision (residents' feedback and
 * complaints, community site visits, staff replies), acceptance and closure.
 */
const awardee = (ctx: AuthedCtx) => (_p: unknown, r: policy.Relation) => policy.isImplementer(ctx.actor) && r.awardee;
const review = (ctx: AuthedCtx) => (p: { org_path: string }) => policy.canReviewAt(ctx.actor, p.org_path);
const badDate = (field: string) => errors.field(field, { zh: '不是有效的日期', en: 'is not a valid date' });

export async function addMilestone(ctx: AuthedCtx, id: number, input: { title: string; dueOn: string }) {
  if (!isDate(input.dueOn)) throw badDate('dueOn');
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, awardee(ctx));
    if (!next('implement', p.status)) throw wrongStatus(p.status);
    const row = await trx.insertInto('project_milestone').values({ project_id: id, org_id: p.org_id, org_path: p.org_path, title: input.title.trim(), due_on: input.dueOn, created_by: ctx.actor.userId })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'project.milestone.create', entityType: 'milestone', entityId: row.id, orgPath: p.org_path, detail: { projectId: id, title: input.title, dueOn: input.dueOn } });
  });
  return getProject(ctx, id);
}

export async function completeMilestone(ctx: AuthedCtx, milestoneId: number, note: string | undefined) {
  const m0 = await ctx.deps.db.selectFrom('project_milestone').select(['project_id']).where('id', '=', milestoneId).executeTakeFirst();
  if (!m0) throw errors.notFound('milestone');
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, m0.project_id, awardee(ctx)).catch((e) => { throw e.status === 404 ? errors.notFound('milestone') : e; });
    if (!next('implement', p.status)) throw wrongStatus(p.status);
    const m = await trx.selectFrom('project_milestone').select(['done_at']).where('id', '=', milestoneId).forUpdate().executeTakeFirstOrThrow();
    if (m.done_at) throw errors.conflict('MILESTONE_DONE', { zh: '该节点已完成', en: 'the milestone is already done' });
    await trx.updateTable('project_milestone').set({ done_at: new Date(), done_note: note?.trim() || null }).where('id', '=', milestoneId).execute();
    await recordAudit(trx, ctx, { action: 'project.milestone.done', entityType: 'milestone', entityId: milestoneId, orgPath: p.org_path, detail: { projectId: p.id } });
  });
  return getProject(ctx, m0.project_id);
}

export async function addActivity(ctx: AuthedCtx, id: number, input: { heldOn: string; title: string; participants: number; note?: string }) {
  if (!isDate(input.heldOn)) throw badDate('heldOn');
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, awardee(ctx));
    if (!next('implement', p.status)) throw wrongStatus(p.status);
    const row = await trx.insertInto('project_activity').values({
      project_id: id, org_id: p.org_id, org_path: p.org_path, held_on: input.heldOn, title: input.title.trim(), participants: input.participants, note: input.note?.trim() ?? '', created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'project.activity.create', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { activityId: row.id, heldOn: input.heldOn, participants: input.participants } });
  });
  return getProject(ctx, id);
}

/** Beneficiaries served: a count, or one linked resident of the project's community (shown masked). */
export async function addBeneficiary(ctx: AuthedCtx, id: number, input: { servedOn: string; count: number; residentId?: number; note?: string }) {
  if (!isDate(input.servedOn)) throw badDate('servedOn');
  if (input.residentId !== undefined && input.count !== 1) throw errors.field('count', { zh: '关联居民时人数须为 1', en: 'must be 1 when a resident is linked' });
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, awardee(ctx));
    if (!next('implement', p.status)) throw wrongStatus(p.status);
    if (input.residentId !== undefined) {
      const r = await trx.selectFrom('resident').select(['id', 'org_path']).where('id', '=', input.residentId).executeTakeFirst();
      if (!r || !r.org_path.startsWith(p.org_path)) throw errors.field('residentId', { zh: '须为本项目社区的居民', en: 'must be a resident of the project\'s community' });
    }
    const row = await trx.insertInto('project_beneficiary').values({
      project_id: id, org_id: p.org_id, org_path: p.org_path, served_on: input.servedOn, count: input.count, resident_id: input.residentId ?? null, note: input.note?.trim() ?? '', created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('project').set((eb) => ({ served_count: eb('served_count', '+', input.count), updated_at: new Date() })).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.beneficiary.create', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { beneficiaryId: row.id, count: input.count, linked: input.residentId !== undefined } });
  });
  return getProject(ctx, id);
}

const roomError = (room: number, amount: number) => errors.conflict('TRANCHE_EXCEEDS_APPROVED', {
  zh: `可申请拨付余额为 ${yuan(room)} 元，不足 ${yuan(amount)} 元`, en: `only ${yuan(room)} yuan may still be requested, less than ${yuan(amount)}`,
}, { amount: { zh: '超过批准金额减去已拨付和待拨付', en: 'exceeds approved − paid − pending' } });

export async function requestTranche(ctx: AuthedCtx, id: number, input: { amount: number; purpose: string; evidence?: string }) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, awardee(ctx));
    if (!next('requestTranche', p.status)) throw wrongStatus(p.status);
    const room = trancheRoom({ approved: p.approved_amount - p.released_amount, paid: p.paid_amount, pending: await repo.pendingTranches(trx, id) });
    if (input.amount > room) throw roomError(room, input.amount);
    const seq = await rec.nextSeq(trx, id);
    const row = await trx.insertInto('project_tranche').values({
      project_id: id, org_id: p.org_id, org_path: p.org_path, seq, amount: input.amount, purpose: input.purpose.trim(), evidence: input.evidence?.trim() ?? '', requested_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'project.tranche.request', entityType: 'tranche', entityId: row.id, orgPath: p.org_path, detail: { projectId: id, seq, amount: input.amount, purpose: input.purpose } });
  });
  return getProject(ctx, id);
}

/** Approve, pay or reject a tranche (the street). Project, then tranche, then line are locked. */
export async function decideTranche(ctx: AuthedCtx, trancheId: number, step: 'approve' | 'pay' | 'reject', input: { paymentRef?: string; reason?: string }) {
  const t0 = await ctx.deps.db.selectFrom('project_tranche').select(['project_id']).where('id', '=', trancheId).executeTakeFirst();
  if (!t0) throw errors.notFound('tranche');
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, t0.project_id, review(ctx)).catch((e) => { throw e.status === 404 ? errors.notFound('tranche') : e; });
    if (!next('payTranche', p.status)) throw wrongStatus(p.status);
    const t = await trx.selectFrom('project_tranche').selectAll().where('id', '=', trancheId).forUpdate().executeTakeFirstOrThrow();
    const ok = step === 'approve' ? t.status === 'requested' : step === 'pay' ? t.status === 'approved' : ['requested', 'approved'].includes(t.status);
    if (!ok) throw errors.conflict('TRANCHE_STATUS', { zh: `拨付批次当前状态（${TRANCHE_ZH[t.status]}）不允许此操作`, en: `Not allowed while the tranche is ${t.status}` });
    const now = new Date();
    if (step === 'approve') {
      await trx.updateTable('project_tranche').set({ status: 'approved', approved_by: ctx.actor.userId, approved_at: now }).where('id', '=', trancheId).execute();
    } else if (step === 'reject') {
      await trx.updateTable('project_tranche').set({ status: 'rejected', rejected_by: ctx.actor.userId, rejected_at: now, reject_reason: input.reason!.trim() }).where('id', '=', trancheId).execute();
    } else {
      // The last line of the invariant paid ≤ approved: checked here under the project lock, and by CHECKs.
      if (p.paid_amount + t.amount > p.approved_amount - p.released_amount) throw roomError(p.approved_amount - p.released_amount - p.paid_amount, t.amount);
      await trx.updateTable('project_tranche').set({ status: 'paid', paid_by: ctx.actor.userId, paid_at: now, payment_ref: input.paymentRef!.trim() }).where('id', '=', trancheId).execute();
      await trx.updateTable('project').set((eb) => ({ paid_amount: eb('paid_amount', '+', t.amount), updated_at: now })).where('id', '=', p.id).execute();
      await trx.selectFrom('project_budget_line').select('id').where('id', '=', p.line_id!).forUpdate().execute();
      await trx.updateTable('project_budget_line').set((eb) => ({ paid: eb('paid', '+', t.amount), updated_at: now })).where('id', '=', p.line_id!).execute();
    }
    await recordAudit(trx, ctx, { action: `project.tranche.${step}`, entityType: 'tranche', entityId: trancheId, orgPath: p.org_path, detail: { projectId: p.id, seq: t.seq, amount: t.amount, ...input } });
  });
  return getProject(ctx, t0.project_id);
}
export const TRANCHE_ZH: Record<string, string> = { requested: '待审核', approved: '待拨付', paid: '已拨付', rejected: '已驳回' };

/** Feedback and complaints from residents of the community; site visits by community or street staff. */
export async function addSupervision(ctx: AuthedCtx, id: number, input: { kind: 'feedback' | 'complaint' | 'siteVisit'; body: string; rating?: number }) {
  if (input.rating !== undefined && input.kind !== 'feedback') throw errors.field('rating', { zh: '只有反馈可以评分', en: 'only feedback carries a rating' });
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, (x) => input.kind === 'siteVisit'
      ? policy.canApplyAt(ctx.actor, x.org_path) || policy.canReviewAt(ctx.actor, x.org_path)
      : policy.residentSees(ctx.actor, { orgPath: x.org_path, status: x.status }));
    if (!next('supervise', p.status)) throw wrongStatus(p.status);
    const row = await trx.insertInto('project_supervision').values({
      project_id: id, org_id: p.org_id, org_path: p.org_path, kind: input.kind, body: input.body.trim(), rating: input.rating ?? null,
      author_id: ctx.actor.userId, author_name: ctx.actor.displayName, author_role: ROLE_LABELS[ctx.actor.role].zh,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: `project.supervision.${input.kind}`, entityType: 'supervisionRecord', entityId: row.id, orgPath: p.org_path, detail: { projectId: id, rating: input.rating ?? null } });
  });
  return getProject(ctx, id);
}

export async function replySupervision(ctx: AuthedCtx, recordId: number, reply: string) {
  const s0 = await rec.supervisionById(ctx.deps.db, recordId);
  if (!s0) throw errors.notFound('supervisionRecord');
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, s0.project_id, (x) => policy.canApplyAt(ctx.actor, x.org_path) || policy.canReviewAt(ctx.actor, x.org_path))
      .catch((e) => { throw e.status === 404 ? errors.notFound('supervisionRecord') : e; });
    await trx.updateTable('project_supervision').set({ reply: reply.trim(), replied_by: ctx.actor.userId, replied_at: new Date() }).where('id', '=', recordId).execute();
    await recordAudit(trx, ctx, { action: 'project.supervision.reply', entityType: 'supervisionRecord', entityId: recordId, orgPath: p.org_path, detail: { projectId: p.id, replaced: s0.reply !== null } });
  });
  return getProject(ctx, s0.project_id);
}

export async function acceptProject(ctx: AuthedCtx, id: number, input: { result: 'passed' | 'failed'; score: number; note: string }) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, review(ctx));
    const to = next('accept', p.status);
    if (!to) throw wrongStatus(p.status);
    await trx.updateTable('project').set({
      status: to, acceptance_result: input.result, acceptance_score: Math.round(input.score * 10) / 10, acceptance_note: input.note.trim(), accepted_by: ctx.actor.userId, accepted_at: new Date(), updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.accept', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { result: input.result, score: input.score } });
  });
  return getProject(ctx, id);
}

/** Closure: no tranche may be waiting; the unspent part of the approval goes back to the line. */
export async function closeProject(ctx: AuthedCtx, id: number, note: string | undefined) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, review(ctx));
    const to = next('close', p.status);
    if (!to) throw wrongStatus(p.status);
    if (await repo.pendingTranches(trx, id)) throw errors.conflict('TRANCHES_PENDING', { zh: '还有待审核或待拨付的批次，请先处理', en: 'some tranches are still waiting; decide them first' });
    const release = unspent({ approved: p.approved_amount - p.released_amount, paid: p.paid_amount });
    if (release > 0) {
      await trx.selectFrom('project_budget_line').select('id').where('id', '=', p.line_id!).forUpdate().execute();
      await trx.updateTable('project_budget_line').set((eb) => ({ committed: eb('committed', '-', release), updated_at: new Date() })).where('id', '=', p.line_id!).execute();
    }
    await trx.updateTable('project').set((eb) => ({
      status: to, released_amount: eb('released_amount', '+', release), closure_note: note?.trim() || null, closed_by: ctx.actor.userId, closed_at: new Date(), updated_at: new Date(),
    })).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.close', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { released: release, paid: p.paid_amount, approved: p.approved_amount } });
  });
  return getProject(ctx, id);
}

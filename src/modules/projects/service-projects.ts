import type { AuthedCtx } from '../../core/context.js';
import type { BudgetItem, ProjectKind } from '../../db/schema-projects.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as rec from './repo-records.js';
import * as policy from './policy.js';
import { presentProject, presentSummary } from './present.js';
import { lockedProject, linksOf, relationOf, visibilityKind, wrongStatus } from './access.js';
import { budgetTotal, isDate, lineRoom, next, yuan } from './rules.js';

/** Application and review: a community applies; the street returns, rejects or approves against a budget line. */
export interface ProjectInput {
  kind: ProjectKind; title: string; need: string; linkedNeeds?: string; beneficiariesTarget: number;
  periodStart: string; periodEnd: string; budgetItems: BudgetItem[];
}

function checkInput(x: Partial<ProjectInput>, fields: FieldErrors = {}) {
  if (x.periodStart !== undefined && !isDate(x.periodStart)) fields.periodStart = { zh: '不是有效的日期', en: 'is not a valid date' };
  if (x.periodEnd !== undefined && !isDate(x.periodEnd)) fields.periodEnd = { zh: '不是有效的日期', en: 'is not a valid date' };
  if (x.periodStart && x.periodEnd && !fields.periodStart && !fields.periodEnd && x.periodEnd < x.periodStart) fields.periodEnd = { zh: '须不早于开始日期', en: 'must not be before the start' };
  if (x.budgetItems && budgetTotal(x.budgetItems) > 100_000_000_000) fields.budgetItems = { zh: '预算合计过大', en: 'total is too large' };
  return fields;
}

const columns = (x: Partial<ProjectInput>) => ({
  ...(x.kind !== undefined ? { kind: x.kind } : {}), ...(x.title !== undefined ? { title: x.title.trim() } : {}),
  ...(x.need !== undefined ? { need: x.need.trim() } : {}), ...(x.linkedNeeds !== undefined ? { linked_needs: x.linkedNeeds.trim() } : {}),
  ...(x.beneficiariesTarget !== undefined ? { beneficiaries_target: x.beneficiariesTarget } : {}),
  ...(x.periodStart !== undefined ? { period_start: x.periodStart } : {}), ...(x.periodEnd !== undefined ? { period_end: x.periodEnd } : {}),
  ...(x.budgetItems !== undefined ? {
    budget_items: JSON.stringify(x.budgetItems.map((b) => ({ item: b.item.trim(), amount: b.amount }))), requested_amount: budgetTotal(x.budgetItems),
  } : {}),
});

export async function getProject(ctx: AuthedCtx, id: number) {
  const db = ctx.deps.db;
  const p = await repo.projectById(db, id);
  if (!p) throw errors.notFound('project');
  const links = await linksOf(ctx);
  const r = await relationOf(db, links, p);
  if (!policy.sees(ctx.actor, { orgPath: p.org_path, status: p.status }, r)) throw errors.notFound('project');
  const [bids, milestones, activities, beneficiaries, tranches, supervision, pending] = await Promise.all([
    rec.bidsOf(db, id), rec.milestonesOf(db, id), rec.activitiesOf(db, id), rec.beneficiariesOf(db, id), rec.tranchesOf(db, id), rec.supervisionOf(db, id),
    repo.pendingTranches(db, id),
  ]);
  const mine = await rec.scoresBy(db, ctx.actor.userId, bids.map((b) => b.id));
  return presentProject(ctx.actor, p, r, {
    bids, myScores: new Map(mine.map((m) => [m.bid_id, m.scores])), milestones, activities, beneficiaries, tranches, supervision, pending, ownOrgIds: links.socialOrgIds,
  });
}

export async function createProject(ctx: AuthedCtx, input: ProjectInput & { orgId: number; submit?: boolean }) {
  const org = await repo.orgById(ctx.deps.db, input.orgId);
  if (!org || !org.path.startsWith(ctx.actor.orgPath)) throw errors.field('orgId', { zh: '须为您范围内的社区', en: 'must be a community within your scope' });
  if (!policy.canApplyAt(ctx.actor, org.path)) throw errors.forbidden();
  const fields = checkInput(input);
  if (org.level !== 'community') fields.orgId = { zh: '须由社区申报', en: 'a community applies' };
  if (Object.keys(fields).length) throw errors.validation(fields);
  const id = await inTransaction(ctx, async (trx) => {
    const row = await trx.insertInto('project').values({
      ...(columns(input) as Required<ReturnType<typeof columns>>), org_id: org.id, org_path: org.path, applied_by: ctx.actor.userId,
      ...(input.submit ? { status: 'submitted' as const, submitted_at: new Date() } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'project.apply', entityType: 'project', entityId: row.id, orgPath: org.path, detail: { title: input.title, kind: input.kind, requested: budgetTotal(input.budgetItems), submitted: !!input.submit } });
    return row.id;
  });
  return getProject(ctx, id);
}

export async function updateProject(ctx: AuthedCtx, id: number, input: Partial<ProjectInput>) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, (x) => policy.canApplyAt(ctx.actor, x.org_path));
    if (!next('edit', p.status)) throw wrongStatus(p.status);
    const merged = { periodStart: input.periodStart ?? p.period_start, periodEnd: input.periodEnd ?? p.period_end, budgetItems: input.budgetItems };
    const fields = checkInput(merged);
    if (Object.keys(fields).length) throw errors.validation(fields);
    await trx.updateTable('project').set({ ...columns(input), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.update', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { fields: Object.keys(input) } });
  });
  return getProject(ctx, id);
}

export async function submitProject(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, (x) => policy.canApplyAt(ctx.actor, x.org_path));
    const to = next('submit', p.status);
    if (!to) throw wrongStatus(p.status);
    await trx.updateTable('project').set({ status: to, submitted_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.submit', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { from: p.status } });
  });
  return getProject(ctx, id);
}

/** Return for changes or reject, with the reason the community sees. */
export async function decline(ctx: AuthedCtx, id: number, step: 'return' | 'reject', reason: string) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, (x) => policy.canReviewAt(ctx.actor, x.org_path));
    const to = next(step, p.status);
    if (!to) throw wrongStatus(p.status);
    // Withdrawing an approval before any award releases all of it to the line; open bids lose.
    const release = p.approved_amount - p.released_amount;
    if (step === 'reject' && release > 0 && p.line_id) {
      await trx.selectFrom('project_budget_line').select('id').where('id', '=', p.line_id).forUpdate().execute();
      await trx.updateTable('project_budget_line').set((eb) => ({ committed: eb('committed', '-', release), updated_at: new Date() })).where('id', '=', p.line_id).execute();
      await trx.updateTable('project_bid').set({ status: 'lost' }).where('project_id', '=', id).execute();
    }
    await trx.updateTable('project').set({
      status: to, review_note: reason.trim(), reviewed_by: ctx.actor.userId, reviewed_at: new Date(), updated_at: new Date(),
      ...(step === 'reject' && release > 0 ? { released_amount: p.released_amount + release } : {}),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: `project.${step}`, entityType: 'project', entityId: id, orgPath: p.org_path, detail: { reason, from: p.status, released: step === 'reject' ? release : 0 } });
  });
  return getProject(ctx, id);
}

/**
 * Approves with an amount (≤ requested) against a budget line of a fund over the project's
 * community. Project row, then line row, are locked: two approvals racing for the last of
 * a line queue on its row, and the second sees the first's commitment and gets 409.
 */
export async function approveProject(ctx: AuthedCtx, id: number, input: { amount: number; lineId: number; note?: string }) {
  await inTransaction(ctx, async (trx) => {
    const { p } = await lockedProject(trx, ctx, id, (x) => policy.canReviewAt(ctx.actor, x.org_path));
    const to = next('approve', p.status);
    if (!to) throw wrongStatus(p.status);
    if (input.amount > p.requested_amount) {
      throw errors.field('amount', { zh: `不能超过申请金额 ${yuan(p.requested_amount)} 元`, en: `must not exceed the ${yuan(p.requested_amount)} yuan requested` });
    }
    const line = await repo.lockLine(trx, input.lineId);
    if (!line || !policy.canReviewAt(ctx.actor, line.org_path) || !p.org_path.startsWith(line.org_path)) {
      throw errors.field('lineId', { zh: '须为您管理的、覆盖该社区的资金池科目', en: 'must be a budget line of a fund you manage that covers the community' });
    }
    if (input.amount > lineRoom(line)) {
      throw errors.conflict('FUND_EXHAUSTED', {
        zh: `预算科目“${line.name}”余额 ${yuan(lineRoom(line))} 元，不足 ${yuan(input.amount)} 元`,
        en: `budget line "${line.name}" has ${yuan(lineRoom(line))} yuan left, less than ${yuan(input.amount)}`,
      }, { amount: { zh: '超过科目余额', en: 'exceeds what the line has left' } });
    }
    await trx.updateTable('project_budget_line').set((eb) => ({ committed: eb('committed', '+', input.amount), updated_at: new Date() })).where('id', '=', line.id).execute();
    await trx.updateTable('project').set({
      status: to, line_id: line.id, approved_amount: input.amount, review_note: input.note?.trim() || null, reviewed_by: ctx.actor.userId, reviewed_at: new Date(), updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.approve', entityType: 'project', entityId: id, orgPath: p.org_path, detail: { amount: input.amount, lineId: line.id, requested: p.requested_amount } });
  });
  return getProject(ctx, id);
}

async function visibility(ctx: AuthedCtx) {
  const kind = visibilityKind(ctx);
  if (!kind) throw errors.forbidden();
  const links = await linksOf(ctx);
  return { kind, links, visible: repo.projectVisible(ctx.actor, kind, links) };
}

export async function underPathOf(ctx: AuthedCtx, orgId: number | undefined) {
  if (orgId === undefined) return null;
  const o = await repo.orgById(ctx.deps.db, orgId);
  if (!o || !o.path.startsWith(ctx.actor.orgPath)) throw errors.field('orgId', { zh: '须为您范围内的组织', en: 'must be an org within your scope' });
  return o.path;
}

export async function listProjects(ctx: AuthedCtx, f: repo.ProjectFilter, page: PageQuery) {
  const v = await visibility(ctx);
  const under = await underPathOf(ctx, f.orgId);
  const rows = await repo.listProjects(ctx.deps.db, v.visible, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countProjects(ctx.deps.db, v.visible, f, under));
  const items = [];
  for (const r of rows) items.push(presentSummary(ctx.actor, r, await relationOf(ctx.deps.db, v.links, r)));
  return paged(items, total, page);
}

export { visibility };

import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { iso, presentBudget } from './present.js';
import { underPathOf, viewerKind } from './common.js';
import { yuan } from './rules.js';

/** 年度预算: one per community and year, set by the street or the community (microproject.manage). */
export async function createBudget(ctx: AuthedCtx, input: { orgId: number; year: number; amountFen: number; note?: string }) {
  const a = ctx.actor;
  if (!policy.canManage(a)) throw errors.forbidden();
  const org = await repo.orgById(ctx.deps.db, input.orgId);
  if (!org || !pathInScope(a, org.path)) throw errors.field('orgId', { zh: '须为您范围内的社区', en: 'must be a community within your scope' });
  if (!policy.canManageAt(a, org.path)) throw errors.forbidden();
  if (org.level !== 'community') throw errors.field('orgId', { zh: '预算按社区设立', en: 'must be a community (budgets are per community)' });
  const id = await inTransaction(ctx, async (trx) => {
    const dup = await trx.selectFrom('micro_budget').select('id').where('org_id', '=', org.id).where('year', '=', input.year).executeTakeFirst();
    if (dup) throw errors.conflict('BUDGET_EXISTS', { zh: `该社区 ${input.year} 年度预算已设立`, en: `This community already has a ${input.year} budget` }, { year: { zh: '已存在', en: 'already exists' } });
    const row = await trx.insertInto('micro_budget').values({
      org_id: org.id, org_path: org.path, year: input.year, amount_fen: input.amountFen, note: input.note?.trim() ?? '', created_by: a.userId,
    }).onConflict((oc) => oc.columns(['org_id', 'year']).doNothing()).returning('id').executeTakeFirst();
    if (!row) throw errors.conflict('BUDGET_EXISTS', { zh: `该社区 ${input.year} 年度预算已设立`, en: `This community already has a ${input.year} budget` });
    await recordAudit(trx, ctx, { action: 'microBudget.create', entityType: 'microBudget', entityId: row.id, orgPath: org.path, detail: { year: input.year, amountFen: input.amountFen } });
    return row.id;
  });
  return getBudget(ctx, id);
}

/**
 * Changes the amount or the note. The amount never drops below what is committed: the
 * winners' costs plus, while a round votes, what that round may spend.
 */
export async function updateBudget(ctx: AuthedCtx, id: number, input: { amountFen?: number; note?: string }) {
  await inTransaction(ctx, async (trx) => {
    const b = await repo.lockBudget(trx, id);
    if (!b || !policy.seesCommunity(ctx.actor, b.org_path)) throw errors.notFound('microBudget');
    if (!policy.canManageAt(ctx.actor, b.org_path)) throw errors.forbidden();
    if (input.amountFen !== undefined) {
      const open = await trx.selectFrom('micro_round').select('available_fen').where('budget_id', '=', id).where('status', '=', 'voting').executeTakeFirst();
      const committed = b.allocated_fen + (open?.available_fen ?? 0);
      if (input.amountFen < committed)
        throw errors.field('amountFen', { zh: `不能低于已安排的 ${yuan(committed)} 元`, en: `cannot be below the ${yuan(committed)} yuan already committed` });
    }
    await trx.updateTable('micro_budget').set({
      ...(input.amountFen !== undefined ? { amount_fen: input.amountFen } : {}), ...(input.note !== undefined ? { note: input.note.trim() } : {}), updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'microBudget.update', entityType: 'microBudget', entityId: id, orgPath: b.org_path, detail: { from: b.amount_fen, ...input } });
  });
  return getBudget(ctx, id);
}

export async function getBudget(ctx: AuthedCtx, id: number) {
  viewerKind(ctx);
  const b = await repo.budgetById(ctx.deps.db, id);
  if (!b || !policy.seesCommunity(ctx.actor, b.org_path)) throw errors.notFound('microBudget');
  return presentBudget(ctx.actor, b);
}

export async function listBudgets(ctx: AuthedCtx, f: repo.BudgetFilter, page: PageQuery) {
  const staff = viewerKind(ctx);
  const under = await underPathOf(ctx, f.orgId, staff);
  const rows = await repo.listBudgets(ctx.deps.db, ctx.actor, staff, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countBudgets(ctx.deps.db, ctx.actor, staff, f, under));
  return paged(rows.map((b) => presentBudget(ctx.actor, b)), total, page);
}

export const BUDGET_COLUMNS = (en: boolean) => [
  { header: en ? 'Year' : '年度', key: 'year', width: 8 },
  { header: en ? 'Community' : '社区', key: 'orgName', width: 20 },
  { header: en ? 'Budget (yuan)' : '预算（元）', key: 'amount', width: 14 },
  { header: en ? 'Allocated (yuan)' : '已安排（元）', key: 'allocated', width: 14 },
  { header: en ? 'Spent (yuan)' : '已支出（元）', key: 'spent', width: 14 },
  { header: en ? 'Left (yuan)' : '结余（元）', key: 'leftover', width: 14 },
  { header: en ? 'Proposals' : '申报数', key: 'proposals', width: 8 },
  { header: en ? 'Note' : '说明', key: 'note', width: 24 },
  { header: en ? 'Set' : '设立时间', key: 'createdAt', width: 22 },
];

export async function* exportBudgets(ctx: AuthedCtx, f: repo.BudgetFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const under = await underPathOf(ctx, f.orgId, true);
  for await (const b of repo.batches((after) => repo.budgetBatch(ctx.deps.db, ctx.actor, f, under, after, 1000))) {
    yield {
      year: b.year, orgName: b.org_name, amount: yuan(b.amount_fen), allocated: yuan(b.allocated_fen), spent: yuan(Number(b.spent_fen)),
      leftover: yuan(b.amount_fen - b.allocated_fen), proposals: b.proposal_count, note: b.note, createdAt: iso(b.created_at),
    };
  }
}

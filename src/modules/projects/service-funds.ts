import type { AuthedCtx } from '../../core/context.js';
import type { ProjectKind } from '../../db/schema-projects.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { hasPermission } from '../../core/roles.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { presentFund } from './present.js';
import { KIND_ZH } from './access.js';
import { fundRoom, yuan } from './rules.js';

/**
 * Funds (资金池) and budget lines (预算科目). A fund belongs to a district or street; lines
 * are carved from it. Every change locks the fund row (and the line row), so the figures
 * and their CHECKs (allocated ≤ amount, committed ≤ line amount) hold under concurrency.
 */
const canSeeFunds = (ctx: AuthedCtx) => policy.canRead(ctx.actor);

export async function getFund(ctx: AuthedCtx, id: number) {
  const f = await repo.fundById(ctx.deps.db, id);
  if (!f || !canSeeFunds(ctx) || !(policy.canReadAt(ctx.actor, f.org_path) || ctx.actor.orgPath.startsWith(f.org_path))) throw errors.notFound('fund');
  return presentFund(ctx.actor, f, await repo.linesOf(ctx.deps.db, [f.id]));
}

export async function listFunds(ctx: AuthedCtx, f: repo.FundFilter, page: PageQuery) {
  if (!canSeeFunds(ctx)) throw errors.forbidden();
  const rows = await repo.listFunds(ctx.deps.db, ctx.actor, f, page);
  const total = await pageTotal(rows, page, () => repo.countFunds(ctx.deps.db, ctx.actor, f));
  const lines = await repo.linesOf(ctx.deps.db, rows.map((r) => r.id));
  return paged(rows.map((r) => presentFund(ctx.actor, r, lines)), total, page);
}

export async function createFund(ctx: AuthedCtx, input: { orgId: number; year: number; kind: ProjectKind; name: string; amount: number }) {
  const org = await repo.orgById(ctx.deps.db, input.orgId);
  if (!org || !org.path.startsWith(ctx.actor.orgPath)) throw errors.field('orgId', { zh: '须为您范围内的区或街道', en: 'must be a district or street within your scope' });
  if (!hasPermission(ctx.actor.role, 'project.review')) throw errors.forbidden();
  if (!['district', 'street'].includes(org.level)) throw errors.field('orgId', { zh: '资金池须属于区或街道', en: 'a fund belongs to a district or street' });
  const id = await inTransaction(ctx, async (trx) => {
    const dup = await trx.selectFrom('project_fund').select('id').where('org_id', '=', org.id).where('year', '=', input.year).where('name', '=', input.name.trim()).executeTakeFirst();
    if (dup) throw errors.conflict('FUND_EXISTS', { zh: '同一年度已有同名资金池', en: 'a fund of that name exists for the year' }, { name: { zh: '重名', en: 'is taken' } });
    const row = await trx.insertInto('project_fund').values({
      org_id: org.id, org_path: org.path, year: input.year, kind: input.kind, name: input.name.trim(), amount: input.amount, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow().catch((e: { code?: string }) => {
      // Two creations of one name at once: the unique index refuses the second.
      throw e.code === '23505' ? errors.conflict('FUND_EXISTS', { zh: '同一年度已有同名资金池', en: 'a fund of that name exists for the year' }, { name: { zh: '重名', en: 'is taken' } }) : e;
    });
    await recordAudit(trx, ctx, { action: 'project.fund.create', entityType: 'fund', entityId: row.id, orgPath: org.path, detail: { year: input.year, kind: input.kind, amount: input.amount } });
    return row.id;
  });
  return getFund(ctx, id);
}

async function managedFund(ctx: AuthedCtx, trx: Parameters<typeof repo.lockFund>[0], id: number) {
  const f = await repo.lockFund(trx, id);
  if (!f || !(policy.canReadAt(ctx.actor, f.org_path) || ctx.actor.orgPath.startsWith(f.org_path))) throw errors.notFound('fund');
  if (!policy.canReviewAt(ctx.actor, f.org_path)) throw errors.forbidden();
  return f;
}

export async function updateFund(ctx: AuthedCtx, id: number, input: { name?: string; amount?: number }) {
  await inTransaction(ctx, async (trx) => {
    const f = await managedFund(ctx, trx, id);
    if (input.amount !== undefined && input.amount < f.allocated) {
      throw errors.conflict('FUND_BELOW_ALLOCATED', {
        zh: `资金池金额不能低于已分配到科目的 ${yuan(f.allocated)} 元`, en: `the amount cannot be below the ${yuan(f.allocated)} yuan allocated to lines`,
      }, { amount: { zh: '低于已分配金额', en: 'is below the allocated amount' } });
    }
    if (input.name !== undefined) {
      const dup = await trx.selectFrom('project_fund').select('id').where('org_id', '=', f.org_id).where('year', '=', f.year).where('name', '=', input.name.trim()).where('id', '<>', id).executeTakeFirst();
      if (dup) throw errors.conflict('FUND_EXISTS', { zh: '同一年度已有同名资金池', en: 'a fund of that name exists for the year' }, { name: { zh: '重名', en: 'is taken' } });
    }
    await trx.updateTable('project_fund').set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.amount !== undefined ? { amount: input.amount } : {}), updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'project.fund.update', entityType: 'fund', entityId: id, orgPath: f.org_path, detail: { before: { name: f.name, amount: f.amount }, after: input } });
  });
  return getFund(ctx, id);
}

export async function addLine(ctx: AuthedCtx, fundId: number, input: { name: string; amount: number }) {
  await inTransaction(ctx, async (trx) => {
    const f = await managedFund(ctx, trx, fundId);
    if (input.amount > fundRoom(f)) {
      throw errors.conflict('FUND_EXHAUSTED', {
        zh: `资金池可分配余额为 ${yuan(fundRoom(f))} 元，不足 ${yuan(input.amount)} 元`, en: `the fund has ${yuan(fundRoom(f))} yuan left to allocate, less than ${yuan(input.amount)}`,
      }, { amount: { zh: '超过资金池可分配余额', en: 'exceeds what the fund has left' } });
    }
    const dup = await trx.selectFrom('project_budget_line').select('id').where('fund_id', '=', fundId).where('name', '=', input.name.trim()).executeTakeFirst();
    if (dup) throw errors.conflict('LINE_EXISTS', { zh: '该资金池已有同名科目', en: 'the fund has a line of that name' }, { name: { zh: '重名', en: 'is taken' } });
    const row = await trx.insertInto('project_budget_line').values({ fund_id: fundId, org_id: f.org_id, org_path: f.org_path, name: input.name.trim(), amount: input.amount })
      .returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('project_fund').set((eb) => ({ allocated: eb('allocated', '+', input.amount), updated_at: new Date() })).where('id', '=', fundId).execute();
    await recordAudit(trx, ctx, { action: 'project.line.create', entityType: 'budgetLine', entityId: row.id, orgPath: f.org_path, detail: { fundId, name: input.name, amount: input.amount } });
  });
  return getFund(ctx, fundId);
}

export async function updateLine(ctx: AuthedCtx, lineId: number, input: { name?: string; amount?: number }) {
  const line0 = await ctx.deps.db.selectFrom('project_budget_line').select(['fund_id', 'org_path']).where('id', '=', lineId).executeTakeFirst();
  if (!line0 || !policy.canRead(ctx.actor) || !(policy.canReadAt(ctx.actor, line0.org_path) || ctx.actor.orgPath.startsWith(line0.org_path))) throw errors.notFound('budgetLine');
  await inTransaction(ctx, async (trx) => {
    const f = await managedFund(ctx, trx, line0.fund_id); // fund first, then line: the same order as approvals never need (they lock only the line)
    const line = (await repo.lockLine(trx, lineId))!;
    if (input.amount !== undefined) {
      if (input.amount < line.committed) {
        throw errors.conflict('LINE_BELOW_COMMITTED', { zh: `科目金额不能低于已批准项目占用的 ${yuan(line.committed)} 元`, en: `the amount cannot be below the ${yuan(line.committed)} yuan approved projects hold` },
          { amount: { zh: '低于已占用金额', en: 'is below the committed amount' } });
      }
      if (input.amount - line.amount > fundRoom(f)) {
        throw errors.conflict('FUND_EXHAUSTED', { zh: `资金池可分配余额为 ${yuan(fundRoom(f))} 元`, en: `the fund has ${yuan(fundRoom(f))} yuan left to allocate` },
          { amount: { zh: '超过资金池可分配余额', en: 'exceeds what the fund has left' } });
      }
      await trx.updateTable('project_fund').set((eb) => ({ allocated: eb('allocated', '+', input.amount! - line.amount), updated_at: new Date() })).where('id', '=', f.id).execute();
    }
    if (input.name !== undefined) {
      const dup = await trx.selectFrom('project_budget_line').select('id').where('fund_id', '=', f.id).where('name', '=', input.name.trim()).where('id', '<>', lineId).executeTakeFirst();
      if (dup) throw errors.conflict('LINE_EXISTS', { zh: '该资金池已有同名科目', en: 'the fund has a line of that name' }, { name: { zh: '重名', en: 'is taken' } });
    }
    await trx.updateTable('project_budget_line').set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.amount !== undefined ? { amount: input.amount } : {}), updated_at: new Date(),
    }).where('id', '=', lineId).execute();
    await recordAudit(trx, ctx, { action: 'project.line.update', entityType: 'budgetLine', entityId: lineId, orgPath: f.org_path, detail: { before: { name: line.name, amount: line.amount }, after: input } });
  });
  return getFund(ctx, line0.fund_id);
}

export const FUND_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 }, { header: en ? 'Year' : '年度', key: 'year', width: 8 },
  { header: en ? 'Owner' : '所属', key: 'orgName', width: 18 }, { header: en ? 'Fund' : '资金池', key: 'name', width: 24 },
  { header: en ? 'Kind' : '类型', key: 'kind', width: 14 }, { header: en ? 'Line' : '预算科目', key: 'line', width: 22 },
  { header: en ? 'Amount (yuan)' : '金额（元）', key: 'amount', width: 14 }, { header: en ? 'Approved (yuan)' : '已批准（元）', key: 'committed', width: 14 },
  { header: en ? 'Paid (yuan)' : '已拨付（元）', key: 'paid', width: 14 }, { header: en ? 'Remaining (yuan)' : '余额（元）', key: 'remaining', width: 14 },
];

/** One row per fund (its totals) followed by one per line. */
export async function* exportFunds(ctx: AuthedCtx, f: repo.FundFilter): AsyncGenerator<Record<string, unknown>> {
  if (!canSeeFunds(ctx)) throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  for await (const x of repo.batches((after) => repo.fundBatch(ctx.deps.db, ctx.actor, f, after, 200), 200)) {
    const base = { id: x.id, year: x.year, orgName: x.org_name, name: x.name, kind: en ? x.kind : KIND_ZH[x.kind] };
    yield { ...base, line: en ? '(fund total)' : '（合计）', amount: yuan(x.amount), committed: yuan(Number(x.committed)), paid: yuan(Number(x.paid)), remaining: yuan(x.amount - Number(x.committed)) };
    for (const l of await repo.linesOf(ctx.deps.db, [x.id])) {
      yield { ...base, line: l.name, amount: yuan(l.amount), committed: yuan(l.committed), paid: yuan(l.paid), remaining: yuan(l.amount - l.committed) };
    }
  }
}

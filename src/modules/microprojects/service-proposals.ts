import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import { attachmentData, ownAttachments } from '../gridwork/service-attachments.js';
import * as repo from './repo.js';
import { photoOwner } from './repo-impl.js';
import * as policy from './policy.js';
import { iso, presentProposal } from './present.js';
import { proposalNotFound, statusZh, underPathOf, viewerKind, wrongStatus } from './common.js';
import { yuan } from './rules.js';

/** 项目申报 and review: submitted → approved | rejected | changesRequested (→ submitted when edited). */
export interface ProposalInput { title: string; description: string; costFen: number; location?: string | null; photoIds?: number[] }

async function checkPhotos(ctx: AuthedCtx, ids: number[] | undefined) {
  if (!ids?.length) return;
  const own = await ownAttachments(ctx, ids);
  if (ids.some((id) => !own.has(id))) throw errors.field('photoIds', { zh: '只能使用您本人上传的图片', en: 'must be images you uploaded' });
}

const costOver = (amountFen: number) => errors.field('costFen', { zh: `不能超过年度预算 ${yuan(amountFen)} 元`, en: `cannot exceed the yearly budget of ${yuan(amountFen)} yuan` });

export async function createProposal(ctx: AuthedCtx, input: ProposalInput & { budgetId: number; proposerName?: string }) {
  const a = ctx.actor;
  const b = await repo.budgetById(ctx.deps.db, input.budgetId);
  if (!b || !policy.seesCommunity(a, b.org_path)) throw errors.field('budgetId', { zh: '须为您所在社区的年度预算', en: 'must be a budget of your community' });
  const resident = policy.residentOf(a, b.org_path);
  if (!resident && !policy.canManageAt(a, b.org_path)) throw errors.forbidden();
  if (!resident && !input.proposerName) throw errors.field('proposerName', { zh: '代录时须填写提议人', en: 'is required when a worker records a proposal' });
  if (input.costFen > b.amount_fen) throw costOver(b.amount_fen);
  await checkPhotos(ctx, input.photoIds);
  const id = await inTransaction(ctx, async (trx) => {
    const row = await trx.insertInto('micro_proposal').values({
      budget_id: b.id, org_id: b.org_id, org_path: b.org_path,
      proposer_id: resident ? a.userId : null, proposer_name: resident ? a.displayName.slice(0, 50) : input.proposerName!.trim(), recorded_by: resident ? null : a.userId,
      title: input.title.trim(), description: input.description.trim(), cost_fen: input.costFen, location: input.location?.trim() || null, photo_ids: input.photoIds ?? [],
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'microProposal.create', entityType: 'microProposal', entityId: row.id, orgPath: b.org_path, detail: { budgetId: b.id, costFen: input.costFen, recorded: !resident } });
    return row.id;
  });
  return getProposal(ctx, id);
}

/** The proposer (or, for a recorded one, staff) edits while it is open; an edit goes back to review. */
export async function updateProposal(ctx: AuthedCtx, id: number, input: Partial<ProposalInput>) {
  await checkPhotos(ctx, input.photoIds);
  await inTransaction(ctx, async (trx) => {
    const p = await repo.lockProposal(trx, id);
    const t = p && { orgPath: p.org_path, proposerId: p.proposer_id, status: p.status };
    if (!p || !policy.seesProposal(ctx.actor, t!)) throw proposalNotFound();
    if (!policy.proposalActions(ctx.actor, t!).includes('edit')) {
      if (p.status !== 'submitted' && p.status !== 'changesRequested') throw wrongStatus('PROPOSAL_STATUS', p.status);
      throw errors.forbidden();
    }
    if (input.costFen !== undefined) {
      const b = await trx.selectFrom('micro_budget').select('amount_fen').where('id', '=', p.budget_id).executeTakeFirstOrThrow();
      if (input.costFen > b.amount_fen) throw costOver(b.amount_fen);
    }
    await trx.updateTable('micro_proposal').set({
      ...(input.title !== undefined ? { title: input.title.trim() } : {}), ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.costFen !== undefined ? { cost_fen: input.costFen } : {}), ...(input.location !== undefined ? { location: input.location?.trim() || null } : {}),
      ...(input.photoIds !== undefined ? { photo_ids: input.photoIds } : {}), status: 'submitted', updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'microProposal.update', entityType: 'microProposal', entityId: id, orgPath: p.org_path, detail: { fields: Object.keys(input) } });
  });
  return getProposal(ctx, id);
}

/** Review: approve into the next round, reject with a reason, or ask for changes (the proposer sees the note). */
export async function reviewProposal(ctx: AuthedCtx, id: number, input: { decision: 'approve' | 'reject' | 'changes'; note?: string }) {
  const note = input.note?.trim() || null;
  if (input.decision !== 'approve' && !note) throw errors.field('note', { zh: '不通过或退回修改须说明理由', en: 'is required to reject or ask for changes' });
  await inTransaction(ctx, async (trx) => {
    const p = await repo.lockProposal(trx, id);
    if (!p || !policy.seesProposal(ctx.actor, { orgPath: p.org_path, proposerId: p.proposer_id, status: p.status })) throw proposalNotFound();
    if (!policy.canManageAt(ctx.actor, p.org_path)) throw errors.forbidden();
    if (p.status !== 'submitted') throw wrongStatus('PROPOSAL_STATUS', p.status);
    if (input.decision === 'approve') {
      const b = await trx.selectFrom('micro_budget').select('amount_fen').where('id', '=', p.budget_id).executeTakeFirstOrThrow();
      if (p.cost_fen > b.amount_fen) throw errors.conflict('COST_OVER_BUDGET', { zh: `预算金额已低于该项目费用（${yuan(p.cost_fen)} 元）`, en: `The budget is now below this proposal's cost (${yuan(p.cost_fen)} yuan)` });
    }
    const status = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'changesRequested';
    await trx.updateTable('micro_proposal').set({ status, review_note: note, reviewed_by: ctx.actor.userId, reviewed_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'microProposal.review', entityType: 'microProposal', entityId: id, orgPath: p.org_path, detail: { decision: input.decision, note } });
  });
  return getProposal(ctx, id);
}

export async function getProposal(ctx: AuthedCtx, id: number) {
  viewerKind(ctx);
  const p = await repo.proposalById(ctx.deps.db, id);
  if (!p || !policy.seesProposal(ctx.actor, { orgPath: p.org_path, proposerId: p.proposer_id, status: p.status })) throw proposalNotFound();
  return presentProposal(ctx.actor, p);
}

export async function listProposals(ctx: AuthedCtx, f: repo.ProposalFilter, page: PageQuery) {
  const staff = viewerKind(ctx);
  const under = await underPathOf(ctx, f.orgId, staff);
  const rows = await repo.listProposals(ctx.deps.db, ctx.actor, staff, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countProposals(ctx.deps.db, ctx.actor, staff, f, under));
  return paged(rows.map((p) => presentProposal(ctx.actor, p)), total, page);
}

export const PROPOSAL_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 },
  { header: en ? 'Community' : '社区', key: 'orgName', width: 18 },
  { header: en ? 'Year' : '年度', key: 'year', width: 8 },
  { header: en ? 'Title' : '项目名称', key: 'title', width: 28 },
  { header: en ? 'Proposer' : '提议人', key: 'proposer', width: 12 },
  { header: en ? 'Cost (yuan)' : '预算（元）', key: 'cost', width: 14 },
  { header: en ? 'Status' : '状态', key: 'status', width: 10 },
  { header: en ? 'Votes' : '得票', key: 'votes', width: 8 },
  { header: en ? 'Round' : '投票轮次', key: 'roundId', width: 10 },
  { header: en ? 'Review note' : '审核意见', key: 'reviewNote', width: 24 },
  { header: en ? 'Submitted' : '提交时间', key: 'createdAt', width: 22 },
];

/** Proposals with their votes and results (the round's outcome per proposal), in scope. */
export async function* exportProposals(ctx: AuthedCtx, f: repo.ProposalFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  const under = await underPathOf(ctx, f.orgId, true);
  for await (const p of repo.batches((after) => repo.proposalBatch(ctx.deps.db, ctx.actor, f, under, after, 1000))) {
    yield {
      id: p.id, orgName: p.org_name, year: p.year, title: p.title, proposer: p.proposer_name, cost: yuan(p.cost_fen),
      status: en ? p.status : statusZh(p.status), votes: p.votes, roundId: p.round_id, reviewNote: p.review_note ?? '', createdAt: iso(p.created_at),
    };
  }
}

/** An image of a proposal or a project, if the viewer may see that record. */
export async function photo(ctx: AuthedCtx, attachmentId: number) {
  viewerKind(ctx);
  const { project, proposals } = await photoOwner(ctx.deps.db, attachmentId);
  const ok = (project && policy.seesCommunity(ctx.actor, project.org_path))
    || proposals.some((p) => policy.seesProposal(ctx.actor, { orgPath: p.org_path, proposerId: p.proposer_id, status: p.status }));
  if (!ok) throw errors.notFound('attachment');
  return attachmentData(ctx, attachmentId);
}

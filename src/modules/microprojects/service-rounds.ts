import type { Transaction } from 'kysely';
import type { AuthedCtx, Ctx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import { closeVote, createVote, type VoteOutcome } from '../voting/api.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { iso, presentRound } from './present.js';
import { underPathOf, viewerKind, wrongStatus } from './common.js';
import { selectWinners, yuan } from './rules.js';

/**
 * 投票轮次: the approved proposals of a budget that fit in its leftover go to an approval
 * vote in the voting module (each household, or each adult, approves any number). When
 * that vote closes, `roundClosed` chooses the winners within the budget (rules.ts).
 */
export async function openRound(ctx: AuthedCtx, input: { budgetId: number; title?: string; electorate?: 'households' | 'adults'; closesAt?: string | null }) {
  // A time the format passes but JavaScript cannot place (a leap second), or one already past, is a 400 before any write.
  if (input.closesAt) {
    const at = Date.parse(input.closesAt);
    if (Number.isNaN(at)) throw errors.field('closesAt', { zh: '不是有效的时间', en: 'is not a valid time' });
    if (at <= Date.now()) throw errors.field('closesAt', { zh: '须晚于当前时间', en: 'must be in the future' });
  }
  const id = await inTransaction(ctx, async (trx) => {
    const b = await repo.lockBudget(trx, input.budgetId);
    if (!b || !policy.seesCommunity(ctx.actor, b.org_path)) throw errors.field('budgetId', { zh: '须为您范围内的年度预算', en: 'must be a budget within your scope' });
    if (!policy.canManageAt(ctx.actor, b.org_path)) throw errors.forbidden();
    const open = await trx.selectFrom('micro_round').select('id').where('budget_id', '=', b.id).where('status', '=', 'voting').executeTakeFirst();
    if (open) throw errors.conflict('ROUND_OPEN', { zh: '该预算已有进行中的投票轮次', en: 'This budget already has a round in progress' });
    const available = b.amount_fen - b.allocated_fen;
    if (available <= 0) throw errors.conflict('BUDGET_SPENT', { zh: '年度预算已全部安排，没有余额', en: 'The whole budget is already allocated' });
    const cands = await trx.selectFrom('micro_proposal').select(['id', 'title', 'cost_fen']).where('budget_id', '=', b.id).where('status', '=', 'approved')
      .where('cost_fen', '<=', available).orderBy('id').forUpdate().execute();
    if (!cands.length) throw errors.conflict('NO_PROPOSALS', { zh: `没有费用在余额 ${yuan(available)} 元以内的已通过申报`, en: `No approved proposal costs at most the ${yuan(available)} yuan left` });
    const title = input.title?.trim() || `${b.year} 年度民生微实事投票`;
    const electorate = input.electorate ?? 'households';
    const row = await trx.insertInto('micro_round').values({
      budget_id: b.id, org_id: b.org_id, org_path: b.org_path, title, electorate, available_fen: available, opened_by: ctx.actor.userId,
      closes_at: input.closesAt ? new Date(input.closesAt) : null,
    }).returning('id').executeTakeFirstOrThrow();
    const vote = await createVote(trx, ctx, {
      orgId: b.org_id, title, description: `可用预算 ${yuan(available)} 元；每${electorate === 'households' ? '户' : '人'}可选任意多个项目，按得票从高到低在预算内入选。`,
      subject: { type: 'microRound', id: row.id },
      electorate: { kind: electorate, orgId: b.org_id }, secret: true, quorum: { num: 0, den: 1 }, closesAt: input.closesAt ?? null,
      // Approval voting over two or more proposals; a single proposal is put as approve / reject / abstain
      // and its approvals are the 'approve' count (the same thing: who approves it).
      ...(cands.length > 1
        ? { method: 'choice' as const, options: cands.map((c) => ({ key: String(c.id), label: `${c.title}（${yuan(c.cost_fen)} 元）`.slice(0, 200) })), minChoices: 1, maxChoices: cands.length, threshold: { num: 0, den: 1, of: 'cast' as const } }
        : { method: 'yesNo' as const, threshold: { num: 1, den: 2, of: 'decisive' as const } }),
    }, { open: true });
    await trx.updateTable('micro_round').set({ vote_id: vote.id }).where('id', '=', row.id).execute();
    await trx.updateTable('micro_proposal').set({ status: 'inRound', round_id: row.id, updated_at: new Date() }).where('id', 'in', cands.map((c) => c.id)).execute();
    await recordAudit(trx, ctx, { action: 'microRound.open', entityType: 'microRound', entityId: row.id, orgPath: b.org_path, detail: { budgetId: b.id, voteId: vote.id, availableFen: available, proposals: cands.map((c) => c.id), electorate } });
    return row.id;
  });
  return getRound(ctx, id);
}

/**
 * Closes the round's vote through the voting module; the winners are chosen by `roundClosed`
 * in the same transaction. The round is read, not locked, here: closing locks the vote and
 * then the round (the same order as a close from the voting console), so two closes never
 * deadlock; the second gets a conflict.
 */
export async function closeRound(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const r = await trx.selectFrom('micro_round').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !policy.seesCommunity(ctx.actor, r.org_path)) throw errors.notFound('microRound');
    if (!policy.canManageAt(ctx.actor, r.org_path)) throw errors.forbidden();
    if (r.status !== 'voting') throw wrongStatus('ROUND_STATUS', r.status);
    await closeVote(trx, ctx, r.vote_id!);
  });
  return getRound(ctx, id);
}

/**
 * onVoteClosed('microRound'): runs inside the closing transaction (whoever closed the vote:
 * this module's close route, the voting console or a sweep). Stores each proposal's
 * approvals, marks winners and losers, turns the winners into projects and adds their
 * costs to the budget's allocation. The leftover stays with the budget.
 */
export async function roundClosed(trx: Transaction<DB>, ctx: Ctx, outcome: VoteOutcome) {
  const r = await repo.lockRound(trx, outcome.subject!.id);
  if (!r || r.status !== 'voting' || r.vote_id !== outcome.voteId) return;
  await repo.lockBudget(trx, r.budget_id);
  const props = await trx.selectFrom('micro_proposal').selectAll().where('round_id', '=', r.id).orderBy('id').forUpdate().execute();
  const single = props.length === 1;
  const votes = (id: number) => (single ? outcome.counts.approve : outcome.counts[String(id)]) ?? 0;
  const sel = selectWinners(props.map((p) => ({ id: p.id, costFen: p.cost_fen, votes: votes(p.id) })), r.available_fen);
  const won = new Set(sel.chosenIds);
  for (const p of props) {
    await trx.updateTable('micro_proposal').set({ votes: votes(p.id), status: won.has(p.id) ? 'won' : 'lost', updated_at: new Date() }).where('id', '=', p.id).execute();
  }
  const winners = props.filter((p) => won.has(p.id));
  if (winners.length) {
    await trx.insertInto('micro_project').values(winners.map((p) => ({
      proposal_id: p.id, budget_id: r.budget_id, round_id: r.id, org_id: r.org_id, org_path: r.org_path, title: p.title, cost_fen: p.cost_fen, votes: votes(p.id),
    }))).execute();
  }
  await trx.updateTable('micro_round').set({ status: 'closed', allocated_fen: sel.allocatedFen, eligible: outcome.eligible, cast_count: outcome.cast, closed_at: new Date() }).where('id', '=', r.id).execute();
  await trx.updateTable('micro_budget').set((eb) => ({ allocated_fen: eb('allocated_fen', '+', sel.allocatedFen), updated_at: new Date() })).where('id', '=', r.budget_id).execute();
  await recordAudit(trx, ctx, {
    action: 'microRound.close', entityType: 'microRound', entityId: r.id, orgPath: r.org_path,
    detail: { voteId: outcome.voteId, cast: outcome.cast, eligible: outcome.eligible, winners: sel.chosenIds, allocatedFen: sel.allocatedFen, leftoverFen: sel.leftoverFen },
  });
}

export async function getRound(ctx: AuthedCtx, id: number) {
  viewerKind(ctx);
  const r = await repo.roundById(ctx.deps.db, id);
  if (!r || !policy.seesCommunity(ctx.actor, r.org_path)) throw errors.notFound('microRound');
  return presentRound(ctx.actor, r, await repo.roundProposals(ctx.deps.db, id));
}

export async function listRounds(ctx: AuthedCtx, f: repo.RoundFilter, page: PageQuery) {
  const staff = viewerKind(ctx);
  const under = await underPathOf(ctx, f.orgId, staff);
  const rows = await repo.listRounds(ctx.deps.db, ctx.actor, staff, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countRounds(ctx.deps.db, ctx.actor, staff, f, under));
  const out = [];
  for (const r of rows) out.push(presentRound(ctx.actor, r, await repo.roundProposals(ctx.deps.db, r.id)));
  return paged(out, total, page);
}

export const RESULT_COLUMNS = (en: boolean) => [
  { header: en ? 'Rank' : '名次', key: 'rank', width: 8 },
  { header: en ? 'Proposal' : '申报编号', key: 'proposalId', width: 10 },
  { header: en ? 'Title' : '项目名称', key: 'title', width: 30 },
  { header: en ? 'Cost (yuan)' : '预算（元）', key: 'cost', width: 14 },
  { header: en ? 'Approvals' : '得票', key: 'votes', width: 8 },
  { header: en ? 'Result' : '结果', key: 'result', width: 16 },
];
const REASON_ZH: Record<string, string> = { chosen: '入选', doesNotFit: '余额不足未入选', noVotes: '无人赞成未入选' };

/** A closed round's ranking with the totals underneath. */
export async function* exportResults(ctx: AuthedCtx, id: number): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const round = await getRound(ctx, id);
  if (round.status !== 'closed') throw wrongStatus('ROUND_STATUS', round.status);
  const en = ctx.meta.lang === 'en';
  for (const x of round.results) {
    yield { rank: x.rank, proposalId: x.proposalId, title: x.title, cost: yuan(x.costFen), votes: x.votes, result: en ? x.reason : REASON_ZH[x.reason ?? ''] };
  }
  yield { title: en ? 'Available' : '可用预算', cost: yuan(round.availableFen) };
  yield { title: en ? 'Allocated' : '入选合计', cost: yuan(round.allocatedFen ?? 0) };
  yield { title: en ? `Leftover (stays with the ${round.year} budget)` : `结余（留在 ${round.year} 年度预算，可用于下一轮）`, cost: yuan(round.leftoverFen ?? 0) };
  yield { title: en ? `Ballots cast / eligible; closed ${iso(round.closedAt)}` : `投票数 / 选民数；结束于 ${iso(round.closedAt)}`, votes: `${round.cast}/${round.eligible}` };
}

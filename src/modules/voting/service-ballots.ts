import { sql } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { ruleOf } from './lifecycle.js';
import { ballotProblem, ballotsDigest, newReceipt, tally } from './rules.js';
import { iso, resultOf } from './present.js';
import { loadVisible } from './service-votes.js';

/**
 * Casting and checking ballots. The cast path is one short transaction: it takes a KEY SHARE
 * lock on the vote row (closing and rule changes take FOR UPDATE, so they wait for ballots in
 * flight and ballots wait for them), then the participation row's primary key is the
 * one-ballot rule. For secret votes the ballot row keeps no link to the participation row.
 */
const notOpen = () => errors.conflict('VOTE_NOT_OPEN', { zh: '表决未在投票中（未开始或已结束）', en: 'The vote is not open (not started yet, or closed)' });

export async function castBallot(ctx: AuthedCtx, voteId: number, choices: string[]) {
  const a = ctx.actor;
  return inTransaction(ctx, async (trx) => {
    // The first ballot fixes the rule; afterwards this matches no row and locks nothing.
    await sql`UPDATE vote SET rule_locked_at = now() WHERE id = ${voteId} AND status = 'open' AND rule_locked_at IS NULL`.execute(trx);
    const r = await sql<{ org_path: string; status: string; closes_at: Date | null; method: 'yesNo' | 'choice'; min_choices: number; max_choices: number; secret: boolean; keys: string[]; voter_key: number | null }>`
      SELECT v.org_path, v.status, v.closes_at, v.method, v.min_choices, v.max_choices, v.secret,
        ARRAY(SELECT o.key FROM vote_option o WHERE o.vote_id = v.id ORDER BY o.position) AS keys,
        (SELECT e.voter_key FROM vote_elector e WHERE e.vote_id = v.id AND e.user_id = ${a.userId}) AS voter_key
      FROM vote v WHERE v.id = ${voteId} FOR KEY SHARE OF v`.execute(trx);
    const v = r.rows[0];
    // Electors, staff in scope and residents under the vote's org learn why they cannot vote; others get 404.
    if (!v || (v.voter_key === null && !policy.canReadAt(a, v.org_path) && !policy.onResidentsPath(a, v.org_path))) throw errors.notFound('vote');
    if (!policy.canCast(a)) throw errors.forbidden({ zh: '只有居民账号可以投票', en: 'Only resident accounts cast ballots' });
    if (v.status !== 'open' || policy.isPastClose({ closesAt: v.closes_at })) throw notOpen();
    if (v.voter_key === null) throw errors.forbidden({ zh: '您不在本次表决的选民范围内', en: 'You are not in this vote\'s electorate' });
    const problem = ballotProblem(ruleOf({ ...v, quorum_num: 0, quorum_den: 1, threshold_num: 0, threshold_den: 1, threshold_of: 'cast' }, v.keys), choices);
    if (problem) throw errors.field('choices', problem);
    const receipt = newReceipt();
    // Stored in C order (keys are ASCII), so the digest's line is the array as it is.
    choices = [...choices].sort();
    // Participation and ballot in one statement: the ballot goes in only if the participation did.
    const p = await sql<{ receipt: string }>`
      WITH p AS (INSERT INTO vote_participation (vote_id, voter_key, cast_by, receipt) VALUES (${voteId}, ${v.voter_key}, ${a.userId}, ${v.secret ? null : receipt})
        ON CONFLICT DO NOTHING RETURNING vote_id)
      INSERT INTO vote_ballot (vote_id, receipt, choices) SELECT vote_id, ${receipt}, ${choices}::text[] FROM p RETURNING receipt`.execute(trx);
    if (!p.rows.length) throw errors.conflict('ALREADY_VOTED', { zh: '您（或您家庭的其他成员）已投过票，每位选民只能投一票', en: 'You (or another member of your household) have already voted: one ballot per voter' });
    // A secret ballot's audit record says who took part, never the receipt or the choice.
    await recordAudit(trx, ctx, { action: 'vote.cast', entityType: 'vote', entityId: voteId, orgPath: v.org_path, detail: v.secret ? { voterKey: v.voter_key, secret: true } : { voterKey: v.voter_key, receipt, choices } });
    return { voteId, receipt, choices, secret: v.secret };
  });
}

async function published(ctx: AuthedCtx, voteId: number) {
  const { v } = await loadVisible(ctx, voteId);
  if (v.status !== 'published') throw errors.conflict('VOTE_NOT_PUBLISHED', { zh: '表决结果尚未公布', en: 'The result is not published yet' });
  return v;
}

/** The published ballot list: receipt and choices, never who. */
export async function listBallots(ctx: AuthedCtx, voteId: number, page: PageQuery) {
  const v = await published(ctx, voteId);
  const rows = await repo.ballotPage(ctx.deps.db, voteId, page);
  return { ...paged(rows.map((b) => ({ receipt: b.receipt, choices: b.choices })), rows[0]?.total ?? v.cast_count ?? 0, page), digest: v.ballots_digest };
}

/** A voter checks their receipt: the ballot as recorded, and whether the stored result counted it. */
export async function checkReceipt(ctx: AuthedCtx, voteId: number, receipt: string) {
  const { v } = await loadVisible(ctx, voteId);
  const code = receipt.trim().toUpperCase();
  const b = /^[A-Z2-7]{20}$/.test(code) ? await repo.ballotByReceipt(ctx.deps.db, voteId, code) : undefined;
  return { receipt: code, found: !!b, choices: b?.choices ?? null, counted: !!b && (v.status === 'closed' || v.status === 'published') };
}

/** Recounts the published ballots and compares with the stored result and the participation. */
export async function verifyVote(ctx: AuthedCtx, voteId: number) {
  const v = await published(ctx, voteId);
  const options = await repo.optionsOf(ctx.deps.db, [voteId]);
  const ballots = await repo.ballotsOf(ctx.deps.db, voteId);
  const t = tally(ruleOf(v, options.map((o) => o.key)), v.eligible ?? 0, ballots.map((b) => b.choices));
  const digest = ballotsDigest(ballots);
  const stored = resultOf(v, options)!;
  const problems: string[] = [];
  if (t.cast !== stored.cast) problems.push('cast');
  if (v.participation !== t.cast) problems.push('participation');
  if (JSON.stringify(t.counts) !== JSON.stringify(Object.fromEntries(options.map((o) => [o.key, stored.counts[o.key] ?? 0])))) problems.push('counts');
  if (t.passed !== stored.passed) problems.push('passed');
  if (digest !== stored.digest) problems.push('digest');
  return { published: stored, recount: { cast: t.cast, counts: t.counts, passed: t.passed, digest }, participation: v.participation, matches: problems.length === 0, problems };
}

/** Who has voted (for secret votes: who, not how). Staff only. */
export async function participation(ctx: AuthedCtx, voteId: number, page: PageQuery) {
  const { v } = await loadVisible(ctx, voteId);
  if (!policy.canReadAt(ctx.actor, v.org_path)) throw errors.notFound('vote');
  const rows = await repo.participationPage(ctx.deps.db, voteId, page);
  const total = rows[0]?.total ?? (page.page === 1 ? 0 : v.participation);
  return {
    ...paged(rows.map((p) => ({ voterKey: p.voter_key, name: p.display_name, castAt: iso(p.cast_at)!, choices: v.secret ? null : p.choices ?? null })), total, page),
    eligible: v.eligible,
  };
}

export const RESULT_COLUMNS = (en: boolean) => [
  { header: en ? 'Item' : '项目', key: 'item', width: 30 },
  { header: en ? 'Value' : '数值', key: 'value', width: 30 },
  { header: en ? 'Note' : '说明', key: 'note', width: 40 },
];

/** The result sheet: the rule, participation, counts per option and (published) the receipts. */
export async function* exportResult(ctx: AuthedCtx, voteId: number): AsyncGenerator<Record<string, unknown>> {
  const { v } = await loadVisible(ctx, voteId);
  if (!policy.canReadAt(ctx.actor, v.org_path)) throw errors.notFound('vote');
  if (v.status !== 'closed' && v.status !== 'published') throw errors.conflict('VOTE_NOT_CLOSED', { zh: '表决结束后才能导出结果', en: 'The result can be exported once the vote is closed' });
  const en = ctx.meta.lang === 'en';
  const options = await repo.optionsOf(ctx.deps.db, [voteId]);
  const r = resultOf(v, options)!;
  const L = (zh: string, e: string) => (en ? e : zh);
  yield { item: L('表决事项', 'Vote'), value: v.title, note: `#${v.id} ${v.org_name}` };
  yield { item: L('规则', 'Rule'), value: `${L('法定人数', 'quorum')} ${v.quorum_num}/${v.quorum_den}; ${L('通过比例', 'threshold')} ${v.threshold_num}/${v.threshold_den} (${v.threshold_of})`, note: v.secret ? L('无记名投票', 'secret ballot') : L('记名投票', 'open ballot') };
  yield { item: L('应投', 'Eligible'), value: r.eligible, note: '' };
  yield { item: L('实投', 'Cast'), value: r.cast, note: `${L('参与率', 'turnout')} ${(r.turnoutPermille / 10).toFixed(1)}%` };
  yield { item: L('达到法定人数', 'Quorum met'), value: r.quorumMet ? L('是', 'yes') : L('否', 'no'), note: '' };
  for (const o of options) yield { item: `${L('选项', 'Option')} ${o.label}`, value: r.counts[o.key] ?? 0, note: o.key };
  if (r.passed !== null) yield { item: L('结果', 'Outcome'), value: r.passed ? L('通过', 'passed') : L('未通过', 'not passed'), note: '' };
  yield { item: L('选票摘要 SHA-256', 'Ballot list SHA-256'), value: r.digest, note: '' };
  if (v.status !== 'published') return;
  yield { item: L('回执码', 'Receipt'), value: L('选择', 'Choices'), note: '' };
  for (const b of await repo.ballotsOf(ctx.deps.db, voteId)) yield { item: b.receipt, value: b.choices.join(','), note: '' };
}

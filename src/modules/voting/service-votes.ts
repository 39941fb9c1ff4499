import type { Transaction } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { presentVote, iso, turnoutPermille } from './present.js';
import { checkClosesAt, checkRule, closeVoteTx, createVoteTx, electorateColumns, openVoteTx, optionRows, ruleColumns, snapshot, wrongStatus } from './lifecycle.js';
import type { Electorate, VoteSpec } from './api-types.js';

/** Votes through the console: create, edit, open, close, publish, list, detail, export. */
async function checkOrg(ctx: AuthedCtx, orgId: number) {
  const org = await repo.orgById(ctx.deps.db, orgId);
  if (!org || !org.path.startsWith(ctx.actor.orgPath)) throw errors.field('orgId', { zh: '须为您范围内的组织', en: 'must be an org within your scope' });
  if (!policy.canManageAt(ctx.actor, org.path)) throw errors.forbidden();
  return org;
}

export async function createVote(ctx: AuthedCtx, body: VoteSpec & { open?: boolean }) {
  await checkOrg(ctx, body.orgId);
  const { open, ...spec } = body;
  const { id } = await inTransaction(ctx, (trx) => createVoteTx(trx, ctx, spec, { open }));
  return getVote(ctx, id);
}

/** Loads and locks a vote the actor manages, in the caller's transaction. */
async function managedVote(trx: Transaction<DB>, ctx: AuthedCtx, id: number) {
  const v = await repo.lockVote(trx, id);
  if (!v || !policy.canReadAt(ctx.actor, v.org_path)) throw errors.notFound('vote');
  if (!policy.canManageAt(ctx.actor, v.org_path)) throw errors.forbidden();
  return v;
}

const RULE_KEYS = ['method', 'options', 'minChoices', 'maxChoices', 'quorum', 'threshold', 'secret'] as const;
export type VotePatch = Partial<Pick<VoteSpec, 'title' | 'description' | 'closesAt' | 'electorate' | typeof RULE_KEYS[number]>>;

export async function updateVote(ctx: AuthedCtx, id: number, patch: VotePatch) {
  await inTransaction(ctx, async (trx) => {
    const v = await managedVote(trx, ctx, id);
    if (v.status !== 'draft' && v.status !== 'open') throw wrongStatus(v.status);
    const ruleChange = RULE_KEYS.some((k) => patch[k] !== undefined);
    if (ruleChange && v.rule_locked_at) {
      throw errors.conflict('VOTE_RULE_LOCKED', { zh: '已有人投票，表决规则（方式、选项、法定人数、通过比例、是否无记名）不能再修改', en: 'Ballots have been cast: the rule (method, options, quorum, threshold, secrecy) can no longer change' });
    }
    if (patch.electorate !== undefined && v.status !== 'draft') {
      throw errors.conflict('VOTE_ELECTORATE_FIXED', { zh: '投票已开始，选民范围已确定，不能修改', en: 'The vote is open: the electorate is fixed' });
    }
    const fields: FieldErrors = {};
    const options = await repo.optionsOf(trx, [id]);
    const merged = {
      method: patch.method ?? v.method, secret: patch.secret ?? v.secret,
      options: patch.options ?? (v.method === 'choice' && (patch.method ?? v.method) === 'choice' ? options : undefined),
      minChoices: patch.minChoices ?? v.min_choices, maxChoices: patch.maxChoices ?? v.max_choices,
      quorum: patch.quorum ?? { num: v.quorum_num, den: v.quorum_den }, threshold: patch.threshold ?? { num: v.threshold_num, den: v.threshold_den, of: v.threshold_of },
    };
    if (ruleChange) checkRule(merged, fields);
    if (patch.closesAt !== undefined) checkClosesAt(patch.closesAt, fields);
    const el = patch.electorate ? await electorateColumns(trx, patch.electorate as Electorate, v.org_path, fields) : null;
    if (Object.keys(fields).length) throw errors.validation(fields);
    await trx.updateTable('vote').set({
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.description !== undefined ? { description: patch.description?.trim() || null } : {}),
      ...(patch.closesAt !== undefined ? { closes_at: patch.closesAt ? new Date(patch.closesAt) : null } : {}),
      ...(el ?? {}), ...(ruleChange ? ruleColumns(merged) : {}), updated_at: new Date(),
    }).where('id', '=', id).execute();
    if (ruleChange) await repo.replaceOptions(trx, id, optionRows(merged));
    await recordAudit(trx, ctx, { action: 'vote.update', entityType: 'vote', entityId: id, orgPath: v.org_path, detail: { fields: Object.keys(patch) } });
  });
  return getVote(ctx, id);
}

export async function openVote(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    await managedVote(trx, ctx, id);
    await openVoteTx(trx, ctx, id);
  });
  return getVote(ctx, id);
}

export async function closeVote(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    await managedVote(trx, ctx, id);
    await closeVoteTx(trx, ctx, id);
  });
  return getVote(ctx, id);
}

export async function publishVote(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const v = await managedVote(trx, ctx, id);
    if (v.status !== 'closed') throw wrongStatus(v.status);
    await trx.updateTable('vote').set({ status: 'published', published_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'vote.publish', entityType: 'vote', entityId: id, orgPath: v.org_path, detail: { digest: v.ballots_digest } });
  });
  return getVote(ctx, id);
}

/** Who would be in the electorate if the vote opened now (the picker shows the count). */
export async function previewElectorate(ctx: AuthedCtx, body: { orgId: number; electorate: Electorate }) {
  const org = await repo.orgById(ctx.deps.db, body.orgId);
  if (!org || !policy.canReadAt(ctx.actor, org.path)) throw errors.field('orgId', { zh: '须为您范围内的组织', en: 'must be an org within your scope' });
  const fields: FieldErrors = {};
  const el = await electorateColumns(ctx.deps.db, body.electorate, org.path, fields);
  if (!el) throw errors.validation(fields);
  const s = await snapshot(ctx.deps.db, el);
  return { eligible: s.eligible, accounts: s.electors.length };
}

/** A vote as the actor may see it (404 when out of scope and not an elector). */
export async function loadVisible(ctx: AuthedCtx, id: number) {
  const v = await repo.voteById(ctx.deps.db, id);
  if (!v) throw errors.notFound('vote');
  const el = policy.canCast(ctx.actor) ? await repo.electorOf(ctx.deps.db, id, ctx.actor.userId) : undefined;
  const mine = policy.canCast(ctx.actor) ? { elector: !!el, voted: el?.voted ?? false } : null;
  if (!policy.seesVote(ctx.actor, { orgPath: v.org_path, status: v.status }, mine)) throw errors.notFound('vote');
  return { v, mine, voterKey: el?.voter_key ?? null };
}

export async function getVote(ctx: AuthedCtx, id: number) {
  const { v, mine } = await loadVisible(ctx, id);
  return presentVote(ctx.actor, v, await repo.optionsOf(ctx.deps.db, [id]), mine);
}

async function underPathOf(ctx: AuthedCtx, orgId: number | undefined) {
  if (orgId === undefined) return null;
  const o = await repo.orgById(ctx.deps.db, orgId);
  if (!o) throw errors.field('orgId', { zh: '组织不存在', en: 'no such org' });
  return o.path;
}

async function withOptions<T extends { id: number }>(ctx: AuthedCtx, rows: T[]) {
  const opts = await repo.optionsOf(ctx.deps.db, rows.map((r) => r.id));
  const by = new Map<number, { key: string; label: string }[]>();
  for (const o of opts) by.set(o.vote_id, [...(by.get(o.vote_id) ?? []), o]);
  return (id: number) => by.get(id) ?? [];
}

export async function listVotes(ctx: AuthedCtx, f: repo.VoteFilter, page: PageQuery) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const under = await underPathOf(ctx, f.orgId);
  const rows = await repo.listVotes(ctx.deps.db, ctx.actor, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countVotes(ctx.deps.db, ctx.actor, f, under));
  const opts = await withOptions(ctx, rows);
  return paged(rows.map((r) => presentVote(ctx.actor, r, opts(r.id), null)), total, page);
}

/** A resident's votes: those they are in the electorate of (open ones first). */
export async function myVotes(ctx: AuthedCtx, q: { openOnly?: boolean } & PageQuery) {
  if (!policy.canCast(ctx.actor)) throw errors.forbidden();
  const rows = await repo.myVotes(ctx.deps.db, ctx.actor.userId, q.openOnly ?? false, q);
  const total = await pageTotal(rows, q, async () => (await repo.myVotes(ctx.deps.db, ctx.actor.userId, q.openOnly ?? false, { page: 1, pageSize: 1 }))[0]?.total ?? 0);
  const opts = await withOptions(ctx, rows);
  return paged(rows.map((r) => presentVote(ctx.actor, r, opts(r.id), { elector: true, voted: r.voted })), total, q);
}

const STATUS_ZH: Record<string, string> = { draft: '草稿', open: '投票中', closed: '已结束', published: '已公布' };
const KIND_ZH: Record<string, string> = { body: '议事机构代表', households: '按户', adults: '全体成年居民' };
export const VOTE_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 },
  { header: en ? 'Title' : '表决事项', key: 'title', width: 30 },
  { header: en ? 'Org' : '组织', key: 'orgName', width: 20 },
  { header: en ? 'Electorate' : '选民范围', key: 'electorate', width: 14 },
  { header: en ? 'Method' : '方式', key: 'method', width: 10 },
  { header: en ? 'Secret' : '无记名', key: 'secret', width: 8 },
  { header: en ? 'Status' : '状态', key: 'status', width: 10 },
  { header: en ? 'Eligible' : '应投', key: 'eligible', width: 8 },
  { header: en ? 'Cast' : '实投', key: 'cast', width: 8 },
  { header: en ? 'Turnout ‰' : '参与率‰', key: 'turnout', width: 10 },
  { header: en ? 'Counts' : '计票', key: 'counts', width: 30 },
  { header: en ? 'Passed' : '是否通过', key: 'passed', width: 10 },
  { header: en ? 'Closed at' : '结束时间', key: 'closedAt', width: 22 },
];

export async function* exportVotes(ctx: AuthedCtx, f: repo.VoteFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  const under = await underPathOf(ctx, f.orgId);
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await repo.voteBatch(ctx.deps.db, ctx.actor, f, under, before, 500);
    for (const v of rows) {
      const done = v.status === 'closed' || v.status === 'published';
      yield {
        id: v.id, title: v.title, orgName: v.org_name, electorate: en ? v.electorate_kind : KIND_ZH[v.electorate_kind],
        method: v.method, secret: v.secret ? (en ? 'yes' : '是') : (en ? 'no' : '否'), status: en ? v.status : STATUS_ZH[v.status],
        eligible: v.eligible, cast: done ? v.cast_count : v.participation, turnout: done ? turnoutPermille(v.cast_count ?? 0, v.eligible ?? 0) : null,
        counts: done ? Object.entries(v.counts ?? {}).map(([k, n]) => `${k}:${n}`).join(' ') : '',
        passed: v.passed === null ? '' : v.passed ? (en ? 'yes' : '通过') : (en ? 'no' : '未通过'), closedAt: iso(v.closed_at),
      };
    }
    if (rows.length < 500) return;
    before = rows[rows.length - 1].id;
  }
}

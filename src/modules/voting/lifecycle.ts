import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../../core/audit.js';
import { errors, type FieldErrors, type Msg } from '../../core/errors.js';
import * as repo from './repo.js';
import { YES_NO, electorate as electorateOf, verdict, type Rule } from './rules.js';
import type { Electorate, VoteOutcome, VoteSpec } from './api-types.js';

/**
 * The vote's life inside a caller's transaction: create (draft or open), open (the
 * electorate snapshot), close (tally, stored result, subject handlers). api.ts exposes
 * these to other modules; the routes' services wrap them in their own transactions.
 */
type Handler = (trx: Transaction<DB>, ctx: Ctx, outcome: VoteOutcome) => Promise<void>;
const handlers = new Map<string, Handler[]>();
export function onVoteClosed(subjectType: 'topic' | 'microRound' | 'other', handler: Handler): void {
  handlers.set(subjectType, [...(handlers.get(subjectType) ?? []), handler]);
}

const msg = (zh: string, en: string): Msg => ({ zh, en });
const ratioProblem = (r: { num: number; den: number } | undefined) =>
  !r || !Number.isInteger(r.num) || !Number.isInteger(r.den) || r.den < 1 || r.num < 0 || r.num > r.den || r.den > 1_000_000
    ? msg('须为 0 到 1 之间的比例（整数分子、分母，分母 1–1000000）', 'must be a share between 0 and 1 (integer num/den, den 1–1000000)') : null;

/** The rule fields of a spec, checked; field names are the spec's (and the API body's). */
export function checkRule(spec: Pick<VoteSpec, 'method' | 'options' | 'minChoices' | 'maxChoices' | 'quorum' | 'threshold'>, fields: FieldErrors = {}) {
  const q = ratioProblem(spec.quorum);
  if (q) fields.quorum = q;
  const t = ratioProblem(spec.threshold);
  if (t) fields.threshold = t;
  else if (!['electorate', 'cast', 'decisive'].includes(spec.threshold.of)) fields['threshold.of'] = msg('须为 electorate、cast 或 decisive', 'must be electorate, cast or decisive');
  if (spec.method === 'yesNo') {
    if (spec.options?.length) fields.options = msg('同意/反对/弃权表决不设自定义选项', 'a yes/no vote takes no custom options');
  } else if (spec.method === 'choice') {
    const opts = spec.options ?? [];
    if (opts.length < 2 || opts.length > 200) fields.options = msg('须有 2 到 200 个选项', 'must have 2 to 200 options');
    else if (new Set(opts.map((o) => o.key)).size !== opts.length) fields.options = msg('选项代码不能重复', 'option keys must be unique');
    else if (opts.some((o) => !/^[A-Za-z0-9_-]{1,40}$/.test(o.key))) fields.options = msg('选项代码只能含字母、数字、- 和 _（最多 40 个）', 'option keys are letters, digits, - and _ (at most 40)');
    else if (opts.some((o) => !o.label?.trim() || o.label.length > 200)) fields.options = msg('每个选项须有名称（最多 200 字）', 'each option needs a label (at most 200 characters)');
    const min = spec.minChoices ?? 1;
    const max = spec.maxChoices ?? 1;
    if (!Number.isInteger(min) || min < 0) fields.minChoices = msg('须为不小于 0 的整数', 'must be an integer ≥ 0');
    if (!Number.isInteger(max) || max < 1 || max > Math.max(opts.length, 1)) fields.maxChoices = msg('须在 1 到选项数之间', 'must be between 1 and the number of options');
    else if (min > max) fields.minChoices = msg('不能大于最多可选数', 'must not exceed maxChoices');
  } else fields.method = msg('须为 yesNo 或 choice', 'must be yesNo or choice');
  return fields;
}

export function ruleOf(v: { method: 'yesNo' | 'choice'; min_choices: number; max_choices: number; quorum_num: number; quorum_den: number; threshold_num: number; threshold_den: number; threshold_of: Rule['threshold']['of'] }, optionKeys: string[]): Rule {
  return {
    method: v.method, optionKeys, minChoices: v.min_choices, maxChoices: v.max_choices,
    quorum: { num: v.quorum_num, den: v.quorum_den }, threshold: { num: v.threshold_num, den: v.threshold_den, of: v.threshold_of },
  };
}

export const ruleColumns = (s: Pick<VoteSpec, 'method' | 'options' | 'minChoices' | 'maxChoices' | 'quorum' | 'threshold' | 'secret'>) => ({
  method: s.method, secret: s.secret,
  min_choices: s.method === 'yesNo' ? 1 : s.minChoices ?? 1, max_choices: s.method === 'yesNo' ? 1 : s.maxChoices ?? 1,
  quorum_num: s.quorum.num, quorum_den: s.quorum.den, threshold_num: s.threshold.num, threshold_den: s.threshold.den, threshold_of: s.threshold.of,
});
export const optionRows = (s: Pick<VoteSpec, 'method' | 'options'>) => s.method === 'yesNo'
  ? YES_NO.map((k) => ({ key: k, label: { approve: '同意', reject: '反对', abstain: '弃权' }[k] }))
  : (s.options ?? []).map((o) => ({ key: o.key, label: o.label.trim() }));

/** The electorate's columns after checking it lies within the vote's org (field 'electorate'). */
export async function electorateColumns(db: Kysely<DB> | Transaction<DB>, e: Electorate, votePath: string, fields: FieldErrors) {
  const within = (p: string | undefined) => p !== undefined && p.startsWith(votePath);
  const bad = (m: Msg) => { fields.electorate = m; return null; };
  if (e?.kind === 'body') {
    const b = Number.isInteger(e.bodyId) ? await repo.bodyById(db, e.bodyId) : undefined;
    if (!b || !within(b.org_path)) return bad(msg('议事机构不存在或不属于该组织', 'the body does not exist or is not within the org'));
    if (b.status !== 'active') return bad(msg('议事机构已撤销', 'the body is dissolved'));
    return { electorate_kind: 'body' as const, electorate_body_id: b.id, electorate_org_id: null, electorate_estate_id: null, electorate_building_id: null };
  }
  if (e?.kind !== 'households' && e?.kind !== 'adults') return bad(msg('须为 body、households 或 adults', 'must be body, households or adults'));
  const o = Number.isInteger(e.orgId) ? await repo.orgById(db, e.orgId) : undefined;
  if (!o || !within(o.path)) return bad(msg('组织不存在或不在该表决的组织之下', 'the org does not exist or is not within the vote\'s org'));
  let estateId: number | null = null;
  let buildingId: number | null = null;
  if (e.kind === 'households' && e.estateId !== undefined) {
    const es = await repo.estateById(db, e.estateId);
    if (!es || !es.org_path.startsWith(o.path)) return bad(msg('小区不存在或不在该组织之下', 'the estate does not exist or is not within the org'));
    estateId = es.id;
  }
  if (e.kind === 'households' && e.buildingId !== undefined) {
    const bu = await repo.buildingById(db, e.buildingId);
    if (!bu || !bu.org_path.startsWith(o.path) || (estateId !== null && bu.estate_id !== estateId)) return bad(msg('楼栋不存在或不在该组织（小区）之下', 'the building does not exist or is not within the org (estate)'));
    buildingId = bu.id;
  }
  return { electorate_kind: e.kind, electorate_body_id: null, electorate_org_id: o.id, electorate_estate_id: estateId, electorate_building_id: buildingId };
}

export function checkClosesAt(closesAt: string | null | undefined, fields: FieldErrors) {
  if (closesAt === undefined || closesAt === null) return;
  const t = Date.parse(closesAt);
  if (Number.isNaN(t)) fields.closesAt = msg('不是有效的时间', 'is not a valid time');
  else if (t <= Date.now()) fields.closesAt = msg('须晚于当前时间', 'must be in the future');
}

export async function createVoteTx(trx: Transaction<DB>, ctx: Ctx, spec: VoteSpec, opts?: { open?: boolean }): Promise<{ id: number }> {
  const fields: FieldErrors = {};
  const org = Number.isInteger(spec.orgId) ? await repo.orgById(trx, spec.orgId) : undefined;
  if (!org) fields.orgId = msg('组织不存在', 'no such org');
  if (typeof spec.title !== 'string' || !spec.title.trim() || spec.title.length > 100) fields.title = msg('须填写，最多 100 字', 'is required, at most 100 characters');
  if (spec.description && spec.description.length > 4000) fields.description = msg('最多 4000 字', 'at most 4000 characters');
  if (spec.subject && (!['topic', 'microRound', 'other'].includes(spec.subject.type) || !Number.isInteger(spec.subject.id) || spec.subject.id < 1)) fields.subject = msg('须为 topic、microRound 或 other 及其编号', 'must be topic, microRound or other with an id');
  if (typeof spec.secret !== 'boolean') fields.secret = msg('须为 true 或 false', 'must be true or false');
  checkRule(spec, fields);
  checkClosesAt(spec.closesAt, fields);
  const el = org ? await electorateColumns(trx, spec.electorate, org.path, fields) : null;
  if (Object.keys(fields).length) throw errors.validation(fields);
  const row = await trx.insertInto('vote').values({
    org_id: org!.id, org_path: org!.path, title: spec.title.trim(), description: spec.description?.trim() || null,
    subject_type: spec.subject?.type ?? null, subject_id: spec.subject?.id ?? null, ...el!, ...ruleColumns(spec),
    closes_at: spec.closesAt ? new Date(spec.closesAt) : null, created_by: ctx.actor?.userId ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await repo.replaceOptions(trx, row.id, optionRows(spec));
  await recordAudit(trx, ctx, { action: 'vote.create', entityType: 'vote', entityId: row.id, orgPath: org!.path, detail: { title: spec.title, method: spec.method, electorate: spec.electorate.kind, subject: spec.subject ?? null } });
  if (opts?.open) await openVoteTx(trx, ctx, row.id);
  return { id: row.id };
}

export const wrongStatus = (status: string) => errors.conflict('VOTE_STATUS', {
  zh: `表决当前状态（${({ draft: '草稿', open: '投票中', closed: '已结束', published: '已公布' } as Record<string, string>)[status]}）不允许此操作`,
  en: `Not allowed while the vote is ${status}`,
});

const today = () => new Date().toISOString().slice(0, 10);

/** The candidate electors of a stored vote's electorate, as of now. */
export async function snapshot(db: Kysely<DB> | Transaction<DB>, v: { electorate_kind: string; electorate_body_id: number | null; electorate_org_id: number | null; electorate_estate_id: number | null; electorate_building_id: number | null }) {
  if (v.electorate_kind === 'body') return electorateOf(await repo.bodyCandidates(db, v.electorate_body_id!), today(), { perHousehold: false, adultsOnly: false });
  const org = await repo.orgById(db, v.electorate_org_id!);
  const household = v.electorate_kind === 'households';
  const cands = await repo.residentCandidates(db, org!.path, { estateId: v.electorate_estate_id ?? undefined, buildingId: v.electorate_building_id ?? undefined, household });
  return electorateOf(cands, today(), { perHousehold: household, adultsOnly: true });
}

/** Opens a draft: the electorate is fixed now (vote_elector) and ballots may be cast. */
export async function openVoteTx(trx: Transaction<DB>, ctx: Ctx, voteId: number) {
  const v = await repo.lockVote(trx, voteId);
  if (!v) throw errors.notFound('vote');
  if (v.status !== 'draft') throw wrongStatus(v.status);
  if (v.closes_at && v.closes_at.getTime() <= Date.now()) throw errors.field('closesAt', msg('截止时间已过，请先修改', 'has passed; change it first'));
  const el = await snapshot(trx, v);
  if (el.eligible === 0) throw errors.conflict('EMPTY_ELECTORATE', msg('选民范围内没有可在线投票的人（须有账号；按户或成年居民表决须年满 18 周岁）', 'Nobody in the electorate can vote online (an account is needed; household and adult votes need age 18+)'));
  await repo.insertElectors(trx, voteId, el.electors);
  await trx.updateTable('vote').set({ status: 'open', opened_at: new Date(), eligible: el.eligible, updated_at: new Date() }).where('id', '=', voteId).execute();
  await recordAudit(trx, ctx, { action: 'vote.open', entityType: 'vote', entityId: voteId, orgPath: v.org_path, detail: { eligible: el.eligible, accounts: el.electors.length } });
}

export async function closeVoteTx(trx: Transaction<DB>, ctx: Ctx, voteId: number): Promise<VoteOutcome> {
  const v = await repo.lockVote(trx, voteId);
  if (!v) throw errors.notFound('vote');
  if (v.status === 'closed' || v.status === 'published') throw errors.conflict('VOTE_ALREADY_CLOSED', msg('表决已结束，不能重复结束', 'The vote is already closed'));
  if (v.status !== 'open') throw wrongStatus(v.status);
  const options = await repo.optionsOf(trx, [voteId]);
  const counted = await repo.countBallots(trx, voteId);
  const t = verdict(ruleOf(v, options.map((o) => o.key)), v.eligible ?? 0, counted.cast, counted.counts);
  await trx.updateTable('vote').set({
    status: 'closed', closed_at: new Date(), cast_count: t.cast, quorum_met: t.quorumMet, passed: t.passed,
    counts: JSON.stringify(t.counts), ballots_digest: counted.digest, updated_at: new Date(),
  }).where('id', '=', voteId).execute();
  const outcome: VoteOutcome = {
    voteId, subject: v.subject_type ? { type: v.subject_type, id: v.subject_id! } : null, status: 'closed',
    eligible: t.eligible, cast: t.cast, quorumMet: t.quorumMet, counts: t.counts, passed: t.passed,
  };
  for (const h of handlers.get(v.subject_type ?? '') ?? []) await h(trx, ctx, outcome);
  await recordAudit(trx, ctx, { action: 'vote.close', entityType: 'vote', entityId: voteId, orgPath: v.org_path, detail: { eligible: t.eligible, cast: t.cast, counts: t.counts, passed: t.passed } });
  return outcome;
}

export async function outcomeOf(db: Kysely<DB> | Transaction<DB>, voteId: number): Promise<VoteOutcome | null> {
  const v = await db.selectFrom('vote').selectAll().where('id', '=', voteId).executeTakeFirst();
  if (!v || (v.status !== 'closed' && v.status !== 'published')) return null;
  return {
    voteId, subject: v.subject_type ? { type: v.subject_type, id: v.subject_id! } : null, status: 'closed',
    eligible: v.eligible ?? 0, cast: v.cast_count ?? 0, quorumMet: v.quorum_met ?? false, counts: v.counts ?? {}, passed: v.passed,
  };
}

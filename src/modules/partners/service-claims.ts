import type { Transaction } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import type { ClaimStatus } from '../../db/schema-partners.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type Msg } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-claims.js';
import * as lists from './repo-lists.js';
import * as people from './repo-people.js';
import * as policy from './policy.js';
import { chinaToday, chinaYear, claimRefusal, computeScore, feedbackRefusal, needStatusAfter, nextClaimStatus, type ClaimAction } from './rules.js';
import { fieldMsg, iso, orgField, trimOrNull } from './common.js';

/**
 * 认领: members and units claim needs and posts; claims go claimed → in progress → done or
 * withdrawn; residents rate completed claims. The target row is locked for every change
 * of its count, so racing claims never exceed its capacity. A need counts its claims that
 * were not withdrawn (a done claim served it); a post counts those still serving.
 */

const targetOf = (c: repo.ClaimRow): policy.ClaimTarget => ({
  orgPath: c.org_path, status: c.status, memberUserId: c.member_user_id, needRaisedBy: c.need_raised_by, rated: c.rating !== null,
});

export function presentClaim(ctx: AuthedCtx, c: repo.ClaimRow) {
  return {
    id: c.id, orgId: c.org_id, orgName: c.org_name, target: c.need_id ? 'need' as const : 'post' as const, needId: c.need_id, postId: c.post_id,
    targetTitle: c.target_title, claimant: c.member_id ? 'member' as const : 'unit' as const, memberId: c.member_id, unitId: c.unit_id,
    claimantName: c.claimant_name, status: c.status, note: c.note, result: c.result, doneAt: iso(c.done_at), rating: c.rating, feedback: c.feedback,
    feedbackAt: iso(c.feedback_at), createdAt: c.created_at.toISOString(), actions: policy.claimActions(ctx.actor, targetOf(c)),
  };
}

export interface ClaimListQuery extends Omit<repo.ClaimFilter, 'orgPath'> { orgId?: number }
export async function claimFilter(ctx: AuthedCtx, q: ClaimListQuery): Promise<repo.ClaimFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const { orgId, ...rest } = q;
  const org = orgId ? await orgField(ctx, orgId, policy.RANKING_LEVELS) : null;
  return { ...rest, orgPath: org?.path ?? ctx.actor.orgPath };
}
export async function listClaims(ctx: AuthedCtx, q: ClaimListQuery, page: PageQuery) {
  const f = await claimFilter(ctx, q);
  const rows = await repo.claimsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentClaim(ctx, r)), total: await pageTotal(rows, page, () => repo.countClaims(ctx.deps.db, ctx.actor, f)) };
}
export async function myClaims(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.isResidentSelf(ctx.actor)) throw errors.forbidden();
  const rows = await repo.myClaims(ctx.deps.db, ctx.actor.userId, page);
  return { items: rows.map((r) => presentClaim(ctx, r)), total: await pageTotal(rows, page, () => repo.countMyClaims(ctx.deps.db, ctx.actor.userId)) };
}
async function loadClaim(ctx: AuthedCtx, id: number) {
  const resident = policy.isResidentSelf(ctx.actor);
  if (!resident && !policy.canRead(ctx.actor)) throw errors.forbidden();
  const c = await repo.getClaimFor(ctx.deps.db, ctx.actor, id, resident);
  if (!c) throw errors.notFound('claim');
  return c;
}
export async function getClaim(ctx: AuthedCtx, id: number) {
  return presentClaim(ctx, await loadClaim(ctx, id));
}

interface Target { needId: number | null; postId: number | null }
interface Claimant { memberId: number | null; unitId: number | null }
const REFUSED = (m: Msg, field: string) => errors.conflict('CLAIM_REFUSED', m, { [field]: m });

/** Locks the target, checks room and duplicates, writes the claim and the new count; returns the claim id. */
async function claimInTrx(trx: Transaction<DB>, ctx: AuthedCtx, t: Target, who: Claimant, note: string | null, canSee: (path: string) => boolean) {
  const field = t.needId ? 'needId' : 'postId';
  const row = t.needId ? await lists.lockNeed(trx, t.needId) : await lists.lockPost(trx, t.postId!);
  if (!row || !canSee(row.org_path)) throw errors.field(field, fieldMsg('不存在或无权访问', 'is not within your scope'));
  const refusal = claimRefusal({ status: row.status, claimed: row.claimed, capacity: row.capacity, dueOn: 'due_on' in row ? row.due_on : null }, chinaToday());
  if (refusal) throw REFUSED(refusal, field);
  if (await repo.liveClaim(trx, t, who)) throw REFUSED(fieldMsg('已经认领过，不能重复认领', 'is already claimed by this claimant'), field);
  const id = await repo.insertClaim(trx, { id: row.org_id, path: row.org_path }, {
    need_id: t.needId, post_id: t.postId, member_id: who.memberId, unit_id: who.unitId, note, created_by: ctx.actor.userId,
  });
  const claimed = row.claimed + 1;
  if (t.needId) await lists.setNeedClaimed(trx, t.needId, claimed, needStatusAfter(row.status as 'open', claimed, row.capacity));
  else await lists.setPostClaimed(trx, t.postId!, claimed);
  await recordAudit(trx, ctx, { action: 'claim.create', entityType: 'claim', entityId: id, orgPath: row.org_path, detail: { ...t, ...who } });
  return id;
}

function exactlyOne(a: number | undefined, b: number | undefined, fa: string, fb: string) {
  if ((a === undefined) === (b === undefined)) throw errors.field(fa, fieldMsg(`${fa} 与 ${fb} 须且只能填一个`, `give exactly one of ${fa} and ${fb}`));
}

/** A community worker records a claim by a member or a unit. */
export async function createClaim(ctx: AuthedCtx, input: { needId?: number; postId?: number; memberId?: number; unitId?: number; note?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  exactlyOne(input.needId, input.postId, 'needId', 'postId');
  exactlyOne(input.memberId, input.unitId, 'memberId', 'unitId');
  if (input.unitId && input.postId) throw errors.field('unitId', fieldMsg('服务岗位只能由党员认领', 'service posts are claimed by members'));
  const who = input.memberId ? await people.getMember(ctx.deps.db, ctx.actor, input.memberId) : await people.getUnit(ctx.deps.db, ctx.actor, input.unitId!);
  const whoField = input.memberId ? 'memberId' : 'unitId';
  if (!who) throw errors.field(whoField, fieldMsg('不存在或无权访问', 'is not within your scope'));
  if (who.status !== 'active') throw errors.field(whoField, fieldMsg('状态不是在册/启用', 'is not active'));
  const id = await inTransaction(ctx, (trx) => claimInTrx(trx, ctx, { needId: input.needId ?? null, postId: input.postId ?? null },
    { memberId: input.memberId ?? null, unitId: input.unitId ?? null }, trimOrNull(input.note) ?? null, (p) => policy.canManageAt(ctx.actor, p)));
  return getClaim(ctx, id);
}

/** A resident claims as the party member linked to their account. */
export async function claimAsMember(ctx: AuthedCtx, input: { needId?: number; postId?: number; note?: string | null }) {
  if (!policy.isResidentSelf(ctx.actor)) throw errors.forbidden();
  exactlyOne(input.needId, input.postId, 'needId', 'postId');
  const m = await people.memberOfUser(ctx.deps.db, ctx.actor.userId);
  if (!m || m.status !== 'active') throw errors.forbidden({ zh: '只有已报到（在册）的在职党员才能认领', en: 'Only a registered, active party member can claim' });
  const id = await inTransaction(ctx, (trx) => claimInTrx(trx, ctx, { needId: input.needId ?? null, postId: input.postId ?? null },
    { memberId: m.id, unitId: null }, trimOrNull(input.note) ?? null, (p) => policy.residentSeesPath(ctx.actor, p)));
  return getClaim(ctx, id);
}

/** Adds to a subject's annual inputs and stores the score the formula gives. */
async function applyScore(trx: Transaction<DB>, s: repo.Subject, year: number, d: { hours?: number; claimsDone?: number; ratingCount?: number; ratingSum?: number }) {
  const org = await repo.subjectOrg(trx, s);
  const r = await repo.bumpScore(trx, year, s, org, d);
  await repo.setScore(trx, year, s, computeScore({ hours: r.hours, claimsDone: r.claims_done, ratingCount: r.rating_count, ratingSum: r.rating_sum }));
}
const subjectOf = (c: { member_id: number | null; unit_id: number | null }): repo.Subject =>
  c.member_id ? { kind: 'member', id: c.member_id } : { kind: 'unit', id: c.unit_id! };

/** start / complete (with the result) / withdraw. */
export async function actOnClaim(ctx: AuthedCtx, id: number, action: ClaimAction, note?: string | null) {
  const c0 = await loadClaim(ctx, id);
  if (!policy.canActOnClaim(ctx.actor, targetOf(c0), action)) {
    if (nextClaimStatus(c0.status, action) === null) throw errors.conflict('CLAIM_STATE', fieldMsg(`当前状态不能执行该操作`, `the claim is ${c0.status}`), { action: fieldMsg('当前状态不可用', `not available while ${c0.status}`) });
    throw errors.forbidden();
  }
  await inTransaction(ctx, async (trx) => {
    // Target first, then claim: the same order as a new claim, so the two never deadlock.
    const need = c0.need_id ? await lists.lockNeed(trx, c0.need_id) : null;
    const post = c0.post_id ? await lists.lockPost(trx, c0.post_id) : null;
    const c = (await repo.lockClaim(trx, id))!;
    const next = nextClaimStatus(c.status, action);
    if (!next) throw errors.conflict('CLAIM_STATE', fieldMsg('认领状态已变化，请刷新', 'the claim changed meanwhile; reload'));
    const now = new Date();
    await repo.updateClaim(trx, id, { status: next, ...(next === 'done' ? { done_at: now, result: trimOrNull(note) ?? null } : {}) });
    const frees = next === 'withdrawn' || (next === 'done' && post !== null);
    if (need && frees) await lists.setNeedClaimed(trx, need.id, need.claimed - 1, needStatusAfter(need.status, need.claimed - 1, need.capacity));
    if (post && frees) await lists.setPostClaimed(trx, post.id, post.claimed - 1);
    if (next === 'done') await applyScore(trx, subjectOf(c), chinaYear(now), { claimsDone: 1 });
    await recordAudit(trx, ctx, { action: `claim.${action}`, entityType: 'claim', entityId: id, orgPath: c.org_path, detail: { from: c.status, to: next } });
  });
  return getClaim(ctx, id);
}

/** 群众评价: a 1–5 rating with a comment, once, on a completed claim; moves the claimant's score. */
export async function rateClaim(ctx: AuthedCtx, id: number, input: { rating: number; comment?: string | null }) {
  const c0 = await loadClaim(ctx, id);
  const refusal = feedbackRefusal({ status: c0.status as ClaimStatus, rating: c0.rating });
  if (refusal) throw errors.conflict('FEEDBACK_REFUSED', refusal);
  if (!policy.canRate(ctx.actor, targetOf(c0))) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const c = (await repo.lockClaim(trx, id))!;
    const again = feedbackRefusal({ status: c.status, rating: c.rating });
    if (again) throw errors.conflict('FEEDBACK_REFUSED', again);
    await repo.updateClaim(trx, id, { rating: input.rating, feedback: trimOrNull(input.comment) ?? null, feedback_by: ctx.actor.userId, feedback_at: new Date() });
    await applyScore(trx, subjectOf(c), chinaYear(c.done_at!), { ratingCount: 1, ratingSum: input.rating });
    await recordAudit(trx, ctx, { action: 'claim.rate', entityType: 'claim', entityId: id, orgPath: c.org_path, detail: { rating: input.rating } });
  });
  return getClaim(ctx, id);
}

/**
 * For the volunteering module, inside its attendance-confirming transaction: the confirmed
 * hours of a resident account count toward the linked party member's score for the year of
 * `at` (China time). Returns false when the account is no party member. Not called yet: see
 * the TODO in docs/partners.md (until then the explicit recompute reads the hours).
 */
export async function addMemberHours(trx: Transaction<DB>, userId: number, at: Date, hours: number): Promise<boolean> {
  const m = await repo.memberIdOfUser(trx, userId);
  if (!m || !(hours > 0)) return false;
  await applyScore(trx, { kind: 'member', id: m.id }, chinaYear(at), { hours });
  return true;
}

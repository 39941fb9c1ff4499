import type { AuthedCtx } from '../../core/context.js';
import type { NeedSource, NeedStatus } from '../../db/schema-partners.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-lists.js';
import * as people from './repo-people.js';
import * as policy from './policy.js';
import { needStatusAfter } from './rules.js';
import { fieldMsg, orgField, trimOrNull } from './common.js';

/** 需求清单 (needs), 服务清单 (offers) and 服务岗位 (posts). */

export function presentNeed(ctx: AuthedCtx, n: repo.NeedRow, resident = false) {
  const actions = resident
    ? (n.status === 'open' && n.claimed < n.capacity ? ['claim'] : [])
    : policy.canManageAt(ctx.actor, n.org_path) ? ['update', ...(n.status === 'open' ? ['claim'] : [])] : [];
  return {
    id: n.id, orgId: n.org_id, orgName: n.org_name, title: n.title, description: n.description, category: n.category, source: n.source,
    visitId: resident ? null : n.visit_id, requestId: resident ? null : n.request_id, raisedBy: resident ? null : n.raised_by,
    capacity: n.capacity, claimed: n.claimed, dueOn: n.due_on, status: n.status, createdAt: n.created_at.toISOString(), actions,
  };
}

export interface NeedListQuery { orgId?: number; q?: string; status?: NeedStatus; source?: NeedSource }
export async function needFilter(ctx: AuthedCtx, q: NeedListQuery): Promise<repo.NeedFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.RANKING_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, status: q.status, source: q.source };
}
export async function listNeeds(ctx: AuthedCtx, q: NeedListQuery, page: PageQuery) {
  const f = await needFilter(ctx, q);
  const rows = await repo.needsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentNeed(ctx, r)), total: await pageTotal(rows, page, () => repo.countNeeds(ctx.deps.db, ctx.actor, f)) };
}
async function loadNeed(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const n = await repo.getNeed(ctx.deps.db, ctx.actor, id);
  if (!n) throw errors.notFound('need');
  return n;
}
export async function getNeed(ctx: AuthedCtx, id: number) {
  return presentNeed(ctx, await loadNeed(ctx, id));
}

export interface CreateNeedInput {
  orgId: number; title: string; description: string; category: string; source: NeedSource;
  visitId?: number | null; requestId?: number | null; raisedBy?: number | null; capacity?: number; dueOn?: string | null;
}
export async function createNeed(ctx: AuthedCtx, input: CreateNeedInput) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.HOME_LEVELS);
  const fields: FieldErrors = {};
  const db = ctx.deps.db;
  if (input.visitId && input.source !== 'visit') fields.visitId = fieldMsg('仅来源为入户走访时填写', 'only with source visit');
  else if (input.visitId && !(await repo.visitInScope(db, ctx.actor, input.visitId))) fields.visitId = fieldMsg('走访记录不存在或无权访问', 'is not a visit within your scope');
  if (input.requestId && input.source !== 'request') fields.requestId = fieldMsg('仅来源为诉求时填写', 'only with source request');
  else if (input.requestId && !(await repo.requestInScope(db, ctx.actor, input.requestId))) fields.requestId = fieldMsg('诉求不存在或无权访问', 'is not a request within your scope');
  if (input.raisedBy) {
    const u = await people.accountInScope(db, ctx.actor, input.raisedBy);
    if (!u || u.role !== 'resident' || !u.org_path.startsWith(org.path)) fields.raisedBy = fieldMsg('必须是该社区的居民账号', 'must be a resident account of the community');
  }
  if (Object.keys(fields).length) throw errors.validation(fields);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertNeed(trx, org, {
      title: input.title.trim(), description: input.description.trim(), category: input.category.trim(), source: input.source,
      visit_id: input.visitId ?? null, request_id: input.requestId ?? null, raised_by: input.raisedBy ?? null, capacity: input.capacity ?? 1,
      due_on: input.dueOn ?? null, created_by: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, { action: 'need.create', entityType: 'need', entityId: id, orgPath: org.path, detail: { orgId: org.id, source: input.source, capacity: input.capacity ?? 1 } });
    return id;
  });
  return getNeed(ctx, id);
}

export interface UpdateNeedInput { title?: string; description?: string; category?: string; capacity?: number; dueOn?: string | null; status?: 'done' | 'closed' | 'open' }
export async function updateNeed(ctx: AuthedCtx, id: number, input: UpdateNeedInput) {
  const n0 = await loadNeed(ctx, id);
  if (!policy.canManageAt(ctx.actor, n0.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const n = (await repo.lockNeed(trx, id))!;
    const capacity = input.capacity ?? n.capacity;
    if (capacity < n.claimed) throw errors.field('capacity', fieldMsg(`不能少于已认领数 ${n.claimed}`, `cannot be below the ${n.claimed} live claims`));
    let status: NeedStatus = n.status;
    if (input.status === 'done' || input.status === 'closed') status = input.status;
    else status = needStatusAfter(input.status === 'open' ? 'open' : n.status, n.claimed, capacity);
    await repo.updateNeed(trx, id, {
      title: input.title?.trim(), description: input.description?.trim(), category: input.category?.trim(), capacity, status,
      ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
    });
    await recordAudit(trx, ctx, { action: 'need.update', entityType: 'need', entityId: id, orgPath: n.org_path, detail: { changed: Object.keys(input), status } });
  });
  return getNeed(ctx, id);
}

export async function residentNeeds(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.isResidentSelf(ctx.actor)) throw errors.forbidden();
  const rows = await repo.residentNeeds(ctx.deps.db, ctx.actor, page);
  return { items: rows.map((r) => presentNeed(ctx, r, true)), total: await pageTotal(rows, page, () => repo.countResidentNeeds(ctx.deps.db, ctx.actor)) };
}

// ── Offers ──
function presentOffer(ctx: AuthedCtx, f: repo.OfferRow) {
  return {
    id: f.id, orgId: f.org_id, orgName: f.org_name, memberId: f.member_id, unitId: f.unit_id, providerName: f.provider_name, title: f.title,
    description: f.description, availability: f.availability, status: f.status, createdAt: f.created_at.toISOString(),
    actions: policy.recordActions(ctx.actor, f.org_path),
  };
}
export interface OfferListQuery { orgId?: number; q?: string; provider?: 'member' | 'unit'; status?: 'active' | 'withdrawn' }
export async function offerFilter(ctx: AuthedCtx, q: OfferListQuery): Promise<repo.OfferFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.RANKING_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, provider: q.provider, status: q.status };
}
export async function listOffers(ctx: AuthedCtx, q: OfferListQuery, page: PageQuery) {
  const f = await offerFilter(ctx, q);
  const rows = await repo.offersPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentOffer(ctx, r)), total: await pageTotal(rows, page, () => repo.countOffers(ctx.deps.db, ctx.actor, f)) };
}
async function loadOffer(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const f = await repo.getOffer(ctx.deps.db, ctx.actor, id);
  if (!f) throw errors.notFound('serviceOffer');
  return f;
}
export async function createOffer(ctx: AuthedCtx, input: { memberId?: number; unitId?: number; title: string; description: string; availability?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  if ((input.memberId === undefined) === (input.unitId === undefined)) throw errors.field('memberId', fieldMsg('党员与共建单位须且只能填一个', 'give exactly one of memberId and unitId'));
  const provider = input.memberId
    ? await people.getMember(ctx.deps.db, ctx.actor, input.memberId)
    : await people.getUnit(ctx.deps.db, ctx.actor, input.unitId!);
  if (!provider) throw errors.field(input.memberId ? 'memberId' : 'unitId', fieldMsg('不存在或无权访问', 'is not within your scope'));
  if (!policy.canManageAt(ctx.actor, provider.org_path)) throw errors.forbidden();
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertOffer(trx, { id: provider.org_id, path: provider.org_path }, {
      member_id: input.memberId ?? null, unit_id: input.unitId ?? null, title: input.title.trim(), description: input.description.trim(),
      availability: trimOrNull(input.availability) ?? null, created_by: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, { action: 'serviceOffer.create', entityType: 'serviceOffer', entityId: id, orgPath: provider.org_path, detail: { memberId: input.memberId, unitId: input.unitId } });
    return id;
  });
  return presentOffer(ctx, await loadOffer(ctx, id));
}
export async function updateOffer(ctx: AuthedCtx, id: number, input: { title?: string; description?: string; availability?: string | null; status?: 'active' | 'withdrawn' }) {
  const f = await loadOffer(ctx, id);
  if (!policy.canManageAt(ctx.actor, f.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await repo.updateOffer(trx, id, { title: input.title?.trim(), description: input.description?.trim(), status: input.status, ...(input.availability !== undefined ? { availability: trimOrNull(input.availability) } : {}) });
    await recordAudit(trx, ctx, { action: 'serviceOffer.update', entityType: 'serviceOffer', entityId: id, orgPath: f.org_path, detail: { changed: Object.keys(input) } });
  });
  return presentOffer(ctx, await loadOffer(ctx, id));
}

// ── Posts ──
export function presentPost(ctx: AuthedCtx, p: repo.PostRow, resident = false) {
  const actions = resident
    ? (p.status === 'open' && p.claimed < p.capacity ? ['claim'] : [])
    : policy.canManageAt(ctx.actor, p.org_path) ? ['update', ...(p.status === 'open' ? ['claim'] : [])] : [];
  return {
    id: p.id, orgId: p.org_id, orgName: p.org_name, name: p.name, description: p.description, capacity: p.capacity, claimed: p.claimed,
    status: p.status, createdAt: p.created_at.toISOString(), actions,
  };
}
export interface PostListQuery { orgId?: number; q?: string; status?: 'open' | 'closed' }
export async function postFilter(ctx: AuthedCtx, q: PostListQuery): Promise<repo.PostFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.RANKING_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, status: q.status };
}
export async function listPosts(ctx: AuthedCtx, q: PostListQuery, page: PageQuery) {
  const f = await postFilter(ctx, q);
  const rows = await repo.postsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentPost(ctx, r)), total: await pageTotal(rows, page, () => repo.countPosts(ctx.deps.db, ctx.actor, f)) };
}
async function loadPost(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const p = await repo.getPost(ctx.deps.db, ctx.actor, id);
  if (!p) throw errors.notFound('servicePost');
  return p;
}
export async function createPost(ctx: AuthedCtx, input: { orgId: number; name: string; description?: string | null; capacity: number }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.HOME_LEVELS);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertPost(trx, org, { name: input.name.trim(), description: trimOrNull(input.description) ?? null, capacity: input.capacity, created_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'servicePost.create', entityType: 'servicePost', entityId: id, orgPath: org.path, detail: { orgId: org.id, capacity: input.capacity } });
    return id;
  });
  return presentPost(ctx, await loadPost(ctx, id));
}
export async function updatePost(ctx: AuthedCtx, id: number, input: { name?: string; description?: string | null; capacity?: number; status?: 'open' | 'closed' }) {
  const p0 = await loadPost(ctx, id);
  if (!policy.canManageAt(ctx.actor, p0.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const p = (await repo.lockPost(trx, id))!;
    if (input.capacity !== undefined && input.capacity < p.claimed) throw errors.field('capacity', fieldMsg(`不能少于在岗人数 ${p.claimed}`, `cannot be below the ${p.claimed} live claims`));
    await repo.updatePost(trx, id, { name: input.name?.trim(), capacity: input.capacity, status: input.status, ...(input.description !== undefined ? { description: trimOrNull(input.description) } : {}) });
    await recordAudit(trx, ctx, { action: 'servicePost.update', entityType: 'servicePost', entityId: id, orgPath: p.org_path, detail: { changed: Object.keys(input) } });
  });
  return presentPost(ctx, await loadPost(ctx, id));
}
export async function residentPosts(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.isResidentSelf(ctx.actor)) throw errors.forbidden();
  const rows = await repo.residentPosts(ctx.deps.db, ctx.actor, page);
  return { items: rows.map((r) => presentPost(ctx, r, true)), total: await pageTotal(rows, page, () => repo.countResidentPosts(ctx.deps.db, ctx.actor)) };
}

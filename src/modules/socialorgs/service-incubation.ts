import type { AuthedCtx } from '../../core/context.js';
import type { IncubationServiceKind, IncubationStatus } from '../../db/schema-socialorgs.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pathInScope } from '../../core/scope.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { SERVICE_KINDS, canCloseIncubation, chinaToday, growthResult, type GrowthScores } from './rules.js';
import { loadOrg, managedOrgField, msg, orgField, ownIds, trimOrNull } from './common.js';

/** 孵化: bases at three levels, organizations incubated at them, the six basic services, growth assessments. */

const notFuture = (field: string, day: string) => {
  if (day > chinaToday()) throw errors.field(field, msg('不能晚于今天', 'cannot be in the future'));
};

// ── Bases ──
export function presentBase(ctx: AuthedCtx, b: repo.BaseRow) {
  return {
    id: b.id, orgId: b.org_id, orgName: b.org_name, level: b.level, name: b.name, address: b.address, capacity: b.capacity, status: b.status,
    incubating: b.incubating, createdAt: b.created_at.toISOString(), actions: policy.canManageAt(ctx.actor, b.org_path) ? ['update'] : [],
  };
}

export async function listBases(ctx: AuthedCtx, q: { orgId?: number; level?: 'government' | 'street' | 'community'; q?: string }, page: PageQuery) {
  if (!policy.canRead(ctx.actor) || policy.ownOrgsOnly(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.FILTER_LEVELS) : null;
  const f = { orgPath: org?.path ?? ctx.actor.orgPath, level: q.level, q: q.q?.trim() || undefined };
  const rows = await repo.basesPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentBase(ctx, r)), total: await pageTotal(rows, page, () => repo.countBases(ctx.deps.db, ctx.actor, f)) };
}

async function loadBase(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor) || policy.ownOrgsOnly(ctx.actor)) throw errors.forbidden();
  const b = await repo.getBase(ctx.deps.db, ctx.actor, id);
  if (!b) throw errors.notFound('incubationBase');
  return b;
}

export async function getBase(ctx: AuthedCtx, id: number) {
  const b = await loadBase(ctx, id);
  const inc = await repo.incubationsPage(ctx.deps.db, ctx.actor, { baseId: id }, { page: 1, pageSize: 200 });
  return { ...presentBase(ctx, b), incubations: inc.map((i) => presentIncubation(ctx, i)) };
}

export async function createBase(ctx: AuthedCtx, input: { orgId: number; name: string; address?: string | null; capacity?: number | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, Object.keys(policy.BASE_LEVEL_OF) as never);
  const level = policy.BASE_LEVEL_OF[org.level]!;
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertBase(trx, org, { level, name: input.name.trim(), address: trimOrNull(input.address) ?? null, capacity: input.capacity ?? null, created_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'incubationBase.create', entityType: 'incubationBase', entityId: id, orgPath: org.path, detail: { orgId: org.id, level } });
    return id;
  });
  return getBase(ctx, id);
}

export async function updateBase(ctx: AuthedCtx, id: number, input: { name?: string; address?: string | null; capacity?: number | null; status?: 'active' | 'closed' }) {
  const b = await loadBase(ctx, id);
  if (!policy.canManageAt(ctx.actor, b.org_path)) throw errors.forbidden();
  if (input.status === 'closed' && b.incubating > 0) {
    throw errors.conflict('BASE_HAS_INCUBATIONS', msg(`基地仍有 ${b.incubating} 家组织在孵，不能关闭`, `${b.incubating} organizations are still incubating here`), { status: msg('仍有在孵组织', 'has live incubations') });
  }
  await inTransaction(ctx, async (trx) => {
    await repo.updateBase(trx, id, { name: input.name?.trim(), address: trimOrNull(input.address), capacity: input.capacity, status: input.status });
    await recordAudit(trx, ctx, { action: 'incubationBase.update', entityType: 'incubationBase', entityId: id, orgPath: b.org_path, detail: { changed: Object.keys(input), status: input.status } });
  });
  return getBase(ctx, id);
}

// ── Incubations ──
export function presentIncubation(ctx: AuthedCtx, i: repo.IncubationRow) {
  return {
    id: i.id, baseId: i.base_id, baseName: i.base_name, baseLevel: i.base_level, socialOrgId: i.social_org_id, socialOrgName: i.social_org_name,
    enteredOn: i.entered_on, exitedOn: i.exited_on, status: i.status, note: i.note, services: i.services,
    actions: canCloseIncubation(i.status) && policy.canManageAt(ctx.actor, i.org_path) ? ['close'] : [],
  };
}

export async function listIncubations(ctx: AuthedCtx, q: { socialOrgId?: number; baseId?: number; status?: IncubationStatus }, page: PageQuery) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const f = { ...q, ownIds: await ownIds(ctx) };
  const rows = await repo.incubationsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentIncubation(ctx, r)), total: await pageTotal(rows, page, () => repo.countIncubations(ctx.deps.db, ctx.actor, f)) };
}

/** Places an organization at a base: the base must be open and on the organization's path (its own org or above). */
export async function startIncubation(ctx: AuthedCtx, input: { baseId: number; socialOrgId: number; enteredOn: string; note?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const s = await managedOrgField(ctx, input.socialOrgId);
  if (s.status !== 'active') throw errors.field('socialOrgId', msg('只有正常状态的组织可以入驻孵化', 'must be an active organization'));
  const b = await repo.getBase(ctx.deps.db, ctx.actor, input.baseId);
  if (!b || b.status !== 'active') throw errors.field('baseId', msg('孵化基地不存在或已关闭', 'is not an open incubation base you can see'));
  if (!s.org_path.startsWith(b.org_path) && !pathInScope(ctx.actor, b.org_path)) throw errors.field('baseId', msg('该基地不服务此组织所在地区', 'does not serve the organization’s area'));
  notFuture('enteredOn', input.enteredOn);
  if (b.capacity !== null && b.incubating >= b.capacity) throw errors.conflict('BASE_FULL', msg('孵化基地已满', 'the base is full'), { baseId: msg('已满', 'is full') });
  if (await repo.liveIncubation(ctx.deps.db, s.id)) throw errors.conflict('ALREADY_INCUBATING', msg('该组织正在孵化中', 'the organization is already incubating'), { socialOrgId: msg('正在孵化中', 'is already incubating') });
  const id = await inTransaction(ctx, async (trx) => {
    await repo.lockOrg(trx, s.id);
    const id = await repo.insertIncubation(trx, s, { base_id: b.id, entered_on: input.enteredOn, note: trimOrNull(input.note) ?? null, created_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'incubation.start', entityType: 'socialOrg', entityId: s.id, orgPath: s.org_path, detail: { incubationId: id, baseId: b.id } });
    return id;
  });
  return presentIncubation(ctx, (await repo.getIncubation(ctx.deps.db, ctx.actor, id))!);
}

export async function closeIncubation(ctx: AuthedCtx, id: number, input: { status: 'graduated' | 'exited'; exitedOn: string; note?: string | null }) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const i = await repo.getIncubation(ctx.deps.db, ctx.actor, id);
  if (!i || !policy.canSee(ctx.actor, { id: i.social_org_id, path: i.org_path }, (await ownIds(ctx)) ?? [])) throw errors.notFound('incubationBase');
  if (!policy.canManageAt(ctx.actor, i.org_path)) throw errors.forbidden();
  notFuture('exitedOn', input.exitedOn);
  if (input.exitedOn < i.entered_on) throw errors.field('exitedOn', msg('不能早于入驻日期', 'cannot be before the entry date'));
  await inTransaction(ctx, async (trx) => {
    const n = await repo.closeIncubation(trx, id, { status: input.status, exited_on: input.exitedOn, ...(input.note !== undefined ? { note: trimOrNull(input.note) } : {}) });
    if (!n) throw errors.conflict('INCUBATION_CLOSED', msg('该孵化记录已结束', 'the incubation has already ended'));
    await recordAudit(trx, ctx, { action: 'incubation.close', entityType: 'socialOrg', entityId: i.social_org_id, orgPath: i.org_path, detail: { incubationId: id, status: input.status } });
  });
  return presentIncubation(ctx, (await repo.getIncubation(ctx.deps.db, ctx.actor, id))!);
}

// ── Services ──
export function presentService(s: repo.ServiceRow) {
  return {
    id: s.id, socialOrgId: s.social_org_id, socialOrgName: s.social_org_name, incubationId: s.incubation_id, kind: s.kind, providedOn: s.provided_on,
    provider: s.provider, hours: s.hours, notes: s.notes, createdAt: s.created_at.toISOString(),
  };
}

export interface ServiceListQuery { socialOrgId?: number; orgId?: number; kind?: IncubationServiceKind; from?: string; to?: string }
export async function serviceFilter(ctx: AuthedCtx, q: ServiceListQuery): Promise<repo.ServiceFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  if (q.from && q.to && q.from > q.to) throw errors.field('to', msg('不能早于开始日期', 'cannot be before from'));
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.FILTER_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, ownIds: await ownIds(ctx), socialOrgId: q.socialOrgId, kind: q.kind, from: q.from, to: q.to };
}

export async function listServices(ctx: AuthedCtx, q: ServiceListQuery, page: PageQuery) {
  const f = await serviceFilter(ctx, q);
  const rows = await repo.servicesPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map(presentService), total: await pageTotal(rows, page, () => repo.countServices(ctx.deps.db, ctx.actor, f)) };
}

/** Per kind, how many services and hours: the six kinds always listed, zeros included. */
export async function summarizeServices(ctx: AuthedCtx, q: ServiceListQuery) {
  const f = await serviceFilter(ctx, q);
  const rows = await repo.serviceSummary(ctx.deps.db, ctx.actor, f);
  return { items: SERVICE_KINDS.map((kind) => { const r = rows.find((x) => x.kind === kind); return { kind, count: r?.count ?? 0, hours: Number(r?.hours ?? 0) }; }) };
}

export async function recordService(ctx: AuthedCtx, input: { socialOrgId: number; kind: IncubationServiceKind; providedOn: string; provider: string; hours?: number | null; notes?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const s = await managedOrgField(ctx, input.socialOrgId);
  notFuture('providedOn', input.providedOn);
  const live = await repo.liveIncubation(ctx.deps.db, s.id);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertService(trx, s, {
      incubation_id: live?.id ?? null, kind: input.kind, provided_on: input.providedOn, provider: input.provider.trim(), hours: input.hours == null ? null : Math.round(input.hours * 10) / 10,
      notes: trimOrNull(input.notes) ?? null, created_by: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, { action: 'incubationService.create', entityType: 'incubationService', entityId: id, orgPath: s.org_path, detail: { socialOrgId: s.id, kind: input.kind } });
    return id;
  });
  return presentService(await repo.getService(ctx.deps.db, id));
}

// ── Growth assessments ──
const presentAssessment = (a: repo.AssessmentRow) => ({
  id: a.id, socialOrgId: a.social_org_id, assessedOn: a.assessed_on, governance: a.governance, capacity: a.capacity, projects: a.projects,
  finance: a.finance, influence: a.influence, total: a.total, level: a.level, assessor: a.assessor, notes: a.notes, createdAt: a.created_at.toISOString(),
});

export async function listAssessments(ctx: AuthedCtx, socialOrgId: number) {
  await loadOrg(ctx, socialOrgId);
  return { items: (await repo.assessmentsOf(ctx.deps.db, socialOrgId)).map(presentAssessment) };
}

export async function recordAssessment(ctx: AuthedCtx, socialOrgId: number, input: GrowthScores & { assessedOn: string; assessor: string; notes?: string | null }) {
  const s = await loadOrg(ctx, socialOrgId);
  if (!policy.canManageAt(ctx.actor, s.org_path)) throw errors.forbidden();
  notFuture('assessedOn', input.assessedOn);
  const { total, level } = growthResult(input);
  await inTransaction(ctx, async (trx) => {
    const id = await repo.insertAssessment(trx, s, {
      assessed_on: input.assessedOn, governance: input.governance, capacity: input.capacity, projects: input.projects, finance: input.finance, influence: input.influence,
      total, level, assessor: input.assessor.trim(), notes: trimOrNull(input.notes) ?? null, created_by: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, { action: 'growthAssessment.create', entityType: 'growthAssessment', entityId: id, orgPath: s.org_path, detail: { socialOrgId, total, level } });
  });
  return listAssessments(ctx, socialOrgId);
}

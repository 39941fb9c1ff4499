import type { AuthedCtx } from '../../core/context.js';
import type { PartyMemberStatus, PartnerUnitKind } from '../../db/schema-partners.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-people.js';
import * as policy from './policy.js';
import { chinaToday, chinaYear } from './rules.js';
import { bumpScore } from './repo-claims.js';
import { forgetRankingCounts } from './service-rankings.js';
import { fieldMsg, normalizedPhoneHash, orgField, phoneColumns, trimOrNull } from './common.js';

/** 在职党员双报到 and 共建单位: register, change, list, reveal a phone. */

export function presentMember(ctx: AuthedCtx, m: repo.MemberRow) {
  return {
    id: m.id, orgId: m.org_id, orgName: m.org_name, name: m.name, phone: m.phone_masked, workUnit: m.work_unit, partyOrg: m.party_org,
    userId: m.user_id, reportedOn: m.reported_on, status: m.status, createdAt: m.created_at.toISOString(),
    actions: policy.recordActions(ctx.actor, m.org_path, m.phone_masked !== null),
  };
}

export interface MemberListQuery { orgId?: number; q?: string; status?: PartyMemberStatus; phone?: string }
export async function memberFilter(ctx: AuthedCtx, q: MemberListQuery): Promise<repo.MemberFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.RANKING_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, status: q.status, phoneHash: q.phone ? normalizedPhoneHash(ctx, q.phone) : undefined };
}

export async function listMembers(ctx: AuthedCtx, q: MemberListQuery, page: PageQuery) {
  const f = await memberFilter(ctx, q);
  const rows = await repo.membersPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentMember(ctx, r)), total: await pageTotal(rows, page, () => repo.countMembers(ctx.deps.db, ctx.actor, f)) };
}

async function loadMember(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const m = await repo.getMember(ctx.deps.db, ctx.actor, id);
  if (!m) throw errors.notFound('partyMember');
  return m;
}
export async function getMember(ctx: AuthedCtx, id: number) {
  return presentMember(ctx, await loadMember(ctx, id));
}

/** A resident account to link: in scope, a resident, not linked to another member. */
async function checkLink(ctx: AuthedCtx, userId: number, memberId: number | null) {
  const u = await repo.accountInScope(ctx.deps.db, ctx.actor, userId);
  if (!u || u.role !== 'resident') throw errors.field('userId', fieldMsg('必须是本辖区的居民账号', 'must be a resident account within your scope'));
  const other = await repo.memberLinkedTo(ctx.deps.db, userId);
  if (other && other.id !== memberId) throw errors.conflict('MEMBER_ACCOUNT_TAKEN', fieldMsg('该账号已关联其他党员', 'the account is linked to another member'), { userId: fieldMsg('已关联其他党员', 'is linked to another member') });
}

export interface CreateMemberInput {
  orgId: number; name: string; phone?: string | null; workUnit: string; partyOrg: string; userId?: number | null; reportedOn?: string; status?: PartyMemberStatus;
}
export async function createMember(ctx: AuthedCtx, input: CreateMemberInput) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.HOME_LEVELS);
  if (input.reportedOn && input.reportedOn > chinaToday()) throw errors.field('reportedOn', fieldMsg('不能晚于今天', 'cannot be in the future'));
  if (input.userId) await checkLink(ctx, input.userId, null);
  const ph = phoneColumns(ctx, input.phone);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertMember(trx, org, {
      name: input.name.trim(), phone_enc: ph.enc, phone_hash: ph.hash, phone_masked: ph.masked, work_unit: input.workUnit.trim(), party_org: input.partyOrg.trim(),
      user_id: input.userId ?? null, status: input.status ?? 'pending', reported_on: input.reportedOn ?? chinaToday(), created_by: ctx.actor.userId,
    });
    // The member is ranked from the start of the year, even before any service.
    await bumpScore(trx, chinaYear(new Date()), { kind: 'member', id }, { org_id: org.id, org_path: org.path }, {});
    await recordAudit(trx, ctx, {
      action: 'partyMember.create', entityType: 'partyMember', entityId: id, orgPath: org.path,
      detail: { orgId: org.id, linkedUser: input.userId ?? null, hasPhone: ph.enc !== null, status: input.status ?? 'pending' },
    });
    return id;
  });
  forgetRankingCounts();
  return getMember(ctx, id);
}

export interface UpdateMemberInput { name?: string; phone?: string | null; workUnit?: string; partyOrg?: string; userId?: number | null; status?: PartyMemberStatus }
export async function updateMember(ctx: AuthedCtx, id: number, input: UpdateMemberInput) {
  const m = await loadMember(ctx, id);
  if (!policy.canManageAt(ctx.actor, m.org_path)) throw errors.forbidden();
  if (input.userId) await checkLink(ctx, input.userId, id);
  const v: repo.MemberValues = {};
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.workUnit !== undefined) v.work_unit = input.workUnit.trim();
  if (input.partyOrg !== undefined) v.party_org = input.partyOrg.trim();
  if (input.userId !== undefined) v.user_id = input.userId;
  if (input.status !== undefined) v.status = input.status;
  if (input.phone !== undefined) {
    const ph = phoneColumns(ctx, input.phone);
    Object.assign(v, { phone_enc: ph.enc, phone_hash: ph.hash, phone_masked: ph.masked });
  }
  await inTransaction(ctx, async (trx) => {
    await repo.updateMember(trx, id, v);
    await recordAudit(trx, ctx, {
      action: 'partyMember.update', entityType: 'partyMember', entityId: id, orgPath: m.org_path,
      detail: { changed: Object.keys(input), status: input.status, linkedUser: input.userId },
    });
  });
  return getMember(ctx, id);
}

/** Reveal with a reason; audited, refusals too. */
async function revealPhone(ctx: AuthedCtx, e: { entity: 'partyMember' | 'partnerUnit'; id: number; path: string; field: string; reason: string }, read: () => Promise<string | null>) {
  const allowed = policy.canReveal(ctx.actor, e.path);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: `${e.entity}.reveal`, entityType: e.entity, entityId: e.id, orgPath: e.path, outcome: allowed ? 'success' : 'denied', detail: { field: e.field, reason: e.reason },
  }));
  if (!allowed) throw errors.forbidden();
  const enc = await read();
  return { value: enc ? ctx.deps.cipher.decrypt(enc) : null };
}

export async function revealMemberPhone(ctx: AuthedCtx, id: number, reason: string) {
  const m = await loadMember(ctx, id);
  return revealPhone(ctx, { entity: 'partyMember', id, path: m.org_path, field: 'phone', reason }, async () => (await repo.memberPhone(ctx.deps.db, id)).phone_enc);
}

/** The party-member record linked to the resident's own account, if any. */
export async function myMember(ctx: AuthedCtx) {
  if (!policy.isResidentSelf(ctx.actor)) throw errors.forbidden();
  const m = await repo.memberOfUser(ctx.deps.db, ctx.actor.userId);
  return { member: m ? { ...presentMember(ctx, m), actions: [] } : null };
}

// ── Units ──
export function presentUnit(ctx: AuthedCtx, u: repo.UnitRow) {
  return {
    id: u.id, orgId: u.org_id, orgName: u.org_name, name: u.name, kind: u.kind, contactName: u.contact_name, contactPhone: u.contact_phone_masked,
    address: u.address, status: u.status, activeContracts: u.active_contracts, createdAt: u.created_at.toISOString(),
    actions: policy.recordActions(ctx.actor, u.org_path, u.contact_phone_masked !== null),
  };
}
export interface UnitListQuery { orgId?: number; q?: string; kind?: PartnerUnitKind }
export async function unitFilter(ctx: AuthedCtx, q: UnitListQuery): Promise<repo.UnitFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.RANKING_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, kind: q.kind };
}
export async function listUnits(ctx: AuthedCtx, q: UnitListQuery, page: PageQuery) {
  const f = await unitFilter(ctx, q);
  const rows = await repo.unitsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentUnit(ctx, r)), total: await pageTotal(rows, page, () => repo.countUnits(ctx.deps.db, ctx.actor, f)) };
}
export async function loadUnit(ctx: AuthedCtx, id: number, field?: string) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const u = await repo.getUnit(ctx.deps.db, ctx.actor, id);
  if (!u) throw field ? errors.field(field, fieldMsg('共建单位不存在或无权访问', 'is not a partner unit within your scope')) : errors.notFound('partnerUnit');
  return u;
}
export async function getUnit(ctx: AuthedCtx, id: number) {
  return presentUnit(ctx, await loadUnit(ctx, id));
}
export interface CreateUnitInput { orgId: number; name: string; kind: PartnerUnitKind; contactName?: string | null; contactPhone?: string | null; address?: string | null }
export async function createUnit(ctx: AuthedCtx, input: CreateUnitInput) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.UNIT_LEVELS);
  const ph = phoneColumns(ctx, input.contactPhone);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertUnit(trx, org, {
      name: input.name.trim(), kind: input.kind, contact_name: trimOrNull(input.contactName) ?? null, address: trimOrNull(input.address) ?? null,
      contact_phone_enc: ph.enc, contact_phone_hash: ph.hash, contact_phone_masked: ph.masked, created_by: ctx.actor.userId,
    });
    await bumpScore(trx, chinaYear(new Date()), { kind: 'unit', id }, { org_id: org.id, org_path: org.path }, {});
    await recordAudit(trx, ctx, { action: 'partnerUnit.create', entityType: 'partnerUnit', entityId: id, orgPath: org.path, detail: { orgId: org.id, kind: input.kind } });
    return id;
  });
  forgetRankingCounts();
  return getUnit(ctx, id);
}
export interface UpdateUnitInput { name?: string; kind?: PartnerUnitKind; contactName?: string | null; contactPhone?: string | null; address?: string | null; status?: 'active' | 'inactive' }
export async function updateUnit(ctx: AuthedCtx, id: number, input: UpdateUnitInput) {
  const u = await loadUnit(ctx, id);
  if (!policy.canManageAt(ctx.actor, u.org_path)) throw errors.forbidden();
  const v: repo.UnitValues = {};
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.kind !== undefined) v.kind = input.kind;
  if (input.contactName !== undefined) v.contact_name = trimOrNull(input.contactName);
  if (input.address !== undefined) v.address = trimOrNull(input.address);
  if (input.status !== undefined) v.status = input.status;
  if (input.contactPhone !== undefined) {
    const ph = phoneColumns(ctx, input.contactPhone);
    Object.assign(v, { contact_phone_enc: ph.enc, contact_phone_hash: ph.hash, contact_phone_masked: ph.masked });
  }
  await inTransaction(ctx, async (trx) => {
    await repo.updateUnit(trx, id, v);
    await recordAudit(trx, ctx, { action: 'partnerUnit.update', entityType: 'partnerUnit', entityId: id, orgPath: u.org_path, detail: { changed: Object.keys(input) } });
  });
  return getUnit(ctx, id);
}
export async function revealUnitPhone(ctx: AuthedCtx, id: number, reason: string) {
  const u = await loadUnit(ctx, id);
  return revealPhone(ctx, { entity: 'partnerUnit', id, path: u.org_path, field: 'contactPhone', reason }, async () => (await repo.unitPhone(ctx.deps.db, id)).contact_phone_enc);
}

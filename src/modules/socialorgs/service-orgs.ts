import type { AuthedCtx } from '../../core/context.js';
import type { SocialOrgCategory, SocialOrgFiling, SocialOrgStatus } from '../../db/schema-socialorgs.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { parseIdCard } from '../residents/rules.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { chinaToday, normalizeUscc, usccProblem } from './rules.js';
import { iso, loadOrg, msg, orgField, ownIds, secretColumns, trimOrNull } from './common.js';

/** 社会组织 registry: register or file, change, move status, reveal personal data, link staff accounts. */

export function presentOrg(ctx: AuthedCtx, s: repo.OrgRow) {
  return {
    id: s.id, orgId: s.org_id, orgName: s.org_name, name: s.name, filing: s.filing, category: s.category, creditCode: s.credit_code, filingNo: s.filing_no,
    registeredOn: s.registered_on, legalPersonName: s.legal_person_name, legalPersonId: s.legal_person_id_masked, legalPersonPhone: s.legal_person_phone_masked,
    contactName: s.contact_name, contactPhone: s.contact_phone_masked, address: s.address, memberCount: s.member_count, description: s.description,
    status: s.status, statusReason: s.status_reason, statusChangedAt: iso(s.status_changed_at), staffCount: s.staff_count, incubating: s.incubating,
    latestLevel: (s.latest_level ?? null) as '5A' | '4A' | '3A' | '2A' | '1A' | 'none' | null, createdAt: s.created_at.toISOString(),
    actions: policy.orgActions(ctx.actor, {
      path: s.org_path, status: s.status, revealable: !!(s.legal_person_id_masked || s.legal_person_phone_masked || s.contact_phone_masked),
    }),
  };
}

export interface OrgListQuery {
  orgId?: number; q?: string; filing?: SocialOrgFiling; category?: SocialOrgCategory; status?: SocialOrgStatus; servedOrgId?: number; incubating?: boolean;
}
export async function orgFilter(ctx: AuthedCtx, q: OrgListQuery): Promise<repo.OrgFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.FILTER_LEVELS) : null;
  const served = q.servedOrgId ? await orgField(ctx, q.servedOrgId, policy.AREA_LEVELS, 'servedOrgId') : null;
  return {
    orgPath: org?.path ?? ctx.actor.orgPath, ownIds: await ownIds(ctx), q: q.q?.trim() || undefined, filing: q.filing, category: q.category, status: q.status,
    servedPath: served?.path, incubating: q.incubating,
  };
}

export async function listOrgs(ctx: AuthedCtx, q: OrgListQuery, page: PageQuery) {
  const f = await orgFilter(ctx, q);
  const rows = await repo.orgsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentOrg(ctx, r)), total: await pageTotal(rows, page, () => repo.countOrgs(ctx.deps.db, ctx.actor, f)) };
}

export async function getOrg(ctx: AuthedCtx, id: number) {
  const s = await loadOrg(ctx, id);
  const [area, staff] = await Promise.all([repo.areaOf(ctx.deps.db, [id]), repo.staffOf(ctx.deps.db, id)]);
  return {
    ...presentOrg(ctx, s),
    area: area.map((a) => ({ orgId: a.served_org_id, name: a.name })),
    staff: staff.map((x) => ({ userId: x.user_id, username: x.username, displayName: x.display_name, title: x.title, createdAt: x.created_at.toISOString() })),
  };
}

interface OrgFields {
  filing?: SocialOrgFiling; name?: string; category?: SocialOrgCategory; creditCode?: string | null; filingNo?: string | null; registeredOn?: string | null;
  legalPersonName?: string; legalPersonId?: string | null; legalPersonPhone?: string | null; contactName?: string | null; contactPhone?: string | null;
  address?: string | null; memberCount?: number; description?: string | null; areaOrgIds?: number[];
}
export type CreateOrgInput = OrgFields & { orgId: number; filing: SocialOrgFiling; name: string; category: SocialOrgCategory; legalPersonName: string };

/** Checks the fields that carry rules beyond their schema; collects every problem at once. */
async function checkFields(ctx: AuthedCtx, input: OrgFields, merged: { filing: SocialOrgFiling; creditCode: string | null }, selfId: number | null) {
  const problems: FieldErrors = {};
  if (merged.filing === 'registered' && !merged.creditCode) problems.creditCode = msg('登记的社会组织必须填写统一社会信用代码', 'is required for a registered organization');
  if (merged.creditCode) {
    const p = usccProblem(merged.creditCode);
    if (p) problems.creditCode = p;
    else if (await repo.creditCodeTaken(ctx.deps.db, merged.creditCode, selfId)) problems.creditCode = msg('已有社会组织使用该代码', 'is used by another organization');
  }
  if (input.legalPersonId) {
    const r = parseIdCard(input.legalPersonId.trim().toUpperCase());
    if ('problem' in r) problems.legalPersonId = r.problem;
  }
  if (input.registeredOn && input.registeredOn > chinaToday()) problems.registeredOn = msg('不能晚于今天', 'cannot be in the future');
  if (Object.keys(problems).length) throw errors.validation(problems);
}

async function areaOrgs(ctx: AuthedCtx, ids: number[] | undefined) {
  if (!ids) return undefined;
  const out: { id: number; path: string }[] = [];
  for (const id of ids) {
    const o = await orgField(ctx, id, policy.AREA_LEVELS, 'areaOrgIds');
    out.push({ id: o.id, path: o.path });
  }
  return out;
}

function values(ctx: AuthedCtx, input: OrgFields): repo.OrgValues {
  const v: repo.OrgValues = {};
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.filing !== undefined) v.filing = input.filing;
  if (input.category !== undefined) v.category = input.category;
  if (input.creditCode !== undefined) v.credit_code = input.creditCode ? normalizeUscc(input.creditCode) : null;
  if (input.filingNo !== undefined) v.filing_no = trimOrNull(input.filingNo);
  if (input.registeredOn !== undefined) v.registered_on = input.registeredOn;
  if (input.legalPersonName !== undefined) v.legal_person_name = input.legalPersonName.trim();
  if (input.contactName !== undefined) v.contact_name = trimOrNull(input.contactName);
  if (input.address !== undefined) v.address = trimOrNull(input.address);
  if (input.memberCount !== undefined) v.member_count = input.memberCount;
  if (input.description !== undefined) v.description = trimOrNull(input.description);
  if (input.legalPersonId !== undefined) {
    const c = secretColumns(ctx, input.legalPersonId, 'id');
    Object.assign(v, { legal_person_id_enc: c.enc, legal_person_id_hash: c.hash, legal_person_id_masked: c.masked });
  }
  if (input.legalPersonPhone !== undefined) {
    const c = secretColumns(ctx, input.legalPersonPhone, 'phone');
    Object.assign(v, { legal_person_phone_enc: c.enc, legal_person_phone_hash: c.hash, legal_person_phone_masked: c.masked });
  }
  if (input.contactPhone !== undefined) {
    const c = secretColumns(ctx, input.contactPhone, 'phone');
    Object.assign(v, { contact_phone_enc: c.enc, contact_phone_hash: c.hash, contact_phone_masked: c.masked });
  }
  return v;
}

/** Which personal fields a write touched, for the audit detail (never their values). */
const personalTouched = (input: OrgFields) => ['legalPersonId', 'legalPersonPhone', 'contactPhone'].filter((k) => (input as Record<string, unknown>)[k] !== undefined);

export async function createOrg(ctx: AuthedCtx, input: CreateOrgInput) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const home = await orgField(ctx, input.orgId, policy.HOME_LEVELS);
  const creditCode = input.creditCode ? normalizeUscc(input.creditCode) : null;
  await checkFields(ctx, input, { filing: input.filing, creditCode }, null);
  const served = await areaOrgs(ctx, input.areaOrgIds ?? [home.id]);
  const v = values(ctx, input);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertOrg(trx, home, {
      ...v, name: input.name.trim(), filing: input.filing, category: input.category, legal_person_name: input.legalPersonName.trim(), created_by: ctx.actor.userId,
    });
    await repo.replaceArea(trx, { id, org_id: home.id, org_path: home.path }, served!);
    await recordAudit(trx, ctx, {
      action: 'socialOrg.create', entityType: 'socialOrg', entityId: id, orgPath: home.path,
      detail: { orgId: home.id, filing: input.filing, category: input.category, creditCode, area: served!.map((o) => o.id), personal: personalTouched(input) },
    });
    return id;
  });
  return getOrg(ctx, id);
}

export async function updateOrg(ctx: AuthedCtx, id: number, input: OrgFields) {
  const s = await loadOrg(ctx, id);
  if (!policy.canManageAt(ctx.actor, s.org_path)) throw errors.forbidden();
  if (s.status === 'deregistered') throw errors.conflict('SOCIAL_ORG_DEREGISTERED', msg('该社会组织已注销，不能再修改', 'the organization is deregistered and can no longer change'));
  const creditCode = input.creditCode !== undefined ? (input.creditCode ? normalizeUscc(input.creditCode) : null) : s.credit_code;
  await checkFields(ctx, input, { filing: input.filing ?? s.filing, creditCode }, id);
  const served = await areaOrgs(ctx, input.areaOrgIds);
  const v = values(ctx, input);
  await inTransaction(ctx, async (trx) => {
    await repo.lockOrg(trx, id);
    if (Object.keys(v).length) await repo.updateOrg(trx, id, v);
    if (served) await repo.replaceArea(trx, s, served);
    await recordAudit(trx, ctx, {
      action: 'socialOrg.update', entityType: 'socialOrg', entityId: id, orgPath: s.org_path,
      detail: { changed: Object.keys(input), area: served?.map((o) => o.id), personal: personalTouched(input) },
    });
  });
  return getOrg(ctx, id);
}

/** active ⇄ suspended, either → deregistered (final); a reason always. */
export async function setStatus(ctx: AuthedCtx, id: number, input: { status: SocialOrgStatus; reason: string }) {
  const s = await loadOrg(ctx, id);
  if (!policy.canManageAt(ctx.actor, s.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const cur = await repo.lockOrg(trx, id);
    if (!policy.canMoveStatus(cur.status, input.status)) {
      throw errors.conflict('SOCIAL_ORG_STATUS', msg(`不能从“${cur.status}”改为“${input.status}”`, `cannot move from ${cur.status} to ${input.status}`), { status: msg('不允许的状态变更', 'is not an allowed move') });
    }
    await repo.updateOrg(trx, id, { status: input.status, status_reason: input.reason.trim(), status_changed_at: new Date() });
    await recordAudit(trx, ctx, { action: 'socialOrg.status', entityType: 'socialOrg', entityId: id, orgPath: s.org_path, detail: { from: cur.status, to: input.status, reason: input.reason.trim() } });
  });
  return getOrg(ctx, id);
}

const SECRET_COLUMN = { legalPersonId: 'legal_person_id_enc', legalPersonPhone: 'legal_person_phone_enc', contactPhone: 'contact_phone_enc' } as const;

/** Reveal a legal person's ID or phone, or the contact phone, with a reason; audited, refusals too. */
export async function reveal(ctx: AuthedCtx, id: number, input: { field: keyof typeof SECRET_COLUMN; reason: string }) {
  const s = await loadOrg(ctx, id);
  const allowed = policy.canManageAt(ctx.actor, s.org_path);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'socialOrg.reveal', entityType: 'socialOrg', entityId: id, orgPath: s.org_path, outcome: allowed ? 'success' : 'denied',
    detail: { field: input.field, reason: input.reason.trim() },
  }));
  if (!allowed) throw errors.forbidden();
  const enc = (await repo.orgSecrets(ctx.deps.db, id))[SECRET_COLUMN[input.field]];
  return { value: enc ? ctx.deps.cipher.decrypt(enc) : null };
}

/** Links an existing socialOrgStaff account in scope to the organization (one organization per account). */
export async function addStaff(ctx: AuthedCtx, id: number, input: { userId: number; title?: string | null }) {
  const s = await loadOrg(ctx, id);
  if (!policy.canManageAt(ctx.actor, s.org_path)) throw errors.forbidden();
  if (s.status === 'deregistered') throw errors.conflict('SOCIAL_ORG_DEREGISTERED', msg('该社会组织已注销', 'the organization is deregistered'));
  const u = await repo.accountInScope(ctx.deps.db, ctx.actor, input.userId);
  if (!u || u.role !== 'socialOrgStaff') throw errors.field('userId', msg('必须是本辖区的社会组织工作人员账号', 'must be a social-organization staff account within your scope'));
  const taken = await repo.staffLink(ctx.deps.db, input.userId);
  if (taken) {
    throw errors.conflict('SOCIAL_ORG_STAFF_TAKEN', msg(taken.social_org_id === id ? '该账号已是本组织工作人员' : '该账号已是其他社会组织的工作人员', taken.social_org_id === id
      ? 'the account is already staff of this organization' : 'the account is staff of another organization'), { userId: msg('已关联社会组织', 'is already linked') });
  }
  await inTransaction(ctx, async (trx) => {
    await repo.lockOrg(trx, id);
    await repo.insertStaff(trx, s, input.userId, trimOrNull(input.title) ?? null, ctx.actor.userId);
    await recordAudit(trx, ctx, { action: 'socialOrg.staffAdd', entityType: 'socialOrg', entityId: id, orgPath: s.org_path, detail: { userId: input.userId } });
  });
  return getOrg(ctx, id);
}

export async function removeStaff(ctx: AuthedCtx, id: number, input: { userId: number }) {
  const s = await loadOrg(ctx, id);
  if (!policy.canManageAt(ctx.actor, s.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const n = await repo.deleteStaff(trx, id, input.userId);
    if (!n) throw errors.field('userId', msg('不是本组织的工作人员', 'is not staff of this organization'));
    await recordAudit(trx, ctx, { action: 'socialOrg.staffRemove', entityType: 'socialOrg', entityId: id, orgPath: s.org_path, detail: { userId: input.userId } });
  });
  return getOrg(ctx, id);
}

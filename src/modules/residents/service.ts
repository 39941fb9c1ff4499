import type { AuthedCtx, Ctx } from '../../core/context.js';
import type { IdType, PoliticalStatus, RegistrationType, Relation } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors, type Msg } from '../../core/errors.js';
import { maskIdNumber, maskPhone } from '../../core/crypto.js';
import type { PageQuery } from '../../core/schemas.js';
import { getOrgInScope } from '../orgs/service.js';
import { getHouseholdInScope } from '../places/service.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { toRepoFilter, type ListFilter } from './filters.js';
import { presentResident } from './present.js';
import { checkIdentity, identityKey, isIsoDate, manualTagsProblem, normalizePhone } from './rules.js';

/** Large result sets are counted up to here; beyond, the total is a lower bound. */
export const COUNT_CAP = 10_000;

export async function loadView(ctx: AuthedCtx, id: number): Promise<repo.ResidentView> {
  if (!policy.canReadResidents(ctx.actor)) throw errors.forbidden();
  const v = await repo.getView(ctx.deps.db, ctx.actor, id);
  if (!v) throw errors.notFound('resident');
  return v;
}

export async function getResident(ctx: AuthedCtx, id: number) {
  return presentResident(ctx, await loadView(ctx, id));
}

export async function listResidents(ctx: AuthedCtx, f: ListFilter, page: PageQuery) {
  if (!policy.canReadResidents(ctx.actor)) throw errors.forbidden();
  const rf = await toRepoFilter(ctx, f);
  const rows = await repo.listPage(ctx.deps.db, ctx.actor, rf, page);
  const more = rows.length > page.pageSize;
  const items = rows.slice(0, page.pageSize);
  const offset = (page.page - 1) * page.pageSize;
  let total = offset + items.length;
  let totalExact = true;
  // The last page tells the total by itself; otherwise count, but only up to the cap.
  if (more || (!items.length && page.page > 1)) {
    const n = await repo.countUpTo(ctx.deps.db, ctx.actor, rf, COUNT_CAP + 1);
    if (n <= COUNT_CAP) total = n;
    else {
      total = Math.max(COUNT_CAP, offset + items.length + 1);
      totalExact = false;
    }
  }
  return { items: items.map((v) => presentResident(ctx, v)), total, totalExact };
}

// ── Writing ──

export function identityColumns(ctx: Ctx, idType: IdType, idNumber: string) {
  return { id_enc: ctx.deps.cipher.encrypt(idNumber), id_hash: ctx.deps.cipher.lookupHash(identityKey(idType, idNumber)), id_masked: maskIdNumber(idNumber) };
}

export function phoneColumns(ctx: Ctx, phone: string | null) {
  return phone
    ? { phone_enc: ctx.deps.cipher.encrypt(phone), phone_hash: ctx.deps.cipher.lookupHash(phone), phone_masked: maskPhone(phone) }
    : { phone_enc: null, phone_hash: null, phone_masked: null };
}

export const duplicateIdentity = () => errors.conflict('RESIDENT_DUPLICATE',
  { zh: '该证件号码已登记为另一位居民', en: 'A resident with this ID number is already recorded' },
  { idNumber: { zh: '已被另一位居民使用', en: 'belongs to another resident already' } });

/** The unique index is the last word on duplicates (two workers entering the same person at once). */
export async function mapDuplicate<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if ((e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'resident_id_hash_key') throw duplicateIdentity();
    throw e;
  }
}

const NOT_IN_SCOPE: Msg = { zh: '不存在或不在您的管辖范围内', en: 'is not within your scope' };
const PAST_DATE: Msg = { zh: '日期无效或晚于今天', en: 'is not a valid past date' };

/** Where a resident is filed: the household's org, or a grid/community named directly. */
export async function targetOrg(ctx: AuthedCtx, householdId: number | null | undefined, orgId: number | undefined, fields: FieldErrors) {
  if (householdId) {
    const h = await getHouseholdInScope(ctx, householdId).catch(() => null);
    if (!h) { fields.householdId = NOT_IN_SCOPE; return null; }
    if (h.status !== 'active') { fields.householdId = { zh: '该户已注销', en: 'is an inactive household' }; return null; }
    if (orgId !== undefined && orgId !== h.org_id) {
      fields.orgId = { zh: '有户的居民属于户所在的组织，不能另填', en: 'must be left out (or equal the household\'s org) for a resident in a household' };
      return null;
    }
    const org = await getOrgInScope(ctx, h.org_id);
    return { id: org.id, path: org.path, householdId: h.id };
  }
  if (orgId === undefined) { fields.orgId = { zh: '不属于任何户的居民须指定所属网格或社区', en: 'is required for a resident outside any household (a grid or community)' }; return null; }
  const org = await getOrgInScope(ctx, orgId).catch(() => null);
  if (!org) { fields.orgId = NOT_IN_SCOPE; return null; }
  if (!policy.canPlaceResidentAt(ctx.actor, org)) { fields.orgId = { zh: '居民只能属于网格或社区', en: 'must be a grid or community' }; return null; }
  return { id: org.id, path: org.path, householdId: null };
}

export interface CreateResidentInput {
  name: string; gender?: 'male' | 'female'; idType?: IdType; idNumber: string; birthDate?: string; phone?: string;
  ethnicity?: string; politicalStatus?: PoliticalStatus; registrationType?: RegistrationType; arrivalDate?: string;
  householdId?: number; relation?: Relation; orgId?: number; tags?: string[]; note?: string;
}

export async function createResident(ctx: AuthedCtx, input: CreateResidentInput) {
  if (!policy.canWriteResidents(ctx.actor)) throw errors.forbidden();
  const idType = input.idType ?? 'idCard';
  const { identity, problems } = checkIdentity({ idType, idNumber: input.idNumber, gender: input.gender, birthDate: input.birthDate });
  const fields = { ...problems } as FieldErrors;
  const gender = identity?.gender ?? input.gender;
  if (identity && !gender) fields.gender = { zh: '必填（该证件不含性别）', en: 'is required (this document does not say)' };
  const phone = input.phone === undefined ? null : normalizePhone(input.phone);
  if (input.phone !== undefined && !phone) fields.phone = { zh: '应为 11 位手机号码', en: 'must be an 11-digit mainland mobile number' };
  const registrationType = input.registrationType ?? 'registered';
  if (input.arrivalDate !== undefined) {
    if (registrationType !== 'migrant') fields.arrivalDate = { zh: '只有流动人口登记来此日期', en: 'is only recorded for migrants' };
    else if (!isIsoDate(input.arrivalDate, new Date())) fields.arrivalDate = PAST_DATE;
  }
  const tp = manualTagsProblem(input.tags ?? []);
  if (tp) fields.tags = tp;
  if (input.householdId && !input.relation) fields.relation = { zh: '请填写与户主关系', en: 'is required for a member of a household' };
  if (!input.householdId && input.relation) fields.relation = { zh: '不属于任何户时不填', en: 'only applies to a member of a household' };
  const org = await targetOrg(ctx, input.householdId, input.orgId, fields);
  if (Object.keys(fields).length || !identity || !org || !gender) throw errors.validation(fields);
  const relation = input.householdId ? input.relation! : null;
  const given = Object.keys(input).filter((k) => (input as unknown as Record<string, unknown>)[k] !== undefined);
  const id = await inTransaction(ctx, async (trx) => {
    const cols = identityColumns(ctx, idType, identity.idNumber);
    if (await repo.idHashTaken(trx, cols.id_hash)) throw duplicateIdentity();
    const id = await mapDuplicate(repo.insertResident(trx, {
      org_id: org.id, org_path: org.path, household_id: org.householdId, relation, name: input.name.trim(), gender,
      birth_date: identity.birthDate, id_type: idType, ...cols, ...phoneColumns(ctx, phone),
      ethnicity: input.ethnicity?.trim() || null, political_status: input.politicalStatus ?? null, registration_type: registrationType,
      arrival_date: input.arrivalDate ?? null, tags: input.tags ?? [], note: input.note?.trim() || null,
    }));
    if (org.householdId) {
      await repo.startMembership(trx, { residentId: id, householdId: org.householdId, orgId: org.id, orgPath: org.path, relation });
      await repo.syncHead(trx, id, org.householdId, relation);
    }
    await repo.addChange(trx, ctx.actor, { residentId: id, orgId: org.id, orgPath: org.path, kind: 'create', changes: { fields: given } });
    await recordAudit(trx, ctx, {
      action: 'resident.create', entityType: 'resident', entityId: id, orgPath: org.path,
      detail: { fields: given, householdId: org.householdId, orgId: org.id },
    });
    return id;
  });
  return getResident(ctx, id);
}

/**
 * Reading a full name, ID number or phone: permission, scope, a reason, and an audit
 * record either way. Attempts without the permission, or on a record outside the actor's
 * scope (answered 404 like a missing one), are audited as denied.
 */
export async function revealResident(ctx: AuthedCtx, id: number, field: 'name' | 'idNumber' | 'phone', reason: string): Promise<string> {
  const denied = (extra: Record<string, unknown> = {}) => inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'resident.reveal', entityType: 'resident', entityId: id, outcome: 'denied', detail: { field, reason, ...extra },
  }));
  if (!policy.canReadResidents(ctx.actor) || !policy.canRevealResidents(ctx.actor)) {
    await denied();
    throw errors.forbidden();
  }
  const r = await repo.getSecrets(ctx.deps.db, ctx.actor, id);
  if (!r) {
    await denied({ notFound: true });
    throw errors.notFound('resident');
  }
  const stored = field === 'name' ? r.name : field === 'idNumber' ? r.id_enc : r.phone_enc;
  if (!stored) throw errors.field('field', { zh: '该居民未登记此项', en: 'is not recorded for this resident' });
  const value = field === 'name' ? stored : ctx.deps.cipher.decrypt(stored);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'resident.reveal', entityType: 'resident', entityId: id, orgPath: r.org_path, detail: { field, reason } }));
  return value;
}

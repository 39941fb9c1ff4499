import type { AuthedCtx } from '../../core/context.js';
import type { IdType, PoliticalStatus, RegistrationType, Relation } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { duplicateIdentity, getResident, identityColumns, mapDuplicate, phoneColumns } from './service.js';
import { checkIdentity, isIsoDate, manualTagsProblem, normalizePhone } from './rules.js';

export interface UpdateResidentInput {
  name?: string; gender?: 'male' | 'female'; idType?: IdType; idNumber?: string; birthDate?: string | null; phone?: string | null;
  ethnicity?: string | null; politicalStatus?: PoliticalStatus | null; registrationType?: RegistrationType; arrivalDate?: string | null;
  relation?: Relation; tags?: string[]; note?: string | null;
}

export const anonymizedConflict = () => errors.conflict('RESIDENT_ANONYMIZED',
  { zh: '该居民信息已匿名化，不能再修改', en: 'This resident has been anonymized and can no longer be changed' });

/** Locks the record for a write: 404 outside scope, 403 without the permission, 409 once anonymized. */
export async function lockForWrite(trx: Parameters<typeof repo.lockInScope>[0], ctx: AuthedCtx, id: number) {
  const row = await repo.lockInScope(trx, ctx.actor, id);
  if (!row) throw errors.notFound('resident');
  if (row.status === 'anonymized') throw anonymizedConflict();
  if (!policy.canWriteResident(ctx.actor, { orgPath: row.org_path, status: row.status, hasAccount: row.user_id !== null })) throw errors.forbidden();
  return row;
}

/**
 * Edits the record's own fields (moving between households is `moveResident`). The ID
 * number, gender and birth date are checked together, using the stored number when only
 * one of them changes; the history names the changed fields, never their values.
 */
export async function updateResident(ctx: AuthedCtx, id: number, input: UpdateResidentInput) {
  if (!policy.canReadResidents(ctx.actor)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const row = await lockForWrite(trx, ctx, id);
    const fields: FieldErrors = {};
    const set: Partial<repo.ResidentValues> = {};
    const changed = new Set<string>();

    const idType = input.idType ?? row.id_type;
    const identityTouched = input.idType !== undefined || input.idNumber !== undefined || input.gender !== undefined || input.birthDate !== undefined;
    if (input.idType !== undefined && input.idType !== row.id_type && input.idNumber === undefined)
      fields.idNumber = { zh: '更换证件类型时须填写新的证件号码', en: 'is required when the document type changes' };
    else if (identityTouched) {
      const idNumber = input.idNumber ?? (row.id_enc ? ctx.deps.cipher.decrypt(row.id_enc) : '');
      const { identity, problems } = checkIdentity({ idType, idNumber, gender: input.gender, birthDate: input.birthDate });
      Object.assign(fields, problems);
      if (identity) {
        const cols = identityColumns(ctx, idType, identity.idNumber);
        if (cols.id_hash !== row.id_hash || idType !== row.id_type) {
          if (await repo.idHashTaken(trx, cols.id_hash, id)) throw duplicateIdentity();
          Object.assign(set, cols, { id_type: idType });
          changed.add('idNumber');
          if (idType !== row.id_type) changed.add('idType');
        }
        const gender = identity.gender ?? input.gender ?? row.gender;
        if (gender !== row.gender) { set.gender = gender; changed.add('gender'); }
        const birth = idType === 'idCard' ? identity.birthDate : input.birthDate !== undefined ? input.birthDate : row.birth_date;
        if (birth !== row.birth_date) { set.birth_date = birth; changed.add('birthDate'); }
      }
    }
    if (input.name !== undefined && input.name.trim() !== row.name) { set.name = input.name.trim(); changed.add('name'); }
    if (input.phone !== undefined) {
      const phone = input.phone === null ? null : normalizePhone(input.phone);
      if (input.phone !== null && !phone) fields.phone = { zh: '应为 11 位手机号码', en: 'must be an 11-digit mainland mobile number' };
      else {
        const cols = phoneColumns(ctx, phone);
        if (cols.phone_hash !== row.phone_hash) { Object.assign(set, cols); changed.add('phone'); }
      }
    }
    const reg = input.registrationType ?? row.registration_type;
    if (reg !== row.registration_type) { set.registration_type = reg; changed.add('registrationType'); }
    let arrival = input.arrivalDate !== undefined ? input.arrivalDate : row.arrival_date;
    if (reg !== 'migrant') {
      if (input.arrivalDate) fields.arrivalDate = { zh: '只有流动人口登记来此日期', en: 'is only recorded for migrants' };
      arrival = null;
    } else if (arrival && input.arrivalDate !== undefined && !isIsoDate(arrival, new Date())) fields.arrivalDate = { zh: '日期无效或晚于今天', en: 'is not a valid past date' };
    if (arrival !== row.arrival_date) { set.arrival_date = arrival; changed.add('arrivalDate'); }
    if (input.relation !== undefined) {
      if (!row.household_id) fields.relation = { zh: '不属于任何户时不填', en: 'only applies to a member of a household' };
      else if (input.relation !== row.relation) { set.relation = input.relation; changed.add('relation'); }
    }
    if (input.tags !== undefined) {
      const tp = manualTagsProblem(input.tags);
      if (tp) fields.tags = tp;
      else if ([...input.tags].sort().join(',') !== [...row.tags].sort().join(',')) { set.tags = input.tags; changed.add('tags'); }
    }
    const text = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);
    const ethnicity = text(input.ethnicity);
    if (ethnicity !== undefined && ethnicity !== row.ethnicity) { set.ethnicity = ethnicity; changed.add('ethnicity'); }
    const note = text(input.note);
    if (note !== undefined && note !== row.note) { set.note = note; changed.add('note'); }
    if (input.politicalStatus !== undefined && input.politicalStatus !== row.political_status) { set.political_status = input.politicalStatus; changed.add('politicalStatus'); }
    if (Object.keys(fields).length) throw errors.validation(fields);
    if (!changed.size) return;

    await mapDuplicate(repo.updateResident(trx, id, set));
    if (set.relation !== undefined) {
      await repo.setMembershipRelation(trx, id, set.relation);
      await repo.syncHead(trx, id, row.household_id, set.relation);
    }
    const names = [...changed];
    await repo.addChange(trx, ctx.actor, { residentId: id, orgId: row.org_id, orgPath: row.org_path, kind: 'update', changes: { fields: names } });
    await recordAudit(trx, ctx, { action: 'resident.update', entityType: 'resident', entityId: id, orgPath: row.org_path, detail: { fields: names } });
  });
  return getResident(ctx, id);
}

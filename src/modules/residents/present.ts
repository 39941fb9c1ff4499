import type { AuthedCtx } from '../../core/context.js';
import { maskName } from '../../core/crypto.js';
import type { ResidentView } from './repo.js';
import * as policy from './policy.js';
import { ageOn, residentTags } from './rules.js';

export const ANONYMIZED_NAME = '已匿名';

export const targetOf = (r: { org_path: string; status: ResidentView['status']; user_id: number | null }): policy.ResidentTarget =>
  ({ orgPath: r.org_path, status: r.status, hasAccount: r.user_id !== null });

/** What staff see of a resident: name, ID and phone masked, the birth date as a year. */
export function presentResident(ctx: AuthedCtx, v: ResidentView, today = new Date()) {
  return {
    id: v.id, orgId: v.org_id, orgName: v.org_name, householdId: v.household_id, householdPlace: v.household_place ?? null,
    relation: v.relation,
    nameMasked: v.status === 'anonymized' ? ANONYMIZED_NAME : maskName(v.name),
    gender: v.gender,
    birthYear: v.birth_date ? Number(v.birth_date.slice(0, 4)) : null,
    age: v.birth_date ? ageOn(v.birth_date, today) : null,
    idType: v.id_type, idMasked: v.id_masked, phoneMasked: v.phone_masked,
    ethnicity: v.ethnicity, politicalStatus: v.political_status, registrationType: v.registration_type, arrivalDate: v.arrival_date,
    tags: residentTags(v.tags, v.birth_date, today),
    note: v.note, status: v.status, statusReason: v.status_reason, hasAccount: v.user_id !== null,
    createdAt: v.created_at.toISOString(), updatedAt: v.updated_at.toISOString(),
    actions: policy.residentActions(ctx.actor, targetOf(v)),
  };
}
export type PresentedResident = ReturnType<typeof presentResident>;

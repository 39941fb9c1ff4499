import type { AuthedCtx } from '../../core/context.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import type { PoliticalStatus, RegistrationType, ResidentStatus } from '../../db/schema.js';
import { getOrgInScope } from '../orgs/service.js';
import type { ResidentFilter } from './repo.js';
import { bornOnOrBefore, classifySearch, identityKeysFor, parseTagFilter } from './rules.js';

/** The list/export filters as the API takes them. */
export interface ListFilter {
  q?: string; address?: string; orgId?: number; householdId?: number; estateId?: number; buildingId?: number; tags?: string;
  ageMin?: number; ageMax?: number; registrationType?: RegistrationType; gender?: 'male' | 'female';
  politicalStatus?: PoliticalStatus; status?: ResidentStatus | 'all';
}

const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);

/**
 * Turns request filters into what the repository matches on: hashes for ID numbers and
 * phones, the org's path for the subtree, birth-date bounds for ages and age tags.
 */
export async function toRepoFilter(ctx: AuthedCtx, f: ListFilter, today = new Date()): Promise<ResidentFilter> {
  const fields: FieldErrors = {};
  const out: ResidentFilter = {
    status: f.status ?? 'active', householdId: f.householdId, estateId: f.estateId, buildingId: f.buildingId,
    registrationType: f.registrationType, gender: f.gender, politicalStatus: f.politicalStatus,
  };
  if (f.address?.trim()) out.placePart = f.address.trim();
  const term = f.q === undefined ? null : classifySearch(f.q);
  if (term?.kind === 'name') out.namePart = term.text;
  else if (term?.kind === 'identity') {
    const { cipher } = ctx.deps;
    out.identity = { idHashes: identityKeysFor(term.idNumber).map((k) => cipher.lookupHash(k)), phoneHash: term.phone ? cipher.lookupHash(term.phone) : null };
  }
  if (f.tags !== undefined) {
    const t = parseTagFilter(f.tags);
    if ('problem' in t) fields.tags = t.problem;
    else {
      if (t.manual.length) out.manualTags = t.manual;
      if (t.age.includes('age60')) out.bornOnOrBefore = earlier(out.bornOnOrBefore, bornOnOrBefore(60, today));
      if (t.age.includes('age80')) out.bornOnOrBefore = earlier(out.bornOnOrBefore, bornOnOrBefore(80, today));
    }
  }
  if (f.ageMin !== undefined) out.bornOnOrBefore = earlier(out.bornOnOrBefore, bornOnOrBefore(f.ageMin, today));
  if (f.ageMax !== undefined) out.bornAfter = bornOnOrBefore(f.ageMax + 1, today);
  if (f.ageMin !== undefined && f.ageMax !== undefined && f.ageMin > f.ageMax)
    fields.ageMax = { zh: '不能小于最小年龄', en: 'must not be below ageMin' };
  if (f.orgId !== undefined) {
    const org = await getOrgInScope(ctx, f.orgId).catch(() => null);
    if (!org) fields.orgId = { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' };
    else out.underPath = org.path;
  }
  if (Object.keys(fields).length) throw errors.validation(fields);
  return out;
}

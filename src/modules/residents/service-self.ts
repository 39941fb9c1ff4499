import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { maskName } from '../../core/crypto.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as self from './repo-self.js';
import * as corrections from './repo-corrections.js';
import * as policy from './policy.js';
import {
  ageOn, residentTags, CORRECTION_FIELD_LABELS, GENDER_LABELS, ID_TYPE_LABELS, POLITICAL_LABELS, REGISTRATION_LABELS, RELATION_LABELS, TAG_LABELS,
  type CorrectionField,
} from './rules.js';
import { presentCorrection } from './service-corrections.js';

/** Residents' own requests are capped so a login cannot flood the workers' queue. */
export const MAX_OPEN_CORRECTIONS = 20;

async function own(ctx: AuthedCtx): Promise<self.OwnRow> {
  if (!policy.canUseSelfService(ctx.actor)) throw errors.forbidden();
  const r = await self.findOwn(ctx.deps.db, ctx.actor.userId);
  if (!r) throw errors.notFound('resident');
  return r;
}

function unmasked(ctx: AuthedCtx, r: self.OwnRow) {
  const dec = (v: string | null) => (v ? ctx.deps.cipher.decrypt(v) : null);
  return {
    id: r.id, orgName: r.org_name, name: r.name, gender: r.gender, birthDate: r.birth_date, idType: r.id_type,
    idNumber: dec(r.id_enc), phone: dec(r.phone_enc), ethnicity: r.ethnicity, politicalStatus: r.political_status,
    registrationType: r.registration_type, arrivalDate: r.arrival_date, householdId: r.household_id, householdPlace: r.household_place ?? null,
    relation: r.relation, tags: residentTags(r.tags, r.birth_date), status: r.status,
  };
}

/** The signed-in resident's own record, unmasked (it is theirs); still a PI read, so audited. */
export async function ownRecord(ctx: AuthedCtx) {
  const r = await own(ctx);
  const out = unmasked(ctx, r);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'resident.self.read', entityType: 'resident', entityId: r.id, orgPath: r.org_path }));
  return out;
}

/** The own household: place, masked exact address, members masked except oneself. */
export async function ownHousehold(ctx: AuthedCtx) {
  const r = await own(ctx);
  const h = r.household_id ? await self.household(ctx.deps.db, r.household_id) : undefined;
  if (!h) throw errors.notFound('household');
  const members = await self.members(ctx.deps.db, h.id);
  return {
    id: h.id, place: h.place, addressMasked: h.address_masked,
    members: members.map((m) => ({
      id: m.id, self: m.id === r.id, name: m.id === r.id ? m.name : maskName(m.name), relation: m.relation, gender: m.gender,
      age: m.birth_date ? ageOn(m.birth_date) : null,
    })),
  };
}

/** The own record as a spreadsheet of (field, value) rows, in the reader's language; audited. */
export async function ownExportRows(ctx: AuthedCtx): Promise<AsyncIterable<Record<string, unknown>>> {
  const r = await own(ctx);
  const v = unmasked(ctx, r);
  const lang = ctx.meta.lang;
  const label = <K extends string>(t: Record<K, { zh: string; en: string }>, k: K | null) => (k ? t[k][lang] : '');
  const rows: [CorrectionField | 'idType' | 'arrivalDate' | 'org' | 'relation', string | null][] = [
    ['name', v.name], ['gender', label(GENDER_LABELS, v.gender)], ['birthDate', v.birthDate], ['idType', label(ID_TYPE_LABELS, v.idType)],
    ['idNumber', v.idNumber], ['phone', v.phone], ['ethnicity', v.ethnicity], ['politicalStatus', label(POLITICAL_LABELS, v.politicalStatus)],
    ['registrationType', label(REGISTRATION_LABELS, v.registrationType)], ['arrivalDate', v.arrivalDate], ['org', v.orgName],
    ['household', v.householdPlace], ['relation', label(RELATION_LABELS, v.relation)],
    ['tags', v.tags.map((t) => TAG_LABELS[t][lang]).join(lang === 'en' ? ', ' : '、')],
  ];
  const EXTRA: Record<string, { zh: string; en: string }> = {
    idType: { zh: '证件类型', en: 'ID type' }, arrivalDate: { zh: '来此日期', en: 'arrival date' },
    org: { zh: '所属组织', en: 'org' }, relation: { zh: '与户主关系', en: 'relation to the head' },
  };
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'resident.self.export', entityType: 'resident', entityId: r.id, orgPath: r.org_path }));
  return (async function* () {
    for (const [k, value] of rows) yield { field: (CORRECTION_FIELD_LABELS[k as CorrectionField] ?? EXTRA[k])[lang], value: value ?? '' };
  })();
}

/** PIPL right of correction: the resident asks; a worker of their org answers. */
export async function createCorrection(ctx: AuthedCtx, input: { field: CorrectionField; message: string }) {
  const r = await own(ctx);
  const id = await inTransaction(ctx, async (trx) => {
    if ((await corrections.openCount(trx, r.id)) >= MAX_OPEN_CORRECTIONS)
      throw errors.conflict('TOO_MANY_OPEN_CORRECTIONS', {
        zh: `您已有 ${MAX_OPEN_CORRECTIONS} 条待处理的更正申请，请等待处理后再提交`, en: `You already have ${MAX_OPEN_CORRECTIONS} open correction requests; wait for an answer first`,
      });
    const { id } = await corrections.insertCorrection(trx, {
      residentId: r.id, orgId: r.org_id, orgPath: r.org_path, requestedBy: ctx.actor.userId, field: input.field, message: input.message.trim(),
    });
    await recordAudit(trx, ctx, { action: 'correction.create', entityType: 'correction', entityId: id, orgPath: r.org_path, detail: { residentId: r.id, field: input.field } });
    return id;
  });
  return presentCorrection(ctx, await corrections.getOwn(ctx.deps.db, id), true);
}

export async function ownCorrections(ctx: AuthedCtx, page: PageQuery) {
  const r = await own(ctx);
  const rows = await corrections.listOwn(ctx.deps.db, ctx.actor.userId, r.id, page);
  const total = await pageTotal(rows, page, () => corrections.countOwn(ctx.deps.db, ctx.actor.userId, r.id));
  return { items: rows.map((c) => presentCorrection(ctx, c, true)), total };
}

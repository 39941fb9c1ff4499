import type { AuthedCtx } from '../../core/context.js';
import type { Lang } from '../../core/errors.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import type { Column } from '../../core/excel.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { toRepoFilter, type ListFilter } from './filters.js';
import { presentResident } from './present.js';
import { GENDER_LABELS, ID_TYPE_LABELS, POLITICAL_LABELS, REGISTRATION_LABELS, RELATION_LABELS, TAG_LABELS, type Tag } from './rules.js';

const BATCH = 1000;

const H = (zh: string, en: string) => ({ zh, en });
const HEADERS = {
  id: H('编号', 'ID'), name: H('姓名', 'Name'), gender: H('性别', 'Gender'), birth: H('出生年份', 'Birth year'), birthDate: H('出生日期', 'Birth date'),
  idType: H('证件类型', 'ID type'), idNumber: H('证件号码', 'ID number'), phone: H('手机号码', 'Phone'), ethnicity: H('民族', 'Ethnicity'),
  political: H('政治面貌', 'Political status'), registration: H('户籍类型', 'Registration'), arrival: H('来此日期', 'Arrival date'),
  org: H('所属组织', 'Org'), place: H('户（地址）', 'Household (place)'), relation: H('与户主关系', 'Relation'), tags: H('标签', 'Tags'),
  status: H('状态', 'Status'), note: H('备注', 'Note'),
};
const STATUS_LABELS = { active: H('有效', 'active'), inactive: H('已注销', 'inactive'), anonymized: H('已匿名', 'anonymized') };

export function exportColumns(lang: Lang, revealed: boolean): Column[] {
  const c = (key: keyof typeof HEADERS, width = 16, k: string = key) => ({ header: HEADERS[key][lang], key: k, width });
  return [
    c('id', 10), c('name', 14), c('gender', 8), revealed ? c('birthDate', 12, 'birth') : c('birth', 10), c('idType', 14), c('idNumber', 22), c('phone', 16),
    c('ethnicity', 10), c('political', 14), c('registration', 12), c('arrival', 12), c('org', 24), c('place', 30), c('relation', 12),
    c('tags', 30), c('status', 10), c('note', 30),
  ];
}

export interface ExportRequest extends ListFilter { reveal?: boolean; reason?: string }

/**
 * Checks an export request before anything is sent: filters, and for a revealing export
 * the permission (a refusal is audited) and the reason. A revealing export is audited
 * before its first row with the filter and row count; a masked one after its last row.
 */
export async function exportResidents(ctx: AuthedCtx, req: ExportRequest) {
  const { reveal = false, reason, ...filter } = req;
  const auditFilter = JSON.parse(JSON.stringify(filter)) as Record<string, unknown>;
  if (reveal && !policy.canExportRevealed(ctx.actor)) {
    await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
      action: 'resident.export', entityType: 'resident', outcome: 'denied', detail: { filter: auditFilter, masked: false, reason: reason ?? null },
    }));
    throw errors.forbidden();
  }
  if (!policy.canReadResidents(ctx.actor)) throw errors.forbidden();
  if (reveal && !reason) throw errors.field('reason', { zh: '导出明文信息须说明理由', en: 'is required to export unmasked personal information' });
  const f = await toRepoFilter(ctx, filter);
  if (reveal) {
    const n = await repo.count(ctx.deps.db, ctx.actor, f);
    await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
      action: 'resident.export', entityType: 'resident', detail: { filter: auditFilter, rows: n, masked: false, reason },
    }));
  }
  return {
    filename: ctx.meta.lang === 'en' ? 'residents.xlsx' : '居民信息.xlsx',
    columns: exportColumns(ctx.meta.lang, reveal),
    rows: rows(ctx, f, reveal, auditFilter),
  };
}

async function* rows(ctx: AuthedCtx, f: repo.ResidentFilter, reveal: boolean, auditFilter: Record<string, unknown>) {
  const lang = ctx.meta.lang;
  const dec = (v: string | null) => (v ? ctx.deps.cipher.decrypt(v) : '');
  const today = new Date();
  let after = 0;
  let n = 0;
  for (;;) {
    const batch = await repo.exportBatch(ctx.deps.db, ctx.actor, f, after, BATCH);
    for (const v of batch) {
      n++;
      const p = presentResident(ctx, v, today);
      yield {
        id: v.id,
        name: reveal ? v.name : p.nameMasked,
        gender: GENDER_LABELS[v.gender][lang],
        birth: reveal ? v.birth_date ?? '' : p.birthYear ?? '',
        idType: ID_TYPE_LABELS[v.id_type][lang],
        idNumber: reveal ? dec(v.id_enc) : v.id_masked ?? '',
        phone: reveal ? dec(v.phone_enc) : v.phone_masked ?? '',
        ethnicity: v.ethnicity ?? '',
        political: v.political_status ? POLITICAL_LABELS[v.political_status][lang] : '',
        registration: REGISTRATION_LABELS[v.registration_type][lang],
        arrival: v.arrival_date ?? '',
        org: v.org_name,
        place: v.household_place ?? '',
        relation: v.relation ? RELATION_LABELS[v.relation][lang] : '',
        tags: p.tags.map((t) => TAG_LABELS[t as Tag]?.[lang] ?? t).join(lang === 'en' ? ', ' : '、'),
        status: STATUS_LABELS[v.status][lang],
        note: v.note ?? '',
      };
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].id;
  }
  if (!reveal)
    await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'resident.export', entityType: 'resident', detail: { filter: auditFilter, rows: n, masked: true } }));
}

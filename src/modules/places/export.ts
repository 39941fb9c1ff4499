import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import type { Column } from '../../core/excel.js';
import { TENURE_LABELS } from '../residents/rules.js';
import * as repo from './repo.js';
import { householdFilter, type HouseholdQuery } from './service.js';

export const HOUSEHOLD_EXPORT_COLUMNS = (lang: 'zh' | 'en'): Column[] => [
  { header: 'ID', key: 'id', width: 10 },
  { header: lang === 'en' ? 'Org' : '所属网格/社区', key: 'orgName', width: 24 },
  { header: lang === 'en' ? 'Place' : '位置', key: 'place', width: 32 },
  { header: lang === 'en' ? 'Address (masked)' : '地址（脱敏）', key: 'addressMasked', width: 36 },
  { header: lang === 'en' ? 'Area (m²)' : '面积（㎡）', key: 'areaSqm', width: 10 },
  { header: lang === 'en' ? 'Tenure' : '产权', key: 'tenure', width: 10 },
  { header: lang === 'en' ? 'Status' : '状态', key: 'status', width: 8 },
  { header: lang === 'en' ? 'Members' : '人数', key: 'memberCount', width: 8 },
];

const STATUS = { active: { zh: '在用', en: 'active' }, inactive: { zh: '停用', en: 'inactive' } };

/**
 * Rows of a household export in keyset batches, inside the actor's scope and masked (the
 * exact address never leaves through an export); audited once with the filter and count.
 */
export async function* exportHouseholdRows(ctx: AuthedCtx, q: HouseholdQuery) {
  const f = await householdFilter(ctx, q);
  const lang = ctx.meta.lang;
  let after = 0;
  let n = 0;
  for (;;) {
    const batch = await repo.exportHouseholdBatch(ctx.deps.db, ctx.actor, f, after, 2000);
    for (const h of batch) {
      n++;
      yield {
        id: h.id, orgName: h.org_name, place: h.place, addressMasked: h.address_masked, areaSqm: h.area_sqm,
        tenure: h.tenure ? TENURE_LABELS[h.tenure][lang] : '', status: STATUS[h.status][lang], memberCount: h.member_count,
      };
    }
    if (batch.length < 2000) break;
    after = batch[batch.length - 1].id;
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'household.export', entityType: 'household', detail: { filter: q, rows: n, masked: true } }));
}

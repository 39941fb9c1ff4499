import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import type { Column } from '../../core/excel.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { divisionCode, LEVEL_LABELS } from './rules.js';

export const ORG_EXPORT_COLUMNS = (lang: 'zh' | 'en'): Column[] => [
  { header: lang === 'en' ? 'Code' : '代码', key: 'code', width: 18 },
  { header: lang === 'en' ? 'Division code' : '区划代码', key: 'divisionCode', width: 16 },
  { header: lang === 'en' ? 'Name' : '名称', key: 'name', width: 30 },
  { header: lang === 'en' ? 'Level' : '层级', key: 'level', width: 12 },
  { header: lang === 'en' ? 'Parent id' : '上级 ID', key: 'parentId', width: 10 },
  { header: lang === 'en' ? 'Households target' : '户数目标', key: 'householdsTarget', width: 10 },
];

/** Rows of an export in keyset batches, all inside the actor's scope; audited once. */
export async function* exportOrgRows(ctx: AuthedCtx, f: repo.OrgFilter) {
  if (!policy.canReadOrgs(ctx.actor)) throw errors.forbidden();
  let after = '';
  let n = 0;
  for (;;) {
    const batch = await repo.exportBatch(ctx.deps.db, ctx.actor, f, after, 5000);
    for (const o of batch) {
      n++;
      yield {
        code: o.code, divisionCode: divisionCode(o.level, o.code), name: o.name,
        level: LEVEL_LABELS[o.level][ctx.meta.lang], parentId: o.parent_id, householdsTarget: o.households_target,
      };
    }
    if (batch.length < 5000) break;
    after = batch[batch.length - 1].code;
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'org.export', entityType: 'org', detail: { filter: f, rows: n } }));
}

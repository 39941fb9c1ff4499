import type { AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { getOrgInScope } from '../orgs/service.js';
import { coverageRows, type CoverageDbRow } from './repo-coverage.js';
import * as policy from './policy.js';
import { chinaMonth, monthRange, rate } from './rules.js';

type Counts = Omit<CoverageDbRow, 'id' | 'level' | 'name'>;
const FIELDS = [['phone', 'phone'], ['idNumber', 'id_number'], ['birthDate', 'birth_date'], ['household', 'household'],
  ['ethnicity', 'ethnicity'], ['politicalStatus', 'political_status']] as const;

/** Rates from counts: visits over households, each field over active residents. */
function figures(c: Counts) {
  const completeness = Object.fromEntries(FIELDS.map(([k, col]) => [k, rate(c[col], c.residents)])) as Record<(typeof FIELDS)[number][0], number | null>;
  const filled = FIELDS.reduce((n, [, col]) => n + c[col], 0);
  return {
    householdsTarget: c.households_target, households: c.households, householdRate: c.households_target ? rate(c.households, c.households_target) : null,
    householdsVisited: c.visited, visitRate: rate(c.visited, c.households), residents: c.residents,
    completeness: { ...completeness, overall: rate(filled, c.residents * FIELDS.length) },
  };
}

/** 覆盖率: per grid of a street, community or grid — households, visits this month, completeness of the records. */
export async function coverage(ctx: AuthedCtx, q: { orgId?: number; month?: string }) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const org = await getOrgInScope(ctx, q.orgId ?? ctx.actor.orgId);
  if (!policy.canReadCoverage(ctx.actor, org))
    throw errors.field('orgId', { zh: '请选择街道、社区或网格', en: 'must be a street, community or grid' });
  const month = q.month ?? chinaMonth(new Date());
  const { from, to } = monthRange(month);
  const rows = await coverageRows(ctx.deps.db, ctx.actor, org.path, from, to);
  const sum: Counts = { households_target: 0, households: 0, visited: 0, residents: 0, phone: 0, id_number: 0, birth_date: 0, household: 0, ethnicity: 0, political_status: 0 };
  for (const r of rows) for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] = (sum[k] ?? 0) + (r[k] ?? 0);
  return {
    orgId: org.id, orgName: org.name, month,
    rows: rows.map((r) => ({ gridId: r.id, level: r.level, name: r.name, ...figures(r) })),
    totals: figures({ ...sum, households_target: sum.households_target || null }),
  };
}

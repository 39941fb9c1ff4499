import { sql } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { scopePattern } from '../../core/scope.js';
import { getOrgInScope } from '../orgs/service.js';
import * as policy from './policy.js';
import { threeRates, type StatCounts } from './rules.js';

/**
 * The 接诉即办 figures of a unit over months: read from request_stat (kept by a trigger in
 * every request write), grouped by the unit's child areas or by handling unit. Months
 * count requests by the month they were submitted (China time).
 */
export interface StatsQuery { orgId?: number; from?: string; to?: string; by?: 'area' | 'handler' }

const SUMS = sql`sum(received)::int AS received, sum(routed_auto)::int AS routed_auto, sum(responded)::int AS responded,
  sum(responded_on_time)::int AS responded_on_time, sum(resolved)::int AS resolved, sum(resolved_on_time)::int AS resolved_on_time,
  sum(rated)::int AS rated, sum(satisfied)::int AS satisfied, sum(basic)::int AS basic, sum(unsatisfied)::int AS unsatisfied,
  sum(overdue)::int AS overdue, coalesce(sum(handle_seconds), 0)::bigint AS handle_seconds`;

interface SumRow { received: number | null; routed_auto: number | null; responded: number | null; responded_on_time: number | null; resolved: number | null; resolved_on_time: number | null; rated: number | null; satisfied: number | null; basic: number | null; unsatisfied: number | null; overdue: number | null; handle_seconds: number | null }

function figures(r: SumRow | undefined) {
  const c: StatCounts = {
    received: r?.received ?? 0, routedAuto: r?.routed_auto ?? 0, responded: r?.responded ?? 0, respondedOnTime: r?.responded_on_time ?? 0,
    resolved: r?.resolved ?? 0, resolvedOnTime: r?.resolved_on_time ?? 0, rated: r?.rated ?? 0, satisfied: r?.satisfied ?? 0,
    basic: r?.basic ?? 0, unsatisfied: r?.unsatisfied ?? 0, overdue: r?.overdue ?? 0, handleSeconds: Number(r?.handle_seconds ?? 0),
  };
  const { handleSeconds: _h, ...counts } = c;
  return { ...counts, ...threeRates(c) };
}

const SUM_KEYS = ['received', 'routed_auto', 'responded', 'responded_on_time', 'resolved', 'resolved_on_time', 'rated', 'satisfied', 'basic', 'unsatisfied', 'overdue', 'handle_seconds'] as const;
function sumRows(rows: SumRow[]): SumRow {
  const out = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as Record<(typeof SUM_KEYS)[number], number>;
  for (const r of rows) for (const k of SUM_KEYS) out[k] += Number(r[k] ?? 0);
  return out;
}

function chinaMonth(d = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

export async function getStats(ctx: AuthedCtx, q: StatsQuery) {
  if (!policy.canReadRequests(ctx.actor)) throw errors.forbidden();
  const unit = q.orgId ? await getOrgInScope(ctx, q.orgId) : await getOrgInScope(ctx, ctx.actor.orgId);
  if (!policy.canReadStats(ctx.actor, unit.path)) throw errors.forbidden();
  const to = q.to ?? chinaMonth();
  const from = q.from ?? `${to.slice(0, 4)}-01`;
  if (from > to) throw errors.field('from', { zh: '起始月份不能晚于结束月份', en: 'must not be after the end month' });
  const by = q.by ?? (unit.level === 'department' ? 'handler' : 'area');
  const like = scopePattern(unit.path);
  const range = sql`month BETWEEN ${from + '-01'}::date AND ${to + '-01'}::date`;
  const where = by === 'area' ? sql`org_path LIKE ${like}` : sql`(org_path LIKE ${like} OR handler_path LIKE ${like})`;
  const db = ctx.deps.db;
  const group = by === 'area'
    ? sql`CASE WHEN org_path = ${unit.path} THEN ${unit.id}::bigint ELSE split_part(substr(org_path, ${unit.path.length + 1}), '/', 1)::bigint END`
    : sql`handler_org_id`;
  // Every stat row falls in exactly one group, so the totals are the groups' sums (one pass over the rows, not two).
  const rows = await sql<SumRow & { unit_id: number }>`SELECT ${group} AS unit_id, ${SUMS} FROM request_stat WHERE ${where} AND ${range} GROUP BY 1`.execute(db);
  const total = sumRows(rows.rows);
  const ids = rows.rows.map((r) => r.unit_id).filter((x) => x > 0);
  const names = new Map((ids.length ? await db.selectFrom('org').select(['id', 'name']).where('id', 'in', ids).execute() : []).map((o) => [o.id, o.name]));
  const en = ctx.meta.lang === 'en';
  return {
    orgId: unit.id, orgName: unit.name, from, to, by,
    totals: figures(total),
    rows: rows.rows.map((r) => ({
      orgId: r.unit_id, name: names.get(r.unit_id) ?? (r.unit_id === 0 ? (en ? 'awaiting dispatch' : '待派单') : String(r.unit_id)),
      ...figures(r),
    })).sort((a, b) => b.received - a.received || a.orgId - b.orgId),
  };
}

export type StatsView = Awaited<ReturnType<typeof getStats>>;

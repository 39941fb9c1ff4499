import type { AuthedCtx } from '../../core/context.js';
import type { Lang } from '../../core/errors.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import type { Column } from '../../core/excel.js';
import * as repo from './repo-records.js';
import * as policy from './policy.js';
import { chinaTime } from './rules.js';
import { coverage } from './service-coverage.js';
import { visitFilter, type VisitListQuery } from './service-visits.js';
import { rangeFilter, type RangeQuery } from './service-logs.js';

/**
 * Excel exports of the grid-work lists (visits, work logs, meetings) and of coverage: the list's filters,
 * inside the actor's scope, newest first in keyset batches. Households appear only with the
 * masked address, as the list shows them. Each export is audited once, after its last row,
 * with the filter and the row count (as the household and resident exports are).
 */
const BATCH = 1000;

const H = (zh: string, en: string) => ({ zh, en });
type Headers = Record<string, { zh: string; en: string }>;
const columns = (headers: Headers, widths: Record<string, number>) => (lang: Lang): Column[] =>
  Object.entries(headers).map(([key, h]) => ({ header: h[lang], key, width: widths[key] ?? 16 }));

const YES_NO = { true: H('是', 'yes'), false: H('否', 'no') };

export const VISIT_EXPORT_COLUMNS = columns({
  visitedAt: H('走访时间', 'Visited at'), org: H('网格', 'Grid'), household: H('户', 'Household'), visitor: H('走访人', 'Visitor'),
  findings: H('发现情况', 'Findings'), followUp: H('需跟进', 'Follow-up needed'), followUpNote: H('跟进说明', 'Follow-up note'),
  followUpDoneAt: H('跟进完成时间', 'Follow-up done at'), photos: H('照片数', 'Photos'),
}, { visitedAt: 17, org: 20, household: 32, visitor: 12, findings: 48, followUp: 8, followUpNote: 30, followUpDoneAt: 17, photos: 8 });

export const LOG_EXPORT_COLUMNS = columns({
  logDate: H('日期', 'Date'), org: H('所属组织', 'Org'), author: H('填写人', 'Author'), content: H('工作内容', 'Content'), createdAt: H('填写时间', 'Written at'),
}, { logDate: 12, org: 20, author: 12, content: 60, createdAt: 17 });

export const MEETING_EXPORT_COLUMNS = columns({
  heldOn: H('会议日期', 'Held on'), org: H('召开单位', 'Held by'), topic: H('议题', 'Topic'), attendees: H('参会人员', 'Attendees'),
  notes: H('会议纪要', 'Notes'), recorder: H('记录人', 'Recorded by'), createdAt: H('填写时间', 'Written at'),
}, { heldOn: 12, org: 20, topic: 30, attendees: 30, notes: 60, recorder: 12, createdAt: 17 });

/** Every row of a keyset-batched query, counting them; `count.n` holds the total once done. */
async function* batches<T extends { id: number }>(next: (afterId: number | null) => Promise<T[]>, count: { n: number }) {
  let after: number | null = null;
  for (;;) {
    const batch = await next(after);
    for (const row of batch) {
      count.n++;
      yield row;
    }
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1].id;
  }
}

const audit = (ctx: AuthedCtx, action: string, entityType: string, detail: Record<string, unknown>) =>
  inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action, entityType, detail }));

export async function* exportVisitRows(ctx: AuthedCtx, q: VisitListQuery) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const f = await visitFilter(ctx, q);
  const lang = ctx.meta.lang;
  const count = { n: 0 };
  for await (const v of batches((after) => repo.exportVisitBatch(ctx.deps.db, ctx.actor, f, after, BATCH), count)) {
    yield {
      visitedAt: chinaTime(v.visited_at), org: v.org_name, household: v.address_masked, visitor: v.visitor_name, findings: v.findings,
      followUp: YES_NO[`${v.follow_up}`][lang], followUpNote: v.follow_up_note ?? '',
      followUpDoneAt: v.follow_up_done_at ? chinaTime(v.follow_up_done_at) : '', photos: v.photo_ids.length,
    };
  }
  await audit(ctx, 'visit.export', 'visit', { filter: q, rows: count.n, masked: true });
}

export async function* exportLogRows(ctx: AuthedCtx, q: RangeQuery & { authorId?: number }) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const f: repo.LogFilter = { ...(await rangeFilter(ctx, q)), authorId: q.authorId };
  const count = { n: 0 };
  for await (const l of batches((after) => repo.exportLogBatch(ctx.deps.db, ctx.actor, f, after, BATCH), count))
    yield { logDate: l.log_date, org: l.org_name, author: l.author_name, content: l.content, createdAt: chinaTime(l.created_at) };
  await audit(ctx, 'workLog.export', 'workLog', { filter: q, rows: count.n });
}

export async function* exportMeetingRows(ctx: AuthedCtx, q: RangeQuery) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const f = await rangeFilter(ctx, q);
  const count = { n: 0 };
  for await (const m of batches((after) => repo.exportMeetingBatch(ctx.deps.db, ctx.actor, f, after, BATCH), count)) {
    yield {
      heldOn: m.held_on, org: m.org_name, topic: m.topic, attendees: m.attendees ?? '', notes: m.notes,
      recorder: m.author_name, createdAt: chinaTime(m.created_at),
    };
  }
  await audit(ctx, 'meeting.export', 'meeting', { filter: q, rows: count.n });
}

// ── Coverage ──
const FIELDS = [['phone', H('手机号', 'Phone')], ['idNumber', H('证件号', 'ID number')], ['birthDate', H('出生日期', 'Birth date')],
  ['household', H('所在户', 'Household')], ['ethnicity', H('民族', 'Ethnicity')], ['politicalStatus', H('政治面貌', 'Political status')]] as const;

export const COVERAGE_EXPORT_COLUMNS = columns({
  name: H('网格', 'Grid'), householdsTarget: H('户数目标', 'Households target'), households: H('户数', 'Households'),
  householdsVisited: H('已走访户', 'Households visited'), visitRate: H('走访率(%)', 'Visit rate (%)'), residents: H('居民数', 'Residents'),
  ...Object.fromEntries(FIELDS.map(([k, h]) => [k, H(`${h.zh}完整度(%)`, `${h.en} complete (%)`)])),
  overall: H('信息完整度(%)', 'Completeness (%)'),
}, { name: 28, householdsTarget: 10, households: 10, householdsVisited: 10, visitRate: 10, residents: 10, overall: 12 });

/** A 0–1 share as a percentage with one decimal; empty when there was nothing to count. */
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

type Figures = Awaited<ReturnType<typeof coverage>>['totals'];
const figureCells = (f: Figures) => ({
  householdsTarget: f.householdsTarget, households: f.households, householdsVisited: f.householdsVisited, visitRate: pct(f.visitRate),
  residents: f.residents, ...Object.fromEntries(FIELDS.map(([k]) => [k, pct(f.completeness[k])])), overall: pct(f.completeness.overall),
});

/**
 * 覆盖率 of an org for a month as a sheet: one row per grid (and per community still holding
 * unassigned records), then the totals. Checked and computed before anything is sent.
 */
export async function exportCoverage(ctx: AuthedCtx, q: { orgId?: number; month?: string }) {
  const c = await coverage(ctx, q);
  const lang = ctx.meta.lang;
  async function* rows() {
    for (const r of c.rows)
      yield { name: r.level === 'grid' ? r.name : `${r.name}${lang === 'en' ? ' (not in a grid)' : '（未分网格）'}`, ...figureCells(r) };
    yield { name: lang === 'en' ? 'Total' : '合计', ...figureCells(c.totals) };
    await audit(ctx, 'coverage.export', 'coverage', { filter: { orgId: c.orgId, month: c.month }, rows: c.rows.length });
  }
  return {
    filename: lang === 'en' ? `coverage-${c.month}.xlsx` : `覆盖率-${c.orgName}-${c.month}.xlsx`,
    columns: COVERAGE_EXPORT_COLUMNS(lang),
    rows: rows(),
  };
}

import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as rrepo from './repo-results.js';
import * as policy from './policy.js';
import { loadCampaign } from './service-campaigns.js';
import { actsForEvaluatee, mySocialOrgs } from './service-scoring.js';
import { chinaToday, presentCampaign, presentEvaluatee } from './present.js';

/** Results (ranking per campaign, per dimension), published results for residents, Excel export. */
async function resultsOf(ctx: AuthedCtx, c: repo.CampaignRow) {
  const db = ctx.deps.db;
  const [dims, evs, byDim] = await Promise.all([repo.dimensionsOf(db, c.id), repo.evaluateesOf(db, c.id), rrepo.resultsByDimension(db, c.id)]);
  const per = new Map<number, { dimensionId: number; self: number | null; peer: number | null; resident: number | null; final: number | null }[]>();
  for (const r of byDim) per.set(r.evaluatee_id, [...(per.get(r.evaluatee_id) ?? []), { dimensionId: r.dimension_id, self: r.self_score, peer: r.peer_score, resident: r.resident_score, final: r.final_score }]);
  const items = evs.map((e) => ({ ...presentEvaluatee(e), byDimension: per.get(e.id) ?? [] }))
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.id - b.id);
  return { campaign: presentCampaign(ctx.actor, c), dimensions: dims, items };
}

const closedOnly = () => errors.conflict('NOT_CLOSED', { zh: '评价活动尚未结束，暂无结果', en: 'The campaign has not been closed yet' });

export async function results(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.notFound('campaign');
  const c = await loadCampaign(ctx, id);
  if (c.status !== 'closed' && c.status !== 'published') throw closedOnly();
  return resultsOf(ctx, c);
}

export const RESULT_COLUMNS = (en: boolean, dims: { id: number; name: string }[]) => [
  { header: en ? 'Rank' : '名次', key: 'rank', width: 8 }, { header: en ? 'Evaluatee' : '被评价对象', key: 'name', width: 24 },
  { header: en ? 'Self' : '自评', key: 'self', width: 10 }, { header: en ? 'Peers' : '互评', key: 'peer', width: 10 },
  { header: en ? 'Residents' : '居民测评', key: 'resident', width: 10 }, { header: en ? 'Final' : '综合得分', key: 'final', width: 10 },
  ...dims.map((d) => ({ header: d.name, key: `d${d.id}`, width: 12 })),
  { header: en ? 'Peers who scored' : '互评单位数', key: 'peers', width: 10 }, { header: en ? 'Households answered' : '作答户数', key: 'households', width: 10 },
  { header: en ? 'Passed' : '是否合格', key: 'passed', width: 10 }, { header: en ? 'Certificate' : '表彰', key: 'certified', width: 10 },
];
export async function resultsExport(ctx: AuthedCtx, id: number) {
  const r = await results(ctx, id);
  const en = ctx.meta.lang === 'en';
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'evaluation.results.export', entityType: 'campaign', entityId: id, detail: { title: r.campaign.title } }));
  const yes = en ? 'yes' : '是'; const no = en ? 'no' : '否';
  async function* rows() {
    for (const e of r.items) yield {
      rank: e.rank ?? '', name: e.name, self: e.selfScore ?? '', peer: e.peerScore ?? '', resident: e.residentScore ?? '', final: e.finalScore ?? '',
      ...Object.fromEntries(e.byDimension.map((d) => [`d${d.dimensionId}`, d.final ?? ''])),
      peers: e.peerCount ?? 0, households: e.responseCount ?? 0, passed: e.passed === null ? '' : e.passed ? yes : no, certified: e.certified ? yes : no,
    };
  }
  return { columns: RESULT_COLUMNS(en, r.dimensions), rows: rows(), title: r.campaign.title };
}

export async function listPublished(ctx: AuthedCtx, page: PageQuery) {
  const rows = await repo.listPublished(ctx.deps.db, ctx.actor, page);
  return paged(rows.map((c) => presentCampaign(ctx.actor, c)), await pageTotal(rows, page, () => repo.countPublished(ctx.deps.db, ctx.actor)), page);
}
export async function getPublished(ctx: AuthedCtx, id: number) {
  const c = await repo.campaignById(ctx.deps.db, id);
  if (!c || c.status !== 'published' || !policy.seesPublished(ctx.actor, c.org_path)) throw errors.notFound('campaign');
  const r = await resultsOf(ctx, c);
  // Residents see the ranking and the components, not who scored what.
  return r;
}

// ── Rectifications (整改) ──
const LEVELS = ['party', 'unit', 'resident'] as const;
function presentRect(ctx: AuthedCtx, r: rrepo.RectRow, signoffs: rrepo.SignoffRow[], actingForUnit: boolean) {
  const today = chinaToday();
  const actions: string[] = [];
  if (r.status === 'open') {
    if (policy.canManageAt(ctx.actor, r.org_path) || actingForUnit) actions.push('report');
    if (r.measures) for (const l of LEVELS) if (!signoffs.some((s) => s.level === l) && policy.canSignOff(ctx.actor, l, r.org_path, actingForUnit)) actions.push(`signoff:${l}`);
  }
  return {
    id: r.id, campaignId: r.campaign_id, campaignTitle: r.campaign_title, evaluateeId: r.evaluatee_id, name: r.name, finalScore: r.final_score, passMark: Number(r.pass_mark),
    deadline: r.deadline, overdue: r.status === 'open' && r.deadline < today, status: r.status, measures: r.measures,
    reportedAt: r.reported_at ? r.reported_at.toISOString() : null, closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    signoffs: signoffs.map((s) => ({ level: s.level, signer: s.signer, note: s.note, recordedBy: s.recorded_by_name, signedAt: s.signed_at.toISOString() })),
    actions,
  };
}

export interface RectFilter { status?: 'open' | 'closed'; overdue?: boolean; campaignId?: number }
const acting = (ctx: AuthedCtx, r: rrepo.RectRow, so: number[]) => policy.actsFor(ctx.actor, { kind: r.kind, subjectId: r.subject_id, subjectPath: r.subject_path }, so);

export async function listRectifications(ctx: AuthedCtx, f: RectFilter, page: PageQuery) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const mine = await mySocialOrgs(ctx);
  const rows = await rrepo.rectPage(ctx.deps.db, ctx.actor, f, chinaToday(), page, mine);
  const so = await rrepo.signoffsOf(ctx.deps.db, rows.map((r) => r.id));
  const total = rows[0]?.total ?? (page.page === 1 ? 0 : await rrepo.countRects(ctx.deps.db, ctx.actor, f, chinaToday(), mine));
  return paged(rows.map((r) => presentRect(ctx, r, so.filter((s) => s.rectification_id === r.id), acting(ctx, r, mine))), total, page);
}

async function loadRect(ctx: AuthedCtx, id: number) {
  const r = await rrepo.rectById(ctx.deps.db, id);
  if (!r) throw errors.notFound('rectification');
  const inScope = policy.canReadAt(ctx.actor, r.org_path);
  const acting = await actsForEvaluatee(ctx, r.evaluatee_id);
  if (!inScope && !acting) throw errors.notFound('rectification');
  return { r, acting };
}
export async function getRectification(ctx: AuthedCtx, id: number) {
  const { r, acting } = await loadRect(ctx, id);
  return presentRect(ctx, r, await rrepo.signoffsOf(ctx.deps.db, [id]), acting);
}

export async function reportMeasures(ctx: AuthedCtx, id: number, measures: string) {
  const { r, acting } = await loadRect(ctx, id);
  if (!policy.canManageAt(ctx.actor, r.org_path) && !acting) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const cur = await trx.selectFrom('eval_rectification').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (cur.status !== 'open') throw errors.conflict('RECTIFICATION_CLOSED', { zh: '整改已销号', en: 'The rectification is already signed off' });
    await trx.updateTable('eval_rectification').set({ measures: measures.trim(), reported_by: ctx.actor.userId, reported_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.rectification.report', entityType: 'rectification', entityId: id, orgPath: r.org_path });
  });
  return getRectification(ctx, id);
}

/** One of the three levels signs off; the third closes the rectification. */
export async function signOff(ctx: AuthedCtx, id: number, input: { level: 'party' | 'unit' | 'resident'; signer: string; note?: string | null }) {
  const { r, acting } = await loadRect(ctx, id);
  if (!policy.canSignOff(ctx.actor, input.level, r.org_path, acting)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const cur = await trx.selectFrom('eval_rectification').select(['status', 'measures']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (cur.status !== 'open') throw errors.conflict('RECTIFICATION_CLOSED', { zh: '整改已销号', en: 'The rectification is already signed off' });
    if (!cur.measures) throw errors.conflict('NOT_REPORTED', { zh: '请先填报整改措施', en: 'Report the rectification measures first' });
    const ins = await trx.insertInto('eval_signoff').values({
      rectification_id: id, org_id: r.org_id, org_path: r.org_path, level: input.level, signer: input.signer.trim(), note: input.note?.trim() || null,
      recorded_by: ctx.actor.userId, signed_at: new Date(),
    }).onConflict((oc) => oc.columns(['rectification_id', 'level']).doNothing()).returning('level').executeTakeFirst();
    if (!ins) throw errors.conflict('ALREADY_SIGNED', { zh: '该层级已签字确认', en: 'This level has already signed off' });
    const n = await trx.selectFrom('eval_signoff').select((eb) => eb.fn.countAll<number>().as('n')).where('rectification_id', '=', id).executeTakeFirstOrThrow();
    const closed = Number(n.n) === LEVELS.length;
    if (closed) await trx.updateTable('eval_rectification').set({ status: 'closed', closed_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.rectification.signoff', entityType: 'rectification', entityId: id, orgPath: r.org_path, detail: { level: input.level, signer: input.signer, closed } });
  });
  return getRectification(ctx, id);
}

export const RECT_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 }, { header: en ? 'Campaign' : '评价活动', key: 'campaign', width: 26 },
  { header: en ? 'Evaluatee' : '整改对象', key: 'name', width: 22 }, { header: en ? 'Final' : '综合得分', key: 'final', width: 10 },
  { header: en ? 'Deadline' : '整改期限', key: 'deadline', width: 12 }, { header: en ? 'Status' : '状态', key: 'status', width: 10 },
  { header: en ? 'Overdue' : '逾期', key: 'overdue', width: 8 }, { header: en ? 'Measures' : '整改措施', key: 'measures', width: 40 },
  { header: en ? 'Sign-offs' : '三级签字', key: 'signoffs', width: 40 },
];
export async function* exportRectifications(ctx: AuthedCtx, f: RectFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'evaluation.rectification.export', entityType: 'rectification', detail: { ...f } }));
  const LEVEL_ZH: Record<string, string> = { party: '社区党组织', unit: '单位代表', resident: '居民代表' };
  const mine = await mySocialOrgs(ctx);
  for (let pageNo = 1; ; pageNo++) {
    const rows = await rrepo.rectPage(ctx.deps.db, ctx.actor, f, chinaToday(), { page: pageNo, pageSize: 200 }, mine);
    const so = await rrepo.signoffsOf(ctx.deps.db, rows.map((r) => r.id));
    for (const r of rows) {
      const p = presentRect(ctx, r, so.filter((s) => s.rectification_id === r.id), acting(ctx, r, mine));
      yield {
        id: p.id, campaign: p.campaignTitle, name: p.name, final: p.finalScore ?? '', deadline: p.deadline,
        status: en ? p.status : p.status === 'open' ? '整改中' : '已销号', overdue: p.overdue ? (en ? 'yes' : '是') : '', measures: p.measures ?? '',
        signoffs: p.signoffs.map((s) => `${en ? s.level : LEVEL_ZH[s.level]}：${s.signer}`).join('；'),
      };
    }
    if (rows.length < 200) return;
  }
}

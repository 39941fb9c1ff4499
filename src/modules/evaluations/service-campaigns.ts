import crypto from 'node:crypto';
import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import { loadUnit } from '../partners/service-people.js';
import { socialOrgBrief } from '../socialorgs/api.js';
import type { EvaluateeKind } from '../../db/schema-evaluations.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { DEFAULT_DIMENSIONS, DEFAULT_WEIGHTS, weightErrors, type Weights } from './rules.js';
import { chinaToday, presentCampaign, presentEvaluatee } from './present.js';
import { computeResults } from './repo-close.js';
import { drawSamples } from './service-surveys.js';

/** Campaigns (评价活动): create and configure in draft, add evaluatees, open (draws the sample), close (scores, ranking, rectifications), publish. */
export interface CampaignInput {
  title?: string; periodStart?: string; periodEnd?: string; weights?: Weights; passMark?: number; bestN?: number;
  sampleSize?: number; seed?: number; rectifyDays?: number; dimensions?: string[];
}

const badDay = (s: string) => Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s;

function validate(input: CampaignInput, current?: { periodStart: string; periodEnd: string }) {
  const fields: Record<string, { zh: string; en: string }> = {};
  if (input.weights) Object.assign(fields, weightErrors(input.weights));
  if (input.periodStart && badDay(input.periodStart)) fields.periodStart = { zh: '不是有效日期', en: 'is not a valid date' };
  if (input.periodEnd && badDay(input.periodEnd)) fields.periodEnd = { zh: '不是有效日期', en: 'is not a valid date' };
  const start = input.periodStart ?? current?.periodStart; const end = input.periodEnd ?? current?.periodEnd;
  if (!fields.periodStart && !fields.periodEnd && start && end && end < start) fields.periodEnd = { zh: '不能早于开始日期', en: 'is before the start' };
  if (input.dimensions) {
    const names = input.dimensions.map((d) => d.trim());
    if (new Set(names).size !== names.length) fields.dimensions = { zh: '维度名称重复', en: 'has duplicate names' };
  }
  if (Object.keys(fields).length) throw errors.validation(fields);
}

export async function loadCampaign(ctx: AuthedCtx, id: number) {
  const c = await repo.campaignById(ctx.deps.db, id);
  if (!c || !policy.canReadAt(ctx.actor, c.org_path)) throw errors.notFound('campaign');
  return c;
}
async function lockManaged(ctx: AuthedCtx, trx: Parameters<typeof repo.lockCampaign>[0], id: number) {
  const c = await repo.lockCampaign(trx, id);
  if (!c || !policy.canReadAt(ctx.actor, c.org_path)) throw errors.notFound('campaign');
  if (!policy.canManageAt(ctx.actor, c.org_path)) throw errors.forbidden();
  return c;
}
const wrongStatus = (zh: string, en: string) => errors.conflict('WRONG_STATUS', { zh: `仅${zh}的评价活动可以执行此操作`, en: `Only a campaign that is ${en} can do this` });

export async function createCampaign(ctx: AuthedCtx, input: CampaignInput & { orgId: number; title: string; periodStart: string; periodEnd: string }) {
  const a = ctx.actor;
  if (!policy.canRead(a) || !policy.canManageAt(a, a.orgPath)) throw errors.forbidden();
  validate(input);
  const org = await repo.orgById(ctx.deps.db, input.orgId);
  if (!org || !org.path.startsWith(a.orgPath)) throw errors.field('orgId', { zh: '不在您的管辖范围内', en: 'is not within your scope' });
  if (!['street', 'community', 'district', 'city'].includes(org.level)) throw errors.field('orgId', { zh: '须为街道或社区（区、市）', en: 'must be a street or community (or district, city)' });
  const w = input.weights ?? DEFAULT_WEIGHTS;
  const dims = (input.dimensions ?? DEFAULT_DIMENSIONS).map((d) => d.trim());
  const id = await inTransaction(ctx, async (trx) => {
    const c = await trx.insertInto('eval_campaign').values({
      org_id: org.id, org_path: org.path, title: input.title.trim(), period_start: input.periodStart, period_end: input.periodEnd,
      weight_self: w.self, weight_peer: w.peer, weight_resident: w.resident, pass_mark: input.passMark ?? 60, best_n: input.bestN ?? 3,
      sample_size: input.sampleSize ?? 100, seed: input.seed ?? crypto.randomInt(0, 2 ** 32 - 1), rectify_days: input.rectifyDays ?? 30, created_by: a.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('eval_dimension').values(dims.map((name, i) => ({ campaign_id: c.id, org_id: org.id, org_path: org.path, position: i + 1, name }))).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.campaign.create', entityType: 'campaign', entityId: c.id, orgPath: org.path, detail: { title: input.title, weights: w, dimensions: dims } });
    return c.id;
  });
  return getCampaign(ctx, id);
}

export async function updateCampaign(ctx: AuthedCtx, id: number, input: CampaignInput) {
  await inTransaction(ctx, async (trx) => {
    const c = await lockManaged(ctx, trx, id);
    if (c.status !== 'draft') throw wrongStatus('草稿', 'a draft');
    validate(input, { periodStart: c.period_start, periodEnd: c.period_end });
    const set = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}), ...(input.periodStart ? { period_start: input.periodStart } : {}),
      ...(input.periodEnd ? { period_end: input.periodEnd } : {}),
      ...(input.weights ? { weight_self: input.weights.self, weight_peer: input.weights.peer, weight_resident: input.weights.resident } : {}),
      ...(input.passMark !== undefined ? { pass_mark: input.passMark } : {}), ...(input.bestN !== undefined ? { best_n: input.bestN } : {}),
      ...(input.sampleSize !== undefined ? { sample_size: input.sampleSize } : {}), ...(input.seed !== undefined ? { seed: input.seed } : {}),
      ...(input.rectifyDays !== undefined ? { rectify_days: input.rectifyDays } : {}),
    };
    if (Object.keys(set).length) await trx.updateTable('eval_campaign').set(set).where('id', '=', id).execute();
    if (input.dimensions) {
      // Dimensions are fixed once scoring starts; in a draft there are no scores, so the list is replaced.
      await trx.deleteFrom('eval_dimension').where('campaign_id', '=', id).execute();
      await trx.insertInto('eval_dimension').values(input.dimensions.map((name, i) => ({ campaign_id: id, org_id: c.org_id, org_path: c.org_path, position: i + 1, name: name.trim() }))).execute();
    }
    await recordAudit(trx, ctx, { action: 'evaluation.campaign.update', entityType: 'campaign', entityId: id, orgPath: c.org_path, detail: { ...input } });
  });
  return getCampaign(ctx, id);
}

export async function getCampaign(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.notFound('campaign');
  const c = await loadCampaign(ctx, id);
  const db = ctx.deps.db;
  const [dims, evs, progress] = await Promise.all([repo.dimensionsOf(db, id), repo.evaluateesOf(db, id), repo.sampleProgress(db, id)]);
  const comp = new Map((await repo.completeness(db, id, dims.length)).map((r) => [r.id, r]));
  return {
    ...presentCampaign(ctx.actor, c), dimensions: dims, progress,
    evaluatees: evs.map((e) => {
      const k = comp.get(e.id)!;
      return {
        ...presentEvaluatee(e),
        completeness: { selfDone: k.self_dims === dims.length && dims.length > 0, peersGiven: k.peers_given, peersReceived: k.peers_received, peersExpected: evs.length - 1, drawn: k.drawn, answered: k.answered },
      };
    }),
  };
}

export async function listCampaigns(ctx: AuthedCtx, f: repo.CampaignFilter, page: PageQuery) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const rows = await repo.listCampaigns(ctx.deps.db, ctx.actor, f, page);
  const total = await pageTotal(rows, page, () => repo.countCampaigns(ctx.deps.db, ctx.actor, f));
  return paged(rows.map((c) => presentCampaign(ctx.actor, c)), total, page);
}

const STATUS_ZH: Record<string, string> = { draft: '草稿', open: '评价中', closed: '已结束', published: '已公示' };
export const CAMPAIGN_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 }, { header: en ? 'Title' : '名称', key: 'title', width: 30 },
  { header: en ? 'Org' : '组织', key: 'orgName', width: 20 }, { header: en ? 'From' : '开始', key: 'periodStart', width: 12 },
  { header: en ? 'To' : '结束', key: 'periodEnd', width: 12 }, { header: en ? 'Status' : '状态', key: 'status', width: 10 },
  { header: en ? 'Weights (self/peer/resident)' : '权重（自评/互评/居民）', key: 'weights', width: 22 },
  { header: en ? 'Evaluatees' : '被评对象数', key: 'evaluatees', width: 10 }, { header: en ? 'Pass mark' : '合格线', key: 'passMark', width: 10 },
];
export async function* exportCampaigns(ctx: AuthedCtx, f: repo.CampaignFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'evaluation.campaign.export', entityType: 'campaign', detail: { ...f } }));
  for (let after = 0; ;) {
    const rows = await repo.campaignBatch(ctx.deps.db, ctx.actor, f, after, 500);
    for (const c of rows) yield {
      id: c.id, title: c.title, orgName: c.org_name, periodStart: c.period_start, periodEnd: c.period_end, status: en ? c.status : STATUS_ZH[c.status],
      weights: `${c.weight_self}/${c.weight_peer}/${c.weight_resident}`, evaluatees: c.evaluatee_count, passMark: Number(c.pass_mark),
    };
    if (rows.length < 500) return;
    after = rows[rows.length - 1].id;
  }
}

// ── Evaluatees ──
async function subjectOf(ctx: AuthedCtx, c: repo.CampaignRow, kind: EvaluateeKind, subjectId: number) {
  const db = ctx.deps.db;
  const notSubject = (zh: string, en: string) => errors.field('subjectId', { zh, en });
  if (kind === 'org') {
    const o = await repo.orgById(db, subjectId);
    // In the campaign org's subtree, or a department beside it (a community rates the street's departments).
    const below = o && o.path.startsWith(c.org_path) && o.id !== c.org_id;
    const besideDept = o && o.level === 'department' && o.parent_id !== null && c.org_path.includes(`/${o.parent_id}/`);
    if (!o || !(below || besideDept) || !['street', 'community', 'department', 'grid'].includes(o.level))
      throw notSubject('须为本活动组织下属的社区、部门，或上级的部门', 'must be a community or department under the campaign org, or a department above it');
    const pool = o.level === 'community' ? o : { id: c.org_id, path: c.org_path };
    return { name: o.name, subjectPath: o.path, sampleOrgId: pool.id, samplePath: pool.path };
  }
  if (kind === 'partnerUnit') {
    const u = await loadUnit(ctx, subjectId, 'subjectId');
    if (u.status !== 'active') throw notSubject('该共建单位已停用', 'is not an active partner unit');
    return { name: u.name, subjectPath: u.org_path, sampleOrgId: c.org_id, samplePath: c.org_path };
  }
  const so = await socialOrgBrief(db, subjectId);
  if (!so || !so.orgPath.startsWith(ctx.actor.orgPath)) throw notSubject('社会组织不存在或不在您的管辖范围内', 'is not a social organization within your scope');
  if (so.status !== 'active') throw notSubject('该社会组织不在活跃状态', 'is not an active social organization');
  return { name: so.name, subjectPath: so.orgPath, sampleOrgId: c.org_id, samplePath: c.org_path };
}

export async function addEvaluatee(ctx: AuthedCtx, campaignId: number, input: { kind: EvaluateeKind; subjectId: number }) {
  const c0 = await loadCampaign(ctx, campaignId);
  if (!policy.canManageAt(ctx.actor, c0.org_path)) throw errors.forbidden();
  const s = await subjectOf(ctx, c0, input.kind, input.subjectId);
  await inTransaction(ctx, async (trx) => {
    const c = await lockManaged(ctx, trx, campaignId);
    if (c.status !== 'draft') throw wrongStatus('草稿', 'a draft');
    const row = await trx.insertInto('eval_evaluatee').values({
      campaign_id: c.id, org_id: c.org_id, org_path: c.org_path, kind: input.kind, subject_id: input.subjectId, subject_path: s.subjectPath, name: s.name,
      sample_org_id: s.sampleOrgId, sample_path: s.samplePath,
    }).onConflict((oc) => oc.columns(['campaign_id', 'kind', 'subject_id']).doNothing()).returning('id').executeTakeFirst();
    if (!row) throw errors.conflict('ALREADY_ADDED', { zh: '该对象已在本次评价中', en: 'This evaluatee is already in the campaign' });
    await recordAudit(trx, ctx, { action: 'evaluation.evaluatee.add', entityType: 'evaluatee', entityId: row.id, orgPath: c.org_path, detail: { campaignId, ...input, name: s.name } });
  });
  return getCampaign(ctx, campaignId);
}

export async function removeEvaluatee(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.notFound('evaluatee');
  const e = await repo.evaluateeById(ctx.deps.db, id);
  if (!e || !policy.canReadAt(ctx.actor, e.org_path)) throw errors.notFound('evaluatee');
  await inTransaction(ctx, async (trx) => {
    const c = await lockManaged(ctx, trx, e.campaign_id);
    if (c.status !== 'draft') throw wrongStatus('草稿', 'a draft');
    await trx.deleteFrom('eval_evaluatee').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.evaluatee.remove', entityType: 'evaluatee', entityId: id, orgPath: c.org_path, detail: { campaignId: c.id, name: e.name } });
  });
  return getCampaign(ctx, e.campaign_id);
}

// ── Lifecycle ──
export async function openCampaign(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const c = await lockManaged(ctx, trx, id);
    if (c.status !== 'draft') throw wrongStatus('草稿', 'a draft');
    if (c.evaluatee_count < 2) throw errors.conflict('TOO_FEW_EVALUATEES', { zh: '至少需要两个被评价对象（互评需要）', en: 'At least two evaluatees are needed (for peer scores)' });
    const drawn = await drawSamples(ctx, trx, c);
    await trx.updateTable('eval_campaign').set({ status: 'open', opened_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.campaign.open', entityType: 'campaign', entityId: id, orgPath: c.org_path, detail: { seed: c.seed, sampleSize: c.sample_size, drawn } });
  });
  return getCampaign(ctx, id);
}

export async function closeCampaign(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const c = await lockManaged(ctx, trx, id);
    if (c.status !== 'open') throw wrongStatus('评价中', 'open');
    const r = await computeResults(trx, id, chinaToday());
    await trx.updateTable('eval_campaign').set({ status: 'closed', closed_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.campaign.close', entityType: 'campaign', entityId: id, orgPath: c.org_path, detail: r });
  });
  return getCampaign(ctx, id);
}

export async function publishCampaign(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const c = await lockManaged(ctx, trx, id);
    if (c.status !== 'closed') throw wrongStatus('已结束', 'closed');
    await trx.updateTable('eval_campaign').set({ status: 'published', published_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.campaign.publish', entityType: 'campaign', entityId: id, orgPath: c.org_path });
  });
  return getCampaign(ctx, id);
}

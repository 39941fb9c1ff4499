import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { AppError, errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { getHouseholdInScope } from '../places/service.js';
import * as repo from './repo-records.js';
import { attachmentsInScope } from './repo.js';
import * as policy from './policy.js';
import { monthRange } from './rules.js';
import { attachmentUrl, orgField } from './service-posts.js';

/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function presentVisit(ctx: AuthedCtx, v: repo.VisitRow) {
  return {
    id: v.id, orgId: v.org_id, orgName: v.org_name, householdId: v.household_id, householdPlace: v.address_masked,
    visitorId: v.visitor_id, visitorName: v.visitor_name, visitedAt: v.visited_at.toISOString(), findings: v.findings,
    followUp: v.follow_up, followUpNote: v.follow_up_note, followUpDoneAt: v.follow_up_done_at?.toISOString() ?? null,
    photoIds: v.photo_ids, photoUrls: v.photo_ids.map(attachmentUrl), createdAt: v.created_at.toISOString(),
    actions: policy.visitActions(ctx.actor, { orgPath: v.org_path, followUp: v.follow_up, followUpDone: v.follow_up_done_at !== null }),
  };
}

export interface VisitListQuery { orgId?: number; householdId?: number; visitorId?: number; followUp?: repo.VisitFilter['followUp']; month?: string }

/** The repository filter of a list (or export) query; the org must be in scope. */
export async function visitFilter(ctx: AuthedCtx, q: VisitListQuery): Promise<repo.VisitFilter> {
  const f: repo.VisitFilter = { householdId: q.householdId, visitorId: q.visitorId, followUp: q.followUp };
  if (q.orgId) f.underPath = (await orgField(ctx, q.orgId)).path;
  if (q.month) Object.assign(f, monthRange(q.month));
  return f;
}

export async function listVisits(ctx: AuthedCtx, q: VisitListQuery, page: PageQuery) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const f = await visitFilter(ctx, q);
  const rows = await repo.listVisits(ctx.deps.db, ctx.actor, f, page);
  return { rows: rows.map((r) => presentVisit(ctx, r)), total: await pageTotal(rows, page, () => repo.countVisits(ctx.deps.db, ctx.actor, f)) };
}

async function loadVisit(ctx: AuthedCtx, id: number) {
  const v = await repo.getVisit(ctx.deps.db, ctx.actor, id);
  if (!v) throw errors.notFound('visit');
  return v;
}

export async function getVisit(ctx: AuthedCtx, id: number) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  return presentVisit(ctx, await loadVisit(ctx, id));
}

export interface CreateVisitInput { householdId: number; visitedAt?: string; findings: string; followUp: boolean; followUpNote?: string | null; photoIds?: number[] }

/** 入户走访: filed under the household's org, so the grid that owns the household sees it. */
export async function createVisit(ctx: AuthedCtx, input: CreateVisitInput) {
  if (!policy.canWriteGridwork(ctx.actor)) throw errors.forbidden();
  const household = await getHouseholdInScope(ctx, input.householdId).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw errors.field('householdId', { zh: '户不存在或不在您的管辖范围内', en: 'is not a household within your scope' });
    throw e;
  });
  if (!policy.canRecordVisit(ctx.actor, household.org_path)) throw errors.forbidden();
  const fields: FieldErrors = {};
  const now = Date.now();
  const visitedAt = input.visitedAt === undefined ? new Date(now) : new Date(input.visitedAt);
  if (Number.isNaN(visitedAt.getTime()) || visitedAt.getUTCFullYear() < 2000) fields.visitedAt = { zh: '时间无效', en: 'is not a valid time' };
  else if (visitedAt.getTime() > now + CLOCK_SKEW_MS) fields.visitedAt = { zh: '不能晚于当前时间', en: 'cannot be in the future' };
  const photoIds = input.photoIds ?? [];
  const found = await attachmentsInScope(ctx.deps.db, ctx.actor, photoIds);
  const missing = photoIds.filter((id) => !found.has(id));
  if (missing.length) fields.photoIds = { zh: `照片不存在或无权使用：${missing.join('、')}`, en: `not uploaded images within your scope: ${missing.join(', ')}` };
  if (Object.keys(fields).length) throw errors.validation(fields);
  const note = input.followUpNote?.trim() || null;
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertVisit(trx, {
      orgId: household.org_id, orgPath: household.org_path, householdId: household.id, visitorId: ctx.actor.userId,
      visitedAt, findings: input.findings.trim(), followUp: input.followUp, followUpNote: note, photoIds,
    });
    await recordAudit(trx, ctx, {
      action: 'visit.create', entityType: 'visit', entityId: id, orgPath: household.org_path,
      detail: { householdId: household.id, followUp: input.followUp, photos: photoIds.length },
    });
    return id;
  });
  return presentVisit(ctx, await loadVisit(ctx, id));
}

/** Marks the follow-up of a visit done (or reopens it), with an optional note. */
export async function setFollowUp(ctx: AuthedCtx, id: number, input: { followUpDone: boolean; followUpNote?: string | null }) {
  if (!policy.canWriteGridwork(ctx.actor)) throw errors.forbidden();
  const v = await loadVisit(ctx, id);
  if (!v.follow_up) throw errors.field('followUpDone', { zh: '该走访没有标记需要跟进', en: 'this visit needs no follow-up' });
  if (!policy.canSetFollowUp(ctx.actor, { orgPath: v.org_path, followUp: v.follow_up, followUpDone: v.follow_up_done_at !== null })) throw errors.forbidden();
  const note = input.followUpNote === undefined ? undefined : input.followUpNote?.trim() || null;
  await inTransaction(ctx, async (trx) => {
    await repo.setFollowUp(trx, id, input.followUpDone, note);
    await recordAudit(trx, ctx, {
      action: input.followUpDone ? 'visit.complete_follow_up' : 'visit.reopen_follow_up', entityType: 'visit', entityId: id, orgPath: v.org_path,
      detail: { householdId: v.household_id, noteChanged: note !== undefined },
    });
  });
  return presentVisit(ctx, await loadVisit(ctx, id));
}

import { sql } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { Rating } from '../../db/schema.js';
import * as cfg from './repo-config.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { areaUnits, transit } from './transit.js';
import { getRequest, isStaff, loadVisible } from './service-view.js';
import { closeBySystem } from './service-sweep.js';

/** Named workflow operations (受理、派单、签收、退回、办结、评价、重启、关闭、合并、督办). */
type V = { version?: number };
const trimmed = (s: string | null | undefined) => s?.trim() || null;

export function acceptRequest(ctx: AuthedCtx, id: number, b: { note?: string | null } & V) {
  return transit(ctx, id, { action: 'accept', expectVersion: b.version, note: trimmed(b.note), patch: (_r, now) => ({ accepted_at: now }) });
}

/** A unit the request may go to: a department above its area, or a community/grid in the dispatcher's scope. */
async function dispatchTarget(ctx: AuthedCtx, requestPath: string, orgId: number) {
  const o = await cfg.orgById(ctx.deps.db, orgId);
  const parentPath = o ? o.path.replace(/\d+\/$/, '') : null;
  if (!o || !policy.isDispatchTarget(ctx.actor, requestPath, { level: o.level as never, path: o.path, parentPath })) {
    throw errors.field('handlerOrgId', { zh: '须为诉求所在地的上级职能部门，或您范围内的社区、网格', en: 'must be a department above the request’s area, or a community or grid in your scope' });
  }
  return o;
}

export async function dispatchRequest(ctx: AuthedCtx, id: number, b: { handlerOrgId: number; note?: string | null } & V, override = false) {
  const seen = await loadVisible(ctx, id);
  const target = await dispatchTarget(ctx, seen.org_path, b.handlerOrgId);
  return transit(ctx, id, {
    action: override ? 'redispatch' : 'dispatch', expectVersion: b.version, note: trimmed(b.note), targetOrgId: target.id,
    check: (r) => { if (r.handler_org_id === target.id && override) throw errors.field('handlerOrgId', { zh: '已由该单位承办', en: 'already holds this request' }); },
    patch: (r, now) => ({ handler_org_id: target.id, handler_path: target.path, dispatched_at: now, accepted_at: r.accepted_at ?? now }),
    notice: () => ({ kind: 'dispatched', orgIds: [target.id], title: `新派单诉求 #${id}`, body: trimmed(b.note) ?? '请及时签收处理' }),
  });
}

export function startRequest(ctx: AuthedCtx, id: number, b: { note?: string | null } & V) {
  return transit(ctx, id, {
    action: 'start', expectVersion: b.version, note: trimmed(b.note),
    patch: (r, now) => ({ responded_at: r.responded_at ?? now }),
    notice: (r) => ({ kind: 'inProgress', userIds: r.reporter_user_id ? [r.reporter_user_id] : [], title: `您的诉求 #${id} 正在处理`, body: trimmed(b.note) ?? '承办单位已签收' }),
  });
}

export function returnRequest(ctx: AuthedCtx, id: number, b: { reason: string } & V) {
  return transit(ctx, id, {
    action: 'return', expectVersion: b.version, note: b.reason.trim(),
    // Back to the area's dispatchers; the unit no longer holds it.
    patch: () => ({ handler_org_id: null, handler_path: null }),
    notice: (r) => ({ kind: 'returned', orgIds: areaUnits(r), title: `诉求 #${id} 被退回`, body: b.reason.trim() }),
  });
}

export function resolveRequest(ctx: AuthedCtx, id: number, b: { resolution: string } & V) {
  return transit(ctx, id, {
    action: 'resolve', expectVersion: b.version, note: b.resolution.trim(),
    patch: (r, now) => ({ resolved_at: now, resolution: b.resolution.trim(), responded_at: r.responded_at ?? now }),
    notice: (r) => ({ kind: 'resolved', userIds: r.reporter_user_id ? [r.reporter_user_id] : [], orgIds: areaUnits(r), title: `诉求 #${id} 已办结，请评价`, body: b.resolution.trim() }),
  });
}

/** 满意/基本满意 close the request; 不满意 leaves it rated so the reporter may reopen it once. */
export async function rateRequest(ctx: AuthedCtx, id: number, b: { rating: Rating; comment?: string | null }) {
  const comment = trimmed(b.comment);
  const rated = await transit(ctx, id, {
    action: 'rate', note: comment, detail: { rating: b.rating },
    patch: (_r, now) => ({ rating: b.rating, rating_comment: comment, rated_at: now }),
    notice: (r) => ({ kind: 'rated', orgIds: [...areaUnits(r), ...(r.handler_org_id ? [r.handler_org_id] : [])], title: `诉求 #${id} 评价：${RATING_ZH[b.rating]}`, body: comment ?? '' }),
  });
  if (b.rating === 'unsatisfied') return rated;
  return closeAs(ctx, id, '评价满意，自动关闭');
}
const RATING_ZH: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** Closing after a good rating is the system's step, recorded as such. */
async function closeAs(ctx: AuthedCtx, id: number, note: string) {
  await closeBySystem(ctx.deps, id, note, ctx.meta);
  return getRequest(ctx, id);
}

export function reopenRequest(ctx: AuthedCtx, id: number, b: { reason: string } & V) {
  return transit(ctx, id, {
    action: 'reopen', expectVersion: b.version, note: b.reason.trim(),
    // Not resolved any more: the figures stop counting it as resolved or rated until it is again.
    patch: () => ({ reopen_count: sql`reopen_count + 1` as never, resolved_at: null, rating: null, rated_at: null, closed_at: null }),
    notice: (r) => ({ kind: 'reopened', orgIds: [...areaUnits(r), ...(r.handler_org_id ? [r.handler_org_id] : [])], title: `诉求 #${id} 被居民重启`, body: b.reason.trim() }),
  });
}

export function closeRequest(ctx: AuthedCtx, id: number, b: { reason: string } & V) {
  return transit(ctx, id, {
    action: 'close', expectVersion: b.version, note: b.reason.trim(),
    patch: (_r, now) => ({ closed_at: now }),
    notice: (r) => ({ kind: 'closed', userIds: r.reporter_user_id ? [r.reporter_user_id] : [], title: `诉求 #${id} 已关闭`, body: b.reason.trim() }),
  });
}

export async function mergeRequest(ctx: AuthedCtx, id: number, b: { intoId: number } & V) {
  if (b.intoId === id) throw errors.field('intoId', { zh: '不能合并到自身', en: 'cannot be the request itself' });
  const into = await repo.getVisible(ctx.deps.db, ctx.actor, isStaff(ctx.actor), b.intoId);
  if (!into || !into.status || into.status === 'merged' || into.status === 'closed') {
    throw errors.field('intoId', { zh: '目标诉求不存在、不可见或已结束', en: 'is not an open request you can see' });
  }
  return transit(ctx, id, {
    action: 'merge', expectVersion: b.version, targetOrgId: null, note: `#${b.intoId}`, detail: { intoId: b.intoId },
    patch: (_r, now) => ({ merged_into_id: b.intoId, closed_at: now }),
    notice: (r) => ({ kind: 'merged', userIds: r.reporter_user_id ? [r.reporter_user_id] : [], title: `诉求 #${id} 已并入 #${b.intoId} 一并处理`, body: '' }),
  });
}

/** 督办: the street (or district) presses the holder and every late summoned department. */
export function superviseRequest(ctx: AuthedCtx, id: number, b: { note?: string | null } & V) {
  let late: number[] = [];
  return transit(ctx, id, {
    action: 'supervise', expectVersion: b.version, note: trimmed(b.note),
    also: async (trx, _r, now) => {
      const rows = await trx.updateTable('request_summons').set({ supervised_at: now })
        .where('request_id', '=', id).where('reported_at', 'is', null).returning('org_id').execute();
      late = rows.map((x) => x.org_id);
    },
    notice: (r) => ({ kind: 'supervise', orgIds: [...(r.handler_org_id ? [r.handler_org_id] : []), ...late], title: `诉求 #${id} 被督办`, body: trimmed(b.note) ?? '请加快办理' }),
  });
}

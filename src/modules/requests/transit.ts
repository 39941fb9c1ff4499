import type { Transaction } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import type { DB, RequestStatus } from '../../db/schema.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { transition, type RequestAction } from './rules.js';
import { announceChange, deliver, notify, type Notice, type Outgoing } from './notify.js';
import { getRequest, loadVisible } from './service-view.js';

/**
 * The one way a request changes: lock the row, check the version the client saw, check
 * the workflow and the policy against the locked state, apply, record the timeline entry,
 * notify, publish to live boards, audit — one transaction. Two dispatchers acting at once
 * queue on the row lock; the second finds the status moved on and gets a 409.
 */
export interface Step {
  action: RequestAction;
  expectVersion?: number;
  note?: string | null;
  targetOrgId?: number | null;
  /** Changes beyond the status (the status comes from the workflow table). */
  patch?: (r: repo.LockedRequest, now: Date) => repo.RequestPatch;
  /** Extra writes inside the transaction (summons rows …), after the checks. */
  also?: (trx: Transaction<DB>, r: repo.LockedRequest, now: Date) => Promise<void>;
  /** Who hears about it. */
  notice?: (r: repo.LockedRequest, to: RequestStatus) => Omit<Notice, 'requestId'> | null;
  /** Extra policy check on the locked row (e.g. the merge target). */
  check?: (r: repo.LockedRequest) => void;
  detail?: Record<string, unknown>;
}

export const stale = () => errors.conflict('STALE_VERSION', {
  zh: '该诉求已被他人更新，请刷新后重试', en: 'Someone else updated this request; reload and try again',
});
export const wrongState = (status: RequestStatus) => errors.conflict('INVALID_TRANSITION', {
  zh: `该诉求当前状态（${STATUS_ZH[status]}）不允许此操作，可能已被他人处理`, en: `Not allowed while the request is ${status}; someone may have acted first`,
});
export const STATUS_ZH: Record<RequestStatus, string> = {
  submitted: '已提交', accepted: '已受理', dispatched: '已派单', inProgress: '处理中', resolved: '已办结', rated: '已评价',
  closed: '已关闭', returned: '已退回', reopened: '已重启', merged: '已合并',
};

export const targetOfLocked = (r: repo.LockedRequest): policy.RequestTarget => ({
  orgPath: r.org_path, handlerPath: r.handler_path, status: r.status, reporterUserId: r.reporter_user_id, rating: r.rating, reopenCount: r.reopen_count,
});

export async function transit(ctx: AuthedCtx, id: number, step: Step) {
  const seen = await loadVisible(ctx, id);
  // Someone who could never take this action is refused outright, whatever the status.
  const seenTarget = { orgPath: seen.org_path, handlerPath: seen.handler_path, status: seen.status, reporterUserId: seen.reporter_user_id, rating: seen.rating, reopenCount: seen.reopen_count };
  if (!policy.mayAct(ctx.actor, step.action, seenTarget) && transition(step.action, seen.status) !== null) throw errors.forbidden();
  let out: Outgoing[] = [];
  const change = await inTransaction(ctx, async (trx) => {
    const r = await repo.lockRequest(trx, id);
    if (!r) throw errors.notFound('request');
    if (step.expectVersion !== undefined && step.expectVersion !== r.version) throw stale();
    const to = transition(step.action, r.status);
    if (to === null) throw wrongState(r.status);
    if (!policy.mayAct(ctx.actor, step.action, targetOfLocked(r))) throw errors.forbidden();
    step.check?.(r);
    const now = new Date();
    await repo.updateRequest(trx, id, { status: to, ...(step.patch?.(r, now) ?? {}) });
    await step.also?.(trx, r, now);
    await repo.insertEvent(trx, {
      requestId: id, orgId: r.org_id, orgPath: r.org_path, action: step.action, fromStatus: r.status, toStatus: to,
      actorId: ctx.actor.userId, actorName: ctx.actor.displayName, actorOrgId: ctx.actor.orgId, targetOrgId: step.targetOrgId ?? null, note: step.note ?? null, at: now,
    });
    const n = step.notice?.(r, to);
    if (n) out = await notify(trx, { ...n, requestId: id }, ctx.actor.userId);
    const after = await trx.selectFrom('request').select(['handler_path']).where('id', '=', id).executeTakeFirstOrThrow();
    const summoned = await trx.selectFrom('request_summons').select('org_path').where('request_id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: `request.${step.action}`, entityType: 'request', entityId: id, orgPath: r.org_path,
      detail: { from: r.status, to, targetOrgId: step.targetOrgId ?? null, ...(step.detail ?? {}) },
    });
    return { id, status: to, orgPath: r.org_path, handlerPath: after.handler_path, summoned: summoned.map((s) => s.org_path), reporterUserId: r.reporter_user_id };
  });
  announceChange(ctx.deps, change);
  void deliver(ctx.deps, out);
  return getRequest(ctx, id);
}

/** The area's dispatchers: the request's own org and the community/street above it. */
export function areaUnits(r: { org_path: string }): number[] {
  return r.org_path.split('/').filter(Boolean).map(Number).slice(-2);
}

import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { systemCtx, type Deps, type RequestMeta } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import * as repo from './repo.js';
import { overdueLevel, transition, type RequestAction } from './rules.js';
import { announceChange, deliver, notify, type ChangeMessage, type Notice, type Outgoing } from './notify.js';
import { areaUnits } from './transit.js';

/**
 * The clock: what happens without anyone acting. Overdue requests are flagged (level 1:
 * the holder and the area's dispatchers are told) and escalated (level 2: the street and
 * district above are told); summoned departments that did not check in by their deadline
 * are marked late and supervised (督办) by the system; resolved requests nobody rated, and
 * unsatisfied ones nobody reopened, close after a week. Each request is its own
 * transaction, so a sweep can stop anywhere and the next one carries on.
 */
export const AUTO_CLOSE_DAYS = 7;

interface SystemStep {
  action: RequestAction; note: string;
  patch?: (r: repo.LockedRequest) => repo.RequestPatch;
  notice?: (r: repo.LockedRequest) => Omit<Notice, 'requestId'> | null;
  /** Re-checked on the locked row: false means someone changed it since it was picked. */
  still?: (r: repo.LockedRequest) => boolean;
  /** Extra writes in the same transaction; false abandons the step (nothing is written). */
  also?: (trx: Transaction<DB>) => Promise<boolean>;
}

async function systemStep(deps: Deps, id: number, step: SystemStep, meta?: RequestMeta): Promise<boolean> {
  const ctx = { ...systemCtx(deps, 'requests.clock'), ...(meta ? { meta } : {}) };
  let out: Outgoing[] = [];
  let change: ChangeMessage | null = null;
  const done = await inTransaction(ctx, async (trx) => {
    const r = await repo.lockRequest(trx, id);
    if (!r) return false;
    const to = transition(step.action, r.status);
    if (to === null || (step.still && !step.still(r))) return false;
    if (step.also && !(await step.also(trx))) return false;
    await repo.updateRequest(trx, id, { status: to, ...(step.patch?.(r) ?? {}) });
    await repo.insertEvent(trx, { requestId: id, orgId: r.org_id, orgPath: r.org_path, action: step.action, fromStatus: r.status, toStatus: to, actorId: null, actorName: null, actorOrgId: null, note: step.note });
    const n = step.notice?.(r);
    if (n) out = await notify(trx, { ...n, requestId: id }, null);
    change = { id, status: to, orgPath: r.org_path, handlerPath: r.handler_path, summoned: [], reporterUserId: r.reporter_user_id };
    await recordAudit(trx, ctx, { action: `request.${step.action}`, entityType: 'request', entityId: id, orgPath: r.org_path, detail: { from: r.status, to, by: 'system', note: step.note } });
    return true;
  });
  if (change) announceChange(deps, change);
  void deliver(deps, out);
  return done;
}

export function closeBySystem(deps: Deps, id: number, note: string, meta?: RequestMeta) {
  return systemStep(deps, id, { action: 'close', note, patch: () => ({ closed_at: new Date() }) }, meta);
}

const clock = (r: repo.LockedRequest) => ({
  status: r.status, overdueLevel: r.overdue_level, acceptDueAt: r.accept_due_at, respondDueAt: r.respond_due_at, resolveDueAt: r.resolve_due_at,
  escalateHours: r.escalate_hours, acceptedAt: r.accepted_at, respondedAt: r.responded_at,
});

/** Street and district above the request's area (its superiors). */
async function superiors(deps: Deps, path: string): Promise<number[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const rows = await deps.db.selectFrom('org').select(['id']).where('id', 'in', ids).where('level', 'in', ['street', 'district']).execute();
  return rows.map((r) => r.id);
}

export interface SweepResult { overdue: number; escalated: number; lateSummons: number; closed: number }

export async function sweep(deps: Deps, now = new Date(), batch = 500): Promise<SweepResult> {
  const res: SweepResult = { overdue: 0, escalated: 0, lateSummons: 0, closed: 0 };
  const candidates = await deps.db.selectFrom('request').selectAll().where('is_open', '=', true).where('overdue_level', '<', 2)
    .where('status', 'not in', ['resolved', 'rated'])
    .where((w) => w.or([
      w.and([w('status', '=', 'submitted'), w('accept_due_at', '<', now)]),
      w.and([w('responded_at', 'is', null), w('respond_due_at', '<', now)]),
      w('resolve_due_at', '<', now),
    ])).orderBy('id').limit(batch).execute();
  for (const c of candidates) {
    const level = overdueLevel(clock(c), now);
    if (level <= c.overdue_level) continue;
    const up = await superiors(deps, c.org_path);
    const ok = await systemStep(deps, c.id, {
      action: level === 2 ? 'escalate' : 'overdue', note: level === 2 ? '超期未办结，已升级上报' : '已超期',
      still: (r) => overdueLevel(clock(r), now) > r.overdue_level,
      patch: (r) => ({ overdue_level: overdueLevel(clock(r), now), ever_overdue: true }),
      notice: (r) => level === 2
        ? { kind: 'escalated', orgIds: up, title: `诉求 #${r.id} 超期升级`, body: '请督办' }
        : { kind: 'overdue', orgIds: [...areaUnits(r), ...(r.handler_org_id ? [r.handler_org_id] : [])], title: `诉求 #${r.id} 已超期`, body: '请尽快办理' },
    });
    if (ok) res[level === 2 ? 'escalated' : 'overdue']++;
  }
  const late = await deps.db.selectFrom('request_summons as s').innerJoin('request as r', 'r.id', 's.request_id')
    .select(['s.id', 's.request_id', 's.org_id', 'r.org_path']).where('s.late', '=', false).where('s.checked_in_at', 'is', null)
    .where('s.due_at', '<', now).where('r.is_open', '=', true).orderBy('s.id').limit(batch).execute();
  for (const s of late) {
    const up = await superiors(deps, s.org_path);
    const ok = await systemStep(deps, s.request_id, {
      action: 'supervise', note: '吹哨后未按时报到，系统督办',
      also: async (trx) => (await trx.updateTable('request_summons').set({ late: true, supervised_at: now })
        .where('id', '=', s.id).where('late', '=', false).where('checked_in_at', 'is', null).executeTakeFirst()).numUpdatedRows > 0n,
      notice: (r) => ({ kind: 'supervise', orgIds: [s.org_id, ...up], title: `诉求 #${r.id}：部门未按时报到`, body: '请督办' }),
    });
    if (ok) res.lateSummons++;
  }
  const cutoff = new Date(now.getTime() - AUTO_CLOSE_DAYS * 86400_000);
  const stale = await deps.db.selectFrom('request').select('id').where('is_open', '=', true)
    .where((w) => w.or([w.and([w('status', '=', 'resolved'), w('resolved_at', '<', cutoff)]), w.and([w('status', '=', 'rated'), w('rated_at', '<', cutoff)])]))
    .orderBy('id').limit(batch).execute();
  for (const s of stale) if (await closeBySystem(deps, s.id, `${AUTO_CLOSE_DAYS} 天内未评价或未重启，自动关闭`)) res.closed++;
  return res;
}

/** Starts the periodic sweep for a serving instance; the returned function stops it. */
export function startSweeper(deps: Deps, seconds: number, onError: (e: unknown) => void): () => void {
  if (seconds <= 0) return () => {};
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    // Several instances may sweep at once: every step re-checks its row under a lock.
    sweep(deps).catch(onError).finally(() => { running = false; });
  }, seconds * 1000);
  t.unref();
  return () => clearInterval(t);
}

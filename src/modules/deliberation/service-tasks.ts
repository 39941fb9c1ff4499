import type { AuthedCtx } from '../../core/context.js';
import type { Outcome, OwnerKind, TaskStatus } from '../../db/schema-deliberation.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import * as repo from './repo-topics.js';
import * as policy from './policy.js';
import { listRoot, msg, trimOrNull } from './common.js';
import { presentDecision, presentTask, presentUpdate } from './present.js';
import { checkPhotos, loadTopic } from './service-topics.js';

/** Decisions (议定事项) and their follow-up tasks: owners, deadlines, progress, overdue. */

export function presentDecisionRow(d: repo.DecisionListRow) {
  return { ...presentDecision(d), orgId: d.org_id, orgName: d.org_name, topicTitle: d.topic_title, topicField: d.topic_field, tasks: d.tasks, tasksDone: d.tasks_done };
}
export async function decisionFilter(ctx: AuthedCtx, q: { orgId?: number; outcome?: Outcome; q?: string }): Promise<repo.DecisionFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  return { orgPath: await listRoot(ctx, q.orgId), outcome: q.outcome, q: q.q?.trim() || undefined };
}
export async function listDecisions(ctx: AuthedCtx, q: { orgId?: number; outcome?: Outcome; q?: string }, page: PageQuery) {
  const f = await decisionFilter(ctx, q);
  const rows = await repo.decisionsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map(presentDecisionRow), total: await pageTotal(rows, page, () => repo.countDecisions(ctx.deps.db, ctx.actor, f)) };
}

export interface TaskListQuery { orgId?: number; status?: TaskStatus; overdue?: boolean; ownerKind?: OwnerKind; topicId?: number; q?: string }
export async function taskFilter(ctx: AuthedCtx, q: TaskListQuery): Promise<repo.TaskFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  return { orgPath: await listRoot(ctx, q.orgId), status: q.status, overdue: q.overdue, today: policy.chinaToday(), ownerKind: q.ownerKind, topicId: q.topicId, q: q.q?.trim() || undefined };
}
export async function listTasks(ctx: AuthedCtx, q: TaskListQuery, page: PageQuery) {
  const f = await taskFilter(ctx, q);
  const rows = await repo.tasksPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentTask(ctx, r, f.today)), total: await pageTotal(rows, page, () => repo.countTasks(ctx.deps.db, ctx.actor, f)) };
}
export async function taskSummary(ctx: AuthedCtx, q: { orgId?: number }) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  return repo.taskSummary(ctx.deps.db, ctx.actor, await listRoot(ctx, q.orgId), policy.chinaToday());
}

/** Staff in scope, or the account named as the task's owner. */
async function loadTask(ctx: AuthedCtx, id: number) {
  const k = await repo.getTask(ctx.deps.db, id);
  if (!k || !(policy.canReadAt(ctx.actor, k.org_path) || k.owner_user_id === ctx.actor.userId)) throw errors.notFound('task');
  return k;
}
export async function getTask(ctx: AuthedCtx, id: number) {
  const k = await loadTask(ctx, id);
  return { task: presentTask(ctx, k), updates: (await repo.updatesOf(ctx.deps.db, [id])).map((u) => presentUpdate(k.topic_id, u)) };
}

export interface CreateTaskInput { title: string; description?: string | null; ownerKind: OwnerKind; ownerName: string; ownerUserId?: number | null; dueOn: string }

/** A task of an adopted decision; the first one moves the topic into implementation. */
export async function createTask(ctx: AuthedCtx, topicId: number, input: CreateTaskInput) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const t = await loadTopic(ctx, topicId);
  if (!policy.canManageAt(ctx.actor, t.org_path)) throw errors.notFound('topic');
  if (input.dueOn < policy.chinaToday()) throw errors.field('dueOn', msg('不能早于今天', 'cannot be in the past'));
  if (input.ownerUserId) {
    const u = await repo.accountInScope(ctx.deps.db, ctx.actor, input.ownerUserId);
    if (!u || u.status !== 'active' || !pathInScope({ orgPath: t.org_path }, u.org_path)) throw errors.field('ownerUserId', msg('账号不存在或不属于该社区', 'is not an active account of this community'));
  }
  const id = await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockTopic(trx, topicId);
    if (!locked || (locked.status !== 'adopted' && locked.status !== 'implementing')) {
      throw errors.conflict('TOPIC_NOT_ADOPTED', msg('只有已通过的议定事项才能分解为任务', 'only an adopted decision becomes tasks'));
    }
    const d = await repo.decisionOf(trx, topicId);
    if (!d) throw errors.conflict('TOPIC_NOT_ADOPTED', msg('只有已通过的议定事项才能分解为任务', 'only an adopted decision becomes tasks'));
    const id = await repo.insertTask(trx, d, {
      title: input.title.trim(), description: trimOrNull(input.description) ?? null, owner_kind: input.ownerKind, owner_name: input.ownerName.trim(),
      owner_user_id: input.ownerUserId ?? null, due_on: input.dueOn, created_by: ctx.actor.userId,
    });
    if (locked.status === 'adopted') await repo.updateTopic(trx, topicId, { status: 'implementing' });
    await repo.insertEvent(trx, t, ctx.actor, {
      kind: 'task', from: locked.status === 'adopted' ? 'adopted' : null, to: locked.status === 'adopted' ? 'implementing' : null,
      note: input.title.trim(), data: { taskId: id, ownerName: input.ownerName.trim(), dueOn: input.dueOn },
    });
    await recordAudit(trx, ctx, { action: 'task.create', entityType: 'task', entityId: id, orgPath: t.org_path, detail: { topicId, ownerKind: input.ownerKind, dueOn: input.dueOn } });
    return id;
  });
  return getTask(ctx, id);
}

/** After a task is done or cancelled: when none is open and one is done, the topic is done. */
async function settleTopic(trx: Parameters<typeof repo.taskStatuses>[0], ctx: AuthedCtx, k: repo.TaskRow) {
  const statuses = await repo.taskStatuses(trx, k.topic_id);
  if (!policy.topicDoneWhen(statuses)) return;
  const t = await repo.lockTopic(trx, k.topic_id);
  if (!t || !policy.allowedFrom('complete', t.status)) return;
  await repo.updateTopic(trx, k.topic_id, { status: 'done' });
  await repo.insertEvent(trx, { id: k.topic_id, org_id: k.org_id, org_path: k.org_path }, ctx.actor, { kind: 'done', from: t.status, to: 'done' });
}

export async function reportProgress(ctx: AuthedCtx, id: number, input: { note: string; progress: number; photoIds?: number[] }) {
  const k = await loadTask(ctx, id);
  if (!presentTask(ctx, k).actions.includes('progress')) {
    if (k.status !== 'open') throw errors.conflict('TASK_NOT_OPEN', msg('任务已完成或已取消', 'the task is done or cancelled'));
    throw errors.forbidden();
  }
  const photos = await checkPhotos(ctx, input.photoIds);
  await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockTask(trx, id);
    if (!locked || locked.status !== 'open') throw errors.conflict('TASK_NOT_OPEN', msg('任务已完成或已取消', 'the task is done or cancelled'));
    const step = policy.nextProgress(locked.progress, input.progress);
    if (!step.ok) throw errors.field('progress', msg(`不能低于当前进度 ${locked.progress}%`, `cannot go below the current ${locked.progress}%`));
    await repo.insertTaskUpdate(trx, k, ctx.actor, input.note.trim(), input.progress, photos);
    await repo.updateTask(trx, id, { progress: input.progress, ...(step.done ? { status: 'done', done_at: new Date() } : {}) });
    await repo.insertEvent(trx, { id: k.topic_id, org_id: k.org_id, org_path: k.org_path }, ctx.actor, {
      kind: step.done ? 'taskDone' : 'progress', note: input.note.trim(), data: { taskId: id, taskTitle: k.title, progress: input.progress },
    });
    if (step.done) await settleTopic(trx, ctx, k);
    await recordAudit(trx, ctx, { action: 'task.progress', entityType: 'task', entityId: id, orgPath: k.org_path, detail: { progress: input.progress, done: step.done } });
  });
  return getTask(ctx, id);
}

export async function updateTask(ctx: AuthedCtx, id: number, input: {
  title?: string; description?: string | null; ownerKind?: OwnerKind; ownerName?: string; dueOn?: string; status?: 'cancelled'; reason?: string;
}) {
  const k = await loadTask(ctx, id);
  if (!policy.canManageAt(ctx.actor, k.org_path)) throw errors.forbidden();
  if (input.status === 'cancelled' && !input.reason?.trim()) throw errors.field('reason', msg('取消任务须说明理由', 'is required to cancel a task'));
  if (input.dueOn && input.dueOn < policy.chinaToday()) throw errors.field('dueOn', msg('不能早于今天', 'cannot be in the past'));
  await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockTask(trx, id);
    if (!locked || locked.status !== 'open') throw errors.conflict('TASK_NOT_OPEN', msg('任务已完成或已取消', 'the task is done or cancelled'));
    await repo.updateTask(trx, id, {
      title: input.title?.trim(), description: trimOrNull(input.description), owner_kind: input.ownerKind, owner_name: input.ownerName?.trim(), due_on: input.dueOn, status: input.status,
    });
    if (input.status === 'cancelled' || input.dueOn || input.ownerName) {
      await repo.insertEvent(trx, { id: k.topic_id, org_id: k.org_id, org_path: k.org_path }, ctx.actor, {
        kind: input.status === 'cancelled' ? 'taskCancelled' : 'taskChanged', note: input.reason?.trim() ?? null,
        data: { taskId: id, taskTitle: k.title, dueOn: input.dueOn, ownerName: input.ownerName?.trim() },
      });
    }
    if (input.status === 'cancelled') await settleTopic(trx, ctx, k);
    await recordAudit(trx, ctx, { action: input.status === 'cancelled' ? 'task.cancel' : 'task.update', entityType: 'task', entityId: id, orgPath: k.org_path, detail: { changed: Object.keys(input) } });
  });
  return getTask(ctx, id);
}

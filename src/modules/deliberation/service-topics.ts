import type { AuthedCtx } from '../../core/context.js';
import type { TopicField, TopicKind, TopicSource, TopicStatus } from '../../db/schema-deliberation.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-topics.js';
import * as policy from './policy.js';
import { listRoot, msg, orgField } from './common.js';
import { photoUrl, presentDecision, presentTask, presentUpdate } from './present.js';
import { attachmentData, ownAttachments } from '../gridwork/service-attachments.js';
import { consultationsOfTopic, meetingsOfTopic } from './repo-bodies.js';

/** Topics and wishes (议题、微心愿): raising, sorting, merging, declining, decisions by hand, and the raiser's view. */

export function presentTopic(ctx: AuthedCtx, t: repo.TopicRow) {
  return {
    id: t.id, orgId: t.org_id, orgName: t.org_name, kind: t.kind, title: t.title, description: t.description, field: t.field, source: t.source,
    raiserName: t.raiser_name, mine: t.raiser_user_id === ctx.actor.userId, status: t.status, reason: t.reason,
    mergedInto: t.merged_into_id ? { id: t.merged_into_id, title: t.merged_into_title ?? '' } : null,
    bodyId: t.body_id, voteId: t.vote_id, photos: t.photo_ids.map((p) => photoUrl(t.id, p)), createdAt: t.created_at.toISOString(), updatedAt: t.updated_at.toISOString(),
    actions: policy.topicActions(ctx.actor, { orgPath: t.org_path, status: t.status, raiserUserId: t.raiser_user_id }),
  };
}

export interface TopicListQuery { orgId?: number; field?: TopicField; status?: TopicStatus; kind?: TopicKind; q?: string }
export async function topicFilter(ctx: AuthedCtx, q: TopicListQuery): Promise<repo.TopicFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  return { orgPath: await listRoot(ctx, q.orgId), field: q.field, status: q.status, kind: q.kind, q: q.q?.trim() || undefined };
}
export async function listTopics(ctx: AuthedCtx, q: TopicListQuery, page: PageQuery) {
  const f = await topicFilter(ctx, q);
  const rows = await repo.topicsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentTopic(ctx, r)), total: await pageTotal(rows, page, () => repo.countTopics(ctx.deps.db, ctx.actor, f)) };
}

/** The topics the caller raised, in any status (事事有回音). */
export async function myTopics(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.canRaise(ctx.actor)) throw errors.forbidden();
  const f: repo.TopicFilter = { orgPath: '/', raiser: ctx.actor.userId };
  const rows = await repo.topicsPage(ctx.deps.db, null, f, page);
  return { items: rows.map((r) => presentTopic(ctx, r)), total: await pageTotal(rows, page, () => repo.countTopics(ctx.deps.db, null, f)) };
}

/** The public topics of the community the resident lives in. */
export async function communityTopics(ctx: AuthedCtx, q: { field?: TopicField; q?: string }, page: PageQuery) {
  if (!policy.isSelf(ctx.actor)) throw errors.forbidden();
  const f: repo.TopicFilter = { orgPath: '/', publicFor: ctx.actor.orgPath, field: q.field, q: q.q?.trim() || undefined };
  const rows = await repo.topicsPage(ctx.deps.db, null, f, page);
  return { items: rows.map((r) => presentTopic(ctx, r)), total: await pageTotal(rows, page, () => repo.countTopics(ctx.deps.db, null, f)) };
}

/** The topic if the caller may see it: staff in scope, its raiser, the community (public statuses), or the raiser of a topic merged into it. */
export async function loadTopic(ctx: AuthedCtx, id: number, field?: string) {
  const t = await repo.getTopic(ctx.deps.db, id);
  const visible = t && (policy.seesTopic(ctx.actor, { orgPath: t.org_path, status: t.status, raiserUserId: t.raiser_user_id })
    || (policy.canRaise(ctx.actor) && await repo.raisedMergedInto(ctx.deps.db, id, ctx.actor.userId)));
  if (!t || !visible) {
    if (field) throw errors.field(field, msg('议题不存在或无权访问', 'is not a topic you can see'));
    throw errors.notFound('topic');
  }
  return t;
}
async function managedTopic(ctx: AuthedCtx, id: number) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const t = await loadTopic(ctx, id);
  if (!policy.canManageAt(ctx.actor, t.org_path)) throw errors.notFound('topic');
  return t;
}

export async function getTopicDetail(ctx: AuthedCtx, id: number) {
  const t = await loadTopic(ctx, id);
  const db = ctx.deps.db;
  const [events, decision, tasks, consultations, meetings, merged] = await Promise.all([
    repo.eventsOf(db, id), repo.decisionOf(db, id), repo.tasksOfTopic(db, id), consultationsOfTopic(db, id), meetingsOfTopic(db, id), repo.mergedInto(db, id),
  ]);
  const updates = await repo.updatesOf(db, tasks.map((k) => k.id));
  return {
    topic: presentTopic(ctx, t),
    events: events.map((e) => ({
      id: e.id, kind: e.kind, fromStatus: e.from_status, toStatus: e.to_status, note: e.note, actorName: e.actor_name, data: e.data ?? null, createdAt: e.created_at.toISOString(),
    })),
    decision: decision ? presentDecision(decision) : null,
    tasks: tasks.map((k) => ({ task: presentTask(ctx, k), updates: updates.filter((u) => u.task_id === k.id).map((u) => presentUpdate(id, u)) })),
    consultations: consultations.map((c) => ({ id: c.id, title: c.title, mode: c.mode, status: c.status })),
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, startsAt: m.starts_at.toISOString(), status: m.status })),
    mergedHere: merged.map((m) => ({ id: m.id, title: m.title })),
  };
}

export interface RaiseInput { orgId?: number; kind?: TopicKind; title: string; description: string; field: TopicField; source?: TopicSource; raiserName?: string; photoIds?: number[] }

/** Photos attached to a record: images the actor uploaded (POST /attachments), each once. */
export async function checkPhotos(ctx: AuthedCtx, ids: number[] | undefined) {
  if (!ids?.length) return [];
  const own = await ownAttachments(ctx, ids);
  const bad = ids.find((x) => !own.has(x));
  if (bad !== undefined) throw errors.field('photoIds', msg(`图片 ${bad} 不存在或不是您上传的`, `${bad} is not an image you uploaded`));
  return ids;
}

/** A photo of a topic (or of its tasks' progress), for whoever may see the topic. */
export async function topicPhoto(ctx: AuthedCtx, topicId: number, photoId: number) {
  await loadTopic(ctx, topicId);
  if (!(await repo.photoOfTopic(ctx.deps.db, topicId, photoId))) throw errors.notFound('attachment');
  return attachmentData(ctx, photoId);
}

/**
 * Raising: a resident or grid worker raises in the community they belong to, under their own
 * name; a worker with deliberation.manage records one on behalf of a partner unit or a
 * representative (source + raiser name) in a community of their scope.
 */
export async function raiseTopic(ctx: AuthedCtx, input: RaiseInput) {
  if (!policy.canRaise(ctx.actor)) throw errors.forbidden();
  const onBehalf = input.source !== undefined && input.source !== 'resident' && input.source !== 'gridWorker';
  let org: { id: number; path: string };
  let source: TopicSource;
  let raiserName = ctx.actor.displayName;
  let raiserUserId: number | null = ctx.actor.userId;
  if (onBehalf || (input.orgId !== undefined && policy.canManage(ctx.actor))) {
    if (!policy.canManage(ctx.actor)) throw errors.field('source', msg('只有社区工作人员可以代为登记', 'only workers record topics on behalf of others'));
    if (input.orgId === undefined) throw errors.field('orgId', msg('代为登记须指定社区', 'is required when recording on behalf of others'));
    org = await orgField(ctx, input.orgId, ['community']);
    source = input.source ?? 'worker';
    if (source !== 'worker') {
      if (!input.raiserName?.trim()) throw errors.field('raiserName', msg('请填写提出人（单位或代表姓名）', 'is required when recording on behalf of others'));
      raiserName = input.raiserName.trim();
      raiserUserId = null;
    }
  } else {
    const c = await repo.communityOn(ctx.deps.db, ctx.actor.orgPath);
    if (!c) throw errors.field('orgId', msg('您的账号不属于任何社区，无法提出议题', 'your account belongs to no community'));
    if (input.orgId !== undefined && input.orgId !== c.id) throw errors.field('orgId', msg('只能在本社区提出议题', 'must be your own community'));
    if (input.raiserName !== undefined) throw errors.field('raiserName', msg('以本人名义提出时不能填写', 'is only for topics recorded on behalf of others'));
    org = c;
    source = policy.canManage(ctx.actor) ? 'worker' : policy.isSelf(ctx.actor) ? 'resident' : 'gridWorker';
    if (input.source && input.source !== source) throw errors.field('source', msg(`应为 ${source}`, `must be ${source}`));
  }
  const photos = await checkPhotos(ctx, input.photoIds);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertTopic(trx, org, {
      kind: input.kind ?? 'topic', title: input.title.trim(), description: input.description.trim(), field: input.field, source,
      raiser_user_id: raiserUserId, raiser_name: raiserName, created_by: ctx.actor.userId, photo_ids: photos,
    });
    await repo.insertEvent(trx, { id, org_id: org.id, org_path: org.path }, ctx.actor, { kind: 'raised', to: 'raised', data: { source, raiserName } });
    await recordAudit(trx, ctx, { action: 'topic.raise', entityType: 'topic', entityId: id, orgPath: org.path, detail: { kind: input.kind ?? 'topic', field: input.field, source } });
    return id;
  });
  return getTopicDetail(ctx, id);
}

/** 分类: correct the field, kind or title while the topic is open. */
export async function sortTopic(ctx: AuthedCtx, id: number, input: { field?: TopicField; kind?: TopicKind; title?: string; note?: string }) {
  const t = await managedTopic(ctx, id);
  await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockTopic(trx, id);
    if (!locked || !policy.canSort(locked.status)) throw errors.conflict('TOPIC_NOT_OPEN', msg('议题已进入表决或办结，不能再分类', 'the topic is no longer open for sorting'));
    await repo.updateTopic(trx, id, { field: input.field, kind: input.kind, title: input.title?.trim() });
    await repo.insertEvent(trx, t, ctx.actor, {
      kind: 'sorted', note: input.note?.trim() ?? null,
      data: { field: input.field ? { from: t.field, to: input.field } : undefined, kind: input.kind ? { from: t.kind, to: input.kind } : undefined, title: input.title ? true : undefined },
    });
    await recordAudit(trx, ctx, { action: 'topic.sort', entityType: 'topic', entityId: id, orgPath: t.org_path, detail: { changed: Object.keys(input) } });
  });
  return getTopicDetail(ctx, id);
}

const refused = (action: string, status: TopicStatus) =>
  errors.conflict('TOPIC_STATUS', msg(`议题当前状态（${status}）不能执行“${action}”`, `a topic that is ${status} cannot be given "${action}"`));

/** accept (with an optional field), deliberate, decline (reason), close (reason). */
export async function transitTopic(ctx: AuthedCtx, id: number, input: { action: 'accept' | 'deliberate' | 'decline' | 'close'; reason?: string; field?: TopicField }) {
  const t = await managedTopic(ctx, id);
  const reason = input.reason?.trim() || null;
  if (policy.NEEDS_REASON.includes(input.action) && !reason) throw errors.field('reason', msg('须说明理由，提出人可以看到', 'is required; the raiser sees it'));
  if (input.field && input.action !== 'accept') throw errors.field('field', msg('只能在受理时调整领域', 'may only be set when accepting'));
  const to = policy.targetOf(input.action)!;
  await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockTopic(trx, id);
    if (!locked || !policy.allowedFrom(input.action, locked.status)) throw refused(input.action, locked?.status ?? t.status);
    await repo.updateTopic(trx, id, { status: to, field: input.field, ...(policy.NEEDS_REASON.includes(input.action) ? { reason } : {}) });
    await repo.insertEvent(trx, t, ctx.actor, { kind: input.action, from: locked.status, to, note: reason, data: input.field ? { field: input.field } : undefined });
    await recordAudit(trx, ctx, { action: `topic.${input.action}`, entityType: 'topic', entityId: id, orgPath: t.org_path, detail: { from: locked.status, to, reason } });
  });
  return getTopicDetail(ctx, id);
}

/** 合并: the duplicate points to the kept topic; its raiser sees where it went and why. */
export async function mergeTopic(ctx: AuthedCtx, id: number, input: { intoId: number; reason: string }) {
  const t = await managedTopic(ctx, id);
  if (input.intoId === id) throw errors.field('intoId', msg('不能合并到自身', 'cannot be the topic itself'));
  const into = await repo.getTopic(ctx.deps.db, input.intoId);
  if (!into || !policy.canManageAt(ctx.actor, into.org_path)) throw errors.field('intoId', msg('议题不存在或无权访问', 'is not a topic you manage'));
  if (into.org_id !== t.org_id) throw errors.field('intoId', msg('只能合并到同一社区的议题', 'must be a topic of the same community'));
  const reason = input.reason.trim();
  await inTransaction(ctx, async (trx) => {
    // Both rows locked in id order, so two opposite merges cannot deadlock or cross.
    const [a, b] = id < into.id ? [id, into.id] : [into.id, id];
    const first = await repo.lockTopic(trx, a);
    const second = await repo.lockTopic(trx, b);
    const self = a === id ? first! : second!;
    const target = a === id ? second! : first!;
    if (!policy.allowedFrom('merge', self.status)) throw refused('merge', self.status);
    if (!policy.canBeMergeTarget(target.status)) throw errors.field('intoId', msg('目标议题已合并、不予受理或已关闭', 'is merged, declined or closed'));
    await repo.updateTopic(trx, id, { status: 'merged', merged_into_id: into.id, reason });
    await repo.insertEvent(trx, t, ctx.actor, { kind: 'merge', from: self.status, to: 'merged', note: reason, data: { intoId: into.id, intoTitle: into.title } });
    await repo.insertEvent(trx, into, ctx.actor, { kind: 'mergedHere', note: reason, data: { fromId: id, fromTitle: t.title } });
    await recordAudit(trx, ctx, { action: 'topic.merge', entityType: 'topic', entityId: id, orgPath: t.org_path, detail: { intoId: into.id, reason } });
  });
  return getTopicDetail(ctx, id);
}

/** A decision recorded by hand (a meeting decided it): adopted or rejected, with a summary. */
export async function decideTopic(ctx: AuthedCtx, id: number, input: { outcome: 'adopted' | 'rejected'; summary: string }) {
  const t = await managedTopic(ctx, id);
  await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockTopic(trx, id);
    if (!locked || !policy.allowedFrom('decide', locked.status)) throw refused('decide', locked?.status ?? t.status);
    await repo.insertDecision(trx, t, {
      outcome: input.outcome, vote_id: null, eligible: null, cast_count: null, quorum_met: null, counts: null, summary: input.summary.trim(), decided_by: ctx.actor.userId,
    });
    await repo.updateTopic(trx, id, { status: input.outcome });
    await repo.insertEvent(trx, t, ctx.actor, { kind: 'decided', from: locked.status, to: input.outcome, note: input.summary.trim() });
    await recordAudit(trx, ctx, { action: 'topic.decide', entityType: 'topic', entityId: id, orgPath: t.org_path, detail: { outcome: input.outcome } });
  });
  return getTopicDetail(ctx, id);
}

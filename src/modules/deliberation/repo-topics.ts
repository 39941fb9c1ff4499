import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Outcome, OwnerKind, TaskStatus, TopicField, TopicKind, TopicSource, TopicStatus } from '../../db/schema-deliberation.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import { PUBLIC_STATUSES } from './policy.js';

/** SQL of topics and wishes, their history, decisions and follow-up tasks. */
export type Q = Database | Transaction<DB>;

for (const [table, zh, en] of [
  ['delib_topic', '议题', 'topics'], ['delib_topic_event', '议题记录', 'topic history'], ['delib_decision', '议定事项', 'decisions'],
  ['delib_task', '落实任务', 'follow-up tasks'], ['delib_task_update', '任务进展', 'task progress'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The community on an org's path (the org itself, or the community above a grid). */
export function communityOn(db: Q, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  return db.selectFrom('org').select(['id', 'path', 'name']).where('id', 'in', ids).where('level', '=', 'community').executeTakeFirst();
}

// ── Topics ──
const topicCols = ['t.id', 't.org_id', 't.org_path', 'o.name as org_name', 't.kind', 't.title', 't.description', 't.field', 't.source', 't.raiser_user_id',
  't.raiser_name', 't.status', 't.merged_into_id', 'm.title as merged_into_title', 't.reason', 't.body_id', 't.vote_id', 't.photo_ids', 't.created_at', 't.updated_at'] as const;

export interface TopicFilter {
  orgPath: string; field?: TopicField; status?: TopicStatus; kind?: TopicKind; q?: string;
  /** Residents: only the public statuses of the community their org lies in. */
  publicFor?: string; raiser?: number;
}

function topicsBase(db: Q) {
  return db.selectFrom('delib_topic as t').innerJoin('org as o', 'o.id', 't.org_id').leftJoin('delib_topic as m', 'm.id', 't.merged_into_id');
}
function topicsWhere(db: Q, actor: Actor | null, f: TopicFilter) {
  let qb = topicsBase(db);
  if (actor) qb = qb.where(inScope(actor, 't.org_path')).where(inScope({ orgPath: f.orgPath }, 't.org_path'));
  if (f.publicFor) qb = qb.where(sql<SqlBool>`${f.publicFor} LIKE t.org_path || '%'`).where('t.status', 'in', [...PUBLIC_STATUSES]);
  if (f.raiser) qb = qb.where('t.raiser_user_id', '=', f.raiser);
  if (f.field) qb = qb.where('t.field', '=', f.field);
  if (f.status) qb = qb.where('t.status', '=', f.status);
  if (f.kind) qb = qb.where('t.kind', '=', f.kind);
  if (f.q) qb = qb.where((eb) => eb.or([eb('t.title', 'ilike', likePattern(f.q!)), eb('t.raiser_name', 'ilike', likePattern(f.q!))]));
  return qb;
}
/** `actor` null: the filter itself bounds the rows (a resident's own or community topics). */
export function topicsPage(db: Q, actor: Actor | null, f: TopicFilter, page: PageQuery) {
  return topicsWhere(db, actor, f).select(topicCols).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('t.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countTopics(db: Q, actor: Actor | null, f: TopicFilter) {
  return (await topicsWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function topicsBatch(db: Q, actor: Actor, f: TopicFilter, afterId: number | null, limit: number) {
  let qb = topicsWhere(db, actor, f).select(topicCols);
  if (afterId !== null) qb = qb.where('t.id', '<', afterId);
  return qb.orderBy('t.id', 'desc').limit(limit).execute();
}
/** No scope here: the service decides who sees the topic (staff by scope, the raiser, the community). */
export function getTopic(db: Q, id: number) {
  return topicsBase(db).select(topicCols).where('t.id', '=', id).executeTakeFirst();
}
export type TopicRow = NonNullable<Awaited<ReturnType<typeof getTopic>>>;
export function lockTopic(trx: Q, id: number) {
  return trx.selectFrom('delib_topic').select(['id', 'status', 'org_path', 'vote_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function insertTopic(trx: Q, org: { id: number; path: string }, v: {
  kind: TopicKind; title: string; description: string; field: TopicField; source: TopicSource; raiser_user_id: number | null; raiser_name: string; created_by: number;
  photo_ids: number[];
}) {
  return (await trx.insertInto('delib_topic').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateTopic(trx: Q, id: number, v: {
  status?: TopicStatus; field?: TopicField; kind?: TopicKind; title?: string; reason?: string | null; merged_into_id?: number | null; body_id?: number | null; vote_id?: number | null;
}) {
  await trx.updateTable('delib_topic').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
/** Topics merged into this one (their raisers see where their matter went). */
export function mergedInto(db: Q, id: number) {
  return db.selectFrom('delib_topic').select(['id', 'title', 'raiser_user_id']).where('merged_into_id', '=', id).orderBy('id').execute();
}
/** Whether the user raised a topic that was merged into this one. */
export async function raisedMergedInto(db: Q, id: number, userId: number) {
  return !!(await db.selectFrom('delib_topic').select('id').where('merged_into_id', '=', id).where('raiser_user_id', '=', userId).executeTakeFirst());
}
export function topicByVote(db: Q, voteId: number) {
  return db.selectFrom('delib_topic').select(['id', 'status', 'org_id', 'org_path']).where('vote_id', '=', voteId).forUpdate().executeTakeFirst();
}

// ── History ──
export async function insertEvent(trx: Q, t: { id: number; org_id: number; org_path: string }, actor: Actor | null, e: {
  kind: string; from?: TopicStatus | null; to?: TopicStatus | null; note?: string | null; data?: unknown;
}) {
  await trx.insertInto('delib_topic_event').values({
    topic_id: t.id, org_id: t.org_id, org_path: t.org_path, kind: e.kind, from_status: e.from ?? null, to_status: e.to ?? null, note: e.note ?? null,
    data: e.data === undefined ? null : JSON.stringify(e.data), actor_id: actor?.userId ?? null, actor_name: actor?.displayName ?? null,
  }).execute();
}
export function eventsOf(db: Q, topicId: number) {
  return db.selectFrom('delib_topic_event').select(['id', 'kind', 'from_status', 'to_status', 'note', 'data', 'actor_name', 'created_at'])
    .where('topic_id', '=', topicId).orderBy('id').execute();
}

// ── Decisions ──
const decisionCols = ['d.id', 'd.topic_id', 'd.org_id', 'd.org_path', 'd.outcome', 'd.vote_id', 'd.eligible', 'd.cast_count', 'd.quorum_met', 'd.counts', 'd.summary', 'd.decided_at'] as const;
export function decisionOf(db: Q, topicId: number) {
  return db.selectFrom('delib_decision as d').select(decisionCols).where('d.topic_id', '=', topicId).executeTakeFirst();
}
export type DecisionRecord = NonNullable<Awaited<ReturnType<typeof decisionOf>>>;
export async function insertDecision(trx: Q, t: { id: number; org_id: number; org_path: string }, v: {
  outcome: Outcome; vote_id: number | null; eligible: number | null; cast_count: number | null; quorum_met: boolean | null; counts: Record<string, number> | null;
  summary: string | null; decided_by: number | null;
}) {
  return (await trx.insertInto('delib_decision').values({
    topic_id: t.id, org_id: t.org_id, org_path: t.org_path, ...v, counts: v.counts ? JSON.stringify(v.counts) : null,
  }).returning('id').executeTakeFirstOrThrow()).id;
}
export interface DecisionFilter { orgPath: string; outcome?: Outcome; q?: string }
function decisionsWhere(db: Q, actor: Actor, f: DecisionFilter) {
  let qb = db.selectFrom('delib_decision as d').innerJoin('delib_topic as t', 't.id', 'd.topic_id').innerJoin('org as o', 'o.id', 'd.org_id')
    .where(inScope(actor, 'd.org_path')).where(inScope({ orgPath: f.orgPath }, 'd.org_path'));
  if (f.outcome) qb = qb.where('d.outcome', '=', f.outcome);
  if (f.q) qb = qb.where('t.title', 'ilike', likePattern(f.q));
  return qb;
}
const taskCounts = [
  sql<number>`(SELECT count(*)::int FROM delib_task k WHERE k.decision_id = d.id AND k.status <> 'cancelled')`.as('tasks'),
  sql<number>`(SELECT count(*)::int FROM delib_task k WHERE k.decision_id = d.id AND k.status = 'done')`.as('tasks_done'),
];
export function decisionsPage(db: Q, actor: Actor, f: DecisionFilter, page: PageQuery) {
  return decisionsWhere(db, actor, f).select(decisionCols).select(['t.title as topic_title', 't.field as topic_field', 'o.name as org_name']).select(taskCounts)
    .select(sql<number>`count(*) over()`.as('total')).orderBy('d.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countDecisions(db: Q, actor: Actor, f: DecisionFilter) {
  return (await decisionsWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function decisionsBatch(db: Q, actor: Actor, f: DecisionFilter, afterId: number | null, limit: number) {
  let qb = decisionsWhere(db, actor, f).select(decisionCols).select(['t.title as topic_title', 't.field as topic_field', 'o.name as org_name']).select(taskCounts);
  if (afterId !== null) qb = qb.where('d.id', '<', afterId);
  return qb.orderBy('d.id', 'desc').limit(limit).execute();
}
export type DecisionListRow = Awaited<ReturnType<typeof decisionsBatch>>[number];

// ── Tasks ──
const taskCols = ['k.id', 'k.decision_id', 'k.topic_id', 't.title as topic_title', 'k.org_id', 'k.org_path', 'o.name as org_name', 'k.title', 'k.description',
  'k.owner_kind', 'k.owner_name', 'k.owner_user_id', 'k.due_on', 'k.progress', 'k.status', 'k.done_at', 'k.created_at'] as const;
export interface TaskFilter { orgPath: string; status?: TaskStatus; overdue?: boolean; today: string; ownerKind?: OwnerKind; topicId?: number; q?: string }
function tasksBase(db: Q) {
  return db.selectFrom('delib_task as k').innerJoin('delib_topic as t', 't.id', 'k.topic_id').innerJoin('org as o', 'o.id', 'k.org_id');
}
function tasksWhere(db: Q, actor: Actor, f: TaskFilter) {
  let qb = tasksBase(db).where(inScope(actor, 'k.org_path')).where(inScope({ orgPath: f.orgPath }, 'k.org_path'));
  if (f.status) qb = qb.where('k.status', '=', f.status);
  if (f.overdue === true) qb = qb.where('k.status', '=', 'open').where('k.due_on', '<', f.today);
  if (f.overdue === false) qb = qb.where((eb) => eb.or([eb('k.status', '<>', 'open'), eb('k.due_on', '>=', f.today)]));
  if (f.ownerKind) qb = qb.where('k.owner_kind', '=', f.ownerKind);
  if (f.topicId) qb = qb.where('k.topic_id', '=', f.topicId);
  if (f.q) qb = qb.where((eb) => eb.or([eb('k.title', 'ilike', likePattern(f.q!)), eb('k.owner_name', 'ilike', likePattern(f.q!)), eb('t.title', 'ilike', likePattern(f.q!))]));
  return qb;
}
export function tasksPage(db: Q, actor: Actor, f: TaskFilter, page: PageQuery) {
  return tasksWhere(db, actor, f).select(taskCols).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('k.due_on').orderBy('k.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countTasks(db: Q, actor: Actor, f: TaskFilter) {
  return (await tasksWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function tasksBatch(db: Q, actor: Actor, f: TaskFilter, afterId: number | null, limit: number) {
  let qb = tasksWhere(db, actor, f).select(taskCols);
  if (afterId !== null) qb = qb.where('k.id', '<', afterId);
  return qb.orderBy('k.id', 'desc').limit(limit).execute();
}
export async function taskSummary(db: Q, actor: Actor, orgPath: string, today: string) {
  const r = await db.selectFrom('delib_task as k').where(inScope(actor, 'k.org_path')).where(inScope({ orgPath }, 'k.org_path')).select([
    sql<number>`count(*) FILTER (WHERE k.status = 'open')::int`.as('open'),
    sql<number>`count(*) FILTER (WHERE k.status = 'open' AND k.due_on < ${today}::date)::int`.as('overdue'),
    sql<number>`count(*) FILTER (WHERE k.status = 'done')::int`.as('done'),
    sql<number>`count(*) FILTER (WHERE k.status = 'cancelled')::int`.as('cancelled'),
  ]).executeTakeFirstOrThrow();
  return r;
}
export function getTask(db: Q, id: number) {
  return tasksBase(db).select(taskCols).where('k.id', '=', id).executeTakeFirst();
}
export type TaskRow = NonNullable<Awaited<ReturnType<typeof getTask>>>;
export function tasksOfTopic(db: Q, topicId: number) {
  return tasksBase(db).select(taskCols).where('k.topic_id', '=', topicId).orderBy('k.id').execute();
}
export function lockTask(trx: Q, id: number) {
  return trx.selectFrom('delib_task').select(['id', 'status', 'progress', 'topic_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}
export function taskStatuses(trx: Q, topicId: number) {
  return trx.selectFrom('delib_task').select('status').where('topic_id', '=', topicId).execute();
}
export async function insertTask(trx: Q, d: { id: number; topic_id: number; org_id: number; org_path: string }, v: {
  title: string; description: string | null; owner_kind: OwnerKind; owner_name: string; owner_user_id: number | null; due_on: string; created_by: number;
}) {
  return (await trx.insertInto('delib_task').values({ decision_id: d.id, topic_id: d.topic_id, org_id: d.org_id, org_path: d.org_path, ...v })
    .returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateTask(trx: Q, id: number, v: {
  title?: string; description?: string | null; owner_kind?: OwnerKind; owner_name?: string; due_on?: string; status?: TaskStatus; progress?: number; done_at?: Date | null;
}) {
  await trx.updateTable('delib_task').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export async function insertTaskUpdate(trx: Q, k: { id: number; org_id: number; org_path: string }, actor: Actor, note: string, progress: number, photoIds: number[]) {
  await trx.insertInto('delib_task_update').values({
    task_id: k.id, org_id: k.org_id, org_path: k.org_path, note, progress, author_id: actor.userId, author_name: actor.displayName, photo_ids: photoIds,
  }).execute();
}
export function updatesOf(db: Q, taskIds: number[]) {
  if (!taskIds.length) return Promise.resolve([]);
  return db.selectFrom('delib_task_update').select(['id', 'task_id', 'note', 'progress', 'author_name', 'photo_ids', 'created_at'])
    .where('task_id', 'in', taskIds).orderBy('id').execute();
}

/** An account the actor may name (owner of a task, a representative): in scope, active. */
export function accountInScope(db: Q, actor: Actor, userId: number) {
  return db.selectFrom('app_user as u').select(['u.id', 'u.role', 'u.org_path', 'u.display_name', 'u.status']).where('u.id', '=', userId)
    .where(inScope(actor, 'u.org_path')).executeTakeFirst();
}

/** Whether an attachment is one of the topic's photos or of its tasks' progress reports. */
export async function photoOfTopic(db: Q, topicId: number, photoId: number) {
  const hit = await db.selectFrom('delib_topic').select('id').where('id', '=', topicId).where(sql<SqlBool>`${photoId}::bigint = ANY(photo_ids)`)
    .union(db.selectFrom('delib_task_update as u').innerJoin('delib_task as k', 'k.id', 'u.task_id').select('u.id')
      .where('k.topic_id', '=', topicId).where(sql<SqlBool>`${photoId}::bigint = ANY(u.photo_ids)`))
    .executeTakeFirst();
  return !!hit;
}

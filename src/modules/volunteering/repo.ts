import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { ActivityKind, ActivityStatus } from '../../db/schema-volunteering.js';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import { STAR_HOURS } from './rules.js';

/** Volunteers, activities and sign-ups. Data scope is applied here, in every read. */
export type Q = Database | Transaction<DB>;

registerOrgDependent({ table: 'volunteer', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '志愿者', en: 'volunteers' } });
registerOrgDependent({ table: 'activity', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '志愿活动', en: 'activities' } });
registerOrgDependent({ table: 'signup', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '活动报名', en: 'activity sign-ups' } });

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function orgById(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'level', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The community on an org's path (the org itself, or the community above a grid). */
export async function communityOn(db: Q, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  return db.selectFrom('org').select(['id', 'path']).where('id', 'in', ids).where('level', '=', 'community').executeTakeFirst();
}

// ── Volunteers ──
const volunteerCols = (db: Q) => db.selectFrom('volunteer as v').innerJoin('org as o', 'o.id', 'v.org_id')
  .select(['v.id', 'v.user_id', 'v.org_id', 'v.org_path', 'o.name as org_name', 'v.name', 'v.skills', 'v.skill_note', 'v.availability',
    'v.phone_masked', 'v.confirmed_minutes', 'v.created_at'])
  .select(sql<number>`(SELECT count(*)::int FROM signup s WHERE s.volunteer_id = v.id AND s.confirmed_at IS NOT NULL AND s.minutes > 0)`.as('activity_count'));
export type VolunteerView = Awaited<ReturnType<typeof volunteerByUser>> & {};

export async function volunteerByUser(db: Q, userId: number) {
  return volunteerCols(db).where('v.user_id', '=', userId).executeTakeFirst();
}
export async function volunteerById(db: Q, actor: Actor, id: number) {
  return volunteerCols(db).where('v.id', '=', id).where(inScope(actor, 'v.org_path')).executeTakeFirst();
}

export interface VolunteerFilter { q?: string; skill?: string; orgId?: number; minStar?: number }

function volunteerQuery(db: Q, actor: Actor, f: VolunteerFilter, underPath: string | null) {
  let qb = volunteerCols(db).where(inScope(actor, 'v.org_path'));
  if (underPath) qb = qb.where('v.org_path', 'like', scopePattern(underPath));
  if (f.q?.trim()) qb = qb.where('v.name', 'ilike', `%${escapeLike(f.q.trim())}%`);
  if (f.skill) qb = qb.where(sql<SqlBool>`${f.skill} = ANY(v.skills)`);
  if (f.minStar) qb = qb.where('v.confirmed_minutes', '>=', STAR_HOURS[f.minStar - 1] * 60);
  return qb;
}

export async function listVolunteers(db: Q, actor: Actor, f: VolunteerFilter, underPath: string | null, page: PageQuery) {
  const rows = await volunteerQuery(db, actor, f, underPath)
    .select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('v.confirmed_minutes', 'desc').orderBy('v.id')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return rows;
}
export async function countVolunteers(db: Q, actor: Actor, f: VolunteerFilter, underPath: string | null) {
  const r = await db.selectFrom(volunteerQuery(db, actor, f, underPath).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
/** One export batch in id order after `afterId` (keyset, so a large export never holds a cursor open). */
export async function volunteerBatch(db: Q, actor: Actor, f: VolunteerFilter, underPath: string | null, afterId: number, limit: number) {
  return volunteerQuery(db, actor, f, underPath).where('v.id', '>', afterId).orderBy('v.id').limit(limit).execute();
}

// ── Activities ──
const activityCols = (db: Q) => db.selectFrom('activity as a').innerJoin('org as o', 'o.id', 'a.org_id')
  .select(['a.id', 'a.org_id', 'a.org_path', 'o.name as org_name', 'a.kind', 'a.title', 'a.description', 'a.place', 'a.starts_at', 'a.ends_at',
    'a.capacity', 'a.signed_count', 'a.waiting_count', 'a.required_skills', 'a.point_rule', 'a.points_per_hour', 'a.points_fixed', 'a.day_cap',
    'a.status', 'a.cancel_reason', 'a.published_at', 'a.finished_at', 'a.created_at']);
export type ActivityView = NonNullable<Awaited<ReturnType<typeof activityById>>>;

export async function activityById(db: Q, id: number) {
  return activityCols(db).where('a.id', '=', id).executeTakeFirst();
}
/** Locks the activity row: sign-ups, cancellations, attendance and confirmation of one activity queue here. */
export async function lockActivity(trx: Transaction<DB>, id: number) {
  return activityCols(trx).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
}

export interface ActivityFilter { q?: string; kind?: ActivityKind; status?: ActivityStatus; orgId?: number; from?: string; to?: string; upcoming?: boolean }

/** Staff see their subtree; a resident sees published (and past) activities organized on their own path. */
export function activityVisible(actor: Actor, staff: boolean): Expression<SqlBool> {
  if (staff) return inScope(actor, 'a.org_path');
  return sql<SqlBool>`(a.status <> 'draft' AND (${actor.orgPath} LIKE a.org_path || '%' OR ${inScope(actor, 'a.org_path')}))`;
}

function activityQuery(db: Q, actor: Actor, staff: boolean, f: ActivityFilter, underPath: string | null) {
  let qb = activityCols(db).where(activityVisible(actor, staff));
  if (underPath) qb = qb.where('a.org_path', 'like', scopePattern(underPath));
  if (f.q?.trim()) qb = qb.where((eb) => eb.or([eb('a.title', 'ilike', `%${escapeLike(f.q!.trim())}%`), eb('a.place', 'ilike', `%${escapeLike(f.q!.trim())}%`)]));
  if (f.kind) qb = qb.where('a.kind', '=', f.kind);
  if (f.status) qb = qb.where('a.status', '=', f.status);
  if (f.from) qb = qb.where('a.ends_at', '>=', new Date(f.from));
  if (f.to) qb = qb.where('a.starts_at', '<=', new Date(f.to));
  if (f.upcoming) qb = qb.where('a.ends_at', '>', new Date());
  return qb;
}

export async function listActivities(db: Q, actor: Actor, staff: boolean, f: ActivityFilter, underPath: string | null, page: PageQuery) {
  return activityQuery(db, actor, staff, f, underPath)
    .select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('a.starts_at', f.upcoming ? 'asc' : 'desc').orderBy('a.id')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countActivities(db: Q, actor: Actor, staff: boolean, f: ActivityFilter, underPath: string | null) {
  const r = await db.selectFrom(activityQuery(db, actor, staff, f, underPath).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
export async function activityBatch(db: Q, actor: Actor, f: ActivityFilter, underPath: string | null, afterId: number, limit: number) {
  return activityQuery(db, actor, true, f, underPath).where('a.id', '>', afterId).orderBy('a.id').limit(limit).execute();
}

/** Every row of a keyset-batched query, batch by batch. */
export async function* batches<T extends { id: number }>(next: (afterId: number) => Promise<T[]>, size: number): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await next(after);
    yield* rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1].id;
  }
}

// ── Sign-ups ──
export async function signupsOfVolunteer(db: Q, volunteerId: number, activityIds: number[]) {
  if (!activityIds.length) return [];
  return db.selectFrom('signup').selectAll().where('volunteer_id', '=', volunteerId).where('activity_id', 'in', activityIds).execute();
}

/** 1-based place in the waiting queue (queued_at, then id). */
export async function waitingPosition(db: Q, activityId: number, signupId: number) {
  const r = await db.selectFrom('signup as s').select(sql<number>`count(*)::int`.as('n'))
    .where('s.activity_id', '=', activityId).where('s.status', '=', 'waiting')
    .where(sql<SqlBool>`(s.queued_at, s.id) <= (SELECT queued_at, id FROM signup WHERE id = ${signupId})`)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function firstWaiting(trx: Transaction<DB>, activityId: number) {
  return trx.selectFrom('signup').selectAll().where('activity_id', '=', activityId).where('status', '=', 'waiting')
    .orderBy('queued_at').orderBy('id').limit(1).forUpdate().executeTakeFirst();
}

/** The attendance sheet: every sign-up of the activity with its volunteer (places first, then the queue). */
export async function sheetRows(db: Q, activityId: number) {
  return db.selectFrom('signup as s').innerJoin('volunteer as v', 'v.id', 's.volunteer_id')
    .select(['s.id', 's.volunteer_id', 'v.name', 'v.phone_masked', 'v.skills', 'v.org_id as volunteer_org_id', 'v.org_path as volunteer_org_path', 'v.user_id',
      's.status', 's.queued_at', 's.check_in_at', 's.check_out_at', 's.check_in_method', 's.minutes', 's.points', 's.confirmed_at'])
    .where('s.activity_id', '=', activityId)
    .orderBy(sql`CASE s.status WHEN 'signedUp' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END`).orderBy('s.queued_at').orderBy('s.id')
    .execute();
}

/** Points the volunteer was paid on a China calendar day for other activities' confirmed attendance. */
export async function earnedOnDay(db: Q, volunteerId: number, day: string, exceptActivityId: number) {
  const r = await db.selectFrom('signup as s').innerJoin('activity as a', 'a.id', 's.activity_id')
    .select(sql<number>`coalesce(sum(s.points), 0)::int`.as('n'))
    .where('s.volunteer_id', '=', volunteerId).where('s.confirmed_at', 'is not', null).where('s.activity_id', '<>', exceptActivityId)
    .where(sql<SqlBool>`(a.starts_at AT TIME ZONE 'Asia/Shanghai')::date = ${day}::date`)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function myActivities(db: Q, volunteerId: number, page: PageQuery) {
  return db.selectFrom('signup as s').innerJoin('activity as a', 'a.id', 's.activity_id')
    .select(['s.id as signup_id', 'a.id as activity_id', 'a.title', 'a.kind', 'a.place', 'a.starts_at', 'a.ends_at', 'a.status as activity_status',
      's.status', 's.check_in_at', 's.check_out_at', 's.minutes', 's.points', 's.confirmed_at'])
    .select(sql<number>`count(*) over()::int`.as('total'))
    .where('s.volunteer_id', '=', volunteerId)
    .orderBy('a.starts_at', 'desc').orderBy('s.id', 'desc')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

/** Confirmed service with time credited, for the certificate. */
export async function serviceRecord(db: Q, volunteerId: number) {
  return db.selectFrom('signup as s').innerJoin('activity as a', 'a.id', 's.activity_id').innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.title', 'a.kind', 'a.starts_at', 'o.name as org_name', 's.minutes', 's.points'])
    .where('s.volunteer_id', '=', volunteerId).where('s.confirmed_at', 'is not', null).where('s.minutes', '>', 0)
    .orderBy('a.starts_at').execute();
}

import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

/** Records of grid work: home visits, work logs, weekly meetings. */
type Q = Database | Transaction<DB>;

registerOrgDependent({ table: 'visit', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '走访记录', en: 'visits' } });
registerOrgDependent({ table: 'work_log', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '工作日志', en: 'work logs' } });
registerOrgDependent({ table: 'grid_meeting', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '例会记录', en: 'meeting notes' } });

const total = sql<number>`count(*) over()`.as('total');
const pageOf = (p: PageQuery) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

// ── Visits ──
export interface VisitFilter {
  underPath?: string; householdId?: number; visitorId?: number;
  followUp?: 'open' | 'done' | 'required' | 'none'; from?: Date; to?: Date;
}

function visits(db: Q, actor: Actor, f: VisitFilter) {
  let qb = db.selectFrom('visit as v').where(inScope(actor, 'v.org_path'));
  if (f.underPath) qb = qb.where(inScope({ orgPath: f.underPath }, 'v.org_path'));
  if (f.householdId) qb = qb.where('v.household_id', '=', f.householdId);
  if (f.visitorId) qb = qb.where('v.visitor_id', '=', f.visitorId);
  if (f.from) qb = qb.where('v.visited_at', '>=', f.from);
  if (f.to) qb = qb.where('v.visited_at', '<', f.to);
  if (f.followUp === 'open') qb = qb.where('v.follow_up', '=', true).where('v.follow_up_done_at', 'is', null);
  if (f.followUp === 'done') qb = qb.where('v.follow_up', '=', true).where('v.follow_up_done_at', 'is not', null);
  if (f.followUp === 'required') qb = qb.where('v.follow_up', '=', true);
  if (f.followUp === 'none') qb = qb.where('v.follow_up', '=', false);
  return qb;
}

function withNames<T extends ReturnType<typeof visits>>(qb: T) {
  return qb.innerJoin('household as h', 'h.id', 'v.household_id')
    .innerJoin('app_user as u', 'u.id', 'v.visitor_id')
    .innerJoin('org as o', 'o.id', 'v.org_id')
    .select(['v.id', 'v.org_id', 'v.org_path', 'o.name as org_name', 'v.household_id', 'h.address_masked', 'v.visitor_id', 'u.display_name as visitor_name',
      'v.visited_at', 'v.findings', 'v.follow_up', 'v.follow_up_note', 'v.follow_up_done_at', 'v.photo_ids', 'v.created_at']);
}

export function listVisits(db: Q, actor: Actor, f: VisitFilter, page: PageQuery) {
  const { limit, offset } = pageOf(page);
  return withNames(visits(db, actor, f)).select(total)
    .orderBy('v.visited_at', 'desc').orderBy('v.id', 'desc').limit(limit).offset(offset).execute();
}

/**
 * Exports read in list order (newest first) in keyset batches: the rows after the last one
 * sent, compared in the database so no timestamp precision is lost on the way through JS.
 */
const after = (alias: 'v' | 'l' | 'm', time: string, table: string, id: number) =>
  sql<boolean>`(${sql.ref(`${alias}.${time}`)}, ${sql.ref(`${alias}.id`)}) < (SELECT x.${sql.ref(time)}, x.id FROM ${sql.table(table)} x WHERE x.id = ${id})`;

export function exportVisitBatch(db: Q, actor: Actor, f: VisitFilter, afterId: number | null, size: number) {
  let qb = withNames(visits(db, actor, f));
  if (afterId) qb = qb.where(after('v', 'visited_at', 'visit', afterId));
  return qb.orderBy('v.visited_at', 'desc').orderBy('v.id', 'desc').limit(size).execute();
}

export async function countVisits(db: Q, actor: Actor, f: VisitFilter): Promise<number> {
  return (await visits(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

export function getVisit(db: Q, actor: Actor, id: number) {
  return withNames(visits(db, actor, {})).where('v.id', '=', id).executeTakeFirst();
}
export type VisitRow = NonNullable<Awaited<ReturnType<typeof getVisit>>>;

export async function insertVisit(trx: Q, v: {
  orgId: number; orgPath: string; householdId: number; visitorId: number; visitedAt: Date; findings: string;
  followUp: boolean; followUpNote: string | null; photoIds: number[];
}): Promise<number> {
  const r = await trx.insertInto('visit').values({
    org_id: v.orgId, org_path: v.orgPath, household_id: v.householdId, visitor_id: v.visitorId, visited_at: v.visitedAt,
    findings: v.findings, follow_up: v.followUp, follow_up_note: v.followUpNote, photo_ids: v.photoIds,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function setFollowUp(trx: Q, id: number, done: boolean, note: string | null | undefined) {
  await trx.updateTable('visit').set({
    follow_up_done_at: done ? sql<Date>`coalesce(follow_up_done_at, now())` : null,
    ...(note !== undefined ? { follow_up_note: note } : {}),
  }).where('id', '=', id).execute();
}

// ── Work logs ──
export interface LogFilter { underPath?: string; authorId?: number; from?: string; to?: string; id?: number }

function logs(db: Q, actor: Actor, f: LogFilter) {
  let qb = db.selectFrom('work_log as l').where(inScope(actor, 'l.org_path'));
  if (f.id) qb = qb.where('l.id', '=', f.id);
  if (f.underPath) qb = qb.where(inScope({ orgPath: f.underPath }, 'l.org_path'));
  if (f.authorId) qb = qb.where('l.author_id', '=', f.authorId);
  if (f.from) qb = qb.where('l.log_date', '>=', f.from);
  if (f.to) qb = qb.where('l.log_date', '<=', f.to);
  return qb;
}

const logsWithNames = (db: Q, actor: Actor, f: LogFilter) =>
  logs(db, actor, f).innerJoin('app_user as u', 'u.id', 'l.author_id').innerJoin('org as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.org_id', 'o.name as org_name', 'l.author_id', 'u.display_name as author_name', 'l.log_date', 'l.content', 'l.created_at']);

export function listLogs(db: Q, actor: Actor, f: LogFilter, page: PageQuery) {
  const { limit, offset } = pageOf(page);
  return logsWithNames(db, actor, f).select(total).orderBy('l.log_date', 'desc').orderBy('l.id', 'desc').limit(limit).offset(offset).execute();
}
export type LogRow = Awaited<ReturnType<typeof listLogs>>[number];

export function exportLogBatch(db: Q, actor: Actor, f: LogFilter, afterId: number | null, size: number) {
  let qb = logsWithNames(db, actor, f);
  if (afterId) qb = qb.where(after('l', 'log_date', 'work_log', afterId));
  return qb.orderBy('l.log_date', 'desc').orderBy('l.id', 'desc').limit(size).execute();
}

export async function countLogs(db: Q, actor: Actor, f: LogFilter): Promise<number> {
  return (await logs(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function insertLog(trx: Q, v: { orgId: number; orgPath: string; authorId: number; logDate: string; content: string }): Promise<number> {
  const r = await trx.insertInto('work_log').values({ org_id: v.orgId, org_path: v.orgPath, author_id: v.authorId, log_date: v.logDate, content: v.content })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

// ── Weekly meetings ──
export interface MeetingFilter { underPath?: string; from?: string; to?: string; id?: number }

function meetings(db: Q, actor: Actor, f: MeetingFilter) {
  let qb = db.selectFrom('grid_meeting as m').where(inScope(actor, 'm.org_path'));
  if (f.id) qb = qb.where('m.id', '=', f.id);
  if (f.underPath) qb = qb.where(inScope({ orgPath: f.underPath }, 'm.org_path'));
  if (f.from) qb = qb.where('m.held_on', '>=', f.from);
  if (f.to) qb = qb.where('m.held_on', '<=', f.to);
  return qb;
}

const meetingsWithNames = (db: Q, actor: Actor, f: MeetingFilter) =>
  meetings(db, actor, f).innerJoin('app_user as u', 'u.id', 'm.author_id').innerJoin('org as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.org_id', 'o.name as org_name', 'm.author_id', 'u.display_name as author_name', 'm.held_on', 'm.topic', 'm.attendees', 'm.notes', 'm.created_at']);

export function listMeetings(db: Q, actor: Actor, f: MeetingFilter, page: PageQuery) {
  const { limit, offset } = pageOf(page);
  return meetingsWithNames(db, actor, f).select(total).orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(limit).offset(offset).execute();
}
export type MeetingRow = Awaited<ReturnType<typeof listMeetings>>[number];

export function exportMeetingBatch(db: Q, actor: Actor, f: MeetingFilter, afterId: number | null, size: number) {
  let qb = meetingsWithNames(db, actor, f);
  if (afterId) qb = qb.where(after('m', 'held_on', 'grid_meeting', afterId));
  return qb.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(size).execute();
}

export async function countMeetings(db: Q, actor: Actor, f: MeetingFilter): Promise<number> {
  return (await meetings(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function insertMeeting(trx: Q, v: { orgId: number; orgPath: string; authorId: number; heldOn: string; topic: string; attendees: string | null; notes: string }): Promise<number> {
  const r = await trx.insertInto('grid_meeting').values({
    org_id: v.orgId, org_path: v.orgPath, author_id: v.authorId, held_on: v.heldOn, topic: v.topic, attendees: v.attendees, notes: v.notes,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

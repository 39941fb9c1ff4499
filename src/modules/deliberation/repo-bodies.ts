import { sql, type SqlBool } from 'kysely';
import type { BodyKind, BodyStatus, MeetingForm, MeetingStatus, MemberKind, MemberStatus } from '../../db/schema-deliberation.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import { likePattern, type Q } from './repo-topics.js';

/** SQL of bodies and representatives, custom forms, meetings (attendance, topics, files), consultations and comments. */

for (const [table, zh, en] of [
  ['delib_body', '议事机构', 'deliberation bodies'], ['delib_body_member', '议事代表', 'representatives'], ['delib_form', '议事形式', 'deliberation forms'],
  ['delib_meeting', '议事会议', 'deliberation meetings'], ['delib_meeting_attendee', '会议出席', 'meeting attendance'], ['delib_attachment', '会议附件', 'meeting files'],
  ['delib_consultation', '协商征询', 'consultations'], ['delib_comment', '征询评论', 'consultation comments'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });

// ── Bodies ──
const memberCounts = [
  sql<number>`(SELECT count(*)::int FROM delib_body_member x WHERE x.body_id = b.id AND x.status = 'active')`.as('members'),
  sql<number>`(SELECT count(*)::int FROM delib_body_member x WHERE x.body_id = b.id AND x.status = 'active' AND x.user_id IS NOT NULL)`.as('members_with_account'),
];
const bodyCols = ['b.id', 'b.org_id', 'b.org_path', 'o.name as org_name', 'b.name', 'b.kind', 'b.estate_id', 'e.name as estate_name', 'b.description', 'b.status', 'b.created_at'] as const;
export interface BodyFilter { orgPath: string; q?: string; status?: BodyStatus }
function bodiesBase(db: Q) {
  return db.selectFrom('delib_body as b').innerJoin('org as o', 'o.id', 'b.org_id').leftJoin('estate as e', 'e.id', 'b.estate_id');
}
function bodiesWhere(db: Q, actor: Actor, f: BodyFilter) {
  let qb = bodiesBase(db).where(inScope(actor, 'b.org_path')).where(inScope({ orgPath: f.orgPath }, 'b.org_path'));
  if (f.q) qb = qb.where('b.name', 'ilike', likePattern(f.q));
  if (f.status) qb = qb.where('b.status', '=', f.status);
  return qb;
}
export function bodiesPage(db: Q, actor: Actor, f: BodyFilter, page: PageQuery) {
  return bodiesWhere(db, actor, f).select(bodyCols).select(memberCounts).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('b.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countBodies(db: Q, actor: Actor, f: BodyFilter) {
  return (await bodiesWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function bodiesBatch(db: Q, actor: Actor, f: BodyFilter, afterId: number | null, limit: number) {
  let qb = bodiesWhere(db, actor, f).select(bodyCols).select(memberCounts);
  if (afterId !== null) qb = qb.where('b.id', '<', afterId);
  return qb.orderBy('b.id', 'desc').limit(limit).execute();
}
export function getBody(db: Q, actor: Actor, id: number) {
  return bodiesBase(db).select(bodyCols).select(memberCounts).where('b.id', '=', id).where(inScope(actor, 'b.org_path')).executeTakeFirst();
}
export type BodyRow = NonNullable<Awaited<ReturnType<typeof getBody>>>;
export async function insertBody(trx: Q, org: { id: number; path: string }, v: { name: string; kind: BodyKind; estate_id: number | null; description: string | null; created_by: number }) {
  return (await trx.insertInto('delib_body').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateBody(trx: Q, id: number, v: { name?: string; kind?: BodyKind; description?: string | null; status?: BodyStatus }) {
  await trx.updateTable('delib_body').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export function estateOf(db: Q, id: number) {
  return db.selectFrom('estate').select(['id', 'org_path']).where('id', '=', id).executeTakeFirst();
}

// ── Members ──
const memberCols = ['m.id', 'm.body_id', 'm.org_path', 'm.user_id', 'u.display_name as user_name', 'm.name', 'm.member_kind', 'm.status', 'm.note', 'm.joined_on', 'm.left_on'] as const;
export function membersOf(db: Q, bodyId: number) {
  return db.selectFrom('delib_body_member as m').leftJoin('app_user as u', 'u.id', 'm.user_id').select(memberCols)
    .where('m.body_id', '=', bodyId).orderBy(sql`m.status = 'active'`, 'desc').orderBy('m.id').execute();
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];
export function getMember(db: Q, actor: Actor, id: number) {
  return db.selectFrom('delib_body_member as m').leftJoin('app_user as u', 'u.id', 'm.user_id').select(memberCols)
    .where('m.id', '=', id).where(inScope(actor, 'm.org_path')).executeTakeFirst();
}
export async function insertMember(trx: Q, b: { id: number; org_id: number; org_path: string }, v: { user_id: number | null; name: string; member_kind: MemberKind; note: string | null }) {
  return (await trx.insertInto('delib_body_member').values({ body_id: b.id, org_id: b.org_id, org_path: b.org_path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateMember(trx: Q, id: number, v: { name?: string; member_kind?: MemberKind; user_id?: number | null; note?: string | null; status?: MemberStatus; left_on?: string | null }) {
  await trx.updateTable('delib_body_member').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export async function activeSeatOf(db: Q, bodyId: number, userId: number, exceptId = 0) {
  return !!(await db.selectFrom('delib_body_member').select('id').where('body_id', '=', bodyId).where('user_id', '=', userId)
    .where('status', '=', 'active').where('id', '<>', exceptId).executeTakeFirst());
}
/** Accounts of the community a representative may be linked to (residents and workers living or working there). */
export function candidates(db: Q, actor: Actor, orgPath: string, q: string | undefined) {
  let qb = db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id').select(['u.id', 'u.display_name', 'u.username', 'o.name as org_name'])
    .where(inScope(actor, 'u.org_path')).where(inScope({ orgPath }, 'u.org_path')).where('u.status', '=', 'active')
    .where('u.role', 'in', ['resident', 'gridWorker', 'communityWorker']);
  if (q) qb = qb.where((eb) => eb.or([eb('u.display_name', 'ilike', likePattern(q)), eb('u.username', 'ilike', likePattern(q))]));
  return qb.orderBy('u.display_name').limit(20).execute();
}

// ── Forms ──
export function formsOf(db: Q, actor: Actor, orgPath: string) {
  return db.selectFrom('delib_form').select(['id', 'org_id', 'org_path', 'name', 'description', 'status'])
    .where(inScope(actor, 'org_path')).where(sql<SqlBool>`(org_path LIKE ${orgPath + '%'} OR ${orgPath} LIKE org_path || '%')`).orderBy('id').execute();
}
export function getForm(db: Q, actor: Actor, id: number) {
  return db.selectFrom('delib_form').select(['id', 'org_id', 'org_path', 'name', 'description', 'status']).where('id', '=', id).where(inScope(actor, 'org_path')).executeTakeFirst();
}
export async function formNameTaken(db: Q, orgId: number, name: string, exceptId = 0) {
  return !!(await db.selectFrom('delib_form').select('id').where('org_id', '=', orgId).where('name', '=', name).where('id', '<>', exceptId).executeTakeFirst());
}
export async function insertForm(trx: Q, org: { id: number; path: string }, v: { name: string; description: string | null; created_by: number }) {
  return (await trx.insertInto('delib_form').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateForm(trx: Q, id: number, v: { name?: string; description?: string | null; status?: 'active' | 'retired' }) {
  await trx.updateTable('delib_form').set(v).where('id', '=', id).execute();
}

// ── Meetings ──
const attendance = [
  sql<number>`(SELECT count(*)::int FROM delib_meeting_attendee a WHERE a.meeting_id = g.id AND a.present)`.as('present'),
  sql<number>`(SELECT count(*)::int FROM delib_meeting_attendee a WHERE a.meeting_id = g.id AND NOT a.present)`.as('absent'),
];
const meetingCols = ['g.id', 'g.org_id', 'g.org_path', 'o.name as org_name', 'g.body_id', 'b.name as body_name', 'g.form', 'g.form_id', 'f.name as form_name',
  'g.title', 'g.agenda', 'g.starts_at', 'g.place', 'g.status', 'g.minutes', 'g.minutes_at', 'g.created_at'] as const;
export interface MeetingFilter { orgPath: string; bodyId?: number; form?: MeetingForm; status?: MeetingStatus; q?: string }
function meetingsBase(db: Q) {
  return db.selectFrom('delib_meeting as g').innerJoin('org as o', 'o.id', 'g.org_id').innerJoin('delib_body as b', 'b.id', 'g.body_id')
    .leftJoin('delib_form as f', 'f.id', 'g.form_id');
}
function meetingsWhere(db: Q, actor: Actor, f: MeetingFilter) {
  let qb = meetingsBase(db).where(inScope(actor, 'g.org_path')).where(inScope({ orgPath: f.orgPath }, 'g.org_path'));
  if (f.bodyId) qb = qb.where('g.body_id', '=', f.bodyId);
  if (f.form) qb = qb.where('g.form', '=', f.form);
  if (f.status) qb = qb.where('g.status', '=', f.status);
  if (f.q) qb = qb.where((eb) => eb.or([eb('g.title', 'ilike', likePattern(f.q!)), eb('g.agenda', 'ilike', likePattern(f.q!))]));
  return qb;
}
export function meetingsPage(db: Q, actor: Actor, f: MeetingFilter, page: PageQuery) {
  return meetingsWhere(db, actor, f).select(meetingCols).select(attendance).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('g.starts_at', 'desc').orderBy('g.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countMeetings(db: Q, actor: Actor, f: MeetingFilter) {
  return (await meetingsWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function meetingsBatch(db: Q, actor: Actor, f: MeetingFilter, afterId: number | null, limit: number) {
  let qb = meetingsWhere(db, actor, f).select(meetingCols).select(attendance);
  if (afterId !== null) qb = qb.where('g.id', '<', afterId);
  return qb.orderBy('g.id', 'desc').limit(limit).execute();
}
export function getMeeting(db: Q, actor: Actor, id: number) {
  return meetingsBase(db).select(meetingCols).select(attendance).where('g.id', '=', id).where(inScope(actor, 'g.org_path')).executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;
export function lockMeeting(trx: Q, id: number) {
  return trx.selectFrom('delib_meeting').select(['id', 'status', 'body_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function insertMeeting(trx: Q, b: { id: number; org_id: number; org_path: string }, v: {
  form: MeetingForm; form_id: number | null; title: string; agenda: string; starts_at: string; place: string; created_by: number;
}) {
  return (await trx.insertInto('delib_meeting').values({ org_id: b.org_id, org_path: b.org_path, body_id: b.id, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateMeeting(trx: Q, id: number, v: {
  title?: string; agenda?: string; starts_at?: string; place?: string; status?: MeetingStatus; minutes?: string; minutes_by?: number; minutes_at?: Date;
}) {
  await trx.updateTable('delib_meeting').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export async function setMeetingTopics(trx: Q, meetingId: number, topicIds: number[]) {
  await trx.deleteFrom('delib_meeting_topic').where('meeting_id', '=', meetingId).execute();
  if (topicIds.length) await trx.insertInto('delib_meeting_topic').values(topicIds.map((topic_id) => ({ meeting_id: meetingId, topic_id }))).execute();
}
export function topicsOfMeeting(db: Q, meetingId: number) {
  return db.selectFrom('delib_meeting_topic as mt').innerJoin('delib_topic as t', 't.id', 'mt.topic_id').select(['t.id', 't.title', 't.status'])
    .where('mt.meeting_id', '=', meetingId).orderBy('t.id').execute();
}
export function meetingsOfTopic(db: Q, topicId: number) {
  return db.selectFrom('delib_meeting_topic as mt').innerJoin('delib_meeting as g', 'g.id', 'mt.meeting_id').select(['g.id', 'g.title', 'g.starts_at', 'g.status'])
    .where('mt.topic_id', '=', topicId).orderBy('g.starts_at').execute();
}
export function attendeesOf(db: Q, meetingId: number, bodyId: number) {
  // Every active member, plus anyone recorded (who may have left since), with their mark or null.
  return db.selectFrom('delib_body_member as m')
    .leftJoin('delib_meeting_attendee as a', (j) => j.onRef('a.member_id', '=', 'm.id').on('a.meeting_id', '=', meetingId))
    .select(['m.id as member_id', 'm.name', 'm.member_kind', 'a.present'])
    .where('m.body_id', '=', bodyId).where((eb) => eb.or([eb('m.status', '=', 'active'), eb('a.meeting_id', 'is not', null)])).orderBy('m.id').execute();
}
export function activeMemberIds(db: Q, bodyId: number) {
  return db.selectFrom('delib_body_member').select('id').where('body_id', '=', bodyId).where('status', '=', 'active').execute();
}
export async function setAttendance(trx: Q, g: { id: number; org_id: number; org_path: string }, rows: { member_id: number; present: boolean }[]) {
  await trx.deleteFrom('delib_meeting_attendee').where('meeting_id', '=', g.id).execute();
  if (rows.length) await trx.insertInto('delib_meeting_attendee').values(rows.map((r) => ({ meeting_id: g.id, org_id: g.org_id, org_path: g.org_path, ...r }))).execute();
}

// ── Files ──
export async function insertAttachment(trx: Q, g: { id: number; org_id: number; org_path: string }, v: {
  file_name: string; content_type: string; size: number; sha256: string; data: Buffer; uploaded_by: number;
}) {
  return trx.insertInto('delib_attachment').values({ meeting_id: g.id, org_id: g.org_id, org_path: g.org_path, ...v })
    .returning(['id', 'file_name', 'content_type', 'size', 'created_at']).executeTakeFirstOrThrow();
}
export function attachmentsOf(db: Q, meetingId: number) {
  return db.selectFrom('delib_attachment').select(['id', 'file_name', 'content_type', 'size', 'created_at']).where('meeting_id', '=', meetingId).orderBy('id').execute();
}
export function attachmentData(db: Q, actor: Actor, id: number) {
  return db.selectFrom('delib_attachment').select(['id', 'file_name', 'content_type', 'data', 'org_path']).where('id', '=', id).where(inScope(actor, 'org_path')).executeTakeFirst();
}

// ── Consultations and comments ──
const commentCount = sql<number>`(SELECT count(*)::int FROM delib_comment x WHERE x.consultation_id = c.id AND NOT x.hidden)`.as('comments');
const consultationCols = ['c.id', 'c.org_id', 'c.org_path', 'o.name as org_name', 'c.topic_id', 't.title as topic_title', 't.status as topic_status', 'c.mode', 'c.title',
  'c.question', 'c.closes_at', 'c.status', 'c.summary', 'c.created_at'] as const;
export interface ConsultationFilter { orgPath: string; topicId?: number; status?: 'open' | 'closed'; q?: string; residentPath?: string }
function consultationsBase(db: Q) {
  return db.selectFrom('delib_consultation as c').innerJoin('org as o', 'o.id', 'c.org_id').innerJoin('delib_topic as t', 't.id', 'c.topic_id');
}
function consultationsWhere(db: Q, actor: Actor | null, f: ConsultationFilter) {
  let qb = consultationsBase(db);
  if (actor) qb = qb.where(inScope(actor, 'c.org_path')).where(inScope({ orgPath: f.orgPath }, 'c.org_path'));
  if (f.residentPath) qb = qb.where(sql<SqlBool>`${f.residentPath} LIKE c.org_path || '%'`);
  if (f.topicId) qb = qb.where('c.topic_id', '=', f.topicId);
  if (f.status) qb = qb.where('c.status', '=', f.status);
  if (f.q) qb = qb.where((eb) => eb.or([eb('c.title', 'ilike', likePattern(f.q!)), eb('t.title', 'ilike', likePattern(f.q!))]));
  return qb;
}
export function consultationsPage(db: Q, actor: Actor | null, f: ConsultationFilter, page: PageQuery) {
  return consultationsWhere(db, actor, f).select(consultationCols).select(commentCount).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('c.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countConsultations(db: Q, actor: Actor | null, f: ConsultationFilter) {
  return (await consultationsWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function getConsultation(db: Q, id: number) {
  return consultationsBase(db).select(consultationCols).select(commentCount).where('c.id', '=', id).executeTakeFirst();
}
export type ConsultationRow = NonNullable<Awaited<ReturnType<typeof getConsultation>>>;
export function consultationsOfTopic(db: Q, topicId: number) {
  return db.selectFrom('delib_consultation').select(['id', 'title', 'mode', 'status']).where('topic_id', '=', topicId).orderBy('id').execute();
}
export async function insertConsultation(trx: Q, t: { id: number; org_id: number; org_path: string }, v: {
  mode: 'written' | 'online'; title: string; question: string; closes_at: string | null; created_by: number;
}) {
  return (await trx.insertInto('delib_consultation').values({ org_id: t.org_id, org_path: t.org_path, topic_id: t.id, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateConsultation(trx: Q, id: number, v: { status?: 'open' | 'closed'; summary?: string | null; closes_at?: string | null }) {
  await trx.updateTable('delib_consultation').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export function commentsOf(db: Q, consultationId: number) {
  return db.selectFrom('delib_comment').select(['id', 'parent_id', 'author_id', 'author_name', 'body', 'hidden', 'hidden_reason', 'created_at'])
    .where('consultation_id', '=', consultationId).orderBy('id').limit(1000).execute();
}
export function getComment(db: Q, id: number) {
  return db.selectFrom('delib_comment').select(['id', 'consultation_id', 'org_path', 'hidden']).where('id', '=', id).executeTakeFirst();
}
export async function insertComment(trx: Q, c: { id: number; org_id: number; org_path: string }, actor: Actor, v: { body: string; parent_id: number | null }) {
  return (await trx.insertInto('delib_comment').values({
    consultation_id: c.id, org_id: c.org_id, org_path: c.org_path, author_id: actor.userId, author_name: actor.displayName, ...v,
  }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function hideComment(trx: Q, id: number, actor: Actor, reason: string) {
  await trx.updateTable('delib_comment').set({ hidden: true, hidden_reason: reason, hidden_by: actor.userId, hidden_at: new Date() }).where('id', '=', id).execute();
}

import crypto from 'node:crypto';
import type { AuthedCtx } from '../../core/context.js';
import type { MeetingForm, MeetingStatus } from '../../db/schema-deliberation.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { AppError, errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-bodies.js';
import { getTopic, insertEvent } from './repo-topics.js';
import * as policy from './policy.js';
import { iso, listRoot, msg } from './common.js';
import { formName, loadBody } from './service-bodies.js';
import { MAX_FILE_BYTES, sniffFile } from './files.js';

/** Meetings of a body in one of the forms: agenda, topics, attendance, minutes and files. */

export const attachmentUrl = (id: number) => `/api/v1/delib-attachments/${id}`;

export function presentMeeting(ctx: AuthedCtx, g: repo.MeetingRow) {
  const manage = policy.canManageAt(ctx.actor, g.org_path);
  const actions: string[] = [];
  if (manage && g.status !== 'cancelled') actions.push('attendance', 'minutes', 'upload');
  if (manage && g.status === 'planned') actions.push('update', 'cancel');
  return {
    id: g.id, orgId: g.org_id, orgName: g.org_name, bodyId: g.body_id, bodyName: g.body_name, form: g.form, formId: g.form_id,
    formName: g.form === 'custom' ? (g.form_name ?? '') : formName(ctx, g.form), title: g.title, agenda: g.agenda, startsAt: g.starts_at.toISOString(),
    place: g.place, status: g.status, minutes: g.minutes, minutesAt: iso(g.minutes_at), present: g.present, absent: g.absent,
    createdAt: g.created_at.toISOString(), actions,
  };
}

export interface MeetingListQuery { orgId?: number; bodyId?: number; form?: MeetingForm; status?: MeetingStatus; q?: string }
export async function meetingFilter(ctx: AuthedCtx, q: MeetingListQuery): Promise<repo.MeetingFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  return { orgPath: await listRoot(ctx, q.orgId), bodyId: q.bodyId, form: q.form, status: q.status, q: q.q?.trim() || undefined };
}
export async function listMeetings(ctx: AuthedCtx, q: MeetingListQuery, page: PageQuery) {
  const f = await meetingFilter(ctx, q);
  const rows = await repo.meetingsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentMeeting(ctx, r)), total: await pageTotal(rows, page, () => repo.countMeetings(ctx.deps.db, ctx.actor, f)) };
}

async function loadMeeting(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const g = await repo.getMeeting(ctx.deps.db, ctx.actor, id);
  if (!g) throw errors.notFound('deliberationMeeting');
  return g;
}
async function managedMeeting(ctx: AuthedCtx, id: number) {
  const g = await loadMeeting(ctx, id);
  if (!policy.canManageAt(ctx.actor, g.org_path)) throw errors.forbidden();
  return g;
}
export async function getMeeting(ctx: AuthedCtx, id: number) {
  const g = await loadMeeting(ctx, id);
  const [attendees, topics, files] = await Promise.all([
    repo.attendeesOf(ctx.deps.db, id, g.body_id), repo.topicsOfMeeting(ctx.deps.db, id), repo.attachmentsOf(ctx.deps.db, id),
  ]);
  return {
    meeting: presentMeeting(ctx, g),
    attendees: attendees.map((a) => ({ memberId: a.member_id, name: a.name, memberKind: a.member_kind, present: a.present })),
    topics,
    attachments: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size, url: attachmentUrl(f.id), createdAt: f.created_at.toISOString() })),
  };
}

/** Topics put on a meeting's agenda: of the body's community and not merged away, declined or closed. */
async function agendaTopics(ctx: AuthedCtx, orgId: number, ids: number[]) {
  const out = [];
  for (const id of ids) {
    const t = await getTopic(ctx.deps.db, id);
    if (!t || t.org_id !== orgId || !policy.canBeMergeTarget(t.status)) throw errors.field('topicIds', msg(`议题 ${id} 不属于该社区或已办结`, `topic ${id} is not an open topic of this community`));
    out.push(t);
  }
  return out;
}

export interface CreateMeetingInput {
  bodyId: number; form: MeetingForm; formId?: number | null; title: string; agenda: string; startsAt: string; place: string; topicIds?: number[];
}
export async function createMeeting(ctx: AuthedCtx, input: CreateMeetingInput) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const b = await loadBody(ctx, input.bodyId, 'bodyId');
  if (!policy.canManageAt(ctx.actor, b.org_path)) throw errors.field('bodyId', msg('无权为该机构安排会议', 'is not a body you manage'));
  if (b.status !== 'active') throw errors.field('bodyId', msg('议事机构已撤销', 'is dissolved'));
  let formId: number | null = null;
  if (input.form === 'custom') {
    if (!input.formId) throw errors.field('formId', msg('自定义形式须选择形式', 'is required for a custom form'));
    const f = await repo.getForm(ctx.deps.db, ctx.actor, input.formId);
    if (!f || f.status !== 'active' || !(b.org_path.startsWith(f.org_path))) throw errors.field('formId', msg('形式不存在、已停用或不适用于该社区', 'is not an active form of this community'));
    formId = f.id;
  } else if (input.formId) throw errors.field('formId', msg('只有自定义形式需要填写', 'is only for custom forms'));
  const topics = await agendaTopics(ctx, b.org_id, input.topicIds ?? []);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertMeeting(trx, b, {
      form: input.form, form_id: formId, title: input.title.trim(), agenda: input.agenda.trim(), starts_at: input.startsAt, place: input.place.trim(), created_by: ctx.actor.userId,
    });
    await repo.setMeetingTopics(trx, id, topics.map((t) => t.id));
    for (const t of topics) await insertEvent(trx, t, ctx.actor, { kind: 'meeting', note: input.title.trim(), data: { meetingId: id, startsAt: input.startsAt } });
    await recordAudit(trx, ctx, { action: 'deliberationMeeting.create', entityType: 'deliberationMeeting', entityId: id, orgPath: b.org_path, detail: { bodyId: b.id, form: input.form, topics: topics.length } });
    return id;
  });
  return getMeeting(ctx, id);
}

export async function updateMeeting(ctx: AuthedCtx, id: number, input: { title?: string; agenda?: string; startsAt?: string; place?: string; topicIds?: number[]; status?: 'cancelled' }) {
  const g = await managedMeeting(ctx, id);
  const topics = input.topicIds ? await agendaTopics(ctx, g.org_id, input.topicIds) : null;
  await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockMeeting(trx, id);
    if (locked?.status !== 'planned') throw errors.conflict('MEETING_NOT_PLANNED', msg('会议已召开或已取消，不能修改', 'the meeting was held or cancelled'));
    await repo.updateMeeting(trx, id, { title: input.title?.trim(), agenda: input.agenda?.trim(), starts_at: input.startsAt, place: input.place?.trim(), status: input.status });
    if (topics) await repo.setMeetingTopics(trx, id, topics.map((t) => t.id));
    await recordAudit(trx, ctx, { action: input.status === 'cancelled' ? 'deliberationMeeting.cancel' : 'deliberationMeeting.update', entityType: 'deliberationMeeting', entityId: id, orgPath: g.org_path, detail: { changed: Object.keys(input) } });
  });
  return getMeeting(ctx, id);
}

/** Attendance: the members named are present, every other active member of the body absent. */
export async function setAttendance(ctx: AuthedCtx, id: number, input: { present: number[] }) {
  const g = await managedMeeting(ctx, id);
  if (g.status === 'cancelled') throw errors.conflict('MEETING_CANCELLED', msg('会议已取消', 'the meeting is cancelled'));
  const active = new Set((await repo.activeMemberIds(ctx.deps.db, g.body_id)).map((m) => m.id));
  const stranger = input.present.find((m) => !active.has(m));
  if (stranger !== undefined) throw errors.field('present', msg(`${stranger} 不是该机构的在任代表`, `${stranger} is not an active member of the body`));
  const present = new Set(input.present);
  await inTransaction(ctx, async (trx) => {
    await repo.setAttendance(trx, g, [...active].map((member_id) => ({ member_id, present: present.has(member_id) })));
    await recordAudit(trx, ctx, { action: 'deliberationMeeting.attendance', entityType: 'deliberationMeeting', entityId: id, orgPath: g.org_path, detail: { present: present.size, absent: active.size - present.size } });
  });
  return getMeeting(ctx, id);
}

/** Minutes: recording them marks the meeting held; each topic on it records the meeting in its history. */
export async function recordMinutes(ctx: AuthedCtx, id: number, input: { minutes: string }) {
  const g = await managedMeeting(ctx, id);
  const topics = await repo.topicsOfMeeting(ctx.deps.db, id);
  await inTransaction(ctx, async (trx) => {
    const locked = await repo.lockMeeting(trx, id);
    if (locked?.status === 'cancelled') throw errors.conflict('MEETING_CANCELLED', msg('会议已取消', 'the meeting is cancelled'));
    await repo.updateMeeting(trx, id, { minutes: input.minutes.trim(), minutes_by: ctx.actor.userId, minutes_at: new Date(), status: 'held' });
    if (locked?.status === 'planned') {
      for (const t of topics) await insertEvent(trx, { id: t.id, org_id: g.org_id, org_path: g.org_path }, ctx.actor, { kind: 'meetingHeld', note: g.title, data: { meetingId: id } });
    }
    await recordAudit(trx, ctx, { action: 'deliberationMeeting.minutes', entityType: 'deliberationMeeting', entityId: id, orgPath: g.org_path, detail: { length: input.minutes.length } });
  });
  return getMeeting(ctx, id);
}

const badFile = () => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, {
  zh: '请上传 JPEG、PNG、WebP 图片，PDF 或 Word（.docx）文件本身', en: 'Upload the file itself as JPEG, PNG, WebP, PDF or Word (.docx)',
});

export async function uploadFile(ctx: AuthedCtx, id: number, fileName: string, body: unknown, contentType: string | undefined) {
  const g = await managedMeeting(ctx, id);
  if (g.status === 'cancelled') throw errors.conflict('MEETING_CANCELLED', msg('会议已取消', 'the meeting is cancelled'));
  const declared = contentType?.split(';')[0].trim().toLowerCase();
  if (!Buffer.isBuffer(body) || !declared) throw badFile();
  if (body.length === 0) throw errors.field('body', msg('文件为空', 'is empty'));
  if (body.length > MAX_FILE_BYTES) throw errors.tooLarge(MAX_FILE_BYTES);
  const actual = sniffFile(body);
  if (actual !== declared) throw errors.field('body', msg(`文件内容与声明的类型 ${declared} 不符`, `does not hold the declared ${declared}`));
  const sha256 = crypto.createHash('sha256').update(body).digest('hex');
  await inTransaction(ctx, async (trx) => {
    const row = await repo.insertAttachment(trx, g, { file_name: fileName.trim(), content_type: actual, size: body.length, sha256, data: body, uploaded_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'deliberationMeeting.upload', entityType: 'deliberationMeeting', entityId: id, orgPath: g.org_path, detail: { attachmentId: row.id, contentType: actual, size: body.length, sha256 } });
  });
  return getMeeting(ctx, id);
}

export async function fileData(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const f = await repo.attachmentData(ctx.deps.db, ctx.actor, id);
  if (!f) throw errors.notFound('attachment');
  return f;
}

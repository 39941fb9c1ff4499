import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-records.js';
import * as policy from './policy.js';
import { chinaDay, isDay } from './rules.js';
import { orgField } from './service-posts.js';

/** Work logs (工作日志) and weekly meeting notes (周例会). */

export function presentLog(l: repo.LogRow) {
  return {
    id: l.id, orgId: l.org_id, orgName: l.org_name, authorId: l.author_id, authorName: l.author_name,
    logDate: l.log_date, content: l.content, createdAt: l.created_at.toISOString(),
  };
}

export function presentMeeting(m: repo.MeetingRow) {
  return {
    id: m.id, orgId: m.org_id, orgName: m.org_name, authorId: m.author_id, authorName: m.author_name,
    heldOn: m.held_on, topic: m.topic, attendees: m.attendees, notes: m.notes, createdAt: m.created_at.toISOString(),
  };
}

/** A past (or today's) China day, from 2000 on. */
function pastDay(field: string, s: string, fields: FieldErrors) {
  if (!isDay(s)) fields[field] = { zh: '日期无效（应为 2000 年以后的 YYYY-MM-DD）', en: 'is not a valid date (YYYY-MM-DD, from 2000)' };
  else if (s > chinaDay(new Date())) fields[field] = { zh: '不能晚于今天', en: 'cannot be in the future' };
}

export interface RangeQuery { orgId?: number; from?: string; to?: string }

/** The repository filter of a log or meeting list (or export) query; the org must be in scope. */
export async function rangeFilter(ctx: AuthedCtx, q: RangeQuery) {
  const fields: FieldErrors = {};
  for (const k of ['from', 'to'] as const) if (q[k] !== undefined && !isDay(q[k])) fields[k] = { zh: '日期无效', en: 'is not a valid date' };
  if (!Object.keys(fields).length && q.from && q.to && q.from > q.to) fields.to = { zh: '不能早于开始日期', en: 'cannot be before from' };
  if (Object.keys(fields).length) throw errors.validation(fields);
  return { from: q.from, to: q.to, underPath: q.orgId ? (await orgField(ctx, q.orgId)).path : undefined };
}

export async function listLogs(ctx: AuthedCtx, q: RangeQuery & { authorId?: number }, page: PageQuery) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const f: repo.LogFilter = { ...(await rangeFilter(ctx, q)), authorId: q.authorId };
  const rows = await repo.listLogs(ctx.deps.db, ctx.actor, f, page);
  return { rows: rows.map(presentLog), total: await pageTotal(rows, page, () => repo.countLogs(ctx.deps.db, ctx.actor, f)) };
}

/** The author is the actor and the log belongs to the actor's org. */
export async function createLog(ctx: AuthedCtx, input: { logDate?: string; content: string }) {
  if (!policy.canWriteLog(ctx.actor)) throw errors.forbidden();
  const logDate = input.logDate ?? chinaDay(new Date());
  const fields: FieldErrors = {};
  pastDay('logDate', logDate, fields);
  if (Object.keys(fields).length) throw errors.validation(fields);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertLog(trx, { orgId: ctx.actor.orgId, orgPath: ctx.actor.orgPath, authorId: ctx.actor.userId, logDate, content: input.content.trim() });
    await recordAudit(trx, ctx, { action: 'workLog.create', entityType: 'workLog', entityId: id, orgPath: ctx.actor.orgPath, detail: { logDate } });
    return id;
  });
  const [row] = await repo.listLogs(ctx.deps.db, ctx.actor, { id }, { page: 1, pageSize: 1 });
  return presentLog(row);
}

export async function listMeetings(ctx: AuthedCtx, q: RangeQuery, page: PageQuery) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const f = await rangeFilter(ctx, q);
  const rows = await repo.listMeetings(ctx.deps.db, ctx.actor, f, page);
  return { rows: rows.map(presentMeeting), total: await pageTotal(rows, page, () => repo.countMeetings(ctx.deps.db, ctx.actor, f)) };
}

export interface CreateMeetingInput { orgId: number; heldOn: string; topic: string; attendees?: string | null; notes: string }

export async function createMeeting(ctx: AuthedCtx, input: CreateMeetingInput) {
  if (!policy.canWriteGridwork(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId);
  if (org.level !== 'grid' && org.level !== 'community') throw errors.field('orgId', { zh: '例会属于网格或社区', en: 'must be a grid or a community' });
  if (!policy.canRecordMeeting(ctx.actor, org)) throw errors.forbidden();
  const fields: FieldErrors = {};
  pastDay('heldOn', input.heldOn, fields);
  if (Object.keys(fields).length) throw errors.validation(fields);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertMeeting(trx, {
      orgId: org.id, orgPath: org.path, authorId: ctx.actor.userId, heldOn: input.heldOn,
      topic: input.topic.trim(), attendees: input.attendees?.trim() || null, notes: input.notes.trim(),
    });
    await recordAudit(trx, ctx, { action: 'meeting.create', entityType: 'meeting', entityId: id, orgPath: org.path, detail: { orgId: org.id, heldOn: input.heldOn } });
    return id;
  });
  const [row] = await repo.listMeetings(ctx.deps.db, ctx.actor, { id }, { page: 1, pageSize: 1 });
  return presentMeeting(row);
}

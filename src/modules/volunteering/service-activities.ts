import type { Transaction } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import type { ActivityKind, PointRule } from '../../db/schema-volunteering.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { iso, presentActivity, type MineInput } from './present.js';

/** Activities (志愿服务 / 党员活动 / 文体活动): draft → published → cancelled | finished. */
export interface ActivityInput {
  kind: ActivityKind; title: string; description?: string; place: string; startsAt: string; endsAt: string; capacity: number;
  requiredSkills?: string[]; pointRule: PointRule; pointsPerHour?: number; pointsFixed?: number; dayCap: number;
}

/** A date-time the schema's format passes but JavaScript cannot place (a leap second: 23:59:60) is refused, not sent to SQL. */
export function checkTimes(values: Record<string, string | null | undefined>, fields: FieldErrors = {}) {
  for (const [k, v] of Object.entries(values)) if (v && Number.isNaN(Date.parse(v))) fields[k] = { zh: '不是有效的时间', en: 'is not a valid time' };
  return fields;
}

function checkFields(x: Partial<ActivityInput>, fields: FieldErrors) {
  checkTimes({ startsAt: x.startsAt, endsAt: x.endsAt }, fields);
  if (x.startsAt && x.endsAt && Date.parse(x.endsAt) <= Date.parse(x.startsAt)) fields.endsAt = { zh: '须晚于开始时间', en: 'must be after the start' };
  if (x.startsAt && x.endsAt && Date.parse(x.endsAt) - Date.parse(x.startsAt) > 7 * 86400_000) fields.endsAt = { zh: '活动时长不能超过 7 天', en: 'an activity lasts at most 7 days' };
  if (x.pointRule === 'perHour' && !x.pointsPerHour) fields.pointsPerHour = { zh: '按小时计分须填写每小时积分', en: 'is required for points per hour' };
  if (x.pointRule === 'perActivity' && x.pointsFixed === undefined) fields.pointsFixed = { zh: '按次计分须填写每次积分', en: 'is required for points per activity' };
}

const columns = (x: Partial<ActivityInput>) => ({
  ...(x.kind !== undefined ? { kind: x.kind } : {}), ...(x.title !== undefined ? { title: x.title.trim() } : {}),
  ...(x.description !== undefined ? { description: x.description } : {}), ...(x.place !== undefined ? { place: x.place.trim() } : {}),
  ...(x.startsAt !== undefined ? { starts_at: new Date(x.startsAt) } : {}), ...(x.endsAt !== undefined ? { ends_at: new Date(x.endsAt) } : {}),
  ...(x.capacity !== undefined ? { capacity: x.capacity } : {}), ...(x.requiredSkills !== undefined ? { required_skills: x.requiredSkills } : {}),
  ...(x.pointRule !== undefined ? { point_rule: x.pointRule } : {}), ...(x.pointsPerHour !== undefined ? { points_per_hour: x.pointsPerHour } : {}),
  ...(x.pointsFixed !== undefined ? { points_fixed: x.pointsFixed } : {}), ...(x.dayCap !== undefined ? { day_cap: x.dayCap } : {}),
});

export async function createActivity(ctx: AuthedCtx, input: ActivityInput & { orgId: number }) {
  const a = ctx.actor;
  const fields: FieldErrors = {};
  const org = await repo.orgById(ctx.deps.db, input.orgId);
  if (!org || !policy.canManageAt(a, org.path) || !(policy.ORGANIZER_LEVELS as readonly string[]).includes(org.level)) {
    if (!org || !org.path.startsWith(a.orgPath)) throw errors.field('orgId', { zh: '须为您范围内的街道、社区或网格', en: 'must be a street, community or grid within your scope' });
    if (!policy.canManageAt(a, org.path)) throw errors.forbidden();
    fields.orgId = { zh: '须为街道、社区或网格', en: 'must be a street, community or grid' };
  }
  checkFields(input, fields);
  if (Object.keys(fields).length) throw errors.validation(fields);
  const id = await inTransaction(ctx, async (trx) => {
    const row = await trx.insertInto('activity').values({
      org_id: org!.id, org_path: org!.path, created_by: a.userId,
      ...(columns(input) as Required<ReturnType<typeof columns>>), required_skills: input.requiredSkills ?? [], description: input.description ?? '',
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'activity.create', entityType: 'activity', entityId: row.id, orgPath: org!.path, detail: { title: input.title, kind: input.kind } });
    return row.id;
  });
  return getActivity(ctx, id);
}

/** Loads and locks an activity the actor manages, in the caller's transaction. */
export async function managedActivity(trx: Transaction<DB>, ctx: AuthedCtx, id: number) {
  const x = await repo.lockActivity(trx, id);
  if (!x || !policy.seesActivity(ctx.actor, { orgPath: x.org_path, status: x.status })) throw errors.notFound('activity');
  if (!policy.canManageAt(ctx.actor, x.org_path)) throw errors.forbidden();
  return x;
}

const wrongStatus = (status: string) => errors.conflict('ACTIVITY_STATUS', {
  zh: `活动当前状态（${({ draft: '草稿', published: '已发布', cancelled: '已取消', finished: '已结束' } as Record<string, string>)[status]}）不允许此操作`,
  en: `Not allowed while the activity is ${status}`,
});
export { wrongStatus };

export async function updateActivity(ctx: AuthedCtx, id: number, input: Partial<ActivityInput>) {
  await inTransaction(ctx, async (trx) => {
    const x = await managedActivity(trx, ctx, id);
    if (x.status !== 'draft') throw wrongStatus(x.status);
    const fields: FieldErrors = {};
    checkFields({
      startsAt: iso(x.starts_at)!, endsAt: iso(x.ends_at)!, pointRule: x.point_rule, pointsPerHour: x.points_per_hour, pointsFixed: x.points_fixed, ...input,
    }, fields);
    if (Object.keys(fields).length) throw errors.validation(fields);
    await trx.updateTable('activity').set({ ...columns(input), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'activity.update', entityType: 'activity', entityId: id, orgPath: x.org_path, detail: { fields: Object.keys(input) } });
  });
  return getActivity(ctx, id);
}

export async function publishActivity(ctx: AuthedCtx, id: number) {
  await inTransaction(ctx, async (trx) => {
    const x = await managedActivity(trx, ctx, id);
    if (x.status !== 'draft') throw wrongStatus(x.status);
    await trx.updateTable('activity').set({ status: 'published', published_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'activity.publish', entityType: 'activity', entityId: id, orgPath: x.org_path });
  });
  return getActivity(ctx, id);
}

export async function cancelActivity(ctx: AuthedCtx, id: number, reason: string) {
  await inTransaction(ctx, async (trx) => {
    const x = await managedActivity(trx, ctx, id);
    if (x.status !== 'draft' && x.status !== 'published') throw wrongStatus(x.status);
    await trx.updateTable('activity').set({ status: 'cancelled', cancel_reason: reason.trim(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'activity.cancel', entityType: 'activity', entityId: id, orgPath: x.org_path, detail: { reason } });
  });
  return getActivity(ctx, id);
}

/** The viewer's own place on each activity (a resident's list and detail show it). */
async function minesOf(ctx: AuthedCtx, activityIds: number[]): Promise<Map<number, MineInput>> {
  const out = new Map<number, MineInput>();
  if (!policy.canSelf(ctx.actor)) return out;
  const v = await repo.volunteerByUser(ctx.deps.db, ctx.actor.userId);
  if (!v) return out;
  for (const s of await repo.signupsOfVolunteer(ctx.deps.db, v.id, activityIds)) {
    const position = s.status === 'waiting' ? await repo.waitingPosition(ctx.deps.db, s.activity_id, s.id) : null;
    out.set(s.activity_id, { ...s, position });
  }
  return out;
}

export async function getActivity(ctx: AuthedCtx, id: number) {
  const x = await repo.activityById(ctx.deps.db, id);
  if (!x || !policy.seesActivity(ctx.actor, { orgPath: x.org_path, status: x.status })) throw errors.notFound('activity');
  const mine = await minesOf(ctx, [id]);
  return presentActivity(ctx.actor, x, mine.get(id) ?? null);
}

async function underPathOf(ctx: AuthedCtx, orgId: number | undefined) {
  if (orgId === undefined) return null;
  const o = await repo.orgById(ctx.deps.db, orgId);
  if (!o) throw errors.field('orgId', { zh: '组织不存在', en: 'no such org' });
  return o.path;
}

function checkFilter(f: repo.ActivityFilter) {
  const fields = checkTimes({ from: f.from, to: f.to });
  if (Object.keys(fields).length) throw errors.validation(fields);
}

export async function listActivities(ctx: AuthedCtx, f: repo.ActivityFilter, page: PageQuery) {
  checkFilter(f);
  const staff = policy.canRead(ctx.actor);
  if (!staff && !policy.canSelf(ctx.actor)) throw errors.forbidden();
  const under = await underPathOf(ctx, f.orgId);
  const rows = await repo.listActivities(ctx.deps.db, ctx.actor, staff, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countActivities(ctx.deps.db, ctx.actor, staff, f, under));
  const mine = await minesOf(ctx, rows.map((r) => r.id));
  return paged(rows.map((r) => presentActivity(ctx.actor, r, mine.get(r.id) ?? null)), total, page);
}

export const ACTIVITY_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 },
  { header: en ? 'Title' : '活动名称', key: 'title', width: 28 },
  { header: en ? 'Kind' : '类型', key: 'kind', width: 10 },
  { header: en ? 'Organizer' : '组织方', key: 'orgName', width: 22 },
  { header: en ? 'Place' : '地点', key: 'place', width: 24 },
  { header: en ? 'Starts' : '开始时间', key: 'startsAt', width: 22 },
  { header: en ? 'Ends' : '结束时间', key: 'endsAt', width: 22 },
  { header: en ? 'Capacity' : '名额', key: 'capacity', width: 8 },
  { header: en ? 'Signed up' : '已报名', key: 'signed', width: 8 },
  { header: en ? 'Waiting' : '候补', key: 'waiting', width: 8 },
  { header: en ? 'Status' : '状态', key: 'status', width: 10 },
];
const KIND_ZH: Record<string, string> = { volunteer: '志愿服务', party: '党员活动', culture: '文体活动' };
const STATUS_ZH: Record<string, string> = { draft: '草稿', published: '已发布', cancelled: '已取消', finished: '已结束' };

export async function* exportActivities(ctx: AuthedCtx, f: repo.ActivityFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  checkFilter(f);
  const en = ctx.meta.lang === 'en';
  const under = await underPathOf(ctx, f.orgId);
  for await (const x of repo.batches((after) => repo.activityBatch(ctx.deps.db, ctx.actor, f, under, after, 1000), 1000)) {
    yield {
      id: x.id, title: x.title, kind: en ? x.kind : KIND_ZH[x.kind], orgName: x.org_name, place: x.place,
      startsAt: iso(x.starts_at), endsAt: iso(x.ends_at), capacity: x.capacity, signed: x.signed_count, waiting: x.waiting_count,
      status: en ? x.status : STATUS_ZH[x.status],
    };
  }
}

import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { requireMyVolunteer } from './service-volunteers.js';
import { getActivity, wrongStatus } from './service-activities.js';
import { hoursOf, missingSkills, SKILLS } from './rules.js';
import { iso } from './present.js';

/**
 * Sign-up with a waiting list. Every change to an activity's places locks the activity row
 * first, so racing sign-ups for the last place queue on it and never exceed the capacity
 * (the row's CHECK signed_count <= capacity is the last line). Cancelling a place promotes
 * the first in the queue in the same transaction.
 */
export async function signUp(ctx: AuthedCtx, activityId: number) {
  const v = await requireMyVolunteer(ctx);
  await inTransaction(ctx, async (trx) => {
    const x = await repo.lockActivity(trx, activityId);
    if (!x || !policy.residentSees(ctx.actor, x.org_path) || x.status === 'draft') throw errors.notFound('activity');
    if (x.status !== 'published') throw wrongStatus(x.status);
    if (new Date(x.ends_at).getTime() <= Date.now()) throw errors.conflict('ACTIVITY_ENDED', { zh: '活动已结束，不能报名', en: 'The activity has ended' });
    const missing = missingSkills(x.required_skills, v.skills);
    if (missing.length) {
      const zh = missing.map((m) => SKILL_ZH[m] ?? m).join('、');
      throw errors.conflict('SKILLS_MISSING', { zh: `此活动要求以下技能：${zh}。请在志愿者资料中补充后再报名`, en: `This activity requires: ${missing.join(', ')}. Add them to your volunteer profile first` });
    }
    const prior = await trx.selectFrom('signup').selectAll().where('activity_id', '=', activityId).where('volunteer_id', '=', v.id).forUpdate().executeTakeFirst();
    if (prior && prior.status !== 'cancelled') return; // already has a place or a queue number: nothing changes
    const status = x.signed_count < x.capacity ? 'signedUp' as const : 'waiting' as const;
    const now = new Date();
    const row = prior
      ? await trx.updateTable('signup').set({ status, queued_at: now, check_in_at: null, check_out_at: null, check_in_method: null, updated_at: now }).where('id', '=', prior.id).returning('id').executeTakeFirstOrThrow()
      : await trx.insertInto('signup').values({ activity_id: activityId, volunteer_id: v.id, org_id: x.org_id, org_path: x.org_path, status, queued_at: now }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('activity').set(status === 'signedUp' ? { signed_count: x.signed_count + 1 } : { waiting_count: x.waiting_count + 1 }).where('id', '=', activityId).execute();
    await recordAudit(trx, ctx, { action: status === 'signedUp' ? 'signup.create' : 'signup.queue', entityType: 'signup', entityId: row.id, orgPath: x.org_path, detail: { activityId } });
  });
  return getActivity(ctx, activityId);
}

export async function cancelSignup(ctx: AuthedCtx, activityId: number) {
  const v = await requireMyVolunteer(ctx);
  await inTransaction(ctx, async (trx) => {
    const x = await repo.lockActivity(trx, activityId);
    if (!x || !policy.residentSees(ctx.actor, x.org_path) || x.status === 'draft') throw errors.notFound('activity');
    if (x.status !== 'published') throw wrongStatus(x.status);
    const mine = await trx.selectFrom('signup').selectAll().where('activity_id', '=', activityId).where('volunteer_id', '=', v.id).forUpdate().executeTakeFirst();
    if (!mine || mine.status === 'cancelled') throw errors.notFound('signup');
    if (mine.check_in_at) throw errors.conflict('ALREADY_CHECKED_IN', { zh: '已签到，不能取消报名；请联系组织者', en: 'You have checked in; ask the organizer instead' });
    const now = new Date();
    await trx.updateTable('signup').set({ status: 'cancelled', updated_at: now }).where('id', '=', mine.id).execute();
    let promoted: number | null = null;
    if (mine.status === 'signedUp') {
      const next = await repo.firstWaiting(trx, activityId);
      if (next) {
        await trx.updateTable('signup').set({ status: 'signedUp', updated_at: now }).where('id', '=', next.id).execute();
        await trx.updateTable('activity').set({ waiting_count: x.waiting_count - 1 }).where('id', '=', activityId).execute();
        promoted = next.id;
      } else {
        await trx.updateTable('activity').set({ signed_count: x.signed_count - 1 }).where('id', '=', activityId).execute();
      }
    } else {
      await trx.updateTable('activity').set({ waiting_count: x.waiting_count - 1 }).where('id', '=', activityId).execute();
    }
    await recordAudit(trx, ctx, { action: 'signup.cancel', entityType: 'signup', entityId: mine.id, orgPath: x.org_path, detail: { activityId, promotedSignupId: promoted } });
  });
  return getActivity(ctx, activityId);
}

export async function myActivities(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.canSelf(ctx.actor)) throw errors.forbidden();
  const v = await repo.volunteerByUser(ctx.deps.db, ctx.actor.userId);
  if (!v) return paged([], 0, page);
  const rows = await repo.myActivities(ctx.deps.db, v.id, page);
  const total = rows.length ? rows[0].total : 0;
  return paged(rows.map((r) => ({
    signupId: r.signup_id, activityId: r.activity_id, title: r.title, kind: r.kind, place: r.place, startsAt: iso(r.starts_at)!, endsAt: iso(r.ends_at)!,
    activityStatus: r.activity_status, status: r.status, checkInAt: iso(r.check_in_at), checkOutAt: iso(r.check_out_at),
    hours: r.minutes === null ? null : hoursOf(r.minutes), points: r.points, confirmedAt: iso(r.confirmed_at),
  })), total, page);
}

export const SKILL_ZH: Record<string, string> = {
  elderCare: '助老', childCare: '托幼', medical: '医疗', firstAid: '急救', psychology: '心理疏导', legal: '法律咨询', teaching: '教学辅导', repair: '维修',
  cleaning: '环境清洁', driving: '驾驶', cooking: '烹饪', photography: '摄影', cultureArts: '文艺', sports: '体育', it: '信息技术', translation: '翻译',
};

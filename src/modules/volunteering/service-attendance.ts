import crypto from 'node:crypto';
import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { poolAccount, post, volunteerAccount } from '../points/ledger.js';
import { addMemberHours } from '../partners/service-claims.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { requireMyVolunteer } from './service-volunteers.js';
import { checkTimes, getActivity, managedActivity, wrongStatus } from './service-activities.js';
import { presentActivity, iso } from './present.js';
import {
  acceptedWindows, attendancePoints, chinaDay, creditedMinutes, hoursOf, qrPayload, qrWindow, QR_WINDOW_MS, scanOpen, type PointRuleSpec,
} from './rules.js';

/**
 * Attendance: the organizer's screen shows a QR code that rotates every minute; it opens
 * /m/checkin/:id?t=<token> on the volunteer's phone, which posts the token back. The token
 * is `mode-minute-HMAC` (keyed by the server's lookup-hash key) over the activity, the mode and the minute,
 * so it cannot be forged or reused later. The organizer may also mark times by hand and
 * correct them until confirming; confirming pays the points through the ledger.
 */
const mac = (ctx: AuthedCtx, activityId: number, mode: 'in' | 'out', window: number) =>
  ctx.deps.cipher.lookupHash(qrPayload(activityId, mode, window)).slice(0, 32);

export async function qrToken(ctx: AuthedCtx, activityId: number, mode: 'in' | 'out') {
  const x = await repo.activityById(ctx.deps.db, activityId);
  if (!x || !policy.seesActivity(ctx.actor, { orgPath: x.org_path, status: x.status })) throw errors.notFound('activity');
  if (!policy.canManageAt(ctx.actor, x.org_path)) throw errors.forbidden();
  if (x.status !== 'published') throw wrongStatus(x.status);
  const now = Date.now();
  const w = qrWindow(now);
  // '-' separates the parts: a dot would make the phone URL look like a file to the web fallback.
  const token = `${mode}-${w}-${mac(ctx, activityId, mode, w)}`;
  return { token, mode, path: `/m/checkin/${activityId}?t=${encodeURIComponent(token)}`, expiresInSeconds: Math.ceil(((w + 1) * QR_WINDOW_MS - now) / 1000) };
}

const badToken = () => errors.badRequest('QR_EXPIRED', { zh: '二维码已过期或无效，请重新扫描组织者屏幕上的二维码', en: 'The QR code has expired or is not valid; scan the one on the organizer\'s screen again' });

function readToken(ctx: AuthedCtx, activityId: number, token: string): 'in' | 'out' {
  const [mode, win, given] = token.split('-');
  if ((mode !== 'in' && mode !== 'out') || !/^\d+$/.test(win ?? '') || !given) throw badToken();
  const w = Number(win);
  if (!acceptedWindows(Date.now()).includes(w)) throw badToken();
  const want = Buffer.from(mac(ctx, activityId, mode, w));
  const got = Buffer.from(given);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) throw badToken();
  return mode;
}

/** The volunteer's phone posts the scanned token: check-in, or check-out with the 'out' code. */
export async function scan(ctx: AuthedCtx, activityId: number, token: string) {
  const v = await requireMyVolunteer(ctx);
  const mode = readToken(ctx, activityId, token);
  await inTransaction(ctx, async (trx) => {
    const x = await repo.lockActivity(trx, activityId);
    if (!x || !policy.residentSees(ctx.actor, x.org_path) || x.status === 'draft') throw errors.notFound('activity');
    if (x.status !== 'published') throw wrongStatus(x.status);
    const now = new Date();
    if (!scanOpen(mode, now, new Date(x.starts_at), new Date(x.ends_at))) {
      throw errors.conflict('SCAN_CLOSED', mode === 'in'
        ? { zh: '不在签到时间内（活动开始前 1 小时至结束）', en: 'Check-in is open from an hour before the start until the end' }
        : { zh: '不在签退时间内（活动开始至结束后 2 小时）', en: 'Check-out is open from the start until two hours after the end' });
    }
    const s = await trx.selectFrom('signup').selectAll().where('activity_id', '=', activityId).where('volunteer_id', '=', v.id).forUpdate().executeTakeFirst();
    if (!s || s.status === 'cancelled') throw errors.conflict('NOT_SIGNED_UP', { zh: '您未报名此活动', en: 'You have not signed up for this activity' });
    if (s.status === 'waiting') throw errors.conflict('ON_WAITING_LIST', { zh: '您仍在候补名单中，尚未获得名额', en: 'You are still on the waiting list' });
    if (mode === 'in') {
      if (s.check_in_at) return; // a second scan changes nothing
      await trx.updateTable('signup').set({ check_in_at: now, check_in_method: 'qr', updated_at: now }).where('id', '=', s.id).execute();
    } else {
      if (!s.check_in_at) throw errors.conflict('NOT_CHECKED_IN', { zh: '请先签到再签退', en: 'Check in before checking out' });
      await trx.updateTable('signup').set({ check_out_at: now, updated_at: now }).where('id', '=', s.id).execute();
    }
    await recordAudit(trx, ctx, { action: mode === 'in' ? 'signup.checkIn' : 'signup.checkOut', entityType: 'signup', entityId: s.id, orgPath: x.org_path, detail: { activityId, method: 'qr' } });
  });
  return getActivity(ctx, activityId);
}

/** The organizer marks or corrects one volunteer's times by hand (before confirming). */
export async function markAttendance(ctx: AuthedCtx, signupId: number, input: { checkInAt: string | null; checkOutAt: string | null }) {
  const s0 = await ctx.deps.db.selectFrom('signup').select(['activity_id', 'org_path']).where('id', '=', signupId).executeTakeFirst();
  if (!s0 || !policy.canReadAt(ctx.actor, s0.org_path)) throw errors.notFound('signup');
  const bad = checkTimes({ checkInAt: input.checkInAt, checkOutAt: input.checkOutAt });
  if (Object.keys(bad).length) throw errors.validation(bad);
  const inAt = input.checkInAt ? new Date(input.checkInAt) : null;
  const outAt = input.checkOutAt ? new Date(input.checkOutAt) : null;
  if (outAt && !inAt) throw errors.field('checkInAt', { zh: '有签退时间时须填写签到时间', en: 'is required with a check-out time' });
  if (inAt && outAt && outAt < inAt) throw errors.field('checkOutAt', { zh: '须不早于签到时间', en: 'must not be before the check-in' });
  await inTransaction(ctx, async (trx) => {
    const x = await managedActivity(trx, ctx, s0.activity_id);
    if (x.status !== 'published') throw wrongStatus(x.status);
    const day = 86400_000;
    if ((inAt && Math.abs(inAt.getTime() - new Date(x.starts_at).getTime()) > day) || (outAt && Math.abs(outAt.getTime() - new Date(x.ends_at).getTime()) > day)) {
      throw errors.field(inAt && Math.abs(inAt.getTime() - new Date(x.starts_at).getTime()) > day ? 'checkInAt' : 'checkOutAt',
        { zh: '须在活动时间前后一天内', en: 'must be within a day of the activity' });
    }
    const s = await trx.selectFrom('signup').selectAll().where('id', '=', signupId).forUpdate().executeTakeFirstOrThrow();
    if (s.status !== 'signedUp') throw errors.conflict('NOT_SIGNED_UP', { zh: '只能为已获得名额的报名者登记考勤', en: 'Only volunteers with a place can be marked' });
    await trx.updateTable('signup').set({ check_in_at: inAt, check_out_at: outAt, check_in_method: inAt ? 'manual' : null, updated_at: new Date() }).where('id', '=', signupId).execute();
    await recordAudit(trx, ctx, {
      action: 'signup.mark', entityType: 'signup', entityId: signupId, orgPath: x.org_path,
      detail: { activityId: x.id, before: { checkInAt: iso(s.check_in_at), checkOutAt: iso(s.check_out_at) }, after: { checkInAt: iso(inAt), checkOutAt: iso(outAt) } },
    });
  });
  return sheet(ctx, s0.activity_id);
}

const ruleOf = (x: repo.ActivityView): PointRuleSpec => ({ pointRule: x.point_rule, pointsPerHour: x.points_per_hour, pointsFixed: x.points_fixed, dayCap: x.day_cap });

/** The attendance sheet with what confirming now would pay each volunteer (rule and day cap). */
export async function sheet(ctx: AuthedCtx, activityId: number) {
  const db = ctx.deps.db;
  const x = await repo.activityById(db, activityId);
  if (!x || !policy.canReadAt(ctx.actor, x.org_path)) throw errors.notFound('activity');
  const rows = await repo.sheetRows(db, activityId);
  const day = chinaDay(new Date(x.starts_at));
  let position = 0;
  let totalPreview = 0;
  const items = [];
  for (const r of rows) {
    const minutes = r.confirmed_at ? r.minutes ?? 0 : creditedMinutes(r.check_in_at, r.check_out_at, new Date(x.starts_at), new Date(x.ends_at));
    const preview = r.confirmed_at ? r.points ?? 0
      : r.status === 'signedUp' && minutes > 0 ? attendancePoints(ruleOf(x), minutes, await repo.earnedOnDay(db, r.volunteer_id, day, activityId)) : 0;
    if (!r.confirmed_at) totalPreview += preview;
    items.push({
      id: r.id, volunteerId: r.volunteer_id, name: r.name, phoneMasked: r.phone_masked, skills: r.skills, status: r.status,
      waitingPosition: r.status === 'waiting' ? ++position : null, queuedAt: iso(r.queued_at)!, checkInAt: iso(r.check_in_at), checkOutAt: iso(r.check_out_at),
      checkInMethod: r.check_in_method, hours: hoursOf(minutes), previewPoints: preview, points: r.points, confirmedAt: iso(r.confirmed_at),
    });
  }
  return { activity: presentActivity(ctx.actor, x), items, totalPreviewPoints: totalPreview };
}

/**
 * Confirming attendance finishes the activity and pays each attended volunteer through the
 * ledger ('earn' from the community's pool, key earn:attendance:<signup id>), all in one
 * transaction with the audit record. A pool short of points refuses the whole confirmation
 * (409 INSUFFICIENT_POINTS, nothing written). Confirming again pays nothing: the activity is
 * finished, and the ledger keys would refuse a second payment anyway.
 */
export async function confirmAttendance(ctx: AuthedCtx, activityId: number) {
  const result = await inTransaction(ctx, async (trx) => {
    const x = await managedActivity(trx, ctx, activityId);
    if (x.status === 'finished') return { paidCount: 0, paidPoints: 0, alreadyConfirmed: true };
    if (x.status !== 'published') throw wrongStatus(x.status);
    if (new Date(x.starts_at).getTime() > Date.now()) throw errors.conflict('ACTIVITY_NOT_STARTED', { zh: '活动尚未开始，不能确认考勤', en: 'The activity has not started yet' });
    const rows = (await repo.sheetRows(trx, activityId)).filter((r) => r.status === 'signedUp').sort((a, b) => a.volunteer_id - b.volunteer_id);
    // Volunteers locked in id order: a confirmation of another activity on the same day waits, so the day cap holds.
    if (rows.length) await trx.selectFrom('volunteer').select('id').where('id', 'in', rows.map((r) => r.volunteer_id)).orderBy('id').forUpdate().execute();
    const day = chinaDay(new Date(x.starts_at));
    const actCommunity = await repo.communityOn(trx, x.org_path);
    let paidCount = 0;
    let paidPoints = 0;
    const now = new Date();
    for (const r of rows) {
      const minutes = creditedMinutes(r.check_in_at, r.check_out_at, new Date(x.starts_at), new Date(x.ends_at));
      const points = minutes > 0 ? attendancePoints(ruleOf(x), minutes, await repo.earnedOnDay(trx, r.volunteer_id, day, activityId)) : 0;
      let txnId: number | null = null;
      if (points > 0) {
        // A street's activity is paid from the pool of the volunteer's own community.
        const community = actCommunity ?? await repo.communityOn(trx, r.volunteer_org_path);
        if (!community) throw errors.conflict('NO_POOL', { zh: `志愿者 ${r.name} 不属于任何社区，无法发放积分`, en: `Volunteer ${r.name} belongs to no community whose pool could pay` });
        const pool = await poolAccount(trx, community);
        const to = await volunteerAccount(trx, { id: r.user_id, orgId: r.volunteer_org_id, orgPath: r.volunteer_org_path });
        const posted = await post(trx, ctx, {
          idemKey: `earn:attendance:${r.id}`, kind: 'earn', amount: points, from: pool.id, to: to.id, orgId: community.id, orgPath: community.path,
          reason: `志愿服务：${x.title}`, refType: 'attendance', refId: r.id,
        });
        txnId = posted.txnId;
        paidCount++;
        paidPoints += points;
      }
      await trx.updateTable('signup').set({ minutes, points, confirmed_at: now, confirmed_by: ctx.actor.userId, ledger_txn_id: txnId, updated_at: now }).where('id', '=', r.id).execute();
      if (minutes > 0) {
        await trx.updateTable('volunteer').set((eb) => ({ confirmed_minutes: eb('confirmed_minutes', '+', minutes) })).where('id', '=', r.volunteer_id).execute();
        // A 双报到 party member's service hours count toward their annual score (the year of confirmation, as the partners recompute counts them).
        await addMemberHours(trx, r.user_id, now, minutes / 60);
      }
    }
    await trx.updateTable('activity').set({ status: 'finished', finished_at: now, updated_at: now }).where('id', '=', activityId).execute();
    await recordAudit(trx, ctx, { action: 'activity.confirm', entityType: 'activity', entityId: activityId, orgPath: x.org_path, detail: { attendees: rows.length, paidCount, paidPoints } });
    return { paidCount, paidPoints, alreadyConfirmed: false };
  });
  return { activity: await getActivity(ctx, activityId), ...result };
}

export const ATTENDANCE_COLUMNS = (en: boolean) => [
  { header: en ? 'Name' : '姓名', key: 'name' },
  { header: en ? 'Phone (masked)' : '电话（脱敏）', key: 'phone' },
  { header: en ? 'Status' : '报名状态', key: 'status', width: 10 },
  { header: en ? 'Waiting no.' : '候补序号', key: 'waiting', width: 10 },
  { header: en ? 'Check-in' : '签到时间', key: 'checkInAt', width: 22 },
  { header: en ? 'Check-out' : '签退时间', key: 'checkOutAt', width: 22 },
  { header: en ? 'Method' : '方式', key: 'method', width: 8 },
  { header: en ? 'Hours' : '时长（小时）', key: 'hours', width: 10 },
  { header: en ? 'Points' : '积分', key: 'points', width: 8 },
  { header: en ? 'Confirmed' : '确认时间', key: 'confirmedAt', width: 22 },
];
const SIGNUP_ZH: Record<string, string> = { signedUp: '已报名', waiting: '候补', cancelled: '已取消' };

export async function* exportAttendance(ctx: AuthedCtx, activityId: number): AsyncGenerator<Record<string, unknown>> {
  const en = ctx.meta.lang === 'en';
  const s = await sheet(ctx, activityId);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'activity.exportAttendance', entityType: 'activity', entityId: activityId }));
  for (const r of s.items) {
    yield {
      name: r.name, phone: r.phoneMasked ?? '', status: en ? r.status : SIGNUP_ZH[r.status], waiting: r.waitingPosition ?? '',
      checkInAt: r.checkInAt ?? '', checkOutAt: r.checkOutAt ?? '', method: r.checkInMethod ?? '', hours: r.hours,
      points: r.confirmedAt ? r.points ?? 0 : r.previewPoints, confirmedAt: r.confirmedAt ?? '',
    };
  }
}

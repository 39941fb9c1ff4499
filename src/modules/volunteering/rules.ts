/**
 * Volunteering rules, pure: vocabularies, credited time, points, day caps, star levels and
 * the check-in QR token windows. Documented in docs/volunteering.md.
 */
export const SKILLS = [
  'elderCare', 'childCare', 'medical', 'firstAid', 'psychology', 'legal', 'teaching', 'repair',
  'cleaning', 'driving', 'cooking', 'photography', 'cultureArts', 'sports', 'it', 'translation',
] as const;
export type Skill = (typeof SKILLS)[number];

export const AVAILABILITY = [
  'weekdayMorning', 'weekdayAfternoon', 'weekdayEvening', 'weekendMorning', 'weekendAfternoon', 'weekendEvening',
] as const;

/** Credited time is counted in whole half hours, rounded down (29 min → 0, 59 min → 30). */
export const CREDIT_STEP_MINUTES = 30;

/**
 * Minutes credited for one attendance: check-out − check-in, clipped to the activity's own
 * time window (arriving early or leaving late earns nothing extra), rounded down to the
 * half hour. No check-out (or no check-in) credits nothing.
 */
export function creditedMinutes(checkIn: Date | null, checkOut: Date | null, startsAt: Date, endsAt: Date): number {
  if (!checkIn || !checkOut) return 0;
  const from = Math.max(checkIn.getTime(), startsAt.getTime());
  const to = Math.min(checkOut.getTime(), endsAt.getTime());
  if (to <= from) return 0;
  const minutes = Math.floor((to - from) / 60_000);
  return minutes - (minutes % CREDIT_STEP_MINUTES);
}

export interface PointRuleSpec { pointRule: 'perHour' | 'perActivity'; pointsPerHour: number; pointsFixed: number; dayCap: number }

/**
 * Points before the day cap. Per hour: points per hour × credited hours, rounded down to
 * whole points (credited time is in half hours, so 5 points/h for 1.5 h gives 7).
 * Per activity: the fixed points once any time is credited.
 */
export function rawPoints(rule: PointRuleSpec, minutes: number): number {
  if (minutes <= 0) return 0;
  if (rule.pointRule === 'perActivity') return rule.pointsFixed;
  return Math.floor((rule.pointsPerHour * minutes) / 60);
}

/** What fits under the day cap, given what the volunteer already earned that day from activities. */
export function capped(raw: number, dayCap: number, earnedToday: number): number {
  return Math.max(0, Math.min(raw, dayCap - earnedToday));
}

/** Points paid for one attendance: the rule, then the activity's cap for the volunteer's day. */
export function attendancePoints(rule: PointRuleSpec, minutes: number, earnedToday: number): number {
  return capped(rawPoints(rule, minutes), rule.dayCap, earnedToday);
}

/**
 * Several attendances of one volunteer on one day, in the order they are confirmed: each is
 * capped by its own activity's cap against everything paid before it that day.
 */
export function allocateDay(items: { rule: PointRuleSpec; minutes: number }[], earnedBefore = 0): number[] {
  let earned = earnedBefore;
  return items.map((i) => {
    const p = attendancePoints(i.rule, i.minutes, earned);
    earned += p;
    return p;
  });
}

/** The calendar day in China time (UTC+8, no daylight saving) that an activity's start falls on. */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 全国志愿服务星级: cumulative hours for one to five stars. */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

export function starLevel(totalMinutes: number): number {
  const hours = totalMinutes / 60;
  let level = 0;
  for (const h of STAR_HOURS) if (hours >= h) level++;
  return level;
}

/** Hours still needed for the next star, or null at five stars. */
export function hoursToNextStar(totalMinutes: number): number | null {
  const level = starLevel(totalMinutes);
  if (level >= STAR_HOURS.length) return null;
  return Math.round((STAR_HOURS[level] * 60 - totalMinutes) / 6) / 10;
}

/** Hours shown with one decimal (credited time is whole half hours, so this is exact). */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

// ── QR check-in ──
/** A QR token is valid for its minute and the next: the screen rotates every 60 s and a scan in flight still counts. */
export const QR_WINDOW_MS = 60_000;
export const qrWindow = (nowMs: number) => Math.floor(nowMs / QR_WINDOW_MS);
export const qrPayload = (activityId: number, mode: 'in' | 'out', window: number) => `volunteering/checkin/${activityId}/${mode}/${window}`;
export const acceptedWindows = (nowMs: number) => [qrWindow(nowMs), qrWindow(nowMs) - 1];

/** Check-in opens an hour before the start; check-out closes two hours after the end. */
export const CHECKIN_OPENS_MINUTES = 60;
export const CHECKOUT_CLOSES_MINUTES = 120;

export function scanOpen(mode: 'in' | 'out', now: Date, startsAt: Date, endsAt: Date): boolean {
  const t = now.getTime();
  if (mode === 'in') return t >= startsAt.getTime() - CHECKIN_OPENS_MINUTES * 60_000 && t <= endsAt.getTime();
  return t >= startsAt.getTime() && t <= endsAt.getTime() + CHECKOUT_CLOSES_MINUTES * 60_000;
}

/** Required skills are a condition: a volunteer lacking any of them cannot sign up. */
export const missingSkills = (required: readonly string[], has: readonly string[]) => required.filter((s) => !has.includes(s));

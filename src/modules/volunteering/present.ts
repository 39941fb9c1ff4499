import type { Actor } from '../../core/context.js';
import type { SignupRow } from '../../db/schema-volunteering.js';
import { activityActions, canManageAt, canRevealPhone } from './policy.js';
import type { ActivityView } from './repo.js';
import { hoursOf, hoursToNextStar, starLevel } from './rules.js';

/** Records as the API shows them, with what the viewer may do. */
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface VolunteerLike {
  id: number; user_id: number; org_id: number; org_path: string; org_name: string; name: string; skills: string[]; skill_note: string | null;
  availability: string[]; phone_masked: string | null; confirmed_minutes: number; created_at: Date; activity_count: number;
}

export function presentVolunteer(a: Actor, v: VolunteerLike) {
  const actions: string[] = [];
  if (v.phone_masked && canRevealPhone(a, v.org_path)) actions.push('revealPhone');
  if (v.user_id === a.userId) actions.push('edit');
  return {
    id: v.id, userId: v.user_id, orgId: v.org_id, orgName: v.org_name, name: v.name, skills: v.skills, skillNote: v.skill_note,
    availability: v.availability, phoneMasked: v.phone_masked, hours: hoursOf(v.confirmed_minutes), starLevel: starLevel(v.confirmed_minutes),
    hoursToNextStar: hoursToNextStar(v.confirmed_minutes), activityCount: v.activity_count, createdAt: iso(v.created_at)!, actions,
  };
}

export type MineInput = (Pick<SignupRow, 'id' | 'status' | 'check_in_at' | 'check_out_at' | 'minutes' | 'points' | 'confirmed_at'> & { position: number | null }) | null;

export function presentActivity(a: Actor, x: ActivityView, mine: MineInput = null) {
  const t = { orgPath: x.org_path, status: x.status, startsAt: new Date(x.starts_at), endsAt: new Date(x.ends_at) };
  const place = mine ? { status: mine.status, confirmed: mine.confirmed_at !== null } : null;
  return {
    id: x.id, orgId: x.org_id, orgName: x.org_name, kind: x.kind, title: x.title, description: x.description, place: x.place,
    startsAt: iso(x.starts_at)!, endsAt: iso(x.ends_at)!, capacity: x.capacity, signedCount: x.signed_count, waitingCount: x.waiting_count,
    placesLeft: Math.max(0, x.capacity - x.signed_count), requiredSkills: x.required_skills, pointRule: x.point_rule,
    pointsPerHour: x.points_per_hour, pointsFixed: x.points_fixed, dayCap: x.day_cap, status: x.status, cancelReason: x.cancel_reason,
    publishedAt: iso(x.published_at), finishedAt: iso(x.finished_at), createdAt: iso(x.created_at)!,
    mine: mine ? {
      id: mine.id, status: mine.status, waitingPosition: mine.status === 'waiting' ? mine.position : null,
      checkInAt: iso(mine.check_in_at), checkOutAt: iso(mine.check_out_at), hours: mine.minutes === null ? null : hoursOf(mine.minutes),
      points: mine.points, confirmed: mine.confirmed_at !== null,
    } : null,
    actions: activityActions(a, t, place),
  };
}

export const isStaffFor = (a: Actor, orgPath: string) => canManageAt(a, orgPath);
export { iso };

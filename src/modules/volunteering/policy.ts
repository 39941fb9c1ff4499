import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';
import type { ActivityStatus } from '../../db/schema-volunteering.js';

/**
 * Volunteering policy, pure functions of actor and record.
 * - Staff with volunteer.read see volunteers and activities in their subtree; with
 *   volunteer.manage they organize activities of orgs in their subtree (street, community, grid).
 * - A resident (volunteer.self) sees activities organized on their own path: by their
 *   street or community above them, or by a grid below their org.
 */
export type ActivityAction = 'edit' | 'publish' | 'cancel' | 'attendance' | 'confirm' | 'signup' | 'cancelSignup' | 'checkIn';

export const canSelf = (a: Actor) => hasPermission(a.role, 'volunteer.self');
export const canRead = (a: Actor) => hasPermission(a.role, 'volunteer.read');
export const canManageAt = (a: Actor, orgPath: string) => hasPermission(a.role, 'volunteer.manage') && pathInScope(a, orgPath);
export const canReadAt = (a: Actor, orgPath: string) => canRead(a) && pathInScope(a, orgPath);
export const canRevealPhone = (a: Actor, orgPath: string) => hasPermission(a.role, 'resident.reveal') && pathInScope(a, orgPath);

/** A resident sees an activity organized above them (their street, community) or below their org. */
export const residentSees = (a: Actor, activityPath: string) => canSelf(a) && (a.orgPath.startsWith(activityPath) || activityPath.startsWith(a.orgPath));

export const seesActivity = (a: Actor, t: { orgPath: string; status: ActivityStatus }) =>
  canReadAt(a, t.orgPath) || (t.status !== 'draft' && residentSees(a, t.orgPath));

export const ORGANIZER_LEVELS = ['street', 'community', 'grid'] as const;

export interface ActivityTarget { orgPath: string; status: ActivityStatus; endsAt: Date; startsAt: Date }
export interface MyPlace { status: 'signedUp' | 'waiting' | 'cancelled'; confirmed: boolean }

/** What the actor may do with the activity as it stands (records carry this list). */
export function activityActions(a: Actor, t: ActivityTarget, mine: MyPlace | null, now = new Date()): ActivityAction[] {
  const out: ActivityAction[] = [];
  if (canManageAt(a, t.orgPath)) {
    if (t.status === 'draft') out.push('edit', 'publish', 'cancel');
    if (t.status === 'published') {
      out.push('cancel', 'attendance');
      if (now.getTime() >= t.startsAt.getTime()) out.push('confirm');
    }
    if (t.status === 'finished') out.push('attendance');
  }
  if (residentSees(a, t.orgPath) && t.status === 'published') {
    const open = mine === null || mine.status === 'cancelled';
    if (open && now.getTime() < t.endsAt.getTime()) out.push('signup');
    if (!open && !mine!.confirmed) out.push('cancelSignup');
    if (mine?.status === 'signedUp') out.push('checkIn');
  }
  return out;
}

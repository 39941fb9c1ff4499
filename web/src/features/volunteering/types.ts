/** Shapes of the volunteering API (src/modules/volunteering/schema.ts). */
export type ActivityKind = 'volunteer' | 'party' | 'culture';
export type ActivityStatus = 'draft' | 'published' | 'cancelled' | 'finished';
export type SignupStatus = 'signedUp' | 'waiting' | 'cancelled';
export type PointRule = 'perHour' | 'perActivity';

export const SKILLS = [
  'elderCare', 'childCare', 'medical', 'firstAid', 'psychology', 'legal', 'teaching', 'repair',
  'cleaning', 'driving', 'cooking', 'photography', 'cultureArts', 'sports', 'it', 'translation',
] as const;
export const AVAILABILITY = ['weekdayMorning', 'weekdayAfternoon', 'weekdayEvening', 'weekendMorning', 'weekendAfternoon', 'weekendEvening'] as const;
export const KINDS: ActivityKind[] = ['volunteer', 'party', 'culture'];
export const STATUSES: ActivityStatus[] = ['draft', 'published', 'cancelled', 'finished'];

export interface Volunteer {
  id: number; userId: number; orgId: number; orgName: string; name: string; skills: string[]; skillNote: string | null;
  availability: string[]; phoneMasked: string | null; hours: number; starLevel: number; hoursToNextStar: number | null;
  activityCount: number; createdAt: string; actions: string[];
}
export interface RegisterInput { skills: string[]; skillNote?: string | null; availability: string[]; phone?: string | null }

export interface MySignup { id: number; status: SignupStatus; waitingPosition: number | null; checkInAt: string | null; checkOutAt: string | null; hours: number | null; points: number | null; confirmed: boolean }
export interface Activity {
  id: number; orgId: number; orgName: string; kind: ActivityKind; title: string; description: string; place: string;
  startsAt: string; endsAt: string; capacity: number; signedCount: number; waitingCount: number; placesLeft: number;
  requiredSkills: string[]; pointRule: PointRule; pointsPerHour: number; pointsFixed: number; dayCap: number;
  status: ActivityStatus; cancelReason: string | null; publishedAt: string | null; finishedAt: string | null; createdAt: string;
  mine: MySignup | null; actions: string[];
}
export interface ActivityInput {
  orgId?: number; kind: ActivityKind; title: string; description?: string; place: string; startsAt: string; endsAt: string; capacity: number;
  requiredSkills?: string[]; pointRule: PointRule; pointsPerHour?: number; pointsFixed?: number; dayCap: number;
}
export interface ActivityFilter { q?: string; kind?: ActivityKind; status?: ActivityStatus; upcoming?: boolean }

export interface SheetRow {
  id: number; volunteerId: number; name: string; phoneMasked: string | null; skills: string[]; status: SignupStatus; waitingPosition: number | null;
  queuedAt: string; checkInAt: string | null; checkOutAt: string | null; checkInMethod: string | null; hours: number; previewPoints: number;
  points: number | null; confirmedAt: string | null;
}
export interface Sheet { activity: Activity; items: SheetRow[]; totalPreviewPoints: number }
export interface QrToken { token: string; path: string; mode: 'in' | 'out'; expiresInSeconds: number }
export interface ConfirmResult { activity: Activity; paidCount: number; paidPoints: number; alreadyConfirmed: boolean }
export interface MyActivity {
  signupId: number; activityId: number; title: string; kind: ActivityKind; place: string; startsAt: string; endsAt: string;
  activityStatus: ActivityStatus; status: SignupStatus; checkInAt: string | null; checkOutAt: string | null; hours: number | null; points: number | null; confirmedAt: string | null;
}
export interface MyPoints { balance: number; earned: number; spent: number; held: number }

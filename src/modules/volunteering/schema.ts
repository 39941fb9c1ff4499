import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NStr, Nullable, Str, Text } from '../../core/schemas.js';
import { AVAILABILITY, SKILLS } from './rules.js';

const DateTime = Type.String({ format: 'date-time' });

export const Skill = Type.Enum([...SKILLS]);
export const Availability = Type.Enum([...AVAILABILITY]);
export const ActivityKind = Type.Enum(['volunteer', 'party', 'culture'] as const, { description: '志愿服务 / 党员活动 / 文体活动' });
export const ActivityStatus = Type.Enum(['draft', 'published', 'cancelled', 'finished'] as const);
export const PointRule = Type.Enum(['perHour', 'perActivity'] as const);
export const SignupStatus = Type.Enum(['signedUp', 'waiting', 'cancelled'] as const);

// ── Volunteers ──
export const RegisterBody = Type.Object({
  skills: Type.Array(Skill, { uniqueItems: true, maxItems: SKILLS.length }),
  skillNote: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  availability: Type.Array(Availability, { uniqueItems: true, maxItems: AVAILABILITY.length }),
  phone: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 20 }))),
}, { additionalProperties: false });

export const Volunteer = Type.Object({
  id: Type.Integer(), userId: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str,
  skills: Type.Array(Str), skillNote: NStr, availability: Type.Array(Str), phoneMasked: NStr,
  hours: Type.Number(), starLevel: Type.Integer(), hoursToNextStar: Type.Union([Type.Number(), Type.Null()]),
  activityCount: Type.Integer(), createdAt: Str, actions: Actions,
});
export const VolunteerQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })), skill: Type.Optional(Skill), orgId: Type.Optional(Id), minStar: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
  ...PageQueryFields,
}, { additionalProperties: false });
export const VolunteerExportQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })), skill: Type.Optional(Skill), orgId: Type.Optional(Id), minStar: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
}, { additionalProperties: false });
export const VolunteerPage = Type.Object({ items: Type.Array(Volunteer), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const RevealBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }) }, { additionalProperties: false });

// ── Activities ──
const ActivityFields = {
  kind: ActivityKind, title: Text(100), description: Type.Optional(Type.String({ maxLength: 4000 })), place: Text(200),
  startsAt: DateTime, endsAt: DateTime, capacity: Type.Integer({ minimum: 1, maximum: 10000 }),
  requiredSkills: Type.Optional(Type.Array(Skill, { uniqueItems: true, maxItems: SKILLS.length })),
  pointRule: PointRule, pointsPerHour: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  pointsFixed: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), dayCap: Type.Integer({ minimum: 0, maximum: 100000 }),
};
export const CreateActivityBody = Type.Object({ orgId: Id, ...ActivityFields }, { additionalProperties: false });
export const UpdateActivityBody = Type.Partial(Type.Object(ActivityFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });

export const MySignup = Type.Object({ id: Type.Integer(), status: SignupStatus, waitingPosition: NInt, checkInAt: NStr, checkOutAt: NStr, hours: Type.Union([Type.Number(), Type.Null()]), points: NInt, confirmed: Type.Boolean() });
export const Activity = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, kind: ActivityKind, title: Str, description: Str, place: Str,
  startsAt: Str, endsAt: Str, capacity: Type.Integer(), signedCount: Type.Integer(), waitingCount: Type.Integer(), placesLeft: Type.Integer(),
  requiredSkills: Type.Array(Str), pointRule: PointRule, pointsPerHour: Type.Integer(), pointsFixed: Type.Integer(), dayCap: Type.Integer(),
  status: ActivityStatus, cancelReason: NStr, publishedAt: NStr, finishedAt: NStr, createdAt: Str,
  mine: Nullable(MySignup), actions: Actions,
});
export const ActivityQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })), kind: Type.Optional(ActivityKind), status: Type.Optional(ActivityStatus), orgId: Type.Optional(Id),
  from: Type.Optional(DateTime), to: Type.Optional(DateTime), upcoming: Type.Optional(Type.Boolean({ description: 'only activities not yet ended' })),
  ...PageQueryFields,
}, { additionalProperties: false });
export const ActivityExportQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })), kind: Type.Optional(ActivityKind), status: Type.Optional(ActivityStatus), orgId: Type.Optional(Id),
  from: Type.Optional(DateTime), to: Type.Optional(DateTime),
}, { additionalProperties: false });
export const ActivityPage = Type.Object({ items: Type.Array(Activity), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const CancelBody = Type.Object({ reason: Text(200) }, { additionalProperties: false });

// ── Sign-ups and attendance ──
export const SheetRow = Type.Object({
  id: Type.Integer(), volunteerId: Type.Integer(), name: Str, phoneMasked: NStr, skills: Type.Array(Str), status: SignupStatus,
  waitingPosition: NInt, queuedAt: Str, checkInAt: NStr, checkOutAt: NStr, checkInMethod: NStr,
  hours: Type.Number(), previewPoints: Type.Integer({ description: 'what confirming now would pay (rule and day cap)' }),
  points: NInt, confirmedAt: NStr,
});
export const Sheet = Type.Object({ activity: Activity, items: Type.Array(SheetRow), totalPreviewPoints: Type.Integer() });
export const AttendanceBody = Type.Object({ checkInAt: Nullable(DateTime), checkOutAt: Nullable(DateTime) }, { additionalProperties: false });
export const QrMode = Type.Object({ mode: Type.Optional(Type.Enum(['in', 'out'] as const, { default: 'in' })) }, { additionalProperties: false });
export const QrToken = Type.Object({ token: Str, path: Str, mode: Str, expiresInSeconds: Type.Integer() });
export const CheckInBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) }, { additionalProperties: false });
export const ConfirmResult = Type.Object({ activity: Activity, paidCount: Type.Integer(), paidPoints: Type.Integer(), alreadyConfirmed: Type.Boolean() });

export const MyActivity = Type.Object({
  signupId: Type.Integer(), activityId: Type.Integer(), title: Str, kind: ActivityKind, place: Str, startsAt: Str, endsAt: Str,
  activityStatus: ActivityStatus, status: SignupStatus, checkInAt: NStr, checkOutAt: NStr, hours: Type.Union([Type.Number(), Type.Null()]), points: NInt, confirmedAt: NStr,
});
export const MyActivityQuery = Type.Object({ ...PageQueryFields }, { additionalProperties: false });
export const MyActivityPage = Type.Object({ items: Type.Array(MyActivity), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

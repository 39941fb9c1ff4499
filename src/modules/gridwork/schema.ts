import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NNum, NStr, Nullable, Str, Text } from '../../core/schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (China time)' });
const Month = Type.String({ pattern: '^20\\d{2}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

export const PostKind = Type.Enum(['gridWorker', 'gridAssistant', 'gridHelper'] as const);

// ── Grid posts ──
export const GridPost = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), post: PostKind,
  primaryUserId: NInt, primaryName: Str, backupUserId: NInt, backupName: NStr,
  cardPhone: NStr, cardDuties: NStr, cardPhotoId: NInt, cardPhotoUrl: NStr,
  updatedAt: Str, actions: Actions,
});

const Count = (max: boolean) => Type.Object({ count: Type.Integer(), max: max ? Type.Integer() : Type.Null() });
export const Staffing = Type.Object({
  gridWorker: Count(true), gridAssistant: Count(true), gridHelper: Count(false),
  missingBackups: Type.Integer(), complete: Type.Boolean(),
}, { description: '1+4+X: one grid worker, up to four assistants, any number of helpers; each post needs a B backup' });

export const GridStaffing = Type.Object({
  gridId: Type.Integer(), gridName: Str, staffing: Staffing, posts: Type.Array(GridPost),
  actions: Type.Array(Type.String(), { description: 'create_post when the user may add posts to this grid' }),
});

export const PostsQuery = Type.Object({
  orgId: Type.Optional(Id),
  ...PageQueryFields,
}, { additionalProperties: false });

const HolderFields = {
  primaryUserId: Type.Optional(Nullable(Id)),
  primaryName: Type.Optional(Name),
  backupUserId: Type.Optional(Nullable(Id)),
  backupName: Type.Optional(Nullable(Name)),
  cardPhone: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 30 }))),
  cardDuties: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  cardPhotoId: Type.Optional(Nullable(Id)),
};

export const CreatePostBody = Type.Object({ orgId: Id, post: PostKind, ...HolderFields }, { additionalProperties: false });
export const UpdatePostBody = Type.Object(HolderFields, { additionalProperties: false, minProperties: 1 });

// ── Public card (residents) ──
export const GridCard = Type.Object({
  gridId: Type.Integer(), gridName: Str, post: PostKind, postLabel: Str,
  name: Str, photoUrl: NStr, cardPhone: NStr, cardDuties: NStr, backupName: NStr,
});

// ── Attachments ──
export const Attachment = Type.Object({
  id: Type.Integer(), contentType: Str, size: Type.Integer(), sha256: Str, url: Str, createdAt: Str,
});
export const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'image/jpeg, image/png or image/webp' });

// ── Visits ──
export const Visit = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str,
  householdId: Type.Integer(), householdPlace: Type.String({ description: 'place with the door/room masked' }),
  visitorId: Type.Integer(), visitorName: Str, visitedAt: Str, findings: Str,
  followUp: Type.Boolean(), followUpNote: NStr, followUpDoneAt: NStr,
  photoIds: Type.Array(Type.Integer()), photoUrls: Type.Array(Str), createdAt: Str, actions: Actions,
});

export const CreateVisitBody = Type.Object({
  householdId: Id,
  visitedAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
  findings: Text(2000),
  followUp: Type.Boolean(),
  followUpNote: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  photoIds: Type.Optional(Type.Array(Id, { maxItems: 9, uniqueItems: true })),
}, { additionalProperties: false });

export const UpdateVisitBody = Type.Object({
  followUpDone: Type.Boolean({ description: 'true marks the follow-up done, false reopens it' }),
  followUpNote: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
}, { additionalProperties: false });

const VisitFilterFields = {
  orgId: Type.Optional(Id),
  householdId: Type.Optional(Id),
  visitorId: Type.Optional(Id),
  followUp: Type.Optional(Type.Enum(['open', 'done', 'required', 'none'] as const, { description: 'open: needs follow-up, not done yet' })),
  month: Type.Optional(Month),
};
export const VisitQuery = Type.Object({ ...VisitFilterFields, ...PageQueryFields }, { additionalProperties: false });
export const VisitExportQuery = Type.Object(VisitFilterFields, { additionalProperties: false });

// ── Work logs and meetings ──
export const WorkLog = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, authorId: Type.Integer(), authorName: Str,
  logDate: Str, content: Str, createdAt: Str,
});
export const CreateWorkLogBody = Type.Object({
  logDate: Type.Optional(Day),
  content: Text(5000),
}, { additionalProperties: false });
const WorkLogFilterFields = { orgId: Type.Optional(Id), authorId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day) };
export const WorkLogQuery = Type.Object({ ...WorkLogFilterFields, ...PageQueryFields }, { additionalProperties: false });
export const WorkLogExportQuery = Type.Object(WorkLogFilterFields, { additionalProperties: false });

export const Meeting = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, authorId: Type.Integer(), authorName: Str,
  heldOn: Str, topic: Str, attendees: NStr, notes: Str, createdAt: Str,
});
export const CreateMeetingBody = Type.Object({
  orgId: Id, heldOn: Day, topic: Text(200),
  attendees: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  notes: Text(10000),
}, { additionalProperties: false });
const MeetingFilterFields = { orgId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day) };
export const MeetingQuery = Type.Object({ ...MeetingFilterFields, ...PageQueryFields }, { additionalProperties: false });
export const MeetingExportQuery = Type.Object(MeetingFilterFields, { additionalProperties: false });

// ── Coverage ──
export const CoverageQuery = Type.Object({
  orgId: Type.Optional(Id),
  month: Type.Optional(Month),
}, { additionalProperties: false });

const Completeness = Type.Object({
  phone: NNum, idNumber: NNum, birthDate: NNum, household: NNum, ethnicity: NNum, politicalStatus: NNum,
  overall: Type.Union([Type.Number(), Type.Null()], { description: 'mean of the six field shares' }),
}, { description: 'share (0–1) of active residents with the field set; null without residents' });

const CoverageFigures = {
  householdsTarget: NInt, households: Type.Integer(),
  householdRate: Type.Union([Type.Number(), Type.Null()], { description: 'households / householdsTarget' }),
  householdsVisited: Type.Integer(), visitRate: NNum, residents: Type.Integer(), completeness: Completeness,
};
export const CoverageRow = Type.Object({
  gridId: Type.Integer(), level: Type.Enum(['grid', 'community'] as const, { description: 'community: data not yet assigned to a grid' }),
  name: Str, ...CoverageFigures,
});
export const Coverage = Type.Object({
  orgId: Type.Integer(), orgName: Str, month: Str, rows: Type.Array(CoverageRow), totals: Type.Object(CoverageFigures),
});

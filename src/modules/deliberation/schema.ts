import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NStr, Nullable, Str, Text } from '../../core/schemas.js';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (China time)' });
const Time = Type.String({ format: 'date-time' });
const Search = Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'part of the title or name' }));
const Reason = Text(1000);

export const TopicKind = Type.Enum(['topic', 'wish'] as const);
export const TopicField = Type.Enum(['sanitation', 'security', 'livelihood', 'environment', 'culture', 'property', 'traffic', 'other'] as const);
export const TopicSource = Type.Enum(['resident', 'gridWorker', 'partnerUnit', 'representative', 'worker'] as const);
export const TopicStatus = Type.Enum(['raised', 'accepted', 'deliberating', 'voting', 'adopted', 'rejected', 'implementing', 'done', 'closed', 'merged', 'declined'] as const);
export const MemberKind = Type.Enum(['partyMember', 'buildingHead', 'residentRep', 'partnerUnit', 'other'] as const);
export const MeetingForm = Type.Enum(['committee', 'discussion', 'dialogue', 'hearing', 'review', 'consultation', 'custom'] as const);
export const OwnerKind = Type.Enum(['ownersCommittee', 'residentReps', 'partnerUnit', 'communityWorker', 'other'] as const);
export const TaskStatus = Type.Enum(['open', 'done', 'cancelled'] as const);
export const Outcome = Type.Enum(['adopted', 'rejected'] as const);

// ── Topics and wishes ──
export const Topic = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, kind: TopicKind, title: Str, description: Str, field: TopicField,
  source: TopicSource, raiserName: Str, mine: Type.Boolean(), status: TopicStatus, reason: NStr,
  mergedInto: Nullable(Type.Object({ id: Type.Integer(), title: Str })), bodyId: NInt, voteId: NInt, photos: Type.Array(Str),
  createdAt: Str, updatedAt: Str, actions: Actions,
});
export const TopicEvent = Type.Object({
  id: Type.Integer(), kind: Str, fromStatus: NStr, toStatus: NStr, note: NStr, actorName: NStr, data: Type.Unknown(), createdAt: Str,
});
export const Decision = Type.Object({
  id: Type.Integer(), topicId: Type.Integer(), outcome: Outcome, voteId: NInt, eligible: NInt, cast: NInt, quorumMet: Nullable(Type.Boolean()),
  counts: Nullable(Type.Record(Type.String(), Type.Integer())), summary: NStr, decidedAt: Str,
});
export const TaskUpdate = Type.Object({ id: Type.Integer(), note: Str, progress: Type.Integer(), authorName: NStr, photos: Type.Array(Str), createdAt: Str });
const PhotoIds = Type.Optional(Type.Array(Id, { maxItems: 9, uniqueItems: true, description: 'ids from POST /attachments (images the caller uploaded)' }));
export const PhotoParams = Type.Object({ id: Id, photoId: Id }, { additionalProperties: false });
export const Task = Type.Object({
  id: Type.Integer(), topicId: Type.Integer(), topicTitle: Str, orgId: Type.Integer(), orgName: Str, title: Str, description: NStr,
  ownerKind: OwnerKind, ownerName: Str, ownerUserId: NInt, dueOn: Str, progress: Type.Integer(), status: TaskStatus, overdue: Type.Boolean(),
  doneAt: NStr, createdAt: Str, actions: Actions,
});
export const TaskDetail = Type.Object({ task: Task, updates: Type.Array(TaskUpdate) });
export const ConsultationRef = Type.Object({ id: Type.Integer(), title: Str, mode: Str, status: Str });
export const MeetingRef = Type.Object({ id: Type.Integer(), title: Str, startsAt: Str, status: Str });
export const TopicDetail = Type.Object({
  topic: Topic, events: Type.Array(TopicEvent), decision: Nullable(Decision),
  tasks: Type.Array(Type.Object({ task: Task, updates: Type.Array(TaskUpdate) })),
  consultations: Type.Array(ConsultationRef), meetings: Type.Array(MeetingRef),
  mergedHere: Type.Array(Type.Object({ id: Type.Integer(), title: Str })),
});
export const RaiseTopicBody = Type.Object({
  orgId: Type.Optional(Id), kind: Type.Optional(TopicKind), title: Text(100), description: Text(4000), field: TopicField,
  source: Type.Optional(TopicSource), raiserName: Type.Optional(Text(100)), photoIds: PhotoIds,
}, { additionalProperties: false });
export const SortTopicBody = Type.Object({
  field: Type.Optional(TopicField), kind: Type.Optional(TopicKind), title: Type.Optional(Text(100)), note: Type.Optional(Text(500)),
}, { additionalProperties: false, minProperties: 1 });
export const TransitionBody = Type.Object({
  action: Type.Enum(['accept', 'deliberate', 'decline', 'close'] as const), reason: Type.Optional(Reason), field: Type.Optional(TopicField),
}, { additionalProperties: false });
export const MergeBody = Type.Object({ intoId: Id, reason: Reason }, { additionalProperties: false });
export const DecideBody = Type.Object({ outcome: Outcome, summary: Text(4000) }, { additionalProperties: false });
const Ratio = Type.Object({ num: Type.Integer({ minimum: 0, maximum: 1000000 }), den: Type.Integer({ minimum: 1, maximum: 1000000 }) }, { additionalProperties: false });
export const StartVoteBody = Type.Object({
  bodyId: Id, title: Type.Optional(Text(200)), description: Type.Optional(Nullable(Text(2000))), secret: Type.Optional(Type.Boolean()),
  quorum: Type.Optional(Ratio),
  threshold: Type.Optional(Type.Object({ num: Ratio.properties.num, den: Ratio.properties.den, of: Type.Enum(['electorate', 'cast', 'decisive'] as const) }, { additionalProperties: false })),
  closesAt: Type.Optional(Nullable(Time)),
}, { additionalProperties: false });
export const StartedVote = Type.Object({ voteId: Type.Integer(), consoleUrl: Str, phoneUrl: Str, topic: Topic });
const TopicFilter = {
  orgId: Type.Optional(Id), field: Type.Optional(TopicField), status: Type.Optional(TopicStatus), kind: Type.Optional(TopicKind), q: Search,
};
export const TopicQuery = Type.Object({ ...TopicFilter, ...PageQueryFields }, { additionalProperties: false });
export const TopicExportQuery = Type.Object(TopicFilter, { additionalProperties: false });
export const MyTopicQuery = Type.Object({ ...PageQueryFields }, { additionalProperties: false });
export const CommunityTopicQuery = Type.Object({ field: Type.Optional(TopicField), q: Search, ...PageQueryFields }, { additionalProperties: false });

// ── Bodies and representatives ──
export const Body = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, kind: Type.Enum(['council', 'group', 'other'] as const), estateId: NInt, estateName: NStr,
  description: NStr, status: Type.Enum(['active', 'dissolved'] as const), members: Type.Integer(), membersWithAccount: Type.Integer(), createdAt: Str, actions: Actions,
});
export const Member = Type.Object({
  id: Type.Integer(), bodyId: Type.Integer(), userId: NInt, userName: NStr, name: Str, memberKind: MemberKind, status: Type.Enum(['active', 'left'] as const),
  note: NStr, joinedOn: Str, leftOn: NStr, actions: Actions,
});
export const BodyDetail = Type.Object({ body: Body, members: Type.Array(Member) });
export const CreateBodyBody = Type.Object({
  orgId: Id, name: Text(100), kind: Type.Optional(Type.Enum(['council', 'group', 'other'] as const)), estateId: Type.Optional(Nullable(Id)),
  description: Type.Optional(Nullable(Text(2000))),
}, { additionalProperties: false });
export const UpdateBodyBody = Type.Object({
  name: Type.Optional(Text(100)), kind: Type.Optional(Type.Enum(['council', 'group', 'other'] as const)), description: Type.Optional(Nullable(Text(2000))),
  status: Type.Optional(Type.Enum(['active', 'dissolved'] as const)),
}, { additionalProperties: false, minProperties: 1 });
export const AddMemberBody = Type.Object({
  name: Type.Optional(Text(50)), memberKind: MemberKind, userId: Type.Optional(Nullable(Id)), note: Type.Optional(Nullable(Text(200))),
}, { additionalProperties: false });
export const UpdateMemberBody = Type.Object({
  name: Type.Optional(Text(50)), memberKind: Type.Optional(MemberKind), userId: Type.Optional(Nullable(Id)), note: Type.Optional(Nullable(Text(200))),
  status: Type.Optional(Type.Enum(['active', 'left'] as const)),
}, { additionalProperties: false, minProperties: 1 });
const BodyFilter = { orgId: Type.Optional(Id), q: Search, status: Type.Optional(Type.Enum(['active', 'dissolved'] as const)) };
export const BodyQuery = Type.Object({ ...BodyFilter, ...PageQueryFields }, { additionalProperties: false });
export const BodyExportQuery = Type.Object(BodyFilter, { additionalProperties: false });
export const CandidateQuery = Type.Object({ orgId: Id, q: Search }, { additionalProperties: false });
export const Candidate = Type.Object({ id: Type.Integer(), displayName: Str, username: Str, orgName: Str });

// ── Forms ──
export const Form = Type.Object({
  key: Str, id: NInt, orgId: NInt, name: Str, description: NStr, builtin: Type.Boolean(), status: Type.Enum(['active', 'retired'] as const), actions: Actions,
});
export const FormQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });
export const CreateFormBody = Type.Object({ orgId: Id, name: Text(50), description: Type.Optional(Nullable(Text(500))) }, { additionalProperties: false });
export const UpdateFormBody = Type.Object({
  name: Type.Optional(Text(50)), description: Type.Optional(Nullable(Text(500))), status: Type.Optional(Type.Enum(['active', 'retired'] as const)),
}, { additionalProperties: false, minProperties: 1 });

// ── Meetings ──
export const Meeting = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, bodyId: Type.Integer(), bodyName: Str, form: MeetingForm, formId: NInt, formName: Str,
  title: Str, agenda: Str, startsAt: Str, place: Str, status: Type.Enum(['planned', 'held', 'cancelled'] as const), minutes: NStr, minutesAt: NStr,
  present: Type.Integer(), absent: Type.Integer(), createdAt: Str, actions: Actions,
});
export const Attendee = Type.Object({ memberId: Type.Integer(), name: Str, memberKind: MemberKind, present: Nullable(Type.Boolean()) });
export const AttachmentInfo = Type.Object({ id: Type.Integer(), fileName: Str, contentType: Str, size: Type.Integer(), url: Str, createdAt: Str });
export const MeetingDetail = Type.Object({
  meeting: Meeting, attendees: Type.Array(Attendee), topics: Type.Array(Type.Object({ id: Type.Integer(), title: Str, status: TopicStatus })),
  attachments: Type.Array(AttachmentInfo),
});
export const CreateMeetingBody = Type.Object({
  bodyId: Id, form: MeetingForm, formId: Type.Optional(Nullable(Id)), title: Text(100), agenda: Text(4000), startsAt: Time, place: Text(200),
  topicIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
}, { additionalProperties: false });
export const UpdateMeetingBody = Type.Object({
  title: Type.Optional(Text(100)), agenda: Type.Optional(Text(4000)), startsAt: Type.Optional(Time), place: Type.Optional(Text(200)),
  topicIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })), status: Type.Optional(Type.Enum(['cancelled'] as const)),
}, { additionalProperties: false, minProperties: 1 });
export const AttendanceBody = Type.Object({ present: Type.Array(Id, { maxItems: 500, uniqueItems: true }) }, { additionalProperties: false });
export const MinutesBody = Type.Object({ minutes: Text(20000) }, { additionalProperties: false });
export const UploadQuery = Type.Object({ fileName: Text(200) }, { additionalProperties: false });
const MeetingFilter = {
  orgId: Type.Optional(Id), bodyId: Type.Optional(Id), form: Type.Optional(MeetingForm), status: Type.Optional(Type.Enum(['planned', 'held', 'cancelled'] as const)), q: Search,
};
export const MeetingQuery = Type.Object({ ...MeetingFilter, ...PageQueryFields }, { additionalProperties: false });
export const MeetingExportQuery = Type.Object(MeetingFilter, { additionalProperties: false });

// ── Consultations and comments ──
export const Consultation = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, topicId: Type.Integer(), topicTitle: Str, mode: Type.Enum(['written', 'online'] as const),
  title: Str, question: Str, closesAt: NStr, status: Type.Enum(['open', 'closed'] as const), open: Type.Boolean(), summary: NStr, comments: Type.Integer(),
  createdAt: Str, actions: Actions,
});
export const Comment = Type.Object({
  id: Type.Integer(), parentId: NInt, authorName: Str, mine: Type.Boolean(), body: NStr, hidden: Type.Boolean(), hiddenReason: NStr, createdAt: Str, actions: Actions,
});
export const ConsultationDetail = Type.Object({ consultation: Consultation, comments: Type.Array(Comment) });
export const CreateConsultationBody = Type.Object({
  topicId: Id, mode: Type.Enum(['written', 'online'] as const), title: Text(100), question: Text(4000), closesAt: Type.Optional(Nullable(Time)),
}, { additionalProperties: false });
export const UpdateConsultationBody = Type.Object({
  status: Type.Optional(Type.Enum(['closed'] as const)), summary: Type.Optional(Nullable(Text(4000))), closesAt: Type.Optional(Nullable(Time)),
}, { additionalProperties: false, minProperties: 1 });
export const CommentBody = Type.Object({ body: Text(2000), parentId: Type.Optional(Nullable(Id)) }, { additionalProperties: false });
export const HideBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });
const ConsultationFilter = { orgId: Type.Optional(Id), topicId: Type.Optional(Id), status: Type.Optional(Type.Enum(['open', 'closed'] as const)), q: Search };
export const ConsultationQuery = Type.Object({ ...ConsultationFilter, ...PageQueryFields }, { additionalProperties: false });
export const MyConsultationQuery = Type.Object({ ...PageQueryFields }, { additionalProperties: false });

// ── Decisions and tasks ──
export const DecisionRow = Type.Object({
  ...Decision.properties, orgId: Type.Integer(), orgName: Str, topicTitle: Str, topicField: TopicField, tasks: Type.Integer(), tasksDone: Type.Integer(),
});
const DecisionFilter = { orgId: Type.Optional(Id), outcome: Type.Optional(Outcome), q: Search };
export const DecisionQuery = Type.Object({ ...DecisionFilter, ...PageQueryFields }, { additionalProperties: false });
export const DecisionExportQuery = Type.Object(DecisionFilter, { additionalProperties: false });
export const CreateTaskBody = Type.Object({
  title: Text(100), description: Type.Optional(Nullable(Text(2000))), ownerKind: OwnerKind, ownerName: Text(100), ownerUserId: Type.Optional(Nullable(Id)), dueOn: Day,
}, { additionalProperties: false });
export const UpdateTaskBody = Type.Object({
  title: Type.Optional(Text(100)), description: Type.Optional(Nullable(Text(2000))), ownerKind: Type.Optional(OwnerKind), ownerName: Type.Optional(Text(100)),
  dueOn: Type.Optional(Day), status: Type.Optional(Type.Enum(['cancelled'] as const)), reason: Type.Optional(Text(500)),
}, { additionalProperties: false, minProperties: 1 });
export const ProgressBody = Type.Object({ note: Text(2000), progress: Type.Integer({ minimum: 0, maximum: 100 }), photoIds: PhotoIds }, { additionalProperties: false });
const TaskFilter = {
  orgId: Type.Optional(Id), status: Type.Optional(TaskStatus), overdue: Type.Optional(Type.Boolean()), ownerKind: Type.Optional(OwnerKind), topicId: Type.Optional(Id), q: Search,
};
export const TaskQuery = Type.Object({ ...TaskFilter, ...PageQueryFields }, { additionalProperties: false });
export const TaskExportQuery = Type.Object(TaskFilter, { additionalProperties: false });
export const TaskSummary = Type.Object({ open: Type.Integer(), overdue: Type.Integer(), done: Type.Integer(), cancelled: Type.Integer() });
export const TaskSummaryQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });

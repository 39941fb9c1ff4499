import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NStr, Nullable, Str, Text } from '../../core/schemas.js';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (China time)' });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$', description: 'digits, +, - and spaces' });
const Search = Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'part of the name or title' }));
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Reason = Type.Object({ reason: Text(200) }, { additionalProperties: false });
export const RevealBody = Reason;
export const Revealed = Type.Object({ value: NStr });

export const MemberStatus = Type.Enum(['pending', 'active', 'left'] as const);
export const UnitKind = Type.Enum(['agency', 'enterprise', 'school', 'other'] as const);
export const ContractStatus = Type.Enum(['active', 'ended', 'terminated'] as const);
export const NeedSource = Type.Enum(['wish', 'visit', 'request', 'other'] as const);
export const NeedStatus = Type.Enum(['open', 'claimed', 'done', 'closed'] as const);
export const ClaimStatus = Type.Enum(['claimed', 'in_progress', 'done', 'withdrawn'] as const);
export const Subject = Type.Enum(['member', 'unit'] as const);

// ── Party members (双报到) ──
export const PartyMember = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, phone: Type.Union([Str, Type.Null()], { description: 'masked' }),
  workUnit: Str, partyOrg: Str, userId: NInt, reportedOn: Str, status: MemberStatus, createdAt: Str, actions: Actions,
});
export const CreateMemberBody = Type.Object({
  orgId: Id, name: Text(50), phone: Type.Optional(Nullable(Phone)), workUnit: Text(100), partyOrg: Text(100),
  userId: Type.Optional(Nullable(Id)), reportedOn: Type.Optional(Day), status: Type.Optional(MemberStatus),
}, { additionalProperties: false });
export const UpdateMemberBody = Type.Object({
  name: Type.Optional(Text(50)), phone: Type.Optional(Nullable(Phone)), workUnit: Type.Optional(Text(100)), partyOrg: Type.Optional(Text(100)),
  userId: Type.Optional(Nullable(Id)), status: Type.Optional(MemberStatus),
}, { additionalProperties: false, minProperties: 1 });
const MemberFilter = { orgId: Type.Optional(Id), q: Search, status: Type.Optional(MemberStatus), phone: Type.Optional(Phone) };
export const MemberQuery = Type.Object({ ...MemberFilter, ...PageQueryFields }, { additionalProperties: false });
export const MemberExportQuery = Type.Object(MemberFilter, { additionalProperties: false });

// ── Partner units, contracts, duties ──
export const PartnerUnit = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, kind: UnitKind, contactName: NStr,
  contactPhone: Type.Union([Str, Type.Null()], { description: 'masked' }), address: NStr, status: Type.Enum(['active', 'inactive'] as const),
  activeContracts: Type.Integer(), createdAt: Str, actions: Actions,
});
export const CreateUnitBody = Type.Object({
  orgId: Id, name: Text(100), kind: UnitKind, contactName: Type.Optional(Nullable(Text(50))), contactPhone: Type.Optional(Nullable(Phone)),
  address: Type.Optional(Nullable(Text(200))),
}, { additionalProperties: false });
export const UpdateUnitBody = Type.Object({
  name: Type.Optional(Text(100)), kind: Type.Optional(UnitKind), contactName: Type.Optional(Nullable(Text(50))), contactPhone: Type.Optional(Nullable(Phone)),
  address: Type.Optional(Nullable(Text(200))), status: Type.Optional(Type.Enum(['active', 'inactive'] as const)),
}, { additionalProperties: false, minProperties: 1 });
const UnitFilter = { orgId: Type.Optional(Id), q: Search, kind: Type.Optional(UnitKind) };
export const UnitQuery = Type.Object({ ...UnitFilter, ...PageQueryFields }, { additionalProperties: false });
export const UnitExportQuery = Type.Object(UnitFilter, { additionalProperties: false });

export const Duty = Type.Object({
  id: Type.Integer(), contractId: Type.Integer(), description: Str, dueOn: NStr, doneAt: NStr, doneNote: NStr, actions: Actions,
});
export const Contract = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, unitId: Type.Integer(), unitName: Str, title: Str,
  startsOn: Str, endsOn: Str, status: ContractStatus, dutiesTotal: Type.Integer(), dutiesDone: Type.Integer(), createdAt: Str, actions: Actions,
});
export const ContractDetail = Type.Object({ contract: Contract, duties: Type.Array(Duty) });
export const CreateContractBody = Type.Object({
  orgId: Id, unitId: Id, title: Text(200), startsOn: Day, endsOn: Day,
  duties: Type.Optional(Type.Array(Type.Object({ description: Text(500), dueOn: Type.Optional(Nullable(Day)) }, { additionalProperties: false }), { maxItems: 100 })),
}, { additionalProperties: false });
export const UpdateContractBody = Type.Object({
  title: Type.Optional(Text(200)), endsOn: Type.Optional(Day), status: Type.Optional(ContractStatus),
}, { additionalProperties: false, minProperties: 1 });
export const CreateDutyBody = Type.Object({ description: Text(500), dueOn: Type.Optional(Nullable(Day)) }, { additionalProperties: false });
export const UpdateDutyBody = Type.Object({
  done: Type.Boolean({ description: 'true marks the duty done, false reopens it' }), doneNote: Type.Optional(Nullable(Text(500))),
}, { additionalProperties: false });
const ContractFilter = { orgId: Type.Optional(Id), unitId: Type.Optional(Id), status: Type.Optional(ContractStatus), q: Search };
export const ContractQuery = Type.Object({ ...ContractFilter, ...PageQueryFields }, { additionalProperties: false });
export const ContractExportQuery = Type.Object(ContractFilter, { additionalProperties: false });

// ── Need list, service list, service posts ──
export const Need = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, title: Str, description: Str, category: Str, source: NeedSource,
  visitId: NInt, requestId: NInt, raisedBy: NInt, capacity: Type.Integer(), claimed: Type.Integer(), dueOn: NStr, status: NeedStatus,
  createdAt: Str, actions: Actions,
});
export const CreateNeedBody = Type.Object({
  orgId: Id, title: Text(100), description: Text(2000), category: Text(30), source: NeedSource,
  visitId: Type.Optional(Nullable(Id)), requestId: Type.Optional(Nullable(Id)), raisedBy: Type.Optional(Nullable(Id)),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })), dueOn: Type.Optional(Nullable(Day)),
}, { additionalProperties: false });
export const UpdateNeedBody = Type.Object({
  title: Type.Optional(Text(100)), description: Type.Optional(Text(2000)), category: Type.Optional(Text(30)),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), dueOn: Type.Optional(Nullable(Day)),
  status: Type.Optional(Type.Enum(['done', 'closed', 'open'] as const, { description: 'done/closed end the need; open reopens it' })),
}, { additionalProperties: false, minProperties: 1 });
const NeedFilter = { orgId: Type.Optional(Id), q: Search, status: Type.Optional(NeedStatus), source: Type.Optional(NeedSource) };
export const NeedQuery = Type.Object({ ...NeedFilter, ...PageQueryFields }, { additionalProperties: false });
export const NeedExportQuery = Type.Object(NeedFilter, { additionalProperties: false });

export const Offer = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, memberId: NInt, unitId: NInt, providerName: Str, title: Str, description: Str,
  availability: NStr, status: Type.Enum(['active', 'withdrawn'] as const), createdAt: Str, actions: Actions,
});
export const CreateOfferBody = Type.Object({
  memberId: Type.Optional(Id), unitId: Type.Optional(Id), title: Text(100), description: Text(2000), availability: Type.Optional(Nullable(Text(200))),
}, { additionalProperties: false });
export const UpdateOfferBody = Type.Object({
  title: Type.Optional(Text(100)), description: Type.Optional(Text(2000)), availability: Type.Optional(Nullable(Text(200))),
  status: Type.Optional(Type.Enum(['active', 'withdrawn'] as const)),
}, { additionalProperties: false, minProperties: 1 });
const OfferFilter = { orgId: Type.Optional(Id), q: Search, provider: Type.Optional(Subject), status: Type.Optional(Type.Enum(['active', 'withdrawn'] as const)) };
export const OfferQuery = Type.Object({ ...OfferFilter, ...PageQueryFields }, { additionalProperties: false });
export const OfferExportQuery = Type.Object(OfferFilter, { additionalProperties: false });

export const Post = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, description: NStr, capacity: Type.Integer(), claimed: Type.Integer(),
  status: Type.Enum(['open', 'closed'] as const), createdAt: Str, actions: Actions,
});
export const CreatePostBody = Type.Object({
  orgId: Id, name: Text(50), description: Type.Optional(Nullable(Text(500))), capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
}, { additionalProperties: false });
export const UpdatePostBody = Type.Object({
  name: Type.Optional(Text(50)), description: Type.Optional(Nullable(Text(500))), capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  status: Type.Optional(Type.Enum(['open', 'closed'] as const)),
}, { additionalProperties: false, minProperties: 1 });
const PostFilter = { orgId: Type.Optional(Id), q: Search, status: Type.Optional(Type.Enum(['open', 'closed'] as const)) };
export const PostQuery = Type.Object({ ...PostFilter, ...PageQueryFields }, { additionalProperties: false });
export const PostExportQuery = Type.Object(PostFilter, { additionalProperties: false });

// ── Claims ──
export const Claim = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, target: Type.Enum(['need', 'post'] as const), needId: NInt, postId: NInt, targetTitle: Str,
  claimant: Subject, memberId: NInt, unitId: NInt, claimantName: Str, status: ClaimStatus, note: NStr, result: NStr, doneAt: NStr,
  rating: NInt, feedback: NStr, feedbackAt: NStr, createdAt: Str, actions: Actions,
});
export const CreateClaimBody = Type.Object({
  needId: Type.Optional(Id), postId: Type.Optional(Id), memberId: Type.Optional(Id), unitId: Type.Optional(Id), note: Type.Optional(Nullable(Text(500))),
}, { additionalProperties: false });
export const MyClaimBody = Type.Object({
  needId: Type.Optional(Id), postId: Type.Optional(Id), note: Type.Optional(Nullable(Text(500))),
}, { additionalProperties: false });
export const ClaimActionBody = Type.Object({
  action: Type.Enum(['start', 'complete', 'withdraw'] as const), note: Type.Optional(Nullable(Text(1000))),
}, { additionalProperties: false });
export const FeedbackBody = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Nullable(Text(500))),
}, { additionalProperties: false });
const ClaimFilter = {
  orgId: Type.Optional(Id), status: Type.Optional(ClaimStatus), target: Type.Optional(Type.Enum(['need', 'post'] as const)),
  claimant: Type.Optional(Subject), needId: Type.Optional(Id), postId: Type.Optional(Id), memberId: Type.Optional(Id), unitId: Type.Optional(Id),
};
export const ClaimQuery = Type.Object({ ...ClaimFilter, ...PageQueryFields }, { additionalProperties: false });
export const ClaimExportQuery = Type.Object(ClaimFilter, { additionalProperties: false });
export const MyListQuery = Type.Object({ ...PageQueryFields }, { additionalProperties: false });
export const MyMember = Type.Object({ member: Nullable(PartyMember) });

// ── Assessment and rankings ──
export const RankingRow = Type.Object({
  rank: Type.Integer(), subject: Subject, subjectId: Type.Integer(), name: Str, orgId: Type.Integer(), orgName: Str,
  hours: Type.Number(), claimsDone: Type.Integer(), ratingCount: Type.Integer(), meanRating: Nullable(Type.Number()),
  score: Type.Number(), grade: Type.Enum(['excellent', 'good', 'pass', 'fail'] as const),
});
const RankingFilter = { year: Year, subject: Subject, orgId: Type.Optional(Id) };
export const RankingQuery = Type.Object({ ...RankingFilter, ...PageQueryFields }, { additionalProperties: false });
export const RankingExportQuery = Type.Object(RankingFilter, { additionalProperties: false });
export const RecomputeBody = Type.Object({ year: Year, orgId: Type.Optional(Id) }, { additionalProperties: false });
export const Recomputed = Type.Object({ year: Type.Integer(), members: Type.Integer(), units: Type.Integer(), hoursSource: Type.Enum(['volunteering', 'none'] as const) });

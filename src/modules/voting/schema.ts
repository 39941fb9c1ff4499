import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NStr, Nullable, Str, Text } from '../../core/schemas.js';

const DateTime = Type.String({ format: 'date-time' });
export const VoteStatus = Type.Enum(['draft', 'open', 'closed', 'published'] as const);
export const Method = Type.Enum(['yesNo', 'choice'] as const, { description: 'yesNo: 同意/反对/弃权; choice: 多选一或多选（赞成投票）' });
const Ratio = Type.Object({ num: Type.Integer({ minimum: 0, maximum: 1_000_000 }), den: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false });
const Threshold = Type.Object({
  num: Type.Integer({ minimum: 0, maximum: 1_000_000 }), den: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  of: Type.Enum(['electorate', 'cast', 'decisive'] as const, { description: '比例基数：全体选民 / 实投票数 / 同意+反对' }),
}, { additionalProperties: false });
export const Electorate = Type.Union([
  Type.Object({ kind: Type.Literal('body'), bodyId: Id }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('households'), orgId: Id, estateId: Type.Optional(Id), buildingId: Type.Optional(Id) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('adults'), orgId: Id }, { additionalProperties: false }),
]);
const OptionIn = Type.Object({ key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }), label: Text(200) }, { additionalProperties: false });
const Subject = Type.Object({ type: Type.Enum(['topic', 'microRound', 'other'] as const), id: Id }, { additionalProperties: false });

const RuleFields = {
  method: Method,
  options: Type.Optional(Type.Array(OptionIn, { maxItems: 200 })),
  minChoices: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
  maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  secret: Type.Boolean(),
  quorum: Ratio,
  threshold: Threshold,
};
export const CreateVoteBody = Type.Object({
  orgId: Id, title: Text(100), description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  subject: Type.Optional(Nullable(Subject)), electorate: Electorate, ...RuleFields,
  closesAt: Type.Optional(Nullable(DateTime)), open: Type.Optional(Type.Boolean({ description: '创建后立即开始投票' })),
}, { additionalProperties: false });
export const UpdateVoteBody = Type.Partial(Type.Object({
  title: Text(100), description: Nullable(Type.String({ maxLength: 4000 })), closesAt: Nullable(DateTime), electorate: Electorate, ...RuleFields,
  options: Type.Array(OptionIn, { maxItems: 200 }), minChoices: Type.Integer({ minimum: 0, maximum: 200 }), maxChoices: Type.Integer({ minimum: 1, maximum: 200 }),
}, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export const PreviewBody = Type.Object({ orgId: Id, electorate: Electorate }, { additionalProperties: false });
export const Preview = Type.Object({ eligible: Type.Integer(), accounts: Type.Integer() });

const Option = Type.Object({ key: Str, label: Str });
const Ranked = Type.Object({ key: Str, count: Type.Integer(), rank: Type.Integer() });
export const Result = Type.Object({
  eligible: Type.Integer(), cast: Type.Integer(), turnoutPermille: Type.Integer({ description: 'cast × 1000 ÷ eligible, rounded down' }),
  quorumMet: Type.Boolean(), passed: Nullable(Type.Boolean()), counts: Type.Record(Type.String(), Type.Integer()), ranking: Type.Array(Ranked), digest: NStr,
});
export const Vote = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, title: Str, description: NStr,
  subject: Nullable(Type.Object({ type: Str, id: Type.Integer() })),
  electorate: Type.Object({ kind: Str, bodyId: NInt, orgId: NInt, estateId: NInt, buildingId: NInt }),
  method: Method, options: Type.Array(Option), minChoices: Type.Integer(), maxChoices: Type.Integer(), secret: Type.Boolean(),
  quorum: Type.Object({ num: Type.Integer(), den: Type.Integer() }), threshold: Type.Object({ num: Type.Integer(), den: Type.Integer(), of: Str }),
  closesAt: NStr, status: VoteStatus, eligible: NInt, participation: Type.Integer({ description: 'ballots cast so far' }),
  ruleLockedAt: NStr, openedAt: NStr, closedAt: NStr, publishedAt: NStr, createdAt: Str,
  result: Nullable(Result), mine: Nullable(Type.Object({ elector: Type.Boolean(), voted: Type.Boolean() })), actions: Actions,
});
export const VoteQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })), status: Type.Optional(VoteStatus), orgId: Type.Optional(Id),
  subjectType: Type.Optional(Type.Enum(['topic', 'microRound', 'other'] as const)), subjectId: Type.Optional(Id), ...PageQueryFields,
}, { additionalProperties: false });
export const VoteExportQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })), status: Type.Optional(VoteStatus), orgId: Type.Optional(Id),
  subjectType: Type.Optional(Type.Enum(['topic', 'microRound', 'other'] as const)), subjectId: Type.Optional(Id),
}, { additionalProperties: false });
export const VotePage = Type.Object({ items: Type.Array(Vote), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const MyVoteQuery = Type.Object({ openOnly: Type.Optional(Type.Boolean()), ...PageQueryFields }, { additionalProperties: false });

export const CastBody = Type.Object({ choices: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 200 }) }, { additionalProperties: false });
export const Receipt = Type.Object({ voteId: Type.Integer(), receipt: Str, choices: Type.Array(Str), secret: Type.Boolean() });
export const Ballot = Type.Object({ receipt: Str, choices: Type.Array(Str) });
export const BallotPage = Type.Object({ items: Type.Array(Ballot), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), digest: NStr });
export const BallotQuery = Type.Object({ page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }) }, { additionalProperties: false });
export const ReceiptParams = Type.Object({ id: Id, receipt: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export const ReceiptCheck = Type.Object({ receipt: Str, found: Type.Boolean(), choices: Nullable(Type.Array(Str)), counted: Type.Boolean() });
export const Verify = Type.Object({
  published: Result, recount: Type.Object({ cast: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()), passed: Nullable(Type.Boolean()), digest: Str }),
  participation: Type.Integer(), matches: Type.Boolean(), problems: Type.Array(Str),
});
export const Participant = Type.Object({ voterKey: Type.Integer(), name: Str, castAt: Str, choices: Nullable(Type.Array(Str)) });
export const ParticipantPage = Type.Object({ items: Type.Array(Participant), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), eligible: NInt });
export const PageOnly = Type.Object({ ...PageQueryFields }, { additionalProperties: false });

import { Type } from 'typebox';
import { Actions, Id, NInt, NNum, NStr, Nullable, PageQueryFields, Str, Text } from '../../core/schemas.js';
import { MAX_AMOUNT, PROJECT_KINDS, STATUSES } from './rules.js';

/** Route shapes of the projects module. Money is integer fen (分) in every field named amount/price/… */
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const DateTime = Type.String({ format: 'date-time' });
const Fen = Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, description: '分 (fen)' });
const Q = { q: Type.Optional(Type.String({ maxLength: 50 })) };

export const Kind = Type.Enum([...PROJECT_KINDS], { description: '政府购买服务 / 公益创投 / 三社联动项目' });
export const Status = Type.Enum([...STATUSES]);
const Reason = Text(500);

// ── Funds ──
export const CreateFundBody = Type.Object({ orgId: Id, year: Type.Integer({ minimum: 2000, maximum: 2100 }), kind: Kind, name: Text(100), amount: Fen }, { additionalProperties: false });
export const UpdateFundBody = Type.Object({ name: Type.Optional(Text(100)), amount: Type.Optional(Fen) }, { additionalProperties: false, minProperties: 1 });
export const CreateLineBody = Type.Object({ name: Text(100), amount: Fen }, { additionalProperties: false });
export const UpdateLineBody = Type.Object({ name: Type.Optional(Text(100)), amount: Type.Optional(Fen) }, { additionalProperties: false, minProperties: 1 });
export const Line = Type.Object({
  id: Type.Integer(), fundId: Type.Integer(), name: Str, amount: Type.Integer(), committed: Type.Integer(), paid: Type.Integer(),
  remaining: Type.Integer(), projectCount: Type.Integer(),
});
export const Fund = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, year: Type.Integer(), kind: Kind, name: Str,
  amount: Type.Integer(), allocated: Type.Integer(), unallocated: Type.Integer(), committed: Type.Integer(), paid: Type.Integer(), remaining: Type.Integer(),
  lines: Type.Array(Line), actions: Actions,
});
export const FundQuery = Type.Object({ ...Q, year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), kind: Type.Optional(Kind), ...PageQueryFields }, { additionalProperties: false });
export const FundExportQuery = Type.Object({ ...Q, year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), kind: Type.Optional(Kind) }, { additionalProperties: false });
export const FundPage = Type.Object({ items: Type.Array(Fund), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

// ── Projects ──
const BudgetItem = Type.Object({ item: Text(100), amount: Fen }, { additionalProperties: false });
const ProjectFields = {
  kind: Kind, title: Text(100), need: Text(4000), linkedNeeds: Type.Optional(Type.String({ maxLength: 500 })),
  beneficiariesTarget: Type.Integer({ minimum: 1, maximum: 1000000 }), periodStart: DateStr, periodEnd: DateStr,
  budgetItems: Type.Array(BudgetItem, { minItems: 1, maxItems: 50 }),
};
export const CreateProjectBody = Type.Object({ orgId: Id, ...ProjectFields, submit: Type.Optional(Type.Boolean({ description: 'submit at once' })) }, { additionalProperties: false });
export const UpdateProjectBody = Type.Partial(Type.Object(ProjectFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const ApproveBody = Type.Object({ amount: Fen, lineId: Id, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const AwardBody = Type.Object({ awardeeKind: Type.Enum(['socialOrg', 'socialWorker'] as const), awardeeId: Id }, { additionalProperties: false });
export const CompetitionBody = Type.Object({
  deadline: DateTime,
  criteria: Type.Array(Type.Object({ name: Text(50), max: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
}, { additionalProperties: false });
export const BidBody = Type.Object({ socialOrgId: Type.Optional(Id), price: Fen, plan: Text(4000) }, { additionalProperties: false });
export const ScoreBody = Type.Object({ scores: Type.Array(Type.Number({ minimum: 0, maximum: 100, multipleOf: 0.5 }), { minItems: 1, maxItems: 10 }) }, { additionalProperties: false });
export const MilestoneBody = Type.Object({ title: Text(100), dueOn: DateStr }, { additionalProperties: false });
export const ActivityBody = Type.Object({ heldOn: DateStr, title: Text(100), participants: Type.Integer({ minimum: 0, maximum: 100000 }), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const BeneficiaryBody = Type.Object({
  servedOn: DateStr, count: Type.Integer({ minimum: 1, maximum: 100000 }), residentId: Type.Optional(Id), note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export const TrancheBody = Type.Object({ amount: Fen, purpose: Text(500), evidence: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const PayBody = Type.Object({ paymentRef: Text(200) }, { additionalProperties: false });
export const SupervisionBody = Type.Object({
  kind: Type.Enum(['feedback', 'complaint', 'siteVisit'] as const), body: Text(2000), rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
}, { additionalProperties: false });
export const ReplyBody = Type.Object({ reply: Text(2000) }, { additionalProperties: false });
export const AcceptBody = Type.Object({ result: Type.Enum(['passed', 'failed'] as const), score: Type.Number({ minimum: 0, maximum: 100, description: 'kept to one decimal' }), note: Text(2000) }, { additionalProperties: false });

const Bid = Type.Object({
  id: Type.Integer(), socialOrgId: Type.Integer(), socialOrgName: Str, price: Type.Integer(), plan: Str, status: Str, submittedAt: Str,
  scoreCount: Type.Integer(), meanScore: NNum, rank: NInt, myScores: Nullable(Type.Array(Type.Number())),
});
const Milestone = Type.Object({ id: Type.Integer(), title: Str, dueOn: Str, doneAt: NStr, doneNote: NStr });
const Activity = Type.Object({ id: Type.Integer(), heldOn: Str, title: Str, participants: Type.Integer(), note: Str });
const Beneficiary = Type.Object({ id: Type.Integer(), servedOn: Str, count: Type.Integer(), residentNameMasked: NStr, note: Str });
export const Tranche = Type.Object({
  id: Type.Integer(), projectId: Type.Integer(), projectTitle: Str, seq: Type.Integer(), amount: Type.Integer(), purpose: Str, evidence: Str, status: Str,
  requestedBy: Str, requestedAt: Str, approvedBy: NStr, approvedAt: NStr, paidBy: NStr, paidAt: NStr, paymentRef: NStr, rejectedBy: NStr, rejectedAt: NStr, rejectReason: NStr,
  actions: Actions,
});
const Supervision = Type.Object({
  id: Type.Integer(), kind: Str, body: Str, rating: NInt, authorName: Str, authorRole: Str, reply: NStr, repliedAt: NStr, createdAt: Str,
});
export const ProjectSummary = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, kind: Kind, title: Str, status: Status,
  requestedAmount: Type.Integer(), approvedAmount: Type.Integer(), paidAmount: Type.Integer(), releasedAmount: Type.Integer(),
  awardeeKind: NStr, awardeeName: NStr, beneficiariesTarget: Type.Integer(), servedCount: Type.Integer(),
  periodStart: Str, periodEnd: Str, submittedAt: NStr, createdAt: Str, actions: Actions,
});
export const Project = Type.Object({
  ...ProjectSummary.properties,
  need: Str, linkedNeeds: Str, budgetItems: Type.Array(Type.Object({ item: Str, amount: Type.Integer() })),
  reviewNote: NStr, reviewedAt: NStr, lineId: NInt, lineName: NStr, fundId: NInt, fundName: NStr,
  awardMode: NStr, bidDeadline: NStr, criteria: Type.Array(Type.Object({ name: Str, max: Type.Integer() })), awardedAt: NStr,
  trancheRoom: Type.Integer({ description: 'what the awardee may still request (approved − paid − pending)' }),
  acceptanceResult: NStr, acceptanceScore: NNum, acceptanceNote: NStr, acceptedAt: NStr, closureNote: NStr, closedAt: NStr,
  bids: Type.Array(Bid), milestones: Type.Array(Milestone), activities: Type.Array(Activity), beneficiaries: Type.Array(Beneficiary),
  tranches: Type.Array(Tranche), supervision: Type.Array(Supervision),
});
export const ProjectQuery = Type.Object({
  ...Q, status: Type.Optional(Status), kind: Type.Optional(Kind), orgId: Type.Optional(Id), fundId: Type.Optional(Id),
  queue: Type.Optional(Type.Enum(['review', 'bidding', 'implementing'] as const, { description: 'review: submitted; bidding: bidding or evaluating' })),
  ...PageQueryFields,
}, { additionalProperties: false });
export const ProjectExportQuery = Type.Object({
  ...Q, status: Type.Optional(Status), kind: Type.Optional(Kind), orgId: Type.Optional(Id), fundId: Type.Optional(Id),
}, { additionalProperties: false });
export const ProjectPage = Type.Object({ items: Type.Array(ProjectSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const TrancheQuery = Type.Object({
  projectId: Type.Optional(Id), status: Type.Optional(Type.Enum(['requested', 'approved', 'paid', 'rejected'] as const)), ...PageQueryFields,
}, { additionalProperties: false });
export const TrancheExportQuery = Type.Object({ projectId: Type.Optional(Id), status: Type.Optional(Type.Enum(['requested', 'approved', 'paid', 'rejected'] as const)) }, { additionalProperties: false });
export const TranchePage = Type.Object({ items: Type.Array(Tranche), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

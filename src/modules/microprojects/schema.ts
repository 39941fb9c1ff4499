import { Type } from 'typebox';
import { Actions, Id, NInt, NStr, Nullable, PageQueryFields, Str, Text } from '../../core/schemas.js';

/** Request and response shapes of the micro-project routes. Money is integer fen (分). */
const Fen = (max = 100_000_000_000) => Type.Integer({ minimum: 1, maximum: max, description: '金额（分）' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Q = Type.Optional(Type.String({ maxLength: 50 }));

export const ProposalStatus = Type.Enum(['submitted', 'changesRequested', 'approved', 'rejected', 'inRound', 'won', 'lost'] as const);
export const RoundStatus = Type.Enum(['voting', 'closed'] as const);
export const ProjectStatus = Type.Enum(['implementing', 'completed'] as const);
export const Electorate = Type.Enum(['households', 'adults'] as const, { description: '按户（每户一票）/ 成年居民（每人一票）' });

// ── Budgets ──
export const CreateBudgetBody = Type.Object({
  orgId: Id, year: Type.Integer({ minimum: 2000, maximum: 2100 }), amountFen: Fen(), note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export const UpdateBudgetBody = Type.Object({ amountFen: Type.Optional(Fen()), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false, minProperties: 1 });
export const Budget = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, year: Type.Integer(), amountFen: Type.Integer(), allocatedFen: Type.Integer(),
  leftoverFen: Type.Integer(), spentFen: Type.Integer(), note: Str, openRoundId: NInt, proposalCount: Type.Integer(), approvedCount: Type.Integer(),
  createdAt: Str, actions: Actions,
});
export const BudgetQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQueryFields }, { additionalProperties: false });
export const BudgetExportQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
export const BudgetPage = Type.Object({ items: Type.Array(Budget), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

// ── Proposals ──
const ProposalFields = {
  title: Text(100), description: Text(4000), costFen: Fen(),
  location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  photoIds: Type.Optional(Type.Array(Id, { maxItems: 6, uniqueItems: true })),
};
export const CreateProposalBody = Type.Object({
  budgetId: Id, ...ProposalFields,
  proposerName: Type.Optional(Text(50)),
}, { additionalProperties: false });
export const UpdateProposalBody = Type.Partial(Type.Object(ProposalFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export const ReviewBody = Type.Object({
  decision: Type.Enum(['approve', 'reject', 'changes'] as const, { description: '通过进入投票 / 不通过 / 退回修改' }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export const Proposal = Type.Object({
  id: Type.Integer(), budgetId: Type.Integer(), year: Type.Integer(), orgId: Type.Integer(), orgName: Str, proposerName: Str, mine: Type.Boolean(),
  title: Str, description: Str, costFen: Type.Integer(), location: NStr, photoIds: Type.Array(Type.Integer()),
  status: ProposalStatus, reviewNote: NStr, reviewedAt: NStr, roundId: NInt, votes: NInt, projectId: NInt,
  createdAt: Str, updatedAt: Str, actions: Actions,
});
const ProposalFilter = {
  budgetId: Type.Optional(Id), roundId: Type.Optional(Id), orgId: Type.Optional(Id), status: Type.Optional(ProposalStatus), q: Q,
  mine: Type.Optional(Type.Boolean({ description: 'only my own proposals' })),
};
export const ProposalQuery = Type.Object({ ...ProposalFilter, ...PageQueryFields }, { additionalProperties: false });
export const ProposalExportQuery = Type.Object(ProposalFilter, { additionalProperties: false });
export const ProposalPage = Type.Object({ items: Type.Array(Proposal), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

// ── Rounds ──
export const OpenRoundBody = Type.Object({
  budgetId: Id, title: Type.Optional(Text(100)), electorate: Type.Optional(Electorate),
  closesAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
}, { additionalProperties: false });
export const RoundResult = Type.Object({
  proposalId: Type.Integer(), title: Str, costFen: Type.Integer(), votes: NInt, rank: NInt, chosen: Type.Boolean(), reason: NStr,
});
export const Round = Type.Object({
  id: Type.Integer(), budgetId: Type.Integer(), year: Type.Integer(), orgId: Type.Integer(), orgName: Str, title: Str, electorate: Electorate,
  voteId: NInt, status: RoundStatus, availableFen: Type.Integer(), allocatedFen: NInt, leftoverFen: NInt, eligible: NInt, cast: NInt,
  openedAt: Str, closesAt: NStr, closedAt: NStr, results: Type.Array(RoundResult), actions: Actions,
});
export const RoundQuery = Type.Object({ budgetId: Type.Optional(Id), orgId: Type.Optional(Id), status: Type.Optional(RoundStatus), ...PageQueryFields }, { additionalProperties: false });
export const RoundPage = Type.Object({ items: Type.Array(Round), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

// ── Projects ──
export const Milestone = Type.Object({ id: Type.Integer(), title: Str, plannedOn: Str, doneOn: NStr, note: Str, createdAt: Str });
export const Spending = Type.Object({ id: Type.Integer(), projectId: Type.Integer(), amountFen: Type.Integer(), spentOn: Str, payee: Str, note: Str, createdAt: Str });
export const Photo = Type.Object({ id: Type.Integer(), attachmentId: Type.Integer(), url: Str, caption: Str, createdAt: Str });
export const Comment = Type.Object({
  id: Type.Integer(), projectId: Type.Integer(), projectTitle: Str, authorName: Str, mine: Type.Boolean(), body: Str, reply: NStr, repliedAt: NStr, createdAt: Str,
});
export const Rating = Type.Object({ id: Type.Integer(), score: Type.Integer(), comment: Str, mine: Type.Boolean(), createdAt: Str });
export const ProjectSummary = Type.Object({
  id: Type.Integer(), proposalId: Type.Integer(), budgetId: Type.Integer(), roundId: Type.Integer(), year: Type.Integer(), orgId: Type.Integer(), orgName: Str,
  title: Str, costFen: Type.Integer(), spentFen: Type.Integer(), votes: Type.Integer(), status: ProjectStatus, completedAt: NStr,
  milestonesDone: Type.Integer(), milestonesTotal: Type.Integer(), ratingCount: Type.Integer(), ratingAverage: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Str, actions: Actions,
});
export const Project = Type.Object({
  ...ProjectSummary.properties, description: Str, location: NStr, completionNote: NStr,
  milestones: Type.Array(Milestone), spending: Type.Array(Spending), photos: Type.Array(Photo),
  comments: Type.Array(Comment), ratings: Type.Array(Rating), myRating: Nullable(Rating),
});
export const ProjectQuery = Type.Object({
  budgetId: Type.Optional(Id), orgId: Type.Optional(Id), status: Type.Optional(ProjectStatus), q: Q, ...PageQueryFields,
}, { additionalProperties: false });
export const ProjectExportQuery = Type.Object({ budgetId: Type.Optional(Id), orgId: Type.Optional(Id), status: Type.Optional(ProjectStatus), q: Q }, { additionalProperties: false });
export const ProjectPage = Type.Object({ items: Type.Array(ProjectSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const MilestoneBody = Type.Object({ title: Text(100), plannedOn: Day, doneOn: Type.Optional(Nullable(Day)), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const UpdateMilestoneBody = Type.Partial(MilestoneBody, { additionalProperties: false, minProperties: 1 });
export const SpendingBody = Type.Object({ amountFen: Fen(), spentOn: Day, payee: Text(100), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const SpendingQuery = Type.Object({ projectId: Type.Optional(Id), budgetId: Type.Optional(Id), orgId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false });
export const PhotoBody = Type.Object({ attachmentId: Id, caption: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const CompleteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const CommentBody = Type.Object({ body: Text(1000) }, { additionalProperties: false });
export const ReplyBody = Type.Object({ reply: Text(1000) }, { additionalProperties: false });
export const RatingBody = Type.Object({ score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const CommentQuery = Type.Object({ projectId: Type.Optional(Id), orgId: Type.Optional(Id), unanswered: Type.Optional(Type.Boolean()), ...PageQueryFields }, { additionalProperties: false });
export const CommentPage = Type.Object({ items: Type.Array(Comment), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

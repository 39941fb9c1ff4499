/** Shapes of the micro-project API (src/modules/microprojects/schema.ts). Money is integer fen. */
export const PROPOSAL_STATUSES = ['submitted', 'changesRequested', 'approved', 'rejected', 'inRound', 'won', 'lost'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type RoundStatus = 'voting' | 'closed';
export type ProjectStatus = 'implementing' | 'completed';

export interface Budget {
  id: number; orgId: number; orgName: string; year: number; amountFen: number; allocatedFen: number; leftoverFen: number; spentFen: number;
  note: string; openRoundId: number | null; proposalCount: number; approvedCount: number; createdAt: string; actions: string[];
}
export interface Proposal {
  id: number; budgetId: number; year: number; orgId: number; orgName: string; proposerName: string; mine: boolean; title: string; description: string;
  costFen: number; location: string | null; photoIds: number[]; status: ProposalStatus; reviewNote: string | null; reviewedAt: string | null;
  roundId: number | null; votes: number | null; projectId: number | null; createdAt: string; updatedAt: string; actions: string[];
}
export interface ProposalInput { title: string; description: string; costFen: number; location?: string | null; photoIds?: number[] }
export interface RoundResult { proposalId: number; title: string; costFen: number; votes: number | null; rank: number | null; chosen: boolean; reason: 'chosen' | 'doesNotFit' | 'noVotes' | null }
export interface Round {
  id: number; budgetId: number; year: number; orgId: number; orgName: string; title: string; electorate: 'households' | 'adults'; voteId: number | null;
  status: RoundStatus; availableFen: number; allocatedFen: number | null; leftoverFen: number | null; eligible: number | null; cast: number | null;
  openedAt: string; closesAt: string | null; closedAt: string | null; results: RoundResult[]; actions: string[];
}
export interface Milestone { id: number; title: string; plannedOn: string; doneOn: string | null; note: string; createdAt: string }
export interface Spending { id: number; projectId: number; amountFen: number; spentOn: string; payee: string; note: string; createdAt: string }
export interface Photo { id: number; attachmentId: number; url: string; caption: string; createdAt: string }
export interface Comment { id: number; projectId: number; projectTitle: string; authorName: string; mine: boolean; body: string; reply: string | null; repliedAt: string | null; createdAt: string }
export interface Rating { id: number; score: number; comment: string; mine: boolean; createdAt: string }
export interface ProjectSummary {
  id: number; proposalId: number; budgetId: number; roundId: number; year: number; orgId: number; orgName: string; title: string; costFen: number; spentFen: number;
  votes: number; status: ProjectStatus; completedAt: string | null; milestonesDone: number; milestonesTotal: number; ratingCount: number; ratingAverage: number | null;
  createdAt: string; actions: string[];
}
export interface Project extends ProjectSummary {
  description: string; location: string | null; completionNote: string | null; milestones: Milestone[]; spending: Spending[]; photos: Photo[];
  comments: Comment[]; ratings: Rating[]; myRating: Rating | null;
}

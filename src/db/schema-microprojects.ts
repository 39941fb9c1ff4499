import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of src/modules/microprojects (migrations/0016_microprojects.sql); kept in step with its migration by hand. Money is integer fen. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type IdArray = ColumnType<number[], number[] | undefined, number[]>;

export type ProposalStatus = 'submitted' | 'changesRequested' | 'approved' | 'rejected' | 'inRound' | 'won' | 'lost';
export type RoundStatus = 'voting' | 'closed';
export type RoundElectorate = 'households' | 'adults';
export type ProjectStatus = 'implementing' | 'completed';

export interface MicroBudgetTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  amount_fen: number;
  allocated_fen: Generated<number>;
  note: Generated<string>;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MicroRoundTable {
  id: Generated<number>;
  budget_id: number;
  org_id: number;
  org_path: string;
  title: string;
  electorate: RoundElectorate;
  vote_id: number | null;
  status: Generated<RoundStatus>;
  available_fen: number;
  allocated_fen: number | null;
  eligible: number | null;
  cast_count: number | null;
  opened_by: number;
  opened_at: Generated<Date>;
  closes_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface MicroProposalTable {
  id: Generated<number>;
  budget_id: number;
  org_id: number;
  org_path: string;
  proposer_id: number | null;
  proposer_name: string;
  recorded_by: number | null;
  title: string;
  description: string;
  cost_fen: number;
  location: string | null;
  photo_ids: IdArray;
  status: Generated<ProposalStatus>;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  round_id: number | null;
  votes: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MicroProjectTable {
  id: Generated<number>;
  proposal_id: number;
  budget_id: number;
  round_id: number;
  org_id: number;
  org_path: string;
  title: string;
  cost_fen: number;
  spent_fen: Generated<number>;
  votes: number;
  status: Generated<ProjectStatus>;
  completed_at: Timestamp | null;
  completion_note: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MicroMilestoneTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  title: string;
  planned_on: string;
  done_on: string | null;
  note: Generated<string>;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MicroSpendingTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  amount_fen: number;
  spent_on: string;
  payee: string;
  note: Generated<string>;
  recorded_by: number;
  created_at: Generated<Date>;
}

export interface MicroPhotoTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  attachment_id: number;
  caption: Generated<string>;
  added_by: number;
  created_at: Generated<Date>;
}

export interface MicroCommentTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  author_id: number;
  author_name: string;
  body: string;
  reply: string | null;
  replied_by: number | null;
  replied_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface MicroRatingTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  user_id: number;
  score: number;
  comment: Generated<string>;
  created_at: Generated<Date>;
}

export interface MicroprojectsTables {
  micro_budget: MicroBudgetTable;
  micro_round: MicroRoundTable;
  micro_proposal: MicroProposalTable;
  micro_project: MicroProjectTable;
  micro_milestone: MicroMilestoneTable;
  micro_spending: MicroSpendingTable;
  micro_photo: MicroPhotoTable;
  micro_comment: MicroCommentTable;
  micro_rating: MicroRatingTable;
}

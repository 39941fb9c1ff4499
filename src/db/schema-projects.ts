import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely table types of src/modules/projects (migrations/0019_projects.sql); kept in step with its migration by hand. Money is integer fen. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type ProjectKind = 'purchasedService' | 'ventureGrant' | 'linkage';
export type ProjectStatus = 'draft' | 'submitted' | 'returned' | 'rejected' | 'approved' | 'bidding' | 'evaluating' | 'implementing' | 'accepted' | 'closed';
export type AwardeeKind = 'socialOrg' | 'socialWorker';
export type TrancheStatus = 'requested' | 'approved' | 'paid' | 'rejected';
export type SupervisionKind = 'feedback' | 'complaint' | 'siteVisit';
export interface BudgetItem { item: string; amount: number }
export interface Criterion { name: string; max: number }

export interface ProjectFundTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  kind: ProjectKind;
  name: string;
  amount: number;
  allocated: Generated<number>;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProjectBudgetLineTable {
  id: Generated<number>;
  fund_id: number;
  org_id: number;
  org_path: string;
  name: string;
  amount: number;
  committed: Generated<number>;
  paid: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProjectTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  kind: ProjectKind;
  title: string;
  need: string;
  linked_needs: Generated<string>;
  beneficiaries_target: number;
  period_start: DateCol;
  period_end: DateCol;
  budget_items: Json<BudgetItem[]>;
  requested_amount: number;
  status: Generated<ProjectStatus>;
  applied_by: number;
  submitted_at: Timestamp | null;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  line_id: number | null;
  approved_amount: Generated<number>;
  award_mode: 'direct' | 'competition' | null;
  bid_deadline: Timestamp | null;
  criteria: Json<Criterion[]>;
  awardee_kind: AwardeeKind | null;
  social_org_id: number | null;
  social_worker_id: number | null;
  awardee_name: string | null;
  awarded_at: Timestamp | null;
  awarded_by: number | null;
  paid_amount: Generated<number>;
  released_amount: Generated<number>;
  served_count: Generated<number>;
  acceptance_result: 'passed' | 'failed' | null;
  acceptance_score: number | null;
  acceptance_note: string | null;
  accepted_by: number | null;
  accepted_at: Timestamp | null;
  closure_note: string | null;
  closed_by: number | null;
  closed_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type ProjectRow = Selectable<ProjectTable>;

export interface ProjectBidTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  social_org_id: number;
  social_org_name: string;
  price: number;
  plan: string;
  status: Generated<'submitted' | 'awarded' | 'lost'>;
  submitted_by: number;
  submitted_at: Generated<Date>;
  score_count: Generated<number>;
  score_sum: Generated<number>;
}

export interface ProjectBidScoreTable {
  bid_id: number;
  reviewer_id: number;
  org_id: number;
  org_path: string;
  scores: Json<number[]>;
  total: number;
  scored_at: Generated<Date>;
}

export interface ProjectMilestoneTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  title: string;
  due_on: DateCol;
  done_at: Timestamp | null;
  done_note: string | null;
  created_by: number;
  created_at: Generated<Date>;
}

export interface ProjectActivityTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  held_on: DateCol;
  title: string;
  participants: number;
  note: Generated<string>;
  created_by: number;
  created_at: Generated<Date>;
}

export interface ProjectBeneficiaryTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  served_on: DateCol;
  count: number;
  resident_id: number | null;
  note: Generated<string>;
  created_by: number;
  created_at: Generated<Date>;
}

export interface ProjectTrancheTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  seq: number;
  amount: number;
  purpose: string;
  evidence: Generated<string>;
  status: Generated<TrancheStatus>;
  requested_by: number;
  requested_at: Generated<Date>;
  approved_by: number | null;
  approved_at: Timestamp | null;
  paid_by: number | null;
  paid_at: Timestamp | null;
  payment_ref: string | null;
  rejected_by: number | null;
  rejected_at: Timestamp | null;
  reject_reason: string | null;
}

export interface ProjectSupervisionTable {
  id: Generated<number>;
  project_id: number;
  org_id: number;
  org_path: string;
  kind: SupervisionKind;
  body: string;
  rating: number | null;
  author_id: number;
  author_name: string;
  author_role: string;
  reply: string | null;
  replied_by: number | null;
  replied_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ProjectsTables {
  project_fund: ProjectFundTable;
  project_budget_line: ProjectBudgetLineTable;
  project: ProjectTable;
  project_bid: ProjectBidTable;
  project_bid_score: ProjectBidScoreTable;
  project_milestone: ProjectMilestoneTable;
  project_activity: ProjectActivityTable;
  project_beneficiary: ProjectBeneficiaryTable;
  project_tranche: ProjectTrancheTable;
  project_supervision: ProjectSupervisionTable;
}

import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of src/modules/evaluations (migrations/0020_evaluations.sql); kept in step with its migration by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type IdArray = ColumnType<number[], number[] | undefined, number[]>;

export type CampaignStatus = 'draft' | 'open' | 'closed' | 'published';
export type EvaluateeKind = 'org' | 'partnerUnit' | 'socialOrg';
export type SignoffLevel = 'party' | 'unit' | 'resident';
export type IndicatorPurpose = 'community' | 'experimentZone';

interface Owned { org_id: number; org_path: string }

export interface EvalCampaignTable extends Owned {
  id: Generated<number>;
  title: string;
  period_start: string;
  period_end: string;
  status: Generated<CampaignStatus>;
  weight_self: number;
  weight_peer: number;
  weight_resident: number;
  pass_mark: number;
  best_n: number;
  sample_size: number;
  seed: number;
  rectify_days: number;
  created_by: number;
  created_at: Generated<Date>;
  opened_at: NTimestamp;
  closed_at: NTimestamp;
  published_at: NTimestamp;
}

export interface EvalDimensionTable extends Owned { id: Generated<number>; campaign_id: number; position: number; name: string }

export interface EvalEvaluateeTable extends Owned {
  id: Generated<number>;
  campaign_id: number;
  kind: EvaluateeKind;
  subject_id: number;
  subject_path: string;
  name: string;
  sample_org_id: number;
  sample_path: string;
  self_score: number | null;
  peer_score: number | null;
  resident_score: number | null;
  final_score: number | null;
  peer_count: number | null;
  response_count: number | null;
  rank: number | null;
  passed: boolean | null;
  certified: Generated<boolean>;
}

export interface EvalScoreTable extends Owned {
  campaign_id: number; rater_id: number; target_id: number; dimension_id: number; score: number; entered_by: number; entered_at: Timestamp;
}

export interface EvalSampleTable extends Owned {
  id: Generated<number>;
  campaign_id: number;
  sample_path: string;
  household_id: number;
  draw_order: number;
  token_hash: string;
  answered_at: NTimestamp;
  answered_by: number | null;
  answered_via: 'link' | 'app' | null;
}

export interface EvalAnswerTable extends Owned { sample_id: number; campaign_id: number; evaluatee_id: number; dimension_id: number; score: number }

export interface EvalResultTable extends Owned {
  evaluatee_id: number; dimension_id: number; campaign_id: number;
  self_score: number | null; peer_score: number | null; resident_score: number | null; final_score: number | null;
}

export interface EvalRectificationTable extends Owned {
  id: Generated<number>;
  campaign_id: number;
  evaluatee_id: number;
  deadline: string;
  measures: string | null;
  reported_by: number | null;
  reported_at: NTimestamp;
  status: Generated<'open' | 'closed'>;
  closed_at: NTimestamp;
  created_at: Generated<Date>;
}

export interface EvalSignoffTable extends Owned {
  rectification_id: number; level: SignoffLevel; signer: string; note: string | null; recorded_by: number; signed_at: Timestamp;
}

export interface IndicatorTreeTable extends Owned {
  id: Generated<number>;
  title: string;
  purpose: IndicatorPurpose;
  subject_ids: IdArray;
  evaluator_ids: IdArray;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface IndicatorNodeTable extends Owned { id: Generated<number>; tree_id: number; parent_id: number | null; position: number; name: string; weight: number }

export interface IndicatorScoreTable extends Owned { node_id: number; tree_id: number; subject_id: number; evaluator_id: number; score: number; scored_at: Timestamp }

export interface EvaluationsTables {
  eval_campaign: EvalCampaignTable;
  eval_dimension: EvalDimensionTable;
  eval_evaluatee: EvalEvaluateeTable;
  eval_score: EvalScoreTable;
  eval_sample: EvalSampleTable;
  eval_answer: EvalAnswerTable;
  eval_result: EvalResultTable;
  eval_rectification: EvalRectificationTable;
  eval_signoff: EvalSignoffTable;
  indicator_tree: IndicatorTreeTable;
  indicator_node: IndicatorNodeTable;
  indicator_score: IndicatorScoreTable;
}

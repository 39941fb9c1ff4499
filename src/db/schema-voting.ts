import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of src/modules/voting (migrations/0015_voting.sql); kept in step with its migration by hand. */
type NTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type VoteStatus = 'draft' | 'open' | 'closed' | 'published';
export type VoteMethod = 'yesNo' | 'choice';
export type ElectorateKind = 'body' | 'households' | 'adults';
export type ThresholdBase = 'electorate' | 'cast' | 'decisive';
export type SubjectType = 'topic' | 'microRound' | 'other';

export interface VoteTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  title: string;
  description: string | null;
  subject_type: SubjectType | null;
  subject_id: number | null;
  electorate_kind: ElectorateKind;
  electorate_body_id: number | null;
  electorate_org_id: number | null;
  electorate_estate_id: number | null;
  electorate_building_id: number | null;
  method: VoteMethod;
  min_choices: number;
  max_choices: number;
  secret: boolean;
  quorum_num: number;
  quorum_den: number;
  threshold_num: number;
  threshold_den: number;
  threshold_of: ThresholdBase;
  closes_at: NTimestamp;
  status: Generated<VoteStatus>;
  eligible: ColumnType<number | null, number | null | undefined, number | null>;
  rule_locked_at: NTimestamp;
  opened_at: NTimestamp;
  closed_at: NTimestamp;
  published_at: NTimestamp;
  cast_count: number | null;
  quorum_met: boolean | null;
  passed: boolean | null;
  counts: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
  ballots_digest: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VoteOptionTable { vote_id: number; key: string; label: string; position: number }
export interface VoteElectorTable { vote_id: number; user_id: number; voter_key: number }
export interface VoteParticipationTable { vote_id: number; voter_key: number; cast_by: number; cast_at: Generated<Date>; receipt: string | null }
export interface VoteBallotTable { vote_id: number; receipt: string; choices: ColumnType<string[], string[], string[]> }

export interface VotingTables {
  vote: VoteTable;
  vote_option: VoteOptionTable;
  vote_elector: VoteElectorTable;
  vote_participation: VoteParticipationTable;
  vote_ballot: VoteBallotTable;
}

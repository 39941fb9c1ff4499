import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of src/modules/workforce (migrations/0018_workforce.sql); kept in step with it by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type CertLevel = 'none' | 'assistant' | 'intermediate' | 'senior';
export type HeldCertLevel = Exclude<CertLevel, 'none'>;

export interface SocialWorkStationTable {
  id: Generated<number>; org_id: number; org_path: string; level: 'street' | 'community'; name: string;
  address: string | null; opened_on: Day | null; status: Defaulted<'active' | 'closed'>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface SocialWorkerTable {
  id: Generated<number>; org_id: number; org_path: string; name: string; user_id: number | null; station_id: number | null;
  employer: string | null; phone_enc: string | null; phone_hash: string | null; phone_masked: string | null;
  cert_level: Defaulted<CertLevel>; cert_no: string | null; cert_on: Day | null; status: Defaulted<'active' | 'left'>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface LadderGradeTable {
  id: Generated<number>; org_id: number; org_path: string; grade: number; coefficient: number;
  updated_by: number | null; updated_at: Timestamp;
}

export interface LadderPostTable {
  id: Generated<number>; org_id: number; org_path: string; code: string; name: string;
  min_grade: number; max_grade: number; sort: Defaulted<number>; updated_by: number | null; updated_at: Timestamp;
}

export interface LocalWageTable {
  id: Generated<number>; org_id: number; org_path: string; year: number; annual_wage: number; source: string | null;
  updated_by: number | null; updated_at: Timestamp;
}

export interface CertBonusRuleTable {
  id: Generated<number>; org_id: number; org_path: string; cert_level: HeldCertLevel;
  one_time_bonus: number; monthly_allowance: number; updated_by: number | null; updated_at: Timestamp;
}

export interface WorkerProfileTable {
  id: Generated<number>; org_id: number; org_path: string; name: string; user_id: number | null;
  phone_enc: string | null; phone_hash: string | null; phone_masked: string | null;
  post: string; grade: number; hired_on: Day | null;
  cert_level: Defaulted<CertLevel>; cert_no: string | null; cert_on: Day | null; status: Defaulted<'active' | 'left'>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface WorkerTrainingTable {
  id: Generated<number>; profile_id: number; org_id: number; org_path: string; held_on: Day; topic: string;
  hours: number; provider: string | null; created_by: number | null; created_at: Generated<Date>;
}

export interface WorkerBonusTable {
  id: Generated<number>; profile_id: number; org_id: number; org_path: string; cert_level: HeldCertLevel;
  amount: number; awarded_on: Day; note: string | null; created_by: number | null; created_at: Generated<Date>;
}

export interface WorkforceTables {
  social_work_station: SocialWorkStationTable;
  social_worker: SocialWorkerTable;
  ladder_grade: LadderGradeTable;
  ladder_post: LadderPostTable;
  local_wage: LocalWageTable;
  cert_bonus_rule: CertBonusRuleTable;
  worker_profile: WorkerProfileTable;
  worker_training: WorkerTrainingTable;
  worker_bonus: WorkerBonusTable;
}

import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely table types of src/modules/volunteering (migrations/0009_volunteering.sql); kept in step with its migration by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type ActivityKind = 'volunteer' | 'party' | 'culture';
export type ActivityStatus = 'draft' | 'published' | 'cancelled' | 'finished';
export type PointRule = 'perHour' | 'perActivity';
export type SignupStatus = 'signedUp' | 'waiting' | 'cancelled';

export interface VolunteerTable {
  id: Generated<number>;
  user_id: number;
  org_id: number;
  org_path: string;
  name: string;
  skills: TextArray;
  skill_note: string | null;
  availability: TextArray;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  confirmed_minutes: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  kind: ActivityKind;
  title: string;
  description: Generated<string>;
  place: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  required_skills: TextArray;
  point_rule: PointRule;
  points_per_hour: Generated<number>;
  points_fixed: Generated<number>;
  day_cap: number;
  status: Generated<ActivityStatus>;
  signed_count: Generated<number>;
  waiting_count: Generated<number>;
  cancel_reason: string | null;
  created_by: number;
  published_at: Timestamp | null;
  finished_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SignupTable {
  id: Generated<number>;
  activity_id: number;
  volunteer_id: number;
  org_id: number;
  org_path: string;
  status: SignupStatus;
  queued_at: Generated<Date>;
  check_in_at: Timestamp | null;
  check_out_at: Timestamp | null;
  check_in_method: 'qr' | 'manual' | null;
  minutes: number | null;
  points: number | null;
  confirmed_at: Timestamp | null;
  confirmed_by: number | null;
  ledger_txn_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VolunteeringTables {
  volunteer: VolunteerTable;
  activity: ActivityTable;
  signup: SignupTable;
}

export type VolunteerRow = Selectable<VolunteerTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type SignupRow = Selectable<SignupTable>;

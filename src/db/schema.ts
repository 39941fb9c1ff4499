import type { ColumnType, Generated, Selectable } from 'kysely';
import type { PointsTables } from './schema-points.js';
import type { StoreTables } from './schema-store.js';
import type { VolunteeringTables } from './schema-volunteering.js';
import type { PartnersTables } from './schema-partners.js';
import type { DeliberationTables } from './schema-deliberation.js';
import type { VotingTables } from './schema-voting.js';
import type { MicroprojectsTables } from './schema-microprojects.js';
import type { SocialorgsTables } from './schema-socialorgs.js';
import type { WorkforceTables } from './schema-workforce.js';
import type { ProjectsTables } from './schema-projects.js';
import type { EvaluationsTables } from './schema-evaluations.js';

/** Kysely table types; kept in step with migrations/*.sql by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export type OrgLevel = 'root' | 'province' | 'city' | 'district' | 'street' | 'community' | 'grid' | 'department';
export type Role =
  | 'sysAdmin' | 'securityAdmin' | 'auditAdmin'
  | 'streetStaff' | 'communityWorker' | 'gridWorker' | 'departmentStaff' | 'socialOrgStaff' | 'resident';

export interface OrgTable {
  id: Generated<number>;
  parent_id: number | null;
  level: OrgLevel;
  code: string;
  name: string;
  path: string;
  households_target: number | null;
  boundary: Json | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  org_id: number;
  org_path: string;
  password_hash: string;
  password_changed_at: Generated<Date>;
  must_change_password: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  is_demo: Generated<boolean>;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_path: string | null;
  ip: string | null;
  user_agent: string | null;
  outcome: 'success' | 'failure' | 'denied';
  detail: Json;
  prev_hash: string;
  hash: string;
  /** Which of the independent hash chains the record belongs to (0004). */
  chain: Generated<number>;
}

// ── Base information (migrations/0002_base_information.sql) ──
type Day = ColumnType<string, string, string>; // PostgreSQL date as 'YYYY-MM-DD' (see database.ts type parser)
type Numeric = ColumnType<number, string | number, string | number>; // NUMERIC parsed to number (database.ts)

export interface AttachmentTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  created_at: Generated<Date>;
}

export interface EstateTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  name: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BuildingTable {
  id: Generated<number>;
  estate_id: number;
  org_id: number;
  org_path: string;
  name: string;
  floors: number | null;
  lon: number | null;
  lat: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UnitTable {
  id: Generated<number>;
  building_id: number;
  org_id: number;
  org_path: string;
  name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Tenure = 'owned' | 'rented' | 'public' | 'other';

export interface HouseholdTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  estate_id: number | null;
  building_id: number | null;
  unit_id: number | null;
  place: string;
  room_enc: string | null;
  address_enc: string;
  address_masked: string;
  address_hash: string;
  area_sqm: Numeric | null;
  tenure: Tenure | null;
  lon: number | null;
  lat: number | null;
  head_resident_id: number | null;
  status: Generated<'active' | 'inactive'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'grandparent' | 'sibling' | 'childInLaw' | 'tenant' | 'other';
export type IdType = 'idCard' | 'passport' | 'hkMacauPermit' | 'taiwanPermit' | 'foreignPermanent';
export type PoliticalStatus = 'partyMember' | 'probationaryMember' | 'leagueMember' | 'democraticParty' | 'masses';
export type RegistrationType = 'registered' | 'migrant' | 'newCitizen';
export type ResidentStatus = 'active' | 'inactive' | 'anonymized';

export interface ResidentTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  household_id: number | null;
  relation: Relation | null;
  name: string;
  /** Generated by the database (gz_name_grams): never written. */
  name_grams: ColumnType<string[], never, never>;
  gender: 'male' | 'female';
  birth_date: Day | null;
  id_type: IdType;
  id_enc: string | null;
  id_hash: string | null;
  id_masked: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  ethnicity: string | null;
  political_status: PoliticalStatus | null;
  registration_type: RegistrationType;
  arrival_date: Day | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  note: string | null;
  status: Generated<ResidentStatus>;
  status_reason: string | null;
  user_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HouseholdMembershipTable {
  id: Generated<number>;
  resident_id: number;
  household_id: number;
  org_id: number;
  org_path: string;
  relation: string | null;
  started_at: Generated<Date>;
  ended_at: Date | null;
}

export type ResidentChangeKind = 'create' | 'update' | 'move' | 'deactivate' | 'reactivate' | 'anonymize' | 'import' | 'correction';

export interface ResidentChangeTable {
  id: Generated<number>;
  resident_id: number;
  org_id: number;
  org_path: string;
  at: Generated<Date>;
  actor_id: number | null;
  actor_name: string | null;
  kind: ResidentChangeKind;
  changes: Json;
}

export interface CorrectionRequestTable {
  id: Generated<number>;
  resident_id: number;
  org_id: number;
  org_path: string;
  requested_by: number;
  field: string;
  message: string;
  status: Generated<'open' | 'accepted' | 'rejected'>;
  reply: string | null;
  handled_by: number | null;
  handled_at: Date | null;
  created_at: Generated<Date>;
}

export type GridPostKind = 'gridWorker' | 'gridAssistant' | 'gridHelper';

export interface GridPostTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  post: GridPostKind;
  primary_user_id: number | null;
  primary_name: string;
  backup_user_id: number | null;
  backup_name: string | null;
  card_phone: string | null;
  card_duties: string | null;
  card_photo_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VisitTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  household_id: number;
  visitor_id: number;
  visited_at: Timestamp;
  findings: string;
  follow_up: Generated<boolean>;
  follow_up_note: string | null;
  follow_up_done_at: Date | null;
  photo_ids: ColumnType<number[], number[] | undefined, number[]>;
  created_at: Generated<Date>;
}

export interface WorkLogTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  author_id: number;
  log_date: Day;
  content: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface GridMeetingTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  author_id: number;
  held_on: Day;
  topic: string;
  attendees: string | null;
  notes: string;
  created_at: Generated<Date>;
}

export type ImportStatus = 'previewed' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportJobTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  created_by: number | null;
  kind: 'residents';
  filename: string;
  file_format: 'xlsx' | 'csv';
  file_data: Buffer | null;
  status: Generated<ImportStatus>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  error_report: Buffer | null;
  error: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

// ── Requests (migrations/0003_requests.sql) ──
export type RequestKind = 'problem' | 'help' | 'complaint' | 'inquiry';
export type RequestChannel = 'app' | 'grid' | 'hotline' | 'web' | 'open311';
export type RequestStatus =
  | 'submitted' | 'accepted' | 'dispatched' | 'inProgress' | 'resolved' | 'rated' | 'closed'
  | 'returned' | 'reopened' | 'merged';
export type ReporterKind = 'resident' | 'gridWorker' | 'staff' | 'hotline' | 'anonymous' | 'open311';
export type Rating = 'satisfied' | 'basic' | 'unsatisfied';

export interface RequestCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  name_en: string | null;
  description: string | null;
  kinds: ColumnType<string[], string[] | undefined, string[]>;
  accept_hours: number | null;
  respond_hours: number | null;
  resolve_hours: number | null;
  escalate_hours: number | null;
  checkin_hours: number | null;
  public: Generated<boolean>;
  active: Generated<boolean>;
  sort: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RequestRouteTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  category_id: number;
  handler_org_id: number;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface Open311KeyTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_by: number | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface RequestTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  handler_org_id: number | null;
  handler_path: string | null;
  category_id: number;
  kind: RequestKind;
  channel: RequestChannel;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  photo_ids: ColumnType<number[], number[] | undefined, number[]>;
  media_url: string | null;
  reporter_kind: ReporterKind;
  reporter_user_id: number | null;
  contact_name_enc: string | null;
  contact_name_masked: string | null;
  contact_phone_enc: string | null;
  contact_phone_hash: string | null;
  contact_phone_masked: string | null;
  status: RequestStatus;
  is_open: ColumnType<boolean, never, never>;
  routed_auto: Generated<boolean>;
  accept_due_at: Timestamp;
  respond_due_at: Timestamp;
  resolve_due_at: Timestamp;
  escalate_hours: number;
  accepted_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  responded_at: Timestamp | null;
  resolved_at: Timestamp | null;
  rated_at: Timestamp | null;
  closed_at: Timestamp | null;
  overdue_level: Generated<number>;
  ever_overdue: Generated<boolean>;
  rating: Rating | null;
  rating_comment: string | null;
  reopen_count: Generated<number>;
  resolution: string | null;
  merged_into_id: number | null;
  possible_duplicate_of: number | null;
  idem_scope: string;
  client_key: string;
  open311_token: Generated<string>;
  version: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RequestEventTable {
  id: Generated<number>;
  request_id: number;
  org_id: number;
  org_path: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: number | null;
  actor_name: string | null;
  actor_org_id: number | null;
  target_org_id: number | null;
  note: string | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RequestSummonsTable {
  id: Generated<number>;
  request_id: number;
  org_id: number;
  org_path: string;
  whistled_by: number | null;
  whistled_at: ColumnType<Date, Date | string | undefined, Date | string>;
  reason: string;
  due_at: Timestamp;
  checked_in_at: Timestamp | null;
  checked_in_by: number | null;
  report: string | null;
  reported_at: Timestamp | null;
  supervised_at: Timestamp | null;
  late: Generated<boolean>;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  org_id: number;
  org_path: string;
  kind: string;
  request_id: number | null;
  title: string;
  body: string;
  read_at: Timestamp | null;
  delivered_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface RequestStatTable {
  org_id: number;
  org_path: string;
  handler_org_id: number;
  handler_path: string;
  month: Day;
  received: number;
  routed_auto: number;
  responded: number;
  responded_on_time: number;
  resolved: number;
  resolved_on_time: number;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  overdue: number;
  handle_seconds: number;
}

/** Each module of issue 5 keeps its tables in its own file, so modules built side by side never edit the same lines. */
export interface DB extends PointsTables, StoreTables, VolunteeringTables, PartnersTables,
  DeliberationTables, VotingTables, MicroprojectsTables, SocialorgsTables, WorkforceTables, ProjectsTables, EvaluationsTables {
  org: OrgTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  attachment: AttachmentTable;
  estate: EstateTable;
  building: BuildingTable;
  unit: UnitTable;
  household: HouseholdTable;
  resident: ResidentTable;
  household_membership: HouseholdMembershipTable;
  resident_change: ResidentChangeTable;
  correction_request: CorrectionRequestTable;
  grid_post: GridPostTable;
  visit: VisitTable;
  work_log: WorkLogTable;
  grid_meeting: GridMeetingTable;
  import_job: ImportJobTable;
  request_category: RequestCategoryTable;
  request_route: RequestRouteTable;
  open311_key: Open311KeyTable;
  request: RequestTable;
  request_event: RequestEventTable;
  request_summons: RequestSummonsTable;
  notification: NotificationTable;
  request_stat: RequestStatTable;
}

export type OrgRow = Selectable<OrgTable>;
export type UserRow = Selectable<AppUserTable>;
export type AuditRow = Selectable<AuditLogTable>;

import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely table types; kept in step with migrations/*.sql by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export type OrgLevel = 'root' | 'province' | 'city' | 'district' | 'street' | 'community' | 'grid' | 'department';
export type Role =
  | 'sysAdmin' | 'securityAdmin' | 'auditAdmin'
  | 'streetStaff' | 'communityWorker' | 'gridWorker' | 'departmentStaff' | 'resident';

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
}

export interface DB {
  org: OrgTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
}

export type OrgRow = Selectable<OrgTable>;
export type UserRow = Selectable<AppUserTable>;
export type AuditRow = Selectable<AuditLogTable>;

import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of src/modules/socialorgs (migrations/0017_socialorgs.sql); kept in step with it by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type SocialOrgFiling = 'registered' | 'filed';
export type SocialOrgCategory = 'life_service' | 'charity' | 'culture_sports' | 'mediation' | 'elderly' | 'other';
export type SocialOrgStatus = 'active' | 'suspended' | 'deregistered';
export type IncubationLevel = 'government' | 'street' | 'community';
export type IncubationStatus = 'incubating' | 'graduated' | 'exited';
export type IncubationServiceKind = 'capacity_training' | 'growth_assessment' | 'project_guidance'
  | 'resource_matching' | 'venue_support' | 'registration_assistance';
export type GrowthLevel = '5A' | '4A' | '3A' | '2A' | '1A' | 'none';

export interface SocialOrgTable {
  id: Generated<number>; org_id: number; org_path: string; name: string;
  filing: SocialOrgFiling; category: SocialOrgCategory; credit_code: string | null; filing_no: string | null; registered_on: Day | null;
  legal_person_name: string;
  legal_person_id_enc: string | null; legal_person_id_hash: string | null; legal_person_id_masked: string | null;
  legal_person_phone_enc: string | null; legal_person_phone_hash: string | null; legal_person_phone_masked: string | null;
  contact_name: string | null; contact_phone_enc: string | null; contact_phone_hash: string | null; contact_phone_masked: string | null;
  address: string | null; member_count: Defaulted<number>; description: string | null;
  status: Defaulted<SocialOrgStatus>; status_reason: string | null; status_changed_at: Date | null;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface SocialOrgStaffTable {
  id: Generated<number>; social_org_id: number; user_id: number; org_id: number; org_path: string;
  title: string | null; created_by: number | null; created_at: Generated<Date>;
}

export interface SocialOrgAreaTable {
  social_org_id: number; served_org_id: number; served_org_path: string; org_id: number; org_path: string;
}

export interface IncubationBaseTable {
  id: Generated<number>; org_id: number; org_path: string; level: IncubationLevel; name: string;
  address: string | null; capacity: number | null; status: Defaulted<'active' | 'closed'>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface IncubationTable {
  id: Generated<number>; base_id: number; social_org_id: number; org_id: number; org_path: string;
  entered_on: Day; exited_on: Day | null; status: Defaulted<IncubationStatus>; note: string | null;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface IncubationServiceTable {
  id: Generated<number>; social_org_id: number; incubation_id: number | null; org_id: number; org_path: string;
  kind: IncubationServiceKind; provided_on: Day; provider: string; hours: number | null; notes: string | null;
  created_by: number | null; created_at: Generated<Date>;
}

export interface GrowthAssessmentTable {
  id: Generated<number>; social_org_id: number; org_id: number; org_path: string; assessed_on: Day;
  governance: number; capacity: number; projects: number; finance: number; influence: number;
  total: number; level: GrowthLevel; assessor: string; notes: string | null;
  created_by: number | null; created_at: Generated<Date>;
}

export interface SocialorgsTables {
  social_org: SocialOrgTable;
  social_org_staff: SocialOrgStaffTable;
  social_org_area: SocialOrgAreaTable;
  incubation_base: IncubationBaseTable;
  incubation: IncubationTable;
  incubation_service: IncubationServiceTable;
  growth_assessment: GrowthAssessmentTable;
}

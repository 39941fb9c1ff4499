import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of src/modules/partners (migrations/0008_partners.sql); kept in step with it by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;

export type PartyMemberStatus = 'pending' | 'active' | 'left';
export type PartnerUnitKind = 'agency' | 'enterprise' | 'school' | 'other';
export type ContractStatus = 'active' | 'ended' | 'terminated';
export type NeedSource = 'wish' | 'visit' | 'request' | 'other';
export type NeedStatus = 'open' | 'claimed' | 'done' | 'closed';
export type ClaimStatus = 'claimed' | 'in_progress' | 'done' | 'withdrawn';
export type ScoreSubject = 'member' | 'unit';

export interface PartyMemberTable {
  id: Generated<number>; org_id: number; org_path: string; name: string;
  phone_enc: string | null; phone_hash: string | null; phone_masked: string | null;
  work_unit: string; party_org: string; user_id: number | null; reported_on: Day;
  status: ColumnType<PartyMemberStatus, PartyMemberStatus | undefined, PartyMemberStatus>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface PartnerUnitTable {
  id: Generated<number>; org_id: number; org_path: string; name: string; kind: PartnerUnitKind;
  contact_name: string | null; contact_phone_enc: string | null; contact_phone_hash: string | null; contact_phone_masked: string | null;
  address: string | null; status: ColumnType<'active' | 'inactive', 'active' | 'inactive' | undefined, 'active' | 'inactive'>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface PartnerContractTable {
  id: Generated<number>; org_id: number; org_path: string; unit_id: number; title: string;
  starts_on: Day; ends_on: Day; status: ColumnType<ContractStatus, ContractStatus | undefined, ContractStatus>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface PartnerDutyTable {
  id: Generated<number>; org_id: number; org_path: string; contract_id: number; description: string;
  due_on: Day | null; done_at: Date | null; done_note: string | null; created_at: Generated<Date>;
}

export interface PartnerNeedTable {
  id: Generated<number>; org_id: number; org_path: string; title: string; description: string; category: string;
  source: NeedSource; visit_id: number | null; request_id: number | null; raised_by: number | null;
  capacity: number; claimed: Generated<number>; due_on: Day | null;
  status: ColumnType<NeedStatus, NeedStatus | undefined, NeedStatus>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface ServiceOfferTable {
  id: Generated<number>; org_id: number; org_path: string; member_id: number | null; unit_id: number | null;
  title: string; description: string; availability: string | null;
  status: ColumnType<'active' | 'withdrawn', 'active' | 'withdrawn' | undefined, 'active' | 'withdrawn'>;
  created_by: number | null; created_at: Generated<Date>;
}

export interface ServicePostTable {
  id: Generated<number>; org_id: number; org_path: string; name: string; description: string | null;
  capacity: number; claimed: Generated<number>; status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface PartnerClaimTable {
  id: Generated<number>; org_id: number; org_path: string; need_id: number | null; post_id: number | null;
  member_id: number | null; unit_id: number | null; status: ColumnType<ClaimStatus, ClaimStatus | undefined, ClaimStatus>;
  note: string | null; result: string | null; done_at: Date | null;
  rating: number | null; feedback: string | null; feedback_by: number | null; feedback_at: Date | null;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface PartnerScoreTable {
  year: number; subject_kind: ScoreSubject; subject_id: number; org_id: number; org_path: string;
  hours: Generated<number>; claims_done: Generated<number>; rating_count: Generated<number>; rating_sum: Generated<number>;
  score: Generated<number>; updated_at: Timestamp;
}

export interface PartnersTables {
  party_member: PartyMemberTable;
  partner_unit: PartnerUnitTable;
  partner_contract: PartnerContractTable;
  partner_duty: PartnerDutyTable;
  partner_need: PartnerNeedTable;
  service_offer: ServiceOfferTable;
  service_post: ServicePostTable;
  partner_claim: PartnerClaimTable;
  partner_score: PartnerScoreTable;
}

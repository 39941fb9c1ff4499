/** Mirrors src/modules/residents/schema.ts (the server's TypeBox schemas). */

export type Gender = 'male' | 'female';
export type IdType = 'idCard' | 'passport' | 'hkMacauPermit' | 'taiwanPermit' | 'foreignPermanent';
export type Relation =
  | 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'grandparent' | 'sibling' | 'childInLaw' | 'tenant' | 'other';
export type PoliticalStatus = 'partyMember' | 'probationaryMember' | 'leagueMember' | 'democraticParty' | 'masses';
export type RegistrationType = 'registered' | 'migrant' | 'newCitizen';
export type ResidentStatus = 'active' | 'inactive' | 'anonymized';
export type RevealField = 'name' | 'idNumber' | 'phone';

export interface Resident {
  id: number;
  orgId: number;
  orgName: string;
  householdId: number | null;
  householdPlace: string | null;
  relation: string | null;
  nameMasked: string;
  gender: string;
  birthYear: number | null;
  age: number | null;
  idType: string;
  idMasked: string | null;
  phoneMasked: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  registrationType: string;
  arrivalDate: string | null;
  tags: string[];
  note: string | null;
  status: string;
  statusReason: string | null;
  hasAccount: boolean;
  createdAt: string;
  updatedAt: string;
  actions: string[];
}

export interface ResidentPage {
  items: Resident[];
  total: number;
  page: number;
  pageSize: number;
  /** false when total is a lower bound */
  totalExact: boolean;
}

export interface ResidentFilter {
  q?: string;
  /** Part of the household's place (estate, building, road). */
  address?: string;
  orgId?: number;
  householdId?: number;
  estateId?: number;
  buildingId?: number;
  /** comma list, incl. age60/age80 */
  tags?: string;
  ageMin?: number;
  ageMax?: number;
  registrationType?: RegistrationType;
  gender?: Gender;
  politicalStatus?: PoliticalStatus;
  status?: ResidentStatus | 'all';
}

export interface ResidentListParams extends ResidentFilter {
  page: number;
  pageSize: number;
}

export interface CreateResidentInput {
  name: string;
  gender?: Gender;
  idType?: IdType;
  idNumber: string;
  birthDate?: string;
  phone?: string;
  ethnicity?: string;
  politicalStatus?: PoliticalStatus;
  registrationType?: RegistrationType;
  arrivalDate?: string;
  householdId?: number;
  relation?: Relation;
  orgId?: number;
  tags?: string[];
  note?: string;
}

export interface UpdateResidentInput {
  name?: string;
  gender?: Gender;
  idType?: IdType;
  idNumber?: string;
  birthDate?: string | null;
  phone?: string | null;
  ethnicity?: string | null;
  politicalStatus?: PoliticalStatus | null;
  registrationType?: RegistrationType;
  arrivalDate?: string | null;
  relation?: Relation;
  tags?: string[];
  note?: string | null;
}

export interface MoveInput {
  householdId: number | null;
  relation?: Relation | null;
  orgId?: number;
}

export interface HistoryChange {
  id: number;
  at: string;
  kind: string;
  actorName: string | null;
  fields: string[];
  reason: string | null;
}

export interface HistoryMembership {
  id: number;
  householdId: number;
  /** null when the household lies outside the user's scope */
  place: string | null;
  relation: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface ResidentHistory {
  changes: HistoryChange[];
  memberships: HistoryMembership[];
}

export interface AccountInput {
  username: string;
  password: string;
}

export interface AccountResult {
  residentId: number;
  userId: number;
  username: string;
  mustChangePassword: boolean;
}

export interface Label {
  value: string;
  zh: string;
  en: string;
}

export interface ResidentMeta {
  idTypes: Label[];
  genders: Label[];
  relations: Label[];
  politicalStatuses: Label[];
  registrationTypes: Label[];
  tags: (Label & { derived: boolean })[];
  tenures: Label[];
  statuses: Label[];
  correctionFields: Label[];
}

export type CorrectionStatus = 'open' | 'accepted' | 'rejected';

export interface Correction {
  id: number;
  residentId: number;
  residentNameMasked: string;
  field: string;
  message: string;
  status: string;
  reply: string | null;
  createdAt: string;
  handledAt: string | null;
  actions: string[];
}

export interface CorrectionListParams {
  status?: CorrectionStatus;
  page: number;
  pageSize: number;
}

/** A household as the picker shows it (subset of GET /households rows). */
export interface HouseholdOption {
  id: number;
  orgId: number;
  orgName: string;
  place: string;
  addressMasked: string;
  memberCount: number;
  /** The head of household's name, masked (tells households of one unit apart). */
  headNameMasked: string | null;
}

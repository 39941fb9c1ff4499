/** Mirrors src/modules/residents/schema.ts (self-service) and GridCard of src/modules/gridwork/schema.ts. */
export interface OwnRecord {
  id: number;
  orgName: string;
  name: string;
  gender: string;
  birthDate: string | null;
  idType: string;
  idNumber: string | null;
  phone: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  registrationType: string;
  arrivalDate: string | null;
  householdId: number | null;
  householdPlace: string | null;
  relation: string | null;
  tags: string[];
  status: 'active' | 'inactive' | 'anonymized';
}

export interface OwnHousehold {
  id: number;
  place: string;
  addressMasked: string;
  members: { id: number; self: boolean; name: string; relation: string | null; gender: string; age: number | null }[];
}

export interface GridCard {
  gridId: number;
  gridName: string;
  post: string;
  postLabel: string;
  name: string;
  photoUrl: string | null;
  cardPhone: string | null;
  cardDuties: string | null;
  backupName: string | null;
}

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
  statuses: Label[];
  correctionFields: Label[];
}

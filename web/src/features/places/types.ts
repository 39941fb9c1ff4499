/** Mirrors src/modules/places/schema.ts (the server's TypeBox schemas). */

export type Tenure = 'owned' | 'rented' | 'public' | 'other';
export type HouseholdStatus = 'active' | 'inactive';

export interface Estate {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  buildingCount: number;
  householdCount: number;
  actions: string[];
}

export interface EstateInput {
  orgId?: number;
  name?: string;
  address?: string | null;
  lon?: number | null;
  lat?: number | null;
}

export interface Building {
  id: number;
  estateId: number;
  estateName: string;
  orgId: number;
  name: string;
  floors: number | null;
  lon: number | null;
  lat: number | null;
  unitCount: number;
  householdCount: number;
  actions: string[];
}

export interface BuildingInput {
  estateId?: number;
  name?: string;
  floors?: number | null;
  lon?: number | null;
  lat?: number | null;
}

export interface Unit {
  id: number;
  buildingId: number;
  orgId: number;
  name: string;
  householdCount: number;
  actions: string[];
}

export interface Household {
  id: number;
  orgId: number;
  orgName: string;
  estateId: number | null;
  buildingId: number | null;
  unitId: number | null;
  /** The searchable place, without the door/room number */
  place: string;
  addressMasked: string;
  areaSqm: number | null;
  tenure: Tenure | null;
  lon: number | null;
  lat: number | null;
  status: HouseholdStatus;
  headResidentId: number | null;
  memberCount: number;
  /** The head of household's name, masked (tells households of one unit apart). */
  headNameMasked: string | null;
  actions: string[];
}

export interface Member {
  id: number;
  nameMasked: string;
  relation: string | null;
  gender: string;
  age: number | null;
  tags: string[];
  status: string;
}

export interface HouseholdDetail extends Household {
  members: Member[];
}

export interface HouseholdFilter {
  q?: string;
  orgId?: number;
  estateId?: number;
  buildingId?: number;
  unitId?: number;
  status?: HouseholdStatus;
}

export interface HouseholdInput {
  orgId?: number;
  estateId?: number | null;
  buildingId?: number | null;
  unitId?: number | null;
  street?: string | null;
  room?: string | null;
  areaSqm?: number | null;
  tenure?: Tenure | null;
  lon?: number | null;
  lat?: number | null;
  status?: HouseholdStatus;
}

/** What the places pages need of GET /residents/meta (labels for tenure, relation, gender, tags). */
export interface Label {
  value: string;
  zh: string;
  en: string;
}
export interface PlacesMeta {
  tenures: Label[];
  relations: Label[];
  genders: Label[];
  tags: Label[];
  statuses: Label[];
}

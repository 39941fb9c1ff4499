/** Mirrors src/modules/gridwork/schema.ts (Visit, WorkLog) and src/modules/places/schema.ts (Household). */
export interface Visit {
  id: number;
  orgId: number;
  orgName: string;
  householdId: number;
  householdPlace: string;
  visitorId: number;
  visitorName: string;
  visitedAt: string;
  findings: string;
  followUp: boolean;
  followUpNote: string | null;
  followUpDoneAt: string | null;
  photoIds: number[];
  photoUrls: string[];
  createdAt: string;
  actions: string[];
}

export interface CreateVisitInput {
  householdId: number;
  visitedAt?: string;
  findings: string;
  followUp: boolean;
  followUpNote?: string | null;
  photoIds?: number[];
}

export interface WorkLog {
  id: number;
  orgId: number;
  orgName: string;
  authorId: number;
  authorName: string;
  logDate: string;
  content: string;
  createdAt: string;
}

export interface Household {
  id: number;
  orgId: number;
  orgName: string;
  place: string;
  addressMasked: string;
  memberCount: number;
  /** The head of household's name, masked (tells households of one unit apart). */
  headNameMasked: string | null;
  status: string;
  actions: string[];
}

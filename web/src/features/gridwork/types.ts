/** Mirrors src/modules/gridwork/schema.ts. */
export type PostKind = 'gridWorker' | 'gridAssistant' | 'gridHelper';
export const POST_KINDS: readonly PostKind[] = ['gridWorker', 'gridAssistant', 'gridHelper'];
export type PostAction = 'update' | 'update_card' | 'delete';

export interface GridPost {
  id: number;
  orgId: number;
  post: PostKind;
  primaryUserId: number | null;
  primaryName: string;
  backupUserId: number | null;
  backupName: string | null;
  cardPhone: string | null;
  cardDuties: string | null;
  cardPhotoId: number | null;
  cardPhotoUrl: string | null;
  updatedAt: string;
  actions: string[];
}

interface Count {
  count: number;
  max: number | null;
}

export interface Staffing {
  gridWorker: Count;
  gridAssistant: Count;
  gridHelper: Count;
  missingBackups: number;
  complete: boolean;
}

export interface GridStaffing {
  gridId: number;
  gridName: string;
  staffing: Staffing;
  posts: GridPost[];
  actions: string[];
}

export interface HolderFields {
  primaryUserId?: number | null;
  primaryName?: string;
  backupUserId?: number | null;
  backupName?: string | null;
  cardPhone?: string | null;
  cardDuties?: string | null;
  cardPhotoId?: number | null;
}

export interface CreatePostInput extends HolderFields {
  orgId: number;
  post: PostKind;
}

export interface Attachment {
  id: number;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
  createdAt: string;
}

export type FollowUpFilter = 'open' | 'done' | 'required' | 'none';

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

export interface VisitParams {
  orgId?: number;
  householdId?: number;
  visitorId?: number;
  followUp?: FollowUpFilter;
  month?: string;
  page: number;
  pageSize: number;
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

export interface RecordParams {
  orgId?: number;
  authorId?: number;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface Meeting {
  id: number;
  orgId: number;
  orgName: string;
  authorId: number;
  authorName: string;
  heldOn: string;
  topic: string;
  attendees: string | null;
  notes: string;
  createdAt: string;
}

export interface CreateMeetingInput {
  orgId: number;
  heldOn: string;
  topic: string;
  attendees?: string | null;
  notes: string;
}

export const COMPLETENESS_FIELDS = ['phone', 'idNumber', 'birthDate', 'household', 'ethnicity', 'politicalStatus'] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

export type Completeness = Record<CompletenessField | 'overall', number | null>;

export interface CoverageFigures {
  householdsTarget: number | null;
  households: number;
  householdRate: number | null;
  householdsVisited: number;
  visitRate: number | null;
  residents: number;
  completeness: Completeness;
}

export interface CoverageRow extends CoverageFigures {
  gridId: number;
  level: 'grid' | 'community';
  name: string;
}

export interface Coverage {
  orgId: number;
  orgName: string;
  month: string;
  rows: CoverageRow[];
  totals: CoverageFigures;
}

/** Minimal shapes of other modules used by pickers (GET /orgs, GET /users). */
export interface OrgOption {
  id: number;
  name: string;
  level: string;
  code: string;
}

export interface UserOption {
  id: number;
  displayName: string;
  username: string;
  orgName: string;
  role: string;
}

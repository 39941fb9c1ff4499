/** Mirrors src/modules/requests/schema.ts (诉求 / 接诉即办). */
export const KINDS = ['problem', 'help', 'complaint', 'inquiry'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['submitted', 'accepted', 'dispatched', 'inProgress', 'resolved', 'rated', 'closed', 'returned', 'reopened', 'merged'] as const;
export type Status = (typeof STATUSES)[number];
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export type Channel = 'app' | 'grid' | 'hotline' | 'web' | 'open311';
export const VIEWS = ['open', 'awaiting', 'held', 'overdue', 'done', 'all', 'mine', 'summoned'] as const;
export type View = (typeof VIEWS)[number];

/** The workflow actions a RequestItem may carry (the server decides which). */
export type RequestAction =
  | 'accept' | 'dispatch' | 'redispatch' | 'start' | 'return' | 'resolve'
  | 'rate' | 'reopen' | 'close' | 'merge' | 'whistle' | 'supervise';

export interface Deadlines {
  acceptHours: number;
  respondHours: number;
  resolveHours: number;
  escalateHours: number;
  checkinHours: number;
}
export type DeadlineField = keyof Deadlines;
export const DEADLINE_FIELDS: readonly DeadlineField[] = ['acceptHours', 'respondHours', 'resolveHours', 'escalateHours', 'checkinHours'];

export interface Category {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  kinds: Kind[];
  acceptHours: number | null;
  respondHours: number | null;
  resolveHours: number | null;
  escalateHours: number | null;
  checkinHours: number | null;
  effective: Deadlines;
  public: boolean;
  active: boolean;
  sort: number;
  actions: string[];
}

export type CategoryInput = Partial<Record<DeadlineField, number | null>> & {
  parentId?: number | null;
  code?: string;
  name?: string;
  nameEn?: string | null;
  description?: string | null;
  kinds?: Kind[];
  public?: boolean;
  active?: boolean;
  sort?: number;
};

export interface RouteRule {
  id: number;
  orgId: number;
  orgName: string;
  categoryId: number;
  categoryName: string;
  handlerOrgId: number;
  handlerName: string;
  createdAt: string;
  actions: string[];
}

export interface SubmitInput {
  clientKey: string;
  kind: Kind;
  categoryId: number;
  description: string;
  address?: string | null;
  lon?: number;
  lat?: number;
  orgId?: number;
  photoIds?: number[];
  channel?: 'app' | 'grid' | 'hotline' | 'web';
  contactName?: string | null;
  contactPhone?: string | null;
  anonymous?: boolean;
}

export interface Summons {
  id: number;
  orgId: number;
  orgName: string;
  reason: string;
  whistledAt: string;
  dueAt: string;
  checkedInAt: string | null;
  report: string | null;
  reportedAt: string | null;
  supervisedAt: string | null;
  late: boolean;
  actions: string[];
}

export interface RequestItem {
  id: number;
  kind: Kind;
  channel: Channel;
  status: Status;
  categoryId: number;
  categoryName: string;
  orgId: number;
  orgName: string;
  handlerOrgId: number | null;
  handlerName: string | null;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  photoUrls: string[];
  reporterKind: string;
  contactName: string | null;
  contactPhone: string | null;
  routedAuto: boolean;
  acceptDueAt: string;
  respondDueAt: string;
  resolveDueAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** 0 on time, 1 overdue, 2 escalated */
  overdueLevel: number;
  rating: Rating | null;
  ratingComment: string | null;
  reopenCount: number;
  resolution: string | null;
  mergedIntoId: number | null;
  possibleDuplicateOf: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  actions: string[];
}

export interface RequestEvent {
  id: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  targetOrgName: string | null;
  note: string | null;
  at: string;
}

export interface RequestDetail extends RequestItem {
  events: RequestEvent[];
  summons: Summons[];
}

export interface Counters {
  open: number;
  awaiting: number;
  overdue: number;
}

export interface RequestPage {
  items: RequestItem[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
  counters: Counters;
}

export interface ListFilter {
  view?: View;
  status?: Status;
  kind?: Kind;
  categoryId?: number;
  orgId?: number;
  handlerOrgId?: number;
  q?: string;
  from?: string;
  to?: string;
}
export type ListParams = ListFilter & { page: number; pageSize: number };

export interface DispatchTarget {
  id: number;
  name: string;
  level: string;
  path: string;
}

export interface MapData {
  tileUrl: string | null;
  grids: { id: number; name: string; boundary: unknown }[];
  requests: { id: number; lon: number; lat: number; status: Status; overdueLevel: number; categoryName: string }[];
}

/** Figures, notifications and Open311 keys (mirrors src/modules/requests/schema.ts). */
export type StatsBy = 'area' | 'handler';

export interface StatsQuery {
  orgId?: number;
  /** YYYY-MM */
  from?: string;
  to?: string;
  by?: StatsBy;
}

export interface Figures {
  received: number;
  responded: number;
  respondedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  overdue: number;
  routedAuto: number;
  /** percent (0–100) or null when there is nothing to divide by */
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  autoRoutedRate: number | null;
  avgHandleHours: number | null;
}

export interface StatsRow extends Figures {
  orgId: number;
  name: string;
}

export interface Stats {
  orgId: number;
  orgName: string;
  from: string;
  to: string;
  by: string;
  totals: Figures;
  rows: StatsRow[];
}

export interface Notification {
  id: number;
  kind: string;
  requestId: number | null;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface ApiKey {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  /** shown once */
  apiKey: string;
}

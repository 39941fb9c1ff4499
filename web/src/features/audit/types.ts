export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | number | null;
  orgPath: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown> | null;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  entityType?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  message: string;
}

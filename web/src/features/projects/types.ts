/** Shapes of the projects API (money in fen, as the server keeps it). */
export const KINDS = ['purchasedService', 'ventureGrant', 'linkage'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['draft', 'submitted', 'returned', 'rejected', 'approved', 'bidding', 'evaluating', 'implementing', 'accepted', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export interface Line { id: number; fundId: number; name: string; amount: number; committed: number; paid: number; remaining: number; projectCount: number }
export interface Fund {
  id: number; orgId: number; orgName: string; year: number; kind: Kind; name: string; amount: number; allocated: number; unallocated: number;
  committed: number; paid: number; remaining: number; lines: Line[]; actions: string[];
}
export interface FundInput { orgId: number; year: number; kind: Kind; name: string; amount: number }

export interface ProjectSummary {
  id: number; orgId: number; orgName: string; kind: Kind; title: string; status: Status; requestedAmount: number; approvedAmount: number;
  paidAmount: number; releasedAmount: number; awardeeKind: string | null; awardeeName: string | null; beneficiariesTarget: number; servedCount: number;
  periodStart: string; periodEnd: string; submittedAt: string | null; createdAt: string; actions: string[];
}
export interface Bid { id: number; socialOrgId: number; socialOrgName: string; price: number; plan: string; status: string; submittedAt: string; scoreCount: number; meanScore: number | null; rank: number | null; myScores: number[] | null }
export interface Tranche {
  id: number; projectId: number; projectTitle: string; seq: number; amount: number; purpose: string; evidence: string; status: 'requested' | 'approved' | 'paid' | 'rejected';
  requestedBy: string; requestedAt: string; approvedBy: string | null; approvedAt: string | null; paidBy: string | null; paidAt: string | null; paymentRef: string | null;
  rejectedBy: string | null; rejectedAt: string | null; rejectReason: string | null; actions: string[];
}
export interface Supervision { id: number; kind: 'feedback' | 'complaint' | 'siteVisit'; body: string; rating: number | null; authorName: string; authorRole: string; reply: string | null; repliedAt: string | null; createdAt: string }
export interface Project extends ProjectSummary {
  need: string; linkedNeeds: string; budgetItems: { item: string; amount: number }[]; reviewNote: string | null; reviewedAt: string | null;
  lineId: number | null; lineName: string | null; fundId: number | null; fundName: string | null; awardMode: string | null; bidDeadline: string | null;
  criteria: { name: string; max: number }[]; awardedAt: string | null; trancheRoom: number;
  acceptanceResult: string | null; acceptanceScore: number | null; acceptanceNote: string | null; acceptedAt: string | null; closureNote: string | null; closedAt: string | null;
  bids: Bid[]; milestones: { id: number; title: string; dueOn: string; doneAt: string | null; doneNote: string | null }[];
  activities: { id: number; heldOn: string; title: string; participants: number; note: string }[];
  beneficiaries: { id: number; servedOn: string; count: number; residentNameMasked: string | null; note: string }[];
  tranches: Tranche[]; supervision: Supervision[];
}
export interface ProjectInput {
  orgId: number; kind: Kind; title: string; need: string; linkedNeeds?: string; beneficiariesTarget: number; periodStart: string; periodEnd: string;
  budgetItems: { item: string; amount: number }[]; submit?: boolean;
}
export interface ProjectFilter { q?: string; status?: Status; kind?: Kind; queue?: 'review' | 'bidding' | 'implementing' }

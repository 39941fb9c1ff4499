/** Shapes of the partners API (src/modules/partners/schema.ts). */
export type MemberStatus = 'pending' | 'active' | 'left';
export type UnitKind = 'agency' | 'enterprise' | 'school' | 'other';
export type ContractStatus = 'active' | 'ended' | 'terminated';
export type NeedSource = 'wish' | 'visit' | 'request' | 'other';
export type NeedStatus = 'open' | 'claimed' | 'done' | 'closed';
export type ClaimStatus = 'claimed' | 'in_progress' | 'done' | 'withdrawn';
export type Subject = 'member' | 'unit';
export type ClaimAction = 'start' | 'complete' | 'withdraw';

export const MEMBER_STATUSES: MemberStatus[] = ['pending', 'active', 'left'];
export const UNIT_KINDS: UnitKind[] = ['agency', 'enterprise', 'school', 'other'];
export const CONTRACT_STATUSES: ContractStatus[] = ['active', 'ended', 'terminated'];
export const NEED_SOURCES: NeedSource[] = ['wish', 'visit', 'request', 'other'];
export const NEED_STATUSES: NeedStatus[] = ['open', 'claimed', 'done', 'closed'];
export const CLAIM_STATUSES: ClaimStatus[] = ['claimed', 'in_progress', 'done', 'withdrawn'];

interface Rec { id: number; orgId: number; orgName: string; createdAt: string; actions: string[] }
export interface PartyMember extends Rec { name: string; phone: string | null; workUnit: string; partyOrg: string; userId: number | null; reportedOn: string; status: MemberStatus }
export interface PartnerUnit extends Rec { name: string; kind: UnitKind; contactName: string | null; contactPhone: string | null; address: string | null; status: 'active' | 'inactive'; activeContracts: number }
export interface Contract extends Rec { unitId: number; unitName: string; title: string; startsOn: string; endsOn: string; status: ContractStatus; dutiesTotal: number; dutiesDone: number }
export interface Duty { id: number; contractId: number; description: string; dueOn: string | null; doneAt: string | null; doneNote: string | null; actions: string[] }
export interface ContractDetail { contract: Contract; duties: Duty[] }
export interface Need extends Rec { title: string; description: string; category: string; source: NeedSource; capacity: number; claimed: number; dueOn: string | null; status: NeedStatus }
export interface Offer extends Rec { memberId: number | null; unitId: number | null; providerName: string; title: string; description: string; availability: string | null; status: 'active' | 'withdrawn' }
export interface Post extends Rec { name: string; description: string | null; capacity: number; claimed: number; status: 'open' | 'closed' }
export interface Claim extends Rec {
  target: 'need' | 'post'; needId: number | null; postId: number | null; targetTitle: string; claimant: Subject; memberId: number | null; unitId: number | null;
  claimantName: string; status: ClaimStatus; note: string | null; result: string | null; doneAt: string | null; rating: number | null; feedback: string | null;
}
export interface RankingRow {
  rank: number; subject: Subject; subjectId: number; name: string; orgId: number; orgName: string; hours: number; claimsDone: number;
  ratingCount: number; meanRating: number | null; score: number; grade: 'excellent' | 'good' | 'pass' | 'fail';
}
export type Filter = Record<string, string | number | undefined>;

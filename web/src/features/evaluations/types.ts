/** Shapes of the evaluations API (src/modules/evaluations/schema.ts). */
export type CampaignStatus = 'draft' | 'open' | 'closed' | 'published';
export type EvaluateeKind = 'org' | 'partnerUnit' | 'socialOrg';
export type SignoffLevel = 'party' | 'unit' | 'resident';
export const LEVELS: SignoffLevel[] = ['party', 'unit', 'resident'];
export const STATUSES: CampaignStatus[] = ['draft', 'open', 'closed', 'published'];

export interface Weights { self: number; peer: number; resident: number }
export interface Dimension { id: number; position: number; name: string }
export interface Completeness { selfDone: boolean; peersGiven: number; peersReceived: number; peersExpected: number; drawn: number; answered: number }
export interface Evaluatee {
  id: number; kind: EvaluateeKind; subjectId: number; name: string; sampleOrgId: number; sampleOrgName: string;
  selfScore: number | null; peerScore: number | null; residentScore: number | null; finalScore: number | null;
  peerCount: number | null; responseCount: number | null; rank: number | null; passed: boolean | null; certified: boolean;
  completeness?: Completeness;
}
export interface Campaign {
  id: number; orgId: number; orgName: string; title: string; periodStart: string; periodEnd: string; status: CampaignStatus;
  weights: Weights; passMark: number; bestN: number; sampleSize: number; seed: number; rectifyDays: number; evaluateeCount: number;
  createdAt: string; openedAt: string | null; closedAt: string | null; publishedAt: string | null; actions: string[];
  dimensions?: Dimension[]; evaluatees?: Evaluatee[]; progress?: { drawn: number; answered: number };
}
export interface DimResult { dimensionId: number; self: number | null; peer: number | null; resident: number | null; final: number | null }
export interface Results { campaign: Campaign; dimensions: Dimension[]; items: (Evaluatee & { byDimension: DimResult[] })[] }
export interface SampleRow { id: number; drawOrder: number; poolName: string; orgName: string; place: string; address: string; answeredAt: string | null; answeredVia: string | null }
export interface SamplePage { items: SampleRow[]; total: number; page: number; pageSize: number; drawn: number; answered: number }
export interface MyScoringItem { campaignId: number; title: string; periodStart: string; periodEnd: string; evaluateeId: number; name: string; kind: EvaluateeKind }
export interface Sheet {
  campaign: { id: number; title: string; status: CampaignStatus }; rater: { id: number; name: string }; dimensions: Dimension[];
  rows: { targetId: number; name: string; self: boolean; scores: Record<string, number>; complete: boolean }[];
}
export interface Survey {
  sampleId: number; campaignId: number; title: string; periodStart: string; periodEnd: string; status: CampaignStatus; place: string; answered: boolean;
  dimensions: Dimension[]; evaluatees: { id: number; name: string }[];
}
export interface Signoff { level: SignoffLevel; signer: string; note: string | null; recordedBy: string; signedAt: string }
export interface Rectification {
  id: number; campaignId: number; campaignTitle: string; evaluateeId: number; name: string; finalScore: number | null; passMark: number;
  deadline: string; overdue: boolean; status: 'open' | 'closed'; measures: string | null; reportedAt: string | null; closedAt: string | null;
  signoffs: Signoff[]; actions: string[];
}
export interface TreeNode { id: number; parentId: number | null; position: number; name: string; weight: number }
export interface Tree {
  id: number; orgId: number; orgName: string; title: string; purpose: 'community' | 'experimentZone'; nodes: TreeNode[];
  subjects: { id: number; name: string }[]; evaluators: { id: number; name: string }[]; scored: boolean; createdAt: string; actions: string[];
}
export interface TreeListItem { id: number; orgName: string; title: string; purpose: string; subjectCount: number; evaluatorCount: number; createdAt: string }
export interface TreeTotals { tree: Tree; items: { subjectId: number; name: string; total: number; rank: number | null; nodes: Record<string, number>; evaluatorsDone: number }[] }
export type AnswerInput = { answers: { evaluateeId: number; scores: { dimensionId: number; score: number }[] }[] };

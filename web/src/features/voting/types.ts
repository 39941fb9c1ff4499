/** Shapes of the voting API (src/modules/voting/schema.ts). */
export const VOTE_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type VoteStatus = typeof VOTE_STATUSES[number];
export type Method = 'yesNo' | 'choice';
export type ThresholdBase = 'electorate' | 'cast' | 'decisive';
export type ElectorateInput =
  | { kind: 'body'; bodyId: number }
  | { kind: 'households'; orgId: number; estateId?: number; buildingId?: number }
  | { kind: 'adults'; orgId: number };

export interface Ratio { num: number; den: number }
export interface VoteResult {
  eligible: number; cast: number; turnoutPermille: number; quorumMet: boolean; passed: boolean | null;
  counts: Record<string, number>; ranking: { key: string; count: number; rank: number }[]; digest: string | null;
}
export interface Vote {
  id: number; orgId: number; orgName: string; title: string; description: string | null;
  subject: { type: string; id: number } | null;
  electorate: { kind: 'body' | 'households' | 'adults'; bodyId: number | null; orgId: number | null; estateId: number | null; buildingId: number | null };
  method: Method; options: { key: string; label: string }[]; minChoices: number; maxChoices: number; secret: boolean;
  quorum: Ratio; threshold: Ratio & { of: ThresholdBase };
  closesAt: string | null; status: VoteStatus; eligible: number | null; participation: number;
  ruleLockedAt: string | null; openedAt: string | null; closedAt: string | null; publishedAt: string | null; createdAt: string;
  result: VoteResult | null; mine: { elector: boolean; voted: boolean } | null; actions: string[];
}
export interface VoteInput {
  orgId: number; title: string; description?: string | null; electorate: ElectorateInput; method: Method;
  options?: { key: string; label: string }[]; minChoices?: number; maxChoices?: number; secret: boolean;
  quorum: Ratio; threshold: Ratio & { of: ThresholdBase }; closesAt?: string | null; open?: boolean;
}
export interface VoteFilter { q?: string; status?: VoteStatus }
export interface Receipt { voteId: number; receipt: string; choices: string[]; secret: boolean }
export interface Ballot { receipt: string; choices: string[] }
export interface BallotPage { items: Ballot[]; total: number; page: number; pageSize: number; digest: string | null }
export interface ReceiptCheck { receipt: string; found: boolean; choices: string[] | null; counted: boolean }
export interface Verify {
  published: VoteResult; recount: { cast: number; counts: Record<string, number>; passed: boolean | null; digest: string };
  participation: number; matches: boolean; problems: string[];
}
export interface Participant { voterKey: number; name: string; castAt: string; choices: string[] | null }

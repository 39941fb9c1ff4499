/** The types of the voting contract (api.ts), in a file of their own so the module's internals can use them without a cycle. */
export type Electorate =
  | { kind: 'body'; bodyId: number }
  | { kind: 'households'; orgId: number; estateId?: number; buildingId?: number }
  | { kind: 'adults'; orgId: number };
export interface VoteSpec {
  orgId: number;
  title: string; description?: string | null;
  subject?: { type: 'topic' | 'microRound' | 'other'; id: number } | null;
  electorate: Electorate;
  method: 'yesNo' | 'choice';
  options?: { key: string; label: string }[];
  minChoices?: number; maxChoices?: number;
  secret: boolean;
  quorum: { num: number; den: number };
  threshold: { num: number; den: number; of: 'electorate' | 'cast' | 'decisive' };
  closesAt?: string | null;
}
export interface VoteOutcome {
  voteId: number; subject: VoteSpec['subject']; status: 'closed';
  eligible: number; cast: number; quorumMet: boolean;
  counts: Record<string, number>;
  passed: boolean | null;
}

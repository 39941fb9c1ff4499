import type { ProjectStatus } from '../../db/schema-projects.js';

/**
 * Project rules, pure: the lifecycle state machine, fund arithmetic (integer fen) and the
 * competition's bid ranking. Services call these under row locks; rules.test.ts covers them.
 */
export const PROJECT_KINDS = ['purchasedService', 'ventureGrant', 'linkage'] as const;
export const STATUSES: readonly ProjectStatus[] = ['draft', 'submitted', 'returned', 'rejected', 'approved', 'bidding', 'evaluating', 'implementing', 'accepted', 'closed'];

/** Every step of the lifecycle, named as the service operation that takes it. */
export type Step =
  | 'edit' | 'submit' | 'return' | 'reject' | 'approve' | 'awardDirect' | 'openCompetition' | 'bid' | 'closeBidding' | 'scoreBid' | 'awardBest'
  | 'implement' | 'requestTranche' | 'payTranche' | 'supervise' | 'accept' | 'close';

/** From which statuses each step may be taken, and where it leads (null: the status stays). */
const MACHINE: Record<Step, { from: readonly ProjectStatus[]; to: ProjectStatus | null }> = {
  edit: { from: ['draft', 'returned'], to: null },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  // Rejecting after approval withdraws it (no awardee yet): the whole approval goes back to the line.
  reject: { from: ['submitted', 'approved', 'bidding', 'evaluating'], to: 'rejected' },
  approve: { from: ['submitted'], to: 'approved' },
  awardDirect: { from: ['approved'], to: 'implementing' },
  openCompetition: { from: ['approved'], to: 'bidding' },
  bid: { from: ['bidding'], to: null },
  closeBidding: { from: ['bidding'], to: 'evaluating' },
  scoreBid: { from: ['evaluating'], to: null },
  awardBest: { from: ['evaluating'], to: 'implementing' },
  // Milestones, activities and beneficiaries while implementing.
  implement: { from: ['implementing'], to: null },
  requestTranche: { from: ['implementing'], to: null },
  // A tranche approved before acceptance may still be paid after it (the final payment after 验收).
  payTranche: { from: ['implementing', 'accepted'], to: null },
  supervise: { from: ['implementing', 'accepted'], to: null },
  accept: { from: ['implementing'], to: 'accepted' },
  close: { from: ['accepted'], to: 'closed' },
};

export function allowed(step: Step, status: ProjectStatus): boolean {
  return MACHINE[step].from.includes(status);
}

/** The status after the step, or null when the step is not allowed from `status`. */
export function next(step: Step, status: ProjectStatus): ProjectStatus | null {
  if (!allowed(step, status)) return null;
  return MACHINE[step].to ?? status;
}

/** Steps possible from a status (before permissions), for the presented actions. */
export function stepsFrom(status: ProjectStatus): Step[] {
  return (Object.keys(MACHINE) as Step[]).filter((s) => allowed(s, status));
}

/** Statuses in which a project's public information is shown to residents. */
export const PUBLIC_STATUSES: readonly ProjectStatus[] = ['approved', 'bidding', 'evaluating', 'implementing', 'accepted', 'closed'];

// ── Money (integer fen) ──
export const MAX_AMOUNT = 100_000_000_000; // 10 亿元 in fen

/** The budget items must add up exactly to the requested amount. */
export function budgetTotal(items: { amount: number }[]): number {
  return items.reduce((s, x) => s + x.amount, 0);
}

/** What is still free on a line: its amount less what approved projects hold. */
export const lineRoom = (line: { amount: number; committed: number }) => line.amount - line.committed;
/** What a fund can still give to new lines. */
export const fundRoom = (fund: { amount: number; allocated: number }) => fund.amount - fund.allocated;

/**
 * What the awardee may still ask for: approved − paid − (tranches requested or approved, not yet paid).
 * Pending tranches count, so two requests cannot together exceed the approval.
 */
export function trancheRoom(p: { approved: number; paid: number; pending: number }): number {
  return p.approved - p.paid - p.pending;
}

/** On closure the unspent part of the approval goes back to the line. */
export const unspent = (p: { approved: number; paid: number }) => p.approved - p.paid;

/** Fen as yuan text with two decimals ("1234.50"), for exports and messages; exact (no floating point). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

// ── Competition ──
/** A reviewer's total: the sum of the criterion scores, each within 0..max in steps of 0.5. */
export function scoreTotal(criteria: { max: number }[], scores: number[]): { total: number } | { error: string } {
  if (scores.length !== criteria.length) return { error: 'count' };
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (!Number.isFinite(v) || v < 0 || v > criteria[i].max || Math.round(v * 2) !== v * 2) return { error: `scores.${i}` };
  }
  // Halves are exact in binary floating point, so this sum is exact.
  return { total: scores.reduce((s, x) => s + x, 0) };
}

export interface RankedBid { id: number; price: number; scoreSum: number; scoreCount: number; submittedAt: number }

/**
 * The bid mean is sum/count compared exactly by cross-multiplication (no rounding); shown
 * rounded half-up to two decimals. Ranking: higher mean first; a tie goes to the lower
 * price, then to the earlier bid (submission time, then id). Unscored bids rank last and
 * cannot win.
 */
export function compareBids(a: RankedBid, b: RankedBid): number {
  if (!a.scoreCount || !b.scoreCount) return (b.scoreCount ? 1 : 0) - (a.scoreCount ? 1 : 0) || a.id - b.id;
  // a.sum/a.count vs b.sum/b.count; sums are in halves, so doubling keeps integers.
  const l = Math.round(a.scoreSum * 2) * b.scoreCount;
  const r = Math.round(b.scoreSum * 2) * a.scoreCount;
  if (l !== r) return r - l;
  if (a.price !== b.price) return a.price - b.price;
  return a.submittedAt - b.submittedAt || a.id - b.id;
}

export function rankBids<T extends RankedBid>(bids: T[]): T[] {
  return [...bids].sort(compareBids);
}

/** Mean shown with two decimals, half-up, exact from the integer halves. */
export function meanScore(sum: number, count: number): number | null {
  if (!count) return null;
  const halves = Math.round(sum * 2);
  // mean*100 = halves*50/count; half-up on the exact rational.
  const hundredths = Math.floor((halves * 50 * 2 + count) / (2 * count));
  return hundredths / 100;
}

/** A date as YYYY-MM-DD that is a real calendar date. */
export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

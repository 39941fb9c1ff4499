/**
 * 民生微实事 selection rule, pure and exact (integer fen, integer vote counts).
 *
 * 1. Rank the round's proposals by approvals, most first; ties go to the lower cost, then
 *    to the earlier proposal (lower id) — so a tie never depends on row order.
 * 2. Walk the ranking with the round's available amount: a proposal that still fits in
 *    what is left is chosen; one that does not fit is skipped and the walk goes on
 *    (greedy skip: an expensive top project does not stop cheaper ones below it).
 * 3. A proposal with zero approvals is never chosen, even if money is left: residents
 *    did not ask for it.
 * 4. The leftover (available − chosen costs) stays with the year's budget and can be
 *    spent by a next round of the same budget (see docs/microprojects.md).
 */
export interface Candidate { id: number; costFen: number; votes: number }
export interface Ranked extends Candidate { rank: number; chosen: boolean; reason: 'chosen' | 'doesNotFit' | 'noVotes' }
export interface Selection { ranking: Ranked[]; chosenIds: number[]; allocatedFen: number; leftoverFen: number }

export function rankCandidates<T extends Candidate>(cs: T[]): T[] {
  return [...cs].sort((a, b) => b.votes - a.votes || a.costFen - b.costFen || a.id - b.id);
}

export function selectWinners(candidates: Candidate[], availableFen: number): Selection {
  if (!Number.isSafeInteger(availableFen) || availableFen < 0) throw new Error(`bad available amount ${availableFen}`);
  let left = availableFen;
  const ranking: Ranked[] = rankCandidates(candidates).map((c, i) => {
    if (!Number.isSafeInteger(c.costFen) || c.costFen <= 0 || !Number.isSafeInteger(c.votes) || c.votes < 0) throw new Error(`bad candidate ${c.id}`);
    if (c.votes === 0) return { ...c, rank: i + 1, chosen: false, reason: 'noVotes' };
    if (c.costFen > left) return { ...c, rank: i + 1, chosen: false, reason: 'doesNotFit' };
    left -= c.costFen;
    return { ...c, rank: i + 1, chosen: true, reason: 'chosen' };
  });
  const chosenIds = ranking.filter((r) => r.chosen).map((r) => r.id);
  return { ranking, chosenIds, allocatedFen: availableFen - left, leftoverFen: left };
}

/** Yuan text of an amount in fen, exact ("1234.50"). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** A rating's average to one decimal, exact from integer sums (null with no ratings). */
export function averageScore(sum: number, count: number): number | null {
  if (count === 0) return null;
  return Math.round((sum * 10) / count) / 10;
}

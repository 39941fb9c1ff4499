import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { averageScore, rankCandidates, selectWinners, yuan } from './rules.js';

const c = (id: number, costFen: number, votes: number) => ({ id, costFen, votes });

describe('selectWinners (greedy by approvals within the budget)', () => {
  it('an exact fit spends the whole amount', () => {
    const s = selectWinners([c(1, 60_000_00, 30), c(2, 40_000_00, 20), c(3, 1_00, 10)], 100_000_00);
    expect(s.chosenIds).toEqual([1, 2]);
    expect(s.allocatedFen).toBe(100_000_00);
    expect(s.leftoverFen).toBe(0);
    expect(s.ranking.find((r) => r.id === 3)!.reason).toBe('doesNotFit');
  });

  it('a top project that does not fit is skipped, and cheaper ones below it are still chosen', () => {
    const s = selectWinners([c(1, 150_00, 99), c(2, 50_00, 40), c(3, 30_00, 20), c(4, 30_00, 10)], 100_00);
    expect(s.ranking.map((r) => [r.id, r.reason])).toEqual([[1, 'doesNotFit'], [2, 'chosen'], [3, 'chosen'], [4, 'doesNotFit']]);
    expect(s.allocatedFen).toBe(80_00);
    expect(s.leftoverFen).toBe(20_00);
  });

  it('ties go to the lower cost, then to the earlier proposal', () => {
    const s = selectWinners([c(5, 70_00, 10), c(3, 40_00, 10), c(2, 40_00, 10)], 100_00);
    expect(s.ranking.map((r) => r.id)).toEqual([2, 3, 5]);
    expect(s.chosenIds).toEqual([2, 3]);
    expect(rankCandidates([c(9, 1, 1), c(4, 1, 1)]).map((x) => x.id)).toEqual([4, 9]);
  });

  it('zero approvals are never chosen, even with money left', () => {
    const s = selectWinners([c(1, 10_00, 0), c(2, 10_00, 0)], 100_00);
    expect(s.chosenIds).toEqual([]);
    expect(s.ranking.every((r) => r.reason === 'noVotes')).toBe(true);
    expect(s.leftoverFen).toBe(100_00);
  });

  it('an empty round chooses nothing and keeps the whole amount', () => {
    expect(selectWinners([], 5_000_00)).toEqual({ ranking: [], chosenIds: [], allocatedFen: 0, leftoverFen: 5_000_00 });
  });

  it('refuses nonsense inputs instead of guessing', () => {
    expect(() => selectWinners([c(1, 0, 1)], 100)).toThrow();
    expect(() => selectWinners([c(1, 10, -1)], 100)).toThrow();
    expect(() => selectWinners([], 1.5)).toThrow();
  });

  it('property: chosen costs never exceed the amount, and every skipped project with votes did not fit what was left at its turn', () => {
    const cand = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 10_000 }), costFen: fc.integer({ min: 1, max: 1_000_000 }), votes: fc.integer({ min: 0, max: 500 }) }), { selector: (x) => x.id, maxLength: 30 });
    fc.assert(fc.property(cand, fc.integer({ min: 0, max: 5_000_000 }), (cs, avail) => {
      const s = selectWinners(cs, avail);
      const chosen = cs.filter((x) => s.chosenIds.includes(x.id));
      const spent = chosen.reduce((a, x) => a + x.costFen, 0);
      expect(spent).toBe(s.allocatedFen);
      expect(spent).toBeLessThanOrEqual(avail);
      expect(s.leftoverFen).toBe(avail - spent);
      let left = avail;
      for (const r of s.ranking) {
        if (r.chosen) left -= r.costFen;
        else if (r.reason === 'doesNotFit') expect(r.costFen).toBeGreaterThan(left);
      }
      // Nothing with votes left out would still fit in the leftover.
      for (const r of s.ranking) if (!r.chosen && r.votes > 0) expect(r.costFen).toBeGreaterThan(s.leftoverFen);
    }), { numRuns: 300 });
  });
});

describe('money and averages', () => {
  it('formats fen as exact yuan', () => {
    expect(yuan(123450)).toBe('1234.50');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(0)).toBe('0.00');
  });
  it('averages ratings to one decimal', () => {
    expect(averageScore(0, 0)).toBeNull();
    expect(averageScore(14, 3)).toBe(4.7);
    expect(averageScore(10, 2)).toBe(5);
  });
});

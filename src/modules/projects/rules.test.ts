import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STATUSES, allowed, budgetTotal, compareBids, isDate, meanScore, next, rankBids, scoreTotal, stepsFrom, trancheRoom, unspent, yuan, type Step } from './rules.js';
import type { ProjectStatus } from '../../db/schema-projects.js';

describe('project lifecycle', () => {
  it('walks application → review → award → implementation → acceptance → closure', () => {
    const path: [Step, ProjectStatus][] = [['submit', 'submitted'], ['return', 'returned'], ['submit', 'submitted'], ['approve', 'approved'],
      ['openCompetition', 'bidding'], ['closeBidding', 'evaluating'], ['awardBest', 'implementing'], ['accept', 'accepted'], ['close', 'closed']];
    let s: ProjectStatus = 'draft';
    for (const [step, to] of path) { s = next(step, s)!; expect(s).toBe(to); }
    expect(next('awardDirect', 'approved')).toBe('implementing');
    expect(next('reject', 'submitted')).toBe('rejected');
    expect(next('reject', 'approved')).toBe('rejected'); // withdrawing an approval before the award
    expect(next('reject', 'implementing')).toBeNull();
  });

  it('forbids skipping or going back', () => {
    expect(next('approve', 'draft')).toBeNull();
    expect(next('approve', 'approved')).toBeNull(); // no second approval
    expect(next('awardDirect', 'submitted')).toBeNull();
    expect(next('requestTranche', 'approved')).toBeNull();
    expect(next('requestTranche', 'accepted')).toBeNull();
    expect(next('accept', 'approved')).toBeNull();
    expect(next('close', 'implementing')).toBeNull(); // acceptance comes first
    expect(next('edit', 'submitted')).toBeNull();
    expect(next('bid', 'evaluating')).toBeNull();
    expect(next('scoreBid', 'bidding')).toBeNull();
  });

  it('keeps a tranche approved before acceptance payable after it, and nothing moves once closed or rejected', () => {
    expect(allowed('payTranche', 'accepted')).toBe(true);
    expect(stepsFrom('closed')).toEqual([]);
    expect(stepsFrom('rejected')).toEqual([]);
  });

  it('never leads to a status outside the list (property)', () => {
    const steps = ['edit', 'submit', 'return', 'reject', 'approve', 'awardDirect', 'openCompetition', 'bid', 'closeBidding', 'scoreBid', 'awardBest',
      'implement', 'requestTranche', 'payTranche', 'supervise', 'accept', 'close'] as Step[];
    fc.assert(fc.property(fc.array(fc.constantFrom(...steps), { maxLength: 30 }), (seq) => {
      let s: ProjectStatus = 'draft';
      for (const step of seq) s = next(step, s) ?? s;
      expect(STATUSES).toContain(s);
    }));
  });
});

describe('money (integer fen)', () => {
  it('adds budget items exactly and formats yuan without floating point', () => {
    expect(budgetTotal([{ amount: 10 }, { amount: 20 }])).toBe(30);
    expect(yuan(123456)).toBe('1234.56');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(100_000_000_000)).toBe('1000000000.00');
    expect(yuan(-150)).toBe('-1.50');
  });
  it('counts pending tranches against what may still be requested, and releases the unspent on closure', () => {
    expect(trancheRoom({ approved: 1000, paid: 300, pending: 200 })).toBe(500);
    expect(trancheRoom({ approved: 1000, paid: 1000, pending: 0 })).toBe(0);
    expect(unspent({ approved: 1000, paid: 640 })).toBe(360);
  });
});

describe('bids', () => {
  const c = [{ name: '方案', max: 60 }, { name: '团队', max: 40 }];
  it('totals a reviewer\'s scores within each criterion, in halves', () => {
    expect(scoreTotal(c, [55.5, 30])).toEqual({ total: 85.5 });
    expect(scoreTotal(c, [61, 30])).toEqual({ error: 'scores.0' });
    expect(scoreTotal(c, [50, 30.3])).toEqual({ error: 'scores.1' });
    expect(scoreTotal(c, [50])).toEqual({ error: 'count' });
  });
  it('compares means exactly: 170/2 beats 254.5/3 (85 vs 84.83)', () => {
    const a = { id: 1, price: 100, scoreSum: 170, scoreCount: 2, submittedAt: 2 };
    const b = { id: 2, price: 50, scoreSum: 254.5, scoreCount: 3, submittedAt: 1 };
    expect(rankBids([b, a]).map((x) => x.id)).toEqual([1, 2]);
  });
  it('breaks ties on the lower price, then the earlier bid; unscored bids rank last', () => {
    const a = { id: 1, price: 900, scoreSum: 160, scoreCount: 2, submittedAt: 5 };
    const b = { id: 2, price: 800, scoreSum: 240, scoreCount: 3, submittedAt: 9 };
    const c2 = { id: 3, price: 800, scoreSum: 80, scoreCount: 1, submittedAt: 1 };
    const u = { id: 4, price: 1, scoreSum: 0, scoreCount: 0, submittedAt: 0 };
    expect(rankBids([a, b, u, c2]).map((x) => x.id)).toEqual([3, 2, 1, 4]);
    expect(compareBids(u, a)).toBeGreaterThan(0);
  });
  it('shows the mean rounded half-up to two decimals from the exact fraction', () => {
    expect(meanScore(254.5, 3)).toBe(84.83);
    expect(meanScore(250, 3)).toBe(83.33);
    expect(meanScore(0.5, 8)).toBe(0.06); // 0.0625 → 0.06
    expect(meanScore(1, 8)).toBe(0.13); // 0.125 → 0.13 (half-up)
    expect(meanScore(0, 0)).toBeNull();
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('26-01-01')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_HOURS_PER_YEAR, WEIGHT_CLAIM_DONE, WEIGHT_HOUR, WEIGHT_RATING_STEP, chinaYear, claimActionsFor, claimRefusal, computeScore,
  feedbackRefusal, gradeOf, meanRating, needStatusAfter, nextClaimStatus,
} from './rules.js';

describe('computeScore', () => {
  it('weighs hours, completed claims and feedback as documented', () => {
    expect(computeScore({ hours: 0, claimsDone: 0, ratingCount: 0, ratingSum: 0 })).toBe(0);
    expect(computeScore({ hours: 10, claimsDone: 0, ratingCount: 0, ratingSum: 0 })).toBe(10 * WEIGHT_HOUR);
    expect(computeScore({ hours: 0, claimsDone: 3, ratingCount: 0, ratingSum: 0 })).toBe(3 * WEIGHT_CLAIM_DONE);
    // Two ratings: 5 and 4 → (5-3)+(4-3) = 3 steps.
    expect(computeScore({ hours: 0, claimsDone: 2, ratingCount: 2, ratingSum: 9 })).toBe(2 * WEIGHT_CLAIM_DONE + 3 * WEIGHT_RATING_STEP);
    // A 3 is neutral; a 1 takes away.
    expect(computeScore({ hours: 0, claimsDone: 1, ratingCount: 1, ratingSum: 3 })).toBe(WEIGHT_CLAIM_DONE);
    expect(computeScore({ hours: 0, claimsDone: 1, ratingCount: 1, ratingSum: 1 })).toBe(WEIGHT_CLAIM_DONE - 2 * WEIGHT_RATING_STEP);
  });
  it('caps hours per year, rounds to cents and never goes below zero', () => {
    expect(computeScore({ hours: MAX_HOURS_PER_YEAR + 300, claimsDone: 0, ratingCount: 0, ratingSum: 0 })).toBe(MAX_HOURS_PER_YEAR * WEIGHT_HOUR);
    expect(computeScore({ hours: 1.005, claimsDone: 0, ratingCount: 0, ratingSum: 0 })).toBe(2.01);
    expect(computeScore({ hours: 0, claimsDone: 0, ratingCount: 3, ratingSum: 3 })).toBe(0);
    expect(computeScore({ hours: -5, claimsDone: 0, ratingCount: 0, ratingSum: 0 })).toBe(0);
  });
  it('is monotone in hours and completed claims', () => {
    fc.assert(fc.property(fc.nat(1000), fc.nat(100), fc.nat(50), fc.nat(1000), fc.nat(100), (h, c, n, dh, dc) => {
      const sum = n * 3;
      const a = computeScore({ hours: h, claimsDone: c, ratingCount: n, ratingSum: sum });
      const b = computeScore({ hours: h + dh, claimsDone: c + dc, ratingCount: n, ratingSum: sum });
      expect(b).toBeGreaterThanOrEqual(a);
      expect(a).toBeGreaterThanOrEqual(0);
    }));
  });
});

describe('grades and means', () => {
  it('grades at the thresholds', () => {
    expect(gradeOf(0)).toBe('fail');
    expect(gradeOf(19.99)).toBe('fail');
    expect(gradeOf(20)).toBe('pass');
    expect(gradeOf(60)).toBe('good');
    expect(gradeOf(99.99)).toBe('good');
    expect(gradeOf(100)).toBe('excellent');
  });
  it('means ratings to one decimal, null without ratings', () => {
    expect(meanRating(0, 0)).toBeNull();
    expect(meanRating(3, 13)).toBe(4.3);
  });
  it('takes the year in China time', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});

describe('claim workflow', () => {
  it('moves claimed → in progress → done, or withdrawn from a live claim', () => {
    expect(nextClaimStatus('claimed', 'start')).toBe('in_progress');
    expect(nextClaimStatus('in_progress', 'complete')).toBe('done');
    expect(nextClaimStatus('claimed', 'complete')).toBe('done');
    expect(nextClaimStatus('in_progress', 'withdraw')).toBe('withdrawn');
    expect(nextClaimStatus('in_progress', 'start')).toBeNull();
    expect(nextClaimStatus('done', 'withdraw')).toBeNull();
    expect(nextClaimStatus('withdrawn', 'complete')).toBeNull();
    expect(claimActionsFor('done')).toEqual([]);
    expect(claimActionsFor('claimed')).toEqual(['start', 'complete', 'withdraw']);
  });
  it('a need is claimed when full and open again when a place frees; done and closed stay', () => {
    expect(needStatusAfter('open', 1, 1)).toBe('claimed');
    expect(needStatusAfter('claimed', 0, 1)).toBe('open');
    expect(needStatusAfter('open', 1, 3)).toBe('open');
    expect(needStatusAfter('done', 0, 1)).toBe('done');
    expect(needStatusAfter('closed', 1, 1)).toBe('closed');
  });
  it('refuses claims on full, finished or overdue targets', () => {
    expect(claimRefusal({ status: 'open', claimed: 0, capacity: 1 }, '2026-12-06')).toBeNull();
    expect(claimRefusal({ status: 'open', claimed: 1, capacity: 1 }, '2026-12-06')?.en).toBe('has no places left');
    expect(claimRefusal({ status: 'closed', claimed: 0, capacity: 1 }, '2026-12-06')).not.toBeNull();
    expect(claimRefusal({ status: 'open', claimed: 0, capacity: 1, dueOn: '2026-12-05' }, '2026-12-06')?.en).toBe('is past its due date');
    expect(claimRefusal({ status: 'open', claimed: 0, capacity: 1, dueOn: '2026-12-06' }, '2026-12-06')).toBeNull();
  });
  it('feedback once, on a done claim', () => {
    expect(feedbackRefusal({ status: 'done', rating: null })).toBeNull();
    expect(feedbackRefusal({ status: 'done', rating: 4 })).not.toBeNull();
    expect(feedbackRefusal({ status: 'in_progress', rating: null })).not.toBeNull();
  });
});

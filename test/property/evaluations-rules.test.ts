/**
 * Properties of the evaluation arithmetic (src/modules/evaluations/rules.ts):
 * - drawSample: min(k, n) distinct ids, all from the input, the same for the same seed;
 * - roundHalfUp2 agrees with decimal long division rounded half up by hand;
 * - finalScore lies between the smallest and largest component mean present, and is the
 *   weighted mean of the present components to within half a cent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample, finalScore, roundHalfUp2 } from '../../src/modules/evaluations/rules.js';

const RUNS = Number(process.env.EVAL_RULES_RUNS ?? 300);

describe('evaluation arithmetic (property)', () => {
  it('samples are distinct, drawn from the households, reproducible', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 400 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (raw, k, seed) => {
      const ids = raw.slice().sort((a, b) => a - b);
      const s = drawSample(ids, k, seed);
      expect(s).toHaveLength(Math.min(k, ids.length));
      expect(new Set(s).size).toBe(s.length);
      const all = new Set(ids);
      for (const x of s) expect(all.has(x)).toBe(true);
      expect(drawSample(ids, k, seed)).toEqual(s);
    }), { numRuns: RUNS });
  });

  it('rounds half up to 2 decimals exactly', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (p, q) => {
      // by hand: the third decimal of p/q (long division, truncated) decides: 5–9 round up
      const thousandths = (p * 1000n) / q;
      let cents = thousandths / 10n;
      if (thousandths % 10n >= 5n) cents += 1n;
      expect(roundHalfUp2(p, q)).toBe(Number(cents) / 100);
    }), { numRuns: RUNS });
  });

  it('the final score is the weighted mean of the present components, within half a cent', () => {
    const tally = fc.record({ n: fc.integer({ min: 0, max: 300 }) }).chain(({ n }) => fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n }).map((xs) => ({ sum: xs.reduce((a, b) => a + b, 0), n })));
    const weights = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).filter(([a, b]) => a + b <= 100).map(([a, b]) => ({ self: a, peer: b, resident: 100 - a - b }));
    fc.assert(fc.property(weights, tally, tally, tally, (w, self, peer, resident) => {
      const c = { self, peer, resident };
      const f = finalScore(w, c);
      const parts = (['self', 'peer', 'resident'] as const).filter((k) => c[k].n > 0 && w[k] > 0);
      if (!parts.length) { expect(f).toBeNull(); return; }
      const means = parts.map((k) => c[k].sum / c[k].n);
      const W = parts.reduce((a, k) => a + w[k], 0);
      const ref = parts.reduce((a, k, i) => a + w[k] * means[i], 0) / W;
      expect(f).not.toBeNull();
      expect(Math.abs(f! - ref)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(f!).toBeGreaterThanOrEqual(Math.floor(Math.min(...means) * 100) / 100);
      expect(f!).toBeLessThanOrEqual(Math.ceil(Math.max(...means) * 100) / 100);
    }), { numRuns: RUNS });
  });
});

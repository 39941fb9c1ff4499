import { describe, expect, it } from 'vitest';
import { YES_NO, atLeast, ballotProblem, ballotsDigest, electorate, isAdult, newReceipt, rank, tally, type Rule } from './rules.js';

const yesNo = (over: Partial<Rule> = {}): Rule => ({
  method: 'yesNo', optionKeys: [...YES_NO], minChoices: 1, maxChoices: 1,
  quorum: { num: 0, den: 1 }, threshold: { num: 85, den: 100, of: 'electorate' }, ...over,
});
const ballots = (approve: number, reject = 0, abstain = 0) => [
  ...Array(approve).fill(['approve']), ...Array(reject).fill(['reject']), ...Array(abstain).fill(['abstain']),
];

describe('yes/no tally (DOMAIN.md: a project proceeds at ≥ 85% of the representatives)', () => {
  it('17 of 20 approving is exactly 85%: passes', () => {
    const t = tally(yesNo(), 20, ballots(17, 3));
    expect(t).toEqual({ eligible: 20, cast: 20, quorumMet: true, counts: { approve: 17, reject: 3, abstain: 0 }, passed: true });
  });
  it('16 of 20 approving is 80%: fails', () => {
    expect(tally(yesNo(), 20, ballots(16, 4)).passed).toBe(false);
  });
  it('of the electorate: the representatives who did not vote count against', () => {
    expect(tally(yesNo(), 20, ballots(16)).passed).toBe(false);
    expect(tally(yesNo(), 20, ballots(17)).passed).toBe(true);
  });
  it('quorum not met fails even if every ballot approves', () => {
    const t = tally(yesNo({ quorum: { num: 2, den: 3 }, threshold: { num: 1, den: 2, of: 'cast' } }), 30, ballots(19));
    expect(t.quorumMet).toBe(false);
    expect(t.passed).toBe(false);
    const met = tally(yesNo({ quorum: { num: 2, den: 3 }, threshold: { num: 1, den: 2, of: 'cast' } }), 30, ballots(20));
    expect(met.quorumMet).toBe(true); // 20 × 3 = 60 ≥ 2 × 30 exactly
    expect(met.passed).toBe(true);
  });
  it('abstentions count toward quorum and cast but not toward decisive', () => {
    const decisive = yesNo({ quorum: { num: 1, den: 2 }, threshold: { num: 2, den: 3, of: 'decisive' } });
    const t = tally(decisive, 10, ballots(2, 1, 3)); // 6 cast ≥ half of 10; 2 of 3 decisive = 2/3 exactly
    expect(t.quorumMet).toBe(true);
    expect(t.passed).toBe(true);
    const ofCast = tally({ ...decisive, threshold: { num: 2, den: 3, of: 'cast' } }, 10, ballots(2, 1, 3)); // 2 of 6
    expect(ofCast.passed).toBe(false);
  });
  it('all abstaining never passes, even at a zero threshold', () => {
    expect(tally(yesNo({ threshold: { num: 0, den: 1, of: 'decisive' } }), 5, ballots(0, 0, 5)).passed).toBe(false);
  });
  it('a tie at a one-half threshold passes (≥), one short fails', () => {
    const half = yesNo({ threshold: { num: 1, den: 2, of: 'decisive' } });
    expect(tally(half, 10, ballots(5, 5)).passed).toBe(true);
    expect(tally(half, 10, ballots(4, 5)).passed).toBe(false);
  });
  it('exact with numbers far past 2^53 products (no float rounding)', () => {
    const big = 2_000_000_000;
    expect(atLeast(big - 1, big, { num: 999_999, den: 1_000_000 })).toBe(true);
    expect(atLeast(1_999_997_999, big, { num: 999_999, den: 1_000_000 })).toBe(false);
    expect(atLeast(1_999_998_000, big, { num: 999_999, den: 1_000_000 })).toBe(true);
  });
});

describe('per-household electorate', () => {
  const on = '2026-12-07';
  it('several adults of one household share one voter; minors and households without an adult account do not count', () => {
    const e = electorate([
      { userId: 1, householdId: 10, birthDate: '1980-01-01' },
      { userId: 2, householdId: 10, birthDate: '1982-05-05' },
      { userId: 3, householdId: 11, birthDate: '2008-12-08' }, // 17 until tomorrow
      { userId: 4, householdId: 12, birthDate: '2008-12-07' }, // 18 today
      { userId: 5, householdId: null, birthDate: '1970-01-01' },
      { userId: 6, householdId: 13, birthDate: null },
    ], on, { perHousehold: true, adultsOnly: true });
    expect(e.eligible).toBe(2);
    expect(e.electors).toEqual([{ userId: 1, voterKey: 10 }, { userId: 2, voterKey: 10 }, { userId: 4, voterKey: 12 }]);
    // A household's two ballots: one household, one ballot — the tally sees one ballot of an electorate of 2.
    expect(tally(yesNo({ threshold: { num: 1, den: 2, of: 'electorate' } }), e.eligible, ballots(1)).passed).toBe(true);
  });
  it('adults: one voter per account; body: every active member, regardless of age', () => {
    const cands = [{ userId: 1, householdId: 10, birthDate: '1980-01-01' }, { userId: 2, householdId: 10, birthDate: '2015-01-01' }, { userId: 1, householdId: 10, birthDate: '1980-01-01' }];
    expect(electorate(cands, on, { perHousehold: false, adultsOnly: true })).toEqual({ electors: [{ userId: 1, voterKey: 1 }], eligible: 1 });
    expect(electorate(cands, on, { perHousehold: false, adultsOnly: false }).eligible).toBe(2);
  });
  it('leap-day birthdays turn 18 on 1 March in a common year', () => {
    expect(isAdult('2008-02-29', '2026-02-28')).toBe(false);
    expect(isAdult('2008-02-29', '2026-03-01')).toBe(true);
    expect(isAdult('2008-03-01', '2026-02-28')).toBe(false);
    expect(isAdult('2008-02-28', '2026-02-28')).toBe(true);
  });
});

describe('choice votes', () => {
  const choice: Rule = { method: 'choice', optionKeys: ['a', 'b', 'c', 'd'], minChoices: 1, maxChoices: 4, quorum: { num: 0, den: 1 }, threshold: { num: 0, den: 1, of: 'cast' } };
  it('approval voting counts each chosen option; no verdict', () => {
    const t = tally(choice, 5, [['a', 'b'], ['b'], ['b', 'c', 'd'], ['a']]);
    expect(t.counts).toEqual({ a: 2, b: 3, c: 1, d: 1 });
    expect(t.passed).toBeNull();
    expect(t.cast).toBe(4);
  });
  it('ties share a rank and keep option order', () => {
    expect(rank(choice.optionKeys, { a: 2, b: 3, c: 2, d: 0 })).toEqual([
      { key: 'b', count: 3, rank: 1 }, { key: 'a', count: 2, rank: 2 }, { key: 'c', count: 2, rank: 2 }, { key: 'd', count: 0, rank: 4 },
    ]);
  });
  it('ballot checks: duplicates, unknown options, too few or too many', () => {
    expect(ballotProblem(choice, ['a', 'a'])?.en).toMatch(/twice/);
    expect(ballotProblem(choice, ['x'])?.en).toMatch(/no option/);
    expect(ballotProblem({ ...choice, maxChoices: 2 }, ['a', 'b', 'c'])?.en).toMatch(/at most 2/);
    expect(ballotProblem(choice, [])?.en).toMatch(/at least 1/);
    expect(ballotProblem(choice, ['a', 'd'])).toBeNull();
    expect(ballotProblem(yesNo(), ['approve', 'reject'])?.en).toMatch(/exactly one/);
    expect(ballotProblem(yesNo(), ['abstain'])).toBeNull();
  });
});

describe('receipts and the published digest', () => {
  it('receipts are 20 base32 characters and do not repeat', () => {
    const set = new Set(Array.from({ length: 2000 }, newReceipt));
    expect(set.size).toBe(2000);
    for (const r of set) expect(r).toMatch(/^[A-Z2-7]{20}$/);
  });
  it('the digest ignores list and choice order but not content', () => {
    const a = [{ receipt: 'B', choices: ['x', 'y'] }, { receipt: 'A', choices: ['z'] }];
    const b = [{ receipt: 'A', choices: ['z'] }, { receipt: 'B', choices: ['y', 'x'] }];
    expect(ballotsDigest(a)).toBe(ballotsDigest(b));
    expect(ballotsDigest(a)).not.toBe(ballotsDigest([{ receipt: 'A', choices: ['z'] }, { receipt: 'B', choices: ['x'] }]));
    expect(ballotsDigest([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

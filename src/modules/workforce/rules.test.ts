import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivePay, gradeProblem, ladderProblems, type LadderPost } from './rules.js';

const DEFAULT_POSTS: LadderPost[] = [
  { code: 'head', name: '社区正职', minGrade: 10, maxGrade: 18 }, { code: 'deputy', name: '社区副职', minGrade: 7, maxGrade: 15 },
  { code: 'member', name: '社区两委委员', minGrade: 4, maxGrade: 12 }, { code: 'staff', name: '社区专职工作者', minGrade: 1, maxGrade: 9 },
];
const DEFAULT_GRADES = Array.from({ length: 18 }, (_, i) => ({ grade: i + 1, coefficient: 1 + i * 0.05 }));

describe('ladder pay derivation', () => {
  it('derives monthly pay from the grade coefficient, rounding half up to the yuan', () => {
    // 84,000 / 12 = 7,000 a month; grade 5 (1.20) → 8,400.
    expect(derivePay({ annualWage: 84000, coefficient: 1.2, allowance: 0 })).toEqual({
      averageMonthly: 7000, gradePay: 8400, basePay: 8400, floored: false, allowance: 0, monthly: 8400, annual: 100800,
    });
    // 84,006 × 1.05 / 12 = 7,350.525 → 7,351 (half up beyond .5); 84,000 × 1.05 / 12 = 7,350 exactly.
    expect(derivePay({ annualWage: 84006, coefficient: 1.05, allowance: 0 }).gradePay).toBe(7351);
    expect(derivePay({ annualWage: 84000, coefficient: 1.05, allowance: 0 }).gradePay).toBe(7350);
    // 86,406 × 1.25 / 12 = 9,000.625 → 9,001; 86,394 × 1.25 / 12 = 8,999.375 → 8,999; 86,400 × 1.25 / 12 = 9,000; exact .5: 12,012 × 1.5 / 12 = 1,501.5 → 1,502.
    expect(derivePay({ annualWage: 86406, coefficient: 1.25, allowance: 0 }).gradePay).toBe(9001);
    expect(derivePay({ annualWage: 86394, coefficient: 1.25, allowance: 0 }).gradePay).toBe(8999);
    expect(derivePay({ annualWage: 12012, coefficient: 1.5, allowance: 0 }).gradePay).toBe(1502);
  });

  it('never pays below the local average wage (the floor rounds the average up)', () => {
    // 84,005 / 12 = 7,000.42: grade pay at 1.000 rounds to 7,000, below the average → floored to 7,001.
    const p = derivePay({ annualWage: 84005, coefficient: 1, allowance: 0 });
    expect(p).toMatchObject({ averageMonthly: 7001, gradePay: 7000, basePay: 7001, floored: true });
    expect(p.annual).toBeGreaterThanOrEqual(84005);
    fc.assert(fc.property(fc.integer({ min: 1000, max: 500000 }), fc.integer({ min: 1000, max: 3000 }), fc.integer({ min: 0, max: 2000 }), (wage, milli, allowance) => {
      const r = derivePay({ annualWage: wage, coefficient: milli / 1000, allowance });
      expect(r.basePay * 12).toBeGreaterThanOrEqual(wage);
      expect(r.monthly).toBe(r.basePay + allowance);
      expect(Number.isInteger(r.monthly)).toBe(true);
    }));
  });

  it('adds the certificate allowance on top of the floored pay', () => {
    expect(derivePay({ annualWage: 84000, coefficient: 1, allowance: 400 })).toMatchObject({ basePay: 7000, monthly: 7400, annual: 88800 });
  });

  it('rises with the grade on the default ladder', () => {
    const pays = DEFAULT_GRADES.map((g) => derivePay({ annualWage: 80000, coefficient: g.coefficient, allowance: 0 }).monthly);
    expect(pays[0]).toBe(6667);
    expect(pays[17]).toBe(12333); // 80,000 × 1.85 / 12 = 12,333.33
    expect(pays.every((p, i) => i === 0 || p > pays[i - 1])).toBe(true);
  });

  it('refuses nonsense inputs', () => {
    expect(() => derivePay({ annualWage: 0, coefficient: 1, allowance: 0 })).toThrow();
    expect(() => derivePay({ annualWage: 1000.5, coefficient: 1, allowance: 0 })).toThrow();
    expect(() => derivePay({ annualWage: 1000, coefficient: 1, allowance: -1 })).toThrow();
  });
});

describe('ladder configuration', () => {
  it('accepts the default 四岗十八级', () => {
    expect(ladderProblems(DEFAULT_GRADES, DEFAULT_POSTS)).toEqual({});
  });
  it('names what is wrong', () => {
    expect(ladderProblems(DEFAULT_GRADES.filter((g) => g.grade !== 7), DEFAULT_POSTS).grades).toBeDefined();
    expect(ladderProblems([{ grade: 1, coefficient: 1.2 }, { grade: 2, coefficient: 1.1 }], [{ code: 'a', name: 'a', minGrade: 1, maxGrade: 2 }]).grades?.en).toMatch(/fall/);
    expect(ladderProblems([{ grade: 1, coefficient: 0.9 }], [{ code: 'a', name: 'a', minGrade: 1, maxGrade: 1 }]).grades?.en).toMatch(/at least 1/);
    expect(ladderProblems(DEFAULT_GRADES, DEFAULT_POSTS.slice(0, 3)).posts?.en).toMatch(/every grade/);
    expect(ladderProblems(DEFAULT_GRADES, [...DEFAULT_POSTS, { code: 'head', name: 'x', minGrade: 1, maxGrade: 2 }]).posts?.en).toMatch(/repeat/);
    expect(ladderProblems(DEFAULT_GRADES, [{ code: 'a', name: 'a', minGrade: 1, maxGrade: 19 }]).posts?.en).toMatch(/within 1–18/);
    expect(ladderProblems([], []).grades).toBeDefined();
  });
  it('checks a post and grade against the ladder', () => {
    expect(gradeProblem(DEFAULT_POSTS, 'staff', 9)).toBeNull();
    expect(gradeProblem(DEFAULT_POSTS, 'staff', 10)?.field).toBe('grade');
    expect(gradeProblem(DEFAULT_POSTS, 'boss', 10)?.field).toBe('post');
  });
});

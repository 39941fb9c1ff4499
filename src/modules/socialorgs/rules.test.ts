import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { USCC_CHARS, growthResult, normalizeUscc, usccCheckChar, usccProblem } from './rules.js';

describe('unified social credit code (GB 32100)', () => {
  it('accepts published codes and computes their check character', () => {
    // Codes printed on public registration certificates.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '53100000500021676K']) {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(usccProblem(code)).toBeNull();
    }
    expect(usccProblem(normalizeUscc(' 91350100m000100y43 '))).toBeNull();
  });

  it('names what is wrong', () => {
    expect(usccProblem('9135010')?.en).toMatch(/18 characters/);
    expect(usccProblem('91350100M000100I43')?.en).toMatch(/never uses/);
    expect(usccProblem('91AB0100M000100Y43')?.en).toMatch(/division code/);
    expect(usccProblem('91350100M000100Y44')?.en).toMatch(/check character/);
  });

  it('catches every single-character change', () => {
    const body = fc.array(fc.constantFrom(...USCC_CHARS), { minLength: 17, maxLength: 17 }).map((a) => { a.splice(2, 6, ...'620902'); return a.join(''); });
    fc.assert(fc.property(body, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...USCC_CHARS), (b, i, c) => {
      const code = b + usccCheckChar(b);
      expect(usccProblem(code)).toBeNull();
      const changed = code.slice(0, i) + c + code.slice(i + 1);
      if (changed !== code && !(i >= 2 && i < 8 && !/\d/.test(c))) expect(usccProblem(changed)).not.toBeNull();
    }));
  });
});

describe('growth assessment', () => {
  it('means the five dimensions half up to one decimal and derives the level', () => {
    expect(growthResult({ governance: 90, capacity: 90, projects: 90, finance: 90, influence: 90 })).toEqual({ total: 90, level: '5A' });
    // 447 / 5 = 89.4
    expect(growthResult({ governance: 90, capacity: 90, projects: 90, finance: 90, influence: 87 })).toEqual({ total: 89.4, level: '4A' });
    // 299.75 would not occur (integers): 349 / 5 = 69.8 → 3A needs 70
    expect(growthResult({ governance: 70, capacity: 70, projects: 70, finance: 70, influence: 69 })).toEqual({ total: 69.8, level: '2A' });
    expect(growthResult({ governance: 0, capacity: 0, projects: 0, finance: 0, influence: 0 })).toEqual({ total: 0, level: 'none' });
    expect(growthResult({ governance: 50, capacity: 50, projects: 50, finance: 50, influence: 50 }).level).toBe('1A');
    expect(growthResult({ governance: 100, capacity: 100, projects: 100, finance: 100, influence: 100 })).toEqual({ total: 100, level: '5A' });
  });
});

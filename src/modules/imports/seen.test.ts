import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../residents/rules.js';
import { SeenIds, packIdCard } from './seen.js';

const id = (first17: string) => first17 + idCheckChar(first17);

describe('seen identities', () => {
  it('packs valid ID card numbers into distinct integers below 2^46', () => {
    const a = packIdCard(`idCard:${id('62090219900101123')}`)!;
    const b = packIdCard(`idCard:${id('62090219900101124')}`)!;
    const c = packIdCard(`idCard:${id('62090219900102123')}`)!;
    expect(new Set([a, b, c]).size).toBe(3);
    for (const x of [a, b, c]) expect(x).toBeGreaterThan(0);
    expect(packIdCard(`idCard:${id('99999920501231999')}`)!).toBeLessThan(2 ** 46);
    expect(packIdCard('passport:E123')).toBeNull();
  });

  it('returns the first row of a repeated identity, across growth of the table', () => {
    const s = new SeenIds();
    const ids: string[] = [];
    for (let i = 0; i < 100_000; i++) ids.push(`idCard:${id(`620902${19000101 + (i % 28) + Math.floor(i / 28) * 100}`.slice(0, 14) + String(i % 1000).padStart(3, '0'))}`);
    const unique = [...new Set(ids)];
    unique.forEach((x, i) => expect(s.firstOrAdd(x, i + 2)).toBeUndefined());
    expect(s.firstOrAdd(unique[0], 999999)).toBe(2);
    expect(s.firstOrAdd(unique[unique.length - 1], 999999)).toBe(unique.length + 1);
    expect(s.firstOrAdd('passport:E12345678', 5)).toBeUndefined();
    expect(s.firstOrAdd('passport:E12345678', 9)).toBe(5);
  });
});

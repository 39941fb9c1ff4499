import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, drawSample, finalScore, poolSeed, rankOf, roundHalfUp2, treeErrors, treeTotals, weightErrors } from './rules.js';

const T = (sum: number, n: number) => ({ sum, n });

describe('final score = 10% self + 40% mean of peers + 50% mean of residents', () => {
  it('weights the three components', () => {
    // self 80, peers mean 90, residents mean 70 → 8 + 36 + 35 = 79
    expect(finalScore(DEFAULT_WEIGHTS, { self: T(80, 1), peer: T(270, 3), resident: T(700, 10) })).toBe(79);
  });
  it('rounds once, half up, to 2 decimals, from the exact fraction', () => {
    // peers 2/3 of the way: (0.1·100 + 0.4·(200/3) + 0.5·50) = 10 + 26.666… + 25 = 61.666… → 61.67
    expect(finalScore(DEFAULT_WEIGHTS, { self: T(100, 1), peer: T(200, 3), resident: T(50, 1) })).toBe(61.67);
    // exactly .xx5: self 0, peers 0, residents mean 0.01 → 0.005 → 0.01 (half up)
    expect(finalScore({ self: 0, peer: 50, resident: 50 }, { self: T(0, 0), peer: T(0, 1), resident: T(1, 100) })).toBe(0.01);
    expect(roundHalfUp2(1n, 8n)).toBe(0.13); // 0.125 → 0.13
    expect(roundHalfUp2(1n, 3n)).toBe(0.33);
    expect(roundHalfUp2(2n, 3n)).toBe(0.67);
  });
  it('redistributes a missing component over the others in proportion', () => {
    // no self score: (40·90 + 50·70) / 90 = 78.888… → 78.89
    expect(finalScore(DEFAULT_WEIGHTS, { self: T(0, 0), peer: T(90, 1), resident: T(70, 1) })).toBe(78.89);
    // only residents answered: their mean
    expect(finalScore(DEFAULT_WEIGHTS, { self: T(0, 0), peer: T(0, 0), resident: T(173, 2) })).toBe(86.5);
    // a component with weight 0 is ignored even when present
    expect(finalScore({ self: 0, peer: 50, resident: 50 }, { self: T(0, 1), peer: T(80, 1), resident: T(60, 1) })).toBe(70);
  });
  it('is null (unrated) when nobody scored', () => {
    expect(finalScore(DEFAULT_WEIGHTS, { self: T(0, 0), peer: T(0, 0), resident: T(0, 0) })).toBeNull();
  });
});

describe('weights', () => {
  it('accept integers summing to exactly 100', () => {
    expect(weightErrors(DEFAULT_WEIGHTS)).toEqual({});
    expect(weightErrors({ self: 0, peer: 0, resident: 100 })).toEqual({});
  });
  it('refuse a sum other than 100, naming the field', () => {
    expect(Object.keys(weightErrors({ self: 10, peer: 40, resident: 40 }))).toEqual(['weights']);
    expect(Object.keys(weightErrors({ self: 10.5, peer: 40, resident: 49.5 }))).toEqual(['weights.self', 'weights.resident']);
    expect(Object.keys(weightErrors({ self: -10, peer: 60, resident: 50 }))).toEqual(['weights.self']);
  });
});

describe('household sample', () => {
  const ids = Array.from({ length: 500 }, (_, i) => i * 3 + 7);
  it('is reproducible from the seed', () => {
    expect(drawSample(ids, 100, 42)).toEqual(drawSample(ids, 100, 42));
    expect(drawSample(ids, 100, 42)).not.toEqual(drawSample(ids, 100, 43));
  });
  it('has no repeats and only given ids', () => {
    const s = drawSample(ids, 100, 7);
    expect(s).toHaveLength(100);
    expect(new Set(s).size).toBe(100);
    for (const x of s) expect(ids).toContain(x);
  });
  it('takes everyone when there are fewer households than the sample', () => {
    const s = drawSample([1, 2, 3], 100, 9);
    expect(s.slice().sort()).toEqual([1, 2, 3]);
    expect(drawSample([], 100, 9)).toEqual([]);
  });
  it('is spread over the whole list (not the first ids)', () => {
    const s = drawSample(ids, 100, 1);
    expect(Math.max(...s)).toBeGreaterThan(ids[400]);
  });
  it('pools of one campaign get different seeds', () => {
    expect(poolSeed(5, 10)).not.toBe(poolSeed(5, 11));
    expect(poolSeed(5, 10)).toBe(poolSeed(5, 10));
  });
});

describe('ranking', () => {
  it('ties share a rank (1, 1, 3); unrated get none', () => {
    const r = rankOf([{ id: 1, score: 80 }, { id: 2, score: 90 }, { id: 3, score: 90 }, { id: 4, score: null }]);
    expect(r.map((x) => [x.id, x.rank])).toEqual([[1, 3], [2, 1], [3, 1], [4, null]]);
  });
});

describe('indicator trees', () => {
  const nodes = [
    { key: 'a', parentKey: null, name: '党建', weight: 40 }, { key: 'b', parentKey: null, name: '服务', weight: 60 },
    { key: 'a1', parentKey: 'a', name: '组织', weight: 50 }, { key: 'a2', parentKey: 'a', name: '活动', weight: 50 },
  ];
  it('accepts siblings summing to 100', () => expect(treeErrors(nodes)).toEqual({}));
  it('names the group whose weights do not sum to 100, and bad parents', () => {
    expect(Object.keys(treeErrors([...nodes.slice(0, 3), { ...nodes[3], weight: 40 }]))).toEqual(['nodes.2.weight']);
    expect(Object.keys(treeErrors([{ key: 'x', parentKey: 'nope', name: 'x', weight: 100 }]))).toEqual(['nodes.0.parentKey']);
    expect(Object.keys(treeErrors([{ key: 'x', parentKey: 'y', name: 'x', weight: 100 }, { key: 'y', parentKey: 'x', name: 'y', weight: 100 }]))).toContain('nodes.0.parentKey');
  });
  it('totals weighted up the tree from the evaluators’ mean leaf scores', () => {
    const n = [{ id: 1, parentId: null, weight: 40 }, { id: 2, parentId: null, weight: 60 }, { id: 3, parentId: 1, weight: 50 }, { id: 4, parentId: 1, weight: 50 }];
    const t = treeTotals(n, new Map([[3, [80, 90]], [4, [70]], [2, [100]]]));
    // node 1 = 0.5·85 + 0.5·70 = 77.5; root = 0.4·77.5 + 0.6·100 = 91
    expect(t.get(1)).toBe(77.5);
    expect(t.get(0)).toBe(91);
    // an unscored leaf counts 0
    expect(treeTotals(n, new Map([[2, [100]]])).get(0)).toBe(60);
  });
});

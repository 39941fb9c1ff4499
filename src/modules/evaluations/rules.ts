/**
 * The evaluation arithmetic, pure and exact (监督评价).
 *
 * Scores are integers 0–100 per dimension. A component (self, peers, residents) of an
 * evaluatee is the mean of the scores it received; a rater who gave nothing is left out
 * of the mean (not counted as 0). The final score is
 *   Σ w_c · mean_c / Σ w_c   over the components that have at least one score,
 * so a missing component's weight is redistributed over the others in proportion; with no
 * score at all the evaluatee is unrated (no final, no rank, no rectification).
 * The value is computed as one exact fraction of integers and rounded once, half up, to 2
 * decimals; the close does the same in SQL numeric (see repo-close.ts), and the API test
 * compares the two.
 */
export interface Weights { self: number; peer: number; resident: number }
export const DEFAULT_WEIGHTS: Weights = { self: 10, peer: 40, resident: 50 };
export const DEFAULT_DIMENSIONS = ['服务态度', '专业水平', '执行能力', '协调能力', '完成任务情况', '群众满意度'];
export const SCORE_MAX = 100;

/** Field errors (zh/en) for weights that are not integers 0–100 summing to exactly 100. */
export function weightErrors(w: Weights): Record<string, { zh: string; en: string }> {
  const out: Record<string, { zh: string; en: string }> = {};
  for (const k of ['self', 'peer', 'resident'] as const) {
    const v = w[k];
    if (!Number.isInteger(v) || v < 0 || v > 100) out[`weights.${k}`] = { zh: '须为 0–100 的整数', en: 'must be an integer 0–100' };
  }
  if (!Object.keys(out).length && w.self + w.peer + w.resident !== 100)
    out.weights = { zh: `三项权重之和须为 100（现为 ${w.self + w.peer + w.resident}）`, en: `must sum to 100 (now ${w.self + w.peer + w.resident})` };
  return out;
}

/** Sum and count of the integer scores one component received. */
export interface Tally { sum: number; n: number }

/** p/q ≥ 0 rounded half up to 2 decimals, exactly (BigInt). */
export function roundHalfUp2(p: bigint, q: bigint): number {
  if (q <= 0n || p < 0n) throw new Error('roundHalfUp2 expects p ≥ 0, q > 0');
  const cents = (200n * p + q) / (2n * q);
  return Number(cents) / 100;
}

/** A component's mean, rounded like the final; null without scores. */
export function meanOf(t: Tally): number | null {
  return t.n > 0 ? roundHalfUp2(BigInt(t.sum), BigInt(t.n)) : null;
}

/** The final score of one evaluatee (or one dimension of it) from the three tallies. */
export function finalScore(w: Weights, c: { self: Tally; peer: Tally; resident: Tally }): number | null {
  const parts = (['self', 'peer', 'resident'] as const).filter((k) => c[k].n > 0 && w[k] > 0);
  if (!parts.length) return null;
  // Σ w_k S_k / N_k / W = (Σ w_k S_k Π_{j≠k} N_j) / (W Π N_j)
  const N = parts.map((k) => BigInt(c[k].n));
  const prod = N.reduce((a, b) => a * b, 1n);
  let num = 0n;
  parts.forEach((k, i) => { num += BigInt(w[k]) * BigInt(c[k].sum) * (prod / N[i]); });
  const W = parts.reduce((a, k) => a + BigInt(w[k]), 0n);
  return roundHalfUp2(num, W * prod);
}

/** Standard competition ranking (1, 1, 3): ties share a rank; unrated (null) get none. */
export function rankOf<T extends { score: number | null }>(rows: T[]): (T & { rank: number | null })[] {
  const sorted = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
  const rank = new Map<T, number>();
  sorted.forEach((r, i) => rank.set(r, i > 0 && sorted[i - 1].score === r.score ? rank.get(sorted[i - 1])! : i + 1));
  return rows.map((r) => ({ ...r, rank: rank.get(r) ?? null }));
}

/** mulberry32: a small deterministic 32-bit PRNG; the same seed gives the same stream everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of one sample pool: the campaign's seed mixed with the pool org's id (so pools differ). */
export const poolSeed = (seed: number, poolOrgId: number) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(poolOrgId, 0xc2b2ae35)) >>> 0;

/**
 * Draws `k` of the ids (which must be given in ascending order) by a partial Fisher–Yates
 * shuffle driven by prng(seed): reproducible, without repeats; fewer ids than k → all.
 * The result is in draw order.
 */
export function drawSample(sortedIds: number[], k: number, seed: number): number[] {
  const a = sortedIds.slice();
  const rnd = prng(seed);
  const m = Math.min(k, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rnd() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, m);
}

// ── Indicator trees (考核指标体系) ──
export interface TreeNode { key: string; parentKey: string | null; name: string; weight: number }

/** Structural errors of an indicator tree: one root level or more, siblings' weights sum to 100, no cycles. */
export function treeErrors(nodes: TreeNode[]): Record<string, { zh: string; en: string }> {
  const out: Record<string, { zh: string; en: string }> = {};
  const keys = new Set<string>();
  nodes.forEach((n, i) => {
    if (keys.has(n.key)) out[`nodes.${i}.key`] = { zh: '重复的指标键', en: 'is a duplicate key' };
    keys.add(n.key);
  });
  nodes.forEach((n, i) => {
    if (n.parentKey !== null && !keys.has(n.parentKey)) out[`nodes.${i}.parentKey`] = { zh: '上级指标不存在', en: 'names no node' };
  });
  if (Object.keys(out).length) return out;
  // Every node must reach a root without a cycle.
  const parent = new Map(nodes.map((n) => [n.key, n.parentKey]));
  nodes.forEach((n, i) => {
    let k: string | null = n.key;
    for (let steps = 0; k !== null; steps++) {
      if (steps > nodes.length) { out[`nodes.${i}.parentKey`] = { zh: '指标层级成环', en: 'forms a cycle' }; break; }
      k = parent.get(k) ?? null;
    }
  });
  if (Object.keys(out).length) return out;
  const groups = new Map<string, number>();
  for (const n of nodes) groups.set(n.parentKey ?? '', (groups.get(n.parentKey ?? '') ?? 0) + n.weight);
  for (const [p, sum] of groups) {
    if (sum !== 100) {
      const i = nodes.findIndex((n) => (n.parentKey ?? '') === p);
      out[`nodes.${i}.weight`] = { zh: `同级指标权重之和须为 100（现为 ${sum}）`, en: `sibling weights must sum to 100 (now ${sum})` };
    }
  }
  return out;
}

/**
 * Totals up the tree for one subject: a leaf's value is the mean of its evaluators' scores
 * (unscored leaves count 0, so an incomplete sheet shows as a lower total); an inner node is
 * Σ weight·child / 100. Exact in hundredths of the final value, rounded half up once.
 */
export function treeTotals(nodes: { id: number; parentId: number | null; weight: number }[], leafScores: Map<number, number[]>): Map<number, number> {
  const children = new Map<number | null, typeof nodes>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  // value as fraction p/q
  const frac = new Map<number, [bigint, bigint]>();
  const visit = (id: number): [bigint, bigint] => {
    const kids = children.get(id) ?? [];
    let v: [bigint, bigint];
    if (!kids.length) {
      const s = leafScores.get(id) ?? [];
      v = s.length ? [BigInt(s.reduce((a, b) => a + b, 0)), BigInt(s.length)] : [0n, 1n];
    } else {
      let p = 0n; let q = 1n;
      for (const k of kids) {
        const [kp, kq] = visit(k.id);
        p = p * kq * 100n + BigInt(k.weight) * kp * q; q = q * kq * 100n;
        const g = gcd(p, q); p /= g; q /= g;
      }
      v = [p, q];
    }
    frac.set(id, v);
    return v;
  };
  const roots = children.get(null) ?? [];
  let rp = 0n; let rq = 1n;
  for (const r of roots) {
    const [p, q] = visit(r.id);
    rp = rp * q * 100n + BigInt(r.weight) * p * rq; rq = rq * q * 100n;
    const g = gcd(rp, rq); rp /= g; rq /= g;
  }
  const out = new Map<number, number>();
  for (const [id, [p, q]] of frac) out.set(id, roundHalfUp2(p, q));
  out.set(0, roundHalfUp2(rp, rq));
  return out;
}
const gcd = (a: bigint, b: bigint): bigint => { while (b) [a, b] = [b, a % b]; return a === 0n ? 1n : a; };

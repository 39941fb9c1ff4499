/** Small statistics helpers. Percentiles use the nearest-rank method on sorted samples. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

export const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export interface LatencySummary { n: number; p50: number; p95: number; p99: number; max: number; min: number; mean: number }

export function summarise(samplesMs: number[]): LatencySummary {
  const mean = samplesMs.reduce((a, b) => a + b, 0) / (samplesMs.length || 1);
  return {
    n: samplesMs.length,
    p50: round(percentile(samplesMs, 50)),
    p95: round(percentile(samplesMs, 95)),
    p99: round(percentile(samplesMs, 99)),
    max: round(Math.max(...samplesMs)),
    min: round(Math.min(...samplesMs)),
    mean: round(mean),
  };
}

/** Times `fn` `n` times in a row (after `warmup` untimed calls); milliseconds per call. */
export async function timeSequential(n: number, fn: () => Promise<unknown>, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

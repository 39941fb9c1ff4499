import autocannon from 'autocannon';
import { treeCpuMs } from './proc.js';
import { round } from './stats.js';

/** One autocannon run, summarised the way the results files record it. */
export interface CannonRun {
  reqPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerSec: number;
  statusCodes: Record<string, number>;
  /** CPU time of the server process tree per answered request (µs), from /proc. */
  serverCpuUsPerRequest: number | null;
  /** Further process trees measured over the same run (e.g. a PostgreSQL the server does not own), µs per 2xx. */
  otherCpuUsPerRequest?: Record<string, number | null>;
}

/**
 * Runs autocannon with `opts` and measures the CPU of the process tree `pid` (and of any
 * `others`) over the run, per successful answer.
 */
export async function runCannon(opts: autocannon.Options, pid: number, others: Record<string, number> = {}): Promise<CannonRun> {
  const cpu0 = treeCpuMs(pid);
  const o0 = Object.fromEntries(Object.entries(others).map(([k, p]) => [k, treeCpuMs(p)]));
  const r = await autocannon({ timeout: 10, ...opts });
  const cpu1 = treeCpuMs(pid);
  const perOk = (a: number | null, b: number | null) => (a === null || b === null || !r['2xx'] ? null : round(((b - a) * 1000) / r['2xx'], 1));
  const run: CannonRun = {
    reqPerSec: Math.round(r.requests.average),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMeanMs: round(r.latency.average),
    requests: r.requests.total,
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerSec: Math.round(r.throughput.average),
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    serverCpuUsPerRequest: perOk(cpu0, cpu1),
  };
  if (Object.keys(others).length) run.otherCpuUsPerRequest = Object.fromEntries(Object.entries(others).map(([k, p]) => [k, perOk(o0[k], treeCpuMs(p))]));
  return run;
}

export type Side = 'bare' | 'gongzhi';
/** A write run that also counted the rows it made. */
export type WriteRun = CannonRun & { built: number; newRows: number };

/**
 * A warm-up of each side, then `rounds` alternating rounds (bare, then gongzhi), each
 * printed as it ends; `note` adds what a benchmark also counts (e.g. distinct keys).
 */
export async function alternateRounds<R extends WriteRun>(o: { rounds: number; duration: number; warmup: number },
  submit: (name: Side, label: string, duration: number) => Promise<R>, note: (r: R) => string = () => ''): Promise<Record<Side, R[]>> {
  for (const name of ['bare', 'gongzhi'] as const) await submit(name, 'w', o.warmup);
  const runs: Record<Side, R[]> = { bare: [], gongzhi: [] };
  for (let r = 0; r < o.rounds; r++) {
    for (const name of ['bare', 'gongzhi'] as const) {
      const run = await submit(name, `r${r + 1}`, o.duration);
      runs[name].push(run);
      console.log(`  round ${r + 1} ${name.padEnd(7)} ${String(run.reqPerSec).padStart(5)} req/s  p50 ${run.latencyP50Ms} ms  p99 ${run.latencyP99Ms} ms  `
        + `${run.ok2xx} 2xx → ${run.newRows} new rows${note(run)}  CPU/req: server tree ${run.serverCpuUsPerRequest ?? '?'} µs, postgres ${run.otherCpuUsPerRequest?.postgres ?? '?'} µs`
        + `${run.non2xx || run.errors ? `  (${run.non2xx} non-2xx ${JSON.stringify(run.statusCodes)}, ${run.errors} errors)` : ''}`);
    }
  }
  return runs;
}

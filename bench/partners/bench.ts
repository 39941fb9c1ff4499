import fs from 'node:fs';
import path from 'node:path';
import { freePort, gongzhiEnv, registerDataDir, runToEnd, spawnNode, stopChild, waitFor200 } from '../lib/proc.js';
import { getJson, login } from '../lib/http.js';
import { round, summarise, timeSequential, type LatencySummary } from '../lib/stats.js';
import type { Measurement } from '../lib/measurement.js';
import { PARTNERS_DATA, type PartnersSummary } from './data.js';

/**
 * The partners phase (issue 5): a real `gongzhi serve` on a fresh data dir (./data.ts: a
 * city of 100,000 party members with annual scores) answers the annual ranking
 * GET /api/v1/partner-rankings, sequential keep-alive requests from this process:
 * city-wide (a city-bound streetStaff) on page 1 and on pages spread over the first 50
 * (the first 1,000 ranks; judged), over the first 500 (information: a deep page reads every
 * row above it), a street's ranking and a community's. The bound is absolute (p95 ≤ 100 ms for the city's
 * ranking of all members); GET /api/v1/auth/me on the same server is the same-run baseline.
 */
export interface PartnersBenchOptions { root: string; n: number }

interface RankPage { items: { rank: number; score: number }[]; total: number }

export async function benchPartners(o: PartnersBenchOptions): Promise<Measurement[]> {
  const dataDir = registerDataDir(path.join(o.root, 'partners-data'));
  fs.rmSync(dataDir, { recursive: true, force: true });
  await runToEnd(spawnNode('partners data', ['bin/bench.mjs', '--role=partners-data', `--data-dir=${dataDir}`], {
    env: gongzhiEnv({}), logFile: path.join(o.root, 'partners-data.log'), dataDir,
  }), 20 * 60_000);
  const summary = JSON.parse(fs.readFileSync(path.join(dataDir, PARTNERS_DATA.summaryFile), 'utf8')) as PartnersSummary;
  console.log(`  data: ${summary.members.toLocaleString()} party members with ${summary.year} scores in ${summary.communities} communities (${summary.generatedSec} s)`);

  const port = await freePort();
  const server = spawnNode('gongzhi serve (partners)', ['bin/gongzhi.mjs', 'serve'], {
    env: gongzhiEnv({ GONGZHI_DATA_DIR: dataDir, PORT: String(port), GONGZHI_LOGIN_RATE_LIMIT: '100000' }), logFile: path.join(o.root, 'serve-partners.log'), dataDir,
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor200(`${base}/api/health`, { since: performance.now(), timeoutMs: 120_000, child: server });
    const city = await login(base, summary.city.user, summary.password);
    const street = await login(base, summary.street.user, summary.password);
    const community = await login(base, summary.community.user, summary.password);
    const url = (q: string) => `/api/v1/partner-rankings?year=${summary.year}&subject=member&pageSize=20${q}`;

    // Sanity: the city sees everyone, in score order.
    const first = (await getJson<RankPage>(base, url(''), city)).body;
    if (first.total !== summary.members) throw new Error(`city ranking total ${first.total}, expected ${summary.members}`);
    const sorted = first.items.every((x, i, a) => i === 0 || a[i - 1].score >= x.score);
    let k = 0;
    let deep = 0;
    const cases: [string, () => Promise<unknown>][] = [
      ['cityPage1', () => getJson(base, url(''), city)],
      ['cityPages1to50', () => getJson(base, url(`&page=${1 + ((k++ * 7) % 50)}`), city)],
      // Information only: deep pages read every row above them (offset up to 10,000).
      ['cityPages1to500', () => getJson(base, url(`&page=${1 + ((deep++ * 37) % 500)}`), city)],
      ['street', () => getJson(base, url(`&orgId=${summary.street.id}`), street)],
      ['community', () => getJson(base, url(''), community)],
    ];
    const results: Record<string, LatencySummary> = {};
    for (const [name, fn] of cases) results[name] = summarise(await timeSequential(o.n, fn, 10));
    const baseline = summarise(await timeSequential(o.n, () => getJson(base, '/api/v1/auth/me', city), 10));
    const worstCity = Math.max(results.cityPage1.p95, results.cityPages1to50.p95);
    for (const [name, r] of Object.entries(results)) console.log(`  ${name}: p50 ${round(r.p50)} ms, p95 ${round(r.p95)} ms`);
    return [{
      id: 'partner-ranking', title: `Annual ranking of all ${summary.members.toLocaleString()} party members of a city (GET /api/v1/partner-rankings, 20 a page)`,
      target: 'p95 ≤ 100 ms for the city-wide ranking (page 1 and pages 1–50)', pass: sorted && worstCity <= 100,
      value: round(worstCity), unit: 'ms (p95)',
      baseline: { what: 'GET /api/v1/auth/me on the same server, same session, sequential', value: round(baseline.p95), unit: 'ms (p95)' },
      ratio: round(worstCity / baseline.p95, 2), ratioMeaning: 'ranking p95 ÷ auth/me p95',
      details: { ...results, baseline, sortedByScore: sorted, total: first.total, n: o.n, data: summary },
    }];
  } finally {
    await stopChild(server);
  }
}

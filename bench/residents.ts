import fs from 'node:fs';
import path from 'node:path';
import { freePort, gongzhiEnv, registerDataDir, runToEnd, spawnNode, stopChild, waitFor200, type Child } from './lib/proc.js';
import { getJson, login, type Session } from './lib/http.js';
import { round, summarise, timeSequential, type LatencySummary } from './lib/stats.js';
import type { Measurement } from './lib/measurement.js';
import { readCitySummary, type CitySummary } from './city/generate.js';

/**
 * Residents at city scale (issue 3): the synthetic 咸宁 of `npm run bench:data` served by a
 * real `gongzhi serve`; a grid worker's first page of residents and a fuzzy name search
 * within a street, each timed sequentially (one request at a time, so p95 is the latency a
 * person sees) next to a bare Fastify route serving the same bytes in the same run.
 */

/** Name fragments people type: a common surname + given name, two-character names, a given name alone. */
const QUERIES = ['王芳', '李伟', '张静', '刘洋', '陈杰', '杨丽', '黄强', '赵敏', '吴磊', '周婷', '徐涛', '孙娜', '马超', '朱红', '胡军', '建国', '玉兰', '浩然', '欣怡', '子涵'];

export interface CityHttpOptions { cityDir: string; root: string; n: number; scale: number }

async function ensureCity(o: CityHttpOptions): Promise<{ summary: CitySummary; generatedSec: number | null }> {
  registerDataDir(o.cityDir);
  const have = readCitySummary(o.cityDir);
  if (have) return { summary: have, generatedSec: null };
  console.log(`  generating the synthetic city in ${o.cityDir} (scale ${o.scale}; done once, reused by later runs) …`);
  const t = performance.now();
  await runToEnd(spawnNode('bench:data', ['bin/bench.mjs', '--role=city-data', `--data-dir=${o.cityDir}`, `--scale=${o.scale}`], {
    env: gongzhiEnv({}), logFile: path.join(o.root, 'city-data.log'), dataDir: o.cityDir, echo: true,
  }), 40 * 60_000);
  return { summary: readCitySummary(o.cityDir)!, generatedSec: round((performance.now() - t) / 1000, 1) };
}

async function timed(base: string, url: string, session: Session | undefined, n: number): Promise<LatencySummary> {
  const samples = await timeSequential(n, () => getJson(base, url, session), Math.min(20, n));
  return summarise(samples);
}

async function rotating(base: string, urls: string[], session: Session, n: number): Promise<LatencySummary> {
  let i = 0;
  for (const u of urls) await getJson(base, u, session); // warm-up: each query once
  const samples = await timeSequential(n, () => getJson(base, urls[i++ % urls.length], session));
  return summarise(samples);
}

export async function benchCityHttp(o: CityHttpOptions): Promise<Measurement[]> {
  const { summary, generatedSec } = await ensureCity(o);
  console.log(`  city: ${JSON.stringify(summary.counts)}`);
  const port = await freePort();
  const server = spawnNode('gongzhi serve (city)', ['bin/gongzhi.mjs', 'serve'], {
    env: gongzhiEnv({ GONGZHI_DATA_DIR: o.cityDir, PORT: String(port) }), logFile: path.join(o.root, 'serve-city.log'), dataDir: o.cityDir,
  });
  let bare: Child | null = null;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor200(`${base}/api/health`, { since: performance.now(), timeoutMs: 120_000, child: server });
    const grid = await login(base, summary.users.grid, summary.users.password);
    const street = await login(base, summary.users.street, summary.users.password);
    const firstPage = '/api/v1/residents?page=1&pageSize=20';
    const page = await getJson<{ items: unknown[]; total: number }>(base, firstPage, grid);
    if (page.body.items.length !== 20) throw new Error(`grid worker's first page has ${page.body.items.length} rows`);
    const searches = QUERIES.map((q) => `/api/v1/residents?q=${encodeURIComponent(q)}&page=1&pageSize=20`);
    const hits = await Promise.all(searches.map((u) => getJson<{ items: unknown[] }>(base, u, street)));
    const payloadFile = path.join(o.root, 'residents-page.json');
    fs.writeFileSync(payloadFile, page.raw);
    const barePort = await freePort();
    bare = spawnNode('bare fastify (residents)', ['bin/bench.mjs', '--role=bare-server'], {
      env: gongzhiEnv({ PORT: String(barePort), BENCH_BARE_PAYLOAD: payloadFile }), logFile: path.join(o.root, 'bare-residents.log'),
    });
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitFor200(bareBase + firstPage, { since: performance.now(), timeoutMs: 30_000, child: bare });

    const bareLat = await timed(bareBase, firstPage, undefined, o.n);
    const gridLat = await timed(base, firstPage, grid, o.n);
    const searchLat = await rotating(base, searches, street, o.n);
    console.log(`  bare route          p50 ${bareLat.p50} ms  p95 ${bareLat.p95} ms`);
    console.log(`  grid first page     p50 ${gridLat.p50} ms  p95 ${gridLat.p95} ms  (${page.bytes} bytes, total ${page.body.total})`);
    console.log(`  street name search  p50 ${searchLat.p50} ms  p95 ${searchLat.p95} ms  (${QUERIES.length} queries, ${hits.filter((h) => h.body.items.length).length} with hits)`);
    const baseline = { what: 'bare Fastify route serving the same JSON, sequential p95', value: bareLat.p95, unit: 'ms' };
    const common = { city: summary.counts, cityGeneratedSec: generatedSec, citySeed: summary.seed, cityScale: summary.scale, bare: bareLat };
    return [
      {
        id: 'grid-first-page', title: "A grid worker's first page of residents (GET /api/v1/residents, 20 rows)",
        target: 'p95 ≤ 20 ms', pass: gridLat.p95 <= 20, value: gridLat.p95, unit: 'ms p95', baseline,
        ratio: round(gridLat.p95 / bareLat.p95), ratioMeaning: 'times the bare route’s p95',
        details: { ...common, latency: gridLat, rowsInGrid: page.body.total, bytes: page.bytes, grid: summary.gridCode },
      },
      {
        id: 'street-name-search', title: 'Fuzzy name search within a street (GET /api/v1/residents?q=…)',
        target: 'p95 ≤ 50 ms', pass: searchLat.p95 <= 50, value: searchLat.p95, unit: 'ms p95', baseline,
        ratio: round(searchLat.p95 / bareLat.p95), ratioMeaning: 'times the bare route’s p95',
        details: { ...common, latency: searchLat, queries: QUERIES, street: summary.streetCode, queriesWithHits: hits.filter((h) => h.body.items.length).length },
      },
    ];
  } finally {
    if (bare) await stopChild(bare);
    await stopChild(server);
  }
}

// ---- importing residents from CSV vs a plain COPY of the same rows ------------------------

export async function benchResidentImport(o: { root: string; rows: number }): Promise<Measurement> {
  const { writeResidentCsv } = await import('./city/csv.js');
  const community = '421202001001';
  const grids = Array.from({ length: 10 }, (_, i) => `${community}${String(i + 1).padStart(3, '0')}`);
  const csv = path.join(o.root, `residents-${o.rows}.csv`);
  let t = performance.now();
  const file = await writeResidentCsv(csv, { rows: o.rows, seed: 20261125, gridCodes: grids, prefix: '421202' });
  console.log(`  wrote ${file.rows.toLocaleString()} rows (${Math.round(file.bytes / 1048576)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const dataDir = registerDataDir(path.join(o.root, 'resident-import-data'));
  const out = path.join(o.root, 'resident-import.json');
  t = performance.now();
  await runToEnd(spawnNode('resident import worker', [
    'bin/bench.mjs', '--role=resident-import-worker', `--data-dir=${dataDir}`, `--csv=${csv}`, `--out=${out}`, `--community=${community}`, `--grids=${grids.join(',')}`,
  ], { env: gongzhiEnv({}), logFile: path.join(o.root, 'resident-import-worker.log'), dataDir, echo: true }), 30 * 60_000);
  const r = JSON.parse(fs.readFileSync(out, 'utf8')) as import('./resident-import-worker.js').ResidentImportResult;
  // Judged against the database floor for the same writes (see ResidentImportResult.copySameSchema);
  // the bare COPY into an unindexed text table is reported next to it.
  const ratio = round(r.import.rowsPerSec / r.copySameSchema.rowsPerSec);
  const ratioBare = round(r.import.rowsPerSec / r.copy.rowsPerSec);
  const idempotent = r.rerun.inserted === 0 && r.rerun.updated === 0 && r.rerun.unchanged === r.import.inserted + r.import.updated + r.import.unchanged;
  console.log(`  COPY same-schema ${r.copySameSchema.rowsPerSec} rows/s, bare ${r.copy.rowsPerSec} rows/s; import ${r.import.rowsPerSec} rows/s (ratio ${ratio}, vs bare ${ratioBare}); peak RSS ${r.maxRssMb.afterImport} MB; re-run ${r.rerun.ms} ms, idempotent: ${idempotent}`);
  return {
    id: 'resident-import', title: `Importing ${r.rows.toLocaleString()} residents from CSV (gongzhi import residents) vs PostgreSQL COPY of the same rows`,
    target: '≥ 50% of COPY rows/s, importer peak RSS < 500 MB, re-run changes nothing',
    pass: ratio >= 0.5 && r.maxRssMb.afterImport < 500 && idempotent && r.import.status === 'done',
    value: r.import.rowsPerSec, unit: 'rows/s',
    baseline: { what: 'COPY of the rows the import wrote (households, residents, memberships, change records) into empty tables of the same shape (indexes, checks, generated columns)', value: r.copySameSchema.rowsPerSec, unit: 'residents/s' },
    ratio, ratioMeaning: 'share of the same-schema COPY rate',
    details: { ...r, csvBytes: file.bytes, idempotent, ratioVsBareTextCopy: ratioBare, wallSec: round((performance.now() - t) / 1000, 1) },
  };
}

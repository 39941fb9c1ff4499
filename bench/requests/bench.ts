import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import type autocannon from 'autocannon';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { REPO, freePort, gongzhiEnv, registerDataDir, runToEnd, spawnNode, stopChild, waitFor200, type Child } from '../lib/proc.js';
import { getJson, login, type Session } from '../lib/http.js';
import { median, round, summarise, timeSequential, type LatencySummary } from '../lib/stats.js';
import { alternateRounds, runCannon, type WriteRun } from '../lib/cannon.js';
import type { Measurement } from '../lib/measurement.js';
import { GENERATOR_VERSION, SUMMARY_FILE, checkRequestStat, readRequestsSummary, rulesFileChecksum, type RequestsSummary, type StatCheck } from './generate.js';

/**
 * The requests phase (issue 4): on a copy of the cached 1M-request city
 * (bench/.data/requests, made once by ./generate.ts), a real `gongzhi serve` answers
 *   1. POST /api/v1/requests at 50 connections (autocannon, every request a new clientKey),
 *      against a bare Fastify route doing one INSERT into a same-shape table (pool of 10,
 *      same PostgreSQL cluster), alternating rounds;
 *   2. a street dispatcher's and a community worker's queue pages (view=open / awaiting),
 *      sequential, after VACUUM (ANALYZE) as the cluster owner;
 *   3. the city-wide 接诉即办 figures for twelve months, by area and by handler.
 * Reads run first, on the data exactly as generated; the writes come last.
 */
export interface RequestsBenchOptions {
  root: string; cacheDir: string; requests: number;
  n: number; connections: number; duration: number; warmup: number; rounds: number;
}

interface Paged { items: unknown[]; total: number; totalExact?: boolean; counters?: Record<string, number> }
interface StatsBody { totals: Record<string, number | null>; rows: unknown[] }

const MAX_AGE_DAYS = 7;
const sha256 = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f, 'utf8')).digest('hex');

/** Why the cached data dir cannot be used (null: it can). */
function staleness(dir: string, requests: number): string | null {
  const s = readRequestsSummary(dir);
  if (!s) return fs.existsSync(path.join(dir, 'pg')) ? 'a data dir without its summary (an interrupted generation)' : 'no data yet';
  if (s.version !== GENERATOR_VERSION) return `generator version ${s.version}, now ${GENERATOR_VERSION}`;
  if (s.requests !== requests) return `${s.requests} requests, ${requests} asked for`;
  // The data models "now" (the open queue, deadlines): after a week the clock has moved too far.
  const ageDays = (Date.now() - Date.parse(s.anchor)) / 86_400_000;
  if (ageDays > MAX_AGE_DAYS) return `made ${ageDays.toFixed(1)} days ago (more than ${MAX_AGE_DAYS})`;
  if (s.rulesChecksum !== rulesFileChecksum()) return 'src/modules/requests/rules.ts changed since the data was made';
  for (const [name, sum] of Object.entries(s.migrations ?? {})) {
    const f = path.join(MIGRATIONS_DIR, `${name}.sql`);
    if (!fs.existsSync(f) || sha256(f) !== sum) return `migration ${name} changed since the data was made`;
  }
  return null;
}

async function ensureData(o: RequestsBenchOptions): Promise<{ summary: RequestsSummary; generatedSec: number | null }> {
  const why = staleness(o.cacheDir, o.requests);
  if (!why) return { summary: readRequestsSummary(o.cacheDir)!, generatedSec: null };
  if (fs.existsSync(o.cacheDir) && fs.readdirSync(o.cacheDir).length) {
    // Only our own cache is ever removed: a dir under bench/.data or one holding our summary.
    const ours = o.cacheDir.startsWith(path.join(REPO, 'bench/.data') + path.sep) || fs.existsSync(path.join(o.cacheDir, SUMMARY_FILE));
    if (!ours) throw new Error(`${o.cacheDir} cannot be used (${why}) and is not the benchmark's own cache; pass another --requests-dir`);
    console.log(`  ${o.cacheDir}: ${why}; making it again`);
    fs.rmSync(o.cacheDir, { recursive: true, force: true });
  }
  registerDataDir(o.cacheDir);
  console.log(`  generating ${o.requests.toLocaleString()} requests in ${o.cacheDir} (done once, reused by later runs) …`);
  const t = performance.now();
  await runToEnd(spawnNode('requests data', ['bin/bench.mjs', '--role=requests-data', `--data-dir=${o.cacheDir}`, `--requests=${o.requests}`], {
    env: gongzhiEnv({}), logFile: path.join(o.root, 'requests-data.log'), dataDir: o.cacheDir, echo: true,
  }), 30 * 60_000);
  return { summary: readRequestsSummary(o.cacheDir)!, generatedSec: round((performance.now() - t) / 1000, 1) };
}

function ownerUrl(dataDir: string): string {
  const port = fs.readFileSync(path.join(dataDir, 'pg.port'), 'utf8').trim();
  const secret = fs.readFileSync(path.join(dataDir, 'pg-superuser-secret'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${port}/postgres`;
}

const postmasterPid = (dataDir: string) => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

interface Submitter { session: Session; box: number[] }

/**
 * autocannon's request list for POST /api/v1/requests: each request built just before it
 * is sent, with the next clientKey of `prefix` (never repeated), rotating the grid
 * workers' sessions, a point inside the worker's own grid and a leaf category.
 */
export function submitRequests(subs: Submitter[], categories: number[], prefix: string, built: { n: number }): autocannon.RequestSpec[] {
  const texts = ['门口垃圾桶满了没人清运', '路灯晚上不亮', '楼道里贴满了小广告', '井盖松动有响声', '夜间施工噪音很大', '电梯按钮失灵', '楼顶漏水请物业维修', '独居老人需要助餐服务'];
  return [{
    method: 'POST', path: '/api/v1/requests',
    setupRequest: (req) => {
      const k = built.n++;
      const s = subs[k % subs.length];
      // A deterministic scatter inside the grid square (10% margin: never on a shared edge).
      const fx = ((k * 0.618034) % 1) * 0.8 + 0.1, fy = ((k * 0.414214) % 1) * 0.8 + 0.1;
      const [x0, y0, x1, y1] = s.box;
      const body = {
        clientKey: `${prefix}${String(k).padStart(7, '0')}`, kind: 'problem', categoryId: categories[k % categories.length],
        description: `${k % 40 + 1}号楼${texts[k % texts.length]}（压测 #${k}）`,
        lon: Number((x0 + (x1 - x0) * fx).toFixed(6)), lat: Number((y0 + (y1 - y0) * fy).toFixed(6)),
      };
      return { ...req, headers: { cookie: s.session.cookie, 'x-csrf-token': s.session.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) };
    },
  }];
}

async function timedGet(base: string, url: string, session: Session | undefined, n: number): Promise<LatencySummary> {
  return summarise(await timeSequential(n, () => getJson(base, url, session), Math.min(10, n)));
}

export async function benchRequests(o: RequestsBenchOptions): Promise<Measurement[]> {
  const { summary, generatedSec } = await ensureData(o);
  console.log(`  data: ${summary.requests.toLocaleString()} requests (${summary.counts.events.toLocaleString()} events), anchor ${summary.anchor}, open ${(summary.openShare * 100).toFixed(1)}%`);
  const dataDir = registerDataDir(path.join(o.root, 'requests-data'));
  let t = performance.now();
  fs.rmSync(dataDir, { recursive: true, force: true });
  execFileSync('cp', ['-a', '--reflink=auto', o.cacheDir, dataDir]);
  const copySec = round((performance.now() - t) / 1000, 1);
  console.log(`  copied the cached data dir in ${copySec} s (each run works on a fresh copy)`);

  const port = await freePort();
  const server = spawnNode('gongzhi serve (requests)', ['bin/gongzhi.mjs', 'serve'], {
    env: gongzhiEnv({ GONGZHI_DATA_DIR: dataDir, PORT: String(port) }), logFile: path.join(o.root, 'serve-requests.log'), dataDir,
  });
  let bare: Child | null = null;
  let ownerClient: pg.Client | null = null;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor200(`${base}/api/health`, { since: performance.now(), timeoutMs: 180_000, child: server });
    const owner = new pg.Client({ connectionString: ownerUrl(dataDir) });
    await owner.connect();
    ownerClient = owner;
    const count = async (q: string, args: unknown[] = []) => Number((await owner.query(q, args)).rows[0].n);
    const serverUp = (await owner.query('SELECT now() AS t')).rows[0].t as Date;
    const rows = await count('SELECT count(*) AS n FROM request');
    if (rows !== summary.requests) throw new Error(`the copy holds ${rows} requests, the summary says ${summary.requests}`);
    t = performance.now();
    await owner.query('VACUUM (ANALYZE) request, request_event, request_stat, request_route, request_category, org, app_user');
    const vacuumMs = Math.round(performance.now() - t);
    // The rebuild is checked again against the trigger function in force now (a later migration may have replaced it).
    const statCheck: StatCheck = await checkRequestStat(owner, summary.sampleGridIds);
    const sync = (await owner.query('SHOW synchronous_commit')).rows[0].synchronous_commit as string;
    const fsync = (await owner.query('SHOW fsync')).rows[0].fsync as string;
    console.log(`  VACUUM (ANALYZE) ${vacuumMs} ms; synchronous_commit=${sync}, fsync=${fsync}; request_stat vs request_stat_add(): `
      + `${statCheck.mismatches === 0 && statCheck.requests ? 'identical' : 'MISMATCH'} on ${statCheck.grids} grids${statCheck.error ? ` (the function as it stands fails: ${statCheck.error})` : ''}`);

    const U = summary.users;
    const dispatcher = await login(base, U.dispatcher.username, U.password);
    const community = await login(base, U.community.username, U.password);
    const cityUser = await login(base, U.city.username, U.password);
    const subs: Submitter[] = [];
    for (const g of U.grids) subs.push({ session: await login(base, g.username, U.password), box: g.box });

    // ── 2. queue pages ──
    const queue = (view: string) => `/api/v1/requests?view=${view}&page=1&pageSize=20`;
    const probe = await fetch(base + queue('open'), { headers: { cookie: dispatcher.cookie } });
    const probeBody = await probe.text();
    if (probe.status !== 200) throw new Error(`GET ${queue('open')} answered ${probe.status} (are the requests routes there yet?): ${probeBody.slice(0, 300)}`);
    const payloadFile = path.join(o.root, 'requests-queue-page.json');
    fs.writeFileSync(payloadFile, probeBody);

    // The bare baseline: the same queue page for GET; one INSERT into a same-shape table for POST.
    await owner.query('DROP TABLE IF EXISTS bench_bare_request');
    await owner.query('CREATE TABLE bench_bare_request (LIKE request INCLUDING ALL)');
    const bareIndexes = await count(`SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'bench_bare_request'`);
    const barePort = await freePort();
    const bareOrg = U.grids[0].org;
    bare = spawnNode('bare fastify (requests)', ['bin/bench.mjs', '--role=bare-server'], {
      env: gongzhiEnv({
        PORT: String(barePort), BENCH_BARE_PAYLOAD: payloadFile, BENCH_BARE_DATABASE_URL: ownerUrl(dataDir), BENCH_BARE_POOL: '10',
        BENCH_BARE_TABLE: 'bench_bare_request', BENCH_BARE_ORG: JSON.stringify({ id: bareOrg.id, path: bareOrg.path }),
      }),
      logFile: path.join(o.root, 'bare-requests.log'),
    });
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitFor200(bareBase + queue('open'), { since: performance.now(), timeoutMs: 30_000, child: bare });

    const n = o.n;
    const bareGet = await timedGet(bareBase, queue('open'), undefined, n);
    console.log(`  bare GET route                  p50 ${bareGet.p50} ms  p95 ${bareGet.p95} ms`);
    const queues: { who: string; view: string; latency: LatencySummary; total: number; totalExact: boolean | null; counters: unknown; items: number; bytes: number; db: number }[] = [];
    const streetPath = U.dispatcher.org.path, communityPath = U.community.org.path;
    const dbCount = {
      open: (p: string) => count(`SELECT count(*) AS n FROM request WHERE is_open AND (org_path LIKE $1 OR handler_path LIKE $1)`, [p + '%']),
      awaiting: (p: string) => count(`SELECT count(*) AS n FROM request WHERE status IN ('submitted','accepted','returned','reopened') AND org_path LIKE $1`, [p + '%']),
    };
    for (const [who, session, p] of [['street dispatcher', dispatcher, streetPath], ['community worker', community, communityPath]] as const) {
      for (const view of ['open', 'awaiting'] as const) {
        const page = await getJson<Paged>(base, queue(view), session);
        const latency = await timedGet(base, queue(view), session, n);
        const db = await dbCount[view](p);
        queues.push({ who, view, latency, total: page.body.total, totalExact: page.body.totalExact ?? null, counters: page.body.counters ?? null, items: page.body.items.length, bytes: page.bytes, db });
        console.log(`  ${who.padEnd(17)} view=${view.padEnd(8)} p50 ${latency.p50} ms  p95 ${latency.p95} ms  (total ${page.body.total}, ${db} in the DB by area/handler, ${page.bytes} bytes)`);
      }
    }

    // ── 3. city figures over twelve months ──
    const cityId = U.city.org.id;
    const statsUrl = (by: string) => `/api/v1/request-stats?orgId=${cityId}&from=${summary.months.from}&to=${summary.months.to}&by=${by}`;
    const expected = (await owner.query(`SELECT sum(received) AS received, sum(resolved) AS resolved, sum(rated) AS rated FROM request_stat
      WHERE org_path LIKE $1 AND month BETWEEN $2::date AND $3::date`, [U.city.org.path + '%', `${summary.months.from}-01`, `${summary.months.to}-01`])).rows[0];
    const stats: { by: string; latency: LatencySummary; rows: number; totals: Record<string, number | null>; bytes: number; receivedMatches: boolean }[] = [];
    for (const by of ['area', 'handler']) {
      const r = await getJson<StatsBody>(base, statsUrl(by), cityUser);
      const latency = await timedGet(base, statsUrl(by), cityUser, n);
      const receivedMatches = Number(r.body.totals.received) === Number(expected.received);
      stats.push({ by, latency, rows: r.body.rows.length, totals: r.body.totals, bytes: r.bytes, receivedMatches });
      console.log(`  stats by=${by.padEnd(8)} p50 ${latency.p50} ms  p95 ${latency.p95} ms  (${r.body.rows.length} rows, received ${r.body.totals.received} vs ${expected.received} in request_stat, `
        + `rates ${r.body.totals.responseRate}/${r.body.totals.resolutionRate}/${r.body.totals.satisfactionRate})`);
    }

    // ── 1. submitting ──
    // Leaf categories that take a 'problem' (a category may restrict the kinds it accepts).
    const leafCategories = (await owner.query(`SELECT c.id FROM request_category c WHERE c.active AND NOT EXISTS (SELECT 1 FROM request_category k WHERE k.parent_id = c.id)
      AND (c.kinds = '{}' OR 'problem' = ANY (c.kinds)) ORDER BY c.id`)).rows.map((r) => Number(r.id));
    const tag = Date.now().toString(36);
    const pgPid = postmasterPid(dataDir);
    const targets = {
      bare: { url: bareBase, pid: bare.pid, table: 'bench_bare_request' },
      gongzhi: { url: base, pid: server.pid, table: 'request' },
    };
    const lastIds: Record<string, number> = { bare: 0, gongzhi: await count('SELECT coalesce(max(id), 0) AS n FROM request') };
    type Run = WriteRun & { distinctKeys: number; prefix: string };
    const submit = async (name: 'bare' | 'gongzhi', label: string, duration: number): Promise<Run> => {
      const prefix = `b${tag}${label}${name === 'bare' ? 'x' : 'g'}`;
      const built = { n: 0 };
      const run = await runCannon({ url: targets[name].url, connections: o.connections, duration, pipelining: 1, requests: submitRequests(subs, leafCategories, prefix, built) },
        targets[name].pid, { postgres: pgPid });
      const c = (await owner.query(`SELECT count(*) AS n, count(DISTINCT client_key) AS k, coalesce(max(id), 0) AS m FROM ${targets[name].table} WHERE id > $1 AND client_key LIKE $2`,
        [lastIds[name], prefix + '%'])).rows[0];
      lastIds[name] = Math.max(lastIds[name], Number(c.m));
      return { ...run, built: built.n, newRows: Number(c.n), distinctKeys: Number(c.k), prefix };
    };
    const runs = await alternateRounds(o, submit, (run) => ` (${run.distinctKeys} distinct keys)`);
    // One request at a time: the latency floor of one submission (mostly the commit's fsync for the bare route).
    const single = async (name: 'bare' | 'gongzhi') => {
      const built = { n: 0 };
      const spec = submitRequests(subs, leafCategories, `b${tag}s${name === 'bare' ? 'x' : 'g'}`, built)[0];
      const samples = await timeSequential(n, async () => {
        const req = spec.setupRequest!({ method: 'POST', path: '/api/v1/requests' }, {});
        const res = await fetch(targets[name].url + req.path, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        if (res.status >= 300) throw new Error(`POST ${req.path} (${name}) answered ${res.status}: ${text.slice(0, 300)}`);
      }, 5);
      return summarise(samples);
    };
    const sequential = { bare: await single('bare'), gongzhi: await single('gongzhi') };
    console.log(`  one at a time: bare p50 ${sequential.bare.p50} ms, gongzhi p50 ${sequential.gongzhi.p50} ms (p95 ${sequential.bare.p95} / ${sequential.gongzhi.p95})`);

    // What the overdue sweeper (every 60 s in production) wrote while we measured.
    const sweeper = (await owner.query(`SELECT action, count(*)::int AS n FROM request_event WHERE actor_id IS NULL AND action IN ('overdue','escalate','close','supervise')
      AND at >= $1 GROUP BY 1 ORDER BY 1`, [serverUp])).rows;
    const agg = (xs: Run[]) => ({
      reqPerSec: median(xs.map((x) => x.reqPerSec)),
      latencyP50Ms: median(xs.map((x) => x.latencyP50Ms)),
      latencyP99Ms: median(xs.map((x) => x.latencyP99Ms)),
      serverCpuUsPerRequest: median(xs.map((x) => x.serverCpuUsPerRequest ?? NaN)),
      postgresCpuUsPerRequest: median(xs.map((x) => x.otherCpuUsPerRequest?.postgres ?? NaN)),
      non2xx: xs.reduce((s, x) => s + x.non2xx, 0),
      errors: xs.reduce((s, x) => s + x.errors + x.timeouts, 0),
      // Every 2xx made a new row (replayed keys would answer 2xx without one); in-flight requests at the end may add a few rows.
      everyAnswerANewRow: xs.every((x) => x.newRows >= x.ok2xx && x.newRows === x.distinctKeys && x.newRows <= x.built),
    });
    const g = agg(runs.gongzhi), b = agg(runs.bare);
    const ratio = round(g.reqPerSec / b.reqPerSec, 3);
    const clean = g.non2xx === 0 && g.errors === 0 && b.non2xx === 0 && b.errors === 0 && g.everyAnswerANewRow && b.everyAnswerANewRow;
    const common = {
      data: {
        generatorVersion: summary.version, seed: summary.seed, anchor: summary.anchor, window: `${summary.windowStart} – ${summary.anchor}`, counts: summary.counts,
        statusMix: summary.statusMix, openShare: summary.openShare, overdueOpen: summary.overdueOpen, everOverdue: summary.everOverdue, routedAuto: summary.routedAuto,
        generatedSec, generationPhaseMs: summary.phaseMs, copySec, vacuumAnalyzeMs: vacuumMs, requestStatCheck: statCheck,
        ageHoursAtRun: round((serverUp.getTime() - Date.parse(summary.anchor)) / 3_600_000, 1),
      },
      sweeperWritesDuringRun: sweeper,
      postgres: { synchronous_commit: sync, fsync, cluster: 'the server\'s embedded PostgreSQL 17 (the bare baseline connects to the same cluster)' },
    };
    const worstQueue = Math.max(...queues.map((q) => q.latency.p95));
    const worstStats = Math.max(...stats.map((s) => s.latency.p95));
    const getBaseline = { what: 'bare Fastify route serving the dispatcher\'s queue page JSON, sequential p95 (same run)', value: bareGet.p95, unit: 'ms' };
    return [
      {
        id: 'request-submit', title: 'Submitting a request (POST /api/v1/requests, grid workers, 50 connections, a new clientKey each)',
        target: '≥ 40% of the bare INSERT route\'s requests/s, p99 < 100 ms', pass: clean && ratio >= 0.4 && g.latencyP99Ms < 100,
        value: g.reqPerSec, unit: 'req/s',
        baseline: { what: 'bare Fastify route doing one INSERT into a same-shape table (LIKE request INCLUDING ALL), pg pool 10, same cluster', value: b.reqPerSec, unit: 'req/s' },
        ratio, ratioMeaning: 'gongzhi req/s ÷ bare req/s (median of rounds)',
        details: {
          ...common, gongzhi: g, bare: b, rounds: runs, oneAtATime: sequential,
          autocannon: { connections: o.connections, durationSec: o.duration, warmupSec: o.warmup, rounds: o.rounds, pipelining: 1 },
          submitters: U.grids.map((x) => x.username + ' @ ' + x.org.code), categories: leafCategories.length,
          bareTable: { name: 'bench_bare_request', indexes: bareIndexes, rowsBefore: 0, note: 'no triggers, no foreign keys (LIKE does not copy them); empty at the start' },
          appPool: 10, barePool: 10, allResponses2xxAndNew: clean,
        },
      },
      {
        id: 'request-queue-page', title: 'Dispatcher queue page (GET /api/v1/requests?view=open|awaiting&page=1&pageSize=20), street dispatcher and community worker, 1M requests',
        target: 'p95 ≤ 50 ms for each', pass: worstQueue <= 50, value: worstQueue, unit: 'ms (worst p95)', baseline: getBaseline,
        ratio: round(worstQueue / bareGet.p95), ratioMeaning: 'times the bare route\'s p95',
        details: { ...common, n, bare: bareGet, queues, dispatcherOrg: U.dispatcher.org, communityOrg: U.community.org },
      },
      {
        id: 'request-stats', title: `The three rates for the whole city over twelve months (GET /api/v1/request-stats?orgId=city&from=${summary.months.from}&to=${summary.months.to}&by=area|handler)`,
        target: 'p95 ≤ 200 ms', pass: worstStats <= 200 && stats.every((s) => s.receivedMatches), value: worstStats, unit: 'ms (worst p95)', baseline: getBaseline,
        ratio: round(worstStats / bareGet.p95), ratioMeaning: 'times the bare route\'s p95',
        details: { ...common, n, bare: bareGet, stats, expectedFromRequestStat: expected, cityOrg: U.city.org, user: `${U.city.username} (streetStaff bound to the city)` },
      },
    ];
  } finally {
    await ownerClient?.end().catch(() => {});
    if (bare) await stopChild(bare);
    await stopChild(server);
  }
}

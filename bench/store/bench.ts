import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type autocannon from 'autocannon';
import { freePort, gongzhiEnv, registerDataDir, runToEnd, spawnNode, stopChild, waitFor200, type Child } from '../lib/proc.js';
import { login, type Session } from '../lib/http.js';
import { median, round } from '../lib/stats.js';
import { alternateRounds, runCannon, type WriteRun } from '../lib/cannon.js';
import type { Measurement } from '../lib/measurement.js';
import { REDEEM_DATA, type RedemptionsSummary } from './data.js';

/**
 * The redemptions phase (issue 5): a real `gongzhi serve` on a fresh data dir (./data.ts)
 * answers POST /api/v1/store/redemptions at 50 connections (autocannon; the residents of
 * ten community stores in turn, each at an item of their own store, a new clientKey each:
 * every answer reserves stock and moves points volunteer → escrow in one transaction),
 * against a bare Fastify route doing one INSERT into a same-shape table (LIKE
 * store_redemption INCLUDING ALL, pool of 10, same cluster), alternating rounds.
 * Afterwards the invariants are checked: the ledger verifies (POST /api/v1/points/verify),
 * every item's stock equals its start minus what was reserved, every 2xx made one
 * redemption and one hold, and no balance or stock is negative.
 */
export interface RedemptionsBenchOptions { root: string; connections: number; duration: number; warmup: number; rounds: number }

function ownerUrl(dataDir: string): string {
  const port = fs.readFileSync(path.join(dataDir, 'pg.port'), 'utf8').trim();
  const secret = fs.readFileSync(path.join(dataDir, 'pg-superuser-secret'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${port}/postgres`;
}
const postmasterPid = (dataDir: string) => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

interface Shopper { session: Session; itemIds: number[] }

/** Residents in turn (so consecutive requests go to different stores), each at an item of their own community's store. */
function redeemRequests(shoppers: Shopper[], prefix: string, built: { n: number }): autocannon.RequestSpec[] {
  return [{
    method: 'POST', path: '/api/v1/store/redemptions',
    setupRequest: (req) => {
      const k = built.n++;
      const s = shoppers[k % shoppers.length];
      const itemId = s.itemIds[Math.floor(k / shoppers.length) % s.itemIds.length];
      return { ...req, headers: { cookie: s.session.cookie, 'x-csrf-token': s.session.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ clientKey: `${prefix}${String(k).padStart(8, '0')}`, itemId }) };
    },
  }];
}

export async function benchRedemptions(o: RedemptionsBenchOptions): Promise<Measurement[]> {
  const dataDir = registerDataDir(path.join(o.root, 'redemptions-data'));
  fs.rmSync(dataDir, { recursive: true, force: true });
  let t = performance.now();
  await runToEnd(spawnNode('redemptions data', ['bin/bench.mjs', '--role=redemptions-data', `--data-dir=${dataDir}`], {
    env: gongzhiEnv({}), logFile: path.join(o.root, 'redemptions-data.log'), dataDir,
  }), 10 * 60_000);
  const summary = JSON.parse(fs.readFileSync(path.join(dataDir, REDEEM_DATA.summaryFile), 'utf8')) as RedemptionsSummary;
  const generatedSec = round((performance.now() - t) / 1000, 1);
  console.log(`  data: ${summary.communities.length} stores × ${REDEEM_DATA.itemsPer} items (stock ${summary.stockPerItem.toLocaleString()} each), ${summary.residents.length} residents × ${REDEEM_DATA.pointsEach.toLocaleString()} points (${generatedSec} s)`);

  const port = await freePort();
  const server = spawnNode('gongzhi serve (redemptions)', ['bin/gongzhi.mjs', 'serve'], {
    env: gongzhiEnv({ GONGZHI_DATA_DIR: dataDir, PORT: String(port), GONGZHI_LOGIN_RATE_LIMIT: '100000' }), logFile: path.join(o.root, 'serve-redemptions.log'), dataDir,
  });
  let bare: Child | null = null;
  let owner: pg.Client | null = null;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor200(`${base}/api/health`, { since: performance.now(), timeoutMs: 120_000, child: server });
    owner = new pg.Client({ connectionString: ownerUrl(dataDir) });
    await owner.connect();
    const q1 = async <T>(text: string, args: unknown[] = []) => (await owner!.query(text, args)).rows[0] as T;
    // Interleaved by community, so the residents in turn belong to different stores.
    const byCommunity = summary.communities.map((c) => summary.residents.filter((r) => r.community === c.id));
    const shoppers: Shopper[] = [];
    for (let i = 0; i < REDEEM_DATA.residentsPer; i++) {
      for (const [ci, list] of byCommunity.entries()) shoppers.push({ session: await login(base, list[i].username, summary.password), itemIds: summary.communities[ci].itemIds });
    }
    const street = await login(base, summary.street, summary.password);

    await owner.query('DROP TABLE IF EXISTS bench_bare_redemption');
    await owner.query('CREATE TABLE bench_bare_redemption (LIKE store_redemption INCLUDING ALL)');
    // Pickup codes unique among open redemptions (the copied partial unique index), as the app's are.
    await owner.query('CREATE SEQUENCE IF NOT EXISTS bench_bare_pickup');
    const barePort = await freePort();
    bare = spawnNode('bare fastify (redemptions)', ['bin/bench.mjs', '--role=bare-server'], {
      env: gongzhiEnv({
        PORT: String(barePort), BENCH_BARE_DATABASE_URL: ownerUrl(dataDir), BENCH_BARE_POOL: '10', BENCH_BARE_TABLE: 'bench_bare_redemption', BENCH_BARE_KIND: 'redemption',
        BENCH_BARE_ORG: JSON.stringify({ id: summary.communities[0].id, path: summary.communities[0].path }),
        BENCH_BARE_REDEEM: JSON.stringify({ itemId: summary.communities[0].itemIds[0], userId: summary.residents[0].id }),
      }),
      logFile: path.join(o.root, 'bare-redemptions.log'),
    });
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitFor200(bareBase + '/health', { since: performance.now(), timeoutMs: 30_000, child: bare });

    const pgPid = postmasterPid(dataDir);
    const targets = { bare: { url: bareBase, pid: bare.pid, table: 'bench_bare_redemption' }, gongzhi: { url: base, pid: server.pid, table: 'store_redemption' } };
    const tag = Date.now().toString(36);
    type Run = WriteRun;
    const submit = async (name: 'bare' | 'gongzhi', label: string, duration: number): Promise<Run> => {
      const prefix = `r${tag}${label}${name === 'bare' ? 'x' : 'g'}`;
      const built = { n: 0 };
      const run = await runCannon({ url: targets[name].url, connections: o.connections, duration, pipelining: 1, requests: redeemRequests(shoppers, prefix, built) },
        targets[name].pid, { postgres: pgPid });
      const c = await q1<{ n: string }>(`SELECT count(*) AS n FROM ${targets[name].table} WHERE client_key LIKE $1`, [prefix + '%']);
      return { ...run, built: built.n, newRows: Number(c.n) };
    };
    const runs = await alternateRounds(o, submit);

    // ── invariants ──
    const verify = await fetch(`${base}/api/v1/points/verify`, { method: 'POST', headers: { cookie: street.cookie, 'x-csrf-token': street.csrf, 'content-type': 'application/json' }, body: '{}' });
    const report = await verify.json() as { ok: boolean; problems: string[]; issued: number; held: number };
    const counts = await q1<{ redemptions: string; holds: string; stock_mismatches: string; negative_stock: string; negative_balances: string }>(`
      SELECT (SELECT count(*) FROM store_redemption) AS redemptions,
             (SELECT count(*) FROM point_txn WHERE kind = 'hold') AS holds,
             (SELECT count(*) FROM store_item i WHERE i.id = ANY($1::bigint[]) AND i.stock <> $2 - (SELECT coalesce(sum(quantity), 0) FROM store_redemption r WHERE r.item_id = i.id AND r.status <> 'cancelled')) AS stock_mismatches,
             (SELECT count(*) FROM store_item WHERE stock < 0) AS negative_stock,
             (SELECT count(*) FROM point_account WHERE kind <> 'issuer' AND balance < 0) AS negative_balances`,
      [summary.communities.flatMap((c) => c.itemIds), summary.stockPerItem]);
    const ok2xx = runs.gongzhi.reduce((n, r) => n + r.ok2xx, 0);
    const invariants = {
      ledgerVerified: report.ok === true, ledgerProblems: report.problems, issued: report.issued, held: report.held,
      redemptions: Number(counts.redemptions), holdMovements: Number(counts.holds),
      stockMatches: Number(counts.stock_mismatches) === 0, negativeStock: Number(counts.negative_stock),
      negativeBalances: Number(counts.negative_balances),
    };
    const invariantsHold = invariants.ledgerVerified && invariants.redemptions === invariants.holdMovements && invariants.stockMatches
      && invariants.negativeBalances === 0 && invariants.negativeStock === 0 && invariants.issued === summary.issued && invariants.held === summary.issued;
    console.log(`  invariants: ledger ${report.ok ? 'verified' : 'FAILED'}, ${invariants.redemptions} redemptions = ${invariants.holdMovements} holds, stock ${invariants.stockMatches ? 'matches' : 'MISMATCH'}, `
      + `${invariants.negativeBalances} negative balances, issued ${report.issued} = held ${report.held}`);

    const agg = (xs: Run[]) => ({
      reqPerSec: median(xs.map((x) => x.reqPerSec)), latencyP50Ms: median(xs.map((x) => x.latencyP50Ms)), latencyP99Ms: median(xs.map((x) => x.latencyP99Ms)),
      serverCpuUsPerRequest: median(xs.map((x) => x.serverCpuUsPerRequest ?? NaN)), postgresCpuUsPerRequest: median(xs.map((x) => x.otherCpuUsPerRequest?.postgres ?? NaN)),
      non2xx: xs.reduce((n, x) => n + x.non2xx, 0), errors: xs.reduce((n, x) => n + x.errors + x.timeouts, 0),
      everyAnswerANewRow: xs.every((x) => x.newRows >= x.ok2xx && x.newRows <= x.built),
    });
    const g = agg(runs.gongzhi), b = agg(runs.bare);
    const ratio = round(g.reqPerSec / b.reqPerSec, 3);
    const clean = g.non2xx === 0 && g.errors === 0 && b.non2xx === 0 && b.errors === 0 && g.everyAnswerANewRow && b.everyAnswerANewRow;
    return [{
      id: 'store-redemptions', title: 'Redeeming at the love store (POST /api/v1/store/redemptions, 100 residents of 10 community stores in turn, 50 connections, a new clientKey each)',
      target: '≥ 30% of the bare INSERT route\'s requests/s, zero invariant violations', pass: clean && invariantsHold && ratio >= 0.3,
      value: g.reqPerSec, unit: 'req/s',
      baseline: { what: 'bare Fastify route doing one INSERT into a same-shape table (LIKE store_redemption INCLUDING ALL), pg pool 10, same cluster', value: b.reqPerSec, unit: 'req/s' },
      ratio, ratioMeaning: 'gongzhi req/s ÷ bare req/s (median of rounds)',
      details: {
        gongzhi: g, bare: b, rounds: runs, invariants, invariantsHold, ok2xx, allResponses2xxAndNew: clean,
        data: { stores: summary.communities.length, itemsPerStore: REDEEM_DATA.itemsPer, residents: summary.residents.length, pointsEach: REDEEM_DATA.pointsEach,
          stockPerItem: summary.stockPerItem, pricePoints: 1, generatedSec },
        autocannon: { connections: o.connections, durationSec: o.duration, warmupSec: o.warmup, rounds: o.rounds, pipelining: 1 },
        postgres: { cluster: 'the server\'s embedded PostgreSQL 17 (the bare baseline connects to the same cluster)' },
      },
    }];
  } finally {
    await owner?.end().catch(() => {});
    if (bare) await stopChild(bare);
    await stopChild(server);
  }
}

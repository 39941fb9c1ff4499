import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openPlatform } from '../../src/platform.js';
import { systemCtx } from '../../src/core/context.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import { computeScore } from '../../src/modules/partners/rules.js';
import { CopySink } from '../lib/copy.js';

/**
 * The partners benchmark's data (`node bin/bench.mjs --role=partners-data --data-dir=DIR`):
 * a city (酒泉市 code shapes) of DISTRICTS × STREETS × COMMUNITIES communities with
 * MEMBERS party members in all, spread evenly, each with a score row for YEAR whose inputs
 * (hours, claims done, ratings) come from a seeded generator, and the score the module's
 * formula gives. Rows go in with COPY; then VACUUM ANALYZE. Accounts: a streetStaff at the
 * city, one at a street, a community worker at a community. Deterministic (seeded).
 */
export const PARTNERS_DATA = {
  districts: 4, streets: 5, communities: 10, members: 100_000, year: 2026, seed: 20261206,
  password: 'Gz-bench-Partners-2026!', summaryFile: 'bench-partners.json',
};

export interface PartnersSummary {
  members: number; year: number; password: string;
  city: { id: number; user: string }; street: { id: number; user: string }; community: { id: number; user: string };
  communities: number; generatedSec: number;
}

/** mulberry32: a small seeded generator, so every run ranks the same city. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ownerUrl(dataDir: string): string {
  const port = fs.readFileSync(path.join(dataDir, 'pg.port'), 'utf8').trim();
  const secret = fs.readFileSync(path.join(dataDir, 'pg-superuser-secret'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${port}/postgres`;
}

export async function generatePartners(dataDir: string): Promise<PartnersSummary> {
  if (fs.existsSync(path.join(dataDir, 'pg'))) throw new Error(`${dataDir} already holds a cluster; use a fresh dir`);
  const t0 = performance.now();
  const D = PARTNERS_DATA;
  const config = loadConfig({ dataDir, env: 'production', logLevel: 'warn', databaseUrl: null });
  const p = await openPlatform(config, () => {});
  const clients: pg.Client[] = [];
  try {
    const db = p.deps.db;
    const ctx = systemCtx(p.deps, 'bench:partners-data');
    const insert = async (parent: { id: number; path: string }, level: 'province' | 'city' | 'district' | 'street' | 'community', code: string, name: string) => {
      const id = await db.transaction().execute((trx) => insertOrg(trx, { parentId: parent.id, parentPath: parent.path, level, code, name, householdsTarget: null, boundary: null }));
      return { id, path: `${parent.path}${id}/`, code };
    };
    const province = await insert({ id: 1, path: '/1/' }, 'province', '62', '甘肃省');
    const city = await insert(province, 'city', '6209', '酒泉市');
    const communities: { id: number; path: string; code: string }[] = [];
    let firstStreet: { id: number; code: string } | null = null;
    for (let d = 0; d < D.districts; d++) {
      const district = await insert(city, 'district', `6209${String(d + 2).padStart(2, '0')}`, `压测区${d + 1}`);
      for (let s = 0; s < D.streets; s++) {
        const street = await insert(district, 'street', `${district.code}${String(s + 1).padStart(3, '0')}`, `压测街道${d + 1}-${s + 1}`);
        firstStreet ??= street;
        for (let c = 0; c < D.communities; c++) communities.push(await insert(street, 'community', `${street.code}${String(c + 1).padStart(3, '0')}`, `压测社区${d + 1}-${s + 1}-${c + 1}`));
      }
    }
    const account = (username: string, role: 'streetStaff' | 'communityWorker', orgCode: string) =>
      createAccount(ctx, { username, role, orgCode, password: D.password, mustChange: false, displayName: username });
    await account('bench_pm_city', 'streetStaff', city.code);
    await account('bench_pm_street', 'streetStaff', firstStreet!.code);
    await account('bench_pm_community', 'communityWorker', communities[0].code);

    const url = ownerUrl(dataDir);
    const next = rng(D.seed);
    const start = Number((await db.selectFrom('party_member').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0) + 1;
    const members = await CopySink.connect(url, clients, 'party_member', ['id', 'org_id', 'org_path', 'name', 'work_unit', 'party_org', 'reported_on', 'status']);
    const scores = await CopySink.connect(url, clients, 'partner_score', ['year', 'subject_kind', 'subject_id', 'org_id', 'org_path', 'hours', 'claims_done', 'rating_count', 'rating_sum', 'score']);
    for (let i = 0; i < D.members; i++) {
      const c = communities[i % communities.length];
      const id = start + i;
      await members.push([id, c.id, c.path, `党员${String(i).padStart(6, '0')}`, `单位${i % 997}`, `党支部${i % 211}`, '2026-03-01', 'active']);
      const hours = Math.round(next() * 12_000) / 100;
      const claimsDone = Math.floor(next() * 12);
      const ratingCount = Math.min(claimsDone, Math.floor(next() * 6));
      let ratingSum = 0;
      for (let r = 0; r < ratingCount; r++) ratingSum += 1 + Math.floor(next() * 5);
      await scores.push([D.year, 'member', id, c.id, c.path, hours, claimsDone, ratingCount, ratingSum, computeScore({ hours, claimsDone, ratingCount, ratingSum })]);
    }
    await members.close();
    await scores.close();
    const owner = clients[0];
    await owner.query(`SELECT setval(pg_get_serial_sequence('party_member', 'id'), (SELECT max(id) FROM party_member))`);
    await owner.query('VACUUM ANALYZE party_member');
    await owner.query('VACUUM ANALYZE partner_score');
    const summary: PartnersSummary = {
      members: D.members, year: D.year, password: D.password, communities: communities.length,
      city: { id: city.id, user: 'bench_pm_city' }, street: { id: firstStreet!.id, user: 'bench_pm_street' }, community: { id: communities[0].id, user: 'bench_pm_community' },
      generatedSec: Math.round((performance.now() - t0) / 100) / 10,
    };
    fs.writeFileSync(path.join(dataDir, D.summaryFile), JSON.stringify(summary, null, 2));
    return summary;
  } finally {
    for (const c of clients) await c.end().catch(() => {});
    await p.stop();
  }
}

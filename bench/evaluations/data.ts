import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { openPlatform } from '../../src/platform.js';
import { systemCtx, type AuthedCtx } from '../../src/core/context.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import { closeCampaign, createCampaign, openCampaign } from '../../src/modules/evaluations/service-campaigns.js';
import { finalScore, prng } from '../../src/modules/evaluations/rules.js';
import { CopySink } from '../lib/copy.js';

/**
 * The campaign benchmark (`node bin/bench.mjs --role=campaign-data --data-dir=DIR`), run in
 * its own process on a fresh data dir: a district with UNITS communities of HOUSEHOLDS
 * households each; a district campaign rating every community on the six default
 * dimensions, opened through the service (which draws each community's sample of 100 from
 * its own households); every unit's self score and its scores of all the others, and every
 * sampled household's answers, go in with COPY (seeded, deterministic); then the close is
 * timed through the service (closeCampaign: results per dimension and overall, ranking,
 * certificates, rectifications, the audit record and the detail it returns). A few
 * results are checked against rules.finalScore.
 */
export const CAMPAIGN_DATA = { units: 200, households: 100, seed: 20261207, password: 'Gz-bench-Campaign-2026!', summaryFile: 'bench-campaign.json' };

export interface CampaignSummary {
  units: number; dimensions: number; households: number; scores: number; answers: number;
  generatedSec: number; openMs: number; closeMs: number[]; checked: number; mismatches: number; ranked: number; rectifications: number;
}

function ownerUrl(dataDir: string): string {
  const port = fs.readFileSync(path.join(dataDir, 'pg.port'), 'utf8').trim();
  const secret = fs.readFileSync(path.join(dataDir, 'pg-superuser-secret'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${port}/postgres`;
}

export async function runCampaignBench(dataDir: string, rounds = 3): Promise<CampaignSummary> {
  if (fs.existsSync(path.join(dataDir, 'pg'))) throw new Error(`${dataDir} already holds a cluster; use a fresh dir`);
  const t0 = performance.now();
  const D = CAMPAIGN_DATA;
  const config = loadConfig({ dataDir, env: 'production', logLevel: 'warn', databaseUrl: null });
  const p = await openPlatform(config, () => {});
  const clients: pg.Client[] = [];
  try {
    const db = p.deps.db;
    const sys = systemCtx(p.deps, 'bench:campaign');
    const insert = async (parent: { id: number; path: string }, level: 'province' | 'city' | 'district' | 'street' | 'community', code: string, name: string) => {
      const id = await db.transaction().execute((trx) => insertOrg(trx, { parentId: parent.id, parentPath: parent.path, level, code, name, householdsTarget: null, boundary: null }));
      return { id, path: `${parent.path}${id}/`, code, name };
    };
    const province = await insert({ id: 1, path: '/1/' }, 'province', '62', '甘肃省');
    const city = await insert(province, 'city', '6209', '酒泉市');
    const district = await insert(city, 'district', '620902', '肃州区');
    const communities: { id: number; path: string; code: string; name: string }[] = [];
    for (let s = 0; s < 4; s++) {
      const street = await insert(district, 'street', `620902${String(s + 1).padStart(3, '0')}`, `压测街道${s + 1}`);
      for (let c = 0; c < D.units / 4; c++) communities.push(await insert(street, 'community', `${street.code}${String(c + 1).padStart(3, '0')}`, `压测社区${s + 1}-${c + 1}`));
    }
    const acc = await createAccount(sys, { username: 'bench_campaign', role: 'streetStaff', orgCode: district.code, password: D.password, mustChange: false, displayName: '压测考评员' });
    const ctx: AuthedCtx = {
      ...sys,
      actor: {
        userId: acc.id, username: 'bench_campaign', displayName: '压测考评员', role: 'streetStaff', orgId: district.id, orgName: district.name, orgLevel: 'district',
        orgCode: district.code, orgPath: district.path, sessionId: 'bench', csrfToken: 'bench', totpEnabled: false, mustChangePassword: false,
      },
    };
    const url = ownerUrl(dataDir);
    const rnd = prng(D.seed);
    // Households: UNITS × HOUSEHOLDS (+10% so each community's sample is a real draw).
    const perCommunity = Math.ceil(D.households * 1.1);
    const hh = await CopySink.connect(url, clients, 'household', ['id', 'org_id', 'org_path', 'place', 'address_enc', 'address_masked', 'address_hash']);
    let hid = 0;
    for (const c of communities) for (let i = 0; i < perCommunity; i++) {
      hid++;
      await hh.push([hid, c.id, c.path, `${c.name}小区 ${1 + (i % 20)}号楼`, 'bench', `${c.name}小区 ***`, `bench-${hid}`]);
    }
    await hh.close();
    await clients[0].query(`SELECT setval(pg_get_serial_sequence('household', 'id'), ${hid})`);
    await clients[0].query('VACUUM ANALYZE household');

    const campaign = await createCampaign(ctx, { orgId: district.id, title: '压测季度考评', periodStart: '2026-10-01', periodEnd: '2026-12-31', sampleSize: D.households, seed: D.seed, bestN: 10 });
    const cid = campaign.id;
    await sql`INSERT INTO eval_evaluatee (campaign_id, org_id, org_path, kind, subject_id, subject_path, name, sample_org_id, sample_path)
      SELECT ${cid}, ${district.id}, ${district.path}, 'org', o.id, o.path, o.name, o.id, o.path FROM org o WHERE o.level = 'community' AND o.path LIKE ${district.path + '%'} ORDER BY o.id`.execute(db);
    const tOpen = performance.now();
    await openCampaign(ctx, cid);
    const openMs = performance.now() - tOpen;
    const dims = (await db.selectFrom('eval_dimension').select('id').where('campaign_id', '=', cid).orderBy('position').execute()).map((d) => d.id);
    const evs = await db.selectFrom('eval_evaluatee').select(['id', 'sample_path']).where('campaign_id', '=', cid).orderBy('id').execute();

    // Self and peer scores: every unit rates every unit (itself = self score) on every dimension.
    const sc = await CopySink.connect(url, clients, 'eval_score', ['campaign_id', 'org_id', 'org_path', 'rater_id', 'target_id', 'dimension_id', 'score', 'entered_by']);
    const tally = new Map<number, { self: [number, number]; peer: [number, number]; resident: [number, number] }>();
    for (const e of evs) tally.set(e.id, { self: [0, 0], peer: [0, 0], resident: [0, 0] });
    for (const r of evs) for (const t of evs) for (const d of dims) {
      const v = 50 + Math.floor(rnd() * 51);
      await sc.push([cid, district.id, district.path, r.id, t.id, d, v, acc.id]);
      const k = tally.get(t.id)![r.id === t.id ? 'self' : 'peer']; k[0] += v; k[1]++;
    }
    await sc.close();
    // Every sampled household answers for its community on every dimension.
    const samples = await db.selectFrom('eval_sample').select(['id', 'org_id', 'org_path', 'sample_path']).where('campaign_id', '=', cid).orderBy('id').execute();
    const evOfPool = new Map(evs.map((e) => [e.sample_path, e.id]));
    const an = await CopySink.connect(url, clients, 'eval_answer', ['sample_id', 'campaign_id', 'org_id', 'org_path', 'evaluatee_id', 'dimension_id', 'score']);
    for (const m of samples) for (const d of dims) {
      const v = 40 + Math.floor(rnd() * 61);
      const e = evOfPool.get(m.sample_path)!;
      await an.push([m.id, cid, m.org_id, m.org_path, e, d, v]);
      const k = tally.get(e)!.resident; k[0] += v; k[1]++;
    }
    await an.close();
    await sql`UPDATE eval_sample SET answered_at = now(), answered_via = 'link' WHERE campaign_id = ${cid}`.execute(db);
    for (const t of ['eval_score', 'eval_answer', 'eval_sample', 'eval_evaluatee']) await clients[0].query(`VACUUM ANALYZE ${t}`);
    const generatedSec = Math.round((performance.now() - t0) / 100) / 10;

    // The close, timed through the service; re-opened between rounds (results are recomputed from scratch).
    const closeMs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r > 0) {
        await sql`DELETE FROM eval_rectification WHERE campaign_id = ${cid}`.execute(db);
        await sql`UPDATE eval_evaluatee SET rank = NULL, final_score = NULL, passed = NULL, certified = false WHERE campaign_id = ${cid}`.execute(db);
        await sql`UPDATE eval_campaign SET status = 'open', closed_at = NULL WHERE id = ${cid}`.execute(db);
      }
      const t = performance.now();
      await closeCampaign(ctx, cid);
      closeMs.push(Math.round((performance.now() - t) * 10) / 10);
    }
    const rows = await db.selectFrom('eval_evaluatee').select(['id', 'final_score', 'rank']).where('campaign_id', '=', cid).execute();
    let mismatches = 0;
    const W = { self: 10, peer: 40, resident: 50 };
    for (const e of rows) {
      const k = tally.get(e.id)!;
      const want = finalScore(W, { self: { sum: k.self[0], n: k.self[1] }, peer: { sum: k.peer[0], n: k.peer[1] }, resident: { sum: k.resident[0], n: k.resident[1] } });
      if (want !== Number(e.final_score)) mismatches++;
    }
    const rect = await db.selectFrom('eval_rectification').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', cid).executeTakeFirstOrThrow();
    const summary: CampaignSummary = {
      units: evs.length, dimensions: dims.length, households: samples.length, scores: sc.rows, answers: an.rows, generatedSec, openMs: Math.round(openMs),
      closeMs, checked: rows.length, mismatches, ranked: rows.filter((r) => r.rank !== null).length, rectifications: Number(rect.n),
    };
    fs.writeFileSync(path.join(dataDir, D.summaryFile), JSON.stringify(summary, null, 2));
    return summary;
  } finally {
    for (const c of clients) await c.end().catch(() => {});
    await p.stop();
  }
}

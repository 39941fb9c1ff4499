import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openPlatform } from '../../src/platform.js';
import { systemCtx } from '../../src/core/context.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import { createVote } from '../../src/modules/voting/api.js';
import { CopySink } from '../lib/copy.js';

/**
 * The ballots benchmark's data (`node bin/bench.mjs --role=ballots-data --data-dir=DIR`):
 * one community of HOUSEHOLDS households, each with one adult resident who has an account
 * (users, households and residents go in with COPY), a community worker, CAST_VOTES
 * household votes opened through api.ts (one per autocannon run, so every run's ballots
 * come from voters who have not voted yet) and TALLY_VOTES votes whose 20,000 ballots and
 * participation rows are COPYed in, for timing the close (the tally). Deterministic.
 */
export const BALLOT_DATA = { households: 20_000, castVotes: 8, tallyVotes: 3, password: 'Gz-bench-Vote-2026!', summaryFile: 'bench-ballots.json' };

export interface BallotsSummary {
  community: { id: number; path: string };
  firstUserId: number; users: number; worker: string; password: string;
  castVotes: number[]; tallyVotes: number[]; tallyBallots: number; generatedSec: number;
}

export function ownerUrl(dataDir: string): string {
  const port = fs.readFileSync(path.join(dataDir, 'pg.port'), 'utf8').trim();
  const secret = fs.readFileSync(path.join(dataDir, 'pg-superuser-secret'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${port}/postgres`;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A deterministic receipt of the receipts' shape (20 base32 characters). */
const receiptOf = (seed: string) => [...crypto.createHash('sha256').update(seed).digest()].slice(0, 20).map((b) => B32[b & 31]).join('');

export async function generateBallots(dataDir: string): Promise<BallotsSummary> {
  if (fs.existsSync(path.join(dataDir, 'pg'))) throw new Error(`${dataDir} already holds a cluster; use a fresh dir`);
  const t0 = performance.now();
  const config = loadConfig({ dataDir, env: 'production', logLevel: 'warn', databaseUrl: null });
  const p = await openPlatform(config, () => {});
  const clients: pg.Client[] = [];
  try {
    const db = p.deps.db;
    const ctx = systemCtx(p.deps, 'bench:ballots-data');
    const insert = async (parent: { id: number; path: string }, level: 'province' | 'city' | 'district' | 'street' | 'community', code: string, name: string) => {
      const id = await db.transaction().execute((trx) => insertOrg(trx, { parentId: parent.id, parentPath: parent.path, level, code, name, householdsTarget: null, boundary: null }));
      return { id, path: `${parent.path}${id}/`, code };
    };
    const province = await insert({ id: 1, path: '/1/' }, 'province', '62', '甘肃省');
    const city = await insert(province, 'city', '6209', '酒泉市');
    const district = await insert(city, 'district', '620902', '肃州区');
    const street = await insert(district, 'street', '620902001', '东北街街道');
    const community = await insert(street, 'community', '620902001001', '压测表决社区');
    const worker = await createAccount(ctx, { username: 'bench_vote_worker', role: 'communityWorker', orgCode: community.code, password: BALLOT_DATA.password, mustChange: false, displayName: '压测社区工作者' });
    const hash = (await db.selectFrom('app_user').select('password_hash').where('id', '=', worker.id).executeTakeFirstOrThrow()).password_hash;

    const url = ownerUrl(dataDir);
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    clients.push(owner);
    const next = async (table: string) => Number((await owner.query(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`)).rows[0].n);
    const [u0, h0, r0] = [await next('app_user'), await next('household'), await next('resident')];
    const users = await CopySink.connect(url, clients, 'app_user', ['id', 'username', 'display_name', 'role', 'org_id', 'org_path', 'password_hash']);
    const households = await CopySink.connect(url, clients, 'household', ['id', 'org_id', 'org_path', 'place', 'address_enc', 'address_masked', 'address_hash']);
    const residents = await CopySink.connect(url, clients, 'resident', ['id', 'org_id', 'org_path', 'household_id', 'relation', 'name', 'gender', 'birth_date', 'id_type', 'id_enc', 'id_hash', 'id_masked', 'registration_type', 'user_id']);
    for (let i = 0; i < BALLOT_DATA.households; i++) {
      const b = Math.floor(i / 100) + 1;
      await users.push([u0 + i, `bench_voter_${i}`, `居民${i}`, 'resident', community.id, community.path, hash]);
      await households.push([h0 + i, community.id, community.path, `压测小区 ${b}号楼`, p.deps.cipher.encrypt(`压测小区 ${b}号楼 ${i}室`), `压测小区 ${b}号楼 ***`, `bench-ballots-household-${i}`]);
      await residents.push([r0 + i, community.id, community.path, h0 + i, 'head', `居民${i}`, i % 2 ? 'male' : 'female', `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, 'idCard', 'bench', `bench-ballots-id-${i}`, '6209**********0000', 'registered', u0 + i]);
    }
    for (const s of [users, households, residents]) await s.close();
    for (const tb of ['app_user', 'household', 'resident']) await owner.query(`SELECT setval(pg_get_serial_sequence('${tb}', 'id'), (SELECT max(id) FROM ${tb}))`);
    for (const tb of ['app_user', 'household', 'resident']) await owner.query(`VACUUM ANALYZE ${tb}`);

    const spec = (title: string) => ({
      orgId: community.id, title, electorate: { kind: 'households' as const, orgId: community.id }, method: 'yesNo' as const, secret: true,
      quorum: { num: 1, den: 2 }, threshold: { num: 85, den: 100, of: 'electorate' as const },
    });
    const open = (title: string) => db.transaction().execute((trx) => createVote(trx, ctx, spec(title), { open: true })).then((v) => v.id);
    const castVotes: number[] = [];
    for (let i = 0; i < BALLOT_DATA.castVotes; i++) castVotes.push(await open(`压测投票 ${i + 1}`));
    const tallyVotes: number[] = [];
    for (let i = 0; i < BALLOT_DATA.tallyVotes; i++) {
      const id = await open(`压测计票 ${i + 1}`);
      tallyVotes.push(id);
      const parts = await CopySink.connect(url, clients, 'vote_participation', ['vote_id', 'voter_key', 'cast_by']);
      const ballots = await CopySink.connect(url, clients, 'vote_ballot', ['vote_id', 'receipt', 'choices']);
      for (let k = 0; k < BALLOT_DATA.households; k++) {
        await parts.push([id, h0 + k, u0 + k]);
        await ballots.push([id, receiptOf(`${id}:${k}`), [k % 20 < 17 ? 'approve' : k % 20 < 19 ? 'reject' : 'abstain']]);
      }
      await parts.close();
      await ballots.close();
      await owner.query('UPDATE vote SET rule_locked_at = now() WHERE id = $1', [id]);
    }
    await owner.query('VACUUM ANALYZE vote_elector');
    await owner.query('VACUUM ANALYZE vote_participation');
    await owner.query('VACUUM ANALYZE vote_ballot');
    const summary: BallotsSummary = {
      community: { id: community.id, path: community.path }, firstUserId: u0, users: BALLOT_DATA.households, worker: 'bench_vote_worker', password: BALLOT_DATA.password,
      castVotes, tallyVotes, tallyBallots: BALLOT_DATA.households, generatedSec: Math.round((performance.now() - t0) / 100) / 10,
    };
    fs.writeFileSync(path.join(dataDir, BALLOT_DATA.summaryFile), JSON.stringify(summary, null, 2));
    return summary;
  } finally {
    for (const c of clients) await c.end().catch(() => {});
    await p.stop();
  }
}

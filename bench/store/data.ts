import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { openPlatform } from '../../src/platform.js';
import { systemCtx } from '../../src/core/context.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import { issuerAccount, poolAccount, post, volunteerAccount } from '../../src/modules/points/ledger.js';

/**
 * The redemptions benchmark's data (`node bin/bench.mjs --role=redemptions-data --data-dir=DIR`):
 * one district → street → community (real 酒泉市肃州区 codes), a community worker, RESIDENTS
 * residents each awarded POINTS_EACH points through the ledger (pool funded by the
 * district issuer), and one community-bought store item with STOCK in stock priced at 1
 * point, so neither points nor stock run out during the runs. Deterministic: no randomness.
 */
export const REDEEM_DATA = { residents: 100, pointsEach: 100_000, stock: 1_000_000, password: 'Gz-bench-Store-2026!', summaryFile: 'bench-redemptions.json' };

export interface RedemptionsSummary {
  community: { id: number; path: string }; itemId: number; residents: { id: number; username: string }[];
  worker: string; street: string; password: string; issued: number; stock: number;
}

export async function generateRedemptions(dataDir: string): Promise<RedemptionsSummary> {
  if (fs.existsSync(path.join(dataDir, 'pg'))) throw new Error(`${dataDir} already holds a cluster; use a fresh dir`);
  const config = loadConfig({ dataDir, env: 'production', logLevel: 'warn', databaseUrl: null });
  const p = await openPlatform(config, () => {});
  try {
    const db = p.deps.db;
    const ctx = systemCtx(p.deps, 'bench:redemptions-data');
    const chain: { id: number; path: string }[] = [{ id: 1, path: '/1/' }];
    for (const [level, code, name] of [['province', '62', '甘肃省'], ['city', '6209', '酒泉市'], ['district', '620902', '肃州区'], ['street', '620902001', '东北街街道'], ['community', '620902001001', '富康社区']] as const) {
      const parent = chain[chain.length - 1];
      const id = await db.transaction().execute((trx) => insertOrg(trx, { parentId: parent.id, parentPath: parent.path, level, code, name, householdsTarget: null, boundary: null }));
      chain.push({ id, path: `${parent.path}${id}/` });
    }
    const [district, community] = [chain[3], chain[5]];
    const account = (username: string, role: 'communityWorker' | 'resident' | 'streetStaff', orgCode = '620902001001') =>
      createAccount(ctx, { username, role, orgCode, password: REDEEM_DATA.password, mustChange: false, displayName: username });
    await account('bench_store_worker', 'communityWorker');
    await account('bench_store_street', 'streetStaff', '620902001');
    const residents: { id: number; username: string }[] = [];
    for (let i = 0; i < REDEEM_DATA.residents; i++) {
      const username = `bench_resident_${String(i).padStart(3, '0')}`;
      residents.push({ id: (await account(username, 'resident')).id, username });
    }
    const issued = REDEEM_DATA.residents * REDEEM_DATA.pointsEach;
    await db.transaction().execute(async (trx) => {
      const issuer = await issuerAccount(trx, district);
      const pool = await poolAccount(trx, community);
      await post(trx, ctx, { idemKey: 'bench:issue', kind: 'issue', amount: issued, from: issuer.id, to: pool.id, orgId: community.id, orgPath: community.path, reason: '压测下拨' });
      for (const r of residents) {
        const v = await volunteerAccount(trx, { id: r.id, orgId: community.id, orgPath: community.path });
        await post(trx, ctx, { idemKey: `bench:award:${r.id}`, kind: 'award', amount: REDEEM_DATA.pointsEach, from: pool.id, to: v.id, orgId: community.id, orgPath: community.path, reason: '压测奖励' });
      }
    });
    const item = await db.insertInto('store_item').values({
      org_id: community.id, org_path: community.path, kind: 'goods', name: '压测商品（洗衣液）', price_points: 1, stock: REDEEM_DATA.stock,
    } as never).returning('id').executeTakeFirstOrThrow() as { id: number };
    const summary: RedemptionsSummary = { community, itemId: item.id, residents, worker: 'bench_store_worker', street: 'bench_store_street', password: REDEEM_DATA.password, issued, stock: REDEEM_DATA.stock };
    fs.writeFileSync(path.join(dataDir, REDEEM_DATA.summaryFile), JSON.stringify(summary, null, 2));
    return summary;
  } finally {
    await p.stop();
  }
}

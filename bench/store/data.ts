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
 * one district → street → COMMUNITIES communities (real 酒泉市肃州区 code shapes), a street
 * staff account, RESIDENTS_PER residents per community each awarded POINTS_EACH points
 * through the ledger (pools funded by the district issuer), and ITEMS_PER community-bought
 * items per community's store, each with STOCK in stock priced at 1 point, so neither
 * points nor stock run out during the runs. 50 connections then spread over the stores
 * of a street, as in a city: one store's stock and escrow rows are the hot spots a
 * redemption locks until it commits. Deterministic: no randomness.
 */
export const REDEEM_DATA = { communities: 10, residentsPer: 10, itemsPer: 5, pointsEach: 100_000, stock: 200_000, password: 'Gz-bench-Store-2026!', summaryFile: 'bench-redemptions.json' };

export interface RedemptionsSummary {
  communities: { id: number; path: string; itemIds: number[] }[];
  residents: { id: number; username: string; community: number }[];
  street: string; password: string; issued: number; stockPerItem: number;
}

export async function generateRedemptions(dataDir: string): Promise<RedemptionsSummary> {
  if (fs.existsSync(path.join(dataDir, 'pg'))) throw new Error(`${dataDir} already holds a cluster; use a fresh dir`);
  const config = loadConfig({ dataDir, env: 'production', logLevel: 'warn', databaseUrl: null });
  const p = await openPlatform(config, () => {});
  try {
    const db = p.deps.db;
    const ctx = systemCtx(p.deps, 'bench:redemptions-data');
    const insert = async (parent: { id: number; path: string }, level: 'province' | 'city' | 'district' | 'street' | 'community', code: string, name: string) => {
      const id = await db.transaction().execute((trx) => insertOrg(trx, { parentId: parent.id, parentPath: parent.path, level, code, name, householdsTarget: null, boundary: null }));
      return { id, path: `${parent.path}${id}/`, code };
    };
    const province = await insert({ id: 1, path: '/1/' }, 'province', '62', '甘肃省');
    const city = await insert(province, 'city', '6209', '酒泉市');
    const district = await insert(city, 'district', '620902', '肃州区');
    const street = await insert(district, 'street', '620902001', '东北街街道');
    const account = (username: string, role: 'resident' | 'streetStaff', orgCode: string) =>
      createAccount(ctx, { username, role, orgCode, password: REDEEM_DATA.password, mustChange: false, displayName: username });
    await account('bench_store_street', 'streetStaff', street.code);
    const communities: RedemptionsSummary['communities'] = [];
    const residents: RedemptionsSummary['residents'] = [];
    for (let c = 0; c < REDEEM_DATA.communities; c++) {
      const community = await insert(street, 'community', `620902001${String(c + 1).padStart(3, '0')}`, `压测社区${c + 1}`);
      const mine: { id: number; username: string; community: number }[] = [];
      for (let i = 0; i < REDEEM_DATA.residentsPer; i++) {
        const username = `bench_resident_${c}_${i}`;
        mine.push({ id: (await account(username, 'resident', community.code)).id, username, community: community.id });
      }
      await db.transaction().execute(async (trx) => {
        const issuer = await issuerAccount(trx, district);
        const pool = await poolAccount(trx, community);
        await post(trx, ctx, { idemKey: `bench:issue:${community.id}`, kind: 'issue', amount: mine.length * REDEEM_DATA.pointsEach, from: issuer.id, to: pool.id, orgId: community.id, orgPath: community.path, reason: '压测下拨' });
        for (const r of mine) {
          const v = await volunteerAccount(trx, { id: r.id, orgId: community.id, orgPath: community.path });
          await post(trx, ctx, { idemKey: `bench:award:${r.id}`, kind: 'award', amount: REDEEM_DATA.pointsEach, from: pool.id, to: v.id, orgId: community.id, orgPath: community.path, reason: '压测奖励' });
        }
      });
      const itemIds: number[] = [];
      for (let k = 0; k < REDEEM_DATA.itemsPer; k++) {
        const item = await db.insertInto('store_item').values({
          org_id: community.id, org_path: community.path, kind: 'goods', name: `压测商品 ${k + 1}`, price_points: 1, stock: REDEEM_DATA.stock,
        } as never).returning('id').executeTakeFirstOrThrow() as { id: number };
        itemIds.push(item.id);
      }
      communities.push({ id: community.id, path: community.path, itemIds });
      residents.push(...mine);
    }
    const summary: RedemptionsSummary = {
      communities, residents, street: 'bench_store_street', password: REDEEM_DATA.password,
      issued: residents.length * REDEEM_DATA.pointsEach, stockPerItem: REDEEM_DATA.stock,
    };
    fs.writeFileSync(path.join(dataDir, REDEEM_DATA.summaryFile), JSON.stringify(summary, null, 2));
    return summary;
  } finally {
    await p.stop();
  }
}

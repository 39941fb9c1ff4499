import type { Ctx } from '../core/context.js';
import { issuerAccount, poolAccount, post, volunteerAccount } from '../modules/points/ledger.js';

/**
 * Demo points (志愿积分): every community of the demo district that has grids gets a pool of
 * 5,000 points issued by the district, and the demo resident 120 points awarded from
 * theirs, so the points pages, awards and the love store have something to show. All
 * through the ledger, with fixed idempotency keys: seeding again moves nothing.
 */
export async function seedDemoPoints(ctx: Ctx, districtCode: string, residentUsername: string, log: (m: string) => void = () => {}) {
  const db = ctx.deps.db;
  const district = await db.selectFrom('org').select(['id', 'path']).where('code', '=', districtCode).where('level', '=', 'district').executeTakeFirstOrThrow();
  const communities = await db.selectFrom('org as c').select(['c.id', 'c.path']).where('c.level', '=', 'community').where('c.path', 'like', `${district.path}%`)
    .where((eb) => eb.exists(eb.selectFrom('org as g').select('g.id').whereRef('g.parent_id', '=', 'c.id').where('g.level', '=', 'grid'))).orderBy('c.id').execute();
  const resident = await db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id').select(['u.id', 'u.org_id', 'o.path']).where('u.username', '=', residentUsername).executeTakeFirst();
  let issued = 0;
  await db.transaction().execute(async (trx) => {
    const issuer = await issuerAccount(trx, district);
    for (const c of communities) {
      const pool = await poolAccount(trx, c);
      const r = await post(trx, ctx, { idemKey: `demo:issue:${c.id}`, kind: 'issue', amount: 5000, from: issuer.id, to: pool.id, orgId: c.id, orgPath: c.path, reason: '演示：年度志愿积分下拨' });
      if (r.created) issued++;
    }
    const home = resident && communities.find((c) => resident.path.startsWith(c.path));
    if (resident && home) {
      const pool = await poolAccount(trx, home);
      const to = await volunteerAccount(trx, { id: resident.id, orgId: resident.org_id, orgPath: resident.path });
      await post(trx, ctx, { idemKey: 'demo:award:resident', kind: 'award', amount: 120, from: pool.id, to: to.id, orgId: home.id, orgPath: home.path, reason: '演示：参与楼道清理' });
    }
  });
  log(`points: ${communities.length} community pools (${issued} funded now), ${residentUsername} awarded 120`);
}

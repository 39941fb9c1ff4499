import { systemCtx } from '../../src/core/context.js';
import { issuerAccount, poolAccount, post, volunteerAccount } from '../../src/modules/points/ledger.js';
import type { TestApp } from '../helpers/app.js';

/**
 * Points for store tests, moved through the real ledger: the district issues to the
 * community's pool, the pool awards the resident (what an activity or an award would do).
 */
type OrgRef = { id: number; path: string };
let n = 0;

export async function givePoints(t: TestApp, district: OrgRef, community: OrgRef, user: { id: number; orgId: number; orgPath: string }, amount: number, key = `${Date.now()}-${++n}`) {
  const ctx = systemCtx(t.deps, 'test');
  await t.deps.db.transaction().execute(async (trx) => {
    const issuer = await issuerAccount(trx, district);
    const pool = await poolAccount(trx, community);
    const v = await volunteerAccount(trx, user);
    await post(trx, ctx, { idemKey: `test:issue:${key}`, kind: 'issue', amount, from: issuer.id, to: pool.id, orgId: district.id, orgPath: district.path, reason: '测试发放' });
    await post(trx, ctx, { idemKey: `test:award:${key}`, kind: 'award', amount, from: pool.id, to: v.id, orgId: community.id, orgPath: community.path, reason: '测试奖励' });
  });
}

/** A resident's balance as the ledger holds it (0 before their account exists). */
export async function balanceOf(t: TestApp, userId: number): Promise<number> {
  const r = await t.deps.db.selectFrom('point_account').select('balance').where('kind', '=', 'volunteer').where('user_id', '=', userId).executeTakeFirst();
  return r?.balance ?? 0;
}

/** The user's org as the ledger needs it. */
export async function userRef(t: TestApp, userId: number) {
  const u = await t.deps.db.selectFrom('app_user').select(['id', 'org_id', 'org_path']).where('id', '=', userId).executeTakeFirstOrThrow();
  return { id: u.id, orgId: u.org_id, orgPath: u.org_path };
}

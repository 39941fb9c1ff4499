import { expect } from 'vitest';
import type { Session, TestApp } from '../helpers/app.js';
import type { World } from './fixtures.js';
import { systemCtx } from '../../src/core/context.js';
import { issuerAccount, poolAccount, post } from '../../src/modules/points/ledger.js';

/** Factories for the volunteering tests: funded pools, activities through the API, more residents. */
export const API = '/api/v1';
const hour = 3600_000;

let funds = 0;
/** The street issues points to a community's pool through the ledger (what the points module's issue route does). */
export async function fundPool(t: TestApp, w: World, community: { id: number; path: string }, amount: number) {
  await t.deps.db.transaction().execute(async (trx) => {
    const ctx = systemCtx(t.deps, 'test');
    const issuer = await issuerAccount(trx, w.district);
    const pool = await poolAccount(trx, community);
    await post(trx, ctx, { idemKey: `test:fund:${++funds}:${Date.now()}`, kind: 'issue', amount, from: issuer.id, to: pool.id, orgId: community.id, orgPath: community.path, reason: '测试拨付' });
  });
}

export async function balanceOf(t: TestApp, userId: number): Promise<number> {
  const r = await t.deps.db.selectFrom('point_account').select('balance').where('kind', '=', 'volunteer').where('user_id', '=', userId).executeTakeFirst();
  return r?.balance ?? 0;
}

export async function poolBalance(t: TestApp, communityId: number): Promise<number> {
  const r = await t.deps.db.selectFrom('point_account').select('balance').where('kind', '=', 'pool').where('org_id', '=', communityId).executeTakeFirst();
  return r?.balance ?? 0;
}

/** A valid activity body: starts `startInHours` from now and lasts `hours`. */
export function activityBody(orgId: number, extra: Record<string, unknown> = {}, startInHours = 1, hours = 3) {
  return {
    orgId, kind: 'volunteer', title: '关爱空巢老人', place: '富康社区活动中心', description: '陪伴聊天、打扫卫生',
    startsAt: new Date(Date.now() + startInHours * hour).toISOString(), endsAt: new Date(Date.now() + (startInHours + hours) * hour).toISOString(),
    capacity: 10, pointRule: 'perHour', pointsPerHour: 10, dayCap: 100, ...extra,
  };
}

export async function publishedActivity(staff: Session, orgId: number, extra: Record<string, unknown> = {}, startInHours = 1, hours = 3): Promise<number> {
  const c = await staff.post(`${API}/activities`, activityBody(orgId, extra, startInHours, hours));
  expect(c.statusCode, c.body).toBe(201);
  const p = await staff.post(`${API}/activities/${c.json().id}/publish`, {});
  expect(p.statusCode, p.body).toBe(200);
  return c.json().id;
}

let residents = 0;
/** A new resident account at the org, logged in and registered as a volunteer. */
export async function volunteerAt(t: TestApp, orgCode: string, skills: string[] = []): Promise<{ id: number; session: Session }> {
  const u = await t.user('resident', orgCode, `vol_${++residents}_${Math.random().toString(36).slice(2, 6)}`);
  const session = await t.login(u.username);
  const r = await session.post(`${API}/volunteers/me`, { skills, availability: ['weekendMorning'] });
  expect(r.statusCode, r.body).toBe(200);
  return { id: u.id, session };
}

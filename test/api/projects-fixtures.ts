import { expect } from 'vitest';
import type { Session, TestApp } from '../helpers/app.js';
import type { World } from './fixtures.js';

/** Factories for the projects tests: social organizations with staff accounts (inserted directly, as factories do), funds, and projects through the API. */
export const API = '/api/v1';

let orgs = 0;
/** A social organization registered at `at` (filed, active), with one socialOrgStaff account logged in. */
export async function socialOrgWithStaff(t: TestApp, at: { id: number; path: string; code: string }, name = `富康邻里互助会${++orgs}`) {
  const so = await t.handle.db.insertInto('social_org').values({
    org_id: at.id, org_path: at.path, name, filing: 'filed', category: 'life_service', filing_no: `BA-${orgs}-${Date.now() % 100000}`, legal_person_name: '王芳',
  } as never).returning('id').executeTakeFirstOrThrow() as { id: number };
  const user = await t.user('socialOrgStaff', at.code, `sostaff_${orgs}_${Math.random().toString(36).slice(2, 6)}`);
  await t.handle.db.insertInto('social_org_staff').values({ social_org_id: so.id, user_id: user.id, org_id: at.id, org_path: at.path } as never).execute();
  return { id: so.id, name, user, session: await t.login(user.username) };
}

/** A social worker profile at `at`, optionally linked to a new socialOrgStaff account. */
export async function socialWorkerWithAccount(t: TestApp, at: { id: number; path: string; code: string }, name = '李社工') {
  const user = await t.user('socialOrgStaff', at.code, `sworker_${Math.random().toString(36).slice(2, 8)}`);
  const sw = await t.handle.db.insertInto('social_worker').values({ org_id: at.id, org_path: at.path, name, user_id: user.id } as never)
    .returning('id').executeTakeFirstOrThrow() as { id: number };
  return { id: sw.id, name, user, session: await t.login(user.username) };
}

/** A fund of the street with one line; returns their ids. Amounts in fen. */
export async function fundWithLine(street: Session, streetOrg: { id: number }, amount: number, lineAmount = amount, name = `社区服务资金${++orgs}`) {
  const f = await street.post(`${API}/project-funds`, { orgId: streetOrg.id, year: 2026, kind: 'ventureGrant', name, amount });
  expect(f.statusCode, f.body).toBe(201);
  const l = await street.post(`${API}/project-funds/${f.json().id}/lines`, { name: '为老服务', amount: lineAmount });
  expect(l.statusCode, l.body).toBe(200);
  return { fundId: f.json().id as number, lineId: l.json().lines[0].id as number };
}

export function projectBody(orgId: number, extra: Record<string, unknown> = {}) {
  return {
    orgId, kind: 'ventureGrant', title: '空巢老人助餐服务', need: '辖区 60 岁以上独居老人 120 人，午餐无人照料', linkedNeeds: '需求清单 #12',
    beneficiariesTarget: 120, periodStart: '2027-01-01', periodEnd: '2027-06-30',
    budgetItems: [{ item: '餐费补贴', amount: 4_000_000 }, { item: '志愿者保险', amount: 1_000_000 }], ...extra,
  };
}

/** A project submitted by the community worker. */
export async function submittedProject(cw: Session, w: World, extra: Record<string, unknown> = {}) {
  const r = await cw.post(`${API}/projects`, { ...projectBody(w.communityA.id, extra), submit: true });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

/** Submitted, approved for `amount` on the line and awarded directly to the social organization. */
export async function implementingProject(cw: Session, street: Session, w: World, lineId: number, socialOrgId: number, amount = 5_000_000) {
  const id = await submittedProject(cw, w);
  const a = await street.post(`${API}/projects/${id}/approve`, { amount, lineId });
  expect(a.statusCode, a.body).toBe(200);
  const d = await street.post(`${API}/projects/${id}/award`, { awardeeKind: 'socialOrg', awardeeId: socialOrgId });
  expect(d.statusCode, d.body).toBe(200);
  return id;
}

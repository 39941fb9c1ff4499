import { expect } from 'vitest';
import type { Session, TestApp } from '../helpers/app.js';
import type { World } from './fixtures.js';
import { freshId, household } from './residents-fixtures.js';

/** Factories for the micro-project tests: budgets, approved proposals, and voters living in households. */
export const API = '/api/v1';
const year = new Date().getUTCFullYear();

export async function must(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let years = 0;
/** A budget of `amountFen` for the community, in a year no other test of the file uses. */
export async function budget(staff: Session, orgId: number, amountFen: number, y = 2040 + (years++ % 60)) {
  return must(staff.post(`${API}/micro-budgets`, { orgId, year: y, amountFen, note: '测试预算' }), 201);
}

/** A proposal by the resident, approved by the worker. */
export async function approved(resident: Session, worker: Session, budgetId: number, costFen: number, title = '楼道照明改造') {
  const p = await must(resident.post(`${API}/micro-proposals`, { budgetId, title, description: '更换声控灯', costFen }), 201);
  await must(worker.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'approve' }));
  return p.id as number;
}

let n = 0;
/**
 * A resident account living in a household of the org (an active resident record with an
 * adult birth date and the account linked), so it is in the voting module's electorate.
 */
export async function voter(t: TestApp, org: { id: number; path: string; code: string }, hh?: { id: number }) {
  const h = hh ?? await household(t, org);
  const u = await t.user('resident', org.code, `mpv_${++n}_${Math.random().toString(36).slice(2, 6)}`);
  const id = freshId('1977-07-17');
  await t.handle.db.insertInto('resident').values({
    org_id: org.id, org_path: org.path, household_id: h.id, relation: 'head', name: `居民${n}`, gender: 'male', birth_date: '1977-07-17',
    id_type: 'idCard', id_enc: t.deps.cipher.encrypt(id), id_hash: t.deps.cipher.lookupHash(id), id_masked: '6209**********0000',
    registration_type: 'registered', user_id: u.id,
  }).execute();
  return { user: u, household: h, session: await t.login(u.username) };
}

export const worldYear = year;
export type { World };

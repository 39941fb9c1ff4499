import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helpers/app.js';
import { household } from './residents-fixtures.js';

/** Factories for the evaluations tests: households in bulk, a resident account living in one, and `ok` for expected statuses. */
export const API = '/api/v1';

export async function households(t: TestApp, org: { id: number; path: string }, n: number, place = '测评小区 1号楼 1单元') {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await household(t, org, place)).id);
  return out;
}

let seq = 0;
/** A resident record (inserted like the importer would) linked to the account, living in the household. */
export async function livesIn(t: TestApp, userId: number, householdId: number) {
  const h = await t.handle.db.selectFrom('household').select(['org_id', 'org_path']).where('id', '=', householdId).executeTakeFirstOrThrow();
  const idNo = `EVAL-${++seq}-${userId}`;
  await t.handle.db.insertInto('resident').values({
    org_id: h.org_id, org_path: h.org_path, household_id: householdId, relation: 'head', name: `测评居民${seq}`, gender: 'female', id_type: 'passport',
    id_enc: t.deps.cipher.encrypt(idNo), id_hash: t.deps.cipher.lookupHash(idNo), id_masked: 'E***', registration_type: 'registered', user_id: userId,
  } as never).onConflict((oc) => oc.column('user_id').doUpdateSet({ household_id: householdId, org_id: h.org_id, org_path: h.org_path })).execute();
}

export function ok<T = any>(r: LightMyRequestResponse, status = 200): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

/** Every dimension scored `score` (or by the function of the dimension index). */
export const allDims = (dims: { id: number }[], score: number | ((i: number) => number)) =>
  dims.map((d, i) => ({ dimensionId: d.id, score: typeof score === 'number' ? score : score(i) }));

/** A social organization (inserted like the socialorgs module would) with the account as its staff. */
export async function socialOrgWithStaff(t: TestApp, org: { id: number; path: string }, name: string, staffUserId: number) {
  const so = await t.handle.db.insertInto('social_org').values({
    org_id: org.id, org_path: org.path, name, filing: 'filed', category: 'elderly', filing_no: `BA-${staffUserId}`, legal_person_name: '赵会长',
  } as never).returning('id').executeTakeFirstOrThrow();
  await t.handle.db.insertInto('social_org_staff').values({ social_org_id: so.id, user_id: staffUserId, org_id: org.id, org_path: org.path } as never).execute();
  return so.id;
}

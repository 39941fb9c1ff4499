import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from '../helpers/app.js';
import { household } from './residents-fixtures.js';

/**
 * Factories for the voting tests: resident accounts with a resident record (household,
 * birth date) inserted directly, and deliberation bodies through SQL (the deliberation
 * module owns them; voting only reads them when a vote opens).
 */
export const API = '/api/v1';
type Org = { id: number; path: string; code: string };

export { household };

/** A resident account whose resident record lives in `org` (and household), born on `birthDate`. */
export async function voter(t: TestApp, org: Org, opts: { householdId?: number | null; birthDate?: string | null; name?: string } = {}) {
  const u = await t.user('resident', org.code);
  const id = crypto.randomBytes(9).toString('hex');
  await t.handle.db.insertInto('resident').values({
    org_id: org.id, org_path: org.path, household_id: opts.householdId ?? null, relation: opts.householdId ? 'other' : null,
    name: opts.name ?? `居民${u.id}`, gender: 'male', birth_date: opts.birthDate === undefined ? '1980-01-01' : opts.birthDate,
    id_type: 'idCard', id_enc: t.deps.cipher.encrypt(id), id_hash: t.deps.cipher.lookupHash(id), id_masked: '6209**********0000',
    registration_type: 'registered', user_id: u.id,
  } as never).execute();
  return u;
}

/** A deliberation body of `org` with the given accounts as active representatives. */
export async function body(t: TestApp, org: Org, userIds: (number | null)[], name = '富康社区议事会') {
  const b = await sql<{ id: number }>`INSERT INTO delib_body (org_id, org_path, name) VALUES (${org.id}, ${org.path}, ${name}) RETURNING id`.execute(t.handle.db);
  const id = b.rows[0].id;
  let n = 0;
  for (const u of userIds) {
    await sql`INSERT INTO delib_body_member (body_id, org_id, org_path, user_id, name, member_kind, status)
      VALUES (${id}, ${org.id}, ${org.path}, ${u}, ${`代表${++n}`}, 'residentRep', 'active')`.execute(t.handle.db);
  }
  return id;
}

/** The default rule of DOMAIN.md (≥ 85% of the electorate), open ballot. */
export function yesNoBody(orgId: number, electorate: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    orgId, title: '加装电梯方案表决', electorate, method: 'yesNo', secret: false,
    quorum: { num: 0, den: 1 }, threshold: { num: 85, den: 100, of: 'electorate' }, ...extra,
  };
}

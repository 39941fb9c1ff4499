import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Rows of resident logins (role resident), written from the residents module's transactions. */
export async function insertResidentUser(trx: Transaction<DB>, u: { username: string; displayName: string; passwordHash: string; org: { id: number; path: string } }) {
  const row = await trx.insertInto('app_user').values({
    username: u.username, display_name: u.displayName, role: 'resident', org_id: u.org.id, org_path: u.org.path,
    password_hash: u.passwordHash, must_change_password: true,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function setResidentUserOrg(trx: Transaction<DB>, userId: number, org: { id: number; path: string }) {
  return trx.updateTable('app_user').set({ org_id: org.id, org_path: org.path, updated_at: sql`now()` })
    .where('id', '=', userId).where('role', '=', 'resident').execute();
}

export function disableResidentUser(trx: Transaction<DB>, userId: number, displayName: string) {
  return trx.updateTable('app_user')
    .set({ status: 'disabled', display_name: displayName, phone_enc: null, phone_hash: null, phone_masked: null, updated_at: sql`now()` })
    .where('id', '=', userId).where('role', '=', 'resident').execute();
}

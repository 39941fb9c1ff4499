import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * What other modules (projects, evaluations) may ask about social organizations. They import
 * only this file, never the tables. Scope is the caller's business: these are plain lookups.
 */
type Q = Kysely<DB> | Transaction<DB>;

export interface SocialOrgBrief { id: number; name: string; orgId: number; orgPath: string; status: string }

/** The social organizations an account (role socialOrgStaff) is staff of; empty for anyone else. */
export async function socialOrgIdsOfUser(db: Q, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('social_org_staff').select('social_org_id').where('user_id', '=', userId).orderBy('social_org_id').execute();
  return rows.map((r) => r.social_org_id);
}

export async function socialOrgBrief(db: Q, id: number): Promise<SocialOrgBrief | null> {
  const r = await db.selectFrom('social_org').select(['id', 'name', 'org_id', 'org_path', 'status']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, orgId: r.org_id, orgPath: r.org_path, status: r.status } : null;
}

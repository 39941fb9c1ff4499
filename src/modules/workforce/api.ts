import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * What other modules (projects, evaluations) may ask about social workers. They import only
 * this file, never the tables. Scope is the caller's business: these are plain lookups.
 */
type Q = Kysely<DB> | Transaction<DB>;

export interface SocialWorkerBrief { id: number; name: string; orgId: number; orgPath: string; status: string }

/** The social-worker profiles linked to an account (at most one today; a list for symmetry with social orgs). */
export async function socialWorkerIdsOfUser(db: Q, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('social_worker').select('id').where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function socialWorkerBrief(db: Q, id: number): Promise<SocialWorkerBrief | null> {
  const r = await db.selectFrom('social_worker').select(['id', 'name', 'org_id', 'org_path', 'status']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, orgId: r.org_id, orgPath: r.org_path, status: r.status } : null;
}

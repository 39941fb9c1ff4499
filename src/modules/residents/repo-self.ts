import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

type Q = Database | Transaction<DB>;

/**
 * Self-service reads. A resident's scope is their own record, found through the login it
 * is linked to (resident.user_id), not through an org path.
 */
export function findOwn(db: Q, userId: number) {
  return db.selectFrom('resident as r').innerJoin('org as o', 'o.id', 'r.org_id').leftJoin('household as h', 'h.id', 'r.household_id')
    .selectAll('r').select(['o.name as org_name', 'h.place as household_place'])
    .where('r.user_id', '=', userId).where('r.status', '!=', 'anonymized').executeTakeFirst();
}
export type OwnRow = NonNullable<Awaited<ReturnType<typeof findOwn>>>;

export function household(db: Q, id: number) {
  return db.selectFrom('household').select(['id', 'place', 'address_masked']).where('id', '=', id).executeTakeFirst();
}

/** Current members (anonymized records have left every household). */
export function members(db: Q, householdId: number) {
  return db.selectFrom('resident').select(['id', 'name', 'relation', 'gender', 'birth_date'])
    .where('household_id', '=', householdId).where('status', '=', 'active').orderBy('id').execute();
}

import type { Transaction } from 'kysely';
import type { Deps } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { afterAccountChange, moveResidentAccount } from '../accounts/service-resident.js';
import * as repo from './repo.js';

/**
 * For the places module: when a household moves to another grid or community, its
 * residents carry the household's org, so they, their current memberships, their open
 * correction requests and their linked logins follow inside the caller's transaction.
 * Returns a function to call after commit (it drops the logins' cached sessions here).
 */
export async function residentsFollowHousehold(trx: Transaction<DB>, deps: Deps, householdId: number, org: { id: number; path: string }): Promise<() => void> {
  const moved = await repo.followHousehold(trx, householdId, org);
  const users = moved.map((m) => m.user_id).filter((u): u is number => u !== null);
  for (const u of users) await moveResidentAccount(trx, u, org);
  return () => { for (const u of users) afterAccountChange(deps, u); };
}

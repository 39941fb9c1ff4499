import type { Transaction } from 'kysely';
import type { Ctx, Deps } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { hashPassword, passwordProblem } from './password.js';
import * as repo from './repo.js';
import { disableResidentUser, insertResidentUser, setResidentUserOrg } from './repo-resident.js';
import { endAllSessions, evictUserLocally } from './service-auth.js';
import { USERNAME } from './service-users.js';

/**
 * Resident logins (role resident), opened and kept in step by the residents module inside
 * its own transactions: the login belongs to the resident's org, follows the record when
 * it moves and is closed when the record is anonymized.
 */
export interface PreparedAccount { username: string; passwordHash: string }

/** Checks and hashes outside the transaction (hashing is slow; no locks are held meanwhile). */
export async function prepareResidentAccount(ctx: Ctx, input: { username: string; password: string }): Promise<PreparedAccount> {
  const fields: FieldErrors = {};
  if (!USERNAME.test(input.username)) fields.username = { zh: '只能包含字母、数字和 _ . @ -，长度 3–64', en: 'may hold letters, digits and _ . @ -, 3–64 long' };
  const pw = passwordProblem(input.password, ctx.deps.config.passwordProfile, input.username);
  if (pw) fields.password = pw;
  if (Object.keys(fields).length) throw errors.validation(fields);
  return { username: input.username, passwordHash: await hashPassword(input.password) };
}

/** Inserts the login; the first sign-in must change the password the worker handed over. */
export async function insertResidentAccount(trx: Transaction<DB>, p: PreparedAccount & { displayName: string; org: { id: number; path: string } }): Promise<number> {
  if (await repo.findUserForLogin(trx, p.username))
    throw errors.conflict('USERNAME_TAKEN', { zh: '用户名已存在', en: 'That username is taken' }, { username: { zh: '已被使用', en: 'is taken' } });
  return insertResidentUser(trx, p);
}

/** The login follows its resident to another org; cached sessions reload it. Call `afterAccountChange` after commit. */
export async function moveResidentAccount(trx: Transaction<DB>, userId: number, org: { id: number; path: string }) {
  await setResidentUserOrg(trx, userId, org);
  await repo.notifySessionChange(trx, userId);
}

/** An anonymized resident's login: disabled, its name blanked, its sessions ended. */
export async function retireResidentAccount(trx: Transaction<DB>, deps: Deps, userId: number, displayName: string) {
  await disableResidentUser(trx, userId, displayName);
  await endAllSessions(trx, deps, userId);
}

export function afterAccountChange(deps: Deps, userId: number) {
  evictUserLocally(deps, userId);
}

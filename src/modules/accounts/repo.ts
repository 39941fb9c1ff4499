import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, Role } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';

type Q = Database | Transaction<DB>;

/** Columns of a user as lists and details show them (never the hash or ciphertext). */
const userColumns = [
  'u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'u.org_path', 'o.name as org_name',
  'u.status', 'u.locked_until', 'u.phone_masked', 'u.totp_enabled', 'u.last_login_at', 'u.created_at', 'u.is_demo',
] as const;

export function findUserForLogin(db: Q, username: string) {
  return db.selectFrom('app_user').selectAll().where(sql<boolean>`lower(username) = lower(${username})`).executeTakeFirst();
}

export function findUserById(db: Q, id: number) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockUserRow(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function getUserView(db: Q, actor: Actor, id: number) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select(userColumns)
    .where('u.id', '=', id)
    .where(inScope(actor, 'u.org_path'))
    .executeTakeFirst();
}

export interface UserFilter { q?: string; role?: Role; orgId?: number }

export function listUsers(db: Q, actor: Actor, f: UserFilter, page: PageQuery | null) {
  let qb = filteredUsers(db, actor, f)
    .select(userColumns)
    .select(sql<number>`count(*) over()`.as('total'))
    .orderBy('u.id');
  if (page) qb = qb.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  return qb.execute();
}

export async function countUsers(db: Q, actor: Actor, f: UserFilter): Promise<number> {
  const r = await filteredUsers(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

function filteredUsers(db: Q, actor: Actor, f: UserFilter) {
  let qb = db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .where(inScope(actor, 'u.org_path'));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    qb = qb.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (f.role) qb = qb.where('u.role', '=', f.role);
  if (f.orgId) qb = qb.where('u.org_id', '=', f.orgId);
  return qb;
}

export type UserView = Awaited<ReturnType<typeof getUserView>> & {};

// ---- sessions -------------------------------------------------------------------------

export function insertSession(trx: Q, s: { id: string; userId: number; csrf: string; expiresAt: Date; ip: string | null; ua: string | null }) {
  return trx
    .insertInto('user_session')
    .values({ id: s.id, user_id: s.userId, csrf_token: s.csrf, expires_at: s.expiresAt, ip: s.ip, user_agent: s.ua })
    .execute();
}

/** One query resolves a cookie to everything a request needs to know about its user. */
export function findSessionActor(db: Q, sessionId: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select([
      's.id as session_id', 's.csrf_token', 's.last_seen_at', 's.expires_at',
      'u.id as user_id', 'u.username', 'u.display_name', 'u.role', 'u.status', 'u.totp_enabled',
      'u.must_change_password', 'u.password_changed_at',
      'o.id as org_id', 'o.name as org_name', 'o.level as org_level', 'o.code as org_code', 'o.path as org_path',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export function touchSession(db: Q, sessionId: string, at: Date) {
  return db.updateTable('user_session').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export function deleteSession(db: Q, sessionId: string) {
  return db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

export function deleteUserSessions(db: Q, userId: number) {
  return db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

/** Tells every instance to drop its cached sessions of this user (sent at commit). */
export function notifySessionChange(trx: Q, userId: number) {
  return sql`SELECT pg_notify('gongzhi_session', ${'user:' + userId})`.execute(trx);
}

export function deleteExpiredSessions(db: Q, idleMinutes: number) {
  return db
    .deleteFrom('user_session')
    .where((eb) => eb.or([
      eb('expires_at', '<', new Date()),
      eb('last_seen_at', '<', new Date(Date.now() - idleMinutes * 60_000)),
    ]))
    .execute();
}

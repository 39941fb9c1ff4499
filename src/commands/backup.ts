import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { fail } from './util.js';

/** `gongzhi backup [--out DIR]` and `gongzhi restore <backup> [--force]`. */
export function register(program: Command): void {
  program.command('backup').description('在线备份数据库和加密主密钥 / online backup of the database and the encryption key')
    .option('-o, --out <dir>', '备份存放目录 / directory to write the backup into', 'backups')
    .addHelpText('after', `
嵌入式数据库：服务运行时直接在线备份（pg_backup_start/pg_backup_stop + WAL），未运行时临时启动数据库。
外部数据库 (DATABASE_URL)：使用 PATH 中的 pg_dump（版本须不低于服务器）。
备份含加密主密钥，请妥善保管。

Embedded database: an online copy taken from the running server (or from a cluster started
for the backup). External database (DATABASE_URL): pg_dump from PATH, at least the server's
major version. The backup holds the encryption master key: protect it.`)
    .action(async (o: { out: string }) => {
      const { runBackup, mib } = await import('../db/backup.js');
      const config = loadConfig();
      console.log(`备份 / backing up ${config.databaseUrl ? 'external database (pg_dump)' : `embedded database in ${config.dataDir}`} …`);
      const r = await runBackup({ config, outDir: o.out, log: (m) => console.log(m) }).catch(fail);
      for (const w of r.warnings) console.error(`\n⚠ ${w}`);
      console.log(`\n备份完成 / backup written: ${r.path}`);
      console.log(`  ${r.manifest.files.length} files, ${mib(r.bytes)}, ${(r.ms / 1000).toFixed(1)} s` +
        (r.manifest.postgres.stopLsn ? `, consistent as of LSN ${r.manifest.postgres.stopLsn}` : ''));
      console.log(`  恢复 / restore with: gongzhi restore ${r.path}`);
    });

  program.command('restore <backup>').description('从备份恢复（嵌入式数据库须先停止服务）/ restore a backup (stop the server first)')
    .option('--force', '目标非空时把原有内容移到 *.before-restore-<时间>（不删除）/ move existing data aside instead of refusing')
    .action(async (backup: string, o: { force?: boolean }) => {
      const { runRestore } = await import('../db/backup.js');
      const config = loadConfig();
      console.log(`恢复 / restoring ${backup} → ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir} …`);
      const r = await runRestore({ config, backup, force: !!o.force, log: (m) => console.log(m) }).catch(fail);
      for (const w of r.warnings) console.error(`\n⚠ ${w}`);
      const c = r.check;
      console.log(`\n恢复完成 / restored into ${r.target} in ${(r.ms / 1000).toFixed(1)} s (PostgreSQL ${c.version})`);
      console.log(`  ${Object.entries(c.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      if (c.audit) console.log(`  审计链 / audit chain: ${c.audit.message.zh} / ${c.audit.message.en}`);
      for (const m of r.movedAside) console.log(`  原有数据保留在 / previous data kept at ${m}`);
      if (c.audit && !c.audit.ok) {
        console.error('⚠ 审计哈希链校验失败 / the audit hash chain does not verify');
        process.exit(2);
      }
    });
}

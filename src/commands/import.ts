import fs from 'node:fs';
import type { Command } from 'commander';
import { withPlatform } from './util.js';

/** `gongzhi import residents FILE --org CODE`. */
export function register(program: Command): void {
  const imp = program.command('import').description('批量导入 / bulk import');
  imp.command('residents <file>').description('从 .xlsx/.csv 导入居民和户（按证件号码更新，可重复执行）/ import residents and households (idempotent by ID number)')
    .requiredOption('--org <code>', '导入到的街道、社区或网格的组织代码 / code of the street, community or grid imported into')
    .action(async (file: string, o: { org: string }) => {
      const { importResidentsFile } = await import('../modules/imports/service.js');
      const { systemCtx } = await import('../core/context.js');
      const tty = process.stdout.isTTY;
      let t0 = Date.now();
      const progress = (t: { processed: number; inserted: number; updated: number; unchanged: number; rejected: number }) => {
        const rate = Math.round(t.processed / Math.max(0.001, (Date.now() - t0) / 1000));
        const line = `已处理 ${t.processed} 行（新增 ${t.inserted}，更新 ${t.updated}，未变 ${t.unchanged}，未导入 ${t.rejected}）… ${rate} 行/秒`;
        if (tty) process.stdout.write(`\r${line}`);
        else console.log(line);
      };
      const r = await withPlatform((p) => {
        t0 = Date.now();
        return importResidentsFile(systemCtx(p.deps, 'cli'), { file, orgCode: o.org }, { onBatch: progress });
      });
      if (tty) process.stdout.write('\n');
      const j = r.job;
      console.log(`导入任务 #${j.id}：${j.status === 'done' ? '完成' : '失败'} / job ${j.status} — ${j.processedRows} 行 rows: `
        + `新增 inserted ${j.inserted}, 更新 updated ${j.updated}, 未变 unchanged ${j.unchanged}, 未导入 rejected ${j.rejected} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      const out = `${file}.errors.xlsx`;
      if (r.report) {
        fs.writeFileSync(out, r.report);
        console.log(`未导入的行及原因已写入 / rejected rows with reasons: ${out}`);
      } else fs.rmSync(out, { force: true }); // a report of an earlier run would mislead

      if (j.status !== 'done') {
        console.error(j.error ?? 'import failed');
        process.exit(2);
      }
    });
}

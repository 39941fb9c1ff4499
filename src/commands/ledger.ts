import type { Command } from 'commander';
import { withPlatform } from './util.js';

/** `gongzhi ledger verify`: the points ledger checked from its lines; exits non-zero on any problem. */
export function register(program: Command): void {
  const ledger = program.command('ledger').description('积分账本 / points ledger');
  ledger.command('verify').description('校验积分账本（借贷平衡、余额与流水一致、无负余额），有问题时以非零状态退出 / verify the points ledger; exits non-zero on any problem')
    .option('--json', 'print the report as JSON')
    .action(async (o: { json?: boolean }) => {
      const { verifyLedger } = await import('../modules/points/verify.js');
      const r = await withPlatform((p) => verifyLedger(p.deps.db));
      if (o.json) console.log(JSON.stringify(r, null, 2));
      else {
        console.log(`${r.message.zh} / ${r.message.en}`);
        for (const p of r.problems) console.log(`  - ${p}`);
      }
      process.exit(r.ok ? 0 : 2);
    });
}

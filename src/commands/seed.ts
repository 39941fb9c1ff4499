import type { Command } from 'commander';
import { withPlatform } from './util.js';

/** `gongzhi seed demo`. */
export function register(program: Command): void {
  const seed = program.command('seed').description('演示数据 / demo data');
  seed.command('demo').description('建立肃州区演示数据和每个角色一个演示账号（生产环境禁用）')
    .action(async () => {
      const { seedDemo } = await import('../seed/demo.js');
      const { systemCtx } = await import('../core/context.js');
      await withPlatform(async (p) => {
        const r = await seedDemo(systemCtx(p.deps, 'seed'), console.log);
        console.log('\n演示账号 / demo logins:');
        for (const u of r.users)
          console.log(`  ${u.username.padEnd(18)} ${u.role.padEnd(16)} org ${u.org.padEnd(16)} ${u.created ? `password ${r.password}` : '(已存在 / exists, password unchanged)'}`);
      });
    });
}

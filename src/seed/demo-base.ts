import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Ctx } from '../core/context.js';
import { recordAudit, inTransaction } from '../core/audit.js';
import { scopePattern } from '../core/scope.js';
import { idCheckChar } from '../modules/residents/rules.js';
import { importResidentsFile } from '../modules/imports/service.js';

/**
 * Demo base information for the first demo grid: one estate of households and their
 * residents (loaded through the real importer, so they are encrypted and masked like any
 * import), the grid's 1+4+X posts with the demo grid worker's card, and the demo resident
 * linked to a record. Every resident carries the note 演示数据 so nobody takes them for
 * real people. Idempotent: the importer upserts by ID number.
 */
const SURNAMES = [...'张王李赵刘陈杨黄周吴'];
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '文华', '玉梅', '晓东', '丽娟', '子涵', '浩然', '欣怡'];
const HEADER = '姓名,证件号码,与户主关系,出生日期,手机号码,政治面貌,户籍类型,来本地日期,小区,楼栋,单元,门牌号,居住面积,房屋性质,标签';

function demoCsv(): string {
  const lines = [HEADER];
  let n = 0;
  for (let b = 1; b <= 2; b++) {
    for (let r = 1; r <= 6; r++) {
      const room = `${Math.ceil(r / 2)}0${((r - 1) % 2) + 1}`;
      const size = (r % 3) + 1;
      for (let m = 0; m < size; m++, n++) {
        const year = m === 0 ? 1948 + n * 3 % 40 : m === 1 ? 1950 + n * 3 % 40 : 2005 + (n % 15);
        const birth = `${year}${String((n % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}`;
        const first17 = `620902${birth}${String(100 + n * 2 + (m === 1 ? 0 : 1)).slice(-3)}`;
        const migrant = n % 7 === 3;
        const tags = year <= 1960 && size === 1 ? '独居' : n % 9 === 4 ? '低保' : '';
        lines.push([
          SURNAMES[(b * 6 + r) % SURNAMES.length] + GIVEN[n % GIVEN.length], first17 + idCheckChar(first17),
          m === 0 ? '户主' : m === 1 ? '配偶' : '子女', `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
          n % 4 === 2 ? '' : `1390937${String(1000 + n).padStart(4, '0')}`, n % 5 === 0 ? '中共党员' : '群众',
          migrant ? '流动人口' : '户籍人口', migrant ? '2024-03-01' : '', '演示小区', `${b}号楼`, '1单元', room,
          String(60 + r * 8), migrant ? '租住' : '自有', tags,
        ].join(','));
      }
    }
  }
  return lines.join('\n') + '\n';
}

export async function seedDemoBase(ctx: Ctx, gridCode: string, log: (m: string) => void): Promise<{ residents: number }> {
  const db = ctx.deps.db;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gz-demo-')), 'demo-residents.csv');
  fs.writeFileSync(file, demoCsv());
  try {
    const r = await importResidentsFile(ctx, { file, orgCode: gridCode });
    log(`居民 residents: +${r.job.inserted}, 已有 unchanged ${r.job.unchanged}`);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const grid = await db.selectFrom('org').select(['id', 'path']).where('code', '=', gridCode).executeTakeFirstOrThrow();
  const users = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role'])
    .where('username', 'in', ['demo_grid', 'demo_resident']).execute();
  const worker = users.find((u) => u.username === 'demo_grid');
  const resident = users.find((u) => u.username === 'demo_resident');
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('resident').set({ note: '演示数据' })
      .where(sql<boolean>`org_path LIKE ${scopePattern(grid.path)}`).where('note', 'is', null).execute();
    const head = await trx.selectFrom('resident').select('id').where('org_id', '=', grid.id).where('relation', '=', 'head')
      .where('user_id', 'is', null).orderBy('id').limit(1).executeTakeFirst();
    const linked = resident && await trx.selectFrom('resident').select('id').where('user_id', '=', resident.id).executeTakeFirst();
    if (resident && head && !linked) await trx.updateTable('resident').set({ user_id: resident.id }).where('id', '=', head.id).execute();
    const hasPosts = await trx.selectFrom('grid_post').select('id').where('org_id', '=', grid.id).executeTakeFirst();
    if (!hasPosts) {
      await trx.insertInto('grid_post').values([
        { org_id: grid.id, org_path: grid.path, post: 'gridWorker', primary_user_id: worker?.id ?? null, primary_name: worker?.display_name ?? '演示网格员', backup_name: '演示协管员甲', card_phone: '09372612345', card_duties: '入户走访、信息采集、矛盾调解、政策宣传（演示）' },
        { org_id: grid.id, org_path: grid.path, post: 'gridAssistant', primary_name: '演示协管员甲', backup_name: '演示协管员乙', card_phone: null, card_duties: '治安巡查（演示）' },
        { org_id: grid.id, org_path: grid.path, post: 'gridHelper', primary_name: '演示公益员', backup_name: null, card_phone: null, card_duties: '楼栋卫生（演示）' },
      ]).execute();
    }
    await recordAudit(trx, ctx, { action: 'resident.seed_demo', entityType: 'org', entityId: gridCode, orgPath: grid.path, detail: { linkedResident: !!(resident && head && !linked), posts: !hasPosts } });
  });
  const n = await db.selectFrom('resident').select((e) => e.fn.countAll<number>().as('n')).where('org_id', '=', grid.id).executeTakeFirstOrThrow();
  return { residents: Number(n.n) };
}

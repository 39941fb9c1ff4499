import { sql } from 'kysely';
import type { Ctx } from '../core/context.js';
import type { Role } from '../db/schema.js';
import { recordAudit, inTransaction } from '../core/audit.js';
import { seedDemoBase } from './demo-base.js';
import { seedDemoRequests } from './demo-requests.js';
import { seedDemoPoints } from './demo-points.js';
import { importDivision } from '../modules/orgs/division-import.js';
import { insertOrg, getByCode } from '../modules/orgs/repo.js';
import { createAccount, generatePassword } from '../modules/accounts/service-admin.js';
import { findUserForLogin } from '../modules/accounts/repo.js';

/**
 * `gongzhi seed demo`: 酒泉市肃州区 from the real division data, grids of ~500 households
 * in its urban communities (社区; villages keep none), a few departments, and one demo
 * account per role. The number of grids per community is a stated demo assumption
 * (deterministic, 3–6), not real data; grid boundaries are left for workers to draw.
 */
const DISTRICT = '620902';
const DISTRICT_DEPARTMENTS = ['民政局', '住房和城乡建设局', '城市管理综合执法局', '卫生健康局', '人力资源和社会保障局'];
const STREET_DEPARTMENTS = ['综治中心', '社会事务办公室'];

/** Small deterministic PRNG so every demo database is the same. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoSummary { grids: number; departments: number; residents: number; users: { username: string; role: Role; org: string; created: boolean }[]; password: string }

export async function seedDemo(ctx: Ctx, log: (m: string) => void = () => {}): Promise<DemoSummary> {
  if (ctx.deps.config.env === 'production') throw new Error('生产环境（NODE_ENV=production）不能创建演示数据 / demo data cannot be created in production');
  const imp = await importDivision(ctx, DISTRICT, (m) => log('  ' + m));
  log(`肃州区: ${imp.total} divisions`);
  const db = ctx.deps.db;
  const rand = mulberry32(620902);
  const communities = await db.selectFrom('org').select(['id', 'code', 'name', 'path'])
    .where('level', '=', 'community').where('code', 'like', `${DISTRICT}%`).where('name', 'like', '%社区%')
    .orderBy('code').execute();
  let grids = 0;
  let departments = 0;
  await inTransaction(ctx, async (trx) => {
    for (const c of communities) {
      const n = 3 + Math.floor(rand() * 4);
      for (let i = 1; i <= n; i++) {
        const code = `${c.code}${String(i).padStart(3, '0')}`;
        if (await getByCode(trx, code)) continue;
        await insertOrg(trx, { parentId: c.id, parentPath: c.path, level: 'grid', code, name: `${c.name.replace(/居委会$/, '')}第${i}网格`, householdsTarget: 500, boundary: null });
        grids++;
      }
    }
    const district = (await getByCode(trx, DISTRICT))!;
    const streets = await trx.selectFrom('org').select(['id', 'code', 'path', 'name']).where('level', '=', 'street')
      .where('code', 'like', `${DISTRICT}%`).where('name', 'like', '%街道').orderBy('code').execute();
    const depts: { parent: { id: number; code: string; path: string }; names: string[] }[] = [
      { parent: district, names: DISTRICT_DEPARTMENTS.map((d) => `肃州区${d}`) },
      ...streets.map((s) => ({ parent: s, names: STREET_DEPARTMENTS.map((d) => `${s.name}${d}`) })),
    ];
    for (const { parent, names } of depts) {
      for (let i = 0; i < names.length; i++) {
        const code = `${parent.code}D${String(i + 1).padStart(2, '0')}`;
        if (await getByCode(trx, code)) continue;
        await insertOrg(trx, { parentId: parent.id, parentPath: parent.path, level: 'department', code, name: names[i], householdsTarget: null, boundary: null });
        departments++;
      }
    }
    await sql`SELECT pg_notify('gongzhi_org', 'seed')`.execute(trx);
    await recordAudit(trx, ctx, { action: 'org.seed_demo', entityType: 'org', entityId: DISTRICT, detail: { grids, departments } });
  });
  ctx.deps.bus.emitLocal('org', 'seed');
  log(`网格 grids +${grids}, 部门 departments +${departments}`);

  const firstCommunity = communities[0].code;
  const firstGrid = `${firstCommunity}001`;
  const accounts: { username: string; role: Role; org: string; name: string }[] = [
    { username: 'demo_sysadmin', role: 'sysAdmin', org: DISTRICT, name: '演示系统管理员' },
    { username: 'demo_security', role: 'securityAdmin', org: DISTRICT, name: '演示安全管理员' },
    { username: 'demo_auditor', role: 'auditAdmin', org: DISTRICT, name: '演示审计管理员' },
    { username: 'demo_street', role: 'streetStaff', org: firstCommunity.slice(0, 9), name: '演示街道干部' },
    { username: 'demo_community', role: 'communityWorker', org: firstCommunity, name: '演示社区工作者' },
    { username: 'demo_grid', role: 'gridWorker', org: firstGrid, name: '演示网格员' },
    { username: 'demo_department', role: 'departmentStaff', org: `${DISTRICT}D01`, name: '演示民政局工作人员' },
    { username: 'demo_resident', role: 'resident', org: firstGrid, name: '演示居民' },
  ];
  const password = generatePassword();
  const users: DemoSummary['users'] = [];
  for (const a of accounts) {
    const exists = await findUserForLogin(db, a.username);
    if (!exists) await createAccount(ctx, { username: a.username, role: a.role, orgCode: a.org, displayName: a.name, password, demo: true, mustChange: false });
    users.push({ username: a.username, role: a.role, org: a.org, created: !exists });
  }
  const base = await seedDemoBase(ctx, firstGrid, log);
  const admin = await findUserForLogin(db, 'demo_sysadmin');
  await seedDemoRequests(ctx, DISTRICT, admin!.id, log);
  await seedDemoPoints(ctx, DISTRICT, 'demo_resident', log);
  return { grids, departments, users, password, residents: base.residents };
}

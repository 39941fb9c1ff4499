import type { Ctx } from '../core/context.js';
import { recordAudit, inTransaction } from '../core/audit.js';
import { getByCode } from '../modules/orgs/repo.js';
import { announceCatalogueChange, forgetCatalogue } from '../modules/requests/catalogue.js';
import * as cfg from '../modules/requests/repo-config.js';

/**
 * Demo 接诉即办 configuration: a category tree with deadlines (roots carry them, leaves
 * may tighten them) and district routing rules to the demo departments, so a request
 * reported in the demo routes itself. 物业服务 and 民生服务 have no rule on purpose: they
 * wait for the community's dispatcher, as in a real city. Idempotent by category code.
 * The deadlines are stated demo assumptions, in the range the seeds describe (受理 within
 * hours, 办结 within days), not a particular city's rules.
 */
interface Cat { code: string; name: string; en: string; kinds?: string[]; hours?: [number, number, number]; children?: Cat[]; route?: string }

const TREE: Cat[] = [
  { code: 'city-appearance', name: '市容环境', en: 'City appearance', hours: [2, 4, 48], route: 'D03', children: [
    { code: 'garbage', name: '垃圾堆放', en: 'Dumped rubbish', kinds: ['problem', 'complaint'] },
    { code: 'street-vending', name: '占道经营', en: 'Street vending', kinds: ['problem', 'complaint'] },
  ] },
  { code: 'municipal', name: '市政设施', en: 'Municipal facilities', hours: [2, 8, 72], route: 'D02', children: [
    { code: 'street-light', name: '路灯不亮', en: 'Street light out', kinds: ['problem'], hours: [2, 4, 24] },
    { code: 'road-damage', name: '道路破损', en: 'Damaged road', kinds: ['problem'] },
    { code: 'manhole', name: '井盖缺失', en: 'Missing manhole cover', kinds: ['problem'], hours: [1, 2, 12] },
  ] },
  { code: 'property', name: '物业服务', en: 'Property services', hours: [4, 12, 120], children: [
    { code: 'elevator', name: '电梯故障', en: 'Lift out of order', kinds: ['problem', 'complaint'], hours: [1, 2, 24] },
    { code: 'water-leak', name: '漏水渗水', en: 'Water leak', kinds: ['problem', 'help'] },
  ] },
  { code: 'livelihood', name: '民生服务', en: 'Livelihood services', hours: [4, 24, 120], children: [
    { code: 'assistance', name: '低保救助', en: 'Social assistance', kinds: ['help', 'inquiry'] },
    { code: 'elder-care', name: '养老服务', en: 'Elder care', kinds: ['help', 'inquiry'] },
  ] },
  { code: 'environment', name: '生态环保', en: 'Environment', hours: [2, 8, 72], route: 'D03', children: [
    { code: 'noise', name: '噪音扰民', en: 'Noise', kinds: ['problem', 'complaint'] },
  ] },
];

export async function seedDemoRequests(ctx: Ctx, districtCode: string, createdBy: number, log: (m: string) => void) {
  const district = await getByCode(ctx.deps.db, districtCode);
  if (!district) return { categories: 0, routes: 0 };
  const existing = new Set((await cfg.allCategories(ctx.deps.db)).map((c) => c.code));
  let categories = 0;
  let routes = 0;
  await inTransaction(ctx, async (trx) => {
    let sort = 0;
    const add = async (c: Cat, parentId: number | null) => {
      if (existing.has(c.code)) return;
      const id = await cfg.insertCategory(trx, {
        parent_id: parentId, code: c.code, name: c.name, name_en: c.en, description: null, kinds: c.kinds ?? [],
        accept_hours: c.hours?.[0] ?? null, respond_hours: c.hours?.[1] ?? null, resolve_hours: c.hours?.[2] ?? null,
        escalate_hours: parentId ? null : 24, checkin_hours: parentId ? null : 2, public: true, active: true, sort: sort++,
      });
      categories++;
      if (c.route) {
        const dept = await getByCode(trx, `${districtCode}${c.route}`);
        if (dept) { await cfg.insertRoute(trx, { orgId: district.id, orgPath: district.path, categoryId: id, handlerOrgId: dept.id, createdBy }); routes++; }
      }
      for (const child of c.children ?? []) await add(child, id);
    };
    for (const c of TREE) await add(c, null);
    if (!categories) return;
    await announceCatalogueChange(trx, 'category');
    await recordAudit(trx, ctx, { action: 'requestCategory.seed_demo', entityType: 'requestCategory', entityId: districtCode, detail: { categories, routes } });
  });
  forgetCatalogue(ctx.deps);
  log(`诉求分类 categories +${categories}, 派单规则 routing rules +${routes}`);
  return { categories, routes };
}

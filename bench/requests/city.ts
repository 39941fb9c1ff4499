import type { Kysely, Transaction } from 'kysely';
import type { DB, RequestKind } from '../../src/db/schema.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import { effectiveDeadlines, type Deadlines } from '../../src/modules/requests/rules.js';
import { Draw } from '../city/names.js';

/**
 * The compact synthetic city of the requests benchmark: 湖北省咸宁市 with its six real
 * district codes, 4 streets each, 97 communities and 923 grids laid out as a lattice of
 * square GeoJSON Polygons (so a point finds its grid by boundary), 5 departments per street
 * and 2 per district, a category tree of 20 categories and routing rules at district and
 * street level. No residents: requests do not need them. Same seed → same city.
 */
export const CITY = {
  province: ['42', '湖北省'] as const,
  city: ['4212', '咸宁市'] as const,
  districts: [['421202', '咸安区'], ['421221', '嘉鱼县'], ['421222', '通城县'], ['421223', '崇阳县'], ['421224', '通山县'], ['421281', '赤壁市']] as const,
  streetsPerDistrict: 4,
  communities: 97,
  grids: 923,
  /** Lattice of grid squares: south-west corner, cell size in degrees, columns. */
  lattice: { lon: 113.9, lat: 29.4, cell: 0.008, columns: 31 },
};

export const STREET_DEPARTMENTS = ['城市管理办公室', '住房和城乡建设办公室', '综合执法队', '市场监督管理所', '社会事务办公室'] as const;
export const DISTRICT_DEPARTMENTS = ['住房和城乡建设局', '生态环境分局'] as const;

export interface CategoryDef {
  code: string; name: string; parent: string | null; kinds?: RequestKind[];
  accept?: number; respond?: number; resolve?: number; escalate?: number; checkin?: number;
  /** Share of requests (leaves only; roots get a small share of their own). */
  weight: number;
  texts?: string[];
}

/** 5 roots × 3 leaves. Deadlines on the roots, a few leaves override (inheritance is exercised). */
export const CATEGORIES: CategoryDef[] = [
  { code: 'env', name: '市容环境', parent: null, accept: 2, respond: 24, resolve: 72, escalate: 24, checkin: 2, weight: 1 },
  { code: 'env.litter', name: '垃圾清运', parent: 'env', weight: 10, texts: ['{p}门口垃圾桶已经满了两天没人清运', '{p}旁边堆了很多建筑垃圾', '{p}垃圾分类点气味很大，请尽快清理'] },
  { code: 'env.vendor', name: '占道经营', parent: 'env', weight: 8, texts: ['{p}路口有流动摊贩占道经营，影响通行', '{p}早市摊位摆到了人行道上', '{p}门口夜宵摊占道，晚上很吵'] },
  { code: 'env.ads', name: '小广告', parent: 'env', weight: 6, respond: 48, texts: ['{p}楼道里贴满了小广告', '{p}电线杆上的牛皮癣广告很多', '{p}单元门上喷涂了小广告'] },
  { code: 'infra', name: '市政设施', parent: null, accept: 2, respond: 24, resolve: 120, escalate: 24, checkin: 2, weight: 1 },
  { code: 'infra.light', name: '路灯', parent: 'infra', weight: 7, resolve: 72, texts: ['{p}前面一排路灯晚上不亮', '{p}路灯一直闪烁', '{p}附近的路灯白天也亮着'] },
  { code: 'infra.road', name: '道路破损', parent: 'infra', weight: 7, texts: ['{p}门口路面塌陷有个大坑', '{p}人行道地砖松动，下雨溅水', '{p}路口减速带损坏'] },
  { code: 'infra.drain', name: '排水井盖', parent: 'infra', weight: 6, respond: 4, resolve: 48, texts: ['{p}井盖缺失，很危险', '{p}下水道堵塞，污水漫到路上', '{p}雨水篦子被堵住了'] },
  { code: 'eco', name: '生态环保', parent: null, kinds: ['problem', 'complaint'], accept: 2, respond: 24, resolve: 168, escalate: 48, checkin: 4, weight: 1 },
  { code: 'eco.noise', name: '噪音扰民', parent: 'eco', weight: 7, respond: 12, texts: ['{p}附近工地夜间施工噪音很大', '{p}楼下商铺音响声音太大', '{p}广场舞音乐太响，影响休息'] },
  { code: 'eco.smoke', name: '油烟污染', parent: 'eco', weight: 4, texts: ['{p}楼下餐馆油烟直排到住户窗口', '{p}有人露天烧烤，烟很大', '{p}附近有人焚烧垃圾'] },
  { code: 'eco.water', name: '水体污染', parent: 'eco', weight: 3, texts: ['{p}旁边的河沟发黑发臭', '{p}有工厂往水渠排污', '{p}池塘里漂着很多垃圾'] },
  { code: 'property', name: '物业管理', parent: null, accept: 2, respond: 24, resolve: 120, escalate: 24, checkin: 2, weight: 1 },
  { code: 'property.lift', name: '电梯故障', parent: 'property', weight: 5, respond: 2, resolve: 24, texts: ['{p}电梯又坏了，老人上不了楼', '{p}电梯运行有异响', '{p}电梯按钮失灵'] },
  { code: 'property.repair', name: '公共维修', parent: 'property', weight: 12, texts: ['{p}楼顶漏水，请物业维修', '{p}单元门禁坏了', '{p}楼道灯不亮'] },
  { code: 'property.service', name: '物业服务', parent: 'property', weight: 8, kinds: ['problem', 'complaint', 'inquiry'], texts: ['{p}物业收费不公示', '{p}小区绿化很久没人修剪', '{p}物业不处理车辆乱停'] },
  { code: 'life', name: '民生服务', parent: null, kinds: ['help', 'inquiry', 'problem'], accept: 4, respond: 24, resolve: 168, escalate: 48, checkin: 4, weight: 1 },
  { code: 'life.elderly', name: '养老服务', parent: 'life', weight: 5, texts: ['{p}独居老人需要助餐服务', '{p}想咨询居家养老补贴怎么申请', '{p}老人需要上门体检'] },
  { code: 'life.jobs', name: '就业社保', parent: 'life', weight: 4, kinds: ['inquiry', 'help'], texts: ['{p}咨询灵活就业社保怎么缴', '{p}失业金申请需要什么材料', '{p}求助：找不到工作想参加培训'] },
  { code: 'life.relief', name: '困难救助', parent: 'life', weight: 3, kinds: ['help'], texts: ['{p}家里有重病人，申请临时救助', '{p}残疾人想申请护理补贴', '{p}低保复核需要哪些材料'] },
];

/**
 * Routing rules (request_route). District level: 市政设施 → the district 住建局, 生态环保 →
 * the district 生态环境分局. Street level (more specific area wins): 市容环境 → 城管办,
 * 路灯 → the street 住建办 (beats the district rule), 电梯 → 市场监管所. Nothing for
 * 公共维修 / 物业服务 / 民生服务: those wait for a community dispatcher.
 */
export const DISTRICT_RULES: [category: string, department: number][] = [['infra', 0], ['eco', 1]];
export const STREET_RULES: [category: string, department: number][] = [['env', 0], ['infra.light', 1], ['property.lift', 3]];

export interface OrgRef { id: number; path: string; code: string; name: string }
export interface GridRef extends OrgRef { box: [number, number, number, number]; community: number; street: number; district: number; weight: number }
export interface CategoryRef { id: number; code: string; name: string; parentId: number | null; chain: number[]; deadlines: Deadlines; def: CategoryDef; leaf: boolean }
export interface RouteRef { orgPath: string; categoryId: number; handler: OrgRef }

export interface BuiltCity {
  province: OrgRef; city: OrgRef;
  districts: (OrgRef & { departments: OrgRef[] })[];
  streets: (OrgRef & { district: number; departments: OrgRef[] })[];
  communities: (OrgRef & { street: number; district: number })[];
  grids: GridRef[];
  categories: CategoryRef[];
  routes: RouteRef[];
}

function square(minLon: number, minLat: number, maxLon: number, maxLat: number) {
  const r = (x: number) => Number(x.toFixed(6));
  return { type: 'Polygon', coordinates: [[[r(minLon), r(minLat)], [r(maxLon), r(minLat)], [r(maxLon), r(maxLat)], [r(minLon), r(maxLat)], [r(minLon), r(minLat)]]] };
}

/** Builds the org tree, categories and routing rules in one transaction (ids from the sequences). */
export async function buildCity(db: Kysely<DB>, seed: number): Promise<BuiltCity> {
  const d = new Draw(seed);
  return db.transaction().execute(async (trx: Transaction<DB>) => {
    const org = async (parent: OrgRef, level: 'province' | 'city' | 'district' | 'street' | 'community' | 'grid' | 'department', code: string, name: string, boundary: unknown = null): Promise<OrgRef> => {
      const id = await insertOrg(trx, { parentId: parent.id, parentPath: parent.path, level, code, name, householdsTarget: level === 'grid' ? 500 : null, boundary });
      return { id, path: `${parent.path}${id}/`, code, name };
    };
    const root: OrgRef = { id: 1, path: '/1/', code: 'CN', name: '全国' };
    const province = await org(root, 'province', ...CITY.province);
    const city = await org(province, 'city', ...CITY.city);
    const districts: BuiltCity['districts'] = [];
    const streets: BuiltCity['streets'] = [];
    for (const [code, name] of CITY.districts) {
      const dist = await org(city, 'district', code, name);
      const departments: OrgRef[] = [];
      for (const [i, dn] of DISTRICT_DEPARTMENTS.entries()) departments.push(await org(dist, 'department', `${code}D${String(i + 1).padStart(2, '0')}`, `${name}${dn}`));
      districts.push({ ...dist, departments });
      for (let s = 1; s <= CITY.streetsPerDistrict; s++) {
        const sc = `${code}${String(s).padStart(3, '0')}`;
        const st = await org(dist, 'street', sc, `${name}第${s}街道`);
        const sd: OrgRef[] = [];
        for (const [i, dn] of STREET_DEPARTMENTS.entries()) sd.push(await org(st, 'department', `${sc}D${String(i + 1).padStart(2, '0')}`, `${st.name}${dn}`));
        streets.push({ ...st, district: districts.length - 1, departments: sd });
      }
    }
    const communities: BuiltCity['communities'] = [];
    const grids: GridRef[] = [];
    const L = CITY.lattice;
    for (let c = 0; c < CITY.communities; c++) {
      const si = c % streets.length;
      const st = streets[si];
      const cc = `${st.code}${String(Math.floor(c / streets.length) + 1).padStart(3, '0')}`;
      const com = await org(st, 'community', cc, `${st.name.replace(/第\d+街道$/, '')}社区${c + 1}`);
      communities.push({ ...com, street: si, district: st.district });
      // Busier and quieter communities: a community weight times a grid weight.
      const cw = 0.6 + d.int(0, 80) / 100;
      const n = Math.floor(CITY.grids / CITY.communities) + (c < CITY.grids % CITY.communities ? 1 : 0);
      for (let g = 1; g <= n; g++) {
        const cell = grids.length;
        const lon0 = L.lon + (cell % L.columns) * L.cell;
        const lat0 = L.lat + Math.floor(cell / L.columns) * L.cell;
        const box: GridRef['box'] = [lon0, lat0, lon0 + L.cell, lat0 + L.cell];
        const gr = await org(com, 'grid', `${cc}${String(g).padStart(3, '0')}`, `社区${c + 1}第${g}网格`, square(...box));
        grids.push({ ...gr, box, community: communities.length - 1, street: si, district: st.district, weight: cw * (0.5 + d.int(0, 100) / 100) });
      }
    }

    const byCode = new Map<string, CategoryRef>();
    const categories: CategoryRef[] = [];
    for (const [i, c] of CATEGORIES.entries()) {
      const parent = c.parent ? byCode.get(c.parent)! : null;
      const row = await trx.insertInto('request_category').values({
        parent_id: parent?.id ?? null, code: c.code, name: c.name, name_en: null, description: null, kinds: c.kinds ?? [],
        accept_hours: c.accept ?? null, respond_hours: c.respond ?? null, resolve_hours: c.resolve ?? null,
        escalate_hours: c.escalate ?? null, checkin_hours: c.checkin ?? null, public: true, active: true, sort: i,
      }).returning('id').executeTakeFirstOrThrow();
      const chainDefs = [c, ...(parent ? [parent.def] : [])];
      const ref: CategoryRef = {
        id: Number(row.id), code: c.code, name: c.name, parentId: parent?.id ?? null,
        chain: [Number(row.id), ...(parent ? [parent.id] : [])],
        deadlines: effectiveDeadlines(chainDefs.map((x) => ({
          accept_hours: x.accept ?? null, respond_hours: x.respond ?? null, resolve_hours: x.resolve ?? null, escalate_hours: x.escalate ?? null, checkin_hours: x.checkin ?? null,
        }))),
        def: c, leaf: !CATEGORIES.some((x) => x.parent === c.code),
      };
      byCode.set(c.code, ref);
      categories.push(ref);
    }

    const routes: RouteRef[] = [];
    const rule = async (area: OrgRef, cat: string, handler: OrgRef) => {
      const categoryId = byCode.get(cat)!.id;
      await trx.insertInto('request_route').values({ org_id: area.id, org_path: area.path, category_id: categoryId, handler_org_id: handler.id, created_by: null }).execute();
      routes.push({ orgPath: area.path, categoryId, handler });
    };
    for (const dist of districts) for (const [cat, dep] of DISTRICT_RULES) await rule(dist, cat, dist.departments[dep]);
    for (const st of streets) for (const [cat, dep] of STREET_RULES) await rule(st, cat, st.departments[dep]);
    return { province, city, districts, streets, communities, grids, categories, routes };
  });
}

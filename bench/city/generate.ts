import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openPlatform } from '../../src/platform.js';
import { systemCtx } from '../../src/core/context.js';
import { maskIdNumber, maskPhone, type FieldCipher } from '../../src/core/crypto.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import { idCheckChar, identityKey } from '../../src/modules/residents/rules.js';
import { exactAddress, householdKey, maskAddress, placeText } from '../../src/modules/places/rules.js';
import { Draw, ETHNICITIES, estateName, personName } from './names.js';
import { CopySink } from '../lib/copy.js';

/**
 * `npm run bench:data` — a synthetic city at 咸宁 scale (DOMAIN.md §Structure): 97
 * communities, 923 grids, 1,816 estates and 2,548,000 residents (×--scale) under
 * 湖北省咸宁市, written into a Gongzhi data dir with the app's own encryption, so a server
 * started on that dir serves it. Same seed → same city. Rows go in through COPY with
 * foreign-key triggers off (the generator builds them consistent), then ANALYZE.
 */
export const CITY = {
  communities: 97, grids: 923, estates: 1816, residents: 2_548_000,
  districts: [['421202', '咸安区'], ['421221', '嘉鱼县'], ['421222', '通城县'], ['421223', '崇阳县'], ['421224', '通山县'], ['421281', '赤壁市']] as const,
  streetsPerDistrict: 4,
};
export const BENCH_USERS = { street: 'bench_street', grid: 'bench_grid', password: 'Gz-bench-City-2026!' };

export interface CitySummary {
  seed: number; scale: number; ms: number;
  counts: { streets: number; communities: number; grids: number; estates: number; buildings: number; units: number; households: number; residents: number };
  streetCode: string; gridCode: string; users: typeof BENCH_USERS;
}

const SUMMARY = 'bench-city.json';

export function readCitySummary(dataDir: string): CitySummary | null {
  const f = path.join(dataDir, SUMMARY);
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as CitySummary) : null;
}

const RELATIONS = ['head', 'spouse', 'child', 'child', 'parent', 'grandchild'] as const;
const ISO = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);
const DAY0 = Date.UTC(2026, 10, 1) / 86_400_000; // the city's "today", fixed so the data is reproducible

function birthDays(d: Draw, relation: string, headAge: number): number {
  const age = relation === 'head' || relation === 'spouse' ? headAge + d.int(-3, 3)
    : relation === 'child' ? Math.max(0, headAge - d.int(22, 35))
      : relation === 'parent' ? headAge + d.int(22, 30) : Math.max(0, headAge - d.int(45, 60));
  return DAY0 - Math.min(104, Math.max(0, age)) * 365 - d.int(0, 364);
}

export async function generateCity(opts: { dataDir: string; seed?: number; scale?: number; log?: (m: string) => void }): Promise<CitySummary> {
  const log = opts.log ?? console.log;
  const seed = opts.seed ?? 20261125;
  const scale = opts.scale ?? 1;
  const existing = readCitySummary(opts.dataDir);
  if (existing && existing.seed === seed && existing.scale === scale) {
    log(`city already generated in ${opts.dataDir}`);
    return existing;
  }
  if (existing) throw new Error(`${opts.dataDir} holds a city with another seed/scale; use a new --data-dir`);
  const t0 = Date.now();
  const config = loadConfig({ dataDir: opts.dataDir, env: 'production', logLevel: 'warn', databaseUrl: null });
  const p = await openPlatform(config, log);
  const clients: pg.Client[] = [];
  try {
    const ctx = systemCtx(p.deps, 'bench:data');
    const db = p.deps.db;
    const d = new Draw(seed);
    const org = async (parentId: number, level: 'province' | 'city' | 'district' | 'street' | 'community' | 'grid', code: string, name: string) => {
      const parent = await db.selectFrom('org').select('path').where('id', '=', parentId).executeTakeFirstOrThrow();
      const id = await insertOrg(db, { parentId, parentPath: parent.path, level, code, name, householdsTarget: level === 'grid' ? 500 : null, boundary: null });
      return { id, path: `${parent.path}${id}/`, code };
    };
    log('orgs …');
    const province = await org(1, 'province', '42', '湖北省');
    const city = await org(province.id, 'city', '4212', '咸宁市');
    const streets: { id: number; path: string; code: string; district: string }[] = [];
    for (const [code, name] of CITY.districts) {
      const dist = await org(city.id, 'district', code, name);
      for (let s = 1; s <= CITY.streetsPerDistrict; s++) {
        const sc = `${code}${String(s).padStart(3, '0')}`;
        streets.push({ ...(await org(dist.id, 'street', sc, `${name}第${s}街道`)), district: code });
      }
    }
    const grids: { id: number; path: string; code: string; district: string }[] = [];
    for (let c = 0; c < CITY.communities; c++) {
      const st = streets[c % streets.length];
      const cc = `${st.code}${String(Math.floor(c / streets.length) + 1).padStart(3, '0')}`;
      const com = await org(st.id, 'community', cc, `社区${c + 1}`);
      const n = Math.floor(CITY.grids / CITY.communities) + (c < CITY.grids % CITY.communities ? 1 : 0);
      for (let g = 1; g <= n; g++) grids.push({ ...(await org(com.id, 'grid', `${cc}${String(g).padStart(3, '0')}`, `社区${c + 1}第${g}网格`)), district: st.district });
    }

    const mk = (table: string, columns: string[]) => CopySink.connect(p.databaseUrl, clients, table, columns);
    const estates = await mk('estate', ['id', 'org_id', 'org_path', 'name', 'address']);
    const buildings = await mk('building', ['id', 'estate_id', 'org_id', 'org_path', 'name', 'floors']);
    const units = await mk('unit', ['id', 'building_id', 'org_id', 'org_path', 'name']);
    const households = await mk('household', ['id', 'org_id', 'org_path', 'estate_id', 'building_id', 'unit_id', 'place', 'room_enc', 'address_enc', 'address_masked', 'address_hash', 'area_sqm', 'tenure', 'head_resident_id']);
    const residents = await mk('resident', ['id', 'org_id', 'org_path', 'household_id', 'relation', 'name', 'gender', 'birth_date', 'id_type', 'id_enc', 'id_hash', 'id_masked', 'phone_enc', 'phone_hash', 'phone_masked', 'ethnicity', 'political_status', 'registration_type', 'arrival_date', 'tags']);
    const memberships = await mk('household_membership', ['resident_id', 'household_id', 'org_id', 'org_path', 'relation']);

    const total = Math.round(CITY.residents * scale);
    const cipher: FieldCipher = p.deps.cipher;
    const usedIds = new Set<number>();
    let estateId = 0, buildingId = 0, unitId = 0, householdId = 0, residentId = 0;
    log(`places and ${total.toLocaleString()} residents …`);
    for (let gi = 0; gi < grids.length; gi++) {
      const g = grids[gi];
      const share = Math.floor(total / grids.length) + (gi < total % grids.length ? 1 : 0);
      const nEstates = gi < CITY.estates - CITY.grids ? 2 : 1;
      let left = share;
      for (let e = 0; e < nEstates; e++) {
        const eId = ++estateId;
        const eName = estateName(d, eId);
        await estates.push([eId, g.id, g.path, eName, `咸宁市${eName}路${d.int(1, 300)}号`]);
        let inEstate = e === nEstates - 1 ? left : Math.floor(share / nEstates);
        left -= inEstate;
        for (let b = 1; inEstate > 0; b++) {
          const bId = ++buildingId;
          const floors = d.int(6, 18);
          await buildings.push([bId, eId, g.id, g.path, `${b}号楼`, floors]);
          for (let u = 1; u <= 2 && inEstate > 0; u++) {
            const uId = ++unitId;
            await units.push([uId, bId, g.id, g.path, `${u}单元`]);
            for (let f = 1; f <= floors && inEstate > 0; f++) {
              for (let r = 1; r <= 2 && inEstate > 0; r++) {
                const hId = ++householdId;
                const room = `${f}0${r}`;
                const place = placeText({ estateName: eName, buildingName: `${b}号楼`, unitName: `${u}单元` });
                const size = Math.min(inEstate, [1, 2, 2, 3, 3, 3, 4, 4, 5][d.int(0, 8)]);
                inEstate -= size;
                const headAge = d.int(24, 88);
                await households.push([hId, g.id, g.path, eId, bId, uId, place, cipher.encrypt(room), cipher.encrypt(exactAddress(place, room)),
                  maskAddress(place, room), cipher.lookupHash(householdKey({ orgId: g.id, estateId: eId, buildingId: bId, unitId: uId, room })),
                  d.int(45, 160), d.chance(80) ? 'owned' : 'rented', residentId + 1]);
                for (let m = 0; m < size; m++) {
                  const rId = ++residentId;
                  const relation = m === 0 ? 'head' : RELATIONS[Math.min(m, RELATIONS.length - 1)];
                  const days = birthDays(d, relation, headAge);
                  const male = relation === 'head' ? d.chance(60) : relation === 'spouse' ? !d.chance(60) : d.chance(50);
                  const prefix = d.chance(85) ? g.district : CITY.districts[d.int(0, CITY.districts.length - 1)][0];
                  let seq = d.int(0, 498) * 2 + (male ? 1 : 0);
                  while (usedIds.has(Number(prefix) * 1e8 + days * 1000 + seq)) seq = (seq + 2) % 1000;
                  usedIds.add(Number(prefix) * 1e8 + days * 1000 + seq);
                  const birth = ISO(days);
                  const first17 = `${prefix}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
                  const idNo = first17 + idCheckChar(first17);
                  const phone = d.chance(90) ? `1${d.pick(['38', '39', '58', '86', '87', '77', '99'])}${String(rId).padStart(8, '0')}` : null;
                  const age = Math.floor((DAY0 - days) / 365.25);
                  const tags: string[] = [];
                  if (size === 1 && age >= 60 && d.chance(50)) tags.push('livingAlone');
                  if (d.chance(1.5)) tags.push('disabled');
                  if (d.chance(2)) tags.push('subsistence');
                  if (age >= 40 && male && d.chance(3)) tags.push('veteran');
                  if (age >= 70 && d.chance(5)) tags.push('keyCare');
                  const reg = d.int(0, 99);
                  const registration = reg < 80 ? 'registered' : reg < 95 ? 'migrant' : 'newCitizen';
                  const pol = d.int(0, 99);
                  await residents.push([rId, g.id, g.path, hId, relation, personName(d), male ? 'male' : 'female', birth, 'idCard',
                    cipher.encrypt(idNo), cipher.lookupHash(identityKey('idCard', idNo)), maskIdNumber(idNo),
                    phone ? cipher.encrypt(phone) : null, phone ? cipher.lookupHash(phone) : null, phone ? maskPhone(phone) : null,
                    d.pick(ETHNICITIES), age < 14 ? null : pol < 8 ? 'partyMember' : pol < 14 ? 'leagueMember' : 'masses', registration,
                    registration === 'migrant' ? ISO(DAY0 - d.int(30, 3000)) : null, tags]);
                  await memberships.push([rId, hId, g.id, g.path, relation]);
                }
              }
            }
          }
        }
      }
      if ((gi + 1) % 100 === 0) log(`  ${gi + 1}/${grids.length} grids, ${residentId.toLocaleString()} residents, ${Math.round((Date.now() - t0) / 1000)} s`);
    }
    for (const s of [estates, buildings, units, households, residents, memberships]) await s.close();
    log('sequences, accounts, ANALYZE …');
    const owner = clients[0];
    for (const t of ['estate', 'building', 'unit', 'household', 'resident', 'household_membership'])
      await owner.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`);
    await owner.query('ANALYZE');
    const street = streets[0], grid = grids[0];
    await createAccount(ctx, { username: BENCH_USERS.street, role: 'streetStaff', orgCode: street.code, password: BENCH_USERS.password, mustChange: false });
    await createAccount(ctx, { username: BENCH_USERS.grid, role: 'gridWorker', orgCode: grid.code, password: BENCH_USERS.password, mustChange: false });
    const summary: CitySummary = {
      seed, scale, ms: Date.now() - t0,
      counts: { streets: streets.length, communities: CITY.communities, grids: grids.length, estates: estateId, buildings: buildingId, units: unitId, households: householdId, residents: residentId },
      streetCode: street.code, gridCode: grid.code, users: BENCH_USERS,
    };
    fs.writeFileSync(path.join(opts.dataDir, SUMMARY), JSON.stringify(summary, null, 2));
    log(`done in ${Math.round(summary.ms / 1000)} s: ${JSON.stringify(summary.counts)}`);
    return summary;
  } finally {
    for (const c of clients) await c.end().catch(() => {});
    await p.stop();
  }
}

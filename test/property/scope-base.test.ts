/**
 * Property: resident lists, searches, filters, exports and details never answer with a
 * record outside the signed-in user's org subtree, and a detail outside it is 404.
 *
 * Each run adds random households and residents across gridA/gridB/communityA/communityB
 * of the fixture world (streets A and B above them), inserted with the columns the
 * services write (ciphertexts, keyed hashes, masks), and then replays random requests of
 * random users (street, community and grid staff of both streets, and roles without
 * resident.read) through the real HTTP pipeline. Answers are compared with an in-memory
 * model: no returned record outside scope (the property), and the returned set equals
 * what the model says the filter selects in scope (so an over-strict filter fails too).
 *
 * Knobs: SCOPE_BASE_RUNS (default 20), SCOPE_BASE_SEED (replay a failure).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, loginAll, type World } from '../api/fixtures.js';
import { household, idCard } from '../api/residents-fixtures.js';
import { maskIdNumber, maskPhone } from '../../src/core/crypto.js';
import { ageOn, ageTags, identityKey } from '../../src/modules/residents/rules.js';

const RUNS = Number(process.env.SCOPE_BASE_RUNS ?? 20);
const SEED = process.env.SCOPE_BASE_SEED ? Number(process.env.SCOPE_BASE_SEED) : undefined;
const API = '/api/v1/residents';

const NAMES = ['张三丰', '李丰', '王小丰', '张丽', '赵敏', '周芷若', '欧阳锋', '李四', 'Li Lei'];
const QUERIES = ['丰', '张', '小丰', '欧阳', '三', '李四', 'li', '无此人', '%', '_'];
const MANUAL = ['veteran', 'disabled', 'livingAlone'] as const;

interface MOrg { key: string; id: number; path: string }
interface MHousehold { id: number; org: MOrg }
interface MResident {
  id: number; orgPath: string; householdId: number | null; name: string; gender: 'male' | 'female'; birth: string;
  tags: string[]; status: 'active' | 'inactive'; registration: 'registered' | 'migrant'; idNumber: string; phone: string | null;
}
interface User { label: string; s: Session; path: string; reads: boolean }

const residentArb = fc.record({
  org: fc.nat(3), inHousehold: fc.nat(2), household: fc.nat(), name: fc.constantFrom(...NAMES), gender: fc.constantFrom<'male' | 'female'>('male', 'female'),
  age: fc.integer({ min: 1, max: 95 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }),
  tags: fc.subarray([...MANUAL]), inactive: fc.nat(5), migrant: fc.boolean(), phone: fc.boolean(),
});
const worldArb = fc.record({ households: fc.array(fc.nat(3), { maxLength: 3 }), residents: fc.array(residentArb, { minLength: 1, maxLength: 15 }) });

type ArbOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
/** `null` most of the time: filters that are always set mostly select nothing. */
const maybe = <T>(a: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary: a });

const filterArb = fc.record({
  q: maybe(fc.oneof(fc.constantFrom(...QUERIES).map((q) => ({ kind: 'name' as const, q })), fc.record({ kind: fc.constantFrom('id' as const, 'phone' as const), idx: fc.nat() })), 35),
  orgKey: maybe(fc.constantFrom('gridA', 'gridB', 'communityA', 'communityB', 'streetA', 'streetB'), 35),
  household: maybe(fc.nat(), 20),
  tags: maybe(fc.subarray(['veteran', 'disabled', 'livingAlone', 'age60', 'age80'], { minLength: 1, maxLength: 2 }), 25),
  ageMin: maybe(fc.integer({ min: 0, max: 90 }), 20),
  ageMax: maybe(fc.integer({ min: 0, max: 95 }), 15),
  gender: maybe(fc.constantFrom('male', 'female'), 20),
  registrationType: maybe(fc.constantFrom('registered', 'migrant'), 15),
  status: maybe(fc.constantFrom('active', 'inactive', 'all'), 30),
});
const caseArb = fc.record({
  user: fc.nat(), route: fc.constantFrom('list', 'list', 'export', 'detail', 'detail', 'history'),
  filter: filterArb, target: fc.nat(), missing: fc.nat(9), pageSize: fc.constantFrom(1, 3, 200),
});

class Leak extends Error {}

describe('data scope of resident records (property)', () => {
  let t: TestApp;
  let w: World;
  let orgs: MOrg[];
  const households: MHousehold[] = [];
  const residents = new Map<number, MResident>();
  let users: User[];
  let seq = 0;
  const tally = { cases: 0, rows: 0, nonEmpty: 0, outside404: 0, forbidden: 0, badOrg400: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    const s = await loginAll(t, w);
    const gridWorkerB = await t.login((await t.user('gridWorker', w.gridB.code, 'grid_b_worker')).username);
    const communityWorkerB = await t.login((await t.user('communityWorker', w.communityB.code, 'community_b_worker')).username);
    orgs = [
      { key: 'gridA', ...w.gridA }, { key: 'gridB', ...w.gridB }, { key: 'communityA', ...w.communityA }, { key: 'communityB', ...w.communityB },
      { key: 'streetA', ...w.streetA }, { key: 'streetB', ...w.streetB },
    ];
    users = [
      { label: 'streetStaff A', s: s.streetStaff, path: w.streetA.path, reads: true },
      { label: 'streetStaff B', s: s.streetStaffB, path: w.streetB.path, reads: true },
      { label: 'communityWorker A', s: s.communityWorker, path: w.communityA.path, reads: true },
      { label: 'communityWorker B', s: communityWorkerB, path: w.communityB.path, reads: true },
      { label: 'gridWorker A', s: s.gridWorker, path: w.gridA.path, reads: true },
      { label: 'gridWorker B', s: gridWorkerB, path: w.gridB.path, reads: true },
      { label: 'sysAdmin', s: s.sysAdmin, path: '/1/', reads: false },
      { label: 'departmentStaff', s: s.departmentStaff, path: w.deptA.path, reads: false },
      { label: 'resident', s: s.resident, path: w.communityA.path, reads: false },
    ];
  });
  afterAll(async () => { await t?.close(); });

  async function addWorld(spec: ArbOf<typeof worldArb>) {
    for (const o of spec.households) {
      const org = orgs[o];
      const h = await household(t, org, `${org.key} 小区`);
      households.push({ id: h.id, org });
    }
    const today = new Date();
    const { cipher } = t.deps;
    for (const r of spec.residents) {
      const hh = households.length && r.inHousehold > 0 ? households[r.household % households.length] : null;
      const org = hh ? hh.org : orgs[r.org];
      const birth = `${today.getUTCFullYear() - r.age}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`;
      const idNumber = idCard(birth, r.gender, ++seq % 999, '620902');
      const phone = r.phone ? `139${String(seq).padStart(8, '0')}` : null;
      const status = r.inactive === 0 ? 'inactive' : 'active';
      const registration = r.migrant ? 'migrant' : 'registered';
      const row = await t.handle.db.insertInto('resident').values({
        org_id: org.id, org_path: org.path, household_id: hh?.id ?? null, relation: hh ? 'other' : null, name: r.name, gender: r.gender, birth_date: birth,
        id_type: 'idCard', id_enc: cipher.encrypt(idNumber), id_hash: cipher.lookupHash(identityKey('idCard', idNumber)), id_masked: maskIdNumber(idNumber),
        phone_enc: phone ? cipher.encrypt(phone) : null, phone_hash: phone ? cipher.lookupHash(phone) : null, phone_masked: phone ? maskPhone(phone) : null,
        registration_type: registration, tags: r.tags, status,
      }).returning('id').executeTakeFirstOrThrow();
      residents.set(row.id, { id: row.id, orgPath: org.path, householdId: hh?.id ?? null, name: r.name, gender: r.gender, birth, tags: r.tags, status, registration, idNumber, phone });
    }
  }

  const inScope = (u: User, path: string) => path.startsWith(u.path);

  function query(c: ArbOf<typeof caseArb>) {
    const f = c.filter;
    const all = [...residents.values()];
    const params: Record<string, string> = {};
    let match: (r: MResident) => boolean = () => true;
    const and = (p: (r: MResident) => boolean) => { const prev = match; match = (r) => prev(r) && p(r); };
    if (f.q) {
      if (f.q.kind === 'name') {
        const q = f.q.q;
        params.q = q;
        and((r) => r.name.toLowerCase().includes(q.toLowerCase()));
      } else {
        const pool = f.q.kind === 'phone' ? all.filter((r) => r.phone) : all;
        const target = pool.length ? pool[f.q.idx % pool.length] : all[0];
        const value = f.q.kind === 'phone' && target.phone ? target.phone : target.idNumber;
        params.q = value;
        and((r) => r.idNumber === value || r.phone === value);
      }
    }
    let badOrg = false;
    const org = f.orgKey ? orgs.find((o) => o.key === f.orgKey)! : null;
    if (org) {
      params.orgId = String(org.id);
      and((r) => r.orgPath.startsWith(org.path));
    }
    if (f.household !== null && households.length) {
      const h = households[f.household % households.length];
      params.householdId = String(h.id);
      and((r) => r.householdId === h.id);
    }
    if (f.tags) {
      params.tags = f.tags.join(',');
      and((r) => f.tags!.every((tag: string) => r.tags.includes(tag) || (ageTags(r.birth) as string[]).includes(tag)));
    }
    let badAge = false;
    if (f.ageMin !== null) { params.ageMin = String(f.ageMin); and((r) => ageOn(r.birth) >= f.ageMin!); }
    if (f.ageMax !== null) { params.ageMax = String(f.ageMax); and((r) => ageOn(r.birth) <= f.ageMax!); }
    if (f.ageMin !== null && f.ageMax !== null && f.ageMin > f.ageMax) badAge = true;
    if (f.gender) { params.gender = f.gender; and((r) => r.gender === f.gender); }
    if (f.registrationType) { params.registrationType = f.registrationType; and((r) => r.registration === f.registrationType); }
    const status = f.status ?? 'active';
    if (f.status) params.status = f.status;
    and((r) => status === 'all' || r.status === status);
    return { params, match, org, badOrg, badAge };
  }

  function fail(u: User, what: string, msg: string): never {
    throw new Leak(`${u.label} ${what}: ${msg}`);
  }

  async function runCase(c: ArbOf<typeof caseArb>) {
    // Readers twice as often as the roles that only get 403.
    const pool = [...users.filter((x) => x.reads), ...users];
    const u = pool[c.user % pool.length];
    tally.cases++;
    if (c.route === 'detail' || c.route === 'history') {
      const ids = [...residents.keys()];
      const id = c.missing === 0 ? 99_999_999 : ids[c.target % ids.length];
      const url = c.route === 'detail' ? `${API}/${id}` : `${API}/${id}/history`;
      const r = await u.s.get(url);
      const m = residents.get(id);
      if (!u.reads) { if (r.statusCode !== 403) fail(u, url, `expected 403, got ${r.statusCode}`); tally.forbidden++; return; }
      if (!m || !inScope(u, m.orgPath)) {
        if (r.statusCode !== 404) fail(u, url, `LEAK: expected 404 for ${m ? `a record of ${m.orgPath}` : 'a missing id'}, got ${r.statusCode} ${r.body.slice(0, 200)}`);
        if (m && r.body.includes(m.idNumber.slice(-4))) fail(u, url, 'LEAK: 404 body mentions the record');
        if (m) tally.outside404++;
        return;
      }
      if (r.statusCode !== 200) fail(u, url, `expected 200, got ${r.statusCode} ${r.body.slice(0, 200)}`);
      if (c.route === 'detail' && r.json().id !== id) fail(u, url, 'wrong record');
      return;
    }
    const { params, match, org, badAge } = query(c);
    const qs = new URLSearchParams(c.route === 'list' ? { ...params, pageSize: String(c.pageSize) } : params).toString();
    const url = `${API}${c.route === 'export' ? '/export.xlsx' : ''}?${qs}`;
    const r = await u.s.get(url);
    if (!u.reads) { if (r.statusCode !== 403) fail(u, url, `expected 403, got ${r.statusCode}`); tally.forbidden++; return; }
    if (badAge || (org && !inScope(u, org.path))) {
      if (r.statusCode !== 400) fail(u, url, `expected 400, got ${r.statusCode} ${r.body.slice(0, 200)}`);
      tally.badOrg400 += org && !inScope(u, org.path) ? 1 : 0;
      return;
    }
    if (r.statusCode !== 200) fail(u, url, `expected 200, got ${r.statusCode} ${r.body.slice(0, 300)}`);
    const want = [...residents.values()].filter((x) => inScope(u, x.orgPath) && match(x)).map((x) => x.id).sort((a, b) => a - b);
    let got: number[];
    if (c.route === 'list') {
      const body = r.json() as { items: { id: number }[]; total: number; totalExact: boolean };
      got = body.items.map((x) => x.id);
      if (body.total !== want.length || !body.totalExact) fail(u, url, `total ${body.total} (exact ${body.totalExact}), model ${want.length}`);
      want.splice(c.pageSize);
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      got = [];
      wb.worksheets[0].eachRow((row, n) => { if (n > 1) got.push(Number(row.getCell(1).value)); });
    }
    for (const id of got) {
      const m = residents.get(id);
      if (!m) fail(u, url, `returned unknown resident ${id}`);
      if (!inScope(u, m.orgPath)) fail(u, url, `LEAK: resident ${id} of ${m.orgPath} is outside ${u.path}`);
    }
    tally.rows += got.length;
    if (got.length) tally.nonEmpty++;
    if (got.join(',') !== want.join(',')) fail(u, url, `returned [${got}] but the model selects [${want}]`);
  }

  it(`no resident list, search, filter, export or detail answers outside the user's scope (${RUNS} runs)`, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(worldArb, fc.array(caseArb, { minLength: 12, maxLength: 12 }), async (spec, cases) => {
        await addWorld(spec);
        for (const c of cases) await runCase(c);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`[scope-base property] ${RUNS} runs, ${residents.size} residents, ${households.length} households, ${((Date.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify(tally)}`);
    expect(tally.cases).toBe(RUNS * 12);
    expect(tally.nonEmpty).toBeGreaterThan(0);
  }, 120_000);
});

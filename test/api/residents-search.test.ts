import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, type Account, type World } from './fixtures.js';
import { API, createResident, household, idCard, yearsAgo, type ResidentBody } from './residents-fixtures.js';

const RES = `${API}/residents`;

describe('resident search and filters', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  const made: Record<string, ResidentBody> = {};
  const ids: Record<string, string> = {};
  let hA1: { id: number }, hA2: { id: number };
  let estateId: number, buildingId: number;

  const list = async (who: Session, query: string) => {
    const r = await who.get(`${RES}?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { items: ResidentBody[]; total: number; page: number; pageSize: number; totalExact: boolean };
  };
  const names = async (who: Session, query: string) => (await list(who, `${query}&pageSize=200`)).items.map((x) => x.id).sort((a, b) => a - b);
  const idsOf = (...keys: string[]) => keys.map((k) => made[k].id).sort((a, b) => a - b);

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    const db = t.handle.db;
    const estate = await db.insertInto('estate').values({ org_id: w.gridA.id, org_path: w.gridA.path, name: '富康小区' }).returning('id').executeTakeFirstOrThrow();
    estateId = estate.id;
    const building = await db.insertInto('building').values({ estate_id: estateId, org_id: w.gridA.id, org_path: w.gridA.path, name: '3号楼' }).returning('id').executeTakeFirstOrThrow();
    buildingId = building.id;
    hA1 = await household(t, w.gridA, '富康小区 3号楼');
    await db.updateTable('household').set({ estate_id: estateId, building_id: buildingId }).where('id', '=', hA1.id).execute();
    hA2 = await household(t, w.communityA, '富康路 12号');
    const hB = await household(t, w.gridB, '南苑小区');
    const add = async (key: string, who: Session, body: Record<string, unknown>) => {
      made[key] = await createResident(who, body);
    };
    ids.zhang = idCard('1940-02-03', 'male', 31);
    ids.li = idCard(yearsAgo(60), 'female', 32);
    ids.young = idCard(yearsAgo(60, 1), 'female', 33);
    await add('zhang', s.gridWorker, { name: '张三丰', idNumber: ids.zhang, phone: '13811112222', householdId: hA1.id, relation: 'head', tags: ['veteran', 'livingAlone'], politicalStatus: 'partyMember' });
    await add('li', s.gridWorker, { name: '李丰', idNumber: ids.li, householdId: hA1.id, relation: 'spouse', tags: ['veteran'] });
    await add('young', s.communityWorker, { name: '王小丰', idNumber: ids.young, householdId: hA2.id, relation: 'head', registrationType: 'migrant', arrivalDate: '2022-02-02' });
    await add('kid', s.communityWorker, { name: '张丽', idNumber: idCard('2015-09-09', 'female', 34), orgId: w.communityA.id, tags: ['leftBehindChild'] });
    await add('pct', s.communityWorker, { name: '百分%_号', idNumber: idCard('1990-01-01', 'male', 35), orgId: w.communityA.id });
    await add('bZhang', s.streetStaffB, { name: '张三', idNumber: idCard('1930-01-01', 'male', 36), householdId: hB.id, relation: 'head', tags: ['veteran'] });
    await add('gone', s.gridWorker, { name: '张走了', idNumber: idCard('1950-01-01', 'male', 37), orgId: w.gridA.id });
    expect((await s.gridWorker.post(`${RES}/${made.gone.id}/deactivate`, { reason: '已迁走' })).statusCode).toBe(200);
  });
  afterAll(async () => { await t?.close(); });

  it('address: fuzzy on the household place, within scope', async () => {
    expect(await names(s.streetStaff, `address=${encodeURIComponent('富康')}`)).toEqual(idsOf('zhang', 'li', 'young'));
    expect(await names(s.streetStaff, `address=${encodeURIComponent('3号楼')}`)).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaff, `address=${encodeURIComponent('南苑')}`)).toEqual([]);
    expect(await names(s.streetStaffB, `address=${encodeURIComponent('南苑')}`)).toEqual(idsOf('bZhang'));
    expect(await names(s.streetStaff, `address=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('lists only what is in scope, active by default, in id order', async () => {
    expect(await names(s.streetStaff, 'status=active')).toEqual(idsOf('zhang', 'li', 'young', 'kid', 'pct'));
    expect(await names(s.gridWorker, 'status=active')).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaffB, 'status=active')).toEqual(idsOf('bZhang'));
    expect(await names(s.streetStaff, 'status=inactive')).toEqual(idsOf('gone'));
    expect(await names(s.streetStaff, 'status=all')).toEqual(idsOf('zhang', 'li', 'young', 'kid', 'pct', 'gone'));
    const page = await list(s.streetStaff, 'pageSize=2&page=2');
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2, totalExact: true });
    expect(page.items.map((x) => x.id)).toEqual(idsOf('zhang', 'li', 'young', 'kid', 'pct').slice(2, 4));
    expect(await list(s.streetStaff, 'pageSize=2&page=9')).toMatchObject({ items: [], total: 5 });
    expect(await list(s.streetStaff, 'pageSize=5')).toMatchObject({ total: 5, totalExact: true });
    for (const a of ['sysAdmin', 'departmentStaff', 'resident', 'auditAdmin'] as Account[]) expectError(await s[a].get(RES), 403, 'FORBIDDEN');
    expectError(await t.app.inject({ method: 'GET', url: RES }), 401, 'UNAUTHENTICATED');
  });

  it('q: one, two and three characters of a name (contains), LIKE wildcards taken literally', async () => {
    expect(await names(s.streetStaff, `q=${encodeURIComponent('丰')}`)).toEqual(idsOf('zhang', 'li', 'young'));
    expect(await names(s.streetStaff, `q=${encodeURIComponent('张')}`)).toEqual(idsOf('zhang', 'kid'));
    expect(await names(s.streetStaff, `q=${encodeURIComponent('三丰')}`)).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaff, `q=${encodeURIComponent('张三丰')}`)).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaff, `q=${encodeURIComponent('小丰')}`)).toEqual(idsOf('young'));
    expect(await names(s.streetStaffB, `q=${encodeURIComponent('张三')}`)).toEqual(idsOf('bZhang'));
    expect(await names(s.streetStaff, `q=${encodeURIComponent('%')}`)).toEqual(idsOf('pct'));
    expect(await names(s.streetStaff, `q=${encodeURIComponent('_')}`)).toEqual(idsOf('pct'));
    expect(await names(s.streetStaff, `q=${encodeURIComponent('赵')}`)).toEqual([]);
  });

  it('q: an ID number or a phone matches exactly through the hash, only in scope', async () => {
    expect(await names(s.streetStaff, `q=${ids.zhang}`)).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaff, `q=${ids.zhang.toLowerCase()}`)).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaff, `q=${ids.zhang.slice(0, 17)}`)).toEqual([]);
    expect(await names(s.streetStaff, `q=${encodeURIComponent('+86 138-1111-2222')}`)).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaffB, `q=${ids.zhang}`)).toEqual([]);
    expect(await names(s.streetStaffB, 'q=13811112222')).toEqual([]);
  });

  it('filters: org subtree, household, estate, building', async () => {
    expect(await names(s.streetStaff, `orgId=${w.gridA.id}`)).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaff, `orgId=${w.communityA.id}`)).toEqual(idsOf('zhang', 'li', 'young', 'kid', 'pct'));
    expect(await names(s.streetStaff, `householdId=${hA2.id}`)).toEqual(idsOf('young'));
    expect(await names(s.streetStaff, `estateId=${estateId}`)).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaff, `buildingId=${buildingId}`)).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaffB, `householdId=${hA1.id}`)).toEqual([]);
    expect(await names(s.streetStaffB, `estateId=${estateId}`)).toEqual([]);
    expectError(await s.streetStaffB.get(`${RES}?orgId=${w.gridA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.gridWorker.get(`${RES}?orgId=${w.communityA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
  });

  it('filters: tags (all of; age tags from the birth date), ages at the birthday boundary, enums', async () => {
    expect(await names(s.streetStaff, 'tags=veteran')).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaff, 'tags=veteran,livingAlone')).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaff, 'tags=age60')).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaff, 'tags=age80')).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaff, 'tags=age60,veteran,livingAlone')).toEqual(idsOf('zhang'));
    expect(await names(s.streetStaff, 'ageMin=60')).toEqual(idsOf('zhang', 'li'));
    expect(await names(s.streetStaff, 'ageMin=59&ageMax=59')).toEqual(idsOf('young'));
    expect(await names(s.streetStaff, 'ageMax=60&ageMin=60')).toEqual(idsOf('li'));
    expect(await names(s.streetStaff, 'ageMax=18')).toEqual(idsOf('kid'));
    expect(await names(s.streetStaff, 'registrationType=migrant')).toEqual(idsOf('young'));
    expect(await names(s.streetStaff, 'gender=female')).toEqual(idsOf('li', 'young', 'kid'));
    expect(await names(s.streetStaff, 'politicalStatus=partyMember')).toEqual(idsOf('zhang'));
    const li = made.li;
    expect(li.tags).toContain('age60');
    expect(made.young.tags).not.toContain('age60');
    expectError(await s.streetStaff.get(`${RES}?tags=veteran,bogus`), 400, 'VALIDATION_FAILED', 'tags');
    expectError(await s.streetStaff.get(`${RES}?ageMin=30&ageMax=20`), 400, 'VALIDATION_FAILED', 'ageMax');
    expectError(await s.streetStaff.get(`${RES}?gender=x`), 400, 'VALIDATION_FAILED', 'gender');
    expectError(await s.streetStaff.get(`${RES}?pageSize=201`), 400, 'VALIDATION_FAILED', 'pageSize');
  });
});

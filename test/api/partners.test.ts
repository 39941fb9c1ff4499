import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { member, memberResident, must, need, post, unit } from './partners-fixtures.js';

/** Party members, partner units, contracts and duty lists; the need list, offers and posts; scope and bad input. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
});
afterAll(async () => { await t?.close(); });

const audits = (action: string) => t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('party members (双报到)', () => {
  it('registers a member with the phone encrypted and masked, searchable, paged, exported masked, revealed with a reason', async () => {
    const m = await member(s.communityWorker, w.communityA.id, { name: '张建国', phone: '139-1234-5678' });
    expect(m.phone).toBe('139****5678');
    expect(m).toMatchObject({ orgId: w.communityA.id, status: 'active', actions: ['update', 'reveal'] });
    const stored = await t.handle.db.selectFrom('party_member').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(stored.phone_enc).not.toContain('5678');
    await member(s.communityWorker, w.communityA.id, { name: '王秀英', phone: null, workUnit: '市第二人民医院' });

    const byName = (await s.communityWorker.get('/api/v1/party-members?q=建国')).json();
    expect(byName.items.map((x: { name: string }) => x.name)).toEqual(['张建国']);
    const byUnit = (await s.communityWorker.get(`/api/v1/party-members?q=${encodeURIComponent('医院')}`)).json();
    expect(byUnit.total).toBe(1);
    const byPhone = (await s.communityWorker.get('/api/v1/party-members?phone=13912345678')).json();
    expect(byPhone.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
    const page = (await s.communityWorker.get('/api/v1/party-members?pageSize=1&page=2')).json();
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);

    const x = await s.communityWorker.get('/api/v1/party-members/export.xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const sheet = await readXlsx(x);
    expect(sheet.header).toContain('电话（脱敏）');
    expect(sheet.rows.map((r) => r['姓名']).sort()).toEqual(['张建国', '王秀英'].sort());
    expect(JSON.stringify(sheet.rows)).not.toContain('12345678');
    expect((await audits('partyMember.export')).at(-1)?.detail).toMatchObject({ rows: 2 });

    expectError(await s.communityWorker.post(`/api/v1/party-members/${m.id}/reveal`, {}), 400, 'VALIDATION_FAILED', 'reason');
    const rev = await s.communityWorker.post(`/api/v1/party-members/${m.id}/reveal`, { reason: '联系认领事宜' });
    expect(rev.json()).toEqual({ value: '13912345678' });
    expect((await audits('partyMember.reveal')).at(-1)).toMatchObject({ outcome: 'success', detail: { field: 'phone', reason: '联系认领事宜' } });
  });

  it('refuses bad input naming the field, with no partial write', async () => {
    const before = await t.handle.db.selectFrom('party_member').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expectError(await s.communityWorker.post('/api/v1/party-members', { orgId: w.gridA.id, name: '甲', workUnit: '乙', partyOrg: '丙' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post('/api/v1/party-members', { orgId: w.communityB.id, name: '甲', workUnit: '乙', partyOrg: '丙' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post('/api/v1/party-members', { orgId: w.communityA.id, name: '甲', workUnit: '乙', partyOrg: '丙', reportedOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'reportedOn');
    expectError(await s.communityWorker.post('/api/v1/party-members', { orgId: w.communityA.id, name: '甲', workUnit: '乙', partyOrg: '丙', phone: 'abc' }), 400, 'VALIDATION_FAILED', 'phone');
    expectError(await s.communityWorker.post('/api/v1/party-members', { orgId: w.communityA.id, name: '   ', workUnit: '乙', partyOrg: '丙' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(await s.communityWorker.post('/api/v1/party-members', { orgId: w.communityA.id, name: '甲', workUnit: '乙', partyOrg: '丙', userId: w.users.gridWorker.id }), 400, 'VALIDATION_FAILED', 'userId');
    const after = await t.handle.db.selectFrom('party_member').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('links a resident account once; the resident sees their own record', async () => {
    const u = await t.user('resident', w.communityA.code, 'pm_link_1');
    const m = await member(s.communityWorker, w.communityA.id, { name: '赵党员', userId: u.id, status: 'pending' });
    expectError(await s.communityWorker.post('/api/v1/party-members', { orgId: w.communityA.id, name: '钱', workUnit: '乙', partyOrg: '丙', userId: u.id }), 409, 'MEMBER_ACCOUNT_TAKEN', 'userId');
    const me = await t.login(u.username);
    expect((await me.get('/api/v1/me/party-member')).json().member).toMatchObject({ id: m.id, status: 'pending', phone: '139****5678', actions: [] });
    expect((await s.resident.get('/api/v1/me/party-member')).json()).toEqual({ member: null });
    const approved = await s.communityWorker.patch(`/api/v1/party-members/${m.id}`, { status: 'active' });
    expect(approved.json().status).toBe('active');
    expect((await audits('partyMember.update')).at(-1)?.detail).toMatchObject({ changed: ['status'], status: 'active' });
  });

  it('another street sees nothing of it: list, search, detail, export, reveal', async () => {
    const m = await member(s.communityWorker, w.communityA.id, { name: '孙保密' });
    const b = s.streetStaffB;
    expect((await b.get('/api/v1/party-members')).json().total).toBe(0);
    expect((await b.get(`/api/v1/party-members?q=${encodeURIComponent('孙保密')}`)).json().total).toBe(0);
    expectError(await b.get(`/api/v1/party-members/${m.id}`), 404, 'NOT_FOUND');
    expectError(await b.patch(`/api/v1/party-members/${m.id}`, { name: '改' }), 404, 'NOT_FOUND');
    expectError(await b.post(`/api/v1/party-members/${m.id}/reveal`, { reason: '试探' }), 404, 'NOT_FOUND');
    expect((await readXlsx(await b.get('/api/v1/party-members/export.xlsx'))).rows).toEqual([]);
    expectError(await b.get(`/api/v1/party-members?orgId=${w.communityA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    // The street above sees it.
    expect((await s.streetStaff.get(`/api/v1/party-members/${m.id}`)).json().name).toBe('孙保密');
  });
});

describe('partner units, contracts and duty lists', () => {
  it('registers a unit, signs a contract with duties, ticks a duty, ends the contract', async () => {
    const u = await unit(s.communityWorker, w.communityA.id);
    expect(u.contactPhone).toMatch(/\*{4}/);
    expect(u.contactPhone).not.toContain('2612345');
    expectError(await s.communityWorker.post('/api/v1/partner-contracts', { orgId: w.communityA.id, unitId: u.id, title: '共建', startsOn: '2026-06-01', endsOn: '2026-01-01' }), 400, 'VALIDATION_FAILED', 'endsOn');
    expectError(await s.communityWorker.post('/api/v1/partner-contracts', { orgId: w.communityA.id, unitId: 999999, title: '共建', startsOn: '2026-01-01', endsOn: '2026-12-31' }), 400, 'VALIDATION_FAILED', 'unitId');
    const c = await must<{ contract: { id: number; dutiesTotal: number; dutiesDone: number }; duties: { id: number; actions: string[] }[] }>(s.communityWorker.post('/api/v1/partner-contracts', {
      orgId: w.communityA.id, unitId: u.id, title: '2026 年度共建协议', startsOn: '2026-01-01', endsOn: '2026-12-31',
      duties: [{ description: '每月开展一次文明劝导', dueOn: '2026-12-31' }, { description: '开放操场供居民锻炼' }],
    }));
    expect(c.contract).toMatchObject({ dutiesTotal: 2, dutiesDone: 0 });
    expect(c.duties[0].actions).toEqual(['complete']);
    const done = await s.communityWorker.patch(`/api/v1/partner-duties/${c.duties[0].id}`, { done: true, doneNote: '全年 12 次' });
    expect(done.json().contract.dutiesDone).toBe(1);
    expect(done.json().duties[0]).toMatchObject({ doneNote: '全年 12 次', actions: ['reopen'] });
    const added = await s.communityWorker.post(`/api/v1/partner-contracts/${c.contract.id}/duties`, { description: '暑期托管' });
    expect(added.json().duties).toHaveLength(3);
    const ended = await s.communityWorker.patch(`/api/v1/partner-contracts/${c.contract.id}`, { status: 'terminated' });
    expect(ended.json().contract.status).toBe('terminated');
    expectError(await s.communityWorker.post(`/api/v1/partner-contracts/${c.contract.id}/duties`, { description: '又一项' }), 409, 'CONTRACT_NOT_ACTIVE');
    expect((await s.communityWorker.get(`/api/v1/partner-units/${u.id}`)).json().activeContracts).toBe(0);
    const list = (await s.communityWorker.get(`/api/v1/partner-contracts?unitId=${u.id}`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([c.contract.id]);
    const sheet = await readXlsx(await s.communityWorker.get('/api/v1/partner-units/export.xlsx?kind=school'));
    expect(sheet.rows.some((r) => r['单位名称'] === '酒泉市第一中学' && r['类型'] === '学校')).toBe(true);
    // Reveal
    expect((await s.communityWorker.post(`/api/v1/partner-units/${u.id}/reveal`, { reason: '联系共建' })).json().value).toBe('09372612345');

    // Another street: nothing.
    const b = s.streetStaffB;
    expect((await b.get('/api/v1/partner-units')).json().total).toBe(0);
    expect((await b.get('/api/v1/partner-contracts')).json().total).toBe(0);
    expectError(await b.get(`/api/v1/partner-contracts/${c.contract.id}`), 404, 'NOT_FOUND');
    expectError(await b.get(`/api/v1/partner-units/${u.id}`), 404, 'NOT_FOUND');
    expectError(await b.patch(`/api/v1/partner-duties/${c.duties[1].id}`, { done: true }), 404, 'NOT_FOUND');
    expect((await readXlsx(await b.get('/api/v1/partner-units/export.xlsx'))).rows).toEqual([]);
    expect((await readXlsx(await b.get('/api/v1/partner-contracts/export.xlsx'))).rows).toEqual([]);
    const contracts = await readXlsx(await s.communityWorker.get(`/api/v1/partner-contracts/export.xlsx?unitId=${u.id}`));
    expect(contracts.rows).toEqual([expect.objectContaining({ '协议名称': '2026 年度共建协议', '责任事项': 3, '已完成': 1, '状态': '已终止' })]);
  });
});

describe('need list, service list and posts', () => {
  it('publishes needs from wishes, visits and requests; residents see their own community’s open needs only', async () => {
    const resident = await t.user('resident', w.communityA.code, 'need_raiser');
    const n = await need(s.communityWorker, w.communityA.id, { raisedBy: resident.id, dueOn: '2099-01-01' });
    expect(n).toMatchObject({ status: 'open', claimed: 0, capacity: 1, source: 'wish', raisedBy: resident.id });
    expectError(await s.communityWorker.post('/api/v1/partner-needs', { orgId: w.communityA.id, title: 'x', description: 'x', category: 'x', source: 'wish', visitId: 1 }), 400, 'VALIDATION_FAILED', 'visitId');
    expectError(await s.communityWorker.post('/api/v1/partner-needs', { orgId: w.communityA.id, title: 'x', description: 'x', category: 'x', source: 'visit', visitId: 999999 }), 400, 'VALIDATION_FAILED', 'visitId');
    expectError(await s.communityWorker.post('/api/v1/partner-needs', { orgId: w.communityA.id, title: 'x', description: 'x', category: 'x', source: 'bogus' }), 400, 'VALIDATION_FAILED', 'source');
    expectError(await s.communityWorker.post('/api/v1/partner-needs', { orgId: w.communityA.id, title: 'x', description: 'x', category: 'x', source: 'other', capacity: 0 }), 400, 'VALIDATION_FAILED', 'capacity');
    const bNeed = await need(s.streetStaffB, w.communityB.id, { title: '南苑的需求' });

    const seen = (await s.resident.get('/api/v1/me/partner-needs')).json();
    expect(seen.items.map((x: { id: number }) => x.id)).toContain(n.id);
    expect(seen.items.map((x: { id: number }) => x.id)).not.toContain(bNeed.id);
    expect(seen.items.find((x: { id: number }) => x.id === n.id)).toMatchObject({ raisedBy: null, actions: ['claim'] });
    // Past the last page the total is still told.
    expect((await s.resident.get('/api/v1/me/partner-needs?page=50')).json()).toMatchObject({ items: [], total: seen.total });
    await s.communityWorker.patch(`/api/v1/partner-needs/${n.id}`, { status: 'closed' });
    expect((await s.resident.get('/api/v1/me/partner-needs')).json().items.map((x: { id: number }) => x.id)).not.toContain(n.id);

    const sheet = await readXlsx(await s.communityWorker.get('/api/v1/partner-needs/export.xlsx?source=wish'));
    expect(sheet.rows.find((r) => r['需求'] === '帮独居老人买菜')).toMatchObject({ '来源': '微心愿', '状态': '已关闭' });
    expect((await readXlsx(await s.streetStaffB.get('/api/v1/partner-needs/export.xlsx'))).rows.map((r) => r['需求'])).toEqual(['南苑的需求']);
    expectError(await s.streetStaffB.get(`/api/v1/partner-needs/${n.id}`), 404, 'NOT_FOUND');
    expect((await s.streetStaffB.get(`/api/v1/partner-needs?q=${encodeURIComponent('买菜')}`)).json().total).toBe(0);
  });

  it('keeps a service list of members and units and community posts', async () => {
    const m = await member(s.communityWorker, w.communityA.id, { name: '周医生' });
    const u = await unit(s.communityWorker, w.communityA.id, { name: '康宁药店', kind: 'enterprise' });
    expectError(await s.communityWorker.post('/api/v1/service-offers', { memberId: m.id, unitId: u.id, title: 'x', description: 'x' }), 400, 'VALIDATION_FAILED', 'memberId');
    const o1 = await must<{ providerName: string }>(s.communityWorker.post('/api/v1/service-offers', { memberId: m.id, title: '义诊', description: '测血压', availability: '每月第一个周六' }));
    expect(o1.providerName).toBe('周医生');
    await must(s.communityWorker.post('/api/v1/service-offers', { unitId: u.id, title: '送药上门', description: '行动不便的老人' }));
    expect((await s.communityWorker.get('/api/v1/service-offers?provider=unit')).json().items.map((x: { title: string }) => x.title)).toContain('送药上门');
    const withdrawn = await s.communityWorker.patch(`/api/v1/service-offers/${o1.id}`, { status: 'withdrawn' });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await s.streetStaffB.get('/api/v1/service-offers')).json().total).toBe(0);
    expect((await readXlsx(await s.streetStaffB.get('/api/v1/service-offers/export.xlsx'))).rows).toEqual([]);
    const offers = await readXlsx(await s.communityWorker.get('/api/v1/service-offers/export.xlsx?provider=member'));
    expect(offers.rows.find((r) => r['服务项目'] === '义诊')).toMatchObject({ '提供方': '周医生', '状态': '已撤下' });

    const p = await post(s.communityWorker, w.communityA.id, { name: '文明劝导员' });
    expect((await s.resident.get('/api/v1/me/service-posts')).json().items.map((x: { id: number }) => x.id)).toContain(p.id);
    expect((await t.login((await t.user('resident', w.communityB.code, 'post_b')).username)).get('/api/v1/me/service-posts').then((r) => r.json().items.map((x: { id: number }) => x.id))).not.toContain(p.id);
    expectError(await s.streetStaffB.patch(`/api/v1/service-posts/${p.id}`, { capacity: 9 }), 404, 'NOT_FOUND');
    expect((await s.streetStaffB.get('/api/v1/service-posts')).json().total).toBe(0);
    expect((await readXlsx(await s.streetStaffB.get('/api/v1/service-posts/export.xlsx'))).rows).toEqual([]);
    expect((await readXlsx(await s.communityWorker.get(`/api/v1/service-posts/export.xlsx?q=${encodeURIComponent('文明劝导员')}`))).rows).toEqual([expect.objectContaining({ '岗位名称': '文明劝导员', '名额': 2, '状态': '开放' })]);
  });

  it('a member claims a post from the phone; a unit cannot hold a post', async () => {
    const p = await post(s.communityWorker, w.communityA.id, { name: '楼栋长', capacity: 1 });
    const u = await unit(s.communityWorker, w.communityA.id, { name: '岗位单位' });
    expectError(await s.communityWorker.post('/api/v1/partner-claims', { postId: p.id, unitId: u.id }), 400, 'VALIDATION_FAILED', 'unitId');
    const { session } = await memberResident(t, s.communityWorker, w, 'post_member');
    const c = await must<{ status: string; target: string; actions: string[] }>(session.post('/api/v1/me/partner-claims', { postId: p.id }));
    expect(c).toMatchObject({ status: 'claimed', target: 'post', actions: ['start', 'complete', 'withdraw'] });
    expect((await s.communityWorker.get(`/api/v1/service-posts?q=${encodeURIComponent('楼栋长')}`)).json().items[0].claimed).toBe(1);
    expectError(await s.communityWorker.patch(`/api/v1/service-posts/${p.id}`, { capacity: 0 }), 400, 'VALIDATION_FAILED', 'capacity');
    const second = await memberResident(t, s.communityWorker, w, 'post_member2');
    expectError(await second.session.post('/api/v1/me/partner-claims', { postId: p.id }), 409, 'CLAIM_REFUSED', 'postId');
    await session.post(`/api/v1/partner-claims/${c.id}/transition`, { action: 'withdraw' });
    expect((await must(second.session.post('/api/v1/me/partner-claims', { postId: p.id }))).status).toBe('claimed');
  });
});

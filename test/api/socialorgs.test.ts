import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { socialOrg, socialOrgWithStaff } from './linkage-fixtures.js';
import { socialOrgBrief, socialOrgIdsOfUser } from '../../src/modules/socialorgs/api.js';

/** Social organizations (登记/备案), staff accounts, incubation and growth assessments; scope, bad input, reveal. */
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
const count = async (table: 'social_org' | 'social_org_staff' | 'incubation' | 'incubation_service' | 'growth_assessment') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const USCC = '53100000500021676K';

describe('the registry', () => {
  it('registers an organization with its credit code and encrypted personal data, masks it, reveals it with a reason (audited)', async () => {
    const r = await s.streetStaff.post('/api/v1/social-orgs', {
      orgId: w.streetA.id, filing: 'registered', name: '东北街社工服务中心', category: 'charity', creditCode: USCC.toLowerCase(), registeredOn: '2020-05-01',
      legalPersonName: '王建华', legalPersonId: '11010519491231002X', legalPersonPhone: '139-1234-5678', contactName: '赵敏', contactPhone: '0937-2612345',
      memberCount: 30, areaOrgIds: [w.communityA.id, w.gridA.id],
    });
    expect(r.statusCode).toBe(201);
    const o = r.json();
    expect(o).toMatchObject({
      creditCode: USCC, legalPersonId: '110105********002X', legalPersonPhone: '139****5678', status: 'active', staffCount: 0, incubating: false, latestLevel: null,
      area: [{ orgId: w.communityA.id }, { orgId: w.gridA.id }],
    });
    expect(o.actions).toContain('reveal');
    const row = await t.handle.db.selectFrom('social_org').selectAll().where('id', '=', o.id).executeTakeFirstOrThrow();
    expect(row.legal_person_id_enc).not.toContain('002X');
    expect(row.legal_person_phone_enc).not.toContain('5678');

    expectError(await s.streetStaff.post(`/api/v1/social-orgs/${o.id}/reveal`, { field: 'legalPersonId' }), 400, 'VALIDATION_FAILED', 'reason');
    expect((await s.streetStaff.post(`/api/v1/social-orgs/${o.id}/reveal`, { field: 'legalPersonId', reason: '核对法人身份' })).json()).toEqual({ value: '11010519491231002X' });
    expect((await s.streetStaff.post(`/api/v1/social-orgs/${o.id}/reveal`, { field: 'contactPhone', reason: '联系项目' })).json()).toEqual({ value: '0937-2612345'.replace('-', '') });
    expect((await audits('socialOrg.reveal')).at(-1)).toMatchObject({ outcome: 'success', detail: { field: 'contactPhone', reason: '联系项目' } });
    // The community worker of communityA reads it (in scope) but the org sits at the street: no manage, reveal denied and audited.
    const cw = await s.communityWorker.get(`/api/v1/social-orgs/${o.id}`);
    expect(cw.statusCode).toBe(404);
    expectError(await s.streetStaffB.get(`/api/v1/social-orgs/${o.id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.post(`/api/v1/social-orgs/${o.id}/reveal`, { field: 'legalPersonId', reason: '看看' }), 404, 'NOT_FOUND');
  });

  it('refuses bad input naming the field, with no partial write', async () => {
    const before = await count('social_org');
    const base = { orgId: w.communityA.id, filing: 'registered', name: '甲', category: 'other', legalPersonName: '乙' };
    expectError(await s.communityWorker.post('/api/v1/social-orgs', base), 400, 'VALIDATION_FAILED', 'creditCode');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, creditCode: '53100000500021676J' }), 400, 'VALIDATION_FAILED', 'creditCode');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', legalPersonId: '110105194912310021' }), 400, 'VALIDATION_FAILED', 'legalPersonId');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', registeredOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'registeredOn');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', orgId: w.gridA.id }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', orgId: w.communityB.id }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', areaOrgIds: [w.communityB.id] }), 400, 'VALIDATION_FAILED', 'areaOrgIds');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', category: 'sports' }), 400, 'VALIDATION_FAILED', 'category');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', name: '  ' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, filing: 'filed', legalPersonPhone: 'abc' }), 400, 'VALIDATION_FAILED', 'legalPersonPhone');
    expectError(await s.communityWorker.post('/api/v1/social-orgs', { ...base, creditCode: USCC }), 400, 'VALIDATION_FAILED', 'creditCode'); // taken
    expectError(await s.resident.post('/api/v1/social-orgs', { ...base, filing: 'filed' }), 403, 'FORBIDDEN');
    expectError(await s.socialOrgStaff.post('/api/v1/social-orgs', { ...base, filing: 'filed' }), 403, 'FORBIDDEN');
    expect(await count('social_org')).toBe(before);
  });

  it('lists with search, filters, pages and exports inside the scope only', async () => {
    const a = await socialOrg(s.communityWorker, w.communityA.id, { name: '富康文体队', category: 'culture_sports' });
    await socialOrg(s.communityWorker, w.communityA.id, { name: '富康调解室', category: 'mediation' });
    const b = await socialOrg(s.streetStaffB, w.communityB.id, { name: '南苑文体队', category: 'culture_sports' });
    const names = async (sess: Session, qs = '') => ((await sess.get(`/api/v1/social-orgs${qs}`)).json().items as { name: string }[]).map((x) => x.name).sort();
    expect(await names(s.communityWorker)).toEqual(['富康文体队', '富康调解室'].sort());
    expect(await names(s.streetStaff)).toEqual(['东北街社工服务中心', '富康文体队', '富康调解室'].sort());
    expect(await names(s.streetStaffB)).toEqual(['南苑文体队']);
    expect(await names(s.streetStaff, `?q=${encodeURIComponent('文体')}`)).toEqual(['富康文体队']);
    expect(await names(s.streetStaff, '?category=mediation')).toEqual(['富康调解室']);
    expect(await names(s.streetStaff, '?filing=registered')).toEqual(['东北街社工服务中心']);
    expect(await names(s.streetStaff, `?q=${USCC.slice(0, 8)}`)).toEqual(['东北街社工服务中心']);
    expect(await names(s.streetStaff, `?servedOrgId=${w.gridA.id}`)).toEqual(['东北街社工服务中心', '富康文体队', '富康调解室'].sort());
    expect(await names(s.streetStaff, `?orgId=${w.communityA.id}`)).toEqual(['富康文体队', '富康调解室'].sort());
    expectError(await s.streetStaff.get(`/api/v1/social-orgs?orgId=${w.communityB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.get('/api/v1/social-orgs?status=gone'), 400, 'VALIDATION_FAILED', 'status');
    const page = (await s.streetStaff.get('/api/v1/social-orgs?pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    expectError(await s.streetStaff.get(`/api/v1/social-orgs/${b.id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaff.patch(`/api/v1/social-orgs/${b.id}`, { memberCount: 3 }), 404, 'NOT_FOUND');
    expectError(await s.resident.get('/api/v1/social-orgs'), 403, 'FORBIDDEN');

    const x = await s.streetStaff.get('/api/v1/social-orgs/export.xlsx?category=culture_sports');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const sheet = await readXlsx(x);
    expect(sheet.rows.map((r) => r['组织名称'])).toEqual(['富康文体队']);
    expect(sheet.rows[0]['负责人电话（脱敏）']).toBe('138****1111');
    expect((await audits('socialOrg.export')).at(-1)?.detail).toMatchObject({ rows: 1 });
    const all = await readXlsx(await s.streetStaff.get('/api/v1/social-orgs/export.xlsx'));
    expect(JSON.stringify(all.rows)).not.toContain('12345678');
    expect(JSON.stringify(all.rows)).not.toContain('南苑');
    expect(a.id).toBeGreaterThan(0);
  });

  it('updates, suspends with a reason, reinstates, deregisters for good', async () => {
    const o = await socialOrg(s.communityWorker, w.communityA.id, { name: '富康读书会' });
    const u = await s.communityWorker.patch(`/api/v1/social-orgs/${o.id}`, { memberCount: 40, contactName: '周老师', areaOrgIds: [w.gridA.id] });
    expect(u.json()).toMatchObject({ memberCount: 40, contactName: '周老师', area: [{ orgId: w.gridA.id }] });
    expectError(await s.communityWorker.patch(`/api/v1/social-orgs/${o.id}`, {}), 400, 'VALIDATION_FAILED');
    expectError(await s.communityWorker.patch(`/api/v1/social-orgs/${o.id}`, { filing: 'registered' }), 400, 'VALIDATION_FAILED', 'creditCode');
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/status`, { status: 'suspended' }), 400, 'VALIDATION_FAILED', 'reason');
    expect((await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/status`, { status: 'suspended', reason: '年检未通过' })).json()).toMatchObject({ status: 'suspended', statusReason: '年检未通过' });
    expect((await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/status`, { status: 'active', reason: '整改完成' })).json()).toMatchObject({ status: 'active' });
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/status`, { status: 'active', reason: '重复' }), 409, 'SOCIAL_ORG_STATUS', 'status');
    expect((await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/status`, { status: 'deregistered', reason: '自行解散' })).json().actions).not.toContain('status');
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/status`, { status: 'active', reason: '恢复' }), 409, 'SOCIAL_ORG_STATUS');
    expectError(await s.communityWorker.patch(`/api/v1/social-orgs/${o.id}`, { memberCount: 1 }), 409, 'SOCIAL_ORG_DEREGISTERED');
    expect((await audits('socialOrg.status')).at(-1)?.detail).toMatchObject({ from: 'active', to: 'deregistered', reason: '自行解散' });
    expectError(await s.gridWorker.post(`/api/v1/social-orgs/${o.id}/status`, { status: 'suspended', reason: 'x' }), 403, 'FORBIDDEN');
  });
});

describe('staff accounts', () => {
  it('links a socialOrgStaff account, which then sees its own organization only; contract api answers', async () => {
    const { org, user, session } = await socialOrgWithStaff(t, s.communityWorker, w.communityA.id, w.communityA.code, 'sostaff_one', { name: '夕阳红服务社' });
    await socialOrg(s.communityWorker, w.communityA.id, { name: '别人的组织' });
    expect((await session.get('/api/v1/social-orgs')).json().items.map((x: { name: string }) => x.name)).toEqual(['夕阳红服务社']);
    expect((await session.get(`/api/v1/social-orgs/${org.id}`)).json()).toMatchObject({ staff: [{ userId: user.id, title: '项目负责人' }], actions: [] });
    // The unlinked socialOrgStaff of buildWorld sees nothing at all.
    expect((await s.socialOrgStaff.get('/api/v1/social-orgs')).json()).toMatchObject({ total: 0, items: [] });
    expectError(await s.socialOrgStaff.get(`/api/v1/social-orgs/${org.id}`), 404, 'NOT_FOUND');
    expectError(await session.patch(`/api/v1/social-orgs/${org.id}`, { memberCount: 9 }), 403, 'FORBIDDEN');

    expect(await socialOrgIdsOfUser(t.handle.db, user.id)).toEqual([org.id]);
    expect(await socialOrgIdsOfUser(t.handle.db, w.users.resident.id)).toEqual([]);
    expect(await socialOrgBrief(t.handle.db, org.id)).toEqual({ id: org.id, name: '夕阳红服务社', orgId: w.communityA.id, orgPath: w.communityA.path, status: 'active' });
    expect(await socialOrgBrief(t.handle.db, 999999)).toBeNull();

    const other = await socialOrg(s.communityWorker, w.communityA.id, { name: '第三家' });
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${other.id}/staff`, { userId: user.id }), 409, 'SOCIAL_ORG_STAFF_TAKEN', 'userId');
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${other.id}/staff`, { userId: w.users.resident.id }), 400, 'VALIDATION_FAILED', 'userId');
    const far = await t.user('socialOrgStaff', w.communityB.code, 'sostaff_far');
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${other.id}/staff`, { userId: far.id }), 400, 'VALIDATION_FAILED', 'userId');
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${other.id}/staff/remove`, { userId: user.id }), 400, 'VALIDATION_FAILED', 'userId');
    expect((await s.communityWorker.post(`/api/v1/social-orgs/${org.id}/staff/remove`, { userId: user.id })).json().staff).toEqual([]);
    expect((await session.get('/api/v1/social-orgs')).json().total).toBe(0);
    expect((await audits('socialOrg.staffRemove')).at(-1)?.detail).toMatchObject({ userId: user.id });
  });
});

describe('incubation', () => {
  it('runs bases at three levels, incubations, the six services and growth assessments', async () => {
    const district = await t.user('streetStaff', w.district.code, 'district_staff');
    const ds = await t.login(district.username);
    const gov = (await ds.post('/api/v1/incubation-bases', { orgId: w.district.id, name: '肃州区社会组织孵化中心', capacity: 2 })).json();
    expect(gov).toMatchObject({ level: 'government', incubating: 0, incubations: [] });
    const street = (await s.streetStaff.post('/api/v1/incubation-bases', { orgId: w.streetA.id, name: '东北街孵化基地' })).json();
    expect(street.level).toBe('street');
    expectError(await s.streetStaff.post('/api/v1/incubation-bases', { orgId: w.gridA.id, name: '网格' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post('/api/v1/incubation-bases', { orgId: w.district.id, name: '越级' }), 400, 'VALIDATION_FAILED', 'orgId');
    expect((await s.streetStaff.get('/api/v1/incubation-bases')).json().items.map((b: { name: string }) => b.name)).toEqual(['东北街孵化基地']);
    expect((await s.streetStaffB.get('/api/v1/incubation-bases')).json().total).toBe(0);
    expectError(await s.streetStaffB.get(`/api/v1/incubation-bases/${street.id}`), 404, 'NOT_FOUND');

    const o = await socialOrg(s.communityWorker, w.communityA.id, { name: '孵化中的组织' });
    // A street places its organization in the district's base above it.
    const inc = await s.streetStaff.post('/api/v1/incubations', { baseId: gov.id, socialOrgId: o.id, enteredOn: '2026-03-01' });
    expect(inc.statusCode).toBe(201);
    expect(inc.json()).toMatchObject({ status: 'incubating', baseLevel: 'government', actions: ['close'] });
    expectError(await s.streetStaff.post('/api/v1/incubations', { baseId: street.id, socialOrgId: o.id, enteredOn: '2026-03-01' }), 409, 'ALREADY_INCUBATING', 'socialOrgId');
    expectError(await s.streetStaff.post('/api/v1/incubations', { baseId: street.id, socialOrgId: o.id, enteredOn: '2099-03-01' }), 400, 'VALIDATION_FAILED', 'enteredOn');
    const bOrg = await socialOrg(s.streetStaffB, w.communityB.id, { name: 'B 的组织' });
    expectError(await s.streetStaff.post('/api/v1/incubations', { baseId: street.id, socialOrgId: bOrg.id, enteredOn: '2026-03-01' }), 400, 'VALIDATION_FAILED', 'socialOrgId');
    expectError(await s.streetStaffB.post('/api/v1/incubations', { baseId: street.id, socialOrgId: bOrg.id, enteredOn: '2026-03-01' }), 400, 'VALIDATION_FAILED', 'baseId');
    expect((await s.streetStaff.get(`/api/v1/social-orgs?incubating=true`)).json().items.map((x: { name: string }) => x.name)).toEqual(['孵化中的组织']);

    for (const [kind, hours] of [['capacity_training', 3], ['capacity_training', 2.5], ['venue_support', null], ['growth_assessment', 1]] as const) {
      const r = await s.communityWorker.post('/api/v1/incubation-services', { socialOrgId: o.id, kind, providedOn: '2026-04-02', provider: '区社会组织服务中心', hours });
      expect(r.statusCode).toBe(201);
      expect(r.json().incubationId).toBe(inc.json().id);
    }
    expectError(await s.communityWorker.post('/api/v1/incubation-services', { socialOrgId: o.id, kind: 'party', providedOn: '2026-04-02', provider: 'x' }), 400, 'VALIDATION_FAILED', 'kind');
    expectError(await s.communityWorker.post('/api/v1/incubation-services', { socialOrgId: o.id, kind: 'venue_support', providedOn: '2026-04-02', provider: 'x', hours: 0 }), 400, 'VALIDATION_FAILED', 'hours');
    expectError(await s.communityWorker.post('/api/v1/incubation-services', { socialOrgId: bOrg.id, kind: 'venue_support', providedOn: '2026-04-02', provider: 'x' }), 400, 'VALIDATION_FAILED', 'socialOrgId');
    const sum = (await s.streetStaff.get(`/api/v1/incubation-services/summary?socialOrgId=${o.id}`)).json().items;
    expect(sum).toHaveLength(6);
    expect(sum.find((x: { kind: string }) => x.kind === 'capacity_training')).toEqual({ kind: 'capacity_training', count: 2, hours: 5.5 });
    expect((await s.streetStaff.get('/api/v1/incubation-services?kind=venue_support')).json().total).toBe(1);
    expect((await s.streetStaffB.get('/api/v1/incubation-services')).json().total).toBe(0);
    expectError(await s.streetStaff.get('/api/v1/incubation-services?from=2026-05-01&to=2026-04-01'), 400, 'VALIDATION_FAILED', 'to');
    const xs = await readXlsx(await s.streetStaff.get('/api/v1/incubation-services/export.xlsx'));
    expect(xs.rows.map((r) => r['服务类型']).sort()).toEqual(['场地支持', '成长评估', '能力培训', '能力培训'].sort());

    const a1 = await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/assessments`, { assessedOn: '2026-03-15', governance: 60, capacity: 55, projects: 50, finance: 70, influence: 52, assessor: '第三方评估机构' });
    expect(a1.statusCode).toBe(201);
    expect(a1.json().items[0]).toMatchObject({ total: 57.4, level: '1A' });
    await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/assessments`, { assessedOn: '2026-09-15', governance: 80, capacity: 78, projects: 75, finance: 82, influence: 70, assessor: '第三方评估机构' });
    expectError(await s.communityWorker.post(`/api/v1/social-orgs/${o.id}/assessments`, { assessedOn: '2026-09-15', governance: 101, capacity: 78, projects: 75, finance: 82, influence: 70, assessor: 'x' }), 400, 'VALIDATION_FAILED', 'governance');
    const hist = (await s.streetStaff.get(`/api/v1/social-orgs/${o.id}/assessments`)).json().items;
    expect(hist.map((a: { assessedOn: string; level: string }) => [a.assessedOn, a.level])).toEqual([['2026-03-15', '1A'], ['2026-09-15', '3A']]);
    expect((await s.streetStaff.get(`/api/v1/social-orgs/${o.id}`)).json().latestLevel).toBe('3A');
    expectError(await s.streetStaffB.get(`/api/v1/social-orgs/${o.id}/assessments`), 404, 'NOT_FOUND');

    expectError(await s.streetStaff.patch(`/api/v1/incubation-bases/${gov.id}`, { status: 'closed' }), 403, 'FORBIDDEN');
    expectError(await ds.patch(`/api/v1/incubation-bases/${gov.id}`, { status: 'closed' }), 409, 'BASE_HAS_INCUBATIONS', 'status');
    const incId = inc.json().id;
    expectError(await s.streetStaff.post(`/api/v1/incubations/${incId}/close`, { status: 'graduated', exitedOn: '2026-02-01' }), 400, 'VALIDATION_FAILED', 'exitedOn');
    expect((await s.streetStaff.post(`/api/v1/incubations/${incId}/close`, { status: 'graduated', exitedOn: '2026-11-30' })).json()).toMatchObject({ status: 'graduated', exitedOn: '2026-11-30', actions: [] });
    expectError(await s.streetStaff.post(`/api/v1/incubations/${incId}/close`, { status: 'exited', exitedOn: '2026-11-30' }), 409, 'INCUBATION_CLOSED');
    expect((await ds.get(`/api/v1/incubation-bases/${gov.id}`)).json()).toMatchObject({ incubating: 0, incubations: [{ socialOrgName: '孵化中的组织', status: 'graduated', services: 4 }] });
    expect((await ds.patch(`/api/v1/incubation-bases/${gov.id}`, { status: 'closed' })).json().status).toBe('closed');
    expect((await s.streetStaff.get(`/api/v1/incubations?socialOrgId=${o.id}`)).json().total).toBe(1);
    expect((await s.streetStaffB.get(`/api/v1/incubations`)).json().total).toBe(0);
    expect((await audits('incubation.close')).at(-1)?.detail).toMatchObject({ incubationId: incId, status: 'graduated' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, hasHan, loginAll, type Account, type World } from './fixtures.js';
import { JPEG, insertHousehold, insertResident } from './route-specs/gridwork.js';
import { chinaDay, chinaMonth } from '../../src/modules/gridwork/rules.js';

/** Grid work records: home visits (入户走访), work logs, weekly meetings, and the coverage read model. */
const VISITS = '/api/v1/visits';
const TODAY = chinaDay(new Date());
const MONTH = chinaMonth(new Date());
const LAST_MONTH = chinaMonth(new Date(Date.UTC(+MONTH.slice(0, 4), +MONTH.slice(5) - 2, 15)));
const inLastMonth = `${LAST_MONTH}-15T04:00:00Z`;

describe('grid work records', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let hhA: number;
  let hhB: number;
  let photo: number;
  let visitId: number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    hhA = await insertHousehold(t, w.gridA, '富康小区 2号楼 1单元', '301');
    hhB = await insertHousehold(t, w.gridB, '南苑小区 1号楼', '101');
    photo = (await s.gridWorker.post('/api/v1/attachments', JPEG, { 'content-type': 'image/jpeg' })).json().id;
  });
  afterAll(async () => { await t?.close(); });

  const audited = async (before: number, action: string) => {
    const rows = (await auditSince(t, before)).filter((r) => r.action === action);
    expect(rows, action).toHaveLength(1);
    return rows[0];
  };
  const count = async (table: 'visit' | 'work_log' | 'grid_meeting') =>
    Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  describe('visits', () => {
    it('a grid worker logs a visit from a phone: filed under the household’s org, with photos, audited', async () => {
      const before = await lastAuditId(t);
      const r = await s.gridWorker.post(VISITS, { householdId: hhA, findings: '独居老人，血压偏高', followUp: true, followUpNote: '下周复访', photoIds: [photo] });
      expect(r.statusCode, r.body).toBe(201);
      const v = r.json();
      visitId = v.id;
      expect(v).toMatchObject({
        orgId: w.gridA.id, orgName: '富康第一网格', householdId: hhA, householdPlace: '富康小区 2号楼 1单元 ***',
        visitorId: w.users.gridWorker.id, visitorName: w.users.gridWorker.username, followUp: true, followUpNote: '下周复访', followUpDoneAt: null,
        photoIds: [photo], photoUrls: [`/api/v1/attachments/${photo}`], actions: ['complete_follow_up'],
      });
      expect(Date.now() - Date.parse(v.visitedAt)).toBeLessThan(60_000);
      const row = await audited(before, 'visit.create');
      expect(row).toMatchObject({ entity_type: 'visit', entity_id: String(v.id), org_path: w.gridA.path });
      expect(JSON.stringify(row.detail)).not.toContain('血压'); // findings stay out of the audit log
      // Street staff record one too, dated last month.
      const r2 = await s.streetStaff.post(VISITS, { householdId: hhA, findings: '例行走访', followUp: false, visitedAt: inLastMonth });
      expect(r2.statusCode, r2.body).toBe(201);
      expect(r2.json()).toMatchObject({ orgId: w.gridA.id, actions: [] });
    });

    it('400 naming the field: household outside scope or missing, photos not in scope, future time; nothing written', async () => {
      const n = await count('visit');
      const base = { householdId: hhA, findings: '走访', followUp: false };
      expectError(await s.gridWorker.post(VISITS, { ...base, householdId: hhB }), 400, 'VALIDATION_FAILED', 'householdId');
      const en = expectError(await s.gridWorker.post(VISITS, { ...base, householdId: 999999 }, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'householdId');
      expect(en.fields!.householdId).toBe('is not a household within your scope');
      const foreign = (await s.streetStaffB.post('/api/v1/attachments', JPEG, { 'content-type': 'image/jpeg' })).json().id;
      const e = expectError(await s.gridWorker.post(VISITS, { ...base, photoIds: [photo, foreign], visitedAt: '2099-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED');
      expect(Object.keys(e.fields!).sort()).toEqual(['photoIds', 'visitedAt']);
      expect(e.fields!.photoIds).toContain(String(foreign));
      expect(hasHan(e.message)).toBe(true);
      expectError(await s.gridWorker.post(VISITS, { ...base, findings: '   ' }), 400, 'VALIDATION_FAILED', 'findings');
      expectError(await s.gridWorker.post(VISITS, { ...base, photoIds: [photo, photo] }), 400, 'VALIDATION_FAILED', 'photoIds');
      expectError(await s.gridWorker.post(VISITS, { householdId: hhA, findings: 'x' }), 400, 'VALIDATION_FAILED', 'followUp');
      expect(await count('visit')).toBe(n);
    });

    it('lists in scope with filters: household, visitor, open follow-ups, month, org', async () => {
      const list = async (who: Session, q = '') => {
        const r = await who.get(`${VISITS}${q}`);
        expect(r.statusCode, r.body).toBe(200);
        return r.json() as { items: { id: number; visitorId: number }[]; total: number };
      };
      expect((await list(s.streetStaff)).total).toBe(2);
      expect((await list(s.gridWorker, `?householdId=${hhA}`)).total).toBe(2);
      expect((await list(s.gridWorker, '?followUp=open')).items.map((v) => v.id)).toEqual([visitId]);
      expect((await list(s.gridWorker, '?followUp=none')).total).toBe(1);
      expect((await list(s.gridWorker, `?month=${MONTH}`)).items.map((v) => v.id)).toEqual([visitId]);
      expect((await list(s.gridWorker, `?month=${LAST_MONTH}`)).total).toBe(1);
      expect((await list(s.streetStaff, `?visitorId=${w.users.streetStaff.id}`)).items[0].visitorId).toBe(w.users.streetStaff.id);
      expect((await list(s.streetStaff, `?orgId=${w.communityA.id}&pageSize=1`)).items).toHaveLength(1);
      expect((await list(s.streetStaffB)).total).toBe(0);
      expect((await list(s.streetStaffB, `?householdId=${hhA}`)).total).toBe(0);
      expectError(await s.streetStaffB.get(`${VISITS}?orgId=${w.gridA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.gridWorker.get(`${VISITS}?month=2026-13`), 400, 'VALIDATION_FAILED', 'month');
      expectError(await s.gridWorker.get(`${VISITS}?followUp=maybe`), 400, 'VALIDATION_FAILED', 'followUp');
    });

    it('detail in scope; 404 for another street or a missing id; 401/403', async () => {
      expect((await s.communityWorker.get(`${VISITS}/${visitId}`)).json()).toMatchObject({ id: visitId, findings: '独居老人，血压偏高' });
      expectError(await s.streetStaffB.get(`${VISITS}/${visitId}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get(`${VISITS}/999999`), 404, 'NOT_FOUND');
      expectError(await t.app.inject({ method: 'GET', url: `${VISITS}/${visitId}` }), 401, 'UNAUTHENTICATED');
      expectError(await s.departmentStaff.get(`${VISITS}/${visitId}`), 403, 'FORBIDDEN');
      expectError(await s.resident.get(VISITS), 403, 'FORBIDDEN');
      expectError(await s.resident.post(VISITS, { householdId: hhA, findings: 'x', followUp: false }), 403, 'FORBIDDEN');
    });

    it('closes and reopens a follow-up, audited; refuses visits that need none', async () => {
      const before = await lastAuditId(t);
      const r = await s.gridWorker.patch(`${VISITS}/${visitId}`, { followUpDone: true, followUpNote: '已复访，血压正常' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ followUpNote: '已复访，血压正常', actions: ['reopen_follow_up'] });
      expect(r.json().followUpDoneAt).not.toBeNull();
      await audited(before, 'visit.complete_follow_up');
      expect((await s.gridWorker.get(`${VISITS}?followUp=open`)).json().total).toBe(0);
      expect((await s.gridWorker.get(`${VISITS}?followUp=done`)).json().total).toBe(1);
      const b2 = await lastAuditId(t);
      expect((await s.communityWorker.patch(`${VISITS}/${visitId}`, { followUpDone: false })).json()).toMatchObject({ followUpDoneAt: null, followUpNote: '已复访，血压正常' });
      await audited(b2, 'visit.reopen_follow_up');
      const plain = (await s.gridWorker.get(`${VISITS}?followUp=none`)).json().items[0].id;
      expectError(await s.gridWorker.patch(`${VISITS}/${plain}`, { followUpDone: true }), 400, 'VALIDATION_FAILED', 'followUpDone');
      expectError(await s.streetStaffB.patch(`${VISITS}/${visitId}`, { followUpDone: true }), 404, 'NOT_FOUND');
      expectError(await s.resident.patch(`${VISITS}/${visitId}`, { followUpDone: true }), 403, 'FORBIDDEN');
      expectError(await s.gridWorker.patch(`${VISITS}/${visitId}`, { followUpDone: 'yes' }), 400, 'VALIDATION_FAILED', 'followUpDone');
    });
  });

  describe('work logs and weekly meetings', () => {
    it('a work log belongs to its author and the author’s org; audited; listed in scope', async () => {
      const before = await lastAuditId(t);
      const r = await s.gridWorker.post('/api/v1/work-logs', { content: '上午入户走访 5 户，下午整理台账' });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ orgId: w.gridA.id, authorId: w.users.gridWorker.id, logDate: TODAY });
      expect((await audited(before, 'workLog.create')).org_path).toBe(w.gridA.path);
      await s.streetStaff.post('/api/v1/work-logs', { content: '街道例行检查', logDate: '2025-03-01' });
      await s.streetStaffB.post('/api/v1/work-logs', { content: '另一街道' });
      expect((await s.streetStaff.get('/api/v1/work-logs')).json().total).toBe(2);
      expect((await s.gridWorker.get('/api/v1/work-logs')).json().total).toBe(1); // the street's own log is above the grid
      expect((await s.streetStaffB.get('/api/v1/work-logs')).json().items.map((l: { content: string }) => l.content)).toEqual(['另一街道']);
      expect((await s.streetStaff.get(`/api/v1/work-logs?authorId=${w.users.gridWorker.id}`)).json().total).toBe(1);
      expect((await s.streetStaff.get('/api/v1/work-logs?from=2025-01-01&to=2025-12-31')).json().items[0].logDate).toBe('2025-03-01');
      expect((await s.streetStaff.get(`/api/v1/work-logs?orgId=${w.gridA.id}`)).json().total).toBe(1);
    });

    it('work log errors: future or invalid dates, reversed range, roles', async () => {
      const n = await count('work_log');
      expectError(await s.gridWorker.post('/api/v1/work-logs', { content: 'x', logDate: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'logDate');
      expectError(await s.gridWorker.post('/api/v1/work-logs', { content: 'x', logDate: '2025-02-30' }), 400, 'VALIDATION_FAILED', 'logDate');
      expectError(await s.gridWorker.post('/api/v1/work-logs', { content: '' }), 400, 'VALIDATION_FAILED', 'content');
      expectError(await s.gridWorker.get('/api/v1/work-logs?from=2025-05-01&to=2025-04-01'), 400, 'VALIDATION_FAILED', 'to');
      expectError(await s.resident.post('/api/v1/work-logs', { content: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.auditAdmin.get('/api/v1/work-logs'), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: '/api/v1/work-logs' }), 401, 'UNAUTHENTICATED');
      expect(await count('work_log')).toBe(n);
    });

    it('meetings are held by a grid or community in scope; audited; listed in scope', async () => {
      const before = await lastAuditId(t);
      const r = await s.communityWorker.post('/api/v1/grid-meetings', { orgId: w.communityA.id, heldOn: TODAY, topic: '第 12 周网格例会', attendees: '网格员、协管员', notes: '通报走访情况' });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ orgId: w.communityA.id, authorId: w.users.communityWorker.id, heldOn: TODAY, attendees: '网格员、协管员' });
      expect((await audited(before, 'meeting.create')).org_path).toBe(w.communityA.path);
      expect((await s.gridWorker.post('/api/v1/grid-meetings', { orgId: w.gridA.id, heldOn: '2025-06-02', topic: '网格碰头会', notes: '分工' })).statusCode).toBe(201);
      const n = await count('grid_meeting');
      expectError(await s.streetStaff.post('/api/v1/grid-meetings', { orgId: w.streetA.id, heldOn: TODAY, topic: 't', notes: 'n' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post('/api/v1/grid-meetings', { orgId: w.gridB.id, heldOn: TODAY, topic: 't', notes: 'n' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.gridWorker.post('/api/v1/grid-meetings', { orgId: w.communityA.id, heldOn: TODAY, topic: 't', notes: 'n' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.gridWorker.post('/api/v1/grid-meetings', { orgId: w.gridA.id, heldOn: '2099-01-01', topic: 't', notes: 'n' }), 400, 'VALIDATION_FAILED', 'heldOn');
      expectError(await s.departmentStaff.post('/api/v1/grid-meetings', { orgId: w.gridA.id, heldOn: TODAY, topic: 't', notes: 'n' }), 403, 'FORBIDDEN');
      expect(await count('grid_meeting')).toBe(n);
      expect((await s.streetStaff.get('/api/v1/grid-meetings')).json().total).toBe(2);
      expect((await s.gridWorker.get('/api/v1/grid-meetings')).json().total).toBe(1);
      expect((await s.streetStaff.get('/api/v1/grid-meetings?from=2025-06-01&to=2025-06-30')).json().items[0].topic).toBe('网格碰头会');
      expect((await s.streetStaffB.get('/api/v1/grid-meetings')).json().total).toBe(0);
      expectError(await s.resident.get('/api/v1/grid-meetings'), 403, 'FORBIDDEN');
    });
  });

  describe('coverage', () => {
    let community: { id: number; path: string; code: string };
    let g1: { id: number; path: string; code: string };
    let g2: { id: number; path: string; code: string };

    beforeAll(async () => {
      community = await t.org(w.streetA.id, 'community', '620902001009', '覆盖社区');
      g1 = await t.org(community.id, 'grid', '620902001009001', '覆盖一网格');
      g2 = await t.org(community.id, 'grid', '620902001009002', '覆盖二网格');
      await t.org(community.id, 'grid', '620902001009003', '覆盖三网格'); // empty
      const h = [];
      for (let i = 0; i < 4; i++) h.push(await insertHousehold(t, g1, '覆盖小区 1号楼', `${i + 1}01`));
      const inactive = await insertHousehold(t, g1, '覆盖小区 9号楼', '901');
      await t.handle.db.updateTable('household').set({ status: 'inactive' }).where('id', '=', inactive).execute();
      const h2 = await insertHousehold(t, g2, '覆盖小区 2号楼', '101');
      const hc = await insertHousehold(t, community, '覆盖村 三组', '1'); // not yet assigned to a grid
      // g1: 4 residents; phone 2, birth 4, household 3, ethnicity 1, political 2; one inactive resident is not counted.
      await insertResident(t, g1, { householdId: h[0], phone: true, birthDate: '1950-01-01', ethnicity: '汉族', politicalStatus: 'masses' });
      await insertResident(t, g1, { householdId: h[1], phone: true, birthDate: '1960-01-01', politicalStatus: 'partyMember' });
      await insertResident(t, g1, { householdId: h[2], birthDate: '1970-01-01', ethnicity: ' ' });
      await insertResident(t, g1, { birthDate: '1980-01-01' });
      await insertResident(t, g1, { householdId: h[3], phone: true, status: 'inactive' });
      await insertResident(t, g2, { householdId: h2, phone: true, birthDate: '1990-01-01', ethnicity: '回族', politicalStatus: 'masses' });
      await insertResident(t, community, { householdId: hc });
      // Visits: h0 twice this month, h1 once this month, h2 (g2) last month, the inactive household this month.
      for (const [hh, at] of [[h[0], undefined], [h[0], undefined], [h[1], undefined], [h2, inLastMonth], [inactive, undefined]] as const)
        expect((await s.streetStaff.post(VISITS, { householdId: hh, findings: '覆盖走访', followUp: false, ...(at ? { visitedAt: at } : {}) })).statusCode).toBe(201);
    });

    it('per grid: households, distinct households visited this month, residents and completeness per field; totals', async () => {
      const r = await s.streetStaff.get(`/api/v1/coverage?orgId=${community.id}&month=${MONTH}`);
      expect(r.statusCode, r.body).toBe(200);
      const c = r.json();
      expect(c).toMatchObject({ orgId: community.id, orgName: '覆盖社区', month: MONTH });
      expect(c.rows.map((x: { name: string; level: string }) => `${x.level}:${x.name}`)).toEqual(['community:覆盖社区', 'grid:覆盖一网格', 'grid:覆盖二网格', 'grid:覆盖三网格']);
      const [rc, r1, r2, r3] = c.rows;
      expect(r1).toEqual({
        gridId: g1.id, level: 'grid', name: '覆盖一网格', householdsTarget: 500, households: 4, householdRate: 0.008, householdsVisited: 2, visitRate: 0.5, residents: 4,
        completeness: { phone: 0.5, idNumber: 1, birthDate: 1, household: 0.75, ethnicity: 0.25, politicalStatus: 0.5, overall: 0.6667 },
      });
      expect(r2).toMatchObject({ households: 1, householdsVisited: 0, visitRate: 0, residents: 1, completeness: { overall: 1 } });
      expect(r3).toMatchObject({ households: 0, householdsVisited: 0, visitRate: null, residents: 0, completeness: { phone: null, overall: null } });
      expect(rc).toMatchObject({ gridId: community.id, householdsTarget: null, householdRate: null, households: 1, residents: 1, completeness: { household: 1, phone: 0 } });
      expect(c.totals).toMatchObject({ householdsTarget: 1500, households: 6, householdsVisited: 2, visitRate: 0.3333, residents: 6 });
      expect(c.totals.completeness).toMatchObject({ phone: 0.5, household: 0.8333, ethnicity: 0.3333 });
      // Last month only g2's household was visited.
      const last = (await s.streetStaff.get(`/api/v1/coverage?orgId=${community.id}&month=${LAST_MONTH}`)).json();
      expect(last.rows.map((x: { householdsVisited: number }) => x.householdsVisited)).toEqual([0, 0, 1, 0]);
    });

    it('defaults to the actor’s org and this month; a grid worker sees their grid', async () => {
      const street = (await s.streetStaff.get('/api/v1/coverage')).json();
      expect(street).toMatchObject({ orgId: w.streetA.id, month: MONTH });
      expect(street.rows.map((x: { gridId: number }) => x.gridId)).toEqual(expect.arrayContaining([w.gridA.id, g1.id, g2.id]));
      expect(street.rows.some((x: { gridId: number }) => x.gridId === w.gridB.id)).toBe(false);
      const own = (await s.gridWorker.get('/api/v1/coverage')).json();
      expect(own.rows.map((x: { gridId: number }) => x.gridId)).toEqual([w.gridA.id]);
      expect(own.rows[0]).toMatchObject({ households: 1, householdsVisited: 1 });
      const b = (await s.streetStaffB.get('/api/v1/coverage')).json();
      expect(b.rows.map((x: { gridId: number }) => x.gridId)).toEqual([w.gridB.id]);
    });

    it('404 outside scope, 400 for a department or a bad month, 403/401', async () => {
      expectError(await s.streetStaffB.get(`/api/v1/coverage?orgId=${community.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get('/api/v1/coverage?orgId=999999'), 404, 'NOT_FOUND');
      const en = expectError(await s.streetStaff.get(`/api/v1/coverage?orgId=${w.deptA.id}`, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'orgId');
      expect(en.fields!.orgId).toBe('must be a street, community or grid');
      expectError(await s.streetStaff.get('/api/v1/coverage?month=2026-1'), 400, 'VALIDATION_FAILED', 'month');
      expectError(await s.sysAdmin.get('/api/v1/coverage'), 403, 'FORBIDDEN');
      expectError(await s.resident.get('/api/v1/coverage'), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: '/api/v1/coverage' }), 401, 'UNAUTHENTICATED');
    });
  });
});

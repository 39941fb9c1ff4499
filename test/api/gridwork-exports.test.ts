import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { XLSX, buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { JPEG, insertHousehold, insertResident } from './route-specs/gridwork.js';
import { chinaMonth } from '../../src/modules/gridwork/rules.js';

/** Excel exports of the grid-work lists and of coverage: filters, scope, masking, audit. */
const API = '/api/v1';
const MONTH = chinaMonth(new Date());
const LAST_MONTH = chinaMonth(new Date(Date.UTC(+MONTH.slice(0, 4), +MONTH.slice(5) - 2, 15)));
const NO_GRIDWORK: Account[] = ['sysAdmin', 'securityAdmin', 'auditAdmin', 'departmentStaff', 'resident'];
const EXPORTS = ['visits', 'work-logs', 'grid-meetings', 'coverage'].map((p) => `${API}/${p}/export.xlsx`);

describe('grid work exports', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let hhA: number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    hhA = await insertHousehold(t, w.gridA, '富康小区 3号楼 1单元', '502');
    const hhB = await insertHousehold(t, w.gridB, '南苑小区 7号楼', '701');
    const photo = (await s.gridWorker.post(`${API}/attachments`, JPEG, { 'content-type': 'image/jpeg' })).json().id;
    const created = (r: LightMyRequestResponse) => expect(r.statusCode, r.body).toBe(201);
    created(await s.gridWorker.post(`${API}/visits`, { householdId: hhA, findings: '独居老人，需送药', followUp: true, followUpNote: '周五复访', photoIds: [photo] }));
    created(await s.streetStaff.post(`${API}/visits`, { householdId: hhA, findings: '例行走访', followUp: false, visitedAt: `${LAST_MONTH}-15T04:00:00Z` }));
    created(await s.streetStaffB.post(`${API}/visits`, { householdId: hhB, findings: '南苑走访', followUp: false }));
    created(await s.gridWorker.post(`${API}/work-logs`, { content: '走访 5 户', logDate: '2025-03-02' }));
    created(await s.streetStaff.post(`${API}/work-logs`, { content: '街道检查', logDate: '2025-04-01' }));
    created(await s.streetStaffB.post(`${API}/work-logs`, { content: '南苑日志', logDate: '2025-03-05' }));
    created(await s.communityWorker.post(`${API}/grid-meetings`, { orgId: w.communityA.id, heldOn: '2025-05-05', topic: '社区例会', attendees: '网格员、协管员', notes: '通报走访' }));
    created(await s.gridWorker.post(`${API}/grid-meetings`, { orgId: w.gridA.id, heldOn: '2025-06-02', topic: '网格碰头会', notes: '分工' }));
    created(await s.streetStaffB.post(`${API}/grid-meetings`, { orgId: w.gridB.id, heldOn: '2025-06-03', topic: '南苑例会', notes: '南苑纪要' }));
  });
  afterAll(async () => { await t?.close(); });

  const xlsx = async (r: LightMyRequestResponse, filename: string) => {
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain(filename);
    return readXlsx(r);
  };
  const exportAudits = async (before: number) => (await auditSince(t, before)).filter((a) => a.action.endsWith('.export'));

  it('401 without a session and 403 for roles without grid work, on every export', async () => {
    for (const url of EXPORTS) {
      expectError(await t.app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
      for (const a of NO_GRIDWORK) expectError(await s[a].get(url), 403, 'FORBIDDEN');
    }
  });

  describe('visits', () => {
    const URL = `${API}/visits/export.xlsx`;

    it('the list’s rows with Chinese headers, masked households, newest first; audited with the filter and count', async () => {
      const before = await lastAuditId(t);
      const x = await xlsx(await s.streetStaff.get(`${URL}?orgId=${w.gridA.id}`), '走访记录.xlsx');
      expect(x.header).toEqual(['走访时间', '网格', '户', '走访人', '发现情况', '需跟进', '跟进说明', '跟进完成时间', '照片数']);
      expect(x.rows).toHaveLength(2);
      expect(x.rows[0]).toMatchObject({
        网格: '富康第一网格', 户: '富康小区 3号楼 1单元 ***', 走访人: w.users.gridWorker.username, 发现情况: '独居老人，需送药',
        需跟进: '是', 跟进说明: '周五复访', 照片数: 1,
      });
      expect(String(x.rows[0]['走访时间'])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(x.rows[0]['跟进完成时间']).toBeNull();
      expect(x.rows[1]).toMatchObject({ 走访时间: `${LAST_MONTH}-15 12:00`, 需跟进: '否', 照片数: 0, 走访人: w.users.streetStaff.username });
      expect(JSON.stringify(x.rows)).not.toContain('502'); // the door number never leaves
      const a = await exportAudits(before);
      expect(a.map((r) => [r.action, r.entity_type, r.actor_role, r.outcome])).toEqual([['visit.export', 'visit', 'streetStaff', 'success']]);
      expect(a[0].detail).toEqual({ filter: { orgId: w.gridA.id }, rows: 2, masked: true });
      expect(JSON.stringify(a[0].detail)).not.toContain('送药');
    });

    it('applies the list filters: follow-up state, month, household, visitor', async () => {
      const rows = async (q: string) => (await xlsx(await s.streetStaff.get(`${URL}?${q}`), '走访记录.xlsx')).rows;
      expect((await rows('followUp=open')).map((r) => r['发现情况'])).toEqual(['独居老人，需送药']);
      expect(await rows('followUp=done')).toEqual([]);
      expect((await rows(`month=${LAST_MONTH}`)).map((r) => r['发现情况'])).toEqual(['例行走访']);
      expect(await rows(`householdId=${hhA}&visitorId=${w.users.streetStaff.id}`)).toHaveLength(1);
      const id = (await s.gridWorker.get(`${API}/visits?followUp=open`)).json().items[0].id;
      expect((await s.gridWorker.patch(`${API}/visits/${id}`, { followUpDone: true })).statusCode).toBe(200);
      const [done] = await rows('followUp=done');
      expect(String(done['跟进完成时间'])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    });

    it('in scope only: street B never gets street A’s rows; English headers', async () => {
      const en = await xlsx(await s.streetStaffB.get(URL, { 'accept-language': 'en' }), 'visits.xlsx');
      expect(en.header).toEqual(['Visited at', 'Grid', 'Household', 'Visitor', 'Findings', 'Follow-up needed', 'Follow-up note', 'Follow-up done at', 'Photos']);
      expect(en.rows.map((r) => r.Findings)).toEqual(['南苑走访']);
      expect(en.rows[0]['Follow-up needed']).toBe('no');
      expect(JSON.stringify(en.rows)).not.toContain('富康');
      expect((await xlsx(await s.streetStaffB.get(`${URL}?householdId=${hhA}`), '走访记录.xlsx')).rows).toEqual([]);
      const gridOnly = await xlsx(await s.gridWorker.get(URL), '走访记录.xlsx');
      expect(gridOnly.rows.every((r) => r['网格'] === '富康第一网格')).toBe(true);
    });

    it('400 before anything is sent (and nothing audited) for an org outside scope or a bad filter', async () => {
      const before = await lastAuditId(t);
      expectError(await s.streetStaffB.get(`${URL}?orgId=${w.gridA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.get(`${URL}?month=2026-13`), 400, 'VALIDATION_FAILED', 'month');
      expectError(await s.streetStaff.get(`${URL}?page=1`), 400, 'VALIDATION_FAILED', 'page');
      expect(await exportAudits(before)).toEqual([]);
    });

    it('streams past one batch in list order, ties on the visit time included', async () => {
      const grid = await t.org(w.communityA.id, 'grid', '620902001001009', '批量网格');
      const hh = await insertHousehold(t, grid, '批量小区', '1');
      const at = ['2025-01-01 10:00:00.123456+08', '2025-01-01 10:00:00.123789+08', '2025-01-02 08:00:00+08'];
      await t.handle.db.insertInto('visit').values(Array.from({ length: 1205 }, (_, i) => ({
        org_id: grid.id, org_path: grid.path, household_id: hh, visitor_id: w.users.streetStaff.id,
        visited_at: sql<Date>`${at[i % 3]}::timestamptz`, findings: `批量${i}`, follow_up: false, photo_ids: [],
      }))).execute();
      const before = await lastAuditId(t);
      const x = await xlsx(await s.streetStaff.get(`${URL}?orgId=${grid.id}`), '走访记录.xlsx');
      expect(x.rows).toHaveLength(1205);
      const order = (i: number) => [2, 1, 0].indexOf(i % 3) * 10000 - i; // newest time first, then newest id
      const expected = Array.from({ length: 1205 }, (_, i) => i).sort((a, b) => order(a) - order(b)).map((i) => `批量${i}`);
      expect(x.rows.map((r) => r['发现情况'])).toEqual(expected);
      expect((await exportAudits(before))[0].detail).toMatchObject({ rows: 1205 });
    });
  });

  describe('work logs and meetings', () => {
    it('work logs: the list filters, in scope, audited', async () => {
      const before = await lastAuditId(t);
      const x = await xlsx(await s.streetStaff.get(`${API}/work-logs/export.xlsx`), '工作日志.xlsx');
      expect(x.header).toEqual(['日期', '所属组织', '填写人', '工作内容', '填写时间']);
      expect(x.rows.map((r) => [r['日期'], r['工作内容'], r['所属组织']])).toEqual([['2025-04-01', '街道检查', '东北街街道'], ['2025-03-02', '走访 5 户', '富康第一网格']]);
      const a = await exportAudits(before);
      expect(a.map((r) => [r.action, r.entity_type])).toEqual([['workLog.export', 'workLog']]);
      expect(a[0].detail).toEqual({ filter: {}, rows: 2 });
      const f = await xlsx(await s.streetStaff.get(`${API}/work-logs/export.xlsx?from=2025-03-01&to=2025-03-31&authorId=${w.users.gridWorker.id}`), '工作日志.xlsx');
      expect(f.rows.map((r) => r['工作内容'])).toEqual(['走访 5 户']);
      expect((await xlsx(await s.streetStaff.get(`${API}/work-logs/export.xlsx?orgId=${w.gridA.id}`), '工作日志.xlsx')).rows).toHaveLength(1);
      const b = await xlsx(await s.streetStaffB.get(`${API}/work-logs/export.xlsx`, { 'accept-language': 'en' }), 'work-logs.xlsx');
      expect(b.header).toEqual(['Date', 'Org', 'Author', 'Content', 'Written at']);
      expect(b.rows.map((r) => r.Content)).toEqual(['南苑日志']);
      expectError(await s.streetStaff.get(`${API}/work-logs/export.xlsx?from=2025-05-01&to=2025-04-01`), 400, 'VALIDATION_FAILED', 'to');
      expectError(await s.streetStaffB.get(`${API}/work-logs/export.xlsx?orgId=${w.gridA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    });

    it('meetings: the list filters, in scope, audited', async () => {
      const before = await lastAuditId(t);
      const x = await xlsx(await s.streetStaff.get(`${API}/grid-meetings/export.xlsx`), '周例会.xlsx');
      expect(x.header).toEqual(['会议日期', '召开单位', '议题', '参会人员', '会议纪要', '记录人', '填写时间']);
      expect(x.rows.map((r) => r['议题'])).toEqual(['网格碰头会', '社区例会']);
      expect(x.rows[1]).toMatchObject({ 会议日期: '2025-05-05', 召开单位: '富康社区', 参会人员: '网格员、协管员', 会议纪要: '通报走访', 记录人: w.users.communityWorker.username });
      const a = await exportAudits(before);
      expect(a.map((r) => r.action)).toEqual(['meeting.export']);
      expect(a[0].detail).toEqual({ filter: {}, rows: 2 });
      const june = await xlsx(await s.streetStaff.get(`${API}/grid-meetings/export.xlsx?from=2025-06-01&orgId=${w.gridA.id}`), '周例会.xlsx');
      expect(june.rows.map((r) => r['议题'])).toEqual(['网格碰头会']);
      const b = await xlsx(await s.streetStaffB.get(`${API}/grid-meetings/export.xlsx`), '周例会.xlsx');
      expect(b.rows.map((r) => r['议题'])).toEqual(['南苑例会']);
      expectError(await s.streetStaff.get(`${API}/grid-meetings/export.xlsx?to=2025-02-30`), 400, 'VALIDATION_FAILED', 'to');
    });
  });

  describe('coverage', () => {
    let community: { id: number; path: string; code: string };

    beforeAll(async () => {
      community = await t.org(w.streetA.id, 'community', '620902001008', '导出社区');
      const g1 = await t.org(community.id, 'grid', '620902001008001', '导出一网格');
      await t.org(community.id, 'grid', '620902001008002', '导出二网格'); // empty
      const h1 = await insertHousehold(t, g1, '导出小区 1号楼', '101');
      await insertHousehold(t, g1, '导出小区 1号楼', '102');
      const hc = await insertHousehold(t, community, '导出村 一组', '1'); // not in a grid yet
      await insertResident(t, g1, { householdId: h1, phone: true, birthDate: '1960-01-01' });
      await insertResident(t, g1, {});
      await insertResident(t, community, { householdId: hc });
      expect((await s.streetStaff.post(`${API}/visits`, { householdId: h1, findings: '覆盖走访', followUp: false })).statusCode).toBe(201);
    });

    it('one row per grid (and unassigned community records), percentages, a totals row; audited', async () => {
      const before = await lastAuditId(t);
      const x = await xlsx(await s.streetStaff.get(`${API}/coverage/export.xlsx?orgId=${community.id}&month=${MONTH}`), `覆盖率-导出社区-${MONTH}.xlsx`);
      expect(x.header).toEqual(['网格', '户数目标', '户数', '已走访户', '走访率(%)', '居民数', '手机号完整度(%)', '证件号完整度(%)', '出生日期完整度(%)',
        '所在户完整度(%)', '民族完整度(%)', '政治面貌完整度(%)', '信息完整度(%)']);
      expect(x.rows.map((r) => Object.values(r))).toEqual([
        ['导出社区（未分网格）', null, 1, 0, 0, 1, 0, 100, 0, 100, 0, 0, 33.3],
        ['导出一网格', 500, 2, 1, 50, 2, 50, 100, 50, 50, 0, 0, 41.7],
        ['导出二网格', 500, 0, 0, null, 0, null, null, null, null, null, null, null],
        ['合计', 1000, 3, 1, 33.3, 3, 33.3, 100, 33.3, 66.7, 0, 0, 38.9],
      ]);
      const a = await exportAudits(before);
      expect(a.map((r) => [r.action, r.actor_role])).toEqual([['coverage.export', 'streetStaff']]);
      expect(a[0].detail).toEqual({ filter: { orgId: community.id, month: MONTH }, rows: 3 });
    });

    it('defaults to the actor’s org; English; scope and org level are checked before sending', async () => {
      const own = await xlsx(await s.gridWorker.get(`${API}/coverage/export.xlsx`, { 'accept-language': 'en' }), `coverage-${MONTH}.xlsx`);
      expect(own.header.slice(0, 5)).toEqual(['Grid', 'Households target', 'Households', 'Households visited', 'Visit rate (%)']);
      expect(own.rows.map((r) => r.Grid)).toEqual(['富康第一网格', 'Total']);
      const b = await xlsx(await s.streetStaffB.get(`${API}/coverage/export.xlsx`), '覆盖率-东南街街道');
      expect(b.rows.map((r) => r['网格'])).toEqual(['南苑第一网格', '合计']);
      const before = await lastAuditId(t);
      expectError(await s.streetStaffB.get(`${API}/coverage/export.xlsx?orgId=${community.id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get(`${API}/coverage/export.xlsx?orgId=${w.deptA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.get(`${API}/coverage/export.xlsx?month=2026-1`), 400, 'VALIDATION_FAILED', 'month');
      expect(await exportAudits(before)).toEqual([]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { XLSX, buildWorld, expectError, hasHan, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { API, createResident, household, idCard, type ResidentBody } from './residents-fixtures.js';

const RES = `${API}/residents`;

describe('resident privacy: reveal and export', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let a: ResidentBody, b: ResidentBody, other: ResidentBody;
  const ID_A = idCard('1956-11-12', 'male', 41);
  const ID_B = idCard('1988-04-05', 'female', 42);
  const ID_OTHER = idCard('1977-07-07', 'male', 43);

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    const h = await household(t, w.gridA);
    a = await createResident(s.gridWorker, { name: '赵德胜', idNumber: ID_A, phone: '13700001111', householdId: h.id, relation: 'head', tags: ['veteran'] });
    b = await createResident(s.gridWorker, { name: '钱芳', idNumber: ID_B, orgId: w.gridA.id });
    other = await createResident(s.streetStaffB, { name: '孙南', idNumber: ID_OTHER, phone: '13700002222', orgId: w.gridB.id });
  });
  afterAll(async () => { await t?.close(); });

  const reveal = (who: Session, id: number, field: string, reason = '入户核实身份', headers?: Record<string, string>) =>
    who.post(`${RES}/${id}/reveal`, { field, reason }, headers);

  describe('reveal', () => {
    it('gives the full name, ID number and phone with a reason, each read audited', async () => {
      const before = await lastAuditId(t);
      for (const [field, value] of [['name', '赵德胜'], ['idNumber', ID_A], ['phone', '13700001111']] as const) {
        const r = await reveal(s.gridWorker, a.id, field);
        expect(r.statusCode, r.body).toBe(200);
        expect(r.json()).toEqual({ value });
      }
      const audit = await auditSince(t, before);
      expect(audit.map((x) => [x.action, x.outcome, x.entity_id, (x.detail as { field: string }).field])).toEqual([
        ['resident.reveal', 'success', String(a.id), 'name'], ['resident.reveal', 'success', String(a.id), 'idNumber'], ['resident.reveal', 'success', String(a.id), 'phone'],
      ]);
      expect(audit[0].detail).toEqual({ field: 'name', reason: '入户核实身份' });
      expect(audit[0].org_path).toBe(w.gridA.path);
      // The audit record names the field, never the value.
      for (const x of audit) expect(JSON.stringify(x.detail)).not.toMatch(/赵德胜|13700001111|\d{17}/);
    });

    it('refusals: 403 audited as denied for roles without resident.reveal; 404 outside scope; 400 for a missing reason or value', async () => {
      const before = await lastAuditId(t);
      for (const who of ['sysAdmin', 'securityAdmin', 'departmentStaff', 'resident'] as Account[]) {
        const e = expectError(await reveal(s[who], a.id, 'idNumber'), 403, 'FORBIDDEN');
        expect(hasHan(e.message)).toBe(true);
      }
      const denied = await auditSince(t, before);
      expect(denied).toHaveLength(4);
      for (const d of denied) expect(d).toMatchObject({ action: 'resident.reveal', outcome: 'denied', entity_id: String(a.id), detail: { field: 'idNumber', reason: '入户核实身份' } });
      const probe = await lastAuditId(t);
      expectError(await reveal(s.streetStaffB, a.id, 'phone'), 404, 'NOT_FOUND');
      expectError(await reveal(s.gridWorker, other.id, 'phone'), 404, 'NOT_FOUND');
      expectError(await reveal(s.gridWorker, 99999999, 'phone'), 404, 'NOT_FOUND');
      // Probing outside the scope is answered like a missing id, and audited as denied.
      expect((await auditSince(t, probe)).map((x) => [x.actor_id, x.entity_id, x.outcome, (x.detail as { notFound?: boolean }).notFound])).toEqual([
        [w.users.streetStaffB.id, String(a.id), 'denied', true], [w.users.gridWorker.id, String(other.id), 'denied', true], [w.users.gridWorker.id, '99999999', 'denied', true],
      ]);
      expectError(await s.gridWorker.post(`${RES}/${a.id}/reveal`, { field: 'phone' }), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.gridWorker.post(`${RES}/${a.id}/reveal`, { field: 'address', reason: '核实' }), 400, 'VALIDATION_FAILED', 'field');
      const en = expectError(await reveal(s.gridWorker, b.id, 'phone', '核实', { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'field');
      expect(en.fields!.field).toBe('is not recorded for this resident');
      expect((await auditSince(t, before)).filter((x) => x.outcome === 'success')).toHaveLength(0);
      expectError(await t.app.inject({ method: 'POST', url: `${RES}/${a.id}/reveal`, payload: { field: 'phone', reason: 'x1' } }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('export', () => {
    it('masked by default, in scope, with the list filters; audited with the filter and row count', async () => {
      const before = await lastAuditId(t);
      const r = await s.streetStaff.get(`${RES}/export.xlsx`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      const x = await readXlsx(r);
      expect(x.header).toEqual(['编号', '姓名', '性别', '出生年份', '证件类型', '证件号码', '手机号码', '民族', '政治面貌', '户籍类型', '来此日期', '所属组织', '户（地址）', '与户主关系', '标签', '状态', '备注']);
      expect(x.rows.map((row) => row['编号'])).toEqual([a.id, b.id]);
      expect(x.rows[0]).toMatchObject({ 姓名: '赵*胜', 性别: '男', 出生年份: 1956, 证件号码: a.idMasked, 手机号码: '137****1111', 与户主关系: '户主', 状态: '有效' });
      expect(String(x.rows[0]['标签'])).toContain('退役军人');
      expect(String(x.rows[0]['标签'])).toContain('60岁以上');
      const raw = JSON.stringify(x.rows);
      for (const secret of [ID_A, ID_B, '13700001111', '赵德胜', '钱芳', '孙南', '1956-11-12']) expect(raw).not.toContain(secret);
      const audit = await auditSince(t, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'resident.export', outcome: 'success', detail: { filter: {}, rows: 2, masked: true } });

      const filtered = await readXlsx(await s.streetStaff.get(`${RES}/export.xlsx?tags=veteran`));
      expect(filtered.rows.map((row) => row['编号'])).toEqual([a.id]);
      const mine = await readXlsx(await s.streetStaffB.get(`${RES}/export.xlsx`));
      expect(mine.rows.map((row) => row['编号'])).toEqual([other.id]);
      const en = await readXlsx(await s.gridWorker.get(`${RES}/export.xlsx`, { 'accept-language': 'en' }));
      expect(en.header.slice(0, 4)).toEqual(['ID', 'Name', 'Gender', 'Birth year']);
      expect(en.rows[0]).toMatchObject({ Gender: 'male', Status: 'active' });
    });

    it('reveal=true with a reason gives full values to resident.reveal holders, audited before any row', async () => {
      const before = await lastAuditId(t);
      const r = await s.gridWorker.get(`${RES}/export.xlsx?reveal=true&reason=${encodeURIComponent('民政核对')}&gender=male`);
      expect(r.statusCode, r.body).toBe(200);
      const x = await readXlsx(r);
      expect(x.header[3]).toBe('出生日期');
      expect(x.rows).toHaveLength(1);
      expect(x.rows[0]).toMatchObject({ 姓名: '赵德胜', 证件号码: ID_A, 手机号码: '13700001111', 出生日期: '1956-11-12' });
      const audit = await auditSince(t, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'resident.export', outcome: 'success', detail: { filter: { gender: 'male' }, rows: 1, masked: false, reason: '民政核对' } });
    });

    it('400 for reveal without a reason or a bad filter; 403 without resident.read; 401 without a session', async () => {
      expectError(await s.gridWorker.get(`${RES}/export.xlsx?reveal=true`), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.gridWorker.get(`${RES}/export.xlsx?tags=nope`), 400, 'VALIDATION_FAILED', 'tags');
      expectError(await s.gridWorker.get(`${RES}/export.xlsx?orgId=${w.gridB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
      for (const who of ['sysAdmin', 'departmentStaff', 'resident'] as Account[]) {
        expectError(await s[who].get(`${RES}/export.xlsx`), 403, 'FORBIDDEN');
        const before = await lastAuditId(t);
        expectError(await s[who].get(`${RES}/export.xlsx?reveal=true&reason=xx&gender=male`), 403, 'FORBIDDEN');
        expect((await auditSince(t, before)).map((x) => [x.action, x.outcome, x.detail])).toEqual([
          ['resident.export', 'denied', { filter: { gender: 'male', status: 'active' }, masked: false, reason: 'xx' }],
        ]);
      }
      expectError(await t.app.inject({ method: 'GET', url: `${RES}/export.xlsx` }), 401, 'UNAUTHENTICATED');
    });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { XLSX, buildWorld, expectError, hasHan, loginAll, type Account, type World } from './fixtures.js';
import { GBK_ROWS, GRID_A, MIXED, MIXED_ROWS, idNo } from '../fixtures/imports/generate.js';
import { systemCtx } from '../../src/core/context.js';
import { AppError } from '../../src/core/errors.js';
import { importResidentsFile } from '../../src/modules/imports/service.js';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');
const fixture = (f: string) => fs.readFileSync(path.join(FIX, f));
const IMPORTS = '/api/v1/imports';

interface Job {
  id: number; orgId: number; status: string; totalRows: number; processedRows: number; inserted: number; updated: number;
  unchanged: number; rejected: number; error: string | null; actions: string[]; filename: string; format: string;
}

describe('resident imports', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    owner = await ownerClient(t.dbUrl);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const upload = (who: Session, orgId: number, data: Buffer | string, contentType = 'application/octet-stream', filename?: string, lang?: string) =>
    t.app.inject({
      method: 'POST', url: `${IMPORTS}/residents?orgId=${orgId}${filename ? `&filename=${encodeURIComponent(filename)}` : ''}`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType, ...(lang ? { 'accept-language': lang } : {}) },
      payload: data,
    });
  const count = async (table: string) => Number((await owner.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const waitDone = async (who: Session, id: number): Promise<Job> => {
    for (let i = 0; i < 400; i++) {
      const r = await who.get(`${IMPORTS}/${id}`);
      expect(r.statusCode, r.body).toBe(200);
      const j = r.json() as Job;
      if (j.status === 'done' || j.status === 'failed') return j;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('import did not finish');
  };
  const uploadAndRun = async (who: Session, orgId: number, data: Buffer, filename: string) => {
    const up = await upload(who, orgId, data, 'application/octet-stream', filename);
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().job.id as number;
    const c = await who.post(`${IMPORTS}/${id}/commit`);
    expect(c.statusCode, c.body).toBe(202);
    return { preview: up.json().preview, job: await waitDone(who, id) };
  };
  const readBook = async (r: LightMyRequestResponse | Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((Buffer.isBuffer(r) ? r : r.rawPayload) as unknown as ArrayBuffer);
    return wb;
  };

  describe('template', () => {
    it('downloads an .xlsx with the template headers, text-formatted ID column and a 说明 sheet', async () => {
      const r = await s.communityWorker.get(`${IMPORTS}/template.xlsx`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('居民信息导入模板.xlsx');
      const wb = await readBook(r);
      expect(wb.worksheets.map((x) => x.name)).toEqual(['居民信息', '说明']);
      const head = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1);
      expect(head).toEqual(['姓名', '证件类型', '证件号码', '性别', '出生日期', '民族', '手机号码', '政治面貌', '户籍类型', '来本地日期', '与户主关系',
        '小区', '楼栋', '单元', '门牌号', '街路巷', '居住面积', '房屋性质', '标签', '网格编码']);
      expect(wb.worksheets[0].getColumn(3).numFmt).toBe('@');
      expect(wb.worksheets[1].getCell('A2').value).toBe('姓名');
    });

    it('401 without a session, 403 for roles that do not import', async () => {
      expectError(await t.app.inject({ method: 'GET', url: `${IMPORTS}/template.xlsx` }), 401, 'UNAUTHENTICATED');
      for (const a of ['departmentStaff', 'resident', 'auditAdmin', 'sysAdmin'] as Account[])
        expectError(await s[a].get(`${IMPORTS}/template.xlsx`), 403, 'FORBIDDEN');
    });
  });

  describe('mixed workbook (merged headers, aliases, valid and invalid rows)', () => {
    let jobId: number;

    it('upload previews without importing: header found under a merged title, counts, masked rows, reasons', async () => {
      const before = await lastAuditId(t);
      const r = await upload(s.communityWorker, w.communityA.id, fixture('mixed.xlsx'), XLSX, '富康社区.xlsx');
      expect(r.statusCode, r.body).toBe(201);
      const { job, preview } = r.json();
      jobId = job.id;
      expect(job).toMatchObject({ status: 'previewed', format: 'xlsx', filename: '富康社区.xlsx', totalRows: MIXED.valid + MIXED.invalid, orgId: w.communityA.id, actions: ['commit', 'errors'] });
      expect(preview).toMatchObject({ format: 'xlsx', sheet: '居民信息', headerRow: 3, totalRows: 18, validRows: MIXED.valid, invalidRows: MIXED.invalid });
      const fields = Object.fromEntries(preview.columns.map((c: { header: string; field: string }) => [c.header, c.field]));
      expect(fields).toMatchObject({ 身份证号: 'idNumber', 联系电话: 'phone', 小区: 'estate', 门牌号: 'room', 网格编码: 'gridCode' });
      expect(preview.rows[0]).toMatchObject({ rowNo: 4, errors: [], values: { name: '张*国', idNumber: '620902********0111', phone: '138****2345', address: '富康小区 3号楼 2单元 ***', tags: '空巢、低保', politicalStatus: '中共党员' } });
      expect(r.body).not.toContain(idNo('19580312', '011'));
      expect(r.body).not.toContain('13893712345');
      const reasons = Object.fromEntries(preview.errors.map((e: { rowNo: number; reason: string }) => [e.rowNo, e.reason]));
      expect(reasons[13]).toContain('被 Excel 存成了数字');
      expect(reasons[MIXED.duplicateRow]).toContain(`与第 ${MIXED.firstOfDuplicate} 行重复`);
      expect(reasons[17]).toContain('网格编码');
      expect(Object.keys(reasons)).toHaveLength(MIXED.invalid);
      expect(await count('resident')).toBe(0);
      // The file and the preview's error report are kept encrypted until the job is done.
      const stored = (await owner.query('SELECT file_data, error_report FROM import_job WHERE id = $1', [jobId])).rows[0];
      expect(stored.file_data.subarray(0, 2).toString()).not.toBe('PK');
      expect(t.deps.cipher.decryptBytes(stored.file_data).equals(fixture('mixed.xlsx'))).toBe(true);
      expect(t.deps.cipher.decryptBytes(stored.error_report).subarray(0, 2).toString()).toBe('PK');
      const audit = await auditSince(t, before);
      expect(audit.map((a) => a.action)).toEqual(['import.upload']);
      expect(audit[0].detail).toMatchObject({ totalRows: 18, invalidRows: MIXED.invalid, filename: '富康社区.xlsx' });
    });

    it('the preview speaks English when asked', async () => {
      const r = await upload(s.communityWorker, w.communityA.id, fixture('mixed.xlsx'), XLSX, 'x.xlsx', 'en');
      expect(r.statusCode).toBe(201);
      const e = r.json().preview.errors.find((x: { rowNo: number }) => x.rowNo === 14);
      expect(e.reason).toBe('phone: must be an 11-digit mobile number');
    });

    it('commit runs in the background to done; rows are written with encrypted personal information', async () => {
      const before = await lastAuditId(t);
      const c = await s.communityWorker.post(`${IMPORTS}/${jobId}/commit`);
      expect(c.statusCode, c.body).toBe(202);
      expect(['running', 'done']).toContain(c.json().status);
      const j = await waitDone(s.communityWorker, jobId);
      expect(j).toMatchObject({ status: 'done', totalRows: 18, processedRows: 18, inserted: MIXED.valid, updated: 0, unchanged: 0, rejected: MIXED.invalid, error: null, actions: ['errors'] });
      expect(await count('resident')).toBe(MIXED.valid);
      expect(await count('household')).toBe(MIXED.households);
      const rows = (await owner.query('SELECT r.*, row_to_json(r)::text AS json FROM resident r ORDER BY id')).rows;
      for (const row of MIXED_ROWS.slice(0, 8)) {
        if (!row) continue;
        const plain = String(row[2]);
        expect(rows.some((x) => x.json.includes(plain)), plain).toBe(false);
      }
      for (const x of rows) {
        expect(x.id_enc).toMatch(/^v1:/);
        expect(x.id_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(x.id_masked).toContain('*');
        expect(t.deps.cipher.decrypt(x.id_enc)).toMatch(/^(620902\d{11}[\dX]|E12345678)$/);
      }
      const zhang = rows.find((x) => x.name === '张建国');
      expect(zhang).toMatchObject({ gender: 'male', birth_date: '1958-03-12', political_status: 'partyMember', registration_type: 'registered', relation: 'head', org_id: w.communityA.id });
      expect(zhang.tags.sort()).toEqual(['emptyNester', 'subsistence']);
      expect(t.deps.cipher.decrypt(zhang.phone_enc)).toBe('13893712345');
      expect(zhang.phone_hash).toBe(t.deps.cipher.lookupHash('13893712345'));
      const wang = rows.find((x) => x.name === '王芳');
      expect(wang).toMatchObject({ registration_type: 'migrant', arrival_date: '2020-05-01', org_id: await gridAId(), relation: 'tenant' });
      expect(t.deps.cipher.decrypt(wang.phone_enc)).toBe('13909371234');
      expect(rows.find((x) => x.name === '孙七')).toMatchObject({ household_id: null, org_id: await gridAId() });
      // The three family members share one household (３号楼 and 3号楼 are the same building).
      const hh = (await owner.query(`SELECT h.*, (SELECT count(*) FROM resident r WHERE r.household_id = h.id)::int AS n FROM household h ORDER BY id`)).rows;
      const fam = hh.find((h) => h.place === '富康小区 3号楼 2单元');
      expect(fam).toMatchObject({ n: 3, address_masked: '富康小区 3号楼 2单元 ***', area_sqm: 96.5, tenure: 'owned', org_id: w.communityA.id, head_resident_id: zhang.id });
      expect(t.deps.cipher.decrypt(fam.address_enc)).toBe('富康小区 3号楼 2单元 301');
      expect(hh.find((h) => h.place === '东关村三组')).toMatchObject({ estate_id: null, address_masked: '东关村三组 ***' });
      expect(await count('estate')).toBe(1);
      expect(await count('building')).toBe(2);
      expect(await count('household_membership')).toBe(5);
      const changes = (await owner.query(`SELECT kind, changes FROM resident_change`)).rows;
      expect(changes).toHaveLength(MIXED.valid);
      expect(changes[0]).toMatchObject({ kind: 'import', changes: { jobId, created: true } });
      const audit = await auditSince(t, before);
      expect(audit.map((a) => a.action)).toEqual(['import.start', 'import.finish']);
      expect(audit[1].detail).toMatchObject({ inserted: MIXED.valid, rejected: MIXED.invalid, filename: '富康社区.xlsx' });
      expect((await owner.query('SELECT file_data IS NULL AS gone FROM import_job WHERE id = $1', [jobId])).rows[0].gone).toBe(true);
    });

    it('errors.xlsx has the rejected rows as typed with 错误原因 in Chinese beside them; reading it is audited', async () => {
      const before = await lastAuditId(t);
      const r = await s.communityWorker.get(`${IMPORTS}/${jobId}/errors.xlsx`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      const ws = (await readBook(r)).worksheets[0];
      const head = (ws.getRow(1).values as unknown[]).slice(1);
      expect(head.slice(0, 3)).toEqual(['姓名', '证件类型', '身份证号']);
      expect(head.slice(-2)).toEqual(['错误原因', '原行号']);
      expect(ws.actualRowCount).toBe(1 + MIXED.invalid);
      const reasonCol = head.length - 1;
      const byRow = new Map<number, ExcelJS.Row>();
      ws.eachRow((row, n) => { if (n > 1) byRow.set(Number(row.getCell(reasonCol + 1).value), row); });
      for (const row of byRow.values()) expect(hasHan(String(row.getCell(reasonCol).value))).toBe(true);
      expect(byRow.get(14)!.getCell(1).value).toBe('吴十');
      expect(byRow.get(14)!.getCell(3).value).toBe(idNo('19881010', '071'));
      expect(String(byRow.get(20)!.getCell(reasonCol).value)).toContain('与第 4 行重复');
      expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['import.errors']);
    });

    it('importing the same file again changes nothing: 0 inserted, 0 updated, all unchanged', async () => {
      const counts = { r: await count('resident'), h: await count('household'), m: await count('household_membership'), c: await count('resident_change') };
      const { job } = await uploadAndRun(s.communityWorker, w.communityA.id, fixture('mixed.xlsx'), 'again.xlsx');
      expect(job).toMatchObject({ status: 'done', inserted: 0, updated: 0, unchanged: MIXED.valid, rejected: MIXED.invalid });
      expect({ r: await count('resident'), h: await count('household'), m: await count('household_membership'), c: await count('resident_change') }).toEqual(counts);
    });

    it('a corrected sheet updates only what changed: a new phone, a move to another household', async () => {
      const csv = [
        '姓名,证件号码,手机号码,小区,楼栋,单元,门牌号,与户主关系',
        `张伟,${idNo('19850101', '031')},13700001111,富康小区,5号楼,1单元,102,其他`,
        `李秀兰,${idNo('19600708', '022')},13993712345,富康小区,3号楼,2单元,301,配偶`,
      ].join('\n');
      const { job } = await uploadAndRun(s.communityWorker, w.communityA.id, Buffer.from(csv), 'fix.csv');
      expect(job).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
      const r = (await owner.query(`SELECT r.*, h.place FROM resident r JOIN household h ON h.id = r.household_id WHERE r.name = '张伟'`)).rows[0];
      expect(r).toMatchObject({ place: '富康小区 5号楼 1单元', relation: 'other', org_id: await gridAId() });
      expect(t.deps.cipher.decrypt(r.phone_enc)).toBe('13700001111');
      const m = (await owner.query(`SELECT household_id, ended_at FROM household_membership WHERE resident_id = $1 ORDER BY id`, [r.id])).rows;
      expect(m).toHaveLength(2);
      expect(m[0].ended_at).not.toBeNull();
      expect(m[1]).toMatchObject({ household_id: r.household_id, ended_at: null });
      const ch = (await owner.query(`SELECT changes FROM resident_change WHERE resident_id = $1 ORDER BY id DESC LIMIT 1`, [r.id])).rows[0].changes;
      expect(ch.fields.sort()).toEqual(['household', 'org', 'phone', 'relation']);
      expect(JSON.stringify(ch)).not.toContain('13700001111');
    });
  });

  const gridAId = async () => w.gridA.id;

  describe('files saved by other tools', () => {
    it('a GBK-encoded CSV (Excel on Chinese Windows) is decoded, previewed and imported', async () => {
      const { preview, job } = await uploadAndRun(s.communityWorker, w.communityA.id, fixture('gbk.csv'), 'gbk.csv');
      expect(preview).toMatchObject({ format: 'csv', encoding: 'gb18030', headerRow: 1, totalRows: 4, validRows: 3, invalidRows: 1 });
      expect(preview.rows[0].values).toMatchObject({ name: '欧**娜', address: '南关小区 7号楼 3单元 ***', tags: '残疾' });
      expect(job).toMatchObject({ status: 'done', inserted: 3, rejected: 1 });
      const stored = (await owner.query('SELECT file_data, error_report FROM import_job WHERE id = $1', [job.id])).rows[0];
      expect(stored.file_data).toBeNull();
      expect(stored.error_report.includes(Buffer.from('6209021234'))).toBe(false);
      const r = (await owner.query(`SELECT tags FROM resident WHERE name = $1`, [GBK_ROWS[3][0]])).rows[0];
      expect(r.tags.sort()).toEqual(['livingAlone', 'veteran']);
    });

    // Saved by LibreOffice Calc 7 from gbk.csv (GBK, ID and phone columns as text): see generate.ts.
    it('the same rows converted to .xlsx by LibreOffice import as unchanged', async () => {
      const { job } = await uploadAndRun(s.communityWorker, w.communityA.id, fixture('gbk-libreoffice.xlsx'), 'lo.xlsx');
      expect(job).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, rejected: 1 });
    });
  });

  describe('refused files: 4xx, a clear message, nothing written', () => {
    const nothingWritten = async (fn: () => Promise<void>) => {
      const jobs = await count('import_job');
      const audit = await lastAuditId(t);
      await fn();
      expect(await count('import_job')).toBe(jobs);
      expect(await lastAuditId(t)).toBe(audit);
    };

    it('wrong headers → 400 WRONG_HEADERS naming the missing columns', async () => {
      await nothingWritten(async () => {
        const e = expectError(await upload(s.communityWorker, w.communityA.id, fixture('wrong-headers.csv'), 'text/csv'), 400, 'WRONG_HEADERS');
        expect(e.message).toContain('姓名、证件号码');
        const en = expectError(await upload(s.communityWorker, w.communityA.id, Buffer.from('姓名,电话\n张三,13800000000\n'), 'text/csv', undefined, 'en'), 400, 'WRONG_HEADERS');
        expect(en.message).toContain('idNumber');
        expect(en.message).toContain('recognised: 姓名');
      });
    });

    it('a text file renamed .xlsx, a truncated .xlsx, an old .xls, an image, an empty body → 400', async () => {
      await nothingWritten(async () => {
        const e = expectError(await upload(s.communityWorker, w.communityA.id, fixture('not-a-sheet.xlsx'), XLSX, 'notes.xlsx'), 400, 'NOT_A_SPREADSHEET');
        expect(e.message).toContain('不是 Excel 工作簿');
        expectError(await upload(s.communityWorker, w.communityA.id, fixture('not-a-sheet.xlsx'), 'application/octet-stream', 'notes.xlsx'), 400, 'NOT_A_SPREADSHEET');
        expect(expectError(await upload(s.communityWorker, w.communityA.id, fixture('truncated.xlsx'), XLSX), 400, 'FILE_DAMAGED').message).toContain('不完整');
        expectError(await upload(s.communityWorker, w.communityA.id, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'application/octet-stream', 'old.xls'), 400, 'NOT_A_SPREADSHEET');
        expectError(await upload(s.communityWorker, w.communityA.id, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'application/octet-stream'), 400, 'NOT_A_SPREADSHEET');
        expectError(await upload(s.communityWorker, w.communityA.id, Buffer.alloc(0), 'text/csv'), 400, 'EMPTY_FILE');
        expectError(await upload(s.communityWorker, w.communityA.id, Buffer.from('姓名,证件号码\n'), 'text/csv'), 400, 'EMPTY_FILE');
      });
    });

    it('a zip whose data is garbage is refused, not left hanging', async () => {
      const x = Buffer.from(fixture('mixed.xlsx'));
      for (let i = 2000; i < 3500; i++) x[i] = (x[i] * 7 + 3) % 256;
      await nothingWritten(async () => {
        expectError(await upload(s.communityWorker, w.communityA.id, x, XLSX), 400, 'FILE_DAMAGED');
      });
    }, 30_000);

    it('JSON or another media type instead of the file → 415', async () => {
      await nothingWritten(async () => {
        expectError(await upload(s.communityWorker, w.communityA.id, JSON.stringify({ rows: [] }), 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expectError(await upload(s.communityWorker, w.communityA.id, '<a/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      });
    });

    it('over the size limit → 413 naming the limit', async () => {
      const small = await createTestApp({ importUploadLimitBytes: 64 * 1024 });
      try {
        const ww = await buildWorld(small, ['communityWorker']);
        const sess = await small.login(ww.users.communityWorker.username);
        const big = Buffer.concat([fixture('gbk.csv'), Buffer.alloc(70 * 1024, 0x20)]);
        const r = await small.app.inject({
          method: 'POST', url: `${IMPORTS}/residents?orgId=${ww.communityA.id}`, payload: big,
          headers: { cookie: sess.cookie, 'x-csrf-token': sess.csrf, 'content-type': 'text/csv' },
        });
        expect(expectError(r, 413, 'PAYLOAD_TOO_LARGE').message).toContain(String(64 * 1024));
        expect(Number((await small.handle.db.selectFrom('import_job').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
      } finally {
        await small.close();
      }
    });
  });

  describe('permissions and scope', () => {
    let jobA: number;
    beforeAll(async () => {
      const r = await upload(s.streetStaff, w.communityA.id, fixture('gbk.csv'), 'text/csv', 'scoped.csv');
      expect(r.statusCode, r.body).toBe(201);
      jobA = r.json().job.id;
    });

    it('another street cannot import into this one and cannot see its jobs (404)', async () => {
      expectError(await upload(s.streetStaffB, w.communityA.id, fixture('gbk.csv'), 'text/csv'), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaffB.get(`${IMPORTS}/${jobA}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaffB.post(`${IMPORTS}/${jobA}/commit`), 404, 'NOT_FOUND');
      expectError(await s.streetStaffB.get(`${IMPORTS}/${jobA}/errors.xlsx`), 404, 'NOT_FOUND');
      const list = await s.streetStaffB.get(IMPORTS);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((j: Job) => j.id)).not.toContain(jobA);
      expectError(await s.streetStaff.get(`${IMPORTS}/999999`), 404, 'NOT_FOUND');
    });

    it('roles without resident.import get 403; imports go to streets, communities or grids only', async () => {
      for (const a of ['departmentStaff', 'resident', 'sysAdmin', 'securityAdmin'] as Account[]) {
        expectError(await upload(s[a], w.communityA.id, fixture('gbk.csv'), 'text/csv'), 403, 'FORBIDDEN');
        expectError(await s[a].get(IMPORTS), 403, 'FORBIDDEN');
        expectError(await s[a].get(`${IMPORTS}/${jobA}`), 403, 'FORBIDDEN');
      }
      expectError(await upload(s.streetStaff, w.deptA.id, fixture('gbk.csv'), 'text/csv'), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await upload(s.gridWorker, w.communityA.id, fixture('gbk.csv'), 'text/csv'), 400, 'VALIDATION_FAILED', 'orgId');
      // The grid worker sees the street's job only if it was made for their grid: it was not.
      expectError(await s.gridWorker.get(`${IMPORTS}/${jobA}`), 404, 'NOT_FOUND');
      expect((await s.communityWorker.get(`${IMPORTS}/${jobA}`)).statusCode).toBe(200);
    });

    it('the list is paginated, newest first, within scope', async () => {
      const r = await s.streetStaff.get(`${IMPORTS}?page=1&pageSize=2`);
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.items).toHaveLength(2);
      expect(body.total).toBeGreaterThan(2);
      expect(body.items[0].id).toBeGreaterThan(body.items[1].id);
      expect((await s.streetStaffB.get(IMPORTS)).json().total).toBe(0);
    });

    it('a person recorded under another street is not taken over by an import there', async () => {
      const id = idNo('19580312', '011'); // 张建国, imported into 富康社区 above
      const csv = `姓名,证件号码,网格编码\n张冒名,${id},${w.gridB.code}\n新居民,${idNo('19920202', '191')},${w.gridB.code}\n`;
      const { job } = await uploadAndRun(s.streetStaffB, w.streetB.id, Buffer.from(csv), 'b.csv');
      expect(job).toMatchObject({ status: 'done', inserted: 1, updated: 0, rejected: 1 });
      expect((await owner.query(`SELECT name, org_id FROM resident WHERE id_hash = $1`, [t.deps.cipher.lookupHash(`idCard:${id}`)])).rows[0])
        .toMatchObject({ name: '张建国', org_id: w.communityA.id });
      const ws = (await readBook(await s.streetStaffB.get(`${IMPORTS}/${job.id}/errors.xlsx`))).worksheets[0];
      expect(String(ws.getRow(2).getCell(4).value)).toContain('本次导入范围以外');
    });

    it('a street import needs a grid code on each row', async () => {
      const up = await upload(s.streetStaff, w.streetA.id, Buffer.from(`姓名,证件号码,网格编码\n甲,${idNo('19930303', '201')},\n乙,${idNo('19930303', '211')},${GRID_A}\n`), 'text/csv');
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json().preview).toMatchObject({ validRows: 1, invalidRows: 1 });
      expect(up.json().preview.errors[0].reason).toContain('网格编码');
    });
  });

  describe('running', () => {
    it('committing twice → 409; a finished job → 409', async () => {
      const up = await upload(s.communityWorker, w.communityA.id, fixture('gbk.csv'), 'text/csv');
      const id = up.json().job.id;
      const [a, b] = await Promise.all([s.communityWorker.post(`${IMPORTS}/${id}/commit`), s.communityWorker.post(`${IMPORTS}/${id}/commit`)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([202, 409]);
      await waitDone(s.communityWorker, id);
      expectError(await s.communityWorker.post(`${IMPORTS}/${id}/commit`), 409, 'IMPORT_NOT_STARTABLE');
    });

    it('a job left running by a crashed server resumes after the rows it had written', async () => {
      const people = Array.from({ length: 30 }, (_, i) => [`居民${i}`, idNo('19800101', String(300 + i * 2 + 1).padStart(3, '0'))]);
      const csv = ['姓名,证件号码', ...people.map((p) => p.join(','))].join('\n');
      const up = await upload(s.communityWorker, w.communityA.id, Buffer.from(csv), 'text/csv', 'crash.csv');
      const id = up.json().job.id;
      // As if a run had written the first 10 rows and the process died.
      await owner.query(`UPDATE import_job SET status = 'running', processed_rows = 10, inserted = 10 WHERE id = $1`, [id]);
      expect((await s.communityWorker.post(`${IMPORTS}/${id}/commit`)).statusCode).toBe(202);
      const j = await waitDone(s.communityWorker, id);
      expect(j).toMatchObject({ status: 'done', processedRows: 30, inserted: 30 });
      const hashes = people.map((p) => t.deps.cipher.lookupHash(`idCard:${p[1]}`));
      const found = (await owner.query(`SELECT id_hash FROM resident WHERE id_hash = ANY($1)`, [hashes])).rows.map((r) => r.id_hash);
      expect(found).toEqual(expect.arrayContaining(hashes.slice(10)));
      expect(found).toHaveLength(20);
    });
  });

  describe('CLI (gongzhi import residents FILE --org CODE) through the service', () => {
    it('streams a file from disk in batches, reports progress and counts; re-running is a no-op', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-imp-'));
      const file = path.join(dir, 'grid.csv');
      const lines = ['姓名,证件号码,小区,楼栋,门牌号,手机号码'];
      for (let i = 0; i < 25; i++) lines.push(`网格居民${i},${idNo('19700303', String(400 + i * 2 + 1))},西苑小区,${(i % 3) + 1}号楼,${100 + i},1380000${String(1000 + i)}`);
      lines.push('坏行,123,,,,');
      fs.writeFileSync(file, lines.join('\r\n'));
      const ctx = systemCtx(t.deps, 'cli');
      const progress: number[] = [];
      const r = await importResidentsFile(ctx, { file, orgCode: w.gridA.code }, { batchSize: 7, onBatch: (x) => progress.push(x.processed) });
      expect(r.job).toMatchObject({ status: 'done', processedRows: 26, totalRows: 26, inserted: 25, rejected: 1 });
      expect(progress).toEqual([7, 14, 21, 26]);
      expect(r.report).not.toBeNull();
      expect((await readBook(r.report!)).worksheets[0].getRow(2).getCell(1).value).toBe('坏行');
      const again = await importResidentsFile(ctx, { file, orgCode: w.gridA.code }, { batchSize: 7 });
      expect(again.job).toMatchObject({ inserted: 0, updated: 0, unchanged: 25, rejected: 1 });
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('batches written side by side: a person moving into a household made by the batch before joins it', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-imp-'));
      const file = path.join(dir, 'move.csv');
      const [p, n, x] = [idNo('19750505', '511'), idNo('19760606', '521'), idNo('19770707', '531')];
      const ctx = systemCtx(t.deps, 'cli');
      fs.writeFileSync(file, `姓名,证件号码,小区,楼栋,门牌号,与户主关系\n迁入者,${p},北苑小区,1号楼,101,户主\n`);
      expect((await importResidentsFile(ctx, { file, orgCode: w.gridA.code })).job).toMatchObject({ inserted: 1 });
      // Batches of two: [新户主 (new address), 邻居] then [迁入者, moving into the new address].
      fs.writeFileSync(file, [
        '姓名,证件号码,小区,楼栋,门牌号,与户主关系',
        `新户主,${n},北苑小区,2号楼,202,户主`, `邻居,${x},北苑小区,2号楼,203,户主`, `迁入者,${p},北苑小区,2号楼,202,配偶`,
      ].join('\n'));
      const r = await importResidentsFile(ctx, { file, orgCode: w.gridA.code }, { batchSize: 2 });
      expect(r.job).toMatchObject({ status: 'done', inserted: 2, updated: 1, unchanged: 0, rejected: 0 });
      const rows = (await owner.query(`SELECT r.id, r.id_hash, r.household_id, r.relation, h.head_resident_id, h.place FROM resident r
        JOIN household h ON h.id = r.household_id WHERE r.id_hash = ANY($1)`, [[p, n].map((v) => t.deps.cipher.lookupHash(`idCard:${v}`))])).rows;
      const mover = rows.find((x) => x.id_hash === t.deps.cipher.lookupHash(`idCard:${p}`));
      const head = rows.find((x) => x.id_hash === t.deps.cipher.lookupHash(`idCard:${n}`));
      expect(mover).toMatchObject({ household_id: head.household_id, relation: 'spouse', head_resident_id: head.id, place: '北苑小区 2号楼' });
      const m = (await owner.query(`SELECT household_id, ended_at FROM household_membership WHERE resident_id = $1 ORDER BY id`, [mover.id])).rows;
      expect(m.map((x) => [x.household_id === head.household_id, x.ended_at === null])).toEqual([[false, false], [true, true]]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a refused file throws before anything is written', async () => {
      const ctx = systemCtx(t.deps, 'cli');
      const jobs = await count('import_job');
      await expect(importResidentsFile(ctx, { file: path.join(FIX, 'wrong-headers.csv'), orgCode: w.communityA.code })).rejects.toBeInstanceOf(AppError);
      await expect(importResidentsFile(ctx, { file: path.join(FIX, 'truncated.xlsx'), orgCode: w.communityA.code })).rejects.toMatchObject({ code: 'FILE_DAMAGED' });
      await expect(importResidentsFile(ctx, { file: path.join(FIX, 'gbk.csv'), orgCode: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await count('import_job')).toBe(jobs);
    });
  });
});

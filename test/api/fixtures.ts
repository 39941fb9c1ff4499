import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { type Session, type TestApp } from '../helpers/app.js';

/**
 * A small piece of 甘肃省酒泉市肃州区 built with the org factory (no audit), and one account per
 * role, for the API test files. Codes follow the official shapes, so the code rules pass.
 */
export interface World {
  province: Org; city: Org; district: Org;
  streetA: Org; streetB: Org; communityA: Org; communityB: Org; gridA: Org; gridB: Org; deptA: Org;
  users: Record<Account, { id: number; username: string }>;
}
type Org = { id: number; path: string; code: string };
export type Account = Role | 'streetStaffB';

const HOME: Record<Account, (w: Omit<World, 'users'>) => string> = {
  sysAdmin: () => 'CN', securityAdmin: () => 'CN', auditAdmin: () => 'CN',
  streetStaff: (w) => w.streetA.code, streetStaffB: (w) => w.streetB.code,
  communityWorker: (w) => w.communityA.code, gridWorker: (w) => w.gridA.code,
  departmentStaff: (w) => w.deptA.code, socialOrgStaff: (w) => w.communityA.code, resident: (w) => w.communityA.code,
};

export async function buildWorld(t: TestApp, accounts: Account[] = Object.keys(HOME) as Account[]): Promise<World> {
  const province = await t.org(1, 'province', '62', '甘肃省');
  const city = await t.org(province.id, 'city', '6209', '酒泉市');
  const district = await t.org(city.id, 'district', '620902', '肃州区');
  const streetA = await t.org(district.id, 'street', '620902001', '东北街街道');
  const streetB = await t.org(district.id, 'street', '620902002', '东南街街道');
  const communityA = await t.org(streetA.id, 'community', '620902001001', '富康社区');
  const communityB = await t.org(streetB.id, 'community', '620902002001', '南苑社区');
  const gridA = await t.org(communityA.id, 'grid', '620902001001001', '富康第一网格');
  const gridB = await t.org(communityB.id, 'grid', '620902002001001', '南苑第一网格');
  const deptA = await t.org(streetA.id, 'department', '620902001D01', '民政办');
  const orgs = { province, city, district, streetA, streetB, communityA, communityB, gridA, gridB, deptA };
  const users = {} as World['users'];
  for (const a of accounts) {
    const role: Role = a === 'streetStaffB' ? 'streetStaff' : a;
    users[a] = await t.user(role, HOME[a](orgs), `${a.toLowerCase()}_w`);
  }
  return { ...orgs, users };
}

/**
 * Draws a square boundary (d degrees) for a grid behind the app's back, and tells the
 * instance, as an org write's NOTIFY would, so located requests route into it.
 */
export async function drawGrid(t: TestApp, gridId: number, lon: number, lat: number, d = 0.01) {
  const square = { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] };
  await t.handle.db.updateTable('org').set({ boundary: JSON.stringify(square) }).where('id', '=', gridId).execute();
  t.deps.bus.emitLocal('org', 'test');
}

/** Logs in every account once (sessions are cheap to reuse within a file). */
export async function loginAll(t: TestApp, w: World): Promise<Record<Account, Session>> {
  const out = {} as Record<Account, Session>;
  for (const [a, u] of Object.entries(w.users)) out[a as Account] = await t.login(u.username);
  return out;
}

/** The one error shape: {error:{code,message,fields?}}, optionally naming a field. */
export function expectError(r: LightMyRequestResponse, status: number, code: string, field?: string) {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const body = r.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const k of Object.keys(body.error)) expect(['code', 'message', 'fields']).toContain(k);
  if (body.error.fields !== undefined) {
    expect(typeof body.error.fields).toBe('object');
    for (const v of Object.values(body.error.fields)) expect(typeof v).toBe('string');
  }
  if (field !== undefined) {
    expect(body.error.fields, `fields of ${r.body}`).toBeDefined();
    expect(Object.keys(body.error.fields), r.body).toContain(field);
  }
  return body.error as { code: string; message: string; fields?: Record<string, string> };
}

/** True when the text is made of ASCII only (an English message carries no Chinese). */
export const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reads an .xlsx response back into header + rows of plain values. */
export async function readXlsx(r: LightMyRequestResponse): Promise<{ header: string[]; rows: Record<string, unknown>[] }> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c, i) => { header[i - 1] = String(c.value ?? ''); });
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, unknown> = {};
    header.forEach((h, i) => { o[h] = row.getCell(i + 1).value ?? null; });
    rows.push(o);
  });
  return { header, rows };
}

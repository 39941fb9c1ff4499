import { expect } from 'vitest';
import type { RouteSpec } from './types.js';
import { household, idCard } from '../residents-fixtures.js';

/** Routes of src/modules/residents (see types.ts). */
const V = '/api/v1';
const ids = { resident: 0, anonymize: 0, account: 0, correction: 0 };

const STAFF = [
  'GET /api/v1/residents/meta', 'GET /api/v1/residents', 'GET /api/v1/residents/export.xlsx', 'GET /api/v1/residents/:id', 'POST /api/v1/residents',
  'PATCH /api/v1/residents/:id', 'POST /api/v1/residents/:id/reveal', 'POST /api/v1/residents/:id/move', 'POST /api/v1/residents/:id/deactivate',
  'POST /api/v1/residents/:id/reactivate', 'POST /api/v1/residents/:id/anonymize', 'GET /api/v1/residents/:id/history', 'POST /api/v1/residents/:id/account',
  'GET /api/v1/corrections', 'POST /api/v1/corrections/:id/accept', 'POST /api/v1/corrections/:id/reject',
];
const SELF = ['GET /api/v1/me/resident', 'GET /api/v1/me/household', 'GET /api/v1/me/resident/export.xlsx', 'POST /api/v1/me/corrections', 'GET /api/v1/me/corrections'];

export const spec: RouteSpec = {
  known: [...STAFF, ...SELF],

  async setup({ t, w, s }) {
    const h = await household(t, w.gridA, '模糊小区 1号楼');
    const make = async (seq: number, extra: Record<string, unknown>) => {
      const r = await s.streetStaff.post(`${V}/residents`, { name: `模糊${seq}`, idNumber: idCard('1970-01-01', 'male', 400 + seq), phone: '13800000000', ...extra });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    ids.resident = await make(1, { householdId: h.id, relation: 'head' });
    ids.anonymize = await make(2, { orgId: w.gridA.id });
    ids.account = await make(3, { orgId: w.gridA.id });
    // The world's resident account (community A) is linked to a record, so /me routes get past the lookup.
    const own = await make(4, { householdId: h.id, relation: 'spouse' });
    await t.handle.db.updateTable('resident').set({ user_id: w.users.resident.id }).where('id', '=', own).execute();
    const c = await s.resident.post(`${V}/me/corrections`, { field: 'phone', message: '号码已更换' });
    expect(c.statusCode, c.body).toBe(201);
    ids.correction = c.json().id;
  },

  base: ({ w }) => ({
    'POST /api/v1/residents': { name: '模糊', idNumber: idCard('1971-02-03', 'female', 450), orgId: w.gridA.id },
    'PATCH /api/v1/residents/:id': { note: '模糊' },
    'POST /api/v1/residents/:id/reveal': { field: 'phone', reason: '模糊测试' },
    'POST /api/v1/residents/:id/move': { householdId: null, orgId: w.gridA.id },
    'POST /api/v1/residents/:id/deactivate': { reason: '模糊测试' },
    'POST /api/v1/residents/:id/reactivate': { reason: '模糊测试' },
    'POST /api/v1/residents/:id/anonymize': { reason: '模糊测试' },
    'POST /api/v1/residents/:id/account': { username: 'fuzz_resident', password: 'Fuzz-resident-2026' },
    'POST /api/v1/me/corrections': { field: 'phone', message: '模糊测试' },
    'POST /api/v1/corrections/:id/accept': { reply: '模糊测试' },
    'POST /api/v1/corrections/:id/reject': { reply: '模糊测试' },
  }),

  who: (key) => (SELF.includes(key) ? 'resident' : STAFF.includes(key) ? 'streetStaff' : undefined),

  id: (key) => {
    if (key.includes('/corrections/:id')) return ids.correction;
    if (key === 'POST /api/v1/residents/:id/anonymize') return ids.anonymize;
    if (key === 'POST /api/v1/residents/:id/account') return ids.account;
    if (key.includes('/residents/:id')) return ids.resident;
    return undefined;
  },

  forbidden: ({ w }) => [
    ['GET /api/v1/residents', 'sysAdmin'], ['GET /api/v1/residents', 'departmentStaff'], ['GET /api/v1/residents', 'resident'],
    ['GET /api/v1/residents/export.xlsx', 'sysAdmin'], ['GET /api/v1/residents/export.xlsx', 'departmentStaff'],
    ['GET /api/v1/residents/:id', 'sysAdmin'], ['GET /api/v1/residents/:id', 'resident'],
    ['POST /api/v1/residents', 'sysAdmin'], ['POST /api/v1/residents', 'departmentStaff'], ['POST /api/v1/residents', 'resident'],
    ['PATCH /api/v1/residents/:id', 'sysAdmin'], ['POST /api/v1/residents/:id/reveal', 'sysAdmin'], ['POST /api/v1/residents/:id/reveal', 'securityAdmin'],
    ['POST /api/v1/residents/:id/move', 'sysAdmin', { householdId: null, orgId: w.gridA.id }],
    ['POST /api/v1/residents/:id/deactivate', 'departmentStaff'], ['POST /api/v1/residents/:id/reactivate', 'departmentStaff'],
    ['POST /api/v1/residents/:id/anonymize', 'sysAdmin'], ['GET /api/v1/residents/:id/history', 'auditAdmin'], ['POST /api/v1/residents/:id/account', 'sysAdmin'],
    ['GET /api/v1/corrections', 'resident'], ['GET /api/v1/corrections', 'sysAdmin'],
    ['POST /api/v1/corrections/:id/accept', 'resident'], ['POST /api/v1/corrections/:id/reject', 'departmentStaff'],
    ['GET /api/v1/me/resident', 'gridWorker'], ['GET /api/v1/me/household', 'streetStaff'], ['GET /api/v1/me/resident/export.xlsx', 'sysAdmin'],
    ['POST /api/v1/me/corrections', 'communityWorker'], ['GET /api/v1/me/corrections', 'gridWorker'],
  ],
};

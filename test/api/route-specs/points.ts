import type { RouteSpec } from './types.js';

/** Routes of src/modules/points (see types.ts). */
const KNOWN = [
  'GET /api/v1/points/me', 'GET /api/v1/points/accounts', 'GET /api/v1/points/accounts/export.xlsx', 'GET /api/v1/points/accounts/:id',
  'GET /api/v1/points/txns', 'GET /api/v1/points/txns/export.xlsx', 'POST /api/v1/points/txns/:id/reverse',
  'GET /api/v1/points/summary', 'POST /api/v1/points/issue', 'POST /api/v1/points/awards', 'POST /api/v1/points/verify',
];

const ids = { txn: 0, account: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    const i = await s.streetStaff.post('/api/v1/points/issue', { communityId: w.communityA.id, amount: 100, reason: '模糊下拨', clientKey: 'fuzz-issue-1' });
    if (i.statusCode !== 201) throw new Error(`points spec setup: ${i.statusCode} ${i.body}`);
    const a = await s.communityWorker.post('/api/v1/points/awards', { userId: w.users.resident.id, amount: 10, reason: '模糊奖励', clientKey: 'fuzz-award-1' });
    if (a.statusCode !== 201) throw new Error(`points spec setup: ${a.statusCode} ${a.body}`);
    ids.txn = a.json().txn.id;
    ids.account = a.json().txn.to.id;
  },
  base: ({ w }) => ({
    'POST /api/v1/points/issue': { communityId: w.communityA.id, amount: 1, reason: '模糊', clientKey: 'fuzz-issue-2' },
    'POST /api/v1/points/awards': { userId: w.users.resident.id, amount: 1, reason: '模糊', clientKey: 'fuzz-award-2' },
    'POST /api/v1/points/txns/:id/reverse': { reason: '模糊', clientKey: 'fuzz-reverse-1' },
    'POST /api/v1/points/verify': {},
  }),
  who: (key) => {
    if (key === 'GET /api/v1/points/me') return 'resident';
    if (key === 'POST /api/v1/points/issue' || key === 'POST /api/v1/points/verify') return 'streetStaff';
    return KNOWN.includes(key) ? 'communityWorker' : undefined;
  },
  id: (key) => (key.includes('/points/accounts/:id') ? ids.account : key.includes('/points/txns/:id') ? ids.txn : undefined),
  forbidden: () => [
    ['GET /api/v1/points/accounts', 'resident'], ['GET /api/v1/points/txns', 'departmentStaff'], ['POST /api/v1/points/issue', 'communityWorker'],
    ['POST /api/v1/points/verify', 'communityWorker'], ['GET /api/v1/points/me', 'communityWorker'], ['GET /api/v1/points/summary', 'gridWorker'],
  ],
};

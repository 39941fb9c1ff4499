import type { RouteSpec } from './types.js';

/** Routes of src/modules/requests (see types.ts). The SSE stream and Open311 are hidden from OpenAPI and tested on their own. */
const KNOWN = [
  'POST /api/v1/requests', 'GET /api/v1/requests', 'GET /api/v1/requests/export.xlsx', 'GET /api/v1/requests/map', 'GET /api/v1/requests/:id',
  'GET /api/v1/requests/:id/dispatch-targets', 'GET /api/v1/requests/:id/photos/:photoId', 'POST /api/v1/requests/:id/reveal',
  ...['accept', 'dispatch', 'redispatch', 'start', 'return', 'resolve', 'rate', 'reopen', 'close', 'merge', 'supervise', 'whistle'].map((a) => `POST /api/v1/requests/:id/${a}`),
  'POST /api/v1/request-summons/:id/check-in', 'POST /api/v1/request-summons/:id/report',
  'GET /api/v1/request-categories', 'POST /api/v1/request-categories', 'PATCH /api/v1/request-categories/:id',
  'GET /api/v1/request-routes', 'POST /api/v1/request-routes', 'DELETE /api/v1/request-routes/:id',
  'GET /api/v1/open311-keys', 'POST /api/v1/open311-keys', 'DELETE /api/v1/open311-keys/:id',
  'GET /api/v1/request-stats', 'GET /api/v1/request-stats/export.xlsx',
  'GET /api/v1/notifications', 'POST /api/v1/notifications/:id/read', 'POST /api/v1/notifications/read-all',
];

const ids = { category: 0, request: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    const c = await s.sysAdmin.post('/api/v1/request-categories', { code: 'fuzz', name: '模糊分类' });
    if (c.statusCode !== 201) throw new Error(`requests spec setup: ${c.statusCode} ${c.body}`);
    ids.category = c.json().id;
    const r = await s.gridWorker.post('/api/v1/requests', { clientKey: 'fuzz-request-1', kind: 'problem', categoryId: ids.category, description: '模糊诉求', orgId: w.gridA.id });
    if (r.statusCode !== 201) throw new Error(`requests spec setup: ${r.statusCode} ${r.body}`);
    ids.request = r.json().id;
  },
  base: ({ w }) => ({
    'POST /api/v1/requests': { clientKey: 'fuzz-request-2', kind: 'problem', categoryId: ids.category, description: '模糊', orgId: w.gridA.id },
    'POST /api/v1/requests/:id/reveal': { field: 'contactPhone', reason: '模糊测试' },
    'POST /api/v1/requests/:id/dispatch': { handlerOrgId: w.deptA.id },
    'POST /api/v1/requests/:id/redispatch': { handlerOrgId: w.deptA.id },
    'POST /api/v1/requests/:id/return': { reason: '模糊' },
    'POST /api/v1/requests/:id/resolve': { resolution: '模糊' },
    'POST /api/v1/requests/:id/rate': { rating: 'satisfied' },
    'POST /api/v1/requests/:id/reopen': { reason: '模糊' },
    'POST /api/v1/requests/:id/close': { reason: '模糊' },
    'POST /api/v1/requests/:id/merge': { intoId: 999999 },
    'POST /api/v1/requests/:id/whistle': { departmentIds: [w.deptA.id], reason: '模糊' },
    'POST /api/v1/request-summons/:id/report': { report: '模糊' },
    'POST /api/v1/request-categories': { code: 'fuzz-new', name: '模糊新分类' },
    'PATCH /api/v1/request-categories/:id': { name: '模糊' },
    'POST /api/v1/request-routes': { orgId: w.streetB.id, categoryId: ids.category, handlerOrgId: w.communityB.id },
    'POST /api/v1/open311-keys': { orgId: w.streetB.id, name: '模糊密钥' },
  }),
  who: (key) => {
    if (key.includes('/request-categories')) return 'sysAdmin';
    if (key.includes('/request-routes') || key.includes('/open311-keys')) return 'streetStaffB';
    return KNOWN.includes(key) ? 'communityWorker' : undefined;
  },
  id: (key) => (key.includes('/request-categories/') ? ids.category : key.includes('/requests/:id') ? ids.request : undefined),
  forbidden: () => [
    ['POST /api/v1/request-categories', 'communityWorker'], ['PATCH /api/v1/request-categories/:id', 'streetStaff'],
    ['GET /api/v1/requests/map', 'resident'], ['GET /api/v1/request-stats', 'resident'], ['GET /api/v1/requests/export.xlsx', 'resident'],
  ],
};

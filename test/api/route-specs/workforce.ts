import type { RouteSpec } from './types.js';
import { socialWorker } from '../linkage-fixtures.js';

/** Routes of src/modules/workforce (see types.ts). */
const KNOWN = [
  'GET /api/v1/social-work-stations', 'GET /api/v1/social-work-stations/export.xlsx', 'POST /api/v1/social-work-stations', 'GET /api/v1/social-work-stations/:id',
  'PATCH /api/v1/social-work-stations/:id',
  'GET /api/v1/social-workers', 'GET /api/v1/social-workers/export.xlsx', 'POST /api/v1/social-workers', 'GET /api/v1/social-workers/:id', 'PATCH /api/v1/social-workers/:id',
  'POST /api/v1/social-workers/:id/reveal',
  'GET /api/v1/worker-profiles', 'GET /api/v1/worker-profiles/export.xlsx', 'POST /api/v1/worker-profiles', 'GET /api/v1/worker-profiles/:id', 'PATCH /api/v1/worker-profiles/:id',
  'POST /api/v1/worker-profiles/:id/trainings', 'POST /api/v1/worker-profiles/:id/bonuses', 'POST /api/v1/worker-profiles/:id/reveal',
  'GET /api/v1/workforce/config', 'POST /api/v1/workforce/ladder', 'POST /api/v1/workforce/wages', 'POST /api/v1/workforce/cert-bonuses',
];

const ids = { station: 0, worker: 0, profile: 0 };
const LADDER = Array.from({ length: 18 }, (_, i) => ({ grade: i + 1, coefficient: 1 + i * 0.05 }));

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    ids.station = (await s.streetStaff.post('/api/v1/social-work-stations', { orgId: w.streetA.id, name: '模糊社工站' })).json().id;
    ids.worker = (await socialWorker(s.streetStaff, w.communityA.id, { name: '模糊社工', phone: '13900001111' })).id;
    ids.profile = (await s.streetStaff.post('/api/v1/worker-profiles', {
      orgId: w.communityA.id, name: '模糊工作者', post: 'staff', grade: 2, certLevel: 'assistant', certNo: 'MH-1', certOn: '2025-01-01', phone: '13900002222',
    })).json().id;
  },
  base: ({ w }) => ({
    'POST /api/v1/social-work-stations': { orgId: w.streetA.id, name: '模糊' },
    'PATCH /api/v1/social-work-stations/:id': { address: '模糊路' },
    'POST /api/v1/social-workers': { orgId: w.communityA.id, name: '模糊' },
    'PATCH /api/v1/social-workers/:id': { employer: '模糊机构' },
    'POST /api/v1/social-workers/:id/reveal': { reason: '模糊测试' },
    'POST /api/v1/worker-profiles': { orgId: w.communityA.id, name: '模糊', post: 'staff', grade: 1 },
    'PATCH /api/v1/worker-profiles/:id': { grade: 3 },
    'POST /api/v1/worker-profiles/:id/trainings': { heldOn: '2026-01-02', topic: '模糊', hours: 2 },
    'POST /api/v1/worker-profiles/:id/bonuses': { awardedOn: '2026-01-02' },
    'POST /api/v1/worker-profiles/:id/reveal': { reason: '模糊测试' },
    'POST /api/v1/workforce/ladder': { orgId: w.streetA.id, grades: LADDER, posts: [{ code: 'staff', name: '模糊', minGrade: 1, maxGrade: 18 }] },
    'POST /api/v1/workforce/wages': { orgId: w.streetA.id, year: 2026, annualWage: 80000 },
    'POST /api/v1/workforce/cert-bonuses': { orgId: w.streetA.id, rules: [{ certLevel: 'assistant', oneTimeBonus: 1000, monthlyAllowance: 200 }] },
  }),
  who: (key) => (KNOWN.includes(key) ? 'streetStaff' : undefined),
  id: (key) => {
    if (key.includes('/social-work-stations/:id')) return ids.station;
    if (key.includes('/social-workers/:id')) return ids.worker;
    if (key.includes('/worker-profiles/:id')) return ids.profile;
    return undefined;
  },
  forbidden: ({ w }) => [
    ['GET /api/v1/worker-profiles', 'gridWorker'], ['GET /api/v1/social-workers/export.xlsx', 'resident'], ['GET /api/v1/workforce/config', 'socialOrgStaff'],
    ['POST /api/v1/worker-profiles', 'communityWorker', { orgId: w.communityA.id, name: 'x', post: 'staff', grade: 1 }],
    ['POST /api/v1/workforce/wages', 'communityWorker', { orgId: w.streetA.id, year: 2026, annualWage: 80000 }],
  ],
};

import type { RouteSpec } from './types.js';
import { socialOrg } from '../linkage-fixtures.js';

/** Routes of src/modules/socialorgs (see types.ts). */
const KNOWN = [
  'GET /api/v1/social-orgs', 'GET /api/v1/social-orgs/export.xlsx', 'POST /api/v1/social-orgs', 'GET /api/v1/social-orgs/:id', 'PATCH /api/v1/social-orgs/:id',
  'POST /api/v1/social-orgs/:id/status', 'POST /api/v1/social-orgs/:id/reveal', 'POST /api/v1/social-orgs/:id/staff', 'POST /api/v1/social-orgs/:id/staff/remove',
  'GET /api/v1/social-orgs/:id/assessments', 'POST /api/v1/social-orgs/:id/assessments',
  'GET /api/v1/incubation-bases', 'POST /api/v1/incubation-bases', 'GET /api/v1/incubation-bases/:id', 'PATCH /api/v1/incubation-bases/:id',
  'GET /api/v1/incubations', 'POST /api/v1/incubations', 'POST /api/v1/incubations/:id/close',
  'GET /api/v1/incubation-services', 'GET /api/v1/incubation-services/summary', 'GET /api/v1/incubation-services/export.xlsx', 'POST /api/v1/incubation-services',
];

const ids = { org: 0, base: 0, incubation: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    ids.org = (await socialOrg(s.streetStaff, w.communityA.id, { name: '模糊社会组织', legalPersonId: '11010519491231002X' })).id;
    const b = await s.streetStaff.post('/api/v1/incubation-bases', { orgId: w.streetA.id, name: '模糊基地' });
    ids.base = b.json().id;
    const i = await s.streetStaff.post('/api/v1/incubations', { baseId: ids.base, socialOrgId: ids.org, enteredOn: '2026-01-01' });
    ids.incubation = i.json().id;
  },
  base: ({ w }) => ({
    'POST /api/v1/social-orgs': { orgId: w.communityA.id, filing: 'filed', name: '模糊', category: 'other', legalPersonName: '模糊' },
    'PATCH /api/v1/social-orgs/:id': { memberCount: 5 },
    'POST /api/v1/social-orgs/:id/status': { status: 'suspended', reason: '模糊' },
    'POST /api/v1/social-orgs/:id/reveal': { field: 'legalPersonId', reason: '模糊测试' },
    'POST /api/v1/social-orgs/:id/staff': { userId: 1 },
    'POST /api/v1/social-orgs/:id/staff/remove': { userId: 1 },
    'POST /api/v1/social-orgs/:id/assessments': { assessedOn: '2026-01-02', governance: 50, capacity: 50, projects: 50, finance: 50, influence: 50, assessor: '模糊' },
    'POST /api/v1/incubation-bases': { orgId: w.streetA.id, name: '模糊' },
    'PATCH /api/v1/incubation-bases/:id': { address: '模糊路' },
    'POST /api/v1/incubations': { baseId: ids.base, socialOrgId: ids.org, enteredOn: '2026-01-01' },
    'POST /api/v1/incubations/:id/close': { status: 'graduated', exitedOn: '2026-02-01' },
    'POST /api/v1/incubation-services': { socialOrgId: ids.org, kind: 'capacity_training', providedOn: '2026-01-05', provider: '模糊' },
  }),
  who: (key) => (KNOWN.includes(key) ? 'streetStaff' : undefined),
  id: (key) => {
    if (key.includes('/social-orgs/:id')) return ids.org;
    if (key.includes('/incubation-bases/:id')) return ids.base;
    if (key.includes('/incubations/:id')) return ids.incubation;
    return undefined;
  },
  forbidden: ({ w }) => [
    ['GET /api/v1/social-orgs', 'resident'], ['GET /api/v1/social-orgs/export.xlsx', 'departmentStaff'], ['GET /api/v1/incubation-bases', 'socialOrgStaff'],
    ['POST /api/v1/social-orgs', 'gridWorker', { orgId: w.communityA.id, filing: 'filed', name: 'x', category: 'other', legalPersonName: 'x' }],
    ['POST /api/v1/incubation-bases', 'socialOrgStaff', { orgId: w.communityA.id, name: 'x' }],
  ],
};

import type { RouteSpec } from './types.js';
import { member, must, need, post, unit } from '../partners-fixtures.js';

/** Routes of src/modules/partners (see types.ts). */
const KNOWN = [
  'GET /api/v1/party-members', 'GET /api/v1/party-members/export.xlsx', 'POST /api/v1/party-members', 'GET /api/v1/party-members/:id',
  'PATCH /api/v1/party-members/:id', 'POST /api/v1/party-members/:id/reveal', 'GET /api/v1/me/party-member',
  'GET /api/v1/partner-units', 'GET /api/v1/partner-units/export.xlsx', 'POST /api/v1/partner-units', 'GET /api/v1/partner-units/:id',
  'PATCH /api/v1/partner-units/:id', 'POST /api/v1/partner-units/:id/reveal',
  'GET /api/v1/partner-contracts', 'GET /api/v1/partner-contracts/export.xlsx', 'POST /api/v1/partner-contracts', 'GET /api/v1/partner-contracts/:id', 'PATCH /api/v1/partner-contracts/:id',
  'POST /api/v1/partner-contracts/:id/duties', 'PATCH /api/v1/partner-duties/:id',
  'GET /api/v1/partner-needs', 'GET /api/v1/partner-needs/export.xlsx', 'POST /api/v1/partner-needs', 'GET /api/v1/partner-needs/:id', 'PATCH /api/v1/partner-needs/:id',
  'GET /api/v1/service-offers', 'GET /api/v1/service-offers/export.xlsx', 'POST /api/v1/service-offers', 'PATCH /api/v1/service-offers/:id',
  'GET /api/v1/service-posts', 'GET /api/v1/service-posts/export.xlsx', 'POST /api/v1/service-posts', 'PATCH /api/v1/service-posts/:id',
  'GET /api/v1/me/partner-needs', 'GET /api/v1/me/service-posts',
  'GET /api/v1/partner-claims', 'GET /api/v1/partner-claims/export.xlsx', 'POST /api/v1/partner-claims', 'GET /api/v1/partner-claims/:id',
  'POST /api/v1/partner-claims/:id/transition', 'POST /api/v1/partner-claims/:id/feedback',
  'GET /api/v1/me/partner-claims', 'POST /api/v1/me/partner-claims',
  'GET /api/v1/partner-rankings', 'GET /api/v1/partner-rankings/export.xlsx', 'POST /api/v1/partner-rankings/recompute',
];

const ids = { member: 0, unit: 0, contract: 0, duty: 0, need: 0, offer: 0, post: 0, claim: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    const cw = s.communityWorker;
    ids.member = (await member(cw, w.communityA.id, { name: '模糊党员' })).id;
    ids.unit = (await unit(cw, w.communityA.id, { name: '模糊单位' })).id;
    const c = await must<{ contract: { id: number }; duties: { id: number }[] }>(cw.post('/api/v1/partner-contracts', {
      orgId: w.communityA.id, unitId: ids.unit, title: '模糊协议', startsOn: '2026-01-01', endsOn: '2026-12-31', duties: [{ description: '模糊责任' }],
    }));
    ids.contract = c.contract.id;
    ids.duty = c.duties[0].id;
    ids.need = (await need(cw, w.communityA.id, { title: '模糊需求', capacity: 50 })).id;
    ids.post = (await post(cw, w.communityA.id, { name: '模糊岗位', capacity: 50 })).id;
    ids.offer = (await must(cw.post('/api/v1/service-offers', { memberId: ids.member, title: '模糊服务', description: '模糊' }))).id;
    ids.claim = (await must(cw.post('/api/v1/partner-claims', { needId: ids.need, unitId: ids.unit }))).id;
  },
  base: ({ w }) => ({
    'POST /api/v1/party-members': { orgId: w.communityA.id, name: '模糊', workUnit: '模糊单位', partyOrg: '模糊支部' },
    'PATCH /api/v1/party-members/:id': { workUnit: '模糊单位二' },
    'POST /api/v1/party-members/:id/reveal': { reason: '模糊测试' },
    'POST /api/v1/partner-units': { orgId: w.communityA.id, name: '模糊单位', kind: 'enterprise' },
    'PATCH /api/v1/partner-units/:id': { address: '模糊路 1 号' },
    'POST /api/v1/partner-units/:id/reveal': { reason: '模糊测试' },
    'POST /api/v1/partner-contracts': { orgId: w.communityA.id, unitId: ids.unit, title: '模糊', startsOn: '2026-01-01', endsOn: '2026-12-31' },
    'PATCH /api/v1/partner-contracts/:id': { title: '模糊协议二' },
    'POST /api/v1/partner-contracts/:id/duties': { description: '模糊' },
    'PATCH /api/v1/partner-duties/:id': { done: true },
    'POST /api/v1/partner-needs': { orgId: w.communityA.id, title: '模糊', description: '模糊', category: '模糊', source: 'other' },
    'PATCH /api/v1/partner-needs/:id': { category: '模糊二' },
    'POST /api/v1/service-offers': { memberId: ids.member, title: '模糊', description: '模糊' },
    'PATCH /api/v1/service-offers/:id': { availability: '周末' },
    'POST /api/v1/service-posts': { orgId: w.communityA.id, name: '模糊', capacity: 3 },
    'PATCH /api/v1/service-posts/:id': { description: '模糊' },
    'POST /api/v1/partner-claims': { postId: ids.post, memberId: ids.member },
    'POST /api/v1/partner-claims/:id/transition': { action: 'start' },
    'POST /api/v1/partner-claims/:id/feedback': { rating: 5 },
    'POST /api/v1/me/partner-claims': { needId: ids.need },
    'POST /api/v1/partner-rankings/recompute': { year: 2026 },
  }),
  who: (key) => {
    if (key.includes('/me/')) return 'resident';
    return KNOWN.includes(key) ? 'communityWorker' : undefined;
  },
  id: (key) => {
    if (key.includes('/party-members/:id')) return ids.member;
    if (key.includes('/partner-units/:id')) return ids.unit;
    if (key.includes('/partner-contracts/:id')) return ids.contract;
    if (key.includes('/partner-duties/:id')) return ids.duty;
    if (key.includes('/partner-needs/:id')) return ids.need;
    if (key.includes('/service-offers/:id')) return ids.offer;
    if (key.includes('/service-posts/:id')) return ids.post;
    if (key.includes('/partner-claims/:id')) return ids.claim;
    return undefined;
  },
  forbidden: ({ w }) => [
    ['POST /api/v1/party-members', 'resident'], ['GET /api/v1/party-members', 'gridWorker'], ['GET /api/v1/party-members/export.xlsx', 'departmentStaff'],
    ['POST /api/v1/partner-units', 'gridWorker'], ['GET /api/v1/partner-needs', 'resident'],
    ['POST /api/v1/partner-rankings/recompute', 'gridWorker', { year: 2026 }], ['POST /api/v1/partner-rankings/recompute', 'auditAdmin', { year: 2026 }],
    ['POST /api/v1/me/partner-claims', 'communityWorker', { needId: ids.need }], ['GET /api/v1/me/partner-needs', 'streetStaff'],
    ['POST /api/v1/partner-needs', 'resident', { orgId: w.communityA.id, title: 'x', description: 'x', category: 'x', source: 'other' }],
  ],
};

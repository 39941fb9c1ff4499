import type { RouteSpec } from './types.js';

/** Routes of src/modules/projects (see types.ts). */
const P = '/api/v1';
const KNOWN = [
  'GET /api/v1/project-funds', 'GET /api/v1/project-funds/export.xlsx', 'POST /api/v1/project-funds', 'GET /api/v1/project-funds/:id', 'PATCH /api/v1/project-funds/:id',
  'POST /api/v1/project-funds/:id/lines', 'PATCH /api/v1/budget-lines/:id',
  'GET /api/v1/projects', 'GET /api/v1/projects/export.xlsx', 'POST /api/v1/projects', 'GET /api/v1/projects/:id', 'PATCH /api/v1/projects/:id',
  'POST /api/v1/projects/:id/submit', 'POST /api/v1/projects/:id/return', 'POST /api/v1/projects/:id/reject', 'POST /api/v1/projects/:id/approve',
  'POST /api/v1/projects/:id/award', 'POST /api/v1/projects/:id/competition', 'POST /api/v1/projects/:id/bids', 'POST /api/v1/projects/:id/close-bidding',
  'POST /api/v1/bids/:id/scores', 'POST /api/v1/projects/:id/award-best',
  'POST /api/v1/projects/:id/milestones', 'POST /api/v1/milestones/:id/done', 'POST /api/v1/projects/:id/activities', 'POST /api/v1/projects/:id/beneficiaries',
  'POST /api/v1/projects/:id/tranches', 'GET /api/v1/tranches', 'GET /api/v1/tranches/export.xlsx', 'POST /api/v1/tranches/:id/approve', 'POST /api/v1/tranches/:id/pay',
  'POST /api/v1/tranches/:id/reject', 'POST /api/v1/projects/:id/supervision', 'POST /api/v1/supervision/:id/reply', 'POST /api/v1/projects/:id/accept',
  'POST /api/v1/projects/:id/close',
];
const APPLY = new Set(['POST /api/v1/projects', 'PATCH /api/v1/projects/:id', 'POST /api/v1/projects/:id/submit', 'POST /api/v1/supervision/:id/reply']);
const IMPLEMENT = new Set(['POST /api/v1/projects/:id/bids', 'POST /api/v1/projects/:id/milestones', 'POST /api/v1/milestones/:id/done', 'POST /api/v1/projects/:id/activities',
  'POST /api/v1/projects/:id/beneficiaries', 'POST /api/v1/projects/:id/tranches']);
const RESIDENT = new Set(['POST /api/v1/projects/:id/supervision']);

const ids = { fund: 0, line: 0, project: 0, bidding: 0, bid: 0, milestone: 0, tranche: 0, supervision: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ t, w, s }) {
    const ok = <R extends { statusCode: number; body: string }>(r: R, what: string): R => { if (r.statusCode >= 300) throw new Error(`projects spec setup ${what}: ${r.statusCode} ${r.body}`); return r; };
    // The world's socialOrgStaff account acts for a social organization of communityA.
    const so = await t.handle.db.insertInto('social_org').values({ org_id: w.communityA.id, org_path: w.communityA.path, name: '模糊社会组织', filing: 'filed', category: 'charity', filing_no: 'FZ-1', legal_person_name: '王' } as never)
      .returning('id').executeTakeFirstOrThrow() as { id: number };
    await t.handle.db.insertInto('social_org_staff').values({ social_org_id: so.id, user_id: w.users.socialOrgStaff.id, org_id: w.communityA.id, org_path: w.communityA.path } as never).execute();
    const f = ok(await s.streetStaff.post(`${P}/project-funds`, { orgId: w.streetA.id, year: 2026, kind: 'linkage', name: '模糊资金', amount: 100_000_000 }), 'fund');
    ids.fund = f.json().id;
    ids.line = ok(await s.streetStaff.post(`${P}/project-funds/${ids.fund}/lines`, { name: '模糊科目', amount: 50_000_000 }), 'line').json().lines[0].id;
    const body = { orgId: w.communityA.id, kind: 'linkage', title: '模糊项目', need: '模糊', beneficiariesTarget: 10, periodStart: '2027-01-01', periodEnd: '2027-02-01', budgetItems: [{ item: '模糊', amount: 1_000_000 }], submit: true };
    ids.project = ok(await s.communityWorker.post(`${P}/projects`, body), 'project').json().id;
    ok(await s.streetStaff.post(`${P}/projects/${ids.project}/approve`, { amount: 1_000_000, lineId: ids.line }), 'approve');
    ok(await s.streetStaff.post(`${P}/projects/${ids.project}/award`, { awardeeKind: 'socialOrg', awardeeId: so.id }), 'award');
    ids.milestone = ok(await s.socialOrgStaff.post(`${P}/projects/${ids.project}/milestones`, { title: '模糊', dueOn: '2027-01-10' }), 'milestone').json().milestones[0].id;
    ids.tranche = ok(await s.socialOrgStaff.post(`${P}/projects/${ids.project}/tranches`, { amount: 100, purpose: '模糊' }), 'tranche').json().tranches[0].id;
    ids.supervision = ok(await s.resident.post(`${P}/projects/${ids.project}/supervision`, { kind: 'complaint', body: '模糊' }), 'supervision').json().supervision[0].id;
    ids.bidding = ok(await s.communityWorker.post(`${P}/projects`, { ...body, title: '模糊竞争' }), 'project 2').json().id;
    ok(await s.streetStaff.post(`${P}/projects/${ids.bidding}/approve`, { amount: 1_000_000, lineId: ids.line }), 'approve 2');
    ok(await s.streetStaff.post(`${P}/projects/${ids.bidding}/competition`, { deadline: new Date(Date.now() + 86400_000).toISOString(), criteria: [{ name: '方案', max: 100 }] }), 'competition');
    ids.bid = ok(await s.socialOrgStaff.post(`${P}/projects/${ids.bidding}/bids`, { socialOrgId: so.id, price: 900_000, plan: '模糊' }), 'bid').json().bids[0].id;
  },
  base: ({ w }) => ({
    'POST /api/v1/project-funds': { orgId: w.streetA.id, year: 2027, kind: 'ventureGrant', name: '模糊资金 2', amount: 1000 },
    'PATCH /api/v1/project-funds/:id': { name: '模糊资金' },
    'POST /api/v1/project-funds/:id/lines': { name: '模糊科目 2', amount: 100 },
    'PATCH /api/v1/budget-lines/:id': { name: '模糊科目' },
    'POST /api/v1/projects': { orgId: w.communityA.id, kind: 'linkage', title: '模糊', need: '模糊', beneficiariesTarget: 1, periodStart: '2027-01-01', periodEnd: '2027-01-02', budgetItems: [{ item: '模糊', amount: 100 }] },
    'PATCH /api/v1/projects/:id': { title: '模糊' },
    'POST /api/v1/projects/:id/submit': {}, 'POST /api/v1/projects/:id/close-bidding': {}, 'POST /api/v1/projects/:id/award-best': {}, 'POST /api/v1/tranches/:id/approve': {},
    'POST /api/v1/projects/:id/return': { reason: '模糊' }, 'POST /api/v1/projects/:id/reject': { reason: '模糊' },
    'POST /api/v1/projects/:id/approve': { amount: 100, lineId: 1 },
    'POST /api/v1/projects/:id/award': { awardeeKind: 'socialOrg', awardeeId: 1 },
    'POST /api/v1/projects/:id/competition': { deadline: '2030-01-01T00:00:00Z', criteria: [{ name: '模糊', max: 10 }] },
    'POST /api/v1/projects/:id/bids': { socialOrgId: 1, price: 100, plan: '模糊' },
    'POST /api/v1/bids/:id/scores': { scores: [50] },
    'POST /api/v1/projects/:id/milestones': { title: '模糊', dueOn: '2027-01-01' },
    'POST /api/v1/milestones/:id/done': {},
    'POST /api/v1/projects/:id/activities': { heldOn: '2027-01-01', title: '模糊', participants: 1 },
    'POST /api/v1/projects/:id/beneficiaries': { servedOn: '2027-01-01', count: 1 },
    'POST /api/v1/projects/:id/tranches': { amount: 1, purpose: '模糊' },
    'POST /api/v1/tranches/:id/pay': { paymentRef: '模糊' }, 'POST /api/v1/tranches/:id/reject': { reason: '模糊' },
    'POST /api/v1/projects/:id/supervision': { kind: 'feedback', body: '模糊' },
    'POST /api/v1/supervision/:id/reply': { reply: '模糊' },
    'POST /api/v1/projects/:id/accept': { result: 'passed', score: 80, note: '模糊' },
    'POST /api/v1/projects/:id/close': {},
  }),
  who: (key) => (!KNOWN.includes(key) ? undefined : APPLY.has(key) ? 'communityWorker' : IMPLEMENT.has(key) ? 'socialOrgStaff' : RESIDENT.has(key) ? 'resident' : 'streetStaff'),
  id: (key) => {
    if (!KNOWN.includes(key)) return undefined;
    if (key.includes('/project-funds/:id')) return ids.fund;
    if (key.includes('/budget-lines/:id')) return ids.line;
    if (key.includes('/bids/:id')) return ids.bid;
    if (key.includes('/milestones/:id')) return ids.milestone;
    if (key.includes('/tranches/:id')) return ids.tranche;
    if (key.includes('/supervision/:id')) return ids.supervision;
    if (/\/projects\/:id\/(bids|close-bidding|competition|award-best)$/.test(key)) return ids.bidding;
    if (key.includes('/projects/:id')) return ids.project;
    return undefined;
  },
  forbidden: ({ w }) => [
    ['POST /api/v1/project-funds', 'communityWorker', { orgId: w.communityA.id, year: 2027, kind: 'linkage', name: '模糊', amount: 1 }], ['POST /api/v1/projects/:id/approve', 'communityWorker'], ['POST /api/v1/tranches/:id/approve', 'socialOrgStaff'],
    ['POST /api/v1/projects', 'socialOrgStaff'], ['POST /api/v1/projects/:id/milestones', 'communityWorker'], ['GET /api/v1/tranches', 'resident'],
    ['GET /api/v1/project-funds', 'resident'], ['POST /api/v1/supervision/:id/reply', 'resident'],
  ],
};

import type { RouteSpec } from './types.js';
import { approved, budget, must, voter } from '../microprojects-fixtures.js';

/** Routes of src/modules/microprojects (see types.ts). */
const KNOWN = [
  'GET /api/v1/micro-budgets', 'GET /api/v1/micro-budgets/export.xlsx', 'POST /api/v1/micro-budgets', 'GET /api/v1/micro-budgets/:id', 'PATCH /api/v1/micro-budgets/:id',
  'GET /api/v1/micro-proposals', 'GET /api/v1/micro-proposals/export.xlsx', 'POST /api/v1/micro-proposals', 'GET /api/v1/micro-proposals/:id',
  'PATCH /api/v1/micro-proposals/:id', 'POST /api/v1/micro-proposals/:id/review', 'GET /api/v1/micro-photos/:id',
  'GET /api/v1/micro-rounds', 'POST /api/v1/micro-rounds', 'GET /api/v1/micro-rounds/:id', 'POST /api/v1/micro-rounds/:id/close', 'GET /api/v1/micro-rounds/:id/results.xlsx',
  'GET /api/v1/micro-projects', 'GET /api/v1/micro-projects/export.xlsx', 'GET /api/v1/micro-projects/:id', 'POST /api/v1/micro-projects/:id/milestones', 'PATCH /api/v1/micro-milestones/:id',
  'POST /api/v1/micro-projects/:id/spending', 'GET /api/v1/micro-spending/export.xlsx', 'POST /api/v1/micro-projects/:id/photos',
  'POST /api/v1/micro-projects/:id/complete', 'POST /api/v1/micro-projects/:id/comments', 'POST /api/v1/micro-projects/:id/rating',
  'GET /api/v1/micro-comments', 'POST /api/v1/micro-comments/:id/reply',
];
const RESIDENT = new Set(['POST /api/v1/micro-proposals', 'PATCH /api/v1/micro-proposals/:id', 'POST /api/v1/micro-projects/:id/comments', 'POST /api/v1/micro-projects/:id/rating']);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 3)]);

const ids = { budget: 0, proposal: 0, round: 0, project: 0, milestone: 0, comment: 0, photo: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ t, w, s }) {
    const cw = s.communityWorker;
    const household = await voter(t, w.communityA);
    ids.budget = (await budget(cw, w.communityA.id, 50_000_00, 2099)).id;
    await approved(s.resident, cw, ids.budget, 10_000_00, '模糊项目');
    const r = await must(cw.post('/api/v1/micro-rounds', { budgetId: ids.budget }), 201);
    ids.round = r.id;
    // One household approves through the voting module; closing the round chooses the project.
    await must(household.session.post(`/api/v1/votes/${r.voteId}/ballots`, { choices: ['approve'] }), 201);
    await must(cw.post(`/api/v1/micro-rounds/${r.id}/close`, {}));
    ids.project = (await must(cw.get(`/api/v1/micro-projects?budgetId=${ids.budget}`))).items[0].id;
    ids.milestone = (await must(cw.post(`/api/v1/micro-projects/${ids.project}/milestones`, { title: '模糊节点', plannedOn: '2099-01-01' }))).milestones[0].id;
    ids.photo = (await must(cw.post('/api/v1/attachments', PNG, { 'content-type': 'image/png' }), 201)).id;
    await must(cw.post(`/api/v1/micro-projects/${ids.project}/photos`, { attachmentId: ids.photo }));
    ids.comment = (await must(s.resident.post(`/api/v1/micro-projects/${ids.project}/comments`, { body: '模糊意见' }))).comments[0].id;
    // A proposal still open for edits and review (the one in the round is decided).
    ids.proposal = (await must(s.resident.post('/api/v1/micro-proposals', { budgetId: ids.budget, title: '模糊申报', description: '模糊', costFen: 100 }), 201)).id;
  },
  base: ({ w }) => ({
    'POST /api/v1/micro-budgets': { orgId: w.communityA.id, year: 2098, amountFen: 100 },
    'PATCH /api/v1/micro-budgets/:id': { note: '模糊' },
    'POST /api/v1/micro-proposals': { budgetId: ids.budget, title: '模糊', description: '模糊', costFen: 100 },
    'PATCH /api/v1/micro-proposals/:id': { title: '模糊二' },
    'POST /api/v1/micro-proposals/:id/review': { decision: 'changes', note: '模糊' },
    'POST /api/v1/micro-rounds': { budgetId: ids.budget },
    'POST /api/v1/micro-rounds/:id/close': {},
    'POST /api/v1/micro-projects/:id/milestones': { title: '模糊', plannedOn: '2099-02-01' },
    'PATCH /api/v1/micro-milestones/:id': { note: '模糊' },
    'POST /api/v1/micro-projects/:id/spending': { amountFen: 1, spentOn: '2099-01-02', payee: '模糊' },
    'POST /api/v1/micro-projects/:id/photos': { attachmentId: ids.photo },
    'POST /api/v1/micro-projects/:id/complete': {},
    'POST /api/v1/micro-projects/:id/comments': { body: '模糊' },
    'POST /api/v1/micro-projects/:id/rating': { score: 3 },
    'POST /api/v1/micro-comments/:id/reply': { reply: '模糊' },
  }),
  who: (key) => (RESIDENT.has(key) ? 'resident' : KNOWN.includes(key) ? 'communityWorker' : undefined),
  id: (key) => {
    if (!KNOWN.includes(key)) return undefined;
    if (key.includes('/micro-budgets/:id')) return ids.budget;
    if (key.includes('/micro-proposals/:id')) return ids.proposal;
    if (key.includes('/micro-rounds/:id')) return ids.round;
    if (key.includes('/micro-projects/:id')) return ids.project;
    if (key.includes('/micro-milestones/:id')) return ids.milestone;
    if (key.includes('/micro-comments/:id')) return ids.comment;
    if (key.includes('/micro-photos/:id')) return ids.photo;
    return undefined;
  },
  forbidden: () => [
    ['POST /api/v1/micro-budgets', 'resident'], ['GET /api/v1/micro-budgets', 'gridWorker'], ['GET /api/v1/micro-proposals/export.xlsx', 'resident'],
    ['POST /api/v1/micro-proposals/:id/review', 'resident'], ['POST /api/v1/micro-rounds/:id/close', 'resident'],
    ['POST /api/v1/micro-projects/:id/spending', 'resident'], ['POST /api/v1/micro-projects/:id/comments', 'communityWorker'],
    ['GET /api/v1/micro-spending/export.xlsx', 'socialOrgStaff'], ['GET /api/v1/micro-budgets/export.xlsx', 'resident'], ['GET /api/v1/micro-projects/export.xlsx', 'resident'],
  ],
};

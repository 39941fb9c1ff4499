import type { RouteSpec } from './types.js';

/** Routes of src/modules/evaluations (see types.ts). The public survey routes (/public/eval-surveys/:token) are hidden from OpenAPI and tested in evaluations.test.ts. */
const KNOWN = [
  'GET /api/v1/eval-campaigns', 'GET /api/v1/eval-campaigns/export.xlsx', 'POST /api/v1/eval-campaigns', 'GET /api/v1/eval-campaigns/:id', 'PATCH /api/v1/eval-campaigns/:id',
  'POST /api/v1/eval-campaigns/:id/evaluatees', 'DELETE /api/v1/eval-evaluatees/:id', 'POST /api/v1/eval-campaigns/:id/open', 'POST /api/v1/eval-campaigns/:id/close',
  'POST /api/v1/eval-campaigns/:id/publish', 'GET /api/v1/eval-scoring', 'GET /api/v1/eval-campaigns/:id/sheet', 'POST /api/v1/eval-campaigns/:id/scores',
  'GET /api/v1/eval-campaigns/:id/sample', 'GET /api/v1/eval-campaigns/:id/sample.xlsx', 'GET /api/v1/eval-surveys/mine', 'POST /api/v1/eval-surveys/:id/answer',
  'GET /api/v1/eval-campaigns/:id/results', 'GET /api/v1/eval-campaigns/:id/results.xlsx', 'GET /api/v1/eval-evaluatees/:id/certificate.pdf',
  'GET /api/v1/eval-published', 'GET /api/v1/eval-published/:id',
  'GET /api/v1/eval-rectifications', 'GET /api/v1/eval-rectifications/export.xlsx', 'GET /api/v1/eval-rectifications/:id',
  'POST /api/v1/eval-rectifications/:id/report', 'POST /api/v1/eval-rectifications/:id/signoff',
  'GET /api/v1/indicator-trees', 'GET /api/v1/indicator-trees/export.xlsx', 'POST /api/v1/indicator-trees', 'GET /api/v1/indicator-trees/:id',
  'PATCH /api/v1/indicator-trees/:id', 'GET /api/v1/indicator-trees/:id/sheet', 'POST /api/v1/indicator-trees/:id/scores',
  'GET /api/v1/indicator-trees/:id/totals', 'GET /api/v1/indicator-trees/:id/totals.xlsx',
];
const RESIDENT = new Set(['GET /api/v1/eval-surveys/mine', 'POST /api/v1/eval-surveys/:id/answer', 'GET /api/v1/eval-published', 'GET /api/v1/eval-published/:id']);
const ids = { campaign: 0, evaluatee: 0, tree: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    const c = await s.streetStaff.post('/api/v1/eval-campaigns', { orgId: w.streetA.id, title: '模糊考评', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    if (c.statusCode !== 201) throw new Error(`evaluations spec setup: ${c.statusCode} ${c.body}`);
    ids.campaign = c.json().id;
    const e = await s.streetStaff.post(`/api/v1/eval-campaigns/${ids.campaign}/evaluatees`, { kind: 'org', subjectId: w.communityA.id });
    if (e.statusCode !== 200) throw new Error(`evaluations spec setup: ${e.statusCode} ${e.body}`);
    ids.evaluatee = e.json().evaluatees[0].id;
    const t = await s.streetStaff.post('/api/v1/indicator-trees', {
      orgId: w.streetA.id, title: '模糊指标', purpose: 'community', subjectIds: [w.communityA.id], evaluatorIds: [w.users.streetStaff.id],
      nodes: [{ key: 'a', parentKey: null, name: '指标', weight: 100 }],
    });
    if (t.statusCode !== 201) throw new Error(`evaluations spec setup: ${t.statusCode} ${t.body}`);
    ids.tree = t.json().id;
  },
  base: ({ w }) => ({
    'POST /api/v1/eval-campaigns': { orgId: w.streetA.id, title: '模糊', periodStart: '2026-10-01', periodEnd: '2026-12-31' },
    'PATCH /api/v1/eval-campaigns/:id': { title: '模糊' },
    'POST /api/v1/eval-campaigns/:id/evaluatees': { kind: 'org', subjectId: w.deptA.id },
    'POST /api/v1/eval-campaigns/:id/open': {}, 'POST /api/v1/eval-campaigns/:id/close': {}, 'POST /api/v1/eval-campaigns/:id/publish': {},
    'POST /api/v1/eval-campaigns/:id/scores': { raterId: 1, targetId: 1, scores: [{ dimensionId: 1, score: 50 }] },
    'POST /api/v1/eval-surveys/:id/answer': { answers: [{ evaluateeId: 1, scores: [{ dimensionId: 1, score: 50 }] }] },
    'POST /api/v1/eval-rectifications/:id/report': { measures: '模糊' },
    'POST /api/v1/eval-rectifications/:id/signoff': { level: 'party', signer: '模糊' },
    'POST /api/v1/indicator-trees': { orgId: w.streetA.id, title: '模糊', purpose: 'community', subjectIds: [], evaluatorIds: [], nodes: [{ key: 'a', parentKey: null, name: '模糊', weight: 100 }] },
    'PATCH /api/v1/indicator-trees/:id': { title: '模糊' },
    'POST /api/v1/indicator-trees/:id/scores': { subjectId: w.communityA.id, scores: [{ nodeId: 1, score: 50 }] },
  }),
  who: (key) => (RESIDENT.has(key) ? 'resident' : key === 'GET /api/v1/eval-scoring' ? 'communityWorker' : KNOWN.includes(key) ? 'streetStaff' : undefined),
  id: (key) => (!KNOWN.includes(key) ? undefined : key.includes('/eval-campaigns/:id') ? ids.campaign : key.includes('/eval-evaluatees/:id') ? ids.evaluatee
    : key.includes('/indicator-trees/:id') ? ids.tree : undefined),
  forbidden: ({ w }) => [
    ['GET /api/v1/eval-campaigns', 'resident'], ['GET /api/v1/eval-campaigns/export.xlsx', 'resident'], ['GET /api/v1/eval-rectifications', 'resident'],
    ['GET /api/v1/indicator-trees', 'resident'], ['GET /api/v1/eval-surveys/mine', 'streetStaff'], ['GET /api/v1/eval-scoring', 'resident'],
    ['POST /api/v1/eval-campaigns', 'departmentStaff', { orgId: w.streetA.id, title: '模糊', periodStart: '2026-10-01', periodEnd: '2026-12-31' }],
  ],
};

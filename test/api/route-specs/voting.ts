import { sql } from 'kysely';
import type { RouteSpec } from './types.js';

/** Routes of src/modules/voting (see types.ts). */
const KNOWN = [
  'GET /api/v1/votes', 'GET /api/v1/votes/export.xlsx', 'GET /api/v1/votes/mine', 'POST /api/v1/votes/electorate-preview', 'POST /api/v1/votes',
  'GET /api/v1/votes/:id', 'PATCH /api/v1/votes/:id', 'POST /api/v1/votes/:id/open', 'POST /api/v1/votes/:id/close', 'POST /api/v1/votes/:id/publish',
  'POST /api/v1/votes/:id/ballots', 'GET /api/v1/votes/:id/ballots', 'GET /api/v1/votes/:id/receipts/:receipt', 'GET /api/v1/votes/:id/verify',
  'GET /api/v1/votes/:id/participation', 'GET /api/v1/votes/:id/result.xlsx',
];
const RESIDENT = new Set(['GET /api/v1/votes/mine', 'POST /api/v1/votes/:id/ballots', 'GET /api/v1/votes/:id/receipts/:receipt']);
const ids = { vote: 0, body: 0 };

const rule = { method: 'yesNo', secret: true, quorum: { num: 0, den: 1 }, threshold: { num: 85, den: 100, of: 'electorate' } };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ t, w, s }) {
    const b = await sql<{ id: number }>`INSERT INTO delib_body (org_id, org_path, name) VALUES (${w.communityA.id}, ${w.communityA.path}, '模糊议事会') RETURNING id`.execute(t.handle.db);
    ids.body = b.rows[0].id;
    await sql`INSERT INTO delib_body_member (body_id, org_id, org_path, user_id, name, member_kind, status)
      VALUES (${ids.body}, ${w.communityA.id}, ${w.communityA.path}, ${w.users.resident.id}, '代表', 'residentRep', 'active')`.execute(t.handle.db);
    const v = await s.communityWorker.post('/api/v1/votes', { orgId: w.communityA.id, title: '模糊表决', electorate: { kind: 'body', bodyId: ids.body }, ...rule, open: true });
    if (v.statusCode !== 201) throw new Error(`voting spec setup: ${v.statusCode} ${v.body}`);
    ids.vote = v.json().id;
  },
  base: ({ w }) => ({
    'POST /api/v1/votes': { orgId: w.communityA.id, title: '模糊', electorate: { kind: 'body', bodyId: ids.body || 1 }, ...rule },
    'POST /api/v1/votes/electorate-preview': { orgId: w.communityA.id, electorate: { kind: 'adults', orgId: w.communityA.id } },
    'PATCH /api/v1/votes/:id': { title: '模糊' },
    'POST /api/v1/votes/:id/open': {}, 'POST /api/v1/votes/:id/close': {}, 'POST /api/v1/votes/:id/publish': {},
    'POST /api/v1/votes/:id/ballots': { choices: ['approve'] },
  }),
  who: (key) => (RESIDENT.has(key) ? 'resident' : KNOWN.includes(key) ? 'communityWorker' : undefined),
  id: (key) => (KNOWN.includes(key) && key.includes('/votes/:id') ? ids.vote : undefined),
  forbidden: () => [
    ['POST /api/v1/votes', 'resident'], ['GET /api/v1/votes', 'resident'], ['GET /api/v1/votes/export.xlsx', 'resident'],
    ['POST /api/v1/votes/:id/ballots', 'communityWorker'], ['GET /api/v1/votes/mine', 'communityWorker'],
  ],
};

import crypto from 'node:crypto';
import type { TestApp } from '../../helpers/app.js';
import type { RouteSpec } from './types.js';

/** Routes of src/modules/gridwork (see types.ts). */
const KNOWN = [
  'GET /api/v1/grid-posts', 'POST /api/v1/grid-posts', 'PATCH /api/v1/grid-posts/:id', 'DELETE /api/v1/grid-posts/:id',
  'GET /api/v1/me/grid-workers', 'GET /api/v1/coverage',
  'POST /api/v1/attachments', 'GET /api/v1/attachments/:id',
  'GET /api/v1/visits', 'POST /api/v1/visits', 'GET /api/v1/visits/:id', 'PATCH /api/v1/visits/:id',
  'GET /api/v1/work-logs', 'POST /api/v1/work-logs', 'GET /api/v1/grid-meetings', 'POST /api/v1/grid-meetings',
  'GET /api/v1/visits/export.xlsx', 'GET /api/v1/work-logs/export.xlsx', 'GET /api/v1/grid-meetings/export.xlsx', 'GET /api/v1/coverage/export.xlsx',
];

type Org = { id: number; path: string };

/** Factory: a household row straight into the table (places' own rules are not under test here). */
export async function insertHousehold(t: TestApp, org: Org, place: string, room = '101'): Promise<number> {
  const r = await t.handle.db.insertInto('household').values({
    org_id: org.id, org_path: org.path, place,
    address_enc: t.deps.cipher.encrypt(`${place} ${room}`), address_masked: `${place} ***`,
    address_hash: t.deps.cipher.lookupHash(`test:${crypto.randomUUID()}`),
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Factory: a resident row with just the fields coverage counts. */
export async function insertResident(t: TestApp, org: Org, f: {
  householdId?: number; phone?: boolean; birthDate?: string; ethnicity?: string; politicalStatus?: 'masses' | 'partyMember'; status?: 'active' | 'inactive';
} = {}): Promise<number> {
  const r = await t.handle.db.insertInto('resident').values({
    org_id: org.id, org_path: org.path, household_id: f.householdId ?? null, name: '测试居民', gender: 'male', id_type: 'idCard',
    id_enc: 'v1:x', id_hash: crypto.randomBytes(16).toString('hex'), id_masked: '620902********0000',
    phone_enc: f.phone ? 'v1:x' : null, phone_hash: f.phone ? crypto.randomBytes(16).toString('hex') : null, phone_masked: f.phone ? '138****0000' : null,
    birth_date: f.birthDate ?? null, ethnicity: f.ethnicity ?? null, political_status: f.politicalStatus ?? null,
    registration_type: 'registered', status: f.status ?? 'active',
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The smallest real JPEG header the magic-byte check accepts. */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);

const ids = { household: 0, post: 0, postToDelete: 0, visit: 0, attachment: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  uploadLimits: { 'POST /api/v1/attachments': 2 * 1024 * 1024 },
  async setup({ t, w, s }) {
    ids.household = await insertHousehold(t, w.gridA, '富康小区 1号楼 1单元', '模糊-101');
    const up = await s.gridWorker.post('/api/v1/attachments', JPEG, { 'content-type': 'image/jpeg' });
    ids.attachment = up.json().id;
    const post = (body: Record<string, unknown>) => s.streetStaff.post('/api/v1/grid-posts', { orgId: w.gridA.id, ...body });
    ids.post = (await post({ post: 'gridWorker', primaryUserId: w.users.gridWorker.id, backupName: '模糊B', cardPhotoId: ids.attachment })).json().id;
    ids.postToDelete = (await post({ post: 'gridAssistant', primaryName: '模糊协管' })).json().id;
    const v = await s.gridWorker.post('/api/v1/visits', { householdId: ids.household, findings: '模糊走访', followUp: true, photoIds: [ids.attachment] });
    ids.visit = v.json().id;
    if (!ids.attachment || !ids.post || !ids.postToDelete || !ids.visit) throw new Error(`gridwork spec setup failed: ${JSON.stringify(ids)} ${v.body}`);
  },
  base: ({ w }) => ({
    'POST /api/v1/grid-posts': { orgId: w.gridA.id, post: 'gridHelper', primaryName: '模糊公益员' },
    'PATCH /api/v1/grid-posts/:id': { cardDuties: '模糊职责' },
    'POST /api/v1/visits': { householdId: ids.household, findings: '模糊走访', followUp: false },
    'PATCH /api/v1/visits/:id': { followUpDone: true },
    'POST /api/v1/work-logs': { content: '模糊日志' },
    'POST /api/v1/grid-meetings': { orgId: w.gridA.id, heldOn: '2025-01-06', topic: '模糊例会', notes: '模糊纪要' },
  }),
  // Not streetStaff: the CSRF check uses the street account's token as a wrong one.
  who: (key) => (key === 'GET /api/v1/me/grid-workers' ? 'resident' : KNOWN.includes(key) ? 'communityWorker' : undefined),
  id: (key) => {
    if (key === 'DELETE /api/v1/grid-posts/:id') return ids.postToDelete;
    if (key.includes('/grid-posts/')) return ids.post;
    if (key.includes('/visits/')) return ids.visit;
    if (key.includes('/attachments/')) return ids.attachment;
    return undefined;
  },
  forbidden: ({ w }) => [
    ['GET /api/v1/grid-posts', 'resident'], ['GET /api/v1/grid-posts', 'sysAdmin'],
    // A grid worker does not staff their own grid, nor re-staff their own post.
    ['POST /api/v1/grid-posts', 'gridWorker', { orgId: w.gridA.id, post: 'gridHelper', primaryName: '自封' }],
    ['PATCH /api/v1/grid-posts/:id', 'gridWorker', { backupName: '换人' }], ['PATCH /api/v1/grid-posts/:id', 'departmentStaff'],
    ['DELETE /api/v1/grid-posts/:id', 'gridWorker'], ['DELETE /api/v1/grid-posts/:id', 'resident'],
    ['GET /api/v1/me/grid-workers', 'streetStaff'], ['GET /api/v1/me/grid-workers', 'sysAdmin'],
    ['GET /api/v1/coverage', 'sysAdmin'], ['GET /api/v1/coverage', 'resident'],
    ['POST /api/v1/attachments', 'sysAdmin'], ['GET /api/v1/attachments/:id', 'departmentStaff'],
    ['GET /api/v1/visits', 'resident'], ['POST /api/v1/visits', 'departmentStaff'], ['GET /api/v1/visits/:id', 'sysAdmin'], ['PATCH /api/v1/visits/:id', 'resident'],
    ['GET /api/v1/work-logs', 'auditAdmin'], ['POST /api/v1/work-logs', 'resident'],
    ['GET /api/v1/grid-meetings', 'resident'], ['POST /api/v1/grid-meetings', 'departmentStaff'],
    ['GET /api/v1/visits/export.xlsx', 'resident'], ['GET /api/v1/visits/export.xlsx', 'departmentStaff'], ['GET /api/v1/visits/export.xlsx', 'sysAdmin'],
    ['GET /api/v1/work-logs/export.xlsx', 'auditAdmin'], ['GET /api/v1/work-logs/export.xlsx', 'resident'],
    ['GET /api/v1/grid-meetings/export.xlsx', 'sysAdmin'], ['GET /api/v1/grid-meetings/export.xlsx', 'departmentStaff'],
    ['GET /api/v1/coverage/export.xlsx', 'sysAdmin'], ['GET /api/v1/coverage/export.xlsx', 'resident'],
  ],
};

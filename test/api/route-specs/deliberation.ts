import type { RouteSpec } from './types.js';
import { addMember, body, must, put } from '../deliberation-fixtures.js';

/** Routes of src/modules/deliberation (see types.ts). */
const KNOWN = [
  'GET /api/v1/topics', 'GET /api/v1/topics/export.xlsx', 'POST /api/v1/topics', 'GET /api/v1/topics/:id', 'GET /api/v1/topics/:id/photos/:photoId', 'PATCH /api/v1/topics/:id',
  'POST /api/v1/topics/:id/transition', 'POST /api/v1/topics/:id/merge', 'POST /api/v1/topics/:id/decision', 'POST /api/v1/topics/:id/vote',
  'POST /api/v1/topics/:id/tasks', 'GET /api/v1/me/topics', 'GET /api/v1/me/community-topics',
  'GET /api/v1/delib-decisions', 'GET /api/v1/delib-decisions/export.xlsx',
  'GET /api/v1/delib-tasks', 'GET /api/v1/delib-tasks/summary', 'GET /api/v1/delib-tasks/export.xlsx', 'GET /api/v1/delib-tasks/:id',
  'PATCH /api/v1/delib-tasks/:id', 'POST /api/v1/delib-tasks/:id/progress',
  'GET /api/v1/delib-bodies', 'GET /api/v1/delib-bodies/export.xlsx', 'POST /api/v1/delib-bodies', 'GET /api/v1/delib-bodies/:id', 'PATCH /api/v1/delib-bodies/:id',
  'POST /api/v1/delib-bodies/:id/members', 'PATCH /api/v1/delib-members/:id', 'GET /api/v1/delib-candidates',
  'GET /api/v1/delib-forms', 'POST /api/v1/delib-forms', 'PATCH /api/v1/delib-forms/:id',
  'GET /api/v1/delib-meetings', 'GET /api/v1/delib-meetings/export.xlsx', 'POST /api/v1/delib-meetings', 'GET /api/v1/delib-meetings/:id',
  'PATCH /api/v1/delib-meetings/:id', 'PUT /api/v1/delib-meetings/:id/attendance', 'PUT /api/v1/delib-meetings/:id/minutes',
  'POST /api/v1/delib-meetings/:id/attachments', 'GET /api/v1/delib-attachments/:id',
  'GET /api/v1/delib-consultations', 'POST /api/v1/delib-consultations', 'GET /api/v1/delib-consultations/:id', 'PATCH /api/v1/delib-consultations/:id',
  'POST /api/v1/delib-consultations/:id/comments', 'POST /api/v1/delib-comments/:id/hide', 'GET /api/v1/me/consultations',
];

const ids = { topic: 0, adopted: 0, task: 0, body: 0, member: 0, form: 0, meeting: 0, attachment: 0, consultation: 0, comment: 0 };
type Detail = { topic: { id: number } };

export const spec: RouteSpec = {
  known: KNOWN,
  uploadLimits: { 'POST /api/v1/delib-meetings/:id/attachments': 5 * 1024 * 1024 },
  async setup({ t, w, s }) {
    const cw = s.communityWorker;
    ids.topic = (await must<Detail>(s.resident.post('/api/v1/topics', { title: '模糊议题', description: '模糊', field: 'other' }))).topic.id;
    await must(cw.post(`/api/v1/topics/${ids.topic}/transition`, { action: 'accept' }), 200);
    ids.adopted = (await must<Detail>(s.resident.post('/api/v1/topics', { title: '模糊议定', description: '模糊', field: 'other' }))).topic.id;
    await must(cw.post(`/api/v1/topics/${ids.adopted}/transition`, { action: 'accept' }), 200);
    await must(cw.post(`/api/v1/topics/${ids.adopted}/decision`, { outcome: 'adopted', summary: '模糊' }), 200);
    ids.task = (await must<{ task: { id: number } }>(cw.post(`/api/v1/topics/${ids.adopted}/tasks`, { title: '模糊任务', ownerKind: 'other', ownerName: '模糊', dueOn: '2099-01-01' }))).task.id;
    const b = await body(cw, w.communityA.id, { name: '模糊议事会' });
    ids.body = b.body.id;
    ids.member = (await addMember(cw, ids.body, { name: '模糊代表', memberKind: 'other' })).members[0].id;
    ids.form = (await must<{ items: { id: number | null }[] }>(cw.post('/api/v1/delib-forms', { orgId: w.communityA.id, name: '模糊形式' }))).items.find((f) => f.id)!.id!;
    ids.meeting = (await must<{ meeting: { id: number } }>(cw.post('/api/v1/delib-meetings', {
      bodyId: ids.body, form: 'discussion', title: '模糊会议', agenda: '模糊', startsAt: '2099-01-01T00:00:00Z', place: '模糊',
    }))).meeting.id;
    await must(put(t, cw, `/api/v1/delib-meetings/${ids.meeting}/attendance`, { present: [ids.member] }), 200);
    const up = await t.app.inject({
      method: 'POST', url: `/api/v1/delib-meetings/${ids.meeting}/attachments?fileName=x.pdf`,
      headers: { cookie: cw.cookie, 'x-csrf-token': cw.csrf, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    ids.attachment = (up.json() as { attachments: { id: number }[] }).attachments[0].id;
    ids.consultation = (await must<{ consultation: { id: number } }>(cw.post('/api/v1/delib-consultations', { topicId: ids.topic, mode: 'online', title: '模糊', question: '模糊' }))).consultation.id;
    ids.comment = (await must<{ comments: { id: number }[] }>(s.resident.post(`/api/v1/delib-consultations/${ids.consultation}/comments`, { body: '模糊' }))).comments[0].id;
  },
  base: ({ w }) => ({
    'POST /api/v1/topics': { title: '模糊', description: '模糊', field: 'other' },
    'PATCH /api/v1/topics/:id': { field: 'culture' },
    'POST /api/v1/topics/:id/transition': { action: 'deliberate' },
    'POST /api/v1/topics/:id/merge': { intoId: ids.adopted, reason: '模糊' },
    'POST /api/v1/topics/:id/decision': { outcome: 'rejected', summary: '模糊' },
    'POST /api/v1/topics/:id/vote': { bodyId: ids.body },
    'POST /api/v1/topics/:id/tasks': { title: '模糊', ownerKind: 'other', ownerName: '模糊', dueOn: '2099-01-01' },
    'PATCH /api/v1/delib-tasks/:id': { ownerName: '模糊二' },
    'POST /api/v1/delib-tasks/:id/progress': { note: '模糊', progress: 10 },
    'POST /api/v1/delib-bodies': { orgId: w.communityA.id, name: '模糊' },
    'PATCH /api/v1/delib-bodies/:id': { description: '模糊' },
    'POST /api/v1/delib-bodies/:id/members': { name: '模糊', memberKind: 'other' },
    'PATCH /api/v1/delib-members/:id': { note: '模糊' },
    'POST /api/v1/delib-forms': { orgId: w.communityA.id, name: '模糊二' },
    'PATCH /api/v1/delib-forms/:id': { description: '模糊' },
    'POST /api/v1/delib-meetings': { bodyId: ids.body, form: 'review', title: '模糊', agenda: '模糊', startsAt: '2099-01-01T00:00:00Z', place: '模糊' },
    'PATCH /api/v1/delib-meetings/:id': { place: '模糊二' },
    'PUT /api/v1/delib-meetings/:id/attendance': { present: [] },
    'PUT /api/v1/delib-meetings/:id/minutes': { minutes: '模糊' },
    'POST /api/v1/delib-consultations': { topicId: ids.topic, mode: 'written', title: '模糊', question: '模糊' },
    'PATCH /api/v1/delib-consultations/:id': { summary: '模糊' },
    'POST /api/v1/delib-consultations/:id/comments': { body: '模糊' },
    'POST /api/v1/delib-comments/:id/hide': { reason: '模糊' },
  }),
  who: (key) => {
    if (key.includes('/me/')) return 'resident';
    if (key === 'POST /api/v1/topics' || key === 'POST /api/v1/delib-consultations/:id/comments') return 'resident';
    return KNOWN.includes(key) ? 'communityWorker' : undefined;
  },
  id: (key) => {
    if (key.includes('/topics/:id/tasks')) return ids.adopted;
    if (key.includes('/topics/:id')) return ids.topic;
    if (key.includes('/delib-tasks/:id')) return ids.task;
    if (key.includes('/delib-bodies/:id')) return ids.body;
    if (key.includes('/delib-members/:id')) return ids.member;
    if (key.includes('/delib-forms/:id')) return ids.form;
    if (key.includes('/delib-meetings/:id')) return ids.meeting;
    if (key.includes('/delib-attachments/:id')) return ids.attachment;
    if (key.includes('/delib-consultations/:id')) return ids.consultation;
    if (key.includes('/delib-comments/:id')) return ids.comment;
    return undefined;
  },
  forbidden: ({ w }) => [
    ['GET /api/v1/topics', 'resident'], ['GET /api/v1/topics/export.xlsx', 'departmentStaff'],
    ['POST /api/v1/topics', 'departmentStaff', { title: 'x', description: 'x', field: 'other' }],
    ['POST /api/v1/topics/:id/transition', 'resident', { action: 'accept' }], ['POST /api/v1/topics/:id/vote', 'resident', { bodyId: ids.body }], ['POST /api/v1/topics/:id/vote', 'gridWorker', { bodyId: ids.body }],
    ['POST /api/v1/delib-bodies', 'gridWorker', { orgId: w.communityA.id, name: 'x' }], ['GET /api/v1/delib-bodies', 'resident'],
    ['GET /api/v1/me/community-topics', 'communityWorker'], ['GET /api/v1/me/consultations', 'streetStaff'], ['GET /api/v1/me/topics', 'departmentStaff'],
    ['GET /api/v1/delib-tasks', 'socialOrgStaff'], ['POST /api/v1/delib-forms', 'auditAdmin', { orgId: w.communityA.id, name: 'x' }],
  ],
};

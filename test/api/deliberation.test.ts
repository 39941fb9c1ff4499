import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { JPEG, PDF, accept, addMember, body, must, put, raise, upload, type TopicDetailView } from './deliberation-fixtures.js';

/** Topics and wishes (raise, sort, merge, decline, the raiser's history), bodies and representatives, forms, meetings, consultations; scope and bad input. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let residentB: Session;
let neighbour: Session;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  residentB = await t.login((await t.user('resident', w.communityB.code, 'delib_res_b')).username);
  neighbour = await t.login((await t.user('resident', w.communityA.code, 'delib_neighbour')).username);
});
afterAll(async () => { await t?.close(); });

const audits = (action: string) => t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const count = async (table: 'delib_topic' | 'delib_body_member' | 'delib_meeting') =>
  (await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const detail = async (sess: Session, id: number) => must<TopicDetailView>(sess.get(`/api/v1/topics/${id}`), 200);

describe('topics and wishes', () => {
  it('a resident raises a topic in their community; only they and the workers see it until it is accepted, then the community does', async () => {
    const d = await raise(s.resident, { kind: 'wish', title: '希望小区里多几张长椅' });
    expect(d.topic).toMatchObject({ orgId: w.communityA.id, status: 'raised', kind: 'wish', source: 'resident', mine: true, actions: [] });
    expect(d.events.map((e) => e.kind)).toEqual(['raised']);
    expect((await audits('topic.raise')).length).toBe(1);

    const mine = (await s.resident.get('/api/v1/me/topics')).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toEqual([d.topic.id]);
    // Not public yet: the neighbour and another community see nothing.
    expectError(await neighbour.get(`/api/v1/topics/${d.topic.id}`), 404, 'NOT_FOUND');
    expectError(await residentB.get(`/api/v1/topics/${d.topic.id}`), 404, 'NOT_FOUND');
    expect((await neighbour.get('/api/v1/me/community-topics')).json().total).toBe(0);
    expectError(await s.streetStaffB.get(`/api/v1/topics/${d.topic.id}`), 404, 'NOT_FOUND');
    expect((await s.streetStaffB.get('/api/v1/topics')).json().total).toBe(0);

    const a = await accept(s.communityWorker, d.topic.id);
    expect(a.topic.status).toBe('accepted');
    expect((await neighbour.get('/api/v1/me/community-topics')).json().items.map((x: { id: number }) => x.id)).toContain(d.topic.id);
    expect((await detail(neighbour, d.topic.id)).topic.mine).toBe(false);
    expect((await residentB.get('/api/v1/me/community-topics')).json().total).toBe(0);
    expectError(await residentB.get(`/api/v1/topics/${d.topic.id}`), 404, 'NOT_FOUND');
    // The raiser's timeline shows who accepted it and when.
    const mineNow = await detail(s.resident, d.topic.id);
    expect(mineNow.events.map((e) => [e.kind, e.toStatus])).toEqual([['raised', 'raised'], ['accept', 'accepted']]);
  });

  it('grid workers raise in the community above their grid; workers record on behalf of a partner unit with the raiser named', async () => {
    const g = await raise(s.gridWorker, { title: '网格内垃圾清运不及时', field: 'sanitation' });
    expect(g.topic).toMatchObject({ orgId: w.communityA.id, source: 'gridWorker', mine: true });
    expect((await s.gridWorker.get('/api/v1/me/topics')).json().total).toBe(1);

    expectError(await s.communityWorker.post('/api/v1/topics', { orgId: w.communityA.id, source: 'partnerUnit', title: '共建', description: '说明', field: 'culture' }), 400, 'VALIDATION_FAILED', 'raiserName');
    const p = await raise(s.communityWorker, { orgId: w.communityA.id, source: 'partnerUnit', raiserName: '酒泉市第一中学', title: '周末开放学校操场', field: 'culture' });
    expect(p.topic).toMatchObject({ source: 'partnerUnit', raiserName: '酒泉市第一中学', mine: false, actions: expect.arrayContaining(['accept', 'decline', 'merge', 'sort']) });
    expectError(await s.communityWorker.post('/api/v1/topics', { orgId: w.communityB.id, source: 'partnerUnit', raiserName: 'x', title: '共建', description: '说明', field: 'culture' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post('/api/v1/topics', { orgId: w.gridA.id, source: 'worker', title: '共建', description: '说明', field: 'culture' }), 400, 'VALIDATION_FAILED', 'orgId');
  });

  it('refuses bad input naming the field, with no partial write', async () => {
    const before = await count('delib_topic');
    expectError(await s.resident.post('/api/v1/topics', { title: '标题', description: '说明', field: 'weather' }), 400, 'VALIDATION_FAILED', 'field');
    expectError(await s.resident.post('/api/v1/topics', { title: '   ', description: '说明', field: 'other' }), 400, 'VALIDATION_FAILED', 'title');
    expectError(await s.resident.post('/api/v1/topics', { title: '标题', description: '', field: 'other' }), 400, 'VALIDATION_FAILED', 'description');
    expectError(await s.resident.post('/api/v1/topics', { title: '标题', description: '说明', field: 'other', orgId: w.communityB.id }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.resident.post('/api/v1/topics', { title: '标题', description: '说明', field: 'other', raiserName: '别人' }), 400, 'VALIDATION_FAILED', 'raiserName');
    expectError(await s.resident.post('/api/v1/topics', { title: '标题', description: '说明', field: 'other', source: 'partnerUnit', raiserName: '单位' }), 400, 'VALIDATION_FAILED', 'source');
    expectError(await s.resident.post('/api/v1/topics', { title: 'x'.repeat(101), description: '说明', field: 'other' }), 400, 'VALIDATION_FAILED', 'title');
    expectError(await s.departmentStaff.post('/api/v1/topics', { title: '标题', description: '说明', field: 'other' }), 403, 'FORBIDDEN');
    expect(await count('delib_topic')).toBe(before);
  });

  it('workers list with filters, search and pages, export to Excel, inside their scope only', async () => {
    const list = (await s.communityWorker.get('/api/v1/topics?field=sanitation')).json();
    expect(list.items.map((x: { field: string }) => x.field)).toEqual(['sanitation']);
    expect((await s.communityWorker.get(`/api/v1/topics?q=${encodeURIComponent('操场')}`)).json().total).toBe(1);
    expect((await s.communityWorker.get('/api/v1/topics?status=accepted')).json().total).toBe(1);
    const page = (await s.communityWorker.get('/api/v1/topics?pageSize=1&page=2')).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect((await s.streetStaff.get(`/api/v1/topics?orgId=${w.communityA.id}`)).json().total).toBe(3);
    expectError(await s.streetStaffB.get(`/api/v1/topics?orgId=${w.communityA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.resident.get('/api/v1/topics'), 403, 'FORBIDDEN');

    const x = await s.communityWorker.get('/api/v1/topics/export.xlsx?field=culture');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const sheet = await readXlsx(x);
    expect(sheet.header).toEqual(expect.arrayContaining(['议题', '领域', '提出人', '状态']));
    expect(sheet.rows.map((r) => r['提出人'])).toEqual(['酒泉市第一中学']);
    expect((await audits('topic.export')).at(-1)?.detail).toMatchObject({ rows: 1 });
    const empty = await readXlsx(await s.streetStaffB.get('/api/v1/topics/export.xlsx'));
    expect(empty.rows).toEqual([]);
  });

  it('sorts, declines with a reason the raiser sees, and refuses steps the flow does not allow', async () => {
    const d = await raise(s.resident, { title: '楼道里堆放杂物', field: 'other' });
    const sorted = await must<TopicDetailView>(s.communityWorker.patch(`/api/v1/topics/${d.topic.id}`, { field: 'security', note: '属于消防安全' }), 200);
    expect(sorted.topic.field).toBe('security');
    expect(sorted.events.at(-1)).toMatchObject({ kind: 'sorted', note: '属于消防安全', data: { field: { from: 'other', to: 'security' } } });
    expectError(await s.resident.patch(`/api/v1/topics/${d.topic.id}`, { field: 'other' }), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.patch(`/api/v1/topics/${d.topic.id}`, { field: 'other' }), 404, 'NOT_FOUND');

    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/transition`, { action: 'decline' }), 400, 'VALIDATION_FAILED', 'reason');
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/transition`, { action: 'decline', reason: '  ' }), 400, 'VALIDATION_FAILED', 'reason');
    expectError(await s.resident.post(`/api/v1/topics/${d.topic.id}/transition`, { action: 'accept' }), 403, 'FORBIDDEN');
    const declined = await must<TopicDetailView>(s.communityWorker.post(`/api/v1/topics/${d.topic.id}/transition`, { action: 'decline', reason: '已转物业按诉求办理' }), 200);
    expect(declined.topic).toMatchObject({ status: 'declined', reason: '已转物业按诉求办理' });
    const seen = await detail(s.resident, d.topic.id);
    expect(seen.topic).toMatchObject({ status: 'declined', reason: '已转物业按诉求办理' });
    expect(seen.events.at(-1)).toMatchObject({ kind: 'decline', fromStatus: 'raised', toStatus: 'declined', note: '已转物业按诉求办理' });
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/transition`, { action: 'accept' }), 409, 'TOPIC_STATUS');
    expectError(await s.communityWorker.patch(`/api/v1/topics/${d.topic.id}`, { field: 'other' }), 409, 'TOPIC_NOT_OPEN');
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/transition`, { action: 'deliberate', field: 'other' }), 400, 'VALIDATION_FAILED', 'field');
    // Declined topics stay out of the community's list but the raiser keeps them.
    expect((await neighbour.get('/api/v1/me/community-topics')).json().items.map((x: { id: number }) => x.id)).not.toContain(d.topic.id);
    expect((await s.resident.get('/api/v1/me/topics')).json().items.map((x: { id: number }) => x.id)).toContain(d.topic.id);
  });

  it('merges a duplicate into the kept topic; its raiser sees where it went and why', async () => {
    const kept = await raise(s.resident, { title: '小区东门停车难', field: 'traffic' });
    await accept(s.communityWorker, kept.topic.id);
    const dup = await raise(neighbour, { title: '东门车太多', field: 'traffic' });
    const other = await raise(residentB, { title: '南苑停车难', field: 'traffic' });

    expectError(await s.communityWorker.post(`/api/v1/topics/${dup.topic.id}/merge`, { intoId: dup.topic.id, reason: '重复' }), 400, 'VALIDATION_FAILED', 'intoId');
    expectError(await s.communityWorker.post(`/api/v1/topics/${dup.topic.id}/merge`, { intoId: other.topic.id, reason: '重复' }), 400, 'VALIDATION_FAILED', 'intoId');
    expectError(await s.communityWorker.post(`/api/v1/topics/${dup.topic.id}/merge`, { intoId: kept.topic.id }), 400, 'VALIDATION_FAILED', 'reason');
    const m = await must<TopicDetailView>(s.communityWorker.post(`/api/v1/topics/${dup.topic.id}/merge`, { intoId: kept.topic.id, reason: '与“小区东门停车难”为同一事项' }), 200);
    expect(m.topic).toMatchObject({ status: 'merged', mergedInto: { id: kept.topic.id, title: '小区东门停车难' }, reason: '与“小区东门停车难”为同一事项' });
    const k = await detail(s.communityWorker, kept.topic.id);
    expect(k.mergedHere.map((x) => x.id)).toEqual([dup.topic.id]);
    expect(k.events.at(-1)).toMatchObject({ kind: 'mergedHere', data: { fromId: dup.topic.id } });
    // The duplicate's raiser follows it to the kept topic.
    const seen = await detail(neighbour, dup.topic.id);
    expect(seen.topic.mergedInto?.id).toBe(kept.topic.id);
    expect((await detail(neighbour, kept.topic.id)).topic.id).toBe(kept.topic.id);
    expectError(await s.communityWorker.post(`/api/v1/topics/${dup.topic.id}/merge`, { intoId: kept.topic.id, reason: '再次' }), 409, 'TOPIC_STATUS');
    const third = await raise(neighbour, { title: '东门又堵了', field: 'traffic' });
    expectError(await s.communityWorker.post(`/api/v1/topics/${third.topic.id}/merge`, { intoId: dup.topic.id, reason: '重复' }), 400, 'VALIDATION_FAILED', 'intoId');
    expect((await audits('topic.merge')).at(-1)?.detail).toMatchObject({ intoId: kept.topic.id });
  });

  it('photos: a resident attaches images they uploaded; whoever sees the topic sees them, nobody else', async () => {
    const up = await must<{ id: number }>(upload(t, s.resident, '/api/v1/attachments', JPEG, 'image/jpeg'));
    const other = await must<{ id: number }>(upload(t, neighbour, '/api/v1/attachments', JPEG, 'image/jpeg'));
    expectError(await s.resident.post('/api/v1/topics', { title: '照片', description: '说明', field: 'environment', photoIds: [other.id] }), 400, 'VALIDATION_FAILED', 'photoIds');
    const d = await must<TopicDetailView & { topic: { photos: string[] } }>(s.resident.post('/api/v1/topics', { title: '河边垃圾', description: '见照片', field: 'environment', photoIds: [up.id] }));
    expect(d.topic.photos).toEqual([`/api/v1/topics/${d.topic.id}/photos/${up.id}`]);
    const img = await s.resident.get(d.topic.photos[0]);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expectError(await neighbour.get(d.topic.photos[0]), 404, 'NOT_FOUND');
    await accept(s.communityWorker, d.topic.id);
    expect((await neighbour.get(d.topic.photos[0])).statusCode).toBe(200);
    expectError(await residentB.get(d.topic.photos[0]), 404, 'NOT_FOUND');
    expectError(await neighbour.get(`/api/v1/topics/${d.topic.id}/photos/${other.id}`), 404, 'NOT_FOUND');
  });

  it('racing workers: one of ten accepts wins; opposite merges of two topics never deadlock and leave one merged', async () => {
    const d = await raise(s.resident, { title: '并发受理' });
    const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? s.communityWorker : s.streetStaff).post(`/api/v1/topics/${d.topic.id}/transition`, { action: 'accept' })));
    expect(tries.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(tries.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    expect((await detail(s.resident, d.topic.id)).events.filter((e) => e.kind === 'accept')).toHaveLength(1);

    const a = await raise(s.resident, { title: '互相合并甲' });
    const b = await raise(neighbour, { title: '互相合并乙' });
    const [ab, ba] = await Promise.all([
      s.communityWorker.post(`/api/v1/topics/${a.topic.id}/merge`, { intoId: b.topic.id, reason: '重复' }),
      s.streetStaff.post(`/api/v1/topics/${b.topic.id}/merge`, { intoId: a.topic.id, reason: '重复' }),
    ]);
    expect([ab.statusCode, ba.statusCode].sort()).toEqual([200, 400]);
    const statuses = [(await detail(s.communityWorker, a.topic.id)).topic.status, (await detail(s.communityWorker, b.topic.id)).topic.status].sort();
    expect(statuses).toEqual(['merged', 'raised']);
  });

  it('a decision recorded by hand after a meeting', async () => {
    const d = await raise(s.resident, { title: '增设快递柜', field: 'livelihood' });
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/decision`, { outcome: 'adopted', summary: '同意' }), 409, 'TOPIC_STATUS');
    await accept(s.communityWorker, d.topic.id);
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/decision`, { outcome: 'maybe', summary: '同意' }), 400, 'VALIDATION_FAILED', 'outcome');
    const r = await must<TopicDetailView>(s.communityWorker.post(`/api/v1/topics/${d.topic.id}/decision`, { outcome: 'adopted', summary: '议事会一致同意，在 2 号楼旁增设' }), 200);
    expect(r.topic.status).toBe('adopted');
    expect(r.decision).toMatchObject({ outcome: 'adopted', counts: null });
    expect((await detail(s.resident, d.topic.id)).decision?.outcome).toBe('adopted');
    const list = (await s.communityWorker.get('/api/v1/delib-decisions')).json();
    expect(list.items.map((x: { topicId: number }) => x.topicId)).toContain(d.topic.id);
    expect((await s.streetStaffB.get('/api/v1/delib-decisions')).json().total).toBe(0);
  });
});

describe('bodies and representatives', () => {
  let bodyId: number;
  it('sets up a body of a community with representatives linked to resident accounts', async () => {
    const b = await body(s.communityWorker, w.communityA.id);
    bodyId = b.body.id;
    expect(b.body).toMatchObject({ members: 0, actions: expect.arrayContaining(['addMember']) });
    const cands = (await s.communityWorker.get(`/api/v1/delib-candidates?orgId=${w.communityA.id}&q=${encodeURIComponent('neighbour')}`)).json();
    expect(cands.items).toHaveLength(1);
    const linked = await addMember(s.communityWorker, bodyId, { userId: cands.items[0].id, memberKind: 'residentRep', name: undefined });
    expect(linked.members[0]).toMatchObject({ userId: cands.items[0].id, memberKind: 'residentRep', status: 'active' });
    await addMember(s.communityWorker, bodyId, { name: '李书记', memberKind: 'partyMember' });
    const withUnit = await addMember(s.communityWorker, bodyId, { name: '市一中', memberKind: 'partnerUnit' });
    expect(withUnit.body).toMatchObject({ members: 3, membersWithAccount: 1 });
    expect((await audits('representative.create')).length).toBe(3);
  });

  it('refuses a second seat for an account, accounts of another community, members without a name', async () => {
    const before = await count('delib_body_member');
    const u = (await s.communityWorker.get(`/api/v1/delib-candidates?orgId=${w.communityA.id}&q=neighbour`)).json().items[0];
    expectError(await s.communityWorker.post(`/api/v1/delib-bodies/${bodyId}/members`, { userId: u.id, memberKind: 'other' }), 400, 'VALIDATION_FAILED', 'userId');
    const bUser = (await t.handle.db.selectFrom('app_user').select('id').where('username', '=', 'delib_res_b').executeTakeFirstOrThrow()).id;
    expectError(await s.communityWorker.post(`/api/v1/delib-bodies/${bodyId}/members`, { userId: bUser, memberKind: 'other' }), 400, 'VALIDATION_FAILED', 'userId');
    expectError(await s.communityWorker.post(`/api/v1/delib-bodies/${bodyId}/members`, { memberKind: 'other' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(await s.communityWorker.post(`/api/v1/delib-bodies/${bodyId}/members`, { name: '甲', memberKind: 'mayor' }), 400, 'VALIDATION_FAILED', 'memberKind');
    expectError(await s.communityWorker.post('/api/v1/delib-bodies', { orgId: w.communityB.id, name: '外' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.resident.post(`/api/v1/delib-bodies/${bodyId}/members`, { name: '甲', memberKind: 'other' }), 403, 'FORBIDDEN');
    expectError(await s.gridWorker.post(`/api/v1/delib-bodies/${bodyId}/members`, { name: '甲', memberKind: 'other' }), 404, 'NOT_FOUND');
    expect(await count('delib_body_member')).toBe(before);
  });

  it('a representative leaves; lists, detail and export stay inside the scope', async () => {
    const d = (await s.communityWorker.get(`/api/v1/delib-bodies/${bodyId}`)).json();
    const lee = d.members.find((m: { name: string }) => m.name === '李书记');
    const after = await must<{ body: { members: number }; members: { id: number; status: string; leftOn: string | null }[] }>(
      s.communityWorker.patch(`/api/v1/delib-members/${lee.id}`, { status: 'left' }), 200);
    expect(after.body.members).toBe(2);
    expect(after.members.find((m) => m.id === lee.id)).toMatchObject({ status: 'left', leftOn: expect.any(String) });
    expect((await s.gridWorker.get(`/api/v1/delib-bodies/${bodyId}`)).statusCode).toBe(404);
    expectError(await s.streetStaffB.get(`/api/v1/delib-bodies/${bodyId}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.patch(`/api/v1/delib-members/${lee.id}`, { note: 'x' }), 404, 'NOT_FOUND');
    expect((await s.streetStaffB.get('/api/v1/delib-bodies')).json().total).toBe(0);
    expect((await s.streetStaff.get(`/api/v1/delib-bodies?q=${encodeURIComponent('议事会')}`)).json().total).toBe(1);
    const sheet = await readXlsx(await s.communityWorker.get('/api/v1/delib-bodies/export.xlsx'));
    expect(sheet.rows).toEqual([expect.objectContaining({ 名称: '富康社区居民议事会', 在任代表: 2, 可线上表决: 1 })]);
  });

  it('forms: the six defaults plus custom 6+X forms of a community', async () => {
    const f = (await s.communityWorker.get('/api/v1/delib-forms')).json();
    expect(f.items.filter((x: { builtin: boolean }) => x.builtin).map((x: { name: string }) => x.name))
      .toEqual(['议事协商委员会', '民主议事', '民主恳谈', '民主听证', '民主评议', '民主咨询']);
    const created = await must<{ items: { id: number | null; name: string }[] }>(s.communityWorker.post('/api/v1/delib-forms', { orgId: w.communityA.id, name: '楼栋议事', description: '楼道小事楼里议' }));
    expect(created.items.map((x) => x.name)).toContain('楼栋议事');
    expectError(await s.communityWorker.post('/api/v1/delib-forms', { orgId: w.communityA.id, name: '楼栋议事' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(await s.communityWorker.post('/api/v1/delib-forms', { orgId: w.communityA.id, name: '民主听证' }), 400, 'VALIDATION_FAILED', 'name');
    expect((await s.streetStaffB.get('/api/v1/delib-forms')).json().items.filter((x: { builtin: boolean }) => !x.builtin)).toEqual([]);
    expect((await s.communityWorker.get('/api/v1/delib-forms', { 'accept-language': 'en' })).json().items[3].name).toBe('Public hearing');
  });
});

describe('meetings', () => {
  let meetingId: number;
  let topicId: number;
  let bodyId: number;
  it('schedules a meeting of a body in a form, with topics on the agenda', async () => {
    bodyId = (await s.communityWorker.get('/api/v1/delib-bodies')).json().items[0].id;
    topicId = (await s.communityWorker.get('/api/v1/topics?status=accepted')).json().items[0].id;
    const topicB = (await raise(residentB, { title: '南苑的事' })).topic.id;
    const base = { bodyId, form: 'hearing', title: '停车问题听证会', agenda: '一、情况介绍；二、听取意见', startsAt: '2026-12-20T02:00:00Z', place: '社区党群服务中心二楼' };
    expectError(await s.communityWorker.post('/api/v1/delib-meetings', { ...base, form: 'custom' }), 400, 'VALIDATION_FAILED', 'formId');
    expectError(await s.communityWorker.post('/api/v1/delib-meetings', { ...base, topicIds: [topicB] }), 400, 'VALIDATION_FAILED', 'topicIds');
    expectError(await s.communityWorker.post('/api/v1/delib-meetings', { ...base, startsAt: 'tomorrow' }), 400, 'VALIDATION_FAILED', 'startsAt');
    expectError(await s.streetStaffB.post('/api/v1/delib-meetings', base), 400, 'VALIDATION_FAILED', 'bodyId');
    const custom = (await s.communityWorker.get('/api/v1/delib-forms')).json().items.find((x: { builtin: boolean }) => !x.builtin);
    const c = await must<{ meeting: { formName: string } }>(s.communityWorker.post('/api/v1/delib-meetings', { ...base, form: 'custom', formId: custom.id, title: '楼栋议事会' }));
    expect(c.meeting.formName).toBe('楼栋议事');
    const m = await must<{ meeting: { id: number; status: string; formName: string }; topics: { id: number }[]; attendees: { memberId: number; present: boolean | null }[] }>(
      s.communityWorker.post('/api/v1/delib-meetings', { ...base, topicIds: [topicId] }));
    meetingId = m.meeting.id;
    expect(m.meeting).toMatchObject({ status: 'planned', formName: '民主听证' });
    expect(m.topics.map((x) => x.id)).toEqual([topicId]);
    expect(m.attendees.every((a) => a.present === null)).toBe(true);
    expect((await detail(s.resident, topicId)).events.at(-1)).toMatchObject({ kind: 'meeting', note: '停车问题听证会' });
  });

  it('records attendance, minutes and files; the topic records that the meeting was held', async () => {
    const m0 = (await s.communityWorker.get(`/api/v1/delib-meetings/${meetingId}`)).json();
    const [first, second] = m0.attendees.map((a: { memberId: number }) => a.memberId);
    expectError(await put(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/attendance`, { present: [first, 999999] }), 400, 'VALIDATION_FAILED', 'present');
    const att = await must<{ meeting: { present: number; absent: number } }>(put(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/attendance`, { present: [first] }), 200);
    expect(att.meeting).toMatchObject({ present: 1, absent: 1 });
    expect(second).toBeDefined();
    expectError(await put(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/minutes`, { minutes: ' ' }), 400, 'VALIDATION_FAILED', 'minutes');
    const held = await must<{ meeting: { status: string; minutes: string } }>(put(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/minutes`, { minutes: '与会代表同意东门划线停车。' }), 200);
    expect(held.meeting).toMatchObject({ status: 'held', minutes: '与会代表同意东门划线停车。' });
    expect((await detail(s.resident, topicId)).events.at(-1)).toMatchObject({ kind: 'meetingHeld' });
    expectError(await s.communityWorker.patch(`/api/v1/delib-meetings/${meetingId}`, { place: '别处' }), 409, 'MEETING_NOT_PLANNED');

    const up = await must<{ attachments: { id: number; fileName: string; url: string; contentType: string }[] }>(
      upload(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/attachments?fileName=${encodeURIComponent('纪要扫描.pdf')}`, PDF, 'application/pdf'));
    expect(up.attachments[0]).toMatchObject({ fileName: '纪要扫描.pdf', contentType: 'application/pdf' });
    const photo = await must<{ attachments: unknown[] }>(upload(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/attachments?fileName=photo.jpg`, JPEG, 'image/jpeg'));
    expect(photo.attachments).toHaveLength(2);
    expectError(await upload(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/attachments?fileName=fake.pdf`, Buffer.from('<script>'), 'application/pdf'), 400, 'VALIDATION_FAILED', 'body');
    expect((await upload(t, s.communityWorker, `/api/v1/delib-meetings/${meetingId}/attachments?fileName=a.txt`, Buffer.from('hi'), 'text/plain')).statusCode).toBe(415);
    const dl = await s.communityWorker.get(up.attachments[0].url);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expectError(await s.streetStaffB.get(up.attachments[0].url), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`/api/v1/delib-meetings/${meetingId}`), 404, 'NOT_FOUND');
  });

  it('lists and exports meetings in scope', async () => {
    expect((await s.communityWorker.get('/api/v1/delib-meetings?status=held')).json().total).toBe(1);
    expect((await s.communityWorker.get(`/api/v1/delib-meetings?bodyId=${bodyId}&q=${encodeURIComponent('听证')}`)).json().total).toBe(1);
    expect((await s.streetStaffB.get('/api/v1/delib-meetings')).json().total).toBe(0);
    const sheet = await readXlsx(await s.communityWorker.get('/api/v1/delib-meetings/export.xlsx?status=held'));
    expect(sheet.rows).toEqual([expect.objectContaining({ 会议: '停车问题听证会', 形式: '民主听证', 出席: 1, 缺席: 1, 会议纪要: '与会代表同意东门划线停车。' })]);
    const cancel = (await s.communityWorker.get('/api/v1/delib-meetings?status=planned')).json().items[0];
    const c = await must<{ meeting: { status: string } }>(s.communityWorker.patch(`/api/v1/delib-meetings/${cancel.id}`, { status: 'cancelled' }), 200);
    expect(c.meeting.status).toBe('cancelled');
    expectError(await put(t, s.communityWorker, `/api/v1/delib-meetings/${cancel.id}/minutes`, { minutes: '无' }), 409, 'MEETING_CANCELLED');
  });
});

describe('consultations', () => {
  it('a consultation on an accepted topic: residents of the community comment, workers hide with a reason, closing ends it', async () => {
    const raised = await raise(s.resident, { title: '还没受理的事' });
    expectError(await s.communityWorker.post('/api/v1/delib-consultations', { topicId: raised.topic.id, mode: 'online', title: '征询', question: '意见？' }), 400, 'VALIDATION_FAILED', 'topicId');
    const topicId = (await s.communityWorker.get('/api/v1/topics?status=accepted')).json().items[0].id;
    expectError(await s.communityWorker.post('/api/v1/delib-consultations', { topicId, mode: 'online', title: '征询', question: '意见？', closesAt: '2020-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED', 'closesAt');
    const c = await must<{ consultation: { id: number; open: boolean; actions: string[] } }>(
      s.communityWorker.post('/api/v1/delib-consultations', { topicId, mode: 'online', title: '东门停车方案征询', question: '是否同意东门划线停车？' }));
    const id = c.consultation.id;
    expect(c.consultation.open).toBe(true);

    expect((await neighbour.get('/api/v1/me/consultations')).json().items.map((x: { id: number }) => x.id)).toEqual([id]);
    expect((await residentB.get('/api/v1/me/consultations')).json().total).toBe(0);
    expectError(await residentB.get(`/api/v1/delib-consultations/${id}`), 404, 'NOT_FOUND');
    expectError(await residentB.post(`/api/v1/delib-consultations/${id}/comments`, { body: '我也说两句' }), 404, 'NOT_FOUND');

    const one = await must<{ comments: { id: number; mine: boolean }[] }>(neighbour.post(`/api/v1/delib-consultations/${id}/comments`, { body: '同意，但要留出消防通道' }));
    const reply = await must<{ comments: { parentId: number | null }[] }>(s.resident.post(`/api/v1/delib-consultations/${id}/comments`, { body: '赞成', parentId: one.comments[0].id }));
    expect(reply.comments[1].parentId).toBe(one.comments[0].id);
    const rude = await must<{ comments: { id: number }[] }>(neighbour.post(`/api/v1/delib-consultations/${id}/comments`, { body: '不文明的话' }));
    expectError(await neighbour.post(`/api/v1/delib-consultations/${id}/comments`, { body: '  ' }), 400, 'VALIDATION_FAILED', 'body');
    expectError(await neighbour.post(`/api/v1/delib-consultations/${id}/comments`, { body: '回复', parentId: 999999 }), 400, 'VALIDATION_FAILED', 'parentId');

    const rudeId = rude.comments[2].id;
    expectError(await neighbour.post(`/api/v1/delib-comments/${rudeId}/hide`, { reason: '我不喜欢' }), 403, 'FORBIDDEN');
    expectError(await s.communityWorker.post(`/api/v1/delib-comments/${rudeId}/hide`, {}), 400, 'VALIDATION_FAILED', 'reason');
    expectError(await s.streetStaffB.post(`/api/v1/delib-comments/${rudeId}/hide`, { reason: '不文明' }), 404, 'NOT_FOUND');
    await must(s.communityWorker.post(`/api/v1/delib-comments/${rudeId}/hide`, { reason: '含不文明用语' }), 200);
    const asResident = (await neighbour.get(`/api/v1/delib-consultations/${id}`)).json();
    expect(asResident.comments[2]).toMatchObject({ hidden: true, body: null, hiddenReason: '含不文明用语', mine: true });
    expect((await s.communityWorker.get(`/api/v1/delib-consultations/${id}`)).json().comments[2].body).toBe('不文明的话');
    expect(asResident.consultation.comments).toBe(2);

    const closed = await must<{ consultation: { status: string; summary: string } }>(s.communityWorker.patch(`/api/v1/delib-consultations/${id}`, { status: 'closed', summary: '多数赞成' }), 200);
    expect(closed.consultation).toMatchObject({ status: 'closed', summary: '多数赞成' });
    expectError(await neighbour.post(`/api/v1/delib-consultations/${id}/comments`, { body: '晚了' }), 409, 'CONSULTATION_CLOSED');
    expect((await detail(s.resident, topicId)).events.at(-1)).toMatchObject({ kind: 'consultationClosed', note: '多数赞成' });
    expect((await s.communityWorker.get(`/api/v1/delib-consultations?topicId=${topicId}`)).json().total).toBe(1);
    expect((await s.streetStaffB.get('/api/v1/delib-consultations')).json().total).toBe(0);
    expect((await audits('comment.hide')).at(-1)?.detail).toMatchObject({ reason: '含不文明用语' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { JPEG, accept, body, bodyWithVoters, must, raise, type TopicDetailView } from './deliberation-fixtures.js';

/** A topic goes to its body's vote through voting's contract; closing records the decision; the decision becomes tasks with progress; the raiser sees it all. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let council: Awaited<ReturnType<typeof bodyWithVoters>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  council = await bodyWithVoters(t, s.communityWorker, w.communityA.id, w.communityA.code, 20, 'fk');
});
afterAll(async () => { await t?.close(); });

const detail = async (sess: Session, id: number) => must<TopicDetailView>(sess.get(`/api/v1/topics/${id}`), 200);
const cast = (sess: Session, voteId: number, choice: string) => sess.post(`/api/v1/votes/${voteId}/ballots`, { choices: [choice] });

async function votedTopic(title: string, approvals: number, rejections = 0, abstentions = 0) {
  const d = await raise(s.resident, { title });
  await accept(s.communityWorker, d.topic.id);
  const v = await must<{ voteId: number; consoleUrl: string; phoneUrl: string; topic: { status: string; voteId: number } }>(
    s.communityWorker.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: council.bodyId }));
  let i = 0;
  for (const [n, choice] of [[approvals, 'approve'], [rejections, 'reject'], [abstentions, 'abstain']] as const) {
    for (let k = 0; k < n; k++, i++) expect((await cast(council.voters[i].session, v.voteId, choice)).statusCode).toBe(201);
  }
  return { topicId: d.topic.id, ...v };
}

describe('votes on topics', () => {
  it('starts a vote for the body (85% of the representatives by default); 17 of 20 approving adopts, recorded with the counts', async () => {
    const v = await votedTopic('东门划线停车', 17, 3);
    expect(v).toMatchObject({ consoleUrl: `/app/votes/${v.voteId}`, phoneUrl: `/m/votes/${v.voteId}`, topic: { status: 'voting', voteId: v.voteId } });
    const before = await detail(s.resident, v.topicId);
    expect(before.events.at(-1)).toMatchObject({ kind: 'vote', toStatus: 'voting', data: { threshold: { num: 85, den: 100, of: 'electorate' } } });
    expectError(await s.communityWorker.post(`/api/v1/topics/${v.topicId}/vote`, { bodyId: council.bodyId }), 409, 'TOPIC_STATUS');

    expect((await s.communityWorker.post(`/api/v1/votes/${v.voteId}/close`, {})).statusCode).toBe(200);
    const after = await detail(s.resident, v.topicId);
    expect(after.topic.status).toBe('adopted');
    expect(after.decision).toMatchObject({ outcome: 'adopted', eligible: 20, cast: 20, counts: { approve: 17, reject: 3, abstain: 0 } });
    expect(after.events.at(-1)).toMatchObject({ kind: 'voteClosed', fromStatus: 'voting', toStatus: 'adopted' });
    // A voter who is not the raiser sees the outcome too (the topic is public in their community).
    expect((await detail(council.voters[5].session, v.topicId)).decision?.outcome).toBe('adopted');
    const audit = await t.handle.db.selectFrom('audit_log').select('detail').where('action', '=', 'topic.decide').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ voteId: v.voteId, outcome: 'adopted' });
  });

  it('16 of 20 is below 85% and rejects; the raiser sees why', async () => {
    const v = await votedTopic('西门加装道闸', 16, 2, 2);
    await must(s.communityWorker.post(`/api/v1/votes/${v.voteId}/close`, {}), 200);
    const d = await detail(s.resident, v.topicId);
    expect(d.topic.status).toBe('rejected');
    expect(d.decision).toMatchObject({ outcome: 'rejected', counts: { approve: 16, reject: 2, abstain: 2 } });
    expectError(await s.communityWorker.post(`/api/v1/topics/${v.topicId}/tasks`, { title: '装道闸', ownerKind: 'other', ownerName: '物业', dueOn: '2099-01-01' }), 409, 'TOPIC_NOT_ADOPTED');
  });

  it('refuses a vote without the permission, out of scope, for a body of another community, or a body nobody can vote in', async () => {
    const d = await raise(s.resident, { title: '楼顶光伏' });
    await accept(s.communityWorker, d.topic.id);
    expectError(await s.gridWorker.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: council.bodyId }), 403, 'FORBIDDEN');
    expectError(await s.resident.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: council.bodyId }), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: council.bodyId }), 404, 'NOT_FOUND');
    const other = await body(s.streetStaffB, w.communityB.id, { name: '南苑议事会' });
    expectError(await s.streetStaff.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: other.body.id }), 400, 'VALIDATION_FAILED', 'bodyId');
    const empty = await body(s.communityWorker, w.communityA.id, { name: '空议事会' });
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: empty.body.id }), 400, 'VALIDATION_FAILED', 'bodyId');
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: council.bodyId, threshold: { num: 85, den: 0, of: 'electorate' } }), 400, 'VALIDATION_FAILED', 'threshold.den');
    expectError(await s.communityWorker.post(`/api/v1/topics/${d.topic.id}/vote`, { bodyId: council.bodyId, closesAt: '2020-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED', 'closesAt');
    // Nothing was left behind by the refusals.
    expect((await detail(s.communityWorker, d.topic.id)).topic).toMatchObject({ status: 'accepted', voteId: null });
    const raised = await raise(s.resident, { title: '未受理就表决' });
    expectError(await s.communityWorker.post(`/api/v1/topics/${raised.topic.id}/vote`, { bodyId: council.bodyId }), 409, 'TOPIC_STATUS');
  });
});

describe('decisions become tasks', () => {
  let topicId: number;
  let taskId: number;
  let owner: { id: number; session: Session };
  it('an adopted decision becomes tasks with owners and deadlines; the first moves the topic into implementation', async () => {
    const v = await votedTopic('楼道照明改造', 18, 2);
    await must(s.communityWorker.post(`/api/v1/votes/${v.voteId}/close`, {}), 200);
    topicId = v.topicId;
    const u = await t.user('resident', w.communityA.code, 'ywh_chair');
    owner = { id: u.id, session: await t.login(u.username) };
    expectError(await s.communityWorker.post(`/api/v1/topics/${topicId}/tasks`, { title: '采购灯具', ownerKind: 'ownersCommittee', ownerName: '业委会', dueOn: '2020-01-01' }), 400, 'VALIDATION_FAILED', 'dueOn');
    expectError(await s.communityWorker.post(`/api/v1/topics/${topicId}/tasks`, { title: '采购灯具', ownerKind: 'boss', ownerName: '业委会', dueOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'ownerKind');
    const bUser = await t.user('resident', w.communityB.code, 'delib_owner_b');
    expectError(await s.streetStaff.post(`/api/v1/topics/${topicId}/tasks`, { title: '采购灯具', ownerKind: 'other', ownerName: '某人', ownerUserId: bUser.id, dueOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'ownerUserId');
    expectError(await s.resident.post(`/api/v1/topics/${topicId}/tasks`, { title: '采购灯具', ownerKind: 'other', ownerName: '某人', dueOn: '2099-01-01' }), 403, 'FORBIDDEN');
    const k = await must<{ task: { id: number; status: string; overdue: boolean; actions: string[] } }>(s.communityWorker.post(`/api/v1/topics/${topicId}/tasks`, {
      title: '采购并安装声控灯', ownerKind: 'ownersCommittee', ownerName: '富康小区业委会', ownerUserId: owner.id, dueOn: '2099-01-31',
    }));
    taskId = k.task.id;
    expect(k.task).toMatchObject({ status: 'open', overdue: false, actions: expect.arrayContaining(['progress', 'update', 'cancel']) });
    await must(s.communityWorker.post(`/api/v1/topics/${topicId}/tasks`, { title: '张贴公示', ownerKind: 'communityWorker', ownerName: '社区居委会', dueOn: '2099-01-10' }));
    const d = await detail(s.resident, topicId);
    expect(d.topic.status).toBe('implementing');
    expect(d.tasks.map((x) => x.task.id)).toContain(taskId);
  });

  it('progress goes forward only, by a worker or the named owner; 100% is done; all tasks done closes the matter', async () => {
    expectError(await s.resident.post(`/api/v1/delib-tasks/${taskId}/progress`, { note: '我来', progress: 10 }), 404, 'NOT_FOUND');
    const photo = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { cookie: owner.session.cookie, 'x-csrf-token': owner.session.csrf, 'content-type': 'image/jpeg' }, payload: JPEG });
    expect(photo.statusCode, photo.body).toBe(201);
    const half = await must<{ updates: { photos: string[] }[] }>(owner.session.post(`/api/v1/delib-tasks/${taskId}/progress`, { note: '已采购灯具 30 套', progress: 50, photoIds: [photo.json().id] }));
    expect(half.updates[0].photos).toEqual([`/api/v1/topics/${topicId}/photos/${photo.json().id}`]);
    expect((await s.resident.get(half.updates[0].photos[0])).statusCode).toBe(200);
    expectError(await s.communityWorker.post(`/api/v1/delib-tasks/${taskId}/progress`, { note: '回退', progress: 30 }), 400, 'VALIDATION_FAILED', 'progress');
    expectError(await s.communityWorker.post(`/api/v1/delib-tasks/${taskId}/progress`, { note: '超了', progress: 101 }), 400, 'VALIDATION_FAILED', 'progress');
    const done = await must<{ task: { status: string; progress: number }; updates: { progress: number }[] }>(
      s.communityWorker.post(`/api/v1/delib-tasks/${taskId}/progress`, { note: '全部安装完毕并验收', progress: 100 }));
    expect(done.task).toMatchObject({ status: 'done', progress: 100 });
    expect(done.updates.map((u) => u.progress)).toEqual([50, 100]);
    expectError(await owner.session.post(`/api/v1/delib-tasks/${taskId}/progress`, { note: '再报', progress: 100 }), 409, 'TASK_NOT_OPEN');
    expect((await detail(s.resident, topicId)).topic.status).toBe('implementing');

    const other = (await detail(s.communityWorker, topicId)).tasks.find((x) => x.task.id !== taskId)!.task.id;
    expectError(await s.communityWorker.patch(`/api/v1/delib-tasks/${other}`, { status: 'cancelled' }), 400, 'VALIDATION_FAILED', 'reason');
    await must(s.communityWorker.patch(`/api/v1/delib-tasks/${other}`, { status: 'cancelled', reason: '已在业主群公示，无需张贴' }), 200);
    const d = await detail(s.resident, topicId);
    expect(d.topic.status).toBe('done');
    expect(d.tasks.find((x) => x.task.id === taskId)!.updates.map((u) => u.note)).toEqual(['已采购灯具 30 套', '全部安装完毕并验收']);
    expect(d.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['voteClosed', 'task', 'progress', 'taskDone', 'taskCancelled', 'done']));
    expect((await s.resident.get('/api/v1/me/topics')).json().items.find((x: { id: number }) => x.id === topicId).status).toBe('done');
  });

  it('overdue tasks are flagged and counted; lists and exports stay in scope', async () => {
    const v = await votedTopic('健身器材维修', 20);
    await must(s.communityWorker.post(`/api/v1/votes/${v.voteId}/close`, {}), 200);
    const k = await must<{ task: { id: number } }>(s.communityWorker.post(`/api/v1/topics/${v.topicId}/tasks`, { title: '更换器材', ownerKind: 'partnerUnit', ownerName: '市体育局', dueOn: '2099-01-01' }));
    await t.handle.db.updateTable('delib_task').set({ due_on: '2026-01-05' }).where('id', '=', k.task.id).execute();
    const overdue = (await s.communityWorker.get('/api/v1/delib-tasks?overdue=true')).json();
    expect(overdue.items.map((x: { id: number; overdue: boolean }) => [x.id, x.overdue])).toEqual([[k.task.id, true]]);
    expect((await s.communityWorker.get('/api/v1/delib-tasks/summary')).json()).toEqual({ open: 1, overdue: 1, done: 1, cancelled: 1 });
    expect((await s.streetStaffB.get('/api/v1/delib-tasks/summary')).json()).toEqual({ open: 0, overdue: 0, done: 0, cancelled: 0 });
    expect((await s.streetStaffB.get('/api/v1/delib-tasks')).json().total).toBe(0);
    expectError(await s.streetStaffB.get(`/api/v1/delib-tasks/${k.task.id}`), 404, 'NOT_FOUND');
    expect((await s.communityWorker.get(`/api/v1/delib-tasks?q=${encodeURIComponent('体育')}`)).json().total).toBe(1);

    const tasks = await readXlsx(await s.communityWorker.get('/api/v1/delib-tasks/export.xlsx?overdue=true'));
    expect(tasks.rows).toEqual([expect.objectContaining({ 任务: '更换器材', 责任人: '市体育局', 是否逾期: '逾期' })]);
    const results = await readXlsx(await s.communityWorker.get('/api/v1/delib-decisions/export.xlsx'));
    expect(results.rows.map((r) => [r['议题'], r['结果'], r['赞成'], r['应投票']])).toEqual(expect.arrayContaining([
      ['东门划线停车', '已通过', 17, 20], ['西门加装道闸', '未通过', 16, 20], ['健身器材维修', '已通过', 20, 20],
    ]));
    expect((await readXlsx(await s.streetStaffB.get('/api/v1/delib-decisions/export.xlsx'))).rows).toEqual([]);
    expect((await s.communityWorker.get('/api/v1/delib-decisions?outcome=rejected')).json().items.map((x: { topicTitle: string }) => x.topicTitle)).toEqual(['西门加装道闸']);
  });
});

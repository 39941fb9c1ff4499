import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { member, memberResident, must, need, unit } from './partners-fixtures.js';
import { WEIGHT_CLAIM_DONE, WEIGHT_RATING_STEP, chinaYear } from '../../src/modules/partners/rules.js';

/** Claims (认领) and their workflow, racing claims, residents' feedback, annual scores and rankings. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
const YEAR = chinaYear(new Date());

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
});
afterAll(async () => { await t?.close(); });

type Claim = { id: number; status: string; actions: string[]; rating: number | null; claimantName: string };

describe('claims', () => {
  it('racing members on a need with capacity 1: exactly one wins, the count never exceeds the capacity', async () => {
    const n = await need(s.communityWorker, w.communityA.id, { title: '抢单测试', capacity: 1 });
    const members = [];
    for (let i = 0; i < 12; i++) members.push(await memberResident(t, s.communityWorker, w, `racer_${i}`));
    const results = await Promise.all(members.map((m) => m.session.post('/api/v1/me/partner-claims', { needId: n.id })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(11);
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'CLAIM_REFUSED', 'needId');
    const row = await t.handle.db.selectFrom('partner_need').select(['claimed', 'status']).where('id', '=', n.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ claimed: 1, status: 'claimed' });
    const live = await t.handle.db.selectFrom('partner_claim').select('id').where('need_id', '=', n.id).execute();
    expect(live).toHaveLength(1);
  });

  it('claimed → in progress → done with a result; the raiser rates it once; the score follows the formula', async () => {
    const raiser = await t.user('resident', w.communityA.code, 'wish_raiser');
    const raiserSession = await t.login(raiser.username);
    const n = await need(s.communityWorker, w.communityA.id, { title: '修理楼道灯', capacity: 2, raisedBy: raiser.id });
    const { session, member: m } = await memberResident(t, s.communityWorker, w, 'worker_member');
    const c = await must<Claim>(session.post('/api/v1/me/partner-claims', { needId: n.id, note: '周六上午来' }));
    expectError(await session.post('/api/v1/me/partner-claims', { needId: n.id }), 409, 'CLAIM_REFUSED', 'needId');
    expect((await s.communityWorker.get(`/api/v1/partner-needs/${n.id}`)).json()).toMatchObject({ claimed: 1, status: 'open' });

    // Someone else cannot move it; the raiser cannot rate before it is done.
    expectError(await s.resident.post(`/api/v1/partner-claims/${c.id}/transition`, { action: 'start' }), 404, 'NOT_FOUND');
    expectError(await raiserSession.post(`/api/v1/partner-claims/${c.id}/feedback`, { rating: 5 }), 409, 'FEEDBACK_REFUSED');
    expectError(await session.post(`/api/v1/partner-claims/${c.id}/transition`, { action: 'fly' }), 400, 'VALIDATION_FAILED', 'action');

    expect((await session.post(`/api/v1/partner-claims/${c.id}/transition`, { action: 'start' })).json().status).toBe('in_progress');
    expectError(await session.post(`/api/v1/partner-claims/${c.id}/transition`, { action: 'start' }), 409, 'CLAIM_STATE');
    const done = (await session.post(`/api/v1/partner-claims/${c.id}/transition`, { action: 'complete', note: '换了 4 个灯泡' })).json();
    expect(done).toMatchObject({ status: 'done', result: '换了 4 个灯泡' });
    expect(done.doneAt).toBeTruthy();
    // Done still holds its place on the need.
    expect((await s.communityWorker.get(`/api/v1/partner-needs/${n.id}`)).json().claimed).toBe(1);

    const mine = (await raiserSession.get('/api/v1/me/partner-claims')).json();
    expect(mine.items.map((x: Claim) => x.id)).toEqual([c.id]);
    expect(mine.items[0].actions).toEqual(['rate']);
    expectError(await raiserSession.post(`/api/v1/partner-claims/${c.id}/feedback`, { rating: 6 }), 400, 'VALIDATION_FAILED', 'rating');
    const rated = (await raiserSession.post(`/api/v1/partner-claims/${c.id}/feedback`, { rating: 5, comment: '很及时' })).json();
    expect(rated).toMatchObject({ rating: 5, feedback: '很及时', actions: [] });
    expectError(await s.communityWorker.post(`/api/v1/partner-claims/${c.id}/feedback`, { rating: 1 }), 409, 'FEEDBACK_REFUSED');

    const score = await t.handle.db.selectFrom('partner_score').selectAll().where('subject_kind', '=', 'member').where('subject_id', '=', m.id).where('year', '=', YEAR).executeTakeFirstOrThrow();
    expect(score).toMatchObject({ claims_done: 1, rating_count: 1, rating_sum: 5, score: WEIGHT_CLAIM_DONE + 2 * WEIGHT_RATING_STEP });
    const audit = await t.handle.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'claim').where('entity_id', '=', String(c.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['claim.create', 'claim.start', 'claim.complete', 'claim.rate']);
  });

  it('a worker records a unit’s claim; withdrawing frees the place; only active claimants', async () => {
    const n = await need(s.communityWorker, w.communityA.id, { title: '暑期托管', capacity: 1 });
    const u = await unit(s.communityWorker, w.communityA.id, { name: '市实验小学' });
    const c = await must<Claim>(s.communityWorker.post('/api/v1/partner-claims', { needId: n.id, unitId: u.id }));
    expect(c.claimantName).toBe('市实验小学');
    expect((await s.communityWorker.get(`/api/v1/partner-needs/${n.id}`)).json().status).toBe('claimed');
    const w2 = await s.communityWorker.post(`/api/v1/partner-claims/${c.id}/transition`, { action: 'withdraw' });
    expect(w2.json().status).toBe('withdrawn');
    expect((await s.communityWorker.get(`/api/v1/partner-needs/${n.id}`)).json()).toMatchObject({ status: 'open', claimed: 0 });
    const pending = await member(s.communityWorker, w.communityA.id, { status: 'pending' });
    expectError(await s.communityWorker.post('/api/v1/partner-claims', { needId: n.id, memberId: pending.id }), 400, 'VALIDATION_FAILED', 'memberId');
    expectError(await s.communityWorker.post('/api/v1/partner-claims', { needId: n.id }), 400, 'VALIDATION_FAILED', 'memberId');
    expectError(await s.communityWorker.post('/api/v1/partner-claims', { memberId: pending.id }), 400, 'VALIDATION_FAILED', 'needId');
    // A resident who is not a member cannot claim.
    expectError(await s.resident.post('/api/v1/me/partner-claims', { needId: n.id }), 403, 'FORBIDDEN');
    // Another street's need is not claimable from here.
    const bNeed = await need(s.streetStaffB, w.communityB.id, { title: '南苑需求' });
    const { session } = await memberResident(t, s.communityWorker, w, 'cross_member');
    expectError(await session.post('/api/v1/me/partner-claims', { needId: bNeed.id }), 400, 'VALIDATION_FAILED', 'needId');
    expectError(await s.communityWorker.post('/api/v1/partner-claims', { needId: bNeed.id, unitId: u.id }), 400, 'VALIDATION_FAILED', 'needId');
  });

  it('claims list, detail and export stay inside the scope', async () => {
    const list = (await s.communityWorker.get('/api/v1/partner-claims?status=done')).json();
    expect(list.total).toBeGreaterThanOrEqual(1);
    const id = list.items[0].id;
    const b = s.streetStaffB;
    expect((await b.get('/api/v1/partner-claims')).json().total).toBe(0);
    expectError(await b.get(`/api/v1/partner-claims/${id}`), 404, 'NOT_FOUND');
    expectError(await b.post(`/api/v1/partner-claims/${id}/transition`, { action: 'withdraw' }), 404, 'NOT_FOUND');
    expect((await readXlsx(await b.get('/api/v1/partner-claims/export.xlsx'))).rows).toEqual([]);
    const sheet = await readXlsx(await s.communityWorker.get('/api/v1/partner-claims/export.xlsx?status=done'));
    expect(sheet.rows.length).toBe(list.total);
    expect(sheet.rows[0]).toMatchObject({ '状态': '已完成' });
  });
});

describe('assessment and rankings', () => {
  it('ranks by score per community and street, pages, exports, and a recompute gives the same scores', async () => {
    const year = YEAR;
    const page1 = (await s.communityWorker.get(`/api/v1/partner-rankings?year=${year}&subject=member&pageSize=1`)).json();
    expect(page1.items[0]).toMatchObject({ rank: 1, name: '党员worker_member', claimsDone: 1, meanRating: 5, score: 20, grade: 'pass' });
    const all = (await s.streetStaff.get(`/api/v1/partner-rankings?year=${year}&subject=member&orgId=${w.streetA.id}&pageSize=200`)).json();
    expect(all.total).toBe(page1.total);
    const scores = all.items.map((x: { score: number }) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(all.items.map((x: { rank: number }) => x.rank)).toEqual(all.items.map((_: unknown, i: number) => i + 1));
    const p2 = (await s.communityWorker.get(`/api/v1/partner-rankings?year=${year}&subject=member&pageSize=5&page=2`)).json();
    expect(p2.items[0].rank).toBe(6);
    expect(p2.items[0].subjectId).toBe(all.items[5].subjectId);

    // Another street: none of A's members; A's community is not theirs to rank.
    const b = (await s.streetStaffB.get(`/api/v1/partner-rankings?year=${year}&subject=member`)).json();
    expect(b.total).toBe(0);
    expectError(await s.streetStaffB.get(`/api/v1/partner-rankings?year=${year}&subject=member&orgId=${w.communityA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.get(`/api/v1/partner-rankings?year=1999&subject=member`), 400, 'VALIDATION_FAILED', 'year');
    expectError(await s.communityWorker.get(`/api/v1/partner-rankings?year=${year}&subject=dog`), 400, 'VALIDATION_FAILED', 'subject');
    expect((await readXlsx(await s.streetStaffB.get(`/api/v1/partner-rankings/export.xlsx?year=${year}&subject=unit`))).rows).toEqual([]);

    const before = await t.handle.db.selectFrom('partner_score').select(['subject_kind', 'subject_id', 'score', 'claims_done', 'rating_sum']).where('year', '=', year).orderBy('subject_kind').orderBy('subject_id').execute();
    // Scramble, then rebuild from the claims.
    await t.handle.db.updateTable('partner_score').set({ score: 999, claims_done: 7 }).where('year', '=', year).execute();
    const r = await s.streetStaff.post('/api/v1/partner-rankings/recompute', { year });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ year, hoursSource: expect.stringMatching(/^(volunteering|none)$/) });
    const after = await t.handle.db.selectFrom('partner_score').select(['subject_kind', 'subject_id', 'score', 'claims_done', 'rating_sum']).where('year', '=', year).orderBy('subject_kind').orderBy('subject_id').execute();
    expect(after).toEqual(before);
    expectError(await s.streetStaffB.post('/api/v1/partner-rankings/recompute', { year, orgId: w.streetA.id }), 400, 'VALIDATION_FAILED', 'orgId');

    const sheet = await readXlsx(await s.communityWorker.get(`/api/v1/partner-rankings/export.xlsx?year=${year}&subject=member`));
    expect(sheet.header).toEqual(['名次', '名称', '所属组织', '服务时长（小时）', '完成认领', '评价数', '平均评分', '积分', '等次']);
    expect(sheet.rows[0]).toMatchObject({ '名次': 1, '积分': 20, '等次': '合格' });
    const en = await s.communityWorker.get(`/api/v1/partner-rankings/export.xlsx?year=${year}&subject=unit`, { 'accept-language': 'en' });
    expect((await readXlsx(en)).header[0]).toBe('Rank');
  });
});

describe('hours from volunteering', () => {
  it('addMemberHours adds a linked member’s confirmed hours to the year’s score, in the caller’s transaction', async () => {
    const { addMemberHours } = await import('../../src/modules/partners/service-claims.js');
    const { user, member: m } = await memberResident(t, s.communityWorker, w, 'hours_member');
    const at = new Date();
    expect(await t.handle.db.transaction().execute((trx) => addMemberHours(trx, user.id, at, 3.5))).toBe(true);
    expect(await t.handle.db.transaction().execute((trx) => addMemberHours(trx, w.users.resident.id, at, 2))).toBe(false);
    const row = await t.handle.db.selectFrom('partner_score').select(['hours', 'score']).where('subject_kind', '=', 'member').where('subject_id', '=', m.id).where('year', '=', YEAR).executeTakeFirstOrThrow();
    expect(row).toEqual({ hours: 3.5, score: 7 });
  });
});

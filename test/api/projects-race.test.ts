import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, type Account, type World } from './fixtures.js';
import { API, fundWithLine, socialOrgWithStaff, submittedProject } from './projects-fixtures.js';

/** Fund invariants under concurrency (real PostgreSQL, concurrent requests), and the competition with scored bids. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
});
afterAll(async () => { await t?.close(); });

describe('fund race', () => {
  it('two approvals racing for the last of a line: exactly one wins, the other gets 409; the line never goes over', async () => {
    const { lineId } = await fundWithLine(s.streetStaff, w.streetA, 6_000_000);
    const a = await submittedProject(s.communityWorker, w);
    const b = await submittedProject(s.communityWorker, w);
    const second = await t.login(w.users.streetStaff.username); // another session of the street, as a second reviewer would have
    for (let round = 0; round < 3; round++) {
      const [ra, rb] = await Promise.all([
        s.streetStaff.post(`${API}/projects/${a}/approve`, { amount: 4_000_000, lineId }),
        second.post(`${API}/projects/${b}/approve`, { amount: 4_000_000, lineId }),
      ]);
      const codes = [ra.statusCode, rb.statusCode].sort();
      if (round === 0) {
        expect(codes).toEqual([200, 409]);
        expectError(ra.statusCode === 409 ? ra : rb, 409, 'FUND_EXHAUSTED', 'amount');
      } else {
        expect(codes).toEqual([409, 409]); // the winner is no longer submitted, the loser still finds no room
      }
    }
    const line = await t.handle.db.selectFrom('project_budget_line').selectAll().where('id', '=', lineId).executeTakeFirstOrThrow();
    expect(line.committed).toBe(4_000_000);
    const approved = await t.handle.db.selectFrom('project').select(['id', 'status', 'approved_amount']).where('id', 'in', [a, b]).execute();
    expect(approved.filter((p) => p.status === 'approved').map((p) => p.approved_amount)).toEqual([4_000_000]);
  });

  it('many approvals at once on one line: the sum approved never exceeds the line (CHECK as the last line)', async () => {
    const { lineId } = await fundWithLine(s.streetStaff, w.streetA, 10_000_000);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await submittedProject(s.communityWorker, w));
    const rs = await Promise.all(ids.map((id) => s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 3_000_000, lineId })));
    expect(rs.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(rs.filter((r) => r.statusCode === 409)).toHaveLength(3);
    expect(rs.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const line = await t.handle.db.selectFrom('project_budget_line').selectAll().where('id', '=', lineId).executeTakeFirstOrThrow();
    expect(line.committed).toBe(9_000_000);
  });

  it('two payments of the same tranche at once pay it once', async () => {
    const so = await socialOrgWithStaff(t, w.communityA);
    const { lineId } = await fundWithLine(s.streetStaff, w.streetA, 5_000_000);
    const id = await submittedProject(s.communityWorker, w);
    await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 5_000_000, lineId });
    await s.streetStaff.post(`${API}/projects/${id}/award`, { awardeeKind: 'socialOrg', awardeeId: so.id });
    const tr = await so.session.post(`${API}/projects/${id}/tranches`, { amount: 5_000_000, purpose: '全额' });
    const tid = tr.json().tranches[0].id;
    await s.streetStaff.post(`${API}/tranches/${tid}/approve`, {});
    const rs = await Promise.all([1, 2].map((n) => s.streetStaff.post(`${API}/tranches/${tid}/pay`, { paymentRef: `PZ-${n}` })));
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const p = await t.handle.db.selectFrom('project').select(['paid_amount']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(p.paid_amount).toBe(5_000_000);
    const line = await t.handle.db.selectFrom('project_budget_line').selectAll().where('id', '=', lineId).executeTakeFirstOrThrow();
    expect(line.paid).toBe(5_000_000);
  });
});

describe('competition', () => {
  it('publish, bid, close, score by reviewers, award the best by exact mean; the loser sees only its own bid; the contract price frees the rest', async () => {
    const o1 = await socialOrgWithStaff(t, w.communityA, '富康社工服务中心');
    const o2 = await socialOrgWithStaff(t, w.communityA, '东北街助老协会');
    const oB = await socialOrgWithStaff(t, w.communityB, '南苑文体协会');
    const { lineId } = await fundWithLine(s.streetStaff, w.streetA, 5_000_000);
    const id = await submittedProject(s.communityWorker, w);
    await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 5_000_000, lineId });
    expectError(await s.streetStaff.post(`${API}/projects/${id}/competition`, { deadline: '2020-01-01T00:00:00Z', criteria: [{ name: '方案', max: 60 }] }), 400, 'VALIDATION_FAILED', 'deadline');
    expectError(await s.streetStaff.post(`${API}/projects/${id}/competition`, { deadline: new Date(Date.now() + 86400_000).toISOString(), criteria: [{ name: '方案', max: 60 }, { name: '方案', max: 40 }] }), 400, 'VALIDATION_FAILED', 'criteria');
    const open = await s.streetStaff.post(`${API}/projects/${id}/competition`, { deadline: new Date(Date.now() + 86400_000).toISOString(), criteria: [{ name: '方案', max: 60 }, { name: '团队', max: 40 }] });
    expect(open.json()).toMatchObject({ status: 'bidding', awardMode: 'competition' });
    // Organizations of the street see the open competition; another street's do not.
    expect((await o1.session.get(`${API}/projects/${id}`)).json().actions).toEqual(['bid']);
    expectError(await oB.session.get(`${API}/projects/${id}`), 404, 'NOT_FOUND');
    expectError(await o1.session.post(`${API}/projects/${id}/bids`, { socialOrgId: o2.id, price: 100, plan: '冒名' }), 400, 'VALIDATION_FAILED', 'socialOrgId');
    expectError(await o1.session.post(`${API}/projects/${id}/bids`, { socialOrgId: o1.id, price: 5_000_001, plan: '方案' }), 400, 'VALIDATION_FAILED', 'price');
    await o1.session.post(`${API}/projects/${id}/bids`, { socialOrgId: o1.id, price: 4_800_000, plan: '初稿' });
    const b1 = await o1.session.post(`${API}/projects/${id}/bids`, { socialOrgId: o1.id, price: 4_600_000, plan: '助餐 + 探访，每周 5 天' });
    expect(b1.json().bids).toMatchObject([{ socialOrgName: '富康社工服务中心', price: 4_600_000 }]);
    const b2 = await o2.session.post(`${API}/projects/${id}/bids`, { socialOrgId: o2.id, price: 4_000_000, plan: '助餐，每周 3 天' });
    expect(b2.json().bids).toHaveLength(1); // only its own
    expectError(await s.streetStaff.post(`${API}/bids/${b1.json().bids[0].id}/scores`, { scores: [50, 30] }), 409, 'PROJECT_STATUS');
    expect((await s.streetStaff.post(`${API}/projects/${id}/close-bidding`, {})).json().status).toBe('evaluating');
    expectError(await o2.session.post(`${API}/projects/${id}/bids`, { socialOrgId: o2.id, price: 1, plan: '晚了' }), 409, 'PROJECT_STATUS');
    const staff = (await s.streetStaff.get(`${API}/projects/${id}`)).json();
    const [bid1, bid2] = staff.bids.map((b: { id: number }) => b.id);
    expectError(await s.streetStaff.post(`${API}/projects/${id}/award-best`, {}), 409, 'BIDS_UNSCORED');
    expectError(await s.streetStaff.post(`${API}/bids/${bid1}/scores`, { scores: [61, 30] }), 400, 'VALIDATION_FAILED', 'scores.0');
    expectError(await s.streetStaff.post(`${API}/bids/${bid1}/scores`, { scores: [50] }), 400, 'VALIDATION_FAILED', 'scores');
    expectError(await s.communityWorker.post(`${API}/bids/${bid1}/scores`, { scores: [50, 30] }), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.post(`${API}/bids/${bid1}/scores`, { scores: [50, 30] }), 404, 'NOT_FOUND');
    // Two reviewers: bid1 85 + 84.5 → 84.75; bid2 80 + 89.5 → 84.75 — a tie, so the lower price (bid2) wins.
    const r2 = await t.user('streetStaff', w.streetA.code, 'reviewer_two');
    const rev2 = await t.login(r2.username);
    await s.streetStaff.post(`${API}/bids/${bid1}/scores`, { scores: [50, 30] });
    await s.streetStaff.post(`${API}/bids/${bid1}/scores`, { scores: [55, 30] }); // rescoring replaces
    await rev2.post(`${API}/bids/${bid1}/scores`, { scores: [54.5, 30] });
    await s.streetStaff.post(`${API}/bids/${bid2}/scores`, { scores: [50, 30] });
    const last = await rev2.post(`${API}/bids/${bid2}/scores`, { scores: [59.5, 30] });
    expect(last.json().bids.map((b: { scoreCount: number; meanScore: number }) => [b.scoreCount, b.meanScore])).toEqual([[2, 84.75], [2, 84.75]]);
    expect(last.json().bids.find((b: { id: number }) => b.id === bid2).rank).toBe(1);
    const aw = await s.streetStaff.post(`${API}/projects/${id}/award-best`, {});
    expect(aw.json()).toMatchObject({ status: 'implementing', awardeeName: '东北街助老协会', approvedAmount: 4_000_000 });
    const line = await t.handle.db.selectFrom('project_budget_line').selectAll().where('id', '=', lineId).executeTakeFirstOrThrow();
    expect(line.committed).toBe(4_000_000);
    // The loser still sees the project (it bid), but cannot implement it.
    expect((await o1.session.get(`${API}/projects/${id}`)).json()).toMatchObject({ actions: [], bids: [{ status: 'lost' }] });
    expectError(await o1.session.post(`${API}/projects/${id}/milestones`, { title: 'x', dueOn: '2027-01-01' }), 403, 'FORBIDDEN');
    expect((await o2.session.post(`${API}/projects/${id}/milestones`, { title: '开餐', dueOn: '2027-01-01' })).statusCode).toBe(200);
  });
});

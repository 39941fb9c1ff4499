import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, type Account, type World } from './fixtures.js';
import { API, approved, budget, must, voter } from './microprojects-fixtures.js';

/**
 * A micro-project round end to end through the voting module's own routes: households
 * approve proposals on /votes/:id/ballots, the vote is closed in the voting console, and
 * the round's winners are chosen within the budget in that same closing transaction.
 */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
});
afterAll(async () => { await t?.close(); });

describe('round → vote → close → winners', () => {
  it('households approve any number; one ballot per household; closing the vote in the voting console chooses the winners', async () => {
    const a = await voter(t, w.communityA);
    const a2 = await voter(t, w.communityA, a.household); // same household: it has one ballot
    const b = await voter(t, w.communityA);
    const c = await voter(t, w.communityA);
    const outsider = await voter(t, w.communityB);
    const bud = await budget(s.communityWorker, w.communityA.id, 100_000_00);
    const park = await approved(a.session, s.communityWorker, bud.id, 70_000_00, '口袋公园');
    const lamp = await approved(b.session, s.communityWorker, bud.id, 20_000_00, '楼道照明');
    const bench = await approved(c.session, s.communityWorker, bud.id, 20_000_00, '休闲座椅');
    const r = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: bud.id }), 201);
    const ballot = (who: Session, ids: number[]) => who.post(`${API}/votes/${r.voteId}/ballots`, { choices: ids.map(String) });

    expect((await ballot(a.session, [park, lamp])).statusCode).toBe(201);
    expect((await ballot(a2.session, [bench])).statusCode).toBe(409); // the household has voted
    expect((await ballot(b.session, [park, bench])).statusCode).toBe(201);
    expect((await ballot(c.session, [lamp, bench])).statusCode).toBe(201);
    const out = await ballot(outsider.session, [park]);
    expect([403, 404]).toContain(out.statusCode);

    // Before closing the round shows no counts.
    expect((await must(a.session.get(`${API}/micro-rounds/${r.id}`))).results.every((x: { votes: null }) => x.votes === null)).toBe(true);
    await must(s.communityWorker.post(`${API}/votes/${r.voteId}/close`, {}));
    const closed = await must(a.session.get(`${API}/micro-rounds/${r.id}`));
    // A three-way tie at 2 approvals: the lower cost first (lamp and bench, 20,000 each, then the earlier one), park last;
    // lamp and bench take 40,000, and park (70,000) no longer fits in the 60,000 left.
    expect(closed.results.map((x: { proposalId: number; votes: number; reason: string }) => [x.proposalId, x.votes, x.reason]))
      .toEqual([[lamp, 2, 'chosen'], [bench, 2, 'chosen'], [park, 2, 'doesNotFit']]);
    expect(closed).toMatchObject({ status: 'closed', eligible: 3, cast: 3, allocatedFen: 40_000_00, leftoverFen: 60_000_00 });
    expect((await must(a.session.get(`${API}/micro-proposals/${park}`))).status).toBe('lost');
    const projects = await must(b.session.get(`${API}/micro-projects?budgetId=${bud.id}`));
    expect(projects.items.map((x: { proposalId: number }) => x.proposalId).sort((x: number, y: number) => x - y)).toEqual([lamp, bench].sort((x, y) => x - y));
    expect((await must(s.communityWorker.get(`${API}/micro-budgets/${bud.id}`))).allocatedFen).toBe(40_000_00);
    // Closing again, from either side, is refused.
    expectError(await s.communityWorker.post(`${API}/micro-rounds/${r.id}/close`, {}), 409, 'ROUND_STATUS');
    expectError(await s.communityWorker.post(`${API}/votes/${r.voteId}/close`, {}), 409, 'VOTE_ALREADY_CLOSED');
  });

  it('a single proposal is put as approve / reject; its approvals decide', async () => {
    const v = await voter(t, w.communityA);
    const bud = await budget(s.communityWorker, w.communityA.id, 10_00);
    const p = await approved(v.session, s.communityWorker, bud.id, 10_00, '唯一项目');
    const r = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: bud.id }), 201);
    expect((await v.session.post(`${API}/votes/${r.voteId}/ballots`, { choices: ['approve'] })).statusCode).toBe(201);
    const closed = await must(s.communityWorker.post(`${API}/micro-rounds/${r.id}/close`, {}));
    expect(closed.results).toEqual([expect.objectContaining({ proposalId: p, votes: 1, chosen: true })]);
    expect(closed).toMatchObject({ allocatedFen: 10_00, leftoverFen: 0 });
  });

  it('closing from the round and from the voting console at once: one closes, the other gets a conflict, no deadlock', async () => {
    await voter(t, w.communityA);
    for (let i = 0; i < 3; i++) {
      const bud = await budget(s.communityWorker, w.communityA.id, 10_00);
      await approved(s.resident, s.communityWorker, bud.id, 5_00, `并发${i}`);
      await approved(s.resident, s.communityWorker, bud.id, 4_00, `并发乙${i}`);
      const r = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: bud.id }), 201);
      const both = await Promise.all([
        s.communityWorker.post(`${API}/micro-rounds/${r.id}/close`, {}),
        s.communityWorker.post(`${API}/votes/${r.voteId}/close`, {}),
      ]);
      expect(both.map((x) => x.statusCode).sort(), both.map((x) => x.body).join('\n')).toEqual([200, 409]);
      expect((await must(s.communityWorker.get(`${API}/micro-rounds/${r.id}`))).status).toBe('closed');
    }
  });
});

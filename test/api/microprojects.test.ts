import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../src/core/context.js';
import { roundClosed } from '../../src/modules/microprojects/service-rounds.js';
import { createTestApp, lastAuditId, auditSince, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { API, approved, budget, must, voter } from './microprojects-fixtures.js';

/** 民生微实事: budgets, proposals and review, rounds through the voting module, implementation, supervision, scope. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let residentB: Session;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 2)]);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  const u = await t.user('resident', w.communityB.code, 'mp_resident_b');
  residentB = await t.login(u.username);
  // The community has voters living in households, so a round's electorate is not empty.
  await voter(t, w.communityA);
});
afterAll(async () => { await t?.close(); });

/** Closes a round's vote as if these approvals had been cast, through the module's own handler (the selection under test). */
async function closeWith(roundId: number, counts: Record<string, number>) {
  const r = await t.handle.db.selectFrom('micro_round').select('vote_id').where('id', '=', roundId).executeTakeFirstOrThrow();
  await t.deps.db.transaction().execute((trx) => roundClosed(trx, systemCtx(t.deps, 'test'), {
    voteId: r.vote_id!, subject: { type: 'microRound', id: roundId }, status: 'closed', eligible: 10, cast: 5, quorumMet: true, counts, passed: null,
  }));
}

describe('budgets', () => {
  it('the community or its street sets a yearly budget in fen; bad input names the field; one per community and year', async () => {
    expectError(await s.communityWorker.post(`${API}/micro-budgets`, { orgId: w.communityA.id, year: 2030, amountFen: 0 }), 400, 'VALIDATION_FAILED', 'amountFen');
    expectError(await s.communityWorker.post(`${API}/micro-budgets`, { orgId: w.communityA.id, year: 2030, amountFen: 1.5 }), 400, 'VALIDATION_FAILED', 'amountFen');
    expectError(await s.streetStaff.post(`${API}/micro-budgets`, { orgId: w.streetA.id, year: 2030, amountFen: 100 }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post(`${API}/micro-budgets`, { orgId: w.communityB.id, year: 2030, amountFen: 100 }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.resident.post(`${API}/micro-budgets`, { orgId: w.communityA.id, year: 2030, amountFen: 100 }), 403, 'FORBIDDEN');
    const before = await lastAuditId(t);
    const b = await must(s.streetStaff.post(`${API}/micro-budgets`, { orgId: w.communityA.id, year: 2030, amountFen: 200_000_00, note: '街道下达' }), 201);
    expect(b).toMatchObject({ orgId: w.communityA.id, year: 2030, amountFen: 200_000_00, allocatedFen: 0, leftoverFen: 200_000_00, openRoundId: null });
    expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['microBudget.create']);
    expectError(await s.communityWorker.post(`${API}/micro-budgets`, { orgId: w.communityA.id, year: 2030, amountFen: 1 }), 409, 'BUDGET_EXISTS');
    const p = await must(s.communityWorker.patch(`${API}/micro-budgets/${b.id}`, { amountFen: 250_000_00 }));
    expect(p.amountFen).toBe(250_000_00);
  });

  it('lists are scoped: street B sees none, a resident sees their community, a grid worker is refused', async () => {
    const mine = await must(s.communityWorker.get(`${API}/micro-budgets?year=2030`));
    expect(mine.total).toBe(1);
    expect((await must(s.streetStaffB.get(`${API}/micro-budgets`))).total).toBe(0);
    expectError(await s.streetStaffB.get(`${API}/micro-budgets/${mine.items[0].id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.patch(`${API}/micro-budgets/${mine.items[0].id}`, { note: 'x' }), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`${API}/micro-budgets?orgId=${w.communityA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    const res = await must(s.resident.get(`${API}/micro-budgets`));
    expect(res.items.map((x: { id: number }) => x.id)).toContain(mine.items[0].id);
    expect(res.items[0].actions).toEqual(['propose']);
    expect((await must(residentB.get(`${API}/micro-budgets`))).total).toBe(0);
    expectError(await s.gridWorker.get(`${API}/micro-budgets`), 403, 'FORBIDDEN');
    const x = await readXlsx(await s.streetStaff.get(`${API}/micro-budgets/export.xlsx?year=2030`));
    expect(x.rows).toEqual([expect.objectContaining({ '年度': 2030, '社区': '富康社区', '预算（元）': '250000.00', '结余（元）': '250000.00' })]);
    expect((await readXlsx(await s.streetStaffB.get(`${API}/micro-budgets/export.xlsx`))).rows).toEqual([]);
  });
});

describe('proposals and review', () => {
  let budgetId: number;
  beforeAll(async () => { budgetId = (await budget(s.communityWorker, w.communityA.id, 100_000_00)).id; });

  it('a resident proposes with a cost above zero and within the budget; photos must be their own uploads', async () => {
    expectError(await s.resident.post(`${API}/micro-proposals`, { budgetId, title: '健身器材', description: '增设', costFen: 0 }), 400, 'VALIDATION_FAILED', 'costFen');
    expectError(await s.resident.post(`${API}/micro-proposals`, { budgetId, title: '健身器材', description: '增设', costFen: 100_000_01 }), 400, 'VALIDATION_FAILED', 'costFen');
    expectError(await s.resident.post(`${API}/micro-proposals`, { budgetId, title: ' ', description: '增设', costFen: 1 }), 400, 'VALIDATION_FAILED', 'title');
    expectError(await residentB.post(`${API}/micro-proposals`, { budgetId, title: '健身器材', description: '增设', costFen: 1 }), 400, 'VALIDATION_FAILED', 'budgetId');
    const up = await s.gridWorker.post(`${API}/attachments`, PNG, { 'content-type': 'image/png' });
    expect(up.statusCode, up.body).toBe(201);
    expectError(await s.resident.post(`${API}/micro-proposals`, { budgetId, title: '健身器材', description: '增设', costFen: 1, photoIds: [up.json().id] }), 400, 'VALIDATION_FAILED', 'photoIds');
    const mine = await s.resident.post(`${API}/attachments`, PNG, { 'content-type': 'image/png' });
    const p = await must(s.resident.post(`${API}/micro-proposals`, { budgetId, title: '健身器材', description: '小区增设健身器材', costFen: 100_000_00, location: '3号楼前', photoIds: [mine.json().id] }), 201);
    expect(p).toMatchObject({ status: 'submitted', mine: true, costFen: 100_000_00, photoIds: [mine.json().id], actions: ['edit'] });
    // The photo is served to those who see the proposal, not to another community.
    const img = await s.communityWorker.get(`${API}/micro-photos/${mine.json().id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expectError(await residentB.get(`${API}/micro-photos/${mine.json().id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`${API}/micro-photos/${mine.json().id}`), 404, 'NOT_FOUND');
  });

  it('a worker records one for a resident (the proposer named); a resident sees only their own until approved', async () => {
    expectError(await s.communityWorker.post(`${API}/micro-proposals`, { budgetId, title: '路灯', description: '修路灯', costFen: 100 }), 400, 'VALIDATION_FAILED', 'proposerName');
    const p = await must(s.communityWorker.post(`${API}/micro-proposals`, { budgetId, title: '路灯', description: '修路灯', costFen: 100, proposerName: '王大爷' }), 201);
    expect(p).toMatchObject({ proposerName: '王大爷', mine: false, actions: ['edit', 'review'] });
    expectError(await s.resident.get(`${API}/micro-proposals/${p.id}`), 404, 'NOT_FOUND');
    await must(s.communityWorker.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'approve' }));
    const seen = await must(s.resident.get(`${API}/micro-proposals/${p.id}`));
    expect(seen.proposerName).toBe('王*');
    expect((await must(s.streetStaffB.get(`${API}/micro-proposals`))).total).toBe(0);
    expectError(await residentB.get(`${API}/micro-proposals/${p.id}`), 404, 'NOT_FOUND');
  });

  it('review: a rejection or a request for changes needs a reason the proposer sees; an edit goes back to review', async () => {
    const p = await must(s.resident.post(`${API}/micro-proposals`, { budgetId, title: '垃圾分类亭', description: '新建', costFen: 5_000_00 }), 201);
    expectError(await s.communityWorker.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'changes' }), 400, 'VALIDATION_FAILED', 'note');
    expectError(await s.resident.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'approve' }), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'approve' }), 404, 'NOT_FOUND');
    const ch = await must(s.communityWorker.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'changes', note: '请补充报价单' }));
    expect(ch).toMatchObject({ status: 'changesRequested', reviewNote: '请补充报价单' });
    expectError(await s.communityWorker.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'approve' }), 409, 'PROPOSAL_STATUS');
    expect((await must(s.resident.get(`${API}/micro-proposals/${p.id}`))).reviewNote).toBe('请补充报价单');
    const ed = await must(s.resident.patch(`${API}/micro-proposals/${p.id}`, { costFen: 4_500_00, description: '新建，附报价 4500 元' }));
    expect(ed).toMatchObject({ status: 'submitted', costFen: 4_500_00 });
    const rej = await must(s.communityWorker.post(`${API}/micro-proposals/${p.id}/review`, { decision: 'reject', note: '已列入街道计划' }));
    expect(rej.status).toBe('rejected');
    expectError(await s.resident.patch(`${API}/micro-proposals/${p.id}`, { title: '再改' }), 409, 'PROPOSAL_STATUS');
    const mine = await must(s.resident.get(`${API}/micro-proposals?mine=true&status=rejected`));
    expect(mine.items.map((x: { id: number; reviewNote: string }) => [x.id, x.reviewNote])).toEqual([[p.id, '已列入街道计划']]);
  });

  it('exports proposals with results in scope (street B gets an empty sheet)', async () => {
    const x = await s.communityWorker.get(`${API}/micro-proposals/export.xlsx?budgetId=${budgetId}`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const sheet = await readXlsx(x);
    expect(sheet.header).toContain('项目名称');
    expect(sheet.rows.map((r) => r['项目名称'])).toEqual(expect.arrayContaining(['健身器材', '路灯', '垃圾分类亭']));
    expect((await readXlsx(await s.streetStaffB.get(`${API}/micro-proposals/export.xlsx`))).rows).toEqual([]);
    expectError(await s.resident.get(`${API}/micro-proposals/export.xlsx`), 403, 'FORBIDDEN');
  });
});

describe('rounds and selection within the budget', () => {
  it('opens a round of the approved proposals that fit as an approval vote; one round at a time; the budget cannot drop below it', async () => {
    const b = await budget(s.communityWorker, w.communityA.id, 100_00);
    expectError(await s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id }), 409, 'NO_PROPOSALS');
    const p1 = await approved(s.resident, s.communityWorker, b.id, 60_00, '甲');
    const p2 = await approved(s.resident, s.communityWorker, b.id, 40_00, '乙');
    expectError(await s.resident.post(`${API}/micro-rounds`, { budgetId: b.id }), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.post(`${API}/micro-rounds`, { budgetId: b.id }), 400, 'VALIDATION_FAILED', 'budgetId');
    expectError(await s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id, closesAt: '2020-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED', 'closesAt');
    expectError(await s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id, closesAt: '2030-12-31T23:59:60Z' }), 400, 'VALIDATION_FAILED', 'closesAt');
    const r = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id }), 201);
    expect(r).toMatchObject({ status: 'voting', electorate: 'households', availableFen: 100_00, actions: ['close'] });
    expect(r.voteId).toBeGreaterThan(0);
    expect(r.results.map((x: { proposalId: number; votes: null }) => [x.proposalId, x.votes])).toEqual([[p1, null], [p2, null]]);
    const vote = await t.handle.db.selectFrom('vote').selectAll().where('id', '=', r.voteId).executeTakeFirstOrThrow();
    expect(vote).toMatchObject({ subject_type: 'microRound', subject_id: r.id, status: 'open', org_id: w.communityA.id });
    expect((await must(s.resident.get(`${API}/micro-proposals/${p1}`))).status).toBe('inRound');
    expectError(await s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id }), 409, 'ROUND_OPEN');
    expectError(await s.communityWorker.patch(`${API}/micro-budgets/${b.id}`, { amountFen: 99_99 }), 400, 'VALIDATION_FAILED', 'amountFen');
    expect((await must(s.resident.get(`${API}/micro-rounds/${r.id}`))).actions).toEqual([]);
    expectError(await residentB.get(`${API}/micro-rounds/${r.id}`), 404, 'NOT_FOUND');
    expect((await must(s.streetStaffB.get(`${API}/micro-rounds`))).total).toBe(0);
  });

  it('a community with nobody who can vote online: the round is refused and nothing is written', async () => {
    const b = await budget(s.streetStaffB, w.communityB.id, 100_00);
    const p = await approved(residentB, s.streetStaffB, b.id, 10_00, '南苑项目');
    expectError(await s.streetStaffB.post(`${API}/micro-rounds`, { budgetId: b.id }), 409, 'EMPTY_ELECTORATE');
    expect(await t.handle.db.selectFrom('micro_round').select('id').where('budget_id', '=', b.id).execute()).toEqual([]);
    expect((await must(residentB.get(`${API}/micro-proposals/${p}`))).status).toBe('approved');
    expect((await must(s.streetStaffB.get(`${API}/micro-budgets/${b.id}`))).openRoundId).toBeNull();
  });

  it('on close, winners are taken by approvals within the budget; a top project that does not fit is skipped; the leftover stays for a next round', async () => {
    const b = await budget(s.communityWorker, w.communityA.id, 100_00);
    const big = await approved(s.resident, s.communityWorker, b.id, 90_00, '大项目');
    const mid = await approved(s.resident, s.communityWorker, b.id, 50_00, '中项目');
    const small = await approved(s.resident, s.communityWorker, b.id, 30_00, '小项目');
    const none = await approved(s.resident, s.communityWorker, b.id, 10_00, '无人选');
    const r = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id, electorate: 'adults' }), 201);
    // 中 wins first (50), 大 no longer fits (90 > 50 left), 小 fits (30), 无人选 has no approvals.
    await closeWith(r.id, { [big]: 3, [mid]: 5, [small]: 2, [none]: 0 });
    const closed = await must(s.communityWorker.get(`${API}/micro-rounds/${r.id}`));
    expect(closed).toMatchObject({ status: 'closed', allocatedFen: 80_00, leftoverFen: 20_00, cast: 5, eligible: 10 });
    expect(closed.results.map((x: { proposalId: number; votes: number; chosen: boolean; reason: string }) => [x.proposalId, x.votes, x.reason]))
      .toEqual([[mid, 5, 'chosen'], [big, 3, 'doesNotFit'], [small, 2, 'chosen'], [none, 0, 'noVotes']]);
    expect((await must(s.resident.get(`${API}/micro-proposals/${big}`))).status).toBe('lost');
    const bud = await must(s.communityWorker.get(`${API}/micro-budgets/${b.id}`));
    expect(bud).toMatchObject({ allocatedFen: 80_00, leftoverFen: 20_00, openRoundId: null });
    const projects = await must(s.resident.get(`${API}/micro-projects?budgetId=${b.id}`));
    expect(projects.items.map((x: { proposalId: number }) => x.proposalId).sort()).toEqual([mid, small].sort());
    const xs = await readXlsx(await s.communityWorker.get(`${API}/micro-rounds/${r.id}/results.xlsx`));
    expect(xs.rows.slice(0, 4).map((x) => x['结果'])).toEqual(['入选', '余额不足未入选', '入选', '无人赞成未入选']);
    expect(xs.rows.find((x) => String(x['项目名称']).startsWith('结余'))!['预算（元）']).toBe('20.00');
    expectError(await s.communityWorker.post(`${API}/micro-rounds/${r.id}/close`, {}), 409, 'ROUND_STATUS');
    // The leftover is what a next round may spend: a proposal above it is not put to the vote.
    await approved(s.resident, s.communityWorker, b.id, 25_00, '超出结余');
    expectError(await s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id }), 409, 'NO_PROPOSALS');
    await approved(s.resident, s.communityWorker, b.id, 20_00, '恰好结余');
    const r2 = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id }), 201);
    expect(r2.availableFen).toBe(20_00);
    expect(r2.results.map((x: { title: string }) => x.title)).toEqual(['恰好结余']);
  });

  it('closing through the module closes the vote in the voting module: no ballots, nothing chosen', async () => {
    const b = await budget(s.communityWorker, w.communityA.id, 10_00);
    const p = await approved(s.resident, s.communityWorker, b.id, 5_00);
    const r = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id }), 201);
    expectError(await s.streetStaffB.post(`${API}/micro-rounds/${r.id}/close`, {}), 404, 'NOT_FOUND');
    expectError(await s.resident.post(`${API}/micro-rounds/${r.id}/close`, {}), 403, 'FORBIDDEN');
    const c = await must(s.communityWorker.post(`${API}/micro-rounds/${r.id}/close`, {}));
    expect(c).toMatchObject({ status: 'closed', allocatedFen: 0, leftoverFen: 10_00, cast: 0 });
    expect(c.results).toEqual([expect.objectContaining({ proposalId: p, votes: 0, chosen: false, reason: 'noVotes' })]);
    const vote = await t.handle.db.selectFrom('vote').select('status').where('id', '=', r.voteId).executeTakeFirstOrThrow();
    expect(vote.status).toBe('closed');
  });
});

describe('implementation in public: milestones, spending, photos, supervision, ratings', () => {
  let projectId: number;
  beforeAll(async () => {
    const b = await budget(s.communityWorker, w.communityA.id, 1_000_00);
    const p = await approved(s.resident, s.communityWorker, b.id, 800_00, '口袋公园');
    const r = await must(s.communityWorker.post(`${API}/micro-rounds`, { budgetId: b.id }), 201);
    await closeWith(r.id, { approve: 7, reject: 1, abstain: 0 }); // a single proposal is put as approve / reject
    projectId = (await must(s.communityWorker.get(`${API}/micro-projects?budgetId=${b.id}`))).items[0].id;
  });

  it('milestones and photos are recorded by the community and shown to its residents only', async () => {
    expectError(await s.communityWorker.post(`${API}/micro-projects/${projectId}/milestones`, { title: '开工', plannedOn: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'plannedOn');
    expectError(await s.communityWorker.post(`${API}/micro-projects/${projectId}/milestones`, { title: '开工', plannedOn: '0000-01-01' }), 400, 'VALIDATION_FAILED', 'plannedOn');
    expectError(await s.resident.post(`${API}/micro-projects/${projectId}/milestones`, { title: '开工', plannedOn: '2026-12-10' }), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.post(`${API}/micro-projects/${projectId}/milestones`, { title: '开工', plannedOn: '2026-12-10' }), 404, 'NOT_FOUND');
    const m = await must(s.communityWorker.post(`${API}/micro-projects/${projectId}/milestones`, { title: '开工', plannedOn: '2026-12-10', note: '施工队进场' }));
    const mid = m.milestones[0].id;
    const done = await must(s.communityWorker.patch(`${API}/micro-milestones/${mid}`, { doneOn: '2026-12-11' }));
    expect(done).toMatchObject({ milestonesDone: 1, milestonesTotal: 1 });
    const up = await s.communityWorker.post(`${API}/attachments`, PNG, { 'content-type': 'image/png' });
    const ph = await must(s.communityWorker.post(`${API}/micro-projects/${projectId}/photos`, { attachmentId: up.json().id, caption: '施工现场' }));
    expect(ph.photos).toEqual([expect.objectContaining({ attachmentId: up.json().id, url: `/api/v1/micro-photos/${up.json().id}`, caption: '施工现场' })]);
    expectError(await s.communityWorker.post(`${API}/micro-projects/${projectId}/photos`, { attachmentId: up.json().id }), 409, 'PHOTO_EXISTS');
    expect((await s.resident.get(`${API}/micro-photos/${up.json().id}`)).statusCode).toBe(200);
    expectError(await residentB.get(`${API}/micro-photos/${up.json().id}`), 404, 'NOT_FOUND');
    const pub = await must(s.resident.get(`${API}/micro-projects/${projectId}`));
    expect(pub).toMatchObject({ title: '口袋公园', votes: 7, costFen: 800_00, actions: ['comment'] });
    expect(pub.milestones[0]).toMatchObject({ title: '开工', doneOn: '2026-12-11' });
    expectError(await residentB.get(`${API}/micro-projects/${projectId}`), 404, 'NOT_FOUND');
    expect((await must(s.streetStaffB.get(`${API}/micro-projects`))).total).toBe(0);
  });

  it('spending never passes the project cost; five racing for the last amount: one wins', async () => {
    expectError(await s.communityWorker.post(`${API}/micro-projects/${projectId}/spending`, { amountFen: 800_01, spentOn: '2026-12-11', payee: '某公司' }), 409, 'OVER_COST');
    expectError(await s.communityWorker.post(`${API}/micro-projects/${projectId}/spending`, { amountFen: -1, spentOn: '2026-12-11', payee: '某公司' }), 400, 'VALIDATION_FAILED', 'amountFen');
    await must(s.communityWorker.post(`${API}/micro-projects/${projectId}/spending`, { amountFen: 500_00, spentOn: '2026-12-11', payee: '园林公司', note: '首付' }));
    const race = await Promise.all([0, 1, 2, 3, 4].map(() => s.communityWorker.post(`${API}/micro-projects/${projectId}/spending`, { amountFen: 300_00, spentOn: '2026-12-12', payee: '园林公司' })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const p = await must(s.resident.get(`${API}/micro-projects/${projectId}`));
    expect(p.spentFen).toBe(800_00);
    expect(p.spending.map((x: { amountFen: number }) => x.amountFen)).toEqual([500_00, 300_00]);
    const sum = await t.handle.db.selectFrom('micro_spending').select((eb) => eb.fn.sum<number>('amount_fen').as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(Number(sum.n)).toBe(800_00);
    const x = await readXlsx(await s.communityWorker.get(`${API}/micro-spending/export.xlsx?projectId=${projectId}`));
    expect(x.rows.map((r) => r['金额（元）'])).toEqual(['500.00', '300.00']);
    expect((await readXlsx(await s.streetStaffB.get(`${API}/micro-spending/export.xlsx`))).rows).toEqual([]);
    expectError(await s.communityWorker.get(`${API}/micro-spending/export.xlsx?from=2026-13-01`), 400, 'VALIDATION_FAILED', 'from');
    const px = await readXlsx(await s.communityWorker.get(`${API}/micro-projects/export.xlsx?q=${encodeURIComponent('口袋')}`));
    expect(px.rows).toEqual([expect.objectContaining({ '项目': '口袋公园', '得票': 7, '项目预算（元）': '800.00', '已支出（元）': '800.00', '状态': '实施中' })]);
    expect((await readXlsx(await s.streetStaffB.get(`${API}/micro-projects/export.xlsx`))).rows).toEqual([]);
  });

  it('residents file supervision comments the community answers; ratings come once per resident after completion', async () => {
    expectError(await s.resident.post(`${API}/micro-projects/${projectId}/comments`, { body: '' }), 400, 'VALIDATION_FAILED', 'body');
    expectError(await residentB.post(`${API}/micro-projects/${projectId}/comments`, { body: '看看' }), 404, 'NOT_FOUND');
    expectError(await s.communityWorker.post(`${API}/micro-projects/${projectId}/comments`, { body: '工作人员' }), 403, 'FORBIDDEN');
    const c = await must(s.resident.post(`${API}/micro-projects/${projectId}/comments`, { body: '施工噪音太大，晚上请停工' }));
    const cid = c.comments[0].id;
    const open = await must(s.communityWorker.get(`${API}/micro-comments?unanswered=true`));
    expect(open.items.map((x: { id: number }) => x.id)).toContain(cid);
    expect((await must(s.streetStaffB.get(`${API}/micro-comments`))).total).toBe(0);
    expectError(await s.streetStaffB.post(`${API}/micro-comments/${cid}/reply`, { reply: 'x' }), 404, 'NOT_FOUND');
    const rep = await must(s.communityWorker.post(`${API}/micro-comments/${cid}/reply`, { reply: '已要求 20 点后停工' }));
    expect(rep).toMatchObject({ reply: '已要求 20 点后停工' });
    expectError(await s.resident.post(`${API}/micro-projects/${projectId}/rating`, { score: 5 }), 409, 'PROJECT_NOT_COMPLETED');
    await must(s.communityWorker.post(`${API}/micro-projects/${projectId}/complete`, { note: '验收合格' }));
    expectError(await s.communityWorker.post(`${API}/micro-projects/${projectId}/spending`, { amountFen: 1, spentOn: '2026-12-12', payee: 'x' }), 409, 'PROJECT_STATUS');
    expectError(await s.resident.post(`${API}/micro-projects/${projectId}/rating`, { score: 6 }), 400, 'VALIDATION_FAILED', 'score');
    const rated = await Promise.all([0, 1].map(() => s.resident.post(`${API}/micro-projects/${projectId}/rating`, { score: 4, comment: '不错' })));
    expect(rated.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const other = await voter(t, w.communityA);
    const p = await must(other.session.post(`${API}/micro-projects/${projectId}/rating`, { score: 5 }));
    expect(p).toMatchObject({ ratingCount: 2, ratingAverage: 4.5, myRating: expect.objectContaining({ score: 5, mine: true }), actions: ['comment'] });
    expect(p.comments[0]).toMatchObject({ body: '施工噪音太大，晚上请停工', reply: '已要求 20 点后停工', mine: false });
  });
});

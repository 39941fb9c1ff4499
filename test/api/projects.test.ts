import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, lastAuditId, auditSince, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { API, fundWithLine, implementingProject, projectBody, socialOrgWithStaff, socialWorkerWithAccount, submittedProject } from './projects-fixtures.js';

/** Projects: funds and lines, application and review, direct award, implementation with tranches, supervision, acceptance, closure, scope. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
let so: Awaited<ReturnType<typeof socialOrgWithStaff>>;
let soB: Awaited<ReturnType<typeof socialOrgWithStaff>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  so = await socialOrgWithStaff(t, w.communityA);
  soB = await socialOrgWithStaff(t, w.communityB, '南苑志愿服务队');
});
afterAll(async () => { await t?.close(); });

const line = async (lineId: number) => t.handle.db.selectFrom('project_budget_line').selectAll().where('id', '=', lineId).executeTakeFirstOrThrow();

describe('funds and budget lines', () => {
  it('a street creates a fund and carves lines from it; lines never exceed the fund; bad input names the field', async () => {
    expectError(await s.streetStaff.post(`${API}/project-funds`, { orgId: w.streetA.id, year: 2026, kind: 'ventureGrant', name: '公益创投', amount: 0 }), 400, 'VALIDATION_FAILED', 'amount');
    expectError(await s.streetStaff.post(`${API}/project-funds`, { orgId: w.communityA.id, year: 2026, kind: 'ventureGrant', name: '公益创投', amount: 100 }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post(`${API}/project-funds`, { orgId: w.streetB.id, year: 2026, kind: 'ventureGrant', name: '公益创投', amount: 100 }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.communityWorker.post(`${API}/project-funds`, { orgId: w.communityA.id, year: 2026, kind: 'ventureGrant', name: '公益创投', amount: 100 }), 403, 'FORBIDDEN');
    const f = await s.streetStaff.post(`${API}/project-funds`, { orgId: w.streetA.id, year: 2026, kind: 'ventureGrant', name: '2026 公益创投', amount: 50_000_000 });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json()).toMatchObject({ amount: 50_000_000, allocated: 0, unallocated: 50_000_000, lines: [], actions: ['edit', 'addLine'] });
    expectError(await s.streetStaff.post(`${API}/project-funds`, { orgId: w.streetA.id, year: 2026, kind: 'linkage', name: '2026 公益创投', amount: 1 }), 409, 'FUND_EXISTS', 'name');
    const id = f.json().id;
    const l1 = await s.streetStaff.post(`${API}/project-funds/${id}/lines`, { name: '为老服务', amount: 30_000_000 });
    expect(l1.statusCode, l1.body).toBe(200);
    expectError(await s.streetStaff.post(`${API}/project-funds/${id}/lines`, { name: '儿童服务', amount: 20_000_001 }), 409, 'FUND_EXHAUSTED', 'amount');
    const l2 = await s.streetStaff.post(`${API}/project-funds/${id}/lines`, { name: '儿童服务', amount: 20_000_000 });
    expect(l2.json()).toMatchObject({ allocated: 50_000_000, unallocated: 0 });
    expectError(await s.streetStaff.patch(`${API}/project-funds/${id}`, { amount: 49_999_999 }), 409, 'FUND_BELOW_ALLOCATED', 'amount');
    const lineId = l2.json().lines[1].id;
    expectError(await s.streetStaff.patch(`${API}/budget-lines/${lineId}`, { amount: 20_000_001 }), 409, 'FUND_EXHAUSTED', 'amount');
    const up = await s.streetStaff.patch(`${API}/budget-lines/${lineId}`, { amount: 15_000_000 });
    expect(up.json()).toMatchObject({ allocated: 45_000_000, unallocated: 5_000_000 });
    // The community sees the street's fund (figures are public in the area), another street does not.
    expect((await s.communityWorker.get(`${API}/project-funds/${id}`)).json().actions).toEqual([]);
    expectError(await s.streetStaffB.get(`${API}/project-funds/${id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.patch(`${API}/budget-lines/${lineId}`, { name: 'x' }), 404, 'NOT_FOUND');
    expect((await s.streetStaffB.get(`${API}/project-funds`)).json().total).toBe(0);
    expectError(await s.resident.get(`${API}/project-funds`), 403, 'FORBIDDEN');
    const x = await s.streetStaff.get(`${API}/project-funds/export.xlsx`);
    expect(x.headers['content-type']).toBe(XLSX);
    const sheet = await readXlsx(x);
    expect(sheet.rows.map((r) => [r['预算科目'], r['金额（元）']])).toEqual([['（合计）', '500000.00'], ['为老服务', '300000.00'], ['儿童服务', '150000.00']]);
    expect((await readXlsx(await s.streetStaffB.get(`${API}/project-funds/export.xlsx`))).rows).toEqual([]);
  });
});

describe('application and review', () => {
  it('a community applies (draft → submitted); dates, budget and org are checked; only its own scope', async () => {
    expectError(await s.communityWorker.post(`${API}/projects`, projectBody(w.communityA.id, { periodEnd: '2026-12-01' })), 400, 'VALIDATION_FAILED', 'periodEnd');
    expectError(await s.communityWorker.post(`${API}/projects`, projectBody(w.communityA.id, { periodStart: '2027-02-30' })), 400, 'VALIDATION_FAILED', 'periodStart');
    expectError(await s.communityWorker.post(`${API}/projects`, projectBody(w.communityA.id, { budgetItems: [] })), 400, 'VALIDATION_FAILED', 'budgetItems');
    expectError(await s.communityWorker.post(`${API}/projects`, projectBody(w.communityA.id, { budgetItems: [{ item: '餐费', amount: 1.5 }] })), 400, 'VALIDATION_FAILED');
    expectError(await s.communityWorker.post(`${API}/projects`, projectBody(w.communityB.id)), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post(`${API}/projects`, projectBody(w.streetA.id)), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.resident.post(`${API}/projects`, projectBody(w.communityA.id)), 403, 'FORBIDDEN');
    expectError(await s.socialOrgStaff.post(`${API}/projects`, projectBody(w.communityA.id)), 403, 'FORBIDDEN');
    const before = await lastAuditId(t);
    const r = await s.communityWorker.post(`${API}/projects`, projectBody(w.communityA.id));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'draft', requestedAmount: 5_000_000, actions: ['edit', 'submit'], orgId: w.communityA.id });
    expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['project.apply']);
    const id = r.json().id;
    const e = await s.communityWorker.patch(`${API}/projects/${id}`, { budgetItems: [{ item: '餐费补贴', amount: 3_000_000 }] });
    expect(e.json().requestedAmount).toBe(3_000_000);
    expectError(await s.communityWorker.patch(`${API}/projects/${id}`, { periodEnd: '2026-01-01' }), 400, 'VALIDATION_FAILED', 'periodEnd');
    expectError(await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 1, lineId: 1 }), 409, 'PROJECT_STATUS');
    expect((await s.communityWorker.post(`${API}/projects/${id}/submit`, {})).json().status).toBe('submitted');
    expectError(await s.communityWorker.patch(`${API}/projects/${id}`, { title: '改' }), 409, 'PROJECT_STATUS');
    expectError(await s.communityWorker.post(`${API}/projects/${id}/approve`, { amount: 1, lineId: 1 }), 403, 'FORBIDDEN');
    // Return for changes, resubmit, reject.
    expectError(await s.streetStaff.post(`${API}/projects/${id}/return`, { reason: ' ' }), 400, 'VALIDATION_FAILED', 'reason');
    const ret = await s.streetStaff.post(`${API}/projects/${id}/return`, { reason: '请补充受益人名单' });
    expect(ret.json()).toMatchObject({ status: 'returned', reviewNote: '请补充受益人名单' });
    await s.communityWorker.post(`${API}/projects/${id}/submit`, {});
    expect((await s.streetStaff.post(`${API}/projects/${id}/reject`, { reason: '与已有项目重复' })).json().status).toBe('rejected');
    expectError(await s.streetStaff.post(`${API}/projects/${id}/return`, { reason: '再看看' }), 409, 'PROJECT_STATUS');
    // Other streets, residents and organizations do not see an application.
    expectError(await s.streetStaffB.get(`${API}/projects/${id}`), 404, 'NOT_FOUND');
    expectError(await s.resident.get(`${API}/projects/${id}`), 404, 'NOT_FOUND');
    expectError(await so.session.get(`${API}/projects/${id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.post(`${API}/projects/${id}/submit`, {}), 404, 'NOT_FOUND');
  });

  it('approval reserves the amount on a line covering the community; not above the request or the line; not another street\'s line', async () => {
    const { lineId } = await fundWithLine(s.streetStaff, w.streetA, 8_000_000);
    const { lineId: lineB } = await fundWithLine(s.streetStaffB, w.streetB, 8_000_000);
    const id = await submittedProject(s.communityWorker, w);
    expectError(await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 5_000_001, lineId }), 400, 'VALIDATION_FAILED', 'amount');
    expectError(await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 100, lineId: lineB }), 400, 'VALIDATION_FAILED', 'lineId');
    expectError(await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 100, lineId: 999999 }), 400, 'VALIDATION_FAILED', 'lineId');
    expectError(await s.streetStaffB.post(`${API}/projects/${id}/approve`, { amount: 100, lineId: lineB }), 404, 'NOT_FOUND');
    const a = await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 4_500_000, lineId, note: '压减餐费' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'approved', approvedAmount: 4_500_000, lineId, actions: expect.arrayContaining(['awardDirect', 'openCompetition']) });
    expect(await line(lineId)).toMatchObject({ committed: 4_500_000, paid: 0 });
    const id2 = await submittedProject(s.communityWorker, w);
    const r = await s.streetStaff.post(`${API}/projects/${id2}/approve`, { amount: 3_500_001, lineId });
    expectError(r, 409, 'FUND_EXHAUSTED', 'amount');
    expect(r.json().error.message).toContain('35000.00');
    expect((await line(lineId)).committed).toBe(4_500_000);
    expect((await s.streetStaff.get(`${API}/projects?queue=review`)).json().items.map((p: { id: number }) => p.id)).toContain(id2);
    // Withdrawing the first approval (rejecting before any award) releases it all; then the second fits.
    expect((await s.streetStaff.post(`${API}/projects/${id}/reject`, { reason: '社区撤回申请' })).json()).toMatchObject({ status: 'rejected', releasedAmount: 4_500_000 });
    expect((await line(lineId)).committed).toBe(0);
    expect((await s.streetStaff.post(`${API}/projects/${id2}/approve`, { amount: 5_000_000, lineId })).json()).toMatchObject({ status: 'approved' });
    expect((await line(lineId)).committed).toBe(5_000_000);
    expect((await s.streetStaffB.get(`${API}/projects`)).json().total).toBe(0);
    expectError(await s.streetStaff.get(`${API}/projects?orgId=${w.communityB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
  });
});

describe('award, implementation, payment, supervision, acceptance, closure', () => {
  it('the whole way: figures add up, every tranche traced, unspent released on closure', async () => {
    const { fundId, lineId } = await fundWithLine(s.streetStaff, w.streetA, 10_000_000);
    const id = await submittedProject(s.communityWorker, w);
    await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 5_000_000, lineId });
    expectError(await s.streetStaff.post(`${API}/projects/${id}/award`, { awardeeKind: 'socialOrg', awardeeId: 999999 }), 400, 'VALIDATION_FAILED', 'awardeeId');
    expectError(await s.communityWorker.post(`${API}/projects/${id}/award`, { awardeeKind: 'socialOrg', awardeeId: so.id }), 403, 'FORBIDDEN');
    // Before the award the organization does not see it; the resident sees the approved project's public part.
    expectError(await so.session.get(`${API}/projects/${id}`), 404, 'NOT_FOUND');
    expect((await s.resident.get(`${API}/projects/${id}`)).json()).toMatchObject({ status: 'approved', reviewNote: null, actions: [] });
    const aw = await s.streetStaff.post(`${API}/projects/${id}/award`, { awardeeKind: 'socialOrg', awardeeId: so.id });
    expect(aw.json()).toMatchObject({ status: 'implementing', awardeeKind: 'socialOrg', awardeeName: so.name, awardMode: 'direct' });
    // The awardee implements; another organization cannot.
    expect((await so.session.get(`${API}/projects/${id}`)).json().actions).toEqual(['implement', 'requestTranche']);
    expectError(await soB.session.post(`${API}/projects/${id}/milestones`, { title: '开餐', dueOn: '2027-01-05' }), 404, 'NOT_FOUND');
    expectError(await s.communityWorker.post(`${API}/projects/${id}/milestones`, { title: '开餐', dueOn: '2027-01-05' }), 403, 'FORBIDDEN');
    expectError(await so.session.post(`${API}/projects/${id}/milestones`, { title: '开餐', dueOn: '2027-02-30' }), 400, 'VALIDATION_FAILED', 'dueOn');
    const m = await so.session.post(`${API}/projects/${id}/milestones`, { title: '助餐点开餐', dueOn: '2027-01-05' });
    expect(m.statusCode, m.body).toBe(200);
    const mid = m.json().milestones[0].id;
    expect((await so.session.post(`${API}/milestones/${mid}/done`, { note: '首日 40 人' })).json().milestones[0].doneNote).toBe('首日 40 人');
    expectError(await so.session.post(`${API}/milestones/${mid}/done`, {}), 409, 'MILESTONE_DONE');
    await so.session.post(`${API}/projects/${id}/activities`, { heldOn: '2027-01-05', title: '开餐仪式', participants: 40 });
    const resident = await t.handle.db.selectFrom('resident').select('id').executeTakeFirst();
    await so.session.post(`${API}/projects/${id}/beneficiaries`, { servedOn: '2027-01-05', count: 40 });
    expectError(await so.session.post(`${API}/projects/${id}/beneficiaries`, { servedOn: '2027-01-05', count: 2, residentId: resident?.id ?? 1 }), 400, 'VALIDATION_FAILED', 'count');
    const detail = (await s.streetStaff.get(`${API}/projects/${id}`)).json();
    expect(detail).toMatchObject({ servedCount: 40, activities: [{ title: '开餐仪式', participants: 40 }], trancheRoom: 5_000_000 });
    // Tranches: requested, approved, paid; pending counts against the room.
    expectError(await so.session.post(`${API}/projects/${id}/tranches`, { amount: 5_000_001, purpose: '首期' }), 409, 'TRANCHE_EXCEEDS_APPROVED', 'amount');
    const t1 = await so.session.post(`${API}/projects/${id}/tranches`, { amount: 3_000_000, purpose: '首期餐费', evidence: '合同第 5 条' });
    expect(t1.json()).toMatchObject({ trancheRoom: 2_000_000, tranches: [{ seq: 1, status: 'requested', amount: 3_000_000 }] });
    expectError(await so.session.post(`${API}/projects/${id}/tranches`, { amount: 2_000_001, purpose: '二期' }), 409, 'TRANCHE_EXCEEDS_APPROVED');
    const tid = t1.json().tranches[0].id;
    expectError(await so.session.post(`${API}/tranches/${tid}/approve`, {}), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.post(`${API}/tranches/${tid}/approve`, {}), 404, 'NOT_FOUND');
    expectError(await s.streetStaff.post(`${API}/tranches/${tid}/pay`, { paymentRef: 'PZ-1' }), 409, 'TRANCHE_STATUS');
    expect((await s.streetStaff.post(`${API}/tranches/${tid}/approve`, {})).json().tranches[0].status).toBe('approved');
    expectError(await s.streetStaff.post(`${API}/tranches/${tid}/pay`, { paymentRef: '' }), 400, 'VALIDATION_FAILED', 'paymentRef');
    const before = await lastAuditId(t);
    const paid = await s.streetStaff.post(`${API}/tranches/${tid}/pay`, { paymentRef: 'PZ-2027-001' });
    expect(paid.json()).toMatchObject({ paidAmount: 3_000_000, tranches: [{ status: 'paid', paymentRef: 'PZ-2027-001', requestedBy: expect.any(String), approvedBy: expect.any(String), paidBy: expect.any(String) }] });
    expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['project.tranche.pay']);
    expect(await line(lineId)).toMatchObject({ committed: 5_000_000, paid: 3_000_000 });
    const t2 = await so.session.post(`${API}/projects/${id}/tranches`, { amount: 500_000, purpose: '二期' });
    const t2id = t2.json().tranches[1].id;
    expect((await s.streetStaff.post(`${API}/tranches/${t2id}/reject`, { reason: '票据不全' })).json().tranches[1]).toMatchObject({ status: 'rejected', rejectReason: '票据不全' });
    // Supervision: a resident of the community gives feedback and complains; a community worker visits; staff reply.
    expectError(await s.resident.post(`${API}/projects/${id}/supervision`, { kind: 'siteVisit', body: '看看' }), 403, 'FORBIDDEN');
    expectError(await s.resident.post(`${API}/projects/${id}/supervision`, { kind: 'complaint', body: '饭菜偏咸', rating: 2 }), 400, 'VALIDATION_FAILED', 'rating');
    await s.resident.post(`${API}/projects/${id}/supervision`, { kind: 'feedback', body: '老人都说好', rating: 5 });
    const c = await s.resident.post(`${API}/projects/${id}/supervision`, { kind: 'complaint', body: '饭菜偏咸' });
    expect(c.json().supervision.map((x: { kind: string }) => x.kind)).toEqual(['feedback', 'complaint']);
    const v = await s.communityWorker.post(`${API}/projects/${id}/supervision`, { kind: 'siteVisit', body: '现场查看，卫生良好' });
    const cid = v.json().supervision[1].id;
    expectError(await s.resident.post(`${API}/supervision/${cid}/reply`, { reply: '好' }), 403, 'FORBIDDEN');
    expect((await s.communityWorker.post(`${API}/supervision/${cid}/reply`, { reply: '已请承接方减盐' })).json().supervision[1].reply).toBe('已请承接方减盐');
    expectError(await s.streetStaffB.post(`${API}/projects/${id}/supervision`, { kind: 'siteVisit', body: '看看' }), 404, 'NOT_FOUND');
    // Acceptance and closure release the unspent 20,000 yuan to the line.
    expectError(await s.streetStaff.post(`${API}/projects/${id}/close`, {}), 409, 'PROJECT_STATUS');
    expectError(await s.streetStaff.post(`${API}/projects/${id}/accept`, { result: 'passed', score: 101, note: '好' }), 400, 'VALIDATION_FAILED', 'score');
    expect((await s.streetStaff.post(`${API}/projects/${id}/accept`, { result: 'passed', score: 92.5, note: '服务到位' })).json()).toMatchObject({ status: 'accepted', acceptanceScore: 92.5 });
    expectError(await so.session.post(`${API}/projects/${id}/tranches`, { amount: 1, purpose: '尾款' }), 409, 'PROJECT_STATUS');
    const closed = await s.streetStaff.post(`${API}/projects/${id}/close`, { note: '结余退回' });
    expect(closed.json()).toMatchObject({ status: 'closed', approvedAmount: 5_000_000, paidAmount: 3_000_000, releasedAmount: 2_000_000, trancheRoom: 0 });
    expect(await line(lineId)).toMatchObject({ committed: 3_000_000, paid: 3_000_000 });
    const f = (await s.streetStaff.get(`${API}/project-funds/${fundId}`)).json();
    expect(f).toMatchObject({ committed: 3_000_000, paid: 3_000_000, remaining: 7_000_000 });
    // Exports: projects and tranches, scoped.
    const px = await readXlsx(await s.streetStaff.get(`${API}/projects/export.xlsx?status=closed`));
    expect(px.rows.find((r) => r['编号'] === id)).toMatchObject({ '状态': '已结项', '批准金额（元）': '50000.00', '已拨付（元）': '30000.00', '结余退回（元）': '20000.00', '承接方': so.name });
    expect((await readXlsx(await s.streetStaffB.get(`${API}/projects/export.xlsx`))).rows).toEqual([]);
    const tx = await readXlsx(await s.streetStaff.get(`${API}/tranches/export.xlsx?projectId=${id}`));
    expect(tx.rows.map((r) => [r['批次'], r['状态'], r['支付凭证号']])).toEqual([[1, '已拨付', 'PZ-2027-001'], [2, '已驳回', null]]);
    expect((await readXlsx(await s.streetStaffB.get(`${API}/tranches/export.xlsx`))).rows).toEqual([]);
    expect((await so.session.get(`${API}/tranches?projectId=${id}`)).json().total).toBe(2);
    expect((await soB.session.get(`${API}/tranches`)).json().total).toBe(0);
    expectError(await s.resident.get(`${API}/tranches`), 403, 'FORBIDDEN');
    expectError(await s.resident.get(`${API}/projects/export.xlsx`), 403, 'FORBIDDEN');
  });

  it('lists follow the links: the awardee sees its projects, another organization none; residents see their community\'s public ones', async () => {
    const { lineId } = await fundWithLine(s.streetStaff, w.streetA, 6_000_000);
    const id = await implementingProject(s.communityWorker, s.streetStaff, w, lineId, so.id);
    expect((await so.session.get(`${API}/projects`)).json().items.map((p: { id: number }) => p.id)).toContain(id);
    expect((await soB.session.get(`${API}/projects`)).json().items.map((p: { id: number }) => p.id)).not.toContain(id);
    expectError(await soB.session.get(`${API}/projects/${id}`), 404, 'NOT_FOUND');
    const mine = (await s.resident.get(`${API}/projects`)).json();
    expect(mine.items.map((p: { id: number }) => p.id)).toContain(id);
    expect(mine.items.every((p: { status: string }) => !['draft', 'submitted', 'returned', 'rejected'].includes(p.status))).toBe(true);
    expect((await s.resident.get(`${API}/projects?q=${encodeURIComponent('助餐')}&page=1&pageSize=1`)).json()).toMatchObject({ pageSize: 1, items: [expect.any(Object)] });
    expect((await s.streetStaff.get(`${API}/projects?page=999`)).json()).toMatchObject({ items: [], total: expect.any(Number) });
    // A resident of another street's community sees none of them.
    const rB = await t.user('resident', w.communityB.code, 'resident_b_proj');
    expect((await (await t.login(rB.username)).get(`${API}/projects`)).json().total).toBe(0);
  });

  it('a social worker with an account implements a project awarded to them', async () => {
    const { lineId } = await fundWithLine(s.streetStaff, w.streetA, 2_000_000);
    const sw = await socialWorkerWithAccount(t, w.communityA);
    const id = await submittedProject(s.communityWorker, w);
    await s.streetStaff.post(`${API}/projects/${id}/approve`, { amount: 1_000_000, lineId });
    const a = await s.streetStaff.post(`${API}/projects/${id}/award`, { awardeeKind: 'socialWorker', awardeeId: sw.id });
    expect(a.json()).toMatchObject({ awardeeKind: 'socialWorker', awardeeName: sw.name });
    expect((await sw.session.post(`${API}/projects/${id}/tranches`, { amount: 1_000_000, purpose: '全部' })).json().trancheRoom).toBe(0);
    expectError(await so.session.post(`${API}/projects/${id}/tranches`, { amount: 1, purpose: 'x' }), 404, 'NOT_FOUND');
  });
});

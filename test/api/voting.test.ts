import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, auditSince, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, type Account, type World } from './fixtures.js';
import { API, body, household, voter, yesNoBody } from './voting-fixtures.js';
import { yearsAgo } from './residents-fixtures.js';

let t: TestApp;
let w: World;
let s: Record<Account, Session>;
const reps: { id: number; s: Session }[] = [];
let outsider: Session;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
  for (let i = 0; i < 4; i++) {
    const u = await voter(t, w.communityA);
    reps.push({ id: u.id, s: await t.login(u.username) });
  }
  outsider = await t.login((await voter(t, w.communityA)).username);
  bodyId = await body(t, w.communityA, [...reps.map((r) => r.id), null]);
}, 120_000);
afterAll(async () => t?.close());

describe('a representatives vote (body electorate, the 85% rule)', () => {
  let id: number;
  const receipts: string[] = [];

  it('refuses bad input naming the field, and creates a draft', async () => {
    const ok = yesNoBody(w.communityA.id, { kind: 'body', bodyId });
    expectError(await s.communityWorker.post(`${API}/votes`, { ...ok, threshold: { num: 85, den: 0, of: 'electorate' } }), 400, 'VALIDATION_FAILED', 'threshold.den');
    expectError(await s.communityWorker.post(`${API}/votes`, { ...ok, quorum: { num: 3, den: 2 } }), 400, 'VALIDATION_FAILED', 'quorum');
    expectError(await s.communityWorker.post(`${API}/votes`, { ...ok, method: 'choice', options: [{ key: 'a', label: '甲' }] }), 400, 'VALIDATION_FAILED', 'options');
    expectError(await s.communityWorker.post(`${API}/votes`, { ...ok, method: 'choice', options: [{ key: 'a', label: '甲' }, { key: 'a', label: '乙' }] }), 400, 'VALIDATION_FAILED', 'options');
    expectError(await s.communityWorker.post(`${API}/votes`, { ...ok, closesAt: '2020-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED', 'closesAt');
    expectError(await s.communityWorker.post(`${API}/votes`, { ...ok, electorate: { kind: 'adults', orgId: w.communityB.id } }), 400, 'VALIDATION_FAILED', 'electorate');
    expectError(await s.communityWorker.post(`${API}/votes`, { ...ok, orgId: w.communityB.id }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.resident.post(`${API}/votes`, ok), 403, 'FORBIDDEN');
    const r = await s.communityWorker.post(`${API}/votes`, ok);
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json();
    id = v.id;
    expect(v).toMatchObject({ status: 'draft', method: 'yesNo', eligible: null, result: null, threshold: { num: 85, den: 100, of: 'electorate' } });
    expect(v.options.map((o: { key: string }) => o.key)).toEqual(['approve', 'reject', 'abstain']);
    expect(v.actions).toEqual(expect.arrayContaining(['edit', 'editRule', 'open']));
  });

  it('opens with the representatives who have an account; a draft takes no ballot', async () => {
    expectError(await reps[0].s.post(`${API}/votes/${id}/ballots`, { choices: ['approve'] }), 409, 'VOTE_NOT_OPEN');
    const preview = await s.communityWorker.post(`${API}/votes/electorate-preview`, { orgId: w.communityA.id, electorate: { kind: 'body', bodyId } });
    expect(preview.json()).toEqual({ eligible: 4, accounts: 4 });
    const r = await s.communityWorker.post(`${API}/votes/${id}/open`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'open', eligible: 4, participation: 0 });
    expectError(await s.communityWorker.post(`${API}/votes/${id}/open`, {}), 409, 'VOTE_STATUS');
    expectError(await s.communityWorker.patch(`${API}/votes/${id}`, { electorate: { kind: 'adults', orgId: w.communityA.id } }), 409, 'VOTE_ELECTORATE_FIXED');
  });

  it('the rule may change until the first ballot, and never after', async () => {
    const before = await s.communityWorker.patch(`${API}/votes/${id}`, { threshold: { num: 3, den: 4, of: 'electorate' } });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().threshold).toEqual({ num: 3, den: 4, of: 'electorate' });
    const mine = await reps[0].s.get(`${API}/votes/mine?openOnly=true`);
    expect(mine.json().items.map((v: { id: number }) => v.id)).toContain(id);
    expect(mine.json().items[0].actions).toContain('cast');
    const c = await reps[0].s.post(`${API}/votes/${id}/ballots`, { choices: ['approve'] });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().receipt).toMatch(/^[A-Z2-7]{20}$/);
    receipts.push(c.json().receipt);
    expectError(await s.communityWorker.patch(`${API}/votes/${id}`, { threshold: { num: 85, den: 100, of: 'electorate' } }), 409, 'VOTE_RULE_LOCKED');
    expectError(await s.communityWorker.patch(`${API}/votes/${id}`, { quorum: { num: 1, den: 2 } }), 409, 'VOTE_RULE_LOCKED');
    expectError(await s.communityWorker.patch(`${API}/votes/${id}`, { secret: true }), 409, 'VOTE_RULE_LOCKED');
    const title = await s.communityWorker.patch(`${API}/votes/${id}`, { title: '加装电梯方案表决（修订标题）' });
    expect(title.statusCode).toBe(200);
    expect(title.json().actions).not.toContain('editRule');
  });

  it('refuses a second ballot, an invalid choice and anyone outside the electorate', async () => {
    expectError(await reps[0].s.post(`${API}/votes/${id}/ballots`, { choices: ['reject'] }), 409, 'ALREADY_VOTED');
    expectError(await reps[1].s.post(`${API}/votes/${id}/ballots`, { choices: ['approve', 'reject'] }), 400, 'VALIDATION_FAILED', 'choices');
    expectError(await reps[1].s.post(`${API}/votes/${id}/ballots`, { choices: ['maybe'] }), 400, 'VALIDATION_FAILED', 'choices');
    const out = await outsider.post(`${API}/votes/${id}/ballots`, { choices: ['approve'] });
    expectError(out, 403, 'FORBIDDEN');
    expect(out.json().error.message).toMatch(/选民范围/);
    expectError(await s.communityWorker.post(`${API}/votes/${id}/ballots`, { choices: ['approve'] }), 403, 'FORBIDDEN');
    expectError(await outsider.get(`${API}/votes/${id}`), 404, 'NOT_FOUND');
    const mine = await reps[0].s.get(`${API}/votes/${id}`);
    expect(mine.json()).toMatchObject({ mine: { elector: true, voted: true }, result: null });
    expect(mine.json().actions).not.toContain('cast');
  });

  it('keeps the vote inside the data scope (street B sees nothing of it)', async () => {
    expectError(await s.streetStaffB.get(`${API}/votes/${id}`), 404, 'NOT_FOUND');
    expect((await s.streetStaffB.get(`${API}/votes`)).json().total).toBe(0);
    const x = await readXlsx(await s.streetStaffB.get(`${API}/votes/export.xlsx`));
    expect(x.rows).toHaveLength(0);
    expectError(await s.streetStaffB.post(`${API}/votes/${id}/close`, {}), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`${API}/votes/${id}/participation`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.get(`${API}/votes/${id}/result.xlsx`), 404, 'NOT_FOUND');
    expectError(await s.streetStaffB.post(`${API}/votes/electorate-preview`, { orgId: w.communityA.id, electorate: { kind: 'body', bodyId } }), 400, 'VALIDATION_FAILED', 'orgId');
    const mineA = await s.streetStaff.get(`${API}/votes?q=电梯`);
    expect(mineA.json().items.map((v: { id: number }) => v.id)).toEqual([id]);
    expectError(await s.gridWorker.post(`${API}/votes/${id}/close`, {}), 404, 'NOT_FOUND');
  });

  it('closes with the exact tally (3 of 4 at 75% passes), once; publishes a list anyone can recount', async () => {
    for (const [i, c] of [[1, 'approve'], [2, 'approve'], [3, 'reject']] as const) {
      const r = await reps[i].s.post(`${API}/votes/${id}/ballots`, { choices: [c] });
      expect(r.statusCode, r.body).toBe(201);
      receipts.push(r.json().receipt);
    }
    const part = await s.communityWorker.get(`${API}/votes/${id}/participation`);
    expect(part.json()).toMatchObject({ total: 4, eligible: 4 });
    expect(part.json().items[0].choices).toEqual(['approve']); // an open ballot: who voted how is known
    expectError(await s.communityWorker.get(`${API}/votes/${id}/ballots`), 409, 'VOTE_NOT_PUBLISHED');
    const closed = await s.communityWorker.post(`${API}/votes/${id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().result).toMatchObject({ eligible: 4, cast: 4, turnoutPermille: 1000, quorumMet: true, passed: true, counts: { approve: 3, reject: 1, abstain: 0 } });
    expectError(await s.communityWorker.post(`${API}/votes/${id}/close`, {}), 409, 'VOTE_ALREADY_CLOSED');
    expect((await reps[0].s.get(`${API}/votes/${id}`)).json().result).toBeNull(); // residents see it once published
    const pub = await s.communityWorker.post(`${API}/votes/${id}/publish`, {});
    expect(pub.json().status).toBe('published');
    const list = await outsider.get(`${API}/votes/${id}/ballots`); // published: any resident of the community
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(4);
    expect(list.json().items.map((b: { receipt: string }) => b.receipt).sort()).toEqual([...receipts].sort());
    expect(JSON.stringify(list.json())).not.toMatch(/cast_by|userId|voter/);
    const ver = await outsider.get(`${API}/votes/${id}/verify`);
    expect(ver.json()).toMatchObject({ matches: true, problems: [], participation: 4, recount: { cast: 4, counts: { approve: 3, reject: 1, abstain: 0 }, passed: true } });
    expect(ver.json().recount.digest).toBe(pub.json().result.digest);
    const rc = await reps[3].s.get(`${API}/votes/${id}/receipts/${receipts[3].toLowerCase()}`);
    expect(rc.json()).toEqual({ receipt: receipts[3], found: true, choices: ['reject'], counted: true });
    expect((await reps[3].s.get(`${API}/votes/${id}/receipts/AAAAAAAAAAAAAAAAAAAA`)).json()).toMatchObject({ found: false, counted: false });
    expectError(await reps[0].s.post(`${API}/votes/${id}/ballots`, { choices: ['approve'] }), 409, 'VOTE_NOT_OPEN');
  });

  it('exports the result with the receipts, and the list with results', async () => {
    const x = await readXlsx(await s.communityWorker.get(`${API}/votes/${id}/result.xlsx`));
    const flat = x.rows.map((r) => Object.values(r).join('|')).join('\n');
    expect(flat).toMatch(/同意\|3/);
    for (const r of receipts) expect(flat).toContain(r);
    const l = await readXlsx(await s.streetStaff.get(`${API}/votes/export.xlsx`));
    expect(l.rows).toHaveLength(1);
    expect(Object.values(l.rows[0])).toContain('通过');
  });
});

describe('household votes', () => {
  it('one ballot per household: of 50 concurrent attempts by two adults of one household exactly one counts', async () => {
    const h1 = await household(t, w.communityA);
    const h2 = await household(t, w.communityA);
    const a = await voter(t, w.communityA, { householdId: h1.id });
    const b = await voter(t, w.communityA, { householdId: h1.id });
    await voter(t, w.communityA, { householdId: h2.id, birthDate: yearsAgo(17) }); // a minor alone: h2 cannot vote online
    const sa = await t.login(a.username);
    const sb = await t.login(b.username);
    const r = await s.communityWorker.post(`${API}/votes`, yesNoBody(w.communityA.id, { kind: 'households', orgId: w.communityA.id }, { secret: true, open: true, threshold: { num: 1, den: 2, of: 'cast' } }));
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json()).toMatchObject({ status: 'open', eligible: 1 });
    const tries = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? sa : sb).post(`${API}/votes/${id}/ballots`, { choices: [i % 3 ? 'approve' : 'reject'] })));
    const codes = tries.map((x) => x.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    for (const x of tries.filter((y) => y.statusCode === 409)) expect(x.json().error.code).toBe('ALREADY_VOTED');
    const n = await t.handle.db.selectFrom('vote_ballot').select((e) => e.fn.countAll<number>().as('n')).where('vote_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const p = await t.handle.db.selectFrom('vote_participation').selectAll().where('vote_id', '=', id).execute();
    expect(p).toHaveLength(1);
    expect(p[0].receipt).toBeNull(); // secret: nothing links who to how
    expect(p[0].voter_key).toBe(h1.id);
  }, 60_000);

  it('a secret ballot leaves who in the audit, never the receipt or the choice; its participation list shows no choices', async () => {
    const h = await household(t, w.communityA);
    const a = await voter(t, w.communityA, { householdId: h.id });
    const sa = await t.login(a.username);
    const r = await s.communityWorker.post(`${API}/votes`, yesNoBody(w.communityA.id, { kind: 'households', orgId: w.communityA.id }, { secret: true, open: true }));
    const id = r.json().id;
    const mark = await lastAuditId(t);
    const c = await sa.post(`${API}/votes/${id}/ballots`, { choices: ['abstain'] });
    expect(c.statusCode, c.body).toBe(201);
    const audit = (await auditSince(t, mark)).filter((x) => x.action === 'vote.cast');
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(a.id);
    expect(JSON.stringify(audit[0].detail)).not.toContain(c.json().receipt);
    expect(JSON.stringify(audit[0].detail)).not.toContain('abstain');
    const part = await s.communityWorker.get(`${API}/votes/${id}/participation`);
    expect(part.json().items).toEqual([expect.objectContaining({ voterKey: h.id, choices: null })]);
  });

  it('an electorate with nobody who can vote online does not open', async () => {
    const r = await s.communityWorker.post(`${API}/votes`, yesNoBody(w.communityB.id, { kind: 'adults', orgId: w.communityB.id }, { orgId: w.communityB.id }));
    expectError(r, 400, 'VALIDATION_FAILED', 'orgId');
    const b = await s.streetStaffB.post(`${API}/votes`, yesNoBody(w.communityB.id, { kind: 'adults', orgId: w.communityB.id }, { open: true }));
    expectError(b, 409, 'EMPTY_ELECTORATE');
    expect((await s.streetStaffB.get(`${API}/votes`)).json().total).toBe(0); // refused in one transaction: no draft left behind
  });
});

describe('choice votes and the closing time', () => {
  it('approval voting counts every chosen option and ranks ties together', async () => {
    const us = await Promise.all([0, 1, 2].map(() => voter(t, w.gridA)));
    const ss = await Promise.all(us.map((u) => t.login(u.username)));
    const r = await s.communityWorker.post(`${API}/votes`, {
      orgId: w.communityA.id, title: '微实事项目投票', electorate: { kind: 'adults', orgId: w.gridA.id }, method: 'choice', secret: true,
      options: [{ key: '11', label: '楼道照明' }, { key: '12', label: '健身器材' }, { key: '13', label: '花坛' }], minChoices: 1, maxChoices: 3,
      quorum: { num: 0, den: 1 }, threshold: { num: 0, den: 1, of: 'cast' }, open: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json().eligible).toBe(3);
    for (const [i, c] of [[0, ['11', '12']], [1, ['12']], [2, ['11', '13']]] as const) expect((await ss[i].post(`${API}/votes/${id}/ballots`, { choices: c })).statusCode).toBe(201);
    expectError(await ss[0].post(`${API}/votes/${id}/ballots`, { choices: ['13'] }), 409, 'ALREADY_VOTED');
    const c = await s.streetStaff.post(`${API}/votes/${id}/close`, {});
    expect(c.json().result).toMatchObject({ passed: null, counts: { 11: 2, 12: 2, 13: 1 } });
    expect(c.json().result.ranking).toEqual([{ key: '11', count: 2, rank: 1 }, { key: '12', count: 2, rank: 1 }, { key: '13', count: 1, rank: 3 }]);
  });

  it('no ballot after closesAt, even before the vote is closed', async () => {
    const u = await voter(t, w.communityA);
    const su = await t.login(u.username);
    const r = await s.communityWorker.post(`${API}/votes`, yesNoBody(w.communityA.id, { kind: 'adults', orgId: w.communityA.id }, { closesAt: new Date(Date.now() + 60_000).toISOString(), open: true }));
    const id = r.json().id;
    await t.handle.db.updateTable('vote').set({ closes_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expectError(await su.post(`${API}/votes/${id}/ballots`, { choices: ['approve'] }), 409, 'VOTE_NOT_OPEN');
  });
});

describe('the contract (api.ts) used by deliberation and micro-projects', () => {
  it('createVote opens at once, getVoteOutcome is null until closed, and closing runs the subject handler in its transaction', async () => {
    const { createVote, closeVote, getVoteOutcome, onVoteClosed } = await import('../../src/modules/voting/api.js');
    const seen: unknown[] = [];
    onVoteClosed('other', async (trx, _ctx, outcome) => {
      // Inside the closing transaction: the stored result is already visible here.
      const row = await trx.selectFrom('vote').select(['status', 'cast_count']).where('id', '=', outcome.voteId).executeTakeFirstOrThrow();
      seen.push({ ...outcome, row });
    });
    const u = await voter(t, w.communityA);
    const su = await t.login(u.username);
    const ctx = { deps: t.deps, actor: null, meta: { ip: null, userAgent: 'test', lang: 'zh' as const } };
    const bodyId = await body(t, w.communityA, [u.id], '合同议事会');
    const { id } = await t.deps.db.transaction().execute((trx) => createVote(trx, ctx, {
      orgId: w.communityA.id, title: '合同测试', subject: { type: 'other', id: 7 }, electorate: { kind: 'body', bodyId },
      method: 'yesNo', secret: false, quorum: { num: 1, den: 1 }, threshold: { num: 85, den: 100, of: 'electorate' },
    }, { open: true }));
    expect(await getVoteOutcome(t.deps.db, id)).toBeNull();
    expect((await su.post(`${API}/votes/${id}/ballots`, { choices: ['approve'] })).statusCode).toBe(201);
    const out = await t.deps.db.transaction().execute((trx) => closeVote(trx, ctx, id));
    expect(out).toEqual({ voteId: id, subject: { type: 'other', id: 7 }, status: 'closed', eligible: 1, cast: 1, quorumMet: true, counts: { approve: 1, reject: 0, abstain: 0 }, passed: true });
    expect(seen).toEqual([{ ...out, row: { status: 'closed', cast_count: 1 } }]);
    expect(await getVoteOutcome(t.deps.db, id)).toEqual(out);
    await expect(t.deps.db.transaction().execute((trx) => closeVote(trx, ctx, id))).rejects.toMatchObject({ code: 'VOTE_ALREADY_CLOSED', status: 409 });
    await expect(t.deps.db.transaction().execute((trx) => createVote(trx, ctx, {
      orgId: w.communityA.id, title: '', electorate: { kind: 'adults', orgId: w.communityA.id }, method: 'choice', secret: false,
      quorum: { num: 0, den: 1 }, threshold: { num: 0, den: 1, of: 'cast' },
    }))).rejects.toMatchObject({ status: 400, fields: expect.objectContaining({ title: expect.anything(), options: expect.anything() }) });
  });
});

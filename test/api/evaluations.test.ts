import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { API, allDims, households, livesIn, ok, socialOrgWithStaff } from './evaluations-fixtures.js';
import { unit } from './partners-fixtures.js';
import { drawSample, finalScore, poolSeed } from '../../src/modules/evaluations/rules.js';

/**
 * A street rates its two communities and a department (双向考评): configuration, the seeded
 * household sample, self and peer sheets, the survey in the app and by link (once each),
 * the close (scores equal rules.finalScore exactly), ranking, certificate, rectification
 * with the three sign-offs, publication; scope against the other street throughout.
 */
describe('evaluation campaigns', () => {
  let t: TestApp; let w: World; let s: Record<Account, Session>;
  let a2: { id: number; path: string; code: string };
  let worker2: Session; let residentB: Session;
  let cid = 0;
  let dims: { id: number; name: string }[] = [];
  const ev: Record<'A' | 'A2' | 'D', number> = { A: 0, A2: 0, D: 0 };
  const SEED = 20261207;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    a2 = await t.org(w.streetA.id, 'community', '620902001002', '康乐社区');
    worker2 = await t.login((await t.user('communityWorker', a2.code, 'eval_worker2')).username);
    residentB = await t.login((await t.user('resident', w.communityB.code, 'eval_residentb')).username);
    await households(t, w.communityA, 6);
    await households(t, a2, 3);
    await households(t, w.communityB, 4);
  });
  afterAll(async () => { await t?.close(); });

  it('creates a draft with the six default dimensions and refuses weights not summing to 100', async () => {
    expectError(await s.streetStaff.post(`${API}/eval-campaigns`, { orgId: w.streetA.id, title: '第四季度考评', periodStart: '2026-10-01', periodEnd: '2026-12-31', weights: { self: 10, peer: 40, resident: 40 } }), 400, 'VALIDATION_FAILED', 'weights');
    expectError(await s.streetStaff.post(`${API}/eval-campaigns`, { orgId: w.streetA.id, title: 'x', periodStart: '2026-10-01', periodEnd: '2026-09-30' }), 400, 'VALIDATION_FAILED', 'periodEnd');
    expectError(await s.streetStaff.post(`${API}/eval-campaigns`, { orgId: w.streetB.id, title: 'x', periodStart: '2026-10-01', periodEnd: '2026-12-31' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.resident.post(`${API}/eval-campaigns`, { orgId: w.communityA.id, title: 'x', periodStart: '2026-10-01', periodEnd: '2026-12-31' }), 403, 'FORBIDDEN');
    const c = ok(await s.streetStaff.post(`${API}/eval-campaigns`, { orgId: w.streetA.id, title: '第四季度考评', periodStart: '2026-10-01', periodEnd: '2026-12-31', sampleSize: 4, seed: SEED, bestN: 1, passMark: 60 }), 201);
    cid = c.id;
    expect(c.weights).toEqual({ self: 10, peer: 40, resident: 50 });
    expect(c.dimensions.map((d: { name: string }) => d.name)).toEqual(['服务态度', '专业水平', '执行能力', '协调能力', '完成任务情况', '群众满意度']);
    expect(c.actions).toEqual(['edit', 'open']);
    // rename and drop a dimension while in draft
    const u = ok(await s.streetStaff.patch(`${API}/eval-campaigns/${cid}`, { dimensions: ['服务态度', '专业水平', '执行能力', '协调能力', '群众满意度'], weights: { self: 10, peer: 40, resident: 50 } }));
    dims = u.dimensions;
    expect(dims).toHaveLength(5);
    expectError(await s.streetStaff.patch(`${API}/eval-campaigns/${cid}`, { weights: { self: 50, peer: 50, resident: 50 } }), 400, 'VALIDATION_FAILED', 'weights');
    expectError(await s.streetStaff.patch(`${API}/eval-campaigns/${cid}`, { dimensions: ['a', 'a'] }), 400, 'VALIDATION_FAILED', 'dimensions');
  });

  it('adds evaluatees in scope only (communities below, a department), once each', async () => {
    expectError(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind: 'org', subjectId: w.communityB.id }), 400, 'VALIDATION_FAILED', 'subjectId');
    expectError(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind: 'socialOrg', subjectId: 999999 }), 400, 'VALIDATION_FAILED', 'subjectId');
    expectError(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/open`, {}), 409, 'TOO_FEW_EVALUATEES');
    for (const [k, id] of [['A', w.communityA.id], ['A2', a2.id], ['D', w.deptA.id]] as const) {
      const c = ok(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind: 'org', subjectId: id }));
      ev[k] = c.evaluatees.find((e: { subjectId: number }) => e.subjectId === id).id;
    }
    expectError(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind: 'org', subjectId: a2.id }), 409, 'ALREADY_ADDED');
    expectError(await s.streetStaffB.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind: 'org', subjectId: w.communityB.id }), 404, 'NOT_FOUND');
    expectError(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/open`, {}), 404, 'NOT_FOUND');
  });

  it('is invisible to the other street (detail, list, export)', async () => {
    expectError(await s.streetStaffB.get(`${API}/eval-campaigns/${cid}`), 404, 'NOT_FOUND');
    expect(ok(await s.streetStaffB.get(`${API}/eval-campaigns`)).total).toBe(0);
    expect(ok(await s.streetStaff.get(`${API}/eval-campaigns?q=季度`)).total).toBe(1);
    const x = await s.streetStaffB.get(`${API}/eval-campaigns/export.xlsx`);
    expect(x.headers['content-type']).toBe(XLSX);
    expect((await readXlsx(x)).rows).toHaveLength(0);
    expect((await readXlsx(await s.streetStaff.get(`${API}/eval-campaigns/export.xlsx`))).rows).toHaveLength(1);
    expectError(await s.resident.get(`${API}/eval-campaigns`), 403, 'FORBIDDEN');
  });

  it('opens: each community’s sample is drawn from its own households, reproducibly from the seed', async () => {
    const c = ok(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/open`, {}));
    expect(c.status).toBe('open');
    // communityA: 4 of 6; 康乐: all 3; the department's pool is the whole street: 4 of 9; never communityB's.
    expect(c.progress).toEqual({ drawn: 11, answered: 0 });
    const db = t.handle.db;
    for (const org of [w.communityA, a2, w.streetA]) {
      const ids = (await db.selectFrom('household').select('id').where('org_path', 'like', `${org.path}%`).orderBy('id').execute()).map((r) => r.id);
      const got = (await db.selectFrom('eval_sample').select('household_id').where('campaign_id', '=', cid).where('sample_path', '=', org.path).orderBy('draw_order').execute()).map((r) => r.household_id);
      expect(got).toEqual(drawSample(ids, 4, poolSeed(SEED, org.id)));
    }
    const bHouses = await db.selectFrom('eval_sample').select('id').where('campaign_id', '=', cid).where('org_path', 'like', `${w.communityB.path}%`).execute();
    expect(bHouses).toHaveLength(0);
    expectError(await s.streetStaff.patch(`${API}/eval-campaigns/${cid}`, { title: '改名' }), 409, 'WRONG_STATUS');
    expectError(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind: 'org', subjectId: w.gridA.id }), 409, 'WRONG_STATUS');
    const page = ok(await s.streetStaff.get(`${API}/eval-campaigns/${cid}/sample?pageSize=5`));
    expect(page.total).toBe(11);
    expect(page.items).toHaveLength(5);
    expectError(await s.streetStaffB.get(`${API}/eval-campaigns/${cid}/sample`), 404, 'NOT_FOUND');
  });

  it('self and peer scores by those acting for each evaluatee', async () => {
    const mine = ok(await s.communityWorker.get(`${API}/eval-scoring`));
    expect(mine.items.map((x: { evaluateeId: number }) => x.evaluateeId)).toEqual([ev.A]);
    expect(ok(await s.departmentStaff.get(`${API}/eval-scoring`)).items.map((x: { evaluateeId: number }) => x.evaluateeId)).toEqual([ev.D]);
    expect(ok(await s.streetStaffB.get(`${API}/eval-scoring`)).items).toEqual([]);
    // not acting for the department
    expectError(await s.communityWorker.get(`${API}/eval-campaigns/${cid}/sheet?raterId=${ev.D}`), 404, 'NOT_FOUND');
    expectError(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.D, targetId: ev.A, scores: allDims(dims, 100) }), 404, 'NOT_FOUND');
    // a row must cover every dimension, 0–100
    expectError(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A, targetId: ev.A, scores: allDims(dims, 90).slice(1) }), 400, 'VALIDATION_FAILED', 'scores');
    expectError(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A, targetId: ev.A, scores: allDims(dims, 101) }), 400, 'VALIDATION_FAILED');
    // 富康: self 90; rates 康乐 80, the department 40 (corrected from 50)
    ok(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A, targetId: ev.A, scores: allDims(dims, 90) }));
    ok(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A, targetId: ev.A2, scores: allDims(dims, (i) => 80 + i) }));
    ok(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A, targetId: ev.D, scores: allDims(dims, 50) }));
    const sh = ok(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A, targetId: ev.D, scores: allDims(dims, 40) }));
    expect(sh.rows.every((r: { complete: boolean }) => r.complete)).toBe(true);
    // 康乐: rates 富康 85 (no self score); the department: self 95, rates 富康 70, 康乐 75
    ok(await worker2.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A2, targetId: ev.A, scores: allDims(dims, 85) }));
    ok(await s.departmentStaff.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.D, targetId: ev.D, scores: allDims(dims, 95) }));
    ok(await s.departmentStaff.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.D, targetId: ev.A, scores: allDims(dims, 70) }));
    ok(await s.departmentStaff.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.D, targetId: ev.A2, scores: allDims(dims, 75) }));
    const c = ok(await s.streetStaff.get(`${API}/eval-campaigns/${cid}`));
    const comp = Object.fromEntries(c.evaluatees.map((e: { id: number; completeness: unknown }) => [e.id, e.completeness]));
    expect(comp[ev.A]).toMatchObject({ selfDone: true, peersGiven: 2, peersReceived: 2, peersExpected: 2 });
    expect(comp[ev.A2]).toMatchObject({ selfDone: false, peersGiven: 1, peersReceived: 2 });
    const audit = await t.handle.db.selectFrom('audit_log').select('action').where('action', 'like', 'evaluation.score.%').execute();
    expect(audit.length).toBe(8);
  });

  let tokens: { link: string; area: string }[] = [];
  const streetAnswers: number[] = [];
  it('a sampled household answers once in the app; another once by its link without logging in', async () => {
    const first = await t.handle.db.selectFrom('eval_sample').select(['id', 'household_id']).where('campaign_id', '=', cid).where('sample_path', '=', w.communityA.path).orderBy('draw_order').executeTakeFirstOrThrow();
    await livesIn(t, w.users.resident.id, first.household_id);
    const mine = ok(await s.resident.get(`${API}/eval-surveys/mine`));
    const sv = mine.items.find((x: { sampleId: number }) => x.sampleId === first.id);
    expect(sv.evaluatees.map((e: { id: number }) => e.id)).toEqual([ev.A]);
    expect(sv.answered).toBe(false);
    expectError(await s.resident.post(`${API}/eval-surveys/${first.id}/answer`, { answers: [{ evaluateeId: ev.A2, scores: allDims(dims, 60) }] }), 400, 'VALIDATION_FAILED', 'answers.0.evaluateeId');
    expectError(await s.resident.post(`${API}/eval-surveys/${first.id}/answer`, { answers: [{ evaluateeId: ev.A, scores: allDims(dims, 60).slice(2) }] }), 400, 'VALIDATION_FAILED', 'answers.0.scores');
    ok(await s.resident.post(`${API}/eval-surveys/${first.id}/answer`, { answers: [{ evaluateeId: ev.A, scores: allDims(dims, 88) }] }));
    expectError(await s.resident.post(`${API}/eval-surveys/${first.id}/answer`, { answers: [{ evaluateeId: ev.A, scores: allDims(dims, 10) }] }), 409, 'ALREADY_ANSWERED');
    // someone else's household: not found
    const other = await t.handle.db.selectFrom('eval_sample').select('id').where('campaign_id', '=', cid).where('id', '<>', first.id).executeTakeFirstOrThrow();
    expectError(await s.resident.post(`${API}/eval-surveys/${other.id}/answer`, { answers: [{ evaluateeId: ev.A, scores: allDims(dims, 10) }] }), 404, 'NOT_FOUND');
    expectError(await s.streetStaff.get(`${API}/eval-surveys/mine`), 403, 'FORBIDDEN');

    // links from the audited export
    expectError(await s.communityWorker.get(`${API}/eval-campaigns/${cid}/sample.xlsx`), 404, 'NOT_FOUND');
    const x = await readXlsx(await s.streetStaff.get(`${API}/eval-campaigns/${cid}/sample.xlsx`));
    tokens = x.rows.map((r) => ({ link: String(r['测评链接']), area: String(r['测评范围']) }));
    expect(tokens).toHaveLength(11);
    expect(new Set(tokens.map((k) => k.link)).size).toBe(11);
    const a2Link = tokens.find((k) => k.area === '康乐社区')!.link.replace('/s/', '');
    const pub = await t.app.inject({ method: 'GET', url: `${API}/public/eval-surveys/${a2Link}` });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().evaluatees.map((e: { id: number }) => e.id)).toEqual([ev.A2]);
    expect(pub.body).not.toContain('室');
    const post = (tok: string, body: unknown) => t.app.inject({ method: 'POST', url: `${API}/public/eval-surveys/${tok}`, payload: body as object });
    expect((await post(a2Link, { answers: [{ evaluateeId: ev.A2, scores: allDims(dims, 66) }] })).statusCode).toBe(200);
    expectError(await post(a2Link, { answers: [{ evaluateeId: ev.A2, scores: allDims(dims, 66) }] }), 409, 'ALREADY_ANSWERED');
    expectError(await t.app.inject({ method: 'GET', url: `${API}/public/eval-surveys/not-a-token` }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'GET', url: `${API}/public/eval-surveys/${'0'.repeat(32)}` }), 404, 'NOT_FOUND');
    // the street pool rates the department; two households answer low
    const streetLinks = tokens.filter((k) => k.area === '东北街街道').map((k) => k.link.replace('/s/', ''));
    for (const k of streetLinks) {
      const r = await t.app.inject({ method: 'GET', url: `${API}/public/eval-surveys/${k}` });
      expect(r.json().evaluatees.map((e: { id: number }) => e.id)).toEqual([ev.D]);
    }
    expect(streetLinks).toHaveLength(4);
    expect((await post(streetLinks[0], { answers: [{ evaluateeId: ev.D, scores: allDims(dims, 30) }] })).statusCode).toBe(200);
    expect((await post(streetLinks[1], { answers: [{ evaluateeId: ev.D, scores: allDims(dims, (i) => 41 + i) }] })).statusCode).toBe(200);
    // two answers racing on one link: exactly one is kept
    const race = await Promise.all([50, 60].map((v) => post(streetLinks[3], { answers: [{ evaluateeId: ev.D, scores: allDims(dims, v) }] })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const kept = await t.handle.db.selectFrom('eval_answer as a').innerJoin('eval_sample as m', 'm.id', 'a.sample_id').select('a.score')
      .where('m.token_hash', '=', (await import('node:crypto')).createHash('sha256').update(streetLinks[3]).digest('hex')).execute();
    expect(kept).toHaveLength(dims.length);
    expect(new Set(kept.map((k) => k.score)).size).toBe(1);
    streetAnswers.push(kept[0].score);
    tokens = tokens.filter((k) => k.link.includes(streetLinks[2]));
    const p = ok(await s.streetStaff.get(`${API}/eval-campaigns/${cid}/sample?answered=true`));
    expect(p.total).toBe(5);
    expect(p.answered).toBe(5);
  });

  it('closes: exact scores with missing components redistributed, ranking, rectification below the pass mark', async () => {
    expectError(await s.streetStaff.get(`${API}/eval-campaigns/${cid}/results`), 409, 'NOT_CLOSED');
    expectError(await s.streetStaffB.post(`${API}/eval-campaigns/${cid}/close`, {}), 404, 'NOT_FOUND');
    ok(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/close`, {}));
    expectError(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/close`, {}), 409, 'WRONG_STATUS');
    const r = ok(await s.streetStaff.get(`${API}/eval-campaigns/${cid}/results`));
    const by = Object.fromEntries(r.items.map((e: { id: number }) => [e.id, e]));
    const D = dims.length;
    const W = { self: 10, peer: 40, resident: 50 };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const expA = finalScore(W, { self: { sum: 90 * D, n: D }, peer: { sum: (85 + 70) * D, n: 2 * D }, resident: { sum: 88 * D, n: D } });
    const expA2 = finalScore(W, { self: { sum: 0, n: 0 }, peer: { sum: sum(dims.map((_, i) => 80 + i)) + 75 * D, n: 2 * D }, resident: { sum: 66 * D, n: D } });
    const expD = finalScore(W, { self: { sum: 95 * D, n: D }, peer: { sum: 40 * D, n: D }, resident: { sum: 30 * D + sum(dims.map((_, i) => 41 + i)) + streetAnswers[0] * D, n: 3 * D } });
    expect(by[ev.A].finalScore).toBe(expA);
    expect(by[ev.A2].finalScore).toBe(expA2);
    expect(by[ev.D].finalScore).toBe(expD);
    // by hand: 富康 9 + 0.4·77.5 + 0.5·88 = 84; 康乐 has no self score: (40·78.5 + 50·66)/90 = 71.555… → 71.56;
    // 民政办 9.5 + 16 + 0.5·(150 + 215 + 5x)/15 with x the racing answer kept: 50 → 46, 60 → 47.666… → 47.67
    expect([expA, expA2]).toEqual([84, 71.56]);
    expect(expD).toBe(streetAnswers[0] === 50 ? 46 : 47.67);
    expect(by[ev.A2].selfScore).toBeNull();
    expect(by[ev.A2].peerScore).toBe(78.5);
    expect(r.items.map((e: { id: number; rank: number }) => [e.id, e.rank])).toEqual([[ev.A, 1], [ev.A2, 2], [ev.D, 3]]);
    expect(by[ev.A]).toMatchObject({ certified: true, passed: true, peerCount: 2, responseCount: 1 });
    expect(by[ev.D]).toMatchObject({ certified: false, passed: false, responseCount: 3 });
    // per dimension: 康乐's first dimension = (40·(80+75)/2 + 50·66)/90 = 71.11…
    expect(by[ev.A2].byDimension[0]).toEqual({ dimensionId: dims[0].id, self: null, peer: 77.5, resident: 66, final: 71.11 });
    // a survey after the close is refused
    expectError(await t.app.inject({ method: 'POST', url: `${API}/public/eval-surveys/${tokens[0].link.replace('/s/', '')}`, payload: { answers: [{ evaluateeId: ev.D, scores: allDims(dims, 99) }] } }), 409, 'SURVEY_CLOSED');
    expectError(await s.communityWorker.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: ev.A, targetId: ev.A, scores: allDims(dims, 100) }), 409, 'WRONG_STATUS');
    const x = await readXlsx(await s.streetStaff.get(`${API}/eval-campaigns/${cid}/results.xlsx`));
    expect(x.rows.map((row) => [row['名次'], row['被评价对象'], row['综合得分']])).toEqual([[1, '富康社区', 84], [2, '康乐社区', 71.56], [3, '民政办', expD]]);
    expectError(await s.streetStaffB.get(`${API}/eval-campaigns/${cid}/results`), 404, 'NOT_FOUND');
  });

  it('certificates for the best N only', async () => {
    const pdf = await s.communityWorker.get(`${API}/eval-evaluatees/${ev.A}/certificate.pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expectError(await s.streetStaff.get(`${API}/eval-evaluatees/${ev.D}/certificate.pdf`), 409, 'NO_CERTIFICATE');
    expectError(await s.streetStaffB.get(`${API}/eval-evaluatees/${ev.A}/certificate.pdf`), 404, 'NOT_FOUND');
  }, 30_000);

  it('a rectification is closed by the three levels’ sign-offs, after the measures are reported', async () => {
    const list = ok(await s.streetStaff.get(`${API}/eval-rectifications?status=open`));
    expect(list.total).toBe(1);
    const rect = list.items[0];
    expect(rect).toMatchObject({ evaluateeId: ev.D, name: '民政办', overdue: false, status: 'open' });
    expect(rect.finalScore).toBeLessThan(60);
    expect(ok(await s.streetStaffB.get(`${API}/eval-rectifications`)).total).toBe(0);
    expect(ok(await s.streetStaff.get(`${API}/eval-rectifications?overdue=true`)).total).toBe(0);
    // the department sees its own rectification (it is outside no one's scope but acts for it), a community worker does not
    const own = ok(await s.departmentStaff.get(`${API}/eval-rectifications`));
    expect(own.items.map((x: { id: number }) => x.id)).toEqual([rect.id]);
    expect(own.items[0].actions).toEqual(['report']);
    expect(ok(await s.communityWorker.get(`${API}/eval-rectifications`)).total).toBe(0);
    expectError(await s.streetStaffB.get(`${API}/eval-rectifications/${rect.id}`), 404, 'NOT_FOUND');
    expectError(await s.streetStaff.post(`${API}/eval-rectifications/${rect.id}/signoff`, { level: 'party', signer: '李书记' }), 409, 'NOT_REPORTED');
    // the department (out of the street's subtree? no: under it) reports for itself
    const rep = ok(await s.departmentStaff.post(`${API}/eval-rectifications/${rect.id}/report`, { measures: '建立首问负责制，每周回访' }));
    expect(rep.actions).toEqual(['report', 'signoff:unit']);
    expectError(await s.departmentStaff.post(`${API}/eval-rectifications/${rect.id}/signoff`, { level: 'party', signer: '李书记' }), 403, 'FORBIDDEN');
    expectError(await s.streetStaff.post(`${API}/eval-rectifications/${rect.id}/signoff`, { level: 'mayor', signer: '李书记' }), 400, 'VALIDATION_FAILED');
    ok(await s.departmentStaff.post(`${API}/eval-rectifications/${rect.id}/signoff`, { level: 'unit', signer: '王主任', note: '已落实' }));
    expectError(await s.streetStaff.post(`${API}/eval-rectifications/${rect.id}/signoff`, { level: 'unit', signer: '王主任' }), 409, 'ALREADY_SIGNED');
    ok(await s.streetStaff.post(`${API}/eval-rectifications/${rect.id}/signoff`, { level: 'party', signer: '李书记' }));
    const done = ok(await s.streetStaff.post(`${API}/eval-rectifications/${rect.id}/signoff`, { level: 'resident', signer: '张代表', note: '居民认可' }));
    expect(done.status).toBe('closed');
    expect(done.signoffs.map((x: { level: string; signer: string }) => [x.level, x.signer])).toEqual([['unit', '王主任'], ['party', '李书记'], ['resident', '张代表']]);
    expectError(await s.streetStaff.post(`${API}/eval-rectifications/${rect.id}/report`, { measures: '再改' }), 409, 'RECTIFICATION_CLOSED');
    const x = await readXlsx(await s.streetStaff.get(`${API}/eval-rectifications/export.xlsx`));
    expect(x.rows).toHaveLength(1);
    expect(String(x.rows[0]['三级签字'])).toContain('居民代表：张代表');
    expect((await readXlsx(await s.streetStaffB.get(`${API}/eval-rectifications/export.xlsx`))).rows).toHaveLength(0);
  });

  it('overdue rectifications are flagged', async () => {
    await t.handle.db.updateTable('eval_rectification').set({ deadline: '2026-01-01', status: 'open' }).execute();
    const l = ok(await s.streetStaff.get(`${API}/eval-rectifications?overdue=true`));
    expect(l.total).toBe(1);
    expect(l.items[0].overdue).toBe(true);
    await t.handle.db.updateTable('eval_rectification').set({ status: 'closed' }).execute();
  });

  it('published results reach residents of the area, not of another street', async () => {
    expectError(await s.resident.get(`${API}/eval-published/${cid}`), 404, 'NOT_FOUND');
    ok(await s.streetStaff.post(`${API}/eval-campaigns/${cid}/publish`, {}));
    const l = ok(await s.resident.get(`${API}/eval-published`));
    expect(l.items.map((c: { id: number }) => c.id)).toEqual([cid]);
    const r = ok(await s.resident.get(`${API}/eval-published/${cid}`));
    expect(r.items[0]).toMatchObject({ name: '富康社区', rank: 1, finalScore: 84 });
    expect(ok(await residentB.get(`${API}/eval-published`)).total).toBe(0);
    expectError(await residentB.get(`${API}/eval-published/${cid}`), 404, 'NOT_FOUND');
  });
});

describe('a community rates a partner unit, a social organization and a street department (社区评部门)', () => {
  let t: TestApp; let w: World; let s: Record<Account, Session>;
  beforeAll(async () => { t = await createTestApp(); w = await buildWorld(t); s = await loginAll(t, w); await households(t, w.communityA, 3); });
  afterAll(async () => { await t?.close(); });

  it('each is scored by those acting for it, who entered it is kept, and the sample is the community’s', async () => {
    const u = await unit(s.communityWorker, w.communityA.id, { name: '市一中' });
    const so = await socialOrgWithStaff(t, w.communityA, '夕阳红助老服务社', w.users.socialOrgStaff.id);
    const c = ok(await s.communityWorker.post(`${API}/eval-campaigns`, { orgId: w.communityA.id, title: '共建单位季度测评', periodStart: '2026-10-01', periodEnd: '2026-12-31', sampleSize: 2, seed: 1 }), 201);
    const ids: Record<string, number> = {};
    for (const [k, kind, id] of [['U', 'partnerUnit', u.id], ['S', 'socialOrg', so], ['D', 'org', w.deptA.id]] as const) {
      const r = ok(await s.communityWorker.post(`${API}/eval-campaigns/${c.id}/evaluatees`, { kind, subjectId: id }));
      ids[k] = r.evaluatees.find((e: { kind: string; subjectId: number }) => e.kind === kind && e.subjectId === id).id;
    }
    expectError(await s.streetStaffB.post(`${API}/eval-campaigns/${c.id}/evaluatees`, { kind: 'socialOrg', subjectId: so }), 404, 'NOT_FOUND');
    const opened = ok(await s.communityWorker.post(`${API}/eval-campaigns/${c.id}/open`, {}));
    expect(opened.evaluatees.every((e: { sampleOrgId: number }) => e.sampleOrgId === w.communityA.id)).toBe(true);
    expect(opened.progress.drawn).toBe(2);
    const dims = opened.dimensions;
    expect(ok(await s.socialOrgStaff.get(`${API}/eval-scoring`)).items.map((x: { evaluateeId: number }) => x.evaluateeId)).toEqual([ids.S]);
    expect(ok(await s.communityWorker.get(`${API}/eval-scoring`)).items.map((x: { evaluateeId: number }) => x.evaluateeId)).toEqual([ids.U]);
    ok(await s.socialOrgStaff.post(`${API}/eval-campaigns/${c.id}/scores`, { raterId: ids.S, targetId: ids.S, scores: allDims(dims, 88) }));
    ok(await s.socialOrgStaff.post(`${API}/eval-campaigns/${c.id}/scores`, { raterId: ids.S, targetId: ids.U, scores: allDims(dims, 77) }));
    expectError(await s.socialOrgStaff.post(`${API}/eval-campaigns/${c.id}/scores`, { raterId: ids.U, targetId: ids.S, scores: allDims(dims, 77) }), 404, 'NOT_FOUND');
    ok(await s.communityWorker.post(`${API}/eval-campaigns/${c.id}/scores`, { raterId: ids.U, targetId: ids.S, scores: allDims(dims, 90) }));
    ok(await s.departmentStaff.post(`${API}/eval-campaigns/${c.id}/scores`, { raterId: ids.D, targetId: ids.U, scores: allDims(dims, 70) }));
    const who = await t.handle.db.selectFrom('eval_score').select(['rater_id', 'entered_by']).distinct().where('campaign_id', '=', c.id).execute();
    expect(who).toContainEqual({ rater_id: ids.U, entered_by: w.users.communityWorker.id });
    expect(who).toContainEqual({ rater_id: ids.S, entered_by: w.users.socialOrgStaff.id });
    ok(await s.communityWorker.post(`${API}/eval-campaigns/${c.id}/close`, {}));
    const r = ok(await s.communityWorker.get(`${API}/eval-campaigns/${c.id}/results`));
    const by = Object.fromEntries(r.items.map((e: { id: number }) => [e.id, e]));
    expect(by[ids.S]).toMatchObject({ selfScore: 88, peerScore: 90, finalScore: 89.6, rank: 1 }); // (10·88 + 40·90)/50
    expect(by[ids.U]).toMatchObject({ peerScore: 73.5, finalScore: 73.5, rank: 2 });
    expect(by[ids.D]).toMatchObject({ finalScore: null, rank: null, passed: null });
    expect(ok(await s.communityWorker.get(`${API}/eval-rectifications`)).total).toBe(0);
  });
});

describe('indicator trees (考核指标体系)', () => {
  let t: TestApp; let w: World; let s: Record<Account, Session>;
  beforeAll(async () => { t = await createTestApp(); w = await buildWorld(t); s = await loginAll(t, w); });
  afterAll(async () => { await t?.close(); });

  const nodes = [
    { key: 'p', parentKey: null, name: '党建引领', weight: 40 }, { key: 's', parentKey: null, name: '服务群众', weight: 60 },
    { key: 'p1', parentKey: 'p', name: '组织建设', weight: 50 }, { key: 'p2', parentKey: 'p', name: '党员作用', weight: 50 },
  ];
  it('validates sibling weights, scores leaves per evaluator, totals up the tree, stays in scope', async () => {
    const base = { orgId: w.streetA.id, title: '社区年度考核', purpose: 'community', subjectIds: [w.communityA.id], evaluatorIds: [w.users.streetStaff.id, w.users.communityWorker.id] };
    expectError(await s.streetStaff.post(`${API}/indicator-trees`, { ...base, nodes: [...nodes.slice(0, 3), { ...nodes[3], weight: 30 }] }), 400, 'VALIDATION_FAILED', 'nodes.2.weight');
    expectError(await s.streetStaff.post(`${API}/indicator-trees`, { ...base, nodes, subjectIds: [w.communityB.id] }), 400, 'VALIDATION_FAILED', 'subjectIds');
    expectError(await s.streetStaff.post(`${API}/indicator-trees`, { ...base, nodes, evaluatorIds: [w.users.streetStaffB.id] }), 400, 'VALIDATION_FAILED', 'evaluatorIds');
    const tree = ok(await s.streetStaff.post(`${API}/indicator-trees`, { ...base, nodes }), 201);
    const id = (name: string) => tree.nodes.find((n: { name: string }) => n.name === name).id;
    expectError(await s.streetStaff.post(`${API}/indicator-trees/${tree.id}/scores`, { subjectId: w.communityA.id, scores: [{ nodeId: id('党建引领'), score: 80 }] }), 400, 'VALIDATION_FAILED', 'scores.0.nodeId');
    expectError(await s.streetStaff.post(`${API}/indicator-trees/${tree.id}/scores`, { subjectId: w.communityB.id, scores: [{ nodeId: id('组织建设'), score: 80 }] }), 400, 'VALIDATION_FAILED', 'subjectId');
    ok(await s.streetStaff.post(`${API}/indicator-trees/${tree.id}/scores`, { subjectId: w.communityA.id, scores: [{ nodeId: id('组织建设'), score: 80 }, { nodeId: id('党员作用'), score: 70 }, { nodeId: id('服务群众'), score: 100 }] }));
    const sheet = ok(await s.communityWorker.post(`${API}/indicator-trees/${tree.id}/scores`, { subjectId: w.communityA.id, scores: [{ nodeId: id('组织建设'), score: 90 }, { nodeId: id('党员作用'), score: 70 }, { nodeId: id('服务群众'), score: 100 }] }));
    expect(sheet.mine[String(w.communityA.id)][String(id('组织建设'))]).toBe(90);
    const tot = ok(await s.streetStaff.get(`${API}/indicator-trees/${tree.id}/totals`));
    // 组织建设 85, 党员作用 70 → 党建 77.5; total 0.4·77.5 + 0.6·100 = 91
    expect(tot.items[0]).toMatchObject({ subjectId: w.communityA.id, total: 91, rank: 1, evaluatorsDone: 2 });
    expect(tot.items[0].nodes[String(id('党建引领'))]).toBe(77.5);
    expectError(await s.streetStaff.patch(`${API}/indicator-trees/${tree.id}`, { nodes }), 409, 'ALREADY_SCORED');
    ok(await s.streetStaff.patch(`${API}/indicator-trees/${tree.id}`, { title: '社区年度考核（修订）' }));
    const x = await readXlsx(await s.streetStaff.get(`${API}/indicator-trees/${tree.id}/totals.xlsx`));
    expect(x.rows[0]['总分']).toBe(91);
    expect((await readXlsx(await s.streetStaff.get(`${API}/indicator-trees/export.xlsx`))).rows).toHaveLength(1);
    expectError(await s.streetStaffB.get(`${API}/indicator-trees/${tree.id}`), 404, 'NOT_FOUND');
    expect(ok(await s.streetStaffB.get(`${API}/indicator-trees`)).total).toBe(0);
    expect(ok(await s.communityWorker.get(`${API}/indicator-trees`)).total).toBe(1); // an evaluator sees it
    expectError(await s.communityWorker.get(`${API}/indicator-trees/${tree.id}/totals`), 403, 'FORBIDDEN');
    expectError(await s.departmentStaff.post(`${API}/indicator-trees/${tree.id}/scores`, { subjectId: w.communityA.id, scores: [{ nodeId: id('组织建设'), score: 1 }] }), 404, 'NOT_FOUND');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { socialWorker, socialWorkerWithAccount } from './linkage-fixtures.js';
import { socialWorkerBrief, socialWorkerIdsOfUser } from '../../src/modules/workforce/api.js';

/** Stations, social workers, community workers on the ladder with derived pay, training, bonuses, configuration; scope, bad input, reveal. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
});
afterAll(async () => { await t?.close(); });

const audits = (action: string) => t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const rows = async (table: 'social_worker' | 'worker_profile' | 'ladder_grade' | 'worker_bonus') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const YEAR = 2026;

describe('social work stations and social workers', () => {
  it('registers stations at street and community level, lists, exports, in scope', async () => {
    const a = await s.streetStaff.post('/api/v1/social-work-stations', { orgId: w.streetA.id, name: '东北街社工站', address: '东北街 1 号', openedOn: '2025-01-01' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ level: 'street', workers: 0, actions: ['update'] });
    const c = (await s.streetStaff.post('/api/v1/social-work-stations', { orgId: w.communityA.id, name: '富康社区社工室' })).json();
    expect(c.level).toBe('community');
    expectError(await s.streetStaff.post('/api/v1/social-work-stations', { orgId: w.gridA.id, name: 'x' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post('/api/v1/social-work-stations', { orgId: w.communityB.id, name: 'x' }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post('/api/v1/social-work-stations', { orgId: w.streetA.id, name: 'x', openedOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'openedOn');
    expectError(await s.communityWorker.post('/api/v1/social-work-stations', { orgId: w.communityA.id, name: 'x' }), 403, 'FORBIDDEN');
    await s.streetStaffB.post('/api/v1/social-work-stations', { orgId: w.streetB.id, name: '东南街社工站' });
    expect((await s.streetStaff.get('/api/v1/social-work-stations')).json().items.map((x: { name: string }) => x.name)).toEqual(['富康社区社工室', '东北街社工站']);
    expect((await s.communityWorker.get('/api/v1/social-work-stations')).json().items.map((x: { name: string; actions: string[] }) => [x.name, x.actions])).toEqual([['富康社区社工室', []]]);
    expect((await s.streetStaff.get(`/api/v1/social-work-stations?q=${encodeURIComponent('富康')}`)).json().total).toBe(1);
    expectError(await s.streetStaffB.get(`/api/v1/social-work-stations/${a.json().id}`), 404, 'NOT_FOUND');
    expectError(await s.gridWorker.get('/api/v1/social-work-stations'), 403, 'FORBIDDEN');
    const x = await s.streetStaff.get('/api/v1/social-work-stations/export.xlsx');
    expect(x.headers['content-type']).toBe(XLSX);
    expect((await readXlsx(x)).rows.map((r) => r['社工站']).sort()).toEqual(['东北街社工站', '富康社区社工室'].sort());
    expect((await s.streetStaff.patch(`/api/v1/social-work-stations/${c.id}`, { status: 'closed' })).json().status).toBe('closed');
  });

  it('registers social workers with certificates and masked phones; reveal audited; the contract api answers', async () => {
    const st = (await s.streetStaff.post('/api/v1/social-work-stations', { orgId: w.streetA.id, name: '东北街第二社工站' })).json();
    const r = await s.streetStaff.post('/api/v1/social-workers', {
      orgId: w.communityA.id, name: '刘晓红', stationId: st.id, employer: '酒泉市仁爱社工服务中心', phone: '13912345678', certLevel: 'assistant', certNo: 'ZL2023001', certOn: '2023-11-01',
    });
    expect(r.statusCode).toBe(201);
    const sw = r.json();
    expect(sw).toMatchObject({ phone: '139****5678', certLevel: 'assistant', stationName: '东北街第二社工站', actions: ['update', 'reveal'] });
    expect((await s.communityWorker.get(`/api/v1/social-workers/${sw.id}`)).json()).toMatchObject({ phone: null, actions: [] });
    expectError(await s.communityWorker.post(`/api/v1/social-workers/${sw.id}/reveal`, { reason: '联系' }), 403, 'FORBIDDEN');
    expect((await audits('socialWorker.reveal')).at(-1)).toMatchObject({ outcome: 'denied' });
    expect((await s.streetStaff.post(`/api/v1/social-workers/${sw.id}/reveal`, { reason: '安排服务' })).json()).toEqual({ value: '13912345678' });
    expect((await audits('socialWorker.reveal')).at(-1)).toMatchObject({ outcome: 'success', detail: { field: 'phone', reason: '安排服务' } });

    const before = await rows('social_worker');
    expectError(await s.streetStaff.post('/api/v1/social-workers', { orgId: w.communityA.id, name: '甲', certLevel: 'intermediate' }), 400, 'VALIDATION_FAILED', 'certNo');
    expectError(await s.streetStaff.post('/api/v1/social-workers', { orgId: w.communityA.id, name: '甲', certLevel: 'senior', certNo: 'x', certOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'certOn');
    expectError(await s.streetStaff.post('/api/v1/social-workers', { orgId: w.communityA.id, name: '甲', certLevel: 'expert' }), 400, 'VALIDATION_FAILED', 'certLevel');
    expectError(await s.streetStaff.post('/api/v1/social-workers', { orgId: w.communityA.id, name: '甲', userId: w.users.resident.id }), 400, 'VALIDATION_FAILED', 'userId');
    expectError(await s.streetStaffB.post('/api/v1/social-workers', { orgId: w.communityB.id, name: '甲', stationId: st.id }), 400, 'VALIDATION_FAILED', 'stationId');
    expectError(await s.communityWorker.post('/api/v1/social-workers', { orgId: w.communityA.id, name: '甲' }), 403, 'FORBIDDEN');
    expect(await rows('social_worker')).toBe(before);

    const { worker, user } = await socialWorkerWithAccount(t, s.streetStaff, w.communityA.id, w.communityA.code, 'sw_account');
    expect(await socialWorkerIdsOfUser(t.handle.db, user.id)).toEqual([worker.id]);
    expect(await socialWorkerBrief(t.handle.db, worker.id)).toEqual({ id: worker.id, name: '陈思远', orgId: w.communityA.id, orgPath: w.communityA.path, status: 'active' });
    expect(await socialWorkerBrief(t.handle.db, 999999)).toBeNull();
    expectError(await s.streetStaff.post('/api/v1/social-workers', { orgId: w.communityA.id, name: '乙', userId: user.id }), 409, 'ACCOUNT_LINKED', 'userId');

    await socialWorker(s.streetStaffB, w.communityB.id, { name: '南苑社工' });
    const names = async (sess: Session, qs = '') => ((await sess.get(`/api/v1/social-workers${qs}`)).json().items as { name: string }[]).map((x) => x.name).sort();
    expect(await names(s.streetStaff)).toEqual(['刘晓红', '陈思远'].sort());
    expect(await names(s.streetStaffB)).toEqual(['南苑社工']);
    expect(await names(s.streetStaff, '?certLevel=assistant')).toEqual(['刘晓红']);
    expect(await names(s.streetStaff, `?stationId=${st.id}`)).toEqual(['刘晓红']);
    expect(await names(s.streetStaff, `?q=${encodeURIComponent('仁爱')}`)).toEqual(['刘晓红']);
    expectError(await s.streetStaff.get(`/api/v1/social-workers?orgId=${w.streetB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    const sheet = await readXlsx(await s.streetStaff.get('/api/v1/social-workers/export.xlsx'));
    expect(sheet.rows.map((x) => x['姓名']).sort()).toEqual(['刘晓红', '陈思远'].sort());
    expect(JSON.stringify(sheet.rows)).not.toContain('5678');
    expect((await s.streetStaff.patch(`/api/v1/social-workers/${sw.id}`, { certLevel: 'none' })).json()).toMatchObject({ certLevel: 'none', certNo: null, certOn: null });
    expect((await s.streetStaff.patch(`/api/v1/social-workers/${sw.id}`, { status: 'left' })).json().status).toBe('left');
  });
});

describe('community workers, the ladder and pay', () => {
  it('shows the default 四岗十八级, takes the local average wage, refuses bad configuration', async () => {
    const c = (await s.communityWorker.get('/api/v1/workforce/config')).json();
    expect(c.ladder.grades).toHaveLength(18);
    expect(c.ladder.posts.map((p: { code: string }) => p.code)).toEqual(['head', 'deputy', 'member', 'staff']);
    expect(c.ladder.grades[17]).toEqual({ grade: 18, coefficient: 1.85 });
    expect(c.wage).toBeNull();
    expect(c.bonuses.map((b: { certLevel: string; oneTimeBonus: number; monthlyAllowance: number }) => [b.certLevel, b.oneTimeBonus, b.monthlyAllowance]))
      .toEqual([['assistant', 1000, 200], ['intermediate', 3000, 400], ['senior', 3000, 400]]);
    expect(c.actions).toEqual([]);

    const r = await s.streetStaff.post('/api/v1/workforce/wages', { orgId: w.streetA.id, year: YEAR, annualWage: 84000, source: '酒泉市统计局 2025 年城镇非私营单位在岗职工平均工资' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ wage: { annualWage: 84000, year: YEAR, orgId: w.streetA.id }, actions: ['configure'] });
    expectError(await s.streetStaff.post('/api/v1/workforce/wages', { orgId: w.district.id, year: YEAR, annualWage: 90000 }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post('/api/v1/workforce/wages', { orgId: w.communityA.id, year: YEAR, annualWage: 90000 }), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post('/api/v1/workforce/wages', { orgId: w.streetA.id, year: 2035, annualWage: 90000 }), 400, 'VALIDATION_FAILED', 'year');
    expectError(await s.streetStaff.post('/api/v1/workforce/wages', { orgId: w.streetA.id, year: YEAR, annualWage: 12.5 }), 400, 'VALIDATION_FAILED', 'annualWage');
    expectError(await s.communityWorker.post('/api/v1/workforce/wages', { orgId: w.streetA.id, year: YEAR, annualWage: 90000 }), 403, 'FORBIDDEN');
    const grades = Array.from({ length: 18 }, (_, i) => ({ grade: i + 1, coefficient: 1 + i * 0.05 }));
    const posts = [{ code: 'staff', name: '专职', minGrade: 1, maxGrade: 18 }];
    const ladderBefore = await rows('ladder_grade');
    expectError(await s.streetStaff.post('/api/v1/workforce/ladder', { orgId: w.streetA.id, grades: grades.slice(1), posts }), 400, 'VALIDATION_FAILED', 'grades');
    expectError(await s.streetStaff.post('/api/v1/workforce/ladder', { orgId: w.streetA.id, grades, posts: [{ code: 'staff', name: '专职', minGrade: 1, maxGrade: 9 }] }), 400, 'VALIDATION_FAILED', 'posts');
    expectError(await s.streetStaff.post('/api/v1/workforce/ladder', { orgId: w.streetA.id, grades: [{ grade: 1, coefficient: 0.8 }], posts: [{ code: 'staff', name: '专职', minGrade: 1, maxGrade: 1 }] }), 400, 'VALIDATION_FAILED', 'grades.0.coefficient');
    expect(await rows('ladder_grade')).toBe(ladderBefore);
    expect((await audits('workforce.wage')).at(-1)?.detail).toMatchObject({ year: YEAR, annualWage: 84000 });
  });

  it('derives pay from grade, wage and certificate, shows it to managers only, never below the average', async () => {
    const r = await s.streetStaff.post('/api/v1/worker-profiles', {
      orgId: w.communityA.id, name: '张丽', phone: '13700001234', post: 'staff', grade: 5, hiredOn: '2019-07-01', userId: w.users.communityWorker.id,
    });
    expect(r.statusCode).toBe(201);
    const p = r.json();
    // 84,000 × 1.20 / 12 = 8,400
    expect(p).toMatchObject({ postName: '社区专职工作者', grade: 5, phone: '137****1234', pay: { annualWage: 84000, coefficient: 1.2, basePay: 8400, allowance: 0, monthly: 8400, floored: false } });
    const seen = (await s.communityWorker.get(`/api/v1/worker-profiles/${p.id}`)).json();
    expect(seen).toMatchObject({ pay: null, phone: null, actions: [], bonuses: [] });
    expect((await s.communityWorker.get('/api/v1/worker-profiles')).json().items[0].pay).toBeNull();
    expectError(await s.streetStaffB.get(`/api/v1/worker-profiles/${p.id}`), 404, 'NOT_FOUND');
    expect((await s.streetStaffB.get('/api/v1/worker-profiles')).json().total).toBe(0);

    const before = await rows('worker_profile');
    expectError(await s.streetStaff.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '甲', post: 'staff', grade: 12 }), 400, 'VALIDATION_FAILED', 'grade');
    expectError(await s.streetStaff.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '甲', post: 'boss', grade: 2 }), 400, 'VALIDATION_FAILED', 'post');
    expectError(await s.streetStaff.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '甲', post: 'staff', grade: 2, userId: w.users.communityWorker.id }), 409, 'ACCOUNT_LINKED', 'userId');
    expectError(await s.streetStaff.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '甲', post: 'staff', grade: 2, userId: w.users.resident.id }), 400, 'VALIDATION_FAILED', 'userId');
    expectError(await s.streetStaff.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '甲', post: 'staff', grade: 2, hiredOn: '2099-01-01' }), 400, 'VALIDATION_FAILED', 'hiredOn');
    expectError(await s.communityWorker.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '甲', post: 'staff', grade: 2 }), 403, 'FORBIDDEN');
    expect(await rows('worker_profile')).toBe(before);

    // A certificate adds the monthly allowance; the one-off award is paid once per level.
    const up = (await s.streetStaff.patch(`/api/v1/worker-profiles/${p.id}`, { certLevel: 'intermediate', certNo: 'SG2025-88', certOn: '2025-11-02', grade: 6 })).json();
    expect(up.pay).toMatchObject({ coefficient: 1.25, basePay: 8750, allowance: 400, monthly: 9150, annual: 109800 });
    expect((await audits('workerProfile.update')).at(-1)?.detail).toMatchObject({ from: { post: 'staff', grade: 5 }, to: { post: 'staff', grade: 6 } });
    expectError(await s.streetStaff.post(`/api/v1/worker-profiles/${p.id}/bonuses`, { awardedOn: '2025-10-01' }), 400, 'VALIDATION_FAILED', 'awardedOn');
    const b = await s.streetStaff.post(`/api/v1/worker-profiles/${p.id}/bonuses`, { awardedOn: '2025-12-01', note: '社工师考试通过' });
    expect(b.statusCode).toBe(201);
    expect(b.json().bonuses).toMatchObject([{ certLevel: 'intermediate', amount: 3000, awardedOn: '2025-12-01' }]);
    const bonusesBefore = await rows('worker_bonus');
    expectError(await s.streetStaff.post(`/api/v1/worker-profiles/${p.id}/bonuses`, { awardedOn: '2025-12-02' }), 409, 'BONUS_AWARDED');
    expect(await rows('worker_bonus')).toBe(bonusesBefore);

    const tr = await s.streetStaff.post(`/api/v1/worker-profiles/${p.id}/trainings`, { heldOn: '2026-05-10', topic: '社区治理能力提升培训', hours: 12.5, provider: '市民政局' });
    expect(tr.json()).toMatchObject({ trainingHours: 12.5, trainings: [{ topic: '社区治理能力提升培训', hours: 12.5 }] });
    expectError(await s.streetStaff.post(`/api/v1/worker-profiles/${p.id}/trainings`, { heldOn: '2026-05-10', topic: 'x', hours: 0 }), 400, 'VALIDATION_FAILED', 'hours');
    expectError(await s.communityWorker.post(`/api/v1/worker-profiles/${p.id}/trainings`, { heldOn: '2026-05-10', topic: 'x', hours: 1 }), 403, 'FORBIDDEN');

    // The floor: at 84,005 a year grade 1 (1.00) rounds to 7,000 a month, below 84,005 / 12 — it is raised to 7,001.
    await s.streetStaff.post('/api/v1/workforce/wages', { orgId: w.streetA.id, year: YEAR, annualWage: 84005 });
    const low = (await s.streetStaff.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '王强', post: 'staff', grade: 1 })).json();
    expect(low.pay).toMatchObject({ averageMonthly: 7001, gradePay: 7000, basePay: 7001, floored: true, monthly: 7001 });
    // Another year without a wage of its own uses the newest earlier year; before any, no pay and a reason.
    expect((await s.streetStaff.get(`/api/v1/worker-profiles/${low.id}?year=2027`)).json().pay.year).toBe(YEAR);
    expect((await s.streetStaff.get(`/api/v1/worker-profiles/${low.id}?year=2020`)).json()).toMatchObject({ pay: null, payProblem: expect.stringContaining('2020') });

    // Exports: pay columns for managers only.
    const mx = await readXlsx(await s.streetStaff.get('/api/v1/worker-profiles/export.xlsx'));
    expect(mx.header).toContain('月薪酬（元）');
    expect(mx.rows.find((x) => x['姓名'] === '王强')).toMatchObject({ '月薪酬（元）': 7001, '说明': '按当地平均工资保底' });
    const cx = await readXlsx(await s.communityWorker.get('/api/v1/worker-profiles/export.xlsx'));
    expect(cx.header).not.toContain('月薪酬（元）');
    expect(cx.rows.map((x) => x['姓名']).sort()).toEqual(['张丽', '王强'].sort());
    expect((await audits('workerProfile.export')).at(-1)?.detail).toMatchObject({ rows: 2, filter: { pay: false } });

    // Bonus rules and ladder configured at the street apply to its workers.
    await s.streetStaff.post('/api/v1/workforce/cert-bonuses', { orgId: w.streetA.id, rules: [{ certLevel: 'intermediate', oneTimeBonus: 3500, monthlyAllowance: 500 }] });
    expect((await s.streetStaff.get(`/api/v1/worker-profiles/${p.id}`)).json().pay.allowance).toBe(500);
    expectError(await s.streetStaff.post('/api/v1/workforce/cert-bonuses', { orgId: w.streetA.id, rules: [{ certLevel: 'senior', oneTimeBonus: 1, monthlyAllowance: 1 }, { certLevel: 'senior', oneTimeBonus: 2, monthlyAllowance: 2 }] }), 400, 'VALIDATION_FAILED', 'rules');
    const small = { orgId: w.streetA.id, grades: Array.from({ length: 5 }, (_, i) => ({ grade: i + 1, coefficient: 1 + i * 0.1 })), posts: [{ code: 'staff', name: '专职', minGrade: 1, maxGrade: 5 }] };
    expectError(await s.streetStaff.post('/api/v1/workforce/ladder', small), 409, 'LADDER_STRANDS_WORKERS', 'posts');
    await s.streetStaff.patch(`/api/v1/worker-profiles/${p.id}`, { grade: 4 });
    const cfg = (await s.streetStaff.post('/api/v1/workforce/ladder', small)).json();
    expect(cfg.ladder).toMatchObject({ orgId: w.streetA.id, posts: [{ code: 'staff', minGrade: 1, maxGrade: 5 }] });
    expect((await s.streetStaff.get(`/api/v1/worker-profiles/${p.id}`)).json().pay.coefficient).toBe(1.3);
    expect((await s.streetStaffB.get('/api/v1/workforce/config')).json().ladder.grades).toHaveLength(18);
    expect((await s.streetStaff.get(`/api/v1/worker-profiles?grade=4&post=staff`)).json().items.map((x: { name: string }) => x.name)).toEqual(['张丽']);
    expect((await s.streetStaff.get(`/api/v1/worker-profiles?certLevel=intermediate`)).json().total).toBe(1);
    expectError(await s.streetStaff.post(`/api/v1/worker-profiles/${low.id}/bonuses`, { awardedOn: '2026-01-01' }), 409, 'NO_CERTIFICATE');
    expect((await s.streetStaff.post(`/api/v1/worker-profiles/${p.id}/reveal`, { reason: '核对' })).json()).toEqual({ value: '13700001234' });
    expect((await audits('workerProfile.reveal')).at(-1)).toMatchObject({ outcome: 'success', detail: { reason: '核对' } });
  });
});

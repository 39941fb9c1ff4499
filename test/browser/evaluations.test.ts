import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, readXlsx, type World } from '../api/fixtures.js';
import { API, allDims, households, livesIn } from '../api/evaluations-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn as signIn, PHONE } from './harness.js';

/**
 * The evaluation journey in real Chromium: the street opens a campaign rating two
 * communities and a department; a sampled resident answers on the phone in the app and
 * another household through its link without logging in; the street closes the campaign,
 * sees the ranking, and the department below the pass mark gets a rectification that is
 * reported and signed off by the three levels until it is closed.
 */
describe.skipIf(!haveChromium)('evaluation journey in Chromium', () => {
  let t: TestApp; let w: World; let browser: Browser; let base: string;
  let street: Session; let desk: Page;
  let cid = 0; let dims: { id: number; position: number }[] = [];
  const ev = { A: 0, A2: 0, D: 0 };
  const open = async (o: BrowserContextOptions) => (await browser.newContext({ ...o, timezoneId: 'Asia/Shanghai' })).newPage();

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['streetStaff', 'communityWorker', 'departmentStaff', 'resident']);
    const a2 = await t.org(w.streetA.id, 'community', '620902001002', '康乐社区');
    const worker2 = await t.login((await t.user('communityWorker', a2.code, 'eval_b_worker2')).username);
    await households(t, w.communityA, 3);
    await households(t, a2, 2);
    street = await t.login('streetstaff_w');
    const c = await street.post(`${API}/eval-campaigns`, { orgId: w.streetA.id, title: '第四季度双向考评', periodStart: '2026-10-01', periodEnd: '2026-12-31', sampleSize: 2, seed: 7, bestN: 1 });
    expect(c.statusCode, c.body).toBe(201);
    cid = c.json().id;
    dims = c.json().dimensions;
    for (const [k, id] of [['A', w.communityA.id], ['A2', a2.id], ['D', w.deptA.id]] as const) {
      const r = await street.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind: 'org', subjectId: id });
      expect(r.statusCode, r.body).toBe(200);
      ev[k] = r.json().evaluatees.find((e: { subjectId: number }) => e.subjectId === id).id;
    }
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    // scores are entered through the API here (the sheets are covered by the API tests)
    (globalThis as Record<string, unknown>).__evalSessions = { worker: await t.login('communityworker_w'), worker2, dept: await t.login('departmentstaff_w') };
  }, 240_000);
  afterAll(async () => { await browser?.close(); await t?.close(); });

  it('the street opens the campaign in the console (the sample is drawn)', async () => {
    desk = await open(DESKTOP);
    await signIn(desk, base, 'streetstaff_w');
    await desk.waitForURL(/\/app\//);
    await desk.goto(`${base}/app/evaluations`);
    await desk.getByTestId(`ev-campaign-${cid}`).click();
    await desk.waitForURL(new RegExp(`/app/evaluations/${cid}$`));
    await desk.getByTestId('ev-open').click();
    await desk.getByTestId('ev-open-ok').click();
    await desk.getByTestId('ev-close').waitFor();
    const s = (globalThis as Record<string, unknown>).__evalSessions as Record<string, Session>;
    const put = async (who: Session, rater: number, target: number, v: number) => expect((await who.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: rater, targetId: target, scores: allDims(dims, v) })).statusCode).toBe(200);
    await put(s.worker, ev.A, ev.A, 95); await put(s.worker, ev.A, ev.A2, 80); await put(s.worker, ev.A, ev.D, 40);
    await put(s.worker2, ev.A2, ev.A, 90); await put(s.worker2, ev.A2, ev.D, 45);
    await put(s.dept, ev.D, ev.D, 90); await put(s.dept, ev.D, ev.A, 85); await put(s.dept, ev.D, ev.A2, 70);
  });

  it('a community worker corrects a peer row in the score sheet', async () => {
    const cw = await open(DESKTOP);
    await signIn(cw, base, 'communityworker_w');
    await cw.waitForURL(/\/app\//);
    await cw.goto(`${base}/app/eval-scoring`);
    const row = cw.getByTestId(`ev-row-${ev.A2}`);
    await row.waitFor();
    for (const d of dims) await cw.getByTestId(`ev-score-${ev.A2}-${d.position}`).fill('82');
    await cw.getByTestId(`ev-save-${ev.A2}`).click();
    await expect.poll(async () => (await t.handle.db.selectFrom('eval_score').select('score').where('rater_id', '=', ev.A).where('target_id', '=', ev.A2).execute()).map((r) => r.score))
      .toEqual(dims.map(() => 82));
    await cw.context().close();
  });

  it('a sampled resident answers in the app on the phone; another household by its link, each once', async () => {
    const first = await t.handle.db.selectFrom('eval_sample').select(['id', 'household_id']).where('campaign_id', '=', cid).where('sample_path', '=', w.communityA.path).orderBy('draw_order').executeTakeFirstOrThrow();
    await livesIn(t, w.users.resident.id, first.household_id);
    const phone = await open(PHONE);
    await signIn(phone, base, 'resident_w');
    await phone.waitForURL(/\/m$/);
    await phone.getByText('满意度测评').first().click();
    await phone.waitForURL(/\/m\/surveys$/);
    await phone.getByTestId(`m-survey-${first.id}`).click();
    for (const d of dims) await phone.getByTestId(`ev-q-${ev.A}-${d.position}-90`).click();
    await phone.getByTestId('ev-survey-submit').click();
    await phone.getByTestId('ev-survey-done').waitFor();

    const x = await readXlsx(await street.get(`${API}/eval-campaigns/${cid}/sample.xlsx`));
    const row = x.rows.find((r) => r['测评范围'] === '东北街街道')!;
    const link = String(row['测评链接']);
    const anon = await open(PHONE);
    await anon.goto(`${base}${link}`);
    await anon.getByTestId(`ev-survey-e-${ev.D}`).waitFor();
    for (const d of dims) await anon.getByTestId(`ev-q-${ev.D}-${d.position}-40`).click();
    await anon.getByTestId('ev-survey-submit').click();
    await anon.getByTestId('ev-survey-done').waitFor();
    // the same link again: already answered
    const again = await t.app.inject({ method: 'POST', url: `${API}/public${link.replace('/s/', '/eval-surveys/')}`, payload: { answers: [{ evaluateeId: ev.D, scores: allDims(dims, 1) }] } });
    expect(again.statusCode).toBe(409);
    await anon.reload();
    await anon.getByTestId('ev-survey-done').waitFor();
  });

  it('the street sees the progress, closes the campaign and sees the ranking', async () => {
    await desk.reload();
    await desk.getByRole('tab', { name: '入户测评' }).click();
    await expect.poll(() => desk.getByTestId('ev-progress').textContent()).toContain('2 /');
    await desk.getByTestId('ev-close').click();
    await desk.getByTestId('ev-close-ok').click();
    await desk.getByTestId('ev-publish').waitFor();
    await desk.getByRole('tab', { name: '结果排名' }).click();
    const ranking = desk.getByTestId('ev-ranking');
    await ranking.getByTestId(`ev-rank-${ev.A}`).waitFor();
    const rows = await ranking.locator('tbody tr.ant-table-row').allTextContents();
    expect(rows[0]).toContain('富康社区');
    expect(rows[rows.length - 1]).toContain('民政办');
    expect(rows[rows.length - 1]).toContain('不合格');
    await desk.getByTestId(`ev-cert-${ev.A}`).waitFor();
  });

  it('the department’s rectification is reported and signed off by the three levels', async () => {
    await desk.getByRole('tab', { name: '整改' }).click();
    const rect = await t.handle.db.selectFrom('eval_rectification').select('id').where('evaluatee_id', '=', ev.D).executeTakeFirstOrThrow();
    await desk.getByTestId(`ev-rect-${rect.id}`).click();
    await desk.getByTestId('ev-rect-measures-input').fill('建立首问负责制，每周回访群众');
    await desk.getByTestId('ev-rect-report').click();
    await desk.getByTestId('ev-rect-measures').waitFor();
    for (const [level, name] of [['party', '李书记'], ['unit', '王主任'], ['resident', '张代表']] as const) {
      await desk.getByTestId(`ev-sign-${level}-signer`).fill(name);
      await desk.getByTestId(`ev-sign-${level}-submit`).click();
      await desk.getByTestId(`ev-sign-${level}`).waitFor({ state: 'detached' });
    }
    await expect.poll(() => desk.getByTestId('ev-rect-status').textContent()).toContain('已销号');
    const r = await street.get(`${API}/eval-rectifications/${rect.id}`);
    expect(r.json().signoffs.map((s: { signer: string }) => s.signer)).toEqual(['李书记', '王主任', '张代表']);
  });

  it('an evaluator scores an indicator tree and sees the weighted totals', async () => {
    const tr = await street.post(`${API}/indicator-trees`, {
      orgId: w.streetA.id, title: '社区年度考核', purpose: 'community', subjectIds: [w.communityA.id], evaluatorIds: [w.users.streetStaff.id],
      nodes: [{ key: 'p', parentKey: null, name: '党建引领', weight: 40 }, { key: 's', parentKey: null, name: '服务群众', weight: 60 }],
    });
    expect(tr.statusCode, tr.body).toBe(201);
    const tree = tr.json();
    await desk.goto(`${base}/app/indicator-trees`);
    await desk.getByTestId(`ev-tree-${tree.id}`).click();
    await desk.getByRole('tab', { name: '我的评分' }).click();
    await desk.getByTestId(`ev-leaf-${tree.nodes[0].id}`).fill('80');
    await desk.getByTestId(`ev-leaf-${tree.nodes[1].id}`).fill('90');
    await desk.getByTestId('ev-tree-score-save').click();
    await expect.poll(async () => (await t.handle.db.selectFrom('indicator_score').select('score').where('tree_id', '=', tree.id).execute()).length).toBe(2);
    await desk.getByRole('tab', { name: '汇总得分' }).click();
    // 0.4·80 + 0.6·90 = 86
    await expect.poll(() => desk.locator('.ant-drawer tbody tr.ant-table-row').first().textContent()).toContain('86.00');
  });
});

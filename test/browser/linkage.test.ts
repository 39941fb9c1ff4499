import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, readXlsx, type World } from '../api/fixtures.js';
import { API, fundWithLine, socialOrgWithStaff } from '../api/projects-fixtures.js';
import { allDims, households, livesIn } from '../api/evaluations-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn as signIn, PHONE } from './harness.js';

/**
 * Issue 7's journey in one sitting, in real Chromium — community + social organization +
 * social worker, money following projects, residents supervising (三社联动):
 *   1. a community worker applies for a project; the street approves it on a budget line of
 *      its fund and awards it directly to a social organization;
 *   2. the organization's staff records a milestone and requests a tranche; the street
 *      approves and pays it; the project's and the fund's figures follow; a resident gives
 *      feedback on the phone;
 *   3. the street opens a quarterly campaign rating its two communities, a department and
 *      that social organization (self, peers, residents 10/40/50); a community worker
 *      corrects a peer row in the score sheet; a sampled resident answers in the app on the
 *      phone, another household through its link without logging in, each once;
 *   4. the street closes the campaign and sees the ranking; the department below the pass
 *      mark gets a rectification that is reported and signed off by the three levels;
 *   5. an evaluator scores an indicator tree and sees the weighted totals.
 */
const USERS = { community: 'communityworker_w', street: 'streetstaff_w', resident: 'resident_w' };
const OK = /确\s*定|OK/;
/** The machine is shared: give each refresh after a write time to arrive. */
const POLL = { timeout: 15_000 };

describe.skipIf(!haveChromium)('three-society linkage journey in Chromium', { timeout: 120_000 }, () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let desk: Page;
  let projectId = 0;
  let fundId = 0;
  let org: Awaited<ReturnType<typeof socialOrgWithStaff>>;
  let street: Session;
  let cid = 0;
  let dims: { id: number; position: number }[] = [];
  const ev = { A: 0, A2: 0, D: 0, S: 0 };
  let scorers: Record<'worker' | 'worker2' | 'dept' | 'org', Session>;
  const open = async (o: BrowserContextOptions) => (await browser.newContext({ ...o, timezoneId: 'Asia/Shanghai' })).newPage();

  /** An input by its test id, whether antd put the id on the input or on a wrapper. */
  const field = (p: Page, id: string) => p.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea, .${id} input`).first();
  const chooseOption = async (p: Page, id: string, text: string, type?: string) => {
    await p.getByTestId(id).click();
    if (type) await p.keyboard.type(type);
    await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
  };
  const okIn = (p: Page, modal: string) => p.getByTestId(modal).getByRole('button', { name: OK }).click();
  const confirmOk = (p: Page) => p.locator('.ant-modal-confirm').getByRole('button', { name: OK }).click();
  const asUser = async (username: string) => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await ctx.newPage();
    await signIn(page, base, username);
    await page.waitForURL(/\/app\//);
    return page;
  };

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['communityWorker', 'streetStaff', 'departmentStaff', 'resident']);
    org = await socialOrgWithStaff(t, w.communityA, '富康邻里互助中心');
    street = await t.login(USERS.street);
    fundId = (await fundWithLine(street, w.streetA, 20_000_000, 10_000_000, '2026 公益创投资金')).fundId;
    const a2 = await t.org(w.streetA.id, 'community', '620902001002', '康乐社区');
    const worker2 = await t.login((await t.user('communityWorker', a2.code, 'eval_b_worker2')).username);
    await households(t, w.communityA, 3);
    await households(t, a2, 2);
    scorers = { worker: await t.login(USERS.community), worker2, dept: await t.login('departmentstaff_w'), org: org.session };
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a community worker applies for a project', async () => {
    desk = await asUser(USERS.community);
    await desk.goto(`${base}/app/projects`);
    await desk.getByTestId('project-apply').click();
    await desk.getByTestId('project-org').click();
    await desk.keyboard.type('富康社区');
    await desk.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper', { hasText: '富康社区' }).click();
    await field(desk, 'project-title').fill('独居老人助餐服务');
    await field(desk, 'project-need').fill('社区独居老人 80 人午餐无人照料');
    const period = desk.locator('.project-period input');
    await period.nth(0).click();
    await period.nth(0).fill('2027-01-01');
    await period.nth(0).press('Enter');
    await period.nth(1).fill('2027-06-30');
    await period.nth(1).press('Enter');
    await field(desk, 'budget-item-0').fill('餐费补贴');
    await field(desk, 'budget-amount-0').fill('50000');
    await desk.getByTestId('project-submit').click();
    await desk.waitForURL(/\/app\/projects\/\d+$/);
    projectId = Number(desk.url().split('/').pop());
    await expect.poll(() => desk.getByTestId('project-status').first().textContent(), POLL).toBe('待审核');
  });

  it('the street approves it on a budget line and awards it to a social organization', async () => {
    const streetDesk = await asUser(USERS.street);
    await streetDesk.goto(`${base}/app/projects`);
    await streetDesk.getByTestId('queue-review').click();
    await streetDesk.getByTestId(`project-open-${projectId}`).click();
    await streetDesk.getByTestId('step-approve').click();
    await chooseOption(streetDesk, 'step-lineId', '为老服务');
    await okIn(streetDesk, 'approve-form');
    await expect.poll(() => streetDesk.getByTestId('project-approved').textContent(), POLL).toBe('¥50,000.00');
    await streetDesk.getByTestId('step-awardDirect').click();
    await chooseOption(streetDesk, 'step-awardeeId', org.name, '互助');
    await okIn(streetDesk, 'award-form');
    await expect.poll(() => streetDesk.getByTestId('project-awardee').textContent(), POLL).toBe(org.name);
    await expect.poll(() => streetDesk.getByTestId('project-status').first().textContent(), POLL).toBe('实施中');
    desk = streetDesk;
  });

  it('the organization\'s staff records a milestone and requests a tranche', async () => {
    const staff = await asUser(org.user.username);
    await staff.goto(`${base}/app/projects/${projectId}`);
    await staff.getByTestId('step-milestone').click();
    await field(staff, 'step-title').fill('助餐点开餐');
    const due = field(staff, 'step-dueOn');
    await due.click();
    await due.fill('2027-01-05');
    await due.press('Enter');
    await okIn(staff, 'milestone-form');
    await expect.poll(() => staff.getByTestId('project-milestones').textContent(), POLL).toContain('助餐点开餐');
    await staff.getByTestId('project-milestones').locator('button[data-testid^="milestone-done-"]').click();
    await okIn(staff, 'milestone-done-form');
    await expect.poll(() => staff.getByTestId('project-milestones').locator('button').count(), POLL).toBe(0);
    await staff.getByTestId('step-requestTranche').click();
    await field(staff, 'step-amount').fill('20000');
    await field(staff, 'step-purpose').fill('首期餐费');
    await okIn(staff, 'tranche-form');
    await expect.poll(() => staff.getByTestId('project-tranches').textContent(), POLL).toContain('首期餐费');
    await expect.poll(() => staff.getByTestId('project-room').textContent(), POLL).toBe('¥30,000.00');
  });

  it('the street approves and pays the tranche; the project and the fund figures follow', async () => {
    const tranche = await t.handle.db.selectFrom('project_tranche').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow();
    await desk.reload();
    await desk.getByTestId(`tranche-approve-${tranche.id}`).click();
    await confirmOk(desk);
    await desk.getByTestId(`tranche-pay-${tranche.id}`).click();
    await field(desk, 'step-paymentRef').fill('PZ-2027-0001');
    await okIn(desk, 'pay-form');
    await expect.poll(() => desk.getByTestId('project-paid').textContent(), POLL).toBe('¥20,000.00');
    await expect.poll(() => desk.getByTestId('project-tranches').textContent(), POLL).toContain('PZ-2027-0001');
    await desk.goto(`${base}/app/project-funds`);
    await expect.poll(() => desk.getByTestId(`fund-committed-${fundId}`).textContent(), POLL).toBe('¥50,000.00');
    await expect.poll(() => desk.getByTestId(`fund-paid-${fundId}`).textContent(), POLL).toBe('¥20,000.00');
    await desk.getByTestId('fund-chart').waitFor();
    const line = await t.handle.db.selectFrom('project_budget_line').selectAll().where('fund_id', '=', fundId).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ committed: 5_000_000, paid: 2_000_000 });
  });

  it('a resident sees the project on the phone and gives feedback', async () => {
    const phone = await (await browser.newContext(PHONE)).newPage();
    await signIn(phone, base, USERS.resident);
    await phone.waitForURL(/\/m$/);
    await phone.goto(`${base}/m/projects`);
    await phone.getByTestId(`m-project-${projectId}`).click();
    await field(phone, 'm-feedback-body').fill('饭菜可口，老人满意');
    await phone.getByTestId('m-feedback-send').click();
    await expect.poll(() => phone.getByTestId('m-supervision').textContent(), POLL).toContain('饭菜可口');
    const r = await (await t.login(USERS.street)).get(`${API}/projects/${projectId}`);
    expect(r.json().supervision).toMatchObject([{ kind: 'feedback', body: '饭菜可口，老人满意' }]);
  });
  it('the street sets up a campaign rating its communities, a department and the project\'s social organization', async () => {
    const c = await street.post(`${API}/eval-campaigns`, { orgId: w.streetA.id, title: '第四季度双向考评', periodStart: '2026-10-01', periodEnd: '2026-12-31', sampleSize: 2, seed: 7, bestN: 1 });
    expect(c.statusCode, c.body).toBe(201);
    cid = c.json().id;
    dims = c.json().dimensions;
    const a2 = await t.handle.db.selectFrom('org').select('id').where('code', '=', '620902001002').executeTakeFirstOrThrow();
    for (const [k, kind, id] of [['A', 'org', w.communityA.id], ['A2', 'org', a2.id], ['D', 'org', w.deptA.id], ['S', 'socialOrg', org.id]] as const) {
      const r = await street.post(`${API}/eval-campaigns/${cid}/evaluatees`, { kind, subjectId: id });
      expect(r.statusCode, r.body).toBe(200);
      ev[k] = r.json().evaluatees.find((e: { kind: string; subjectId: number }) => e.subjectId === id && e.kind === kind).id;
    }
  });

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
    const s = scorers;
    const put = async (who: Session, rater: number, target: number, v: number) => expect((await who.post(`${API}/eval-campaigns/${cid}/scores`, { raterId: rater, targetId: target, scores: allDims(dims, v) })).statusCode).toBe(200);
    await put(s.worker, ev.A, ev.A, 95); await put(s.worker, ev.A, ev.A2, 80); await put(s.worker, ev.A, ev.D, 40);
    await put(s.worker2, ev.A2, ev.A, 90); await put(s.worker2, ev.A2, ev.D, 45);
    await put(s.dept, ev.D, ev.D, 90); await put(s.dept, ev.D, ev.A, 85); await put(s.dept, ev.D, ev.A2, 70);
    // The social organization scores itself and the others through its staff account.
    await put(s.org, ev.S, ev.S, 88); await put(s.org, ev.S, ev.A, 86); await put(s.org, ev.S, ev.D, 50);
    await put(s.worker, ev.A, ev.S, 84); await put(s.dept, ev.D, ev.S, 80);
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
    for (const d of dims) await anon.getByTestId(`ev-q-${ev.S}-${d.position}-90`).click();
    await anon.getByTestId('ev-survey-submit').click();
    await anon.getByTestId('ev-survey-done').waitFor();
    // the same link again: already answered
    const again = await t.app.inject({ method: 'POST', url: `${API}/public${link.replace('/s/', '/eval-surveys/')}`, payload: { answers: [{ evaluateeId: ev.D, scores: allDims(dims, 1) }, { evaluateeId: ev.S, scores: allDims(dims, 1) }] } });
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
    // The organization that ran the project is ranked with them (self 88, peers 82, residents 90 → 86.60).
    expect(rows[1]).toContain(org.name);
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

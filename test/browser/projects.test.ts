import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { API, fundWithLine, socialOrgWithStaff } from '../api/projects-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn as signIn, PHONE } from './harness.js';

/**
 * The project journey in real Chromium: a community worker applies for a project; the
 * street approves it on a budget line of its fund and awards it directly to a social
 * organization; the organization's staff records a milestone and requests a tranche; the
 * street approves and pays it; the figures follow on the project and on the fund; a
 * resident sees the project on the phone and gives feedback.
 */
const USERS = { community: 'communityworker_w', street: 'streetstaff_w', resident: 'resident_w' };
const OK = /确\s*定|OK/;
/** The machine is shared: give each refresh after a write time to arrive. */
const POLL = { timeout: 15_000 };

describe.skipIf(!haveChromium)('project journey in Chromium', { timeout: 120_000 }, () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let desk: Page;
  let projectId = 0;
  let fundId = 0;
  let org: Awaited<ReturnType<typeof socialOrgWithStaff>>;

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
    w = await buildWorld(t, ['communityWorker', 'streetStaff', 'resident']);
    org = await socialOrgWithStaff(t, w.communityA, '富康邻里互助中心');
    fundId = (await fundWithLine(await t.login(USERS.street), w.streetA, 20_000_000, 10_000_000, '2026 公益创投资金')).fundId;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

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
    const street = await asUser(USERS.street);
    await street.goto(`${base}/app/projects`);
    await street.getByTestId('queue-review').click();
    await street.getByTestId(`project-open-${projectId}`).click();
    await street.getByTestId('step-approve').click();
    await chooseOption(street, 'step-lineId', '为老服务');
    await okIn(street, 'approve-form');
    await expect.poll(() => street.getByTestId('project-approved').textContent(), POLL).toBe('¥50,000.00');
    await street.getByTestId('step-awardDirect').click();
    await chooseOption(street, 'step-awardeeId', org.name, '互助');
    await okIn(street, 'award-form');
    await expect.poll(() => street.getByTestId('project-awardee').textContent(), POLL).toBe(org.name);
    await expect.poll(() => street.getByTestId('project-status').first().textContent(), POLL).toBe('实施中');
    desk = street;
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
});

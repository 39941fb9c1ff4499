import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { API, budget, voter } from '../api/microprojects-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn as signIn, PHONE } from './harness.js';

/**
 * The micro-project journey in real Chromium: a resident proposes on the phone; the
 * community worker approves it in the console and opens the vote; the household votes on
 * the phone (the round links to voting's ballot page); the worker closes the round and the project is chosen
 * within the budget; spending is recorded; the resident sees the project's progress on
 * the phone and files a supervision comment, which the worker answers.
 */
describe.skipIf(!haveChromium)('micro-project journey in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let phone: Page;
  let desk: Page;
  let resident: { user: { username: string }; session: Session };
  let budgetId = 0;
  let projectId = 0;

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['communityWorker']);
    resident = await voter(t, w.communityA);
    const staff = await t.login('communityworker_w');
    budgetId = (await budget(staff, w.communityA.id, 50_000_00, 2027)).id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    phone = await (await browser.newContext(PHONE)).newPage();
    desk = await (await browser.newContext(DESKTOP)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a resident proposes a project from the phone', async () => {
    await signIn(phone, base, resident.user.username);
    await phone.waitForURL(/\/m$/);
    await phone.getByText('民生微实事').first().click();
    await phone.waitForURL(/\/m\/micro$/);
    await phone.getByTestId('m-propose').click();
    await phone.getByTestId('m-prop-title').fill('楼道声控灯更换');
    await phone.getByTestId('m-prop-desc').fill('3 号楼 1-6 层声控灯损坏，夜间出行不便');
    await phone.getByTestId('m-prop-cost').fill('12000.5');
    await phone.getByTestId('m-prop-submit').click();
    await phone.waitForURL(/\/m\/micro\/mine$/);
    await expect.poll(() => phone.getByTestId('m-my-proposals-page').textContent()).toContain('待审核');
  });

  it('the worker approves it and opens the vote; the household votes; closing chooses it within the budget', async () => {
    await signIn(desk, base, 'communityworker_w');
    await desk.waitForURL(/\/app\//);
    await desk.goto(`${base}/app/micro-budgets/${budgetId}`);
    const proposalId = (await resident.session.get(`${API}/micro-proposals?mine=true`)).json().items[0].id;
    await desk.getByTestId(`proposal-review-${proposalId}`).click();
    await desk.getByTestId('review-form').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => desk.getByTestId('proposals-table').textContent()).toContain('已通过');
    await desk.getByTestId('round-open').click();
    await desk.getByTestId('round-form').getByRole('button', { name: /确\s*定|OK/ }).click();
    await desk.waitForURL(/\/app\/micro-rounds\/\d+$/);
    const roundId = Number(desk.url().split('/').pop());
    const round = (await resident.session.get(`${API}/micro-rounds/${roundId}`)).json();
    // The phone shows the open round with the way to the ballot.
    await phone.goto(`${base}/m/micro`);
    await phone.getByTestId('m-open-round').click();
    await phone.waitForURL(new RegExp(`/m/micro/rounds/${roundId}$`));
    // The ballot is cast on the voting module's phone page, which the round links to.
    await phone.getByTestId('m-round-vote').click();
    await phone.waitForURL(new RegExp(`/m/votes/${round.voteId}$`));
    await phone.getByTestId('m-choice-approve').click();
    await phone.getByTestId('m-cast').click();
    await phone.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await phone.getByTestId('m-receipt-code').waitFor();
    await desk.getByTestId('round-close').click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => desk.getByTestId('round-results').textContent()).toContain('入选');
    expect(await desk.getByTestId('round-allocated').textContent()).toBe('12,000.50');
    projectId = (await resident.session.get(`${API}/micro-projects?budgetId=${budgetId}`)).json().items[0].id;
  });

  it('spending is recorded in the console; the resident follows it on the phone and files a comment the worker answers', async () => {
    await desk.goto(`${base}/app/micro-projects/${projectId}`);
    await desk.getByTestId('spending-add').click();
    await desk.getByTestId('spending-amount').fill('5000');
    await desk.getByLabel('日期').click();
    await desk.getByLabel('日期').fill('2026-12-08');
    await desk.keyboard.press('Enter');
    await desk.getByLabel('收款方').fill('某电器维修部');
    expect(await desk.getByLabel('日期').inputValue()).toBe('2026-12-08');
    const dialog = desk.getByRole('dialog');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(async () => ((await dialog.count()) ? await dialog.textContent() : 'closed')).toBe('closed');
    await expect.poll(() => desk.getByTestId('project-spending').textContent()).toContain('5,000.00');

    await phone.goto(`${base}/m/micro`);
    await phone.getByTestId(`m-project-${projectId}`).click();
    await expect.poll(() => phone.getByTestId('m-project').textContent()).toContain('已支出 5,000.00 / 12,000.50 元');
    await phone.getByTestId('m-comment').fill('施工时请注意楼道卫生');
    await phone.getByTestId('m-comment-submit').click();
    await expect.poll(() => phone.getByTestId('project-comments').textContent()).toContain('施工时请注意楼道卫生');

    await desk.reload();
    const commentId = (await resident.session.get(`${API}/micro-projects/${projectId}`)).json().comments[0].id;
    await desk.getByTestId(`comment-reply-btn-${commentId}`).click();
    await desk.getByTestId('reply-text').fill('已安排每日清扫');
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => desk.getByTestId(`comment-reply-${commentId}`).textContent()).toContain('已安排每日清扫');
    await phone.reload();
    await expect.poll(() => phone.getByTestId(`comment-reply-${commentId}`).textContent()).toContain('已安排每日清扫');
  });
});

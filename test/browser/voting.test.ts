import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { API, body } from '../api/voting-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn as signIn, PHONE } from './harness.js';

/**
 * The vote journey in real Chromium: a representative (a resident account that is a member
 * of the community's deliberation body) opens the vote from the phone home, approves,
 * confirms and gets the receipt; the worker closes the vote on the console and sees the
 * result, then publishes it; the representative checks the receipt and recounts the
 * published ballots on the phone. (The deliberation test continues: decision → tasks.)
 */
const USERS = { worker: 'communityworker_w', rep: 'resident_w' };
const confirmOk = (p: Page) => p.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();

describe.skipIf(!haveChromium)('vote journey in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let phone: Page;
  let desk: Page;
  let voteId = 0;
  let receipt = '';

  const open = async (options: BrowserContextOptions) => (await browser.newContext({ ...options, timezoneId: 'Asia/Shanghai' })).newPage();

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['communityWorker', 'resident']);
    const bodyId = await body(t, w.communityA, [w.users.resident.id, null]);
    const staff = await t.login(USERS.worker);
    const v = await staff.post(`${API}/votes`, {
      orgId: w.communityA.id, title: '3号楼加装电梯方案', electorate: { kind: 'body', bodyId }, method: 'yesNo', secret: true,
      quorum: { num: 0, den: 1 }, threshold: { num: 85, den: 100, of: 'electorate' }, open: true,
    });
    expect(v.statusCode, v.body).toBe(201);
    voteId = v.json().id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a representative votes from a phone and gets a receipt once', async () => {
    phone = await open(PHONE);
    await signIn(phone, base, USERS.rep);
    await phone.waitForURL(/\/m$/);
    await phone.getByText('我的表决').first().click();
    await phone.waitForURL(/\/m\/votes$/);
    await phone.getByTestId(`m-vote-${voteId}`).click();
    await phone.waitForURL(new RegExp(`/m/votes/${voteId}$`));
    await phone.getByTestId('m-choice-approve').click();
    await phone.getByTestId('m-cast').click();
    await confirmOk(phone);
    const code = phone.getByTestId('m-receipt-code');
    await code.waitFor();
    receipt = (await code.textContent())!.trim();
    expect(receipt).toMatch(/^[A-Z2-7]{20}$/);
    expect(await phone.getByTestId('m-receipt').textContent()).toContain('同意');
    await phone.reload();
    await phone.getByTestId('m-already-voted').waitFor();
    expect(await phone.getByTestId('m-cast').count()).toBe(0);
  });

  it('the worker closes the vote on the console and sees the result, then publishes it', async () => {
    desk = await open(DESKTOP);
    await signIn(desk, base, USERS.worker);
    await desk.waitForURL(/\/app\//);
    await desk.goto(`${base}/app/votes`);
    await desk.getByTestId(`vote-row-${voteId}`).click();
    await desk.waitForURL(new RegExp(`/app/votes/${voteId}$`));
    await expect.poll(() => desk.getByTestId('vote-live').textContent()).toContain('已投 1');
    await desk.getByTestId('vote-close').click();
    await confirmOk(desk);
    await expect.poll(() => desk.getByTestId('vote-outcome').textContent()).toBe('通过');
    expect(await desk.getByTestId('vote-count-approve').textContent()).toBe('1');
    await desk.getByTestId('vote-publish').click();
    await confirmOk(desk);
    await expect.poll(() => desk.getByTestId('vote-status').first().textContent()).toBe('已公布');
  });

  it('the representative sees the result, finds the receipt counted and recounts on the phone', async () => {
    await phone.reload();
    await expect.poll(() => phone.getByTestId('vote-outcome').textContent()).toBe('通过');
    await phone.getByTestId('m-receipt-input').fill(receipt.toLowerCase());
    await phone.getByTestId('m-receipt-check').click();
    await expect.poll(() => phone.getByTestId('m-receipt-found').textContent()).toContain('已计入：同意');
    await phone.getByTestId('m-recount').click();
    await expect.poll(() => phone.getByTestId('m-recount-result').textContent()).toContain('一致：1 张选票');
  });
});

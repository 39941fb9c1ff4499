import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn, PHONE } from './harness.js';

/**
 * The 双报到 journey in real Chromium: a party member on the phone claims a community need,
 * starts and completes it with a result; the resident who raised the wish rates it five
 * stars on their phone; the community worker sees the member at the top of the annual
 * ranking with the formula's score, downloads it as Excel, and reveals the member's phone
 * with a reason.
 */
describe.skipIf(!haveChromium)('partners journey in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let worker: Session;
  let needId = 0;

  const open = async (options: BrowserContextOptions) => (await browser.newContext(options)).newPage();
  async function signIn(page: Page, username: string, landing: RegExp) {
    await logIn(page, base, username);
    await page.waitForURL(landing);
  }

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['communityWorker']);
    worker = await t.login('communityworker_w');
    const memberUser = await t.user('resident', w.communityA.code, 'pm_phone');
    const raiser = await t.user('resident', w.communityA.code, 'wish_phone');
    const m = await worker.post('/api/v1/party-members', { orgId: w.communityA.id, name: '刘志强', phone: '13811112222', workUnit: '区财政局', partyOrg: '财政局党支部', userId: memberUser.id, status: 'active' });
    expect(m.statusCode, m.body).toBe(201);
    const n = await worker.post('/api/v1/partner-needs', { orgId: w.communityA.id, title: '陪独居老人就医', description: '周三上午陪 5 号楼王奶奶去医院复查', category: '助老', source: 'wish', raisedBy: raiser.id });
    expect(n.statusCode, n.body).toBe(201);
    needId = n.json().id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a member claims and completes a need, the raiser rates it, the worker ranks and reveals', async () => {
    const phone = await open(PHONE);
    await signIn(phone, 'pm_phone', /\/m/);
    await phone.goto(`${base}/m/partner-needs`);
    await phone.getByTestId(`m-need-${needId}`).waitFor();
    await phone.getByTestId(`m-need-${needId}-claim`).click();
    await expect.poll(() => phone.getByText('认领成功').count()).toBeGreaterThan(0);
    await phone.goto(`${base}/m/partner-claims`);
    const claimCard = phone.locator('[data-testid^="m-claim-"]').first();
    await claimCard.waitFor();
    const claimId = Number((await claimCard.getAttribute('data-testid'))!.replace('m-claim-', ''));
    await phone.getByTestId(`claim-${claimId}-start`).click();
    await expect.poll(() => claimCard.textContent()).toContain('服务中');
    await phone.getByTestId(`claim-${claimId}-complete`).click();
    await phone.getByTestId(`claim-${claimId}-result`).fill('已陪同复查，结果正常');
    await phone.getByTestId(`claim-${claimId}-dialog-ok`).click();
    await expect.poll(() => claimCard.textContent()).toContain('已陪同复查，结果正常');
    expect(await claimCard.textContent()).toContain('已完成');

    const raiser = await open(PHONE);
    await signIn(raiser, 'wish_phone', /\/m/);
    await raiser.goto(`${base}/m/partner-claims`);
    await raiser.getByTestId(`claim-${claimId}-rate`).click();
    await raiser.locator('.ant-modal .ant-rate-star').nth(4).click();
    await raiser.getByTestId(`claim-${claimId}-dialog-ok`).click();
    await expect.poll(() => raiser.getByTestId(`claim-${claimId}-rate`).count()).toBe(0);

    const desk = await open({ ...DESKTOP, acceptDownloads: true });
    await signIn(desk, 'communityworker_w', /\/app/);
    await desk.goto(`${base}/app/partner-rankings`);
    const table = desk.getByTestId('partner-rankings');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').first().textContent()).toContain('刘志强');
    // 10 for the completed claim + 5 × (5 − 3) for the rating.
    expect(await table.locator('tbody tr.ant-table-row').first().textContent()).toContain('20');
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('partner-rankings-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await desk.goto(`${base}/app/partners?tab=members`);
    const row = desk.getByTestId('partner-members').locator('tbody tr.ant-table-row', { hasText: '刘志强' });
    await row.waitFor();
    expect(await row.textContent()).toContain('138****2222');
    await row.locator('[data-testid$="-phone-reveal"]').click();
    await desk.locator('.ant-modal textarea').fill('联系认领后续');
    await desk.locator('.ant-modal [data-testid$="-phone-ok"]').click();
    await expect.poll(() => row.textContent()).toContain('13811112222');
  }, 120_000);
});

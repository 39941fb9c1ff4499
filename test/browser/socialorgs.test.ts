import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn } from './harness.js';

/**
 * The social-organization and workforce consoles in real Chromium: street staff open an
 * organization, reveal the legal person's phone with a reason, record a growth assessment
 * (the history chart appears), suspend it with a reason; then set the local average wage
 * and see a community worker's pay derived from the grade, and the floor applied.
 */
describe.skipIf(!haveChromium)('social organizations and workforce in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let street: Session;
  let orgId = 0;
  let profileId = 0;

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['streetStaff']);
    street = await t.login('streetstaff_w');
    const o = await street.post('/api/v1/social-orgs', {
      orgId: w.communityA.id, filing: 'filed', name: '富康邻里互助会', category: 'life_service', filingNo: 'BA-2026-01', legalPersonName: '李秀兰', legalPersonPhone: '13800001111',
    });
    expect(o.statusCode, o.body).toBe(201);
    orgId = o.json().id;
    const p = await street.post('/api/v1/worker-profiles', { orgId: w.communityA.id, name: '张丽', post: 'staff', grade: 5 });
    expect(p.statusCode, p.body).toBe(201);
    profileId = p.json().id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function pickDate(page: Page, testId: string, day: string) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(day);
    await page.keyboard.press('Enter');
  }

  it('reveals, assesses with a chart, suspends; sets the wage and shows derived pay', async () => {
    const desk = await (await browser.newContext(DESKTOP)).newPage();
    await logIn(desk, base, 'streetstaff_w');
    await desk.waitForURL(/\/app/);
    await desk.goto(`${base}/app/social-orgs`);
    await desk.getByTestId(`so-${orgId}-open`).click();
    const drawer = desk.getByTestId('so-drawer');
    await drawer.waitFor();
    expect(await drawer.textContent()).toContain('138****1111');
    await desk.getByTestId('so-legalPersonPhone-reveal').click();
    await desk.locator('.ant-modal textarea:visible').fill('联系项目申报');
    await desk.getByTestId('so-legalPersonPhone-ok').click();
    await expect.poll(() => drawer.textContent()).toContain('13800001111');

    await desk.getByTestId('so-assess-add').click();
    await pickDate(desk, 'so-assess-form-assessedOn', '2026-03-15');
    for (const [d, v] of [['governance', '80'], ['capacity', '78'], ['projects', '75'], ['finance', '82'], ['influence', '70']]) { await desk.getByTestId(`so-assess-form-${d}`).click(); await desk.keyboard.type(v); await desk.keyboard.press('Tab'); }
    await desk.getByTestId('so-assess-form-assessor').fill('第三方评估机构');
    await desk.getByTestId('so-assess-form-ok').click();
    await desk.getByTestId('growth-chart').waitFor();
    await expect.poll(() => desk.getByTestId('so-assessments').textContent()).toContain('3A');

    await desk.getByTestId('so-status').click();
    await desk.getByTestId('so-status-select').click();
    await desk.locator('.ant-select-item-option', { hasText: '暂停活动' }).click();
    await desk.getByTestId('so-status-reason').fill('年检未通过');
    await desk.getByTestId('so-status-ok').click();
    await expect.poll(() => drawer.textContent()).toContain('年检未通过');

    await desk.goto(`${base}/app/workforce?tab=config`);
    await desk.getByTestId('wf-wage-edit').click();
    await desk.getByTestId('wf-wage-form-annualWage').click();
    await desk.keyboard.type('84000');
    await desk.keyboard.press('Tab');
    await desk.getByTestId('wf-wage-form-ok').click();
    await expect.poll(() => desk.getByTestId('wf-wages').textContent()).toContain('84,000');

    await desk.goto(`${base}/app/workforce?tab=profiles`);
    await desk.getByTestId(`wp-${profileId}-open`).click();
    // 84,000 × 1.20 / 12 = 8,400 a month.
    await expect.poll(() => desk.getByTestId('wp-pay').textContent()).toContain('8,400');
  }, 120_000);
});

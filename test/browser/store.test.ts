import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { givePoints, userRef } from '../api/store-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn, PHONE } from './harness.js';

/**
 * The love store in real Chromium: a resident with points opens the store on a phone,
 * redeems a donated item after confirming, and sees the pickup code; the community worker
 * types the code at the counter and hands the item over; the resident's redemption shows
 * collected, the stock is down by one and the donor's acknowledgement counts it.
 */
describe.skipIf(!haveChromium)('love store journey in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let phone: Page;
  let desk: Page;
  let itemId = 0;
  let donorId = 0;
  let code = '';

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['communityWorker', 'resident']);
    const worker = await t.login('communityworker_w');
    const d = await worker.post('/api/v1/store/donors', { orgId: w.communityA.id, name: '酒泉爱心粮油店', kind: 'enterprise', contactPhone: '13811112222' });
    donorId = d.json().id;
    const g = await worker.post('/api/v1/store/donations', {
      donorId, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 30 }, name: '5升装食用油', quantity: 4, unitValue: 59.9, receivedOn: '2026-12-01',
    });
    expect(g.statusCode, g.body).toBe(201);
    itemId = g.json().itemId;
    await givePoints(t, w.district, w.communityA, await userRef(t, w.users.resident.id), 100, 'browser-store');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a resident redeems a donated item on the phone and gets a large pickup code', async () => {
    phone = await (await browser.newContext(PHONE)).newPage();
    await logIn(phone, base, 'resident_w');
    await phone.waitForURL(/\/m$/);
    await phone.goto(`${base}/m/store`);
    await phone.getByTestId(`m-store-item-${itemId}`).waitFor();
    expect(await phone.getByTestId(`m-store-item-${itemId}`).textContent()).toContain('5升装食用油');
    await expect.poll(() => phone.getByTestId('m-store-balance').textContent()).toBe('100');
    await phone.getByTestId(`m-store-item-${itemId}-redeem`).click();
    await phone.getByTestId('m-store-redeem-ok').click();
    await phone.waitForURL(/\/m\/store\/redemptions/);
    const codeEl = phone.locator('[data-testid$="-code"]').first();
    await codeEl.waitFor();
    code = ((await codeEl.textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{8}$/);
    const row = await t.handle.db.selectFrom('store_redemption').select(['pickup_code', 'status']).where('item_id', '=', itemId).executeTakeFirstOrThrow();
    expect(row).toEqual({ pickup_code: code, status: 'reserved' });
  });

  it('the worker enters the code at the counter and hands the item over', async () => {
    desk = await (await browser.newContext(DESKTOP)).newPage();
    await logIn(desk, base, 'communityworker_w');
    await desk.waitForURL(/\/app\//);
    await desk.goto(`${base}/app/store/counter`);
    await desk.getByTestId('store-counter-code').fill(code);
    await desk.getByTestId('store-counter-find').click();
    await desk.getByTestId('store-counter-handover').click();
    await desk.getByTestId('store-counter-done').waitFor();
    expect(await desk.getByTestId('store-counter-done').textContent()).toContain('5升装食用油');
    const row = await t.handle.db.selectFrom('store_redemption').select('status').where('item_id', '=', itemId).executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
  });

  it('the stock, the resident’s list and the donor’s acknowledgement follow', async () => {
    await desk.goto(`${base}/app/store`);
    await expect.poll(() => desk.getByTestId(`store-item-${itemId}-stock`).textContent()).toBe('3');
    await desk.goto(`${base}/app/store/donors/${donorId}`);
    await expect.poll(() => desk.getByTestId('store-ack-redeemed').locator('.ant-statistic-content-value').textContent()).toBe('1');
    await phone.reload();
    await phone.getByText('已领取').first().click();
    await expect.poll(() => phone.locator('[data-testid^="m-redemption-"]').first().textContent()).toContain('已领取');
    const me = phone.waitForResponse((r) => r.url().includes('/api/v1/points/me'));
    await phone.goto(`${base}/m/store`);
    expect((await me).status()).toBe(200);
    await expect.poll(() => phone.getByTestId('m-store-balance').textContent()).toBe('70');
  });
});

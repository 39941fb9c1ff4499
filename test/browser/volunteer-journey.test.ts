import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { API, fundPool } from '../api/volunteering-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn as signIn, PHONE } from './harness.js';

/**
 * Issue 5's whole story in one sitting, in real Chromium, with no points given behind the
 * app's back: a resident registers as a volunteer on the phone and signs up; the organizer
 * shows the check-in QR code and the resident opens the URL it encodes (in, then out);
 * the organizer corrects the check-in time by hand and confirms, which pays the points
 * from the community pool; the resident spends exactly those points on a donated item in
 * the love store and gets a pickup code; the worker types the code at the counter and
 * hands the item over; the balance, the stock and the donor's acknowledgement follow.
 */
const USERS = { organizer: 'communityworker_w', resident: 'resident_w' };
const TZ = 'Asia/Shanghai';
const hour = 3600_000;
const china = (ms: number) => new Date(ms + 8 * hour).toISOString().slice(0, 16).replace('T', ' ');

describe.skipIf(!haveChromium)('volunteer to love store, one journey in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let phone: Page;
  let desk: Page;
  let activityId = 0;
  let startsAt = 0;
  let itemId = 0;
  let donorId = 0;
  let earned = 0;
  let code = '';

  const open = async (options: BrowserContextOptions) => (await browser.newContext({ ...options, timezoneId: TZ })).newPage();

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['streetStaff', 'communityWorker', 'resident']);
    await fundPool(t, w, w.communityA, 1000);
    const staff = await t.login(USERS.organizer);
    startsAt = Math.floor((Date.now() - 90 * 60_000) / 60_000) * 60_000;
    const a = await staff.post(`${API}/activities`, {
      orgId: w.communityA.id, kind: 'volunteer', title: '楼道清洁志愿服务', place: '富康小区3号楼', startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3 * hour).toISOString(), capacity: 5, pointRule: 'perHour', pointsPerHour: 10, dayCap: 100,
    });
    expect(a.statusCode, a.body).toBe(201);
    activityId = a.json().id;
    expect((await staff.post(`${API}/activities/${activityId}/publish`, {})).statusCode).toBe(200);
    // An enterprise donates a gift to the community's store (the store's own console flow is tested in store.test.ts).
    const d = await staff.post(`${API}/store/donors`, { orgId: w.communityA.id, name: '酒泉爱心粮油店', kind: 'enterprise', contactPhone: '13811112222' });
    expect(d.statusCode, d.body).toBe(201);
    donorId = d.json().id;
    const g = await staff.post(`${API}/store/donations`, {
      donorId, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 15 }, name: '5升装食用油', quantity: 2, unitValue: 59.9, receivedOn: '2026-12-01',
    });
    expect(g.statusCode, g.body).toBe(201);
    itemId = g.json().itemId;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the resident registers as a volunteer and signs up on the phone', async () => {
    phone = await open(PHONE);
    await signIn(phone, base, USERS.resident);
    await phone.waitForURL(/\/m$/);
    await phone.getByText('我的志愿').first().click();
    await phone.waitForURL(/\/m\/volunteer$/);
    await phone.getByTestId('m-skills').getByText('助老').click();
    await phone.getByTestId('m-register').click();
    await expect.poll(() => phone.getByTestId('m-points').textContent()).toContain('0');
    await phone.goto(`${base}/m/activities`);
    await phone.getByTestId(`m-activity-${activityId}`).click();
    await phone.getByTestId('m-signup').click();
    await expect.poll(() => phone.getByTestId('m-my-place').textContent()).toContain('您已报名');
  });

  it('is checked in and out by scanning the organizer’s QR codes', async () => {
    desk = await open(DESKTOP);
    await signIn(desk, base, USERS.organizer);
    await desk.waitForURL(/\/app\//);
    await desk.goto(`${base}/app/activities/${activityId}`);
    await desk.getByTestId('qr-open').click();
    const img = desk.getByTestId('qr-image');
    await img.waitFor();
    await phone.goto((await img.getAttribute('data-url'))!);
    expect(await phone.getByTestId('m-checkin-ok').textContent()).toContain('签到成功');
    await desk.getByTestId('qr-mode').getByText('签退二维码').click();
    await expect.poll(() => img.getAttribute('data-url')).toContain('t=out-');
    await phone.goto((await img.getAttribute('data-url'))!);
    expect(await phone.getByTestId('m-checkin-ok').textContent()).toContain('签退成功');
    await desk.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => desk.getByTestId('attendance-table').textContent()).toContain('QR');
  });

  it('earns points when the organizer confirms the attendance', async () => {
    // The volunteer really arrived at the start: the organizer corrects the check-in time.
    await desk.getByTestId('attendance-table').locator('button[data-testid^="mark-"]').first().click();
    const input = desk.getByTestId('mark-modal').locator('input').first();
    await input.click();
    await input.fill(china(startsAt));
    await input.press('Enter');
    await desk.getByTestId('mark-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => desk.getByTestId('attendance-preview').textContent(), { timeout: 10_000 }).toMatch(/待发放积分合计：(15|20)/);
    await desk.getByTestId('attendance-confirm').click();
    await desk.getByTestId('confirm-ok').click();
    await expect.poll(() => desk.getByTestId('activity-status').first().textContent()).toBe('已结束');

    await phone.goto(`${base}/m/volunteer`);
    await expect.poll(() => phone.getByTestId('m-points').textContent()).toMatch(/15|20/);
    earned = Number((await phone.getByTestId('m-points').textContent())!.match(/\d+/)![0]);
    const ledger = await t.handle.db.selectFrom('point_txn').select(['kind']).execute();
    expect(ledger.map((r) => r.kind).sort()).toEqual(['earn', 'issue']);
  });

  it('spends the earned points on the donated item and gets a pickup code', async () => {
    await phone.goto(`${base}/m/store`);
    await expect.poll(() => phone.getByTestId('m-store-balance').textContent()).toBe(String(earned));
    expect(await phone.getByTestId(`m-store-item-${itemId}`).textContent()).toContain('5升装食用油');
    await phone.getByTestId(`m-store-item-${itemId}-redeem`).click();
    await phone.getByTestId('m-store-redeem-ok').click();
    await phone.waitForURL(/\/m\/store\/redemptions/);
    const codeEl = phone.locator('[data-testid$="-code"]').first();
    await codeEl.waitFor();
    code = ((await codeEl.textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{8}$/);
  });

  it('the worker hands the item over at the counter with the pickup code', async () => {
    await desk.goto(`${base}/app/store/counter`);
    await desk.getByTestId('store-counter-code').fill(code);
    await desk.getByTestId('store-counter-find').click();
    await desk.getByTestId('store-counter-handover').click();
    await desk.getByTestId('store-counter-done').waitFor();
    expect(await desk.getByTestId('store-counter-done').textContent()).toContain('5升装食用油');

    await desk.goto(`${base}/app/store`);
    await expect.poll(() => desk.getByTestId(`store-item-${itemId}-stock`).textContent()).toBe('1');
    await desk.goto(`${base}/app/store/donors/${donorId}`);
    await expect.poll(() => desk.getByTestId('store-ack-redeemed').locator('.ant-statistic-content-value').textContent()).toBe('1');
    await phone.goto(`${base}/m/store`);
    await expect.poll(() => phone.getByTestId('m-store-balance').textContent()).toBe(String(earned - 15));
    // The points went volunteer → escrow → donor, and the ledger still verifies.
    const staff = await t.login('streetstaff_w');
    const v = await staff.post(`${API}/points/verify`, {});
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().ok).toBe(true);
  });
});

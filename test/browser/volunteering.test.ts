import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { API, fundPool } from '../api/volunteering-fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn as signIn, PHONE } from './harness.js';

/**
 * The volunteering journey in real Chromium: a resident on a phone registers as a volunteer
 * and signs up; the organizer shows the check-in QR code full-screen; the resident opens
 * the URL it encodes and is checked in, then checks out with the 'out' code; the organizer
 * corrects the check-in time by hand, confirms with the points preview, and the resident
 * sees the hours and the points on the phone.
 */
const USERS = { organizer: 'communityworker_w', resident: 'resident_w' };
const TZ = 'Asia/Shanghai';
const hour = 3600_000;
const china = (ms: number) => new Date(ms + 8 * hour).toISOString().slice(0, 16).replace('T', ' ');

describe.skipIf(!haveChromium)('volunteering journey in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let phone: Page;
  let desk: Page;
  let activityId = 0;
  let startsAt = 0;

  const open = async (options: BrowserContextOptions) => (await browser.newContext({ ...options, timezoneId: TZ })).newPage();

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['communityWorker', 'resident']);
    await fundPool(t, w, w.communityA, 1000);
    const staff = await t.login(USERS.organizer);
    startsAt = Math.floor((Date.now() - 90 * 60_000) / 60_000) * 60_000;
    const a = await staff.post(`${API}/activities`, {
      orgId: w.communityA.id, kind: 'volunteer', title: '敬老院陪伴服务', place: '富康敬老院', startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3 * hour).toISOString(), capacity: 5, pointRule: 'perHour', pointsPerHour: 10, dayCap: 100,
    });
    expect(a.statusCode, a.body).toBe(201);
    activityId = a.json().id;
    expect((await staff.post(`${API}/activities/${activityId}/publish`, {})).statusCode).toBe(200);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a resident registers as a volunteer and signs up on the phone', async () => {
    phone = await open(PHONE);
    await signIn(phone, base, USERS.resident);
    await phone.waitForURL(/\/m$/);
    await phone.getByText('我的志愿').first().click();
    await phone.waitForURL(/\/m\/volunteer$/);
    await phone.getByTestId('m-skills').getByText('助老').click();
    await phone.getByTestId('m-register').click();
    await expect.poll(() => phone.getByTestId('m-hours').textContent()).toContain('0');
    await phone.goto(`${base}/m/activities`);
    await phone.getByTestId(`m-activity-${activityId}`).click();
    await phone.getByTestId('m-signup').click();
    await expect.poll(() => phone.getByTestId('m-my-place').textContent()).toContain('您已报名');
  });

  it('the organizer shows the QR code; the resident opens its URL and is checked in, then out', async () => {
    desk = await open(DESKTOP);
    await signIn(desk, base, USERS.organizer);
    await desk.waitForURL(/\/app\//);
    await desk.goto(`${base}/app/activities`);
    await desk.getByTestId(`activity-attendance-${activityId}`).click();
    await desk.waitForURL(new RegExp(`/app/activities/${activityId}$`));
    await desk.getByTestId('qr-open').click();
    const img = desk.getByTestId('qr-image');
    await img.waitFor();
    const inUrl = await img.getAttribute('data-url');
    expect(inUrl).toMatch(new RegExp(`^${base}/m/checkin/${activityId}\\?t=in-`));
    expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    await phone.goto(inUrl!);
    await phone.getByTestId('m-checkin-ok').waitFor();
    expect(await phone.getByTestId('m-checkin-ok').textContent()).toContain('签到成功');

    await desk.getByTestId('qr-mode').getByText('签退二维码').click();
    await expect.poll(() => img.getAttribute('data-url')).toContain('t=out-');
    await phone.goto((await img.getAttribute('data-url'))!);
    expect(await phone.getByTestId('m-checkin-ok').textContent()).toContain('签退成功');
    await desk.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => desk.getByTestId('attendance-table').textContent()).toContain('QR');
  });

  it('the organizer corrects the check-in by hand, confirms with the preview, and the resident sees hours and points', async () => {
    const row = desk.getByTestId('attendance-table').locator('button[data-testid^="mark-"]').first();
    await row.click();
    const input = desk.getByTestId('mark-modal').locator('input').first();
    await input.click();
    await input.fill(china(startsAt));
    await input.press('Enter');
    await desk.getByTestId('mark-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => desk.getByTestId('attendance-table').textContent()).toContain('手工');
    await expect.poll(() => desk.getByTestId('attendance-preview').textContent(), { timeout: 10_000 }).toMatch(/待发放积分合计：(15|20)/);
    await desk.getByTestId('attendance-confirm').click();
    await desk.getByTestId('confirm-ok').click();
    await expect.poll(() => desk.getByTestId('activity-status').first().textContent()).toBe('已结束');

    await phone.goto(`${base}/m/activities/${activityId}`);
    await expect.poll(() => phone.getByTestId('m-earned').textContent()).toMatch(/获得 (1\.5|2) 小时、(15|20) 积分/);
    await phone.goto(`${base}/m/volunteer`);
    await expect.poll(() => phone.getByTestId('m-hours').textContent()).toMatch(/1\.5|2/);
    await expect.poll(() => phone.getByTestId('m-points').textContent()).toMatch(/15|20/);
  });
});

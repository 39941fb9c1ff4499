import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { PASSWORD } from '../helpers/app.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, PHONE } from './harness.js';

/**
 * English is a working language, not a dictionary that compiles: with English chosen,
 * every console page a street officer's menu reaches, and the resident's phone home,
 * show no Chinese in their own chrome — menu, headings, tabs, table headers, form labels,
 * buttons, placeholders, empty states. (Data stays as entered: org names are Chinese.)
 */
const HAN = /\p{Script=Han}/u;
const CHROME = [
  '.ant-layout-sider .ant-menu-title-content', 'h1', 'h2', 'h3', 'h4', '.ant-card-head-title', '.ant-tabs-tab-btn',
  'th.ant-table-cell', '.ant-form-item-label label', '.ant-btn > span:not(.anticon)', '.ant-empty-description',
  '.ant-select-selection-placeholder', '.ant-statistic-title', '.ant-segmented-item-label',
].join(', ');

/** Data shown inside chrome (a card titled with a grid's name): the world's org names. */
let DATA: string[] = [];

/** Chinese strings in the page's chrome, with where they are. */
async function chineseChrome(page: Page): Promise<string[]> {
  const texts = await page.$$eval(CHROME, (els) => els.map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className || ''}: ${(e.textContent ?? '').trim()}`));
  const placeholders = await page.$$eval('input[placeholder], textarea[placeholder]', (els) => els.map((e) => `placeholder: ${e.getAttribute('placeholder')}`));
  // The language switch names each language in its own script, as every site does.
  return [...texts, ...placeholders].filter((x) => HAN.test(DATA.reduce((acc, d) => acc.replaceAll(d, ''), x)) && !x.endsWith(': 中文'));
}

describe.skipIf(!haveChromium)('English screens in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;

  /** A page with English chosen (the stored preference, as the language switch leaves it). */
  const english = async (options: BrowserContextOptions) => {
    const page = await (await browser.newContext(options)).newPage();
    await page.goto(`${base}/login`);
    await page.evaluate(() => window.localStorage.setItem('gz.lang', 'en'));
    await page.reload();
    return page;
  };

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['streetStaff', 'communityWorker', 'resident']);
    DATA = (await t.handle.db.selectFrom('org').select('name').execute()).map((o) => o.name).sort((a, b) => b.length - a.length);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Signs in on the English login form, which must be English itself. */
  const signInEnglish = async (page: Page, username: string) => {
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel(/Username/).fill(username);
    expect(await chineseChrome(page)).toEqual([]);
    await page.getByLabel(/^Password$/).fill(PASSWORD);
    await page.getByRole('button', { name: /Sign in/ }).click();
  };

  it('every console page a street officer reaches has English chrome', async () => {
    const page = await english(DESKTOP);
    await signInEnglish(page, 'streetstaff_w');
    await page.waitForURL(/\/app\//);
    const items = page.locator('.ant-layout-sider .ant-menu-item');
    await items.first().waitFor();
    const n = await items.count();
    expect(n).toBeGreaterThan(10);
    const problems: string[] = [];
    for (let i = 0; i < n; i++) {
      // Entries that lead to the phone areas (/m, /w) leave the console: come back first.
      if (!new URL(page.url()).pathname.startsWith('/app')) {
        await page.goto(`${base}/app/account`);
        await items.first().waitFor();
      }
      await items.nth(i).click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(150);
      for (const p of await chineseChrome(page)) problems.push(`${new URL(page.url()).pathname} ${p}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('the resident’s phone home and its tiles are English', async () => {
    const page = await english(PHONE);
    await signInEnglish(page, 'resident_w');
    await page.waitForURL(/\/m$/);
    await page.locator('.ant-card').first().waitFor();
    await page.waitForLoadState('networkidle');
    const me = await t.handle.db.selectFrom('app_user').select('display_name').where('username', '=', 'resident_w').executeTakeFirstOrThrow();
    // The logo glyph and the language switch's own name for Chinese are not text to translate.
    const data = [me.display_name, ...DATA, '中文'];
    const body = await page.locator('body').innerText();
    // Only data may be Chinese here: the resident's own name and community.
    const chinese = body.split('\n').filter((l) => l.trim() !== '共' && HAN.test(data.reduce((acc, d) => acc.replaceAll(d, ''), l)));
    expect(chinese).toEqual([]);
    expect(body).toMatch(/Volunteer|volunteer/);
  });
});

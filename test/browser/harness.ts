import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { PASSWORD } from '../helpers/app.js';

/**
 * What every browser suite shares: Debian's Chromium (skipped locally without it, required
 * under CI with GONGZHI_CI=1), a built web app, the screens we test on, and signing in.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.GONGZHI_CI) throw new Error(`Chromium not found at ${CHROMIUM}; CI requires the browser suite`);

/** Builds dist/web when it is missing or older than web/. */
export function ensureWebBuild(): void {
  execFileSync(process.execPath, [path.resolve('scripts/ensure-web.mjs')], { stdio: 'inherit' });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1366, height: 860 } };
export const PHONE: BrowserContextOptions = {
  locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
};

/** Fills the login form at `base` and submits it (the caller waits for where the user lands). */
export async function logIn(page: Page, base: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(/用户名/).fill(username);
  await page.getByLabel(/^密码$/).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

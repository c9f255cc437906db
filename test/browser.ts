import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser download). As root it needs
 * --no-sandbox; the background-networking flags keep it from calling out on a closed network.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('Chromium not found: install the Debian package "chromium" (see .ci/run) or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A fresh context (cookies, storage) with Vietnamese defaults and a phone or desktop viewport. */
export async function newPage(browser: Browser, base: string, opts: { phone?: boolean; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: base,
    // Only for injecting test tooling (axe-core) as an inline script; the app itself runs under its CSP.
    bypassCSP: opts.bypassCSP ?? false,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: opts.phone ? { width: 360, height: 780 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  // A page error is a failed test, not a console line.
  page.on('pageerror', (e) => { throw e; });
  return { context, page };
}

export async function signIn(page: Page, username: string, password = 'motcua2026') {
  await page.goto('/dang-nhap');
  await page.getByLabel(/Số định danh cá nhân|Personal ID number/).fill(username);
  await page.getByLabel(/^Mật khẩu$|^Password$/).fill(password);
  await page.getByRole('button', { name: /^Đăng nhập$|^Sign in$/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
}

/** Screenshots go to test-output/ for a human to look at (not compared). */
export async function shot(page: Page, name: string) {
  const dir = path.join(process.cwd(), 'test-output');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

export const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-browser-'));

/** The usual browser suite: a fresh server and one Chromium for the file, both closed at the end. */
export function useBrowserSuite(ready: (srv: import('./server.ts').TestServer, browser: Browser) => void) {
  let srv: import('./server.ts').TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const { startTestServer } = await import('./server.ts');
    srv = await startTestServer();
    browser = await launchBrowser();
    ready(srv, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });
}

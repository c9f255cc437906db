import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, shot } from '../browser.ts';
import { startTestServer, type TestServer } from '../server.ts';
import { freePort } from '../../src/platform/db/embedded.ts';

/**
 * The citizen's e-ID sign-in in Chromium, end to end: from a page that needs a signed-in citizen,
 * the VNeID button, the provider's login page, back to the same page signed in (level in the
 * header), then sign-out through the provider. Once against the provider bundled in the test
 * server (/eid), once against a second provider started as its own process (`npm run
 * eid-provider`'s script) that Motcua knows only through OIDC_* environment variables.
 * Screenshots: test-output/eid-*.png.
 */
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const APPLY = '/thu-tuc/3.000333/nop-ho-so';

/** On a phone the header links sit behind the menu button. */
async function openMenu(page: Page) {
  const toggle = page.getByRole('button', { name: 'Trình đơn' });
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** The person's name (and e-ID level) heads the account menu; on a desktop it opens to show sign-out. */
const accountMenu = (page: Page) => page.getByRole('button', { name: /^Tài khoản và trang cá nhân: / });
async function openAccountMenu(page: Page) {
  await openMenu(page);
  const toggle = accountMenu(page);
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function signInWithEid(page: Page, idNumber: string, name: string, providerOrigin: string, shotPrefix: string) {
  await page.goto(APPLY);
  await page.waitForURL(/\/dang-nhap\?next=/);
  const button = page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử VNeID' });
  // isVisible() does not wait: the button appears once the sign-in options have loaded.
  await button.waitFor({ state: 'visible' });
  await shot(page, `${shotPrefix}-1-sign-in-page`);
  await button.click();

  // The provider's page, clearly a demo, in Vietnamese; a mistake first, then the right password.
  await page.waitForURL((u) => u.origin === providerOrigin && u.pathname.includes('/interaction/'));
  await page.getByText('MÔI TRƯỜNG THỬ NGHIỆM').waitFor({ state: 'visible' });
  await page.getByLabel('Số định danh cá nhân').fill(idNumber.slice(0, 9));
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.').waitFor({ state: 'visible' });
  expect(await page.getByLabel('Số định danh cá nhân').getAttribute('aria-invalid')).toBe('true');
  await shot(page, `${shotPrefix}-2-provider-error`);
  await page.getByLabel('Số định danh cá nhân').fill(idNumber);
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  // Back where the citizen was, signed in.
  await page.waitForURL((u) => u.pathname === APPLY);
  await page.getByText('Đang tải…').first().waitFor({ state: 'detached' });
  await openMenu(page);
  // The header names the person with their e-ID level (the account menu's button, or its heading on a phone).
  await page.getByRole('navigation').getByText(new RegExp(`^${name} · VNeID mức \\d$`)).filter({ visible: true }).waitFor({ timeout: 5000 }).catch(async (e) => {
    await shot(page, `${shotPrefix}-failed`);
    throw new Error(`${e.message}\n${page.url()}\n${(await page.locator('body').innerText()).slice(0, 600)}`);
  });
}

async function signOutThroughProvider(page: Page, base: string, providerOrigin: string) {
  const seen: string[] = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) seen.push(f.url()); });
  await openAccountMenu(page);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((u) => u.href === `${base}/` && seen.some((s) => s.startsWith(providerOrigin)), { timeout: 15_000 });
  await openMenu(page);
  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).waitFor();
  // The provider session ended too: signing in again asks for the password.
  await page.goto('/dang-nhap');
  await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử VNeID' }).click();
  await page.waitForURL((u) => u.origin === providerOrigin);
  await page.getByLabel('Mật khẩu').waitFor();
}

describe('e-ID sign-in with the bundled provider', () => {
  let srv: TestServer;
  beforeAll(async () => { srv = await startTestServer(); });
  afterAll(async () => { await srv?.stop(); });

  it('a citizen signs in with VNeID from the apply page, returns to it with the level shown, and signs out at both ends', async () => {
    const { context, page } = await newPage(browser, srv.base);
    try {
      await signInWithEid(page, '001090012345', 'Nguyễn Văn An', srv.base, 'eid-bundled');
      await page.getByRole('navigation').getByText('VNeID mức 2').filter({ visible: true }).waitFor({ state: 'visible' });
      await shot(page, 'eid-bundled-3-back-on-apply');
      await signOutThroughProvider(page, srv.base, srv.base);
    } finally {
      await context.close();
    }
  });
});

/** Serious or critical WCAG 2.1 A/AA violations found by axe on the page as it is. */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const v: { id: string; impact: string; nodes: { target: string[] }[] }[] = await page.evaluate(async () =>
    (await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations);
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('e-ID pages are accessible', () => {
  let srv: TestServer;
  beforeAll(async () => { srv = await startTestServer(); });
  afterAll(async () => { await srv?.stop(); });

  it('the provider login page (with an error) and the failure page pass axe, on a phone', async () => {
    const { context, page } = await newPage(browser, srv.base, { phone: true, bypassCSP: true });
    try {
      await page.goto('/api/v1/auth/eid/start');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByLabel('Số định danh cá nhân').fill('001090012345');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').filter({ hasText: 'Số định danh cá nhân hoặc mật khẩu không đúng.' }).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.goto('/api/v1/auth/eid/callback?state=not-issued-here&code=x');
      await page.getByRole('heading', { name: 'Không đăng nhập được bằng tài khoản định danh điện tử' }).waitFor();
      await shot(page, 'eid-failure-page');
      expect(await axe(page)).toEqual([]);
      await page.getByRole('link', { name: /Đăng nhập lại/ }).click();
      await page.waitForURL((u) => u.pathname === '/dang-nhap');
    } finally {
      await context.close();
    }
  });
});

describe('e-ID sign-in with a second provider configured only by environment variables', () => {
  let srv: TestServer;
  let provider: ChildProcess | undefined;
  let issuer: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-eid-op-'));
  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    const secret = 'second-provider-secret-0123456789';
    // Motcua reads OIDC_* through loadConfig like `OIDC_ISSUER=… npm start` would; discovery waits for the first sign-in.
    Object.assign(process.env, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'motcua-province', OIDC_CLIENT_SECRET: secret });
    try {
      srv = await startTestServer();
    } finally {
      for (const k of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']) delete process.env[k];
    }
    provider = spawn(process.execPath, ['--import', 'tsx', 'src/simulators/vneid/cli.ts'], {
      env: {
        ...process.env, EID_PORT: String(port), EID_HOST: '127.0.0.1', EID_ISSUER: issuer, EID_CLIENT_ID: 'motcua-province', EID_CLIENT_SECRET: secret,
        EID_REDIRECT_URIS: `${srv.base}/api/v1/auth/eid/callback`, DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`provider did not start: ${out}`)), 30_000);
      provider!.stdout!.on('data', (d) => { out += d; if (out.includes('Accounts')) { clearTimeout(t); resolve(); } });
      provider!.stderr!.on('data', (d) => { out += d; });
      provider!.on('exit', (code) => { clearTimeout(t); reject(new Error(`provider exited (${code}): ${out}`)); });
    });
    expect(out).toContain(`Issuer:         ${issuer}`);
    expect(out).toContain('001301004321  level 1  Lê Hoàng Cường');
  });
  afterAll(async () => {
    if (provider?.pid) provider.kill('SIGTERM');
    await srv?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('Motcua uses that provider (not its bundled one) for the whole sign-in, on a phone, and a level-1 account shows level 1', async () => {
    const meta = await fetch(`${srv.base}/api/v1/auth/eid`).then((r) => r.json());
    expect(meta).toMatchObject({ available: true, bundledDemoProvider: false, issuer });
    // No bundled provider in this server (the path is just the web app's fallback page).
    expect((await fetch(`${srv.base}/eid/.well-known/openid-configuration`)).headers.get('content-type')).not.toContain('json');
    const { context, page } = await newPage(browser, srv.base, { phone: true });
    try {
      await signInWithEid(page, '001301004321', 'Lê Hoàng Cường', issuer, 'eid-second');
      await page.getByRole('navigation').getByText('VNeID mức 1').filter({ visible: true }).waitFor({ state: 'visible' });
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(over).toBeLessThanOrEqual(0);
      await shot(page, 'eid-second-3-back-on-apply');
      await signOutThroughProvider(page, srv.base, issuer);
      await shot(page, 'eid-second-4-provider-login-again');
    } finally {
      await context.close();
    }
  });
});

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import type { TestServer } from '../server.ts';
import { codeFor } from '../../src/modules/identity/signin-steps.testkit.ts';

/**
 * Account security in a real browser (run `npm run build` first): an official turns on TOTP on
 * the account page, signs out and signs in again with a code; the administrator finds the
 * sign-ins in the audit.
 */
let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => { srv = s; browser = b; });

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** Serious or critical WCAG 2.1 A/AA violations found by axe-core on the page as it is now. */
async function axe(page: Page, name: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const v: { id: string; impact: string; nodes: { target: string[] }[] }[] = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((x: any) => ({ id: x.id, impact: x.impact, nodes: x.nodes.map((n: any) => ({ target: n.target })) }));
  });
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `[${name}] ${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('account security in the browser', () => {
  it('an official enrols TOTP with the QR code and signs in with it', async () => {
    const { context, page } = await newPage(browser, srv.base);
    try {
      await signIn(page, 'badinh.chuyenvien');
      // The personal pages sit in the account menu under the official's name.
      await page.getByRole('button', { name: /^Tài khoản và trang cá nhân: / }).click();
      await page.getByRole('link', { name: 'Tài khoản', exact: true }).click();
      await page.waitForURL('**/tai-khoan');
      await expect.poll(() => page.getByTestId('totp-status').textContent()).toBe('Chưa bật');
      await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
      await expect.poll(() => page.getByAltText('Mã QR để thêm tài khoản vào ứng dụng xác thực').isVisible()).toBe(true);
      const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await shot(page, 'account-totp-enrol');
      await page.getByLabel('Mã xác thực (6 chữ số)').fill(codeFor(secret));
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      const codes = page.getByTestId('recovery-codes').getByRole('listitem');
      await expect.poll(() => codes.count()).toBe(10);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Mã khôi phục — chỉ hiển thị một lần');
      await page.getByRole('button', { name: 'Tôi đã lưu các mã này' }).click();
      await expect.poll(() => page.getByTestId('totp-status').textContent()).toBe('Đang bật');

      // Sign out, then in again: the password is not enough any more.
      await page.getByRole('button', { name: /^Tài khoản và trang cá nhân: / }).click();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.goto('/dang-nhap');
      await page.getByLabel(/Số định danh cá nhân|Personal ID number/).fill('badinh.chuyenvien');
      await page.getByLabel(/^Mật khẩu$/).fill('motcua2026');
      await page.getByRole('button', { name: /^Đăng nhập$/ }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Nhập mã xác thực' }).isVisible()).toBe(true);
      // The new step takes the focus (announced by screen readers).
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Nhập mã xác thực');
      await page.getByLabel('Mã xác thực (6 chữ số)').fill('000000');
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Mã xác thực không đúng');
      await shot(page, 'account-totp-step');
      await page.getByLabel('Mã xác thực (6 chữ số)').fill(codeFor(secret, 1));
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/can-bo'));

      // This session and the sign-ins are on the account page.
      await page.goto('/tai-khoan');
      const sessions = page.getByTestId('sessions');
      await expect.poll(() => sessions.getByText('Phiên này', { exact: true }).count()).toBe(1);
      const history = page.getByTestId('sign-ins');
      await expect.poll(() => history.getByRole('row').count()).toBeGreaterThan(3);
      expect(await history.textContent()).toContain('Mã xác thực');
      expect(await history.textContent()).toContain('sai mã');
      await shot(page, 'account-page');
    } finally {
      await context.close();
    }
  });

  it('the system administrator sees staff accounts and the sign-in audit', async () => {
    const { context, page } = await newPage(browser, srv.base);
    try {
      await signIn(page, 'admin');
      await page.goto('/quan-tri/can-bo');
      const list = page.getByTestId('staff-list');
      await expect.poll(() => list.getByRole('link', { name: 'Hoàng Văn Nam' }).isVisible()).toBe(true);
      await list.getByRole('link', { name: 'Hoàng Văn Nam' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Tài khoản Hoàng Văn Nam' }).isVisible()).toBe(true);
      expect(await page.getByText('Xác thực 2 lớp').count()).toBeGreaterThan(0);
      await shot(page, 'admin-staff-detail');
      await page.goto('/quan-tri/nhat-ky-dang-nhap');
      await page.getByLabel('Tài khoản hoặc tên đăng nhập đã nhập').fill('badinh.chuyenvien');
      await page.getByLabel('Kết quả').selectOption('failure');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      const table = page.getByTestId('sign-in-audit');
      // The unfiltered list may still be on screen when the filter is applied: wait for the filtered one
      // (failures shown, no success), rather than checking the first table that has a failure in it.
      await expect.poll(async () => {
        const text = (await table.textContent()) ?? '';
        return { failures: text.includes('sai mã'), successes: text.includes('Thành công') };
      }).toEqual({ failures: true, successes: false });
      await shot(page, 'admin-sign-in-audit');
    } finally {
      await context.close();
    }
  });

  it('the account page, the code step and the administration screens pass axe (WCAG 2.1 AA)', async () => {
    const { context, page } = await newPage(browser, srv.base, { bypassCSP: true });
    try {
      const problems: string[] = [];
      await signIn(page, 'bhxh.canbo');
      await page.goto('/tai-khoan');
      await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
      await expect.poll(() => page.getByTestId('totp-secret').isVisible()).toBe(true);
      problems.push(...await axe(page, 'account'));
      await page.goto('/dang-nhap');
      await page.getByLabel(/Số định danh cá nhân|Personal ID number/).fill('badinh.chuyenvien');
      await page.getByLabel(/^Mật khẩu$/).fill('motcua2026');
      await page.getByRole('button', { name: /^Đăng nhập$/ }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Nhập mã xác thực' }).isVisible()).toBe(true);
      problems.push(...await axe(page, 'totp-step'));
      await signIn(page, 'admin');
      for (const [path, ready] of [['/quan-tri/can-bo', 'table'], ['/quan-tri/nhat-ky-dang-nhap', 'table'], ['/quan-tri/chinh-sach-bao-mat', 'form input[type=number]']]) {
        await page.goto(path!);
        await expect.poll(() => page.locator(ready!).count()).toBeGreaterThan(0);
        problems.push(...await axe(page, path));
      }
      // The city-level administrator may edit the policy (the form is enabled).
      expect(await page.getByLabel('Số lần đăng nhập sai liên tiếp trước khi tạm khóa').inputValue()).toBe('5');
      expect(await page.getByLabel('Số lần đăng nhập sai liên tiếp trước khi tạm khóa').isEnabled()).toBe(true);
      await shot(page, 'admin-security-policy');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

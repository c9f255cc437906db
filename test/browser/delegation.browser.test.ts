import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';

// A procedure delegated to EVERY ward People's Committee (seeded: school transfers, 3125/QĐ-SGDĐT).
let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => { srv = s; browser = b; });

/** Serious and critical WCAG 2.1 AA violations axe-core finds on the page as it is now (ids and targets). */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describe('delegation to every ward in the browser', () => {
  it('the procedure page says to whom and by which decision; the apply form offers the wards with the hint', async () => {
    const { context, page } = await newPage(browser, srv.base, { bypassCSP: true });
    await signIn(page, '001090012345');
    await page.goto('/thu-tuc/2.002854');
    const notice = page.getByTestId('delegation-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Sở Giáo dục và Đào tạo thành phố Hà Nội ủy quyền cho tất cả Ủy ban nhân dân cấp xã theo Quyết định số 3125/QĐ-SGDĐT ngày 25/07/2025');
    await shot(page, 'delegation-procedure-page');
    expect(await axe(page)).toEqual([]);

    await page.goto('/thu-tuc/2.002854/nop-ho-so');
    const hint = page.getByTestId('delegate-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toBe('Thủ tục đã được ủy quyền cho UBND cấp xã: chọn UBND phường/xã nơi bạn cư trú');
    const wards = (await (await as(srv.base, '001090012345')).get('/api/v1/agencies?sector=people_committee&level=commune')).body.items;
    const options = await page.locator('#agency option').allTextContents();
    expect(options).toHaveLength(wards.length + 1);
    expect(options).toContain('Ủy ban nhân dân phường Ba Đình');
    expect(await page.locator('#agency').getAttribute('aria-describedby')).toBe('agency-hint');
    await shot(page, 'delegation-apply-choose-ward');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('an administrator records a delegation to every ward and sees it in the list', async () => {
    const { context, page } = await newPage(browser, srv.base, { bypassCSP: true });
    await signIn(page, 'admin');
    await page.goto('/quan-tri/uy-quyen');
    await page.getByRole('heading', { name: 'Các quyết định ủy quyền' }).waitFor();
    const seeded = page.locator('tr', { hasText: '3125/QĐ-SGDĐT' });
    expect(await seeded.getByTestId('delegate-class').textContent()).toMatch(/^\d+ đơn vị$/);

    await page.getByLabel('Mã cơ quan ủy quyền (A)').fill('000.00.04.H26');
    await page.getByLabel('Tất cả UBND cấp xã (phường, xã nơi người dân cư trú)').check();
    await page.getByLabel('Chỉ các cơ quan (mã, cách nhau bởi dấu phẩy)').fill('000.04.01.H26');
    await page.getByLabel('Mã thủ tục (cách nhau bởi dấu phẩy)').fill('1.013831');
    await page.getByLabel('Hiệu lực từ ngày').fill('2031-01-01');
    await page.getByLabel('Số quyết định').fill('TD-1/QĐ-SNNMT');
    await page.getByLabel('Ngày ban hành').fill('2030-12-20');
    await page.getByLabel('Người ký quyết định').fill('Giám đốc Sở Nông nghiệp và Môi trường');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ghi nhận ủy quyền TD-1/QĐ-SNNMT.' }).waitFor();
    const row = page.locator('tr', { hasText: 'TD-1/QĐ-SNNMT' });
    expect(await row.textContent()).toContain('Ủy ban nhân dân cấp xã: Ủy ban nhân dân phường Ba Đình');
    expect(await row.getByTestId('delegate-class').textContent()).toBe('1 đơn vị');
    await shot(page, 'delegation-admin-class');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});

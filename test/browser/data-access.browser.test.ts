import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import type { TestServer } from '../server.ts';

const AN = { idNumber: '001090012345', fullName: 'Nguyễn Văn An' };
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2.1 A/AA violations found by axe-core (see a11y.browser.test.ts). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help} at ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

describe('personal-data access log in the browser', () => {
  it('a desk look-up with its purpose shows in An\'s "Ai đã xem dữ liệu của tôi" and in the supervisor\'s log', async () => {
    // The desk officer finds An at reception, stating (by default) the purpose "receiving a dossier".
    const desk = await newPage(browser, srv.base);
    await signIn(desk.page, 'catp.tiepnhan');
    await desk.page.goto('/mot-cua/tiep-nhan');
    await desk.page.getByRole('heading', { name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
    const purpose = desk.page.getByLabel('Mục đích tra cứu');
    await expect.poll(() => purpose.locator('option:checked').textContent()).toBe('Tiếp nhận hồ sơ thủ tục hành chính');
    await desk.page.getByLabel('Số định danh cá nhân').fill(AN.idNumber);
    await desk.page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await desk.page.getByText(`Đã tìm thấy trong hệ thống: ${AN.fullName}`).waitFor();
    await shot(desk.page, 'privacy-desk-lookup');
    // A second look-up for another purpose, chosen in the list.
    await purpose.selectOption({ label: 'Xác minh thông tin nhân thân của người nộp hồ sơ' });
    await desk.page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(async () => (await srv.ctx.db.selectFrom('personal_data_access').select('purpose_code').orderBy('id').execute()).map((r) => r.purpose_code))
      .toEqual(['desk_reception', 'identity_verification']);
    await desk.context.close();

    // An, on a phone, opens the page from the menu.
    const an = await newPage(browser, srv.base, { phone: true, bypassCSP: true });
    await signIn(an.page, AN.idNumber);
    await an.page.getByRole('button', { name: 'Trình đơn' }).click();
    await an.page.getByRole('link', { name: 'Ai đã xem dữ liệu' }).click();
    await an.page.getByRole('heading', { name: 'Ai đã xem dữ liệu của tôi', level: 1 }).waitFor();
    const entries = an.page.getByTestId('data-access-entry');
    await expect.poll(() => entries.count()).toBe(2);
    const lookup = entries.nth(1);
    const text = await lookup.textContent();
    expect(text).toContain('Công an thành phố Hà Nội');
    expect(text).toContain('Cán bộ Bộ phận Một cửa — Lê Thu Trang');
    expect(text).toContain('Thông tin tài khoản dịch vụ công của bạn');
    expect(text).toContain('Tiếp nhận hồ sơ thủ tục hành chính');
    expect(text).toContain('91/2025/QH15');
    // The time is shown in Vietnam time, hh:mm dd/mm/yyyy.
    expect(await lookup.locator('time').textContent()).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(await entries.nth(0).textContent()).toContain('Xác minh thông tin nhân thân của người nộp hồ sơ');
    const overflow = await an.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(an.page, 'privacy-citizen-data-access-phone');
    expect(await axeProblems(an.page)).toEqual([]);
    // In English.
    await an.page.getByRole('button', { name: 'Trình đơn' }).click();
    await an.page.getByRole('button', { name: 'English' }).click();
    await an.page.getByRole('heading', { name: 'Who viewed my data', level: 1 }).waitFor();
    await expect.poll(() => entries.nth(1).textContent()).toContain('Receiving an administrative dossier');
    await an.context.close();

    // The police's supervisor sees both look-ups, by official.
    const sup = await newPage(browser, srv.base, { bypassCSP: true });
    await signIn(sup.page, 'catp.giamsat');
    await sup.page.getByRole('link', { name: 'Nhật ký truy cập' }).click();
    await sup.page.getByRole('heading', { name: 'Nhật ký truy cập dữ liệu cá nhân', level: 1 }).waitFor();
    await sup.page.getByLabel('Số định danh của công dân').fill(AN.idNumber);
    await sup.page.getByLabel('Lý do kiểm tra (được ghi lại)').fill('Kiểm tra định kỳ');
    await sup.page.getByRole('button', { name: 'Tra cứu nhật ký' }).click();
    const rows = sup.page.getByTestId('access-log-entry');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toMatch(/Lê Thu Trang.*Nguyễn Văn An.*Tiếp nhận hồ sơ thủ tục hành chính/);
    await shot(sup.page, 'privacy-supervisor-access-log');
    expect(await axeProblems(sup.page)).toEqual([]);
    // That search was logged too, as an audit naming An.
    await expect.poll(async () => (await srv.ctx.db.selectFrom('personal_data_access').select(['purpose_code', 'subject_id_number', 'purpose_note']).orderBy('id', 'desc').limit(1).execute())[0])
      .toMatchObject({ purpose_code: 'privacy_audit', subject_id_number: AN.idNumber, purpose_note: expect.stringContaining('Kiểm tra định kỳ') });
    await sup.context.close();
  });
});

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';
import { AN, findProcedure, step, submit } from '../dossiers.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2.1 A/AA violations found by axe-core (see a11y.browser.test.ts). */
async function axeProblems(page: Page, scope?: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (scope) => {
    const r = await (window as any).axe.run(scope ?? document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help} at ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  }, scope);
}

let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

describe('notifications in the browser', () => {
  it('An turns SMS off on his account page; the administrator reads the Vietnamese email in the development mailbox', async () => {
    const an = await newPage(browser, srv.base, { phone: true, bypassCSP: true });
    await signIn(an.page, AN.idNumber);
    await an.page.goto('/tai-khoan');
    await an.page.getByRole('heading', { name: 'Nhận thông báo về hồ sơ' }).waitFor();
    const sms = an.page.getByLabel('Tin nhắn SMS (0912345678)');
    await expect.poll(() => sms.isChecked()).toBe(true);
    await sms.uncheck();
    await an.page.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await an.page.getByText('Đã lưu lựa chọn nhận thông báo.').waitFor();
    // Only this section: the sessions tables on the same page have a known axe finding at phone width (scrollable region).
    expect(await axeProblems(an.page, '.ntf-prefs')).toEqual([]);
    await shot(an.page, 'notifications-preferences-phone');
    await an.context.close();

    // The desk receives one of An's dossiers: email and in-app only now.
    const citizen = await as(srv.base, AN.idNumber);
    const d = (await submit(citizen, await findProcedure(citizen, 'lý lịch tư pháp'))).body;
    await step(await as(srv.base, 'catp.tiepnhan'), d.id, 'receive');
    const channels = await srv.ctx.db.selectFrom('notification_outbox').select('channel').where('dossier_id', '=', d.id).orderBy('channel').execute();
    expect(channels.map((c) => c.channel)).toEqual(['email', 'inapp']);
    await srv.ctx.jobs.runNow('notifications.deliver');

    const admin = await newPage(browser, srv.base, { bypassCSP: true });
    await signIn(admin.page, 'admin');
    await admin.page.goto('/quan-tri/hop-thu');
    await admin.page.getByRole('heading', { name: 'Hộp thư phát triển', level: 1 }).waitFor();
    const mail = admin.page.getByRole('article').filter({ hasText: `Hồ sơ ${d.code} đã được tiếp nhận` });
    await mail.waitFor();
    expect(await mail.textContent()).toContain('Kính gửi Nguyễn Văn An');
    expect(await mail.textContent()).toContain('an.nguyen@example.vn');
    expect(await axeProblems(admin.page)).toEqual([]);
    await shot(admin.page, 'notifications-dev-mailbox');
    await admin.context.close();
  });
});

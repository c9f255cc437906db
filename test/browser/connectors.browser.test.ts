import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import type { TestServer } from '../server.ts';
import { getAgencyByCode } from '../../src/modules/agencies/service.ts';
import { DELIVER_JOB, enqueueRequest } from '../../src/modules/connector/service.ts';
import { settings } from '../../src/modules/connector/deliver.ts';
import { socialInsuranceSimulator } from '../../src/modules/connector/routes.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2.1 A/AA violations found by axe-core (see a11y.browser.test.ts). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help} at ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

process.env.SOCIAL_INSURANCE_SIM_DELAY_MS = '0';
let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

describe('external-agency connections in the browser', () => {
  it("BHXH's supervisor finds a request that failed while the social-insurance system was down, reads the error, sends it again; the administrator sees it sent", async () => {
    const sim = socialInsuranceSimulator!;
    const bhxh = (await getAgencyByCode(srv.ctx.db, '000.00.12.H26'))!;
    const label = 'Cấp thẻ BHYT cho trẻ em dưới 6 tuổi — Nguyễn Gia Bảo';
    sim.setAvailable(false);
    settings.maxAttempts = 1;
    const { id } = await srv.ctx.db.transaction().execute((tx) => enqueueRequest(tx, {
      connector: 'social-insurance', operation: 'child-health-insurance-card', key: `browser-${Date.now()}`, label, agencyId: bhxh.id,
      payload: { child: { idNumber: '001226004321', fullName: 'Nguyễn Gia Bảo', birthDate: '2026-09-01' }, residence: { wardCode: '00004' } },
      subject: { kind: 'browser_test', id: 'b1' },
    }));
    await srv.ctx.jobs.runNow(DELIVER_JOB);
    settings.maxAttempts = 8;

    const sup = await newPage(browser, srv.base, { bypassCSP: true });
    await signIn(sup.page, 'bhxh.lanhdao');
    await sup.page.goto('/quan-tri/ket-noi');
    await sup.page.getByRole('heading', { name: 'Kết nối cơ quan ngoài', level: 1 }).waitFor();
    const row = sup.page.getByRole('row').filter({ hasText: label });
    await row.waitFor();
    expect(await row.textContent()).toContain('Gửi thất bại');
    expect(await row.textContent()).toContain('Bảo hiểm xã hội');
    expect(await axeProblems(sup.page)).toEqual([]);
    await shot(sup.page, 'connectors-dead-letters');

    await row.getByRole('link', { name: label }).click();
    await sup.page.getByRole('heading', { name: 'Các lần gửi' }).waitFor();
    const attempts = sup.page.getByRole('region', { name: 'Các lần gửi' });
    expect(await attempts.textContent()).toContain('503');
    expect(await attempts.textContent()).toContain('không phục vụ');
    expect(await sup.page.getByRole('region', { name: 'Dữ liệu gửi đi' }).textContent()).toContain('001226004321');
    expect(await axeProblems(sup.page)).toEqual([]);
    await shot(sup.page, 'connectors-message-dead');

    sim.setAvailable(true);
    await sup.page.getByRole('button', { name: 'Gửi lại' }).click();
    await sup.page.getByText('Đã đưa yêu cầu vào hàng đợi gửi lại.').waitFor();
    await sup.page.getByText('Chờ gửi').first().waitFor();
    await srv.ctx.jobs.runNow(DELIVER_JOB);
    await sup.context.close();
    const ref = (await srv.ctx.db.selectFrom('connector_message').select('external_ref').where('id', '=', id).executeTakeFirstOrThrow()).external_ref!;
    await sim.decideNow(ref);

    // The city administrator, on a phone: the request is sent and approved, with the card in the result.
    const admin = await newPage(browser, srv.base, { phone: true, bypassCSP: true });
    await signIn(admin.page, 'admin');
    await admin.page.goto('/quan-tri');
    await admin.page.getByRole('link', { name: 'Mở danh sách kết nối' }).click();
    await admin.page.getByLabel('Trạng thái').selectOption('sent');
    await admin.page.getByRole('link', { name: label }).click();
    await admin.page.getByText(ref, { exact: true }).waitFor();
    await admin.page.getByText('Chấp thuận').waitFor();
    expect(await admin.page.getByRole('region', { name: 'Kết quả' }).textContent()).toMatch(/TE101\d{10}/);
    expect(await admin.page.getByRole('button', { name: 'Gửi lại' }).count()).toBe(0);
    expect(await axeProblems(admin.page)).toEqual([]);
    await shot(admin.page, 'connectors-message-sent-phone');
    await admin.context.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';
import { AN, findProcedure, step, submit } from '../dossiers.ts';

/** The citizen pays a fee from the dossier page through the bundled gateway's checkout page (needs `npm run build`). */
let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => { srv = s; browser = b; });

describe('online payment in the browser', () => {
  it('shows the amount and the VietQR code, fails once at the gateway, then pays and offers the receipt', async () => {
    const citizen = await as(srv.base, AN.idNumber);
    const proc = await findProcedure(citizen, 'lý lịch tư pháp');
    const id = (await submit(citizen, proc)).body.id as string;
    const desk = await as(srv.base, 'catp.tiepnhan');
    await step(desk, id, 'receive');
    await step(desk, id, 'forward');
    await step(await as(srv.base, 'catp.canbo'), id, 'request-payment', { amount: 200000 });

    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);
    await page.goto(`/ho-so/${id}`);
    const panel = page.getByRole('region', { name: 'Phí, lệ phí' });
    await panel.getByText('200.000 đồng').first().waitFor();
    // The paused deadline is explained as waiting for the payment, not for a supplement.
    await page.getByText('Thời hạn đang tạm dừng trong khi chờ bạn nộp phí, lệ phí.').waitFor();
    await panel.getByRole('button', { name: /VietQR/ }).click();
    await panel.getByRole('img', { name: /Mã VietQR chuyển khoản 200\.000 đồng/ }).first().waitFor();
    await shot(page, 'payment-dossier-qr');

    // At the gateway (another server): the payer chooses failure, comes back and may pay again.
    await panel.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.getByRole('button', { name: /Thanh toán thất bại/ }).click();
    await page.waitForURL((u) => u.pathname === `/ho-so/${id}`);
    await panel.getByText('Không thành công').first().waitFor();
    await panel.getByRole('button', { name: 'Thanh toán lại' }).click();
    // A screenshot taken while the browser is still moving to the gateway hangs: wait for its page first.
    await page.getByRole('button', { name: /Thanh toán thành công/ }).waitFor();
    await shot(page, 'payment-gateway-checkout');
    await page.getByRole('button', { name: /Thanh toán thành công/ }).click();
    await page.waitForURL((u) => u.pathname === `/ho-so/${id}`);
    await panel.getByText('Đã thanh toán').first().waitFor();
    await panel.getByRole('link', { name: 'Tải biên lai điện tử' }).first().waitFor();
    expect(await panel.getByRole('button', { name: 'Thanh toán trực tuyến' }).count()).toBe(0);
    await shot(page, 'payment-paid');
    await context.close();
  });
});

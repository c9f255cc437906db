import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';
import { AN, findProcedure, step, submit } from '../dossiers.ts';

/** E-result: the QR page says valid, the official revokes from the dossier page, the page then says revoked (needs `npm run build`). */
let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => { srv = s; browser = b; });

describe('electronic results in the browser', () => {
  it('verifies a result by its QR address, then shows it revoked after the signer revokes it', async () => {
    const citizen = await as(srv.base, AN.idNumber);
    const proc = await findProcedure(citizen, 'lý lịch tư pháp');
    const id = (await submit(citizen, proc)).body.id as string;
    const desk = await as(srv.base, 'catp.tiepnhan');
    await step(desk, id, 'receive');
    await step(desk, id, 'forward');
    await step(await as(srv.base, 'catp.canbo'), id, 'forward');
    await step(await as(srv.base, 'catp.truongphong'), id, 'forward');
    await step(await as(srv.base, 'catp.lanhdao'), id, 'sign');
    const [r] = (await citizen.get(`/api/v1/results?dossierId=${id}`)).body.items;

    // Anyone scanning the QR code: no sign-in.
    const { page, context } = await newPage(browser, srv.base);
    await page.goto(`/xac-thuc/${r.code}`);
    await page.getByText('Kết quả HỢP LỆ').waitFor();
    await page.getByText('Công an thành phố Hà Nội').first().waitFor();
    await page.getByText('PAdES cơ bản (B-B), chữ ký nằm trong tệp PDF').waitFor();
    await shot(page, 'results-verify-valid');
    await context.close();

    // The signer revokes it from the dossier page.
    const staff = await newPage(browser, srv.base);
    await signIn(staff.page, 'catp.lanhdao');
    await staff.page.goto(`/can-bo/ho-so/${id}`);
    const panel = staff.page.getByRole('region', { name: 'Kết quả điện tử đã ký số' });
    await panel.getByText(r.code).waitFor();
    await panel.getByRole('button', { name: 'Thu hồi kết quả…' }).click();
    await panel.getByLabel('Lý do thu hồi').fill('Cấp nhầm nơi sinh');
    await panel.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    await panel.getByText(/ĐÃ BỊ THU HỒI/).waitFor();
    await staff.context.close();

    const again = await newPage(browser, srv.base);
    await again.page.goto(`/xac-thuc/${r.code}`);
    await again.page.getByText(/ĐÃ BỊ THU HỒI/).waitFor();
    await again.page.getByText('Cấp nhầm nơi sinh').waitFor();
    expect(await again.page.getByText('Kết quả HỢP LỆ').count()).toBe(0);
    await shot(again.page, 'results-verify-revoked');
    await again.context.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type Api, type TestServer } from '../server.ts';
import { AN, submissionFor } from '../dossiers.ts';
import { tinyPdf } from '../fixtures.ts';

let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

/** A complete draft (form and documents) so the page can go straight to the review step. */
async function draft(api: Api, code: string, agencyCode?: string) {
  const proc = (await api.get(`/api/v1/procedures/${code}`)).body;
  const body = await submissionFor(api, proc);
  if (body.form.landCertificate) (body.form.landCertificate as Record<string, unknown>).serial = 'CS123456'; // the sample value does not match its pattern
  const id = crypto.randomUUID();
  expect((await api.put(`/api/v1/drafts/${id}`, { ...body, agencyCode: agencyCode ?? null })).status).toBe(200);
  return id;
}

async function toReview(page: Page, code: string, draftId: string) {
  await page.goto(`/thu-tuc/${code}/nop-ho-so?nhap=${draftId}`);
  await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
}

describe('fees before submitting', () => {
  it('the apply page shows the amount before submitting: online discount, "0 đồng" where waived', async () => {
    const api = await as(srv.base, AN.idNumber);
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);

    // Driving-licence exchange: 135.000 đ at the desk, 115.000 đ online — shown from the first step.
    const licence = await draft(api, '3.000347');
    await toReview(page, '3.000347', licence);
    await expect.poll(() => page.getByTestId('fee-summary').textContent()).toContain('115.000 đồng');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp' }).waitFor();
    const breakdown = page.getByTestId('fee-breakdown');
    await breakdown.getByText('Giảm khi nộp trực tuyến').waitFor();
    expect(await breakdown.getByTestId('fee-total').textContent()).toBe('115.000 đồng');
    await shot(page, 'fees-apply-online-discount');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' }).waitFor();
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await expect.poll(() => page.getByTestId('quoted-fee').textContent()).toContain('115.000 đồng');

    // Permanent residence online: waived by the "0 đồng" policy.
    const residence = await draft(api, '1.004222', '000.04.02.H26');
    await toReview(page, '1.004222', residence);
    await expect.poll(() => page.getByTestId('fee-summary').textContent()).toContain('0 đồng');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp' }).waitFor();
    await page.getByTestId('fee-policy').waitFor();
    expect(await page.getByTestId('fee-total').textContent()).toBe('0 đồng');
    await page.getByText('Bạn không phải nộp phí, lệ phí cho hồ sơ này (0 đồng).').waitFor();
    await shot(page, 'fees-apply-zero-dong');

    await context.close();
  });

  it('the amount follows an exemption claimed with its proof (construction permit, near-poor household: 50 % off)', async () => {
    const api = await as(srv.base, AN.idNumber);
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);
    const permit = await draft(api, '1.013225', '000.04.01.H26');
    await toReview(page, '1.013225', permit);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp' }).waitFor();
    await expect.poll(() => page.getByTestId('fee-total').textContent()).toBe('75.000 đồng');
    await page.getByLabel('Đối tượng được miễn, giảm').selectOption('ho-can-ngheo');
    await expect.poll(() => page.getByTestId('fee-total').textContent()).toBe('37.500 đồng');
    const submit = page.getByRole('button', { name: 'Nộp hồ sơ' });
    expect(await submit.isDisabled()).toBe(true); // the proof first
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fee-')), 'chung-nhan-ho-can-ngheo.pdf');
    fs.writeFileSync(pdf, tinyPdf());
    await page.locator('.exemption-claim input[type=file]').setInputFiles(pdf);
    await page.getByRole('link', { name: 'chung-nhan-ho-can-ngheo.pdf' }).waitFor();
    await shot(page, 'fees-apply-exemption');
    await submit.click();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' }).waitFor();
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByTestId('exemption-claim').waitFor();
    expect(await page.getByTestId('quoted-fee').textContent()).toContain('37.500 đồng');
    await context.close();
  });

  it("the agency's supervisor (who does finance) reaches the daily reconciliation from the supervision page", async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'catp.giamsat');
    await page.goto('/can-bo/giam-sat');
    await page.getByRole('link', { name: 'Đối soát thanh toán trực tuyến' }).click();
    await page.getByRole('heading', { name: 'Đối soát thanh toán trực tuyến', level: 1 }).waitFor();
    await page.getByTestId('recon-status').waitFor();
    await shot(page, 'fees-reconciliation');
    await context.close();
  });
});

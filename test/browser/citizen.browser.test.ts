import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';
import { AN } from '../dossiers.ts';
import { sampleForm } from '../../src/modules/catalog/sample-form.ts';
import { tinyPdf } from '../fixtures.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

describe('citizen portal in the browser', () => {
  it('finds a procedure on a phone with a diacritic-free search and suggestions', async () => {
    const { page, context } = await newPage(browser, srv.base, { phone: true });
    const t0 = Date.now();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Dịch vụ công trực tuyến' }).waitFor();
    const firstPaintMs = Date.now() - t0;
    expect(firstPaintMs).toBeLessThan(5000); // sanity only; the real figure is in BENCHMARKS.md
    await page.getByRole('combobox').fill('dang ky khai sinh');
    const option = page.getByRole('option').first();
    await expect.poll(() => option.textContent()).toBe('Đăng ký khai sinh');
    await shot(page, 'citizen-home-phone');
    await option.click();
    await page.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
    await expect.poll(() => page.getByText('Thành phần hồ sơ').count()).toBeGreaterThan(0);
    // Nothing overflows sideways at 360 px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'citizen-procedure-phone');
    // English, remembered across reloads.
    await page.getByRole('button', { name: 'Trình đơn' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.reload();
    await page.getByRole('heading', { name: 'Birth registration' }).waitFor();
    await context.close();
  });

  it('applies for a judicial-record certificate: resumes a draft, uploads, submits once, and follows it', async () => {
    const api = await as(srv.base, AN.idNumber);
    const proc = (await api.get('/api/v1/procedures/3.000333')).body;
    // A draft saved earlier (e.g. on another device) with the form filled in.
    const draftId = crypto.randomUUID();
    const form = sampleForm(proc.form, { applicant: { fullName: AN.fullName, idNumber: AN.idNumber, phone: AN.phone } });
    expect((await api.put(`/api/v1/drafts/${draftId}`, { procedureCode: proc.code, form, documents: [] })).status).toBe(200);

    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);
    await page.goto('/ho-so-cua-toi');
    await page.getByRole('link', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
    // The identity field is read-only and prefilled.
    const id = page.locator('input[id$="applicant_idNumber"]');
    await expect.poll(() => id.inputValue()).toBe(AN.idNumber);
    expect(await id.getAttribute('readonly')).not.toBeNull();
    // A bad e-mail is caught inline, in Vietnamese, and nothing typed is lost.
    const email = page.locator('input[id$="applicant_email"]');
    await email.fill('khong-phai-email');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Thư điện tử không đúng định dạng').first().waitFor();
    expect(await email.inputValue()).toBe('khong-phai-email');
    await email.fill('an.nguyen@example.vn');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();
    await shot(page, 'citizen-apply-documents');
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'up-')), 'can-cuoc.pdf');
    fs.writeFileSync(pdf, tinyPdf());
    for (const d of proc.documents.filter((x: any) => x.required && x.template !== 'form')) {
      await page.getByLabel(new RegExp(`^${d.name.slice(0, 20).replace(/[()]/g, '.')}`)).first().setInputFiles(pdf);
      await page.getByRole('link', { name: 'can-cuoc.pdf' }).first().waitFor();
    }
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp' }).waitFor();
    // A double click submits once.
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).dblclick();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' }).waitFor();
    const code = (await page.locator('b', { hasText: '000.00.11.H26-' }).textContent())!.trim();
    await shot(page, 'citizen-receipt');
    const mine = (await api.get('/api/v1/my/dossiers')).body.items.filter((x: any) => x.procedureCode === proc.code);
    expect(mine.filter((x: any) => x.code === code)).toHaveLength(1);
    expect((await api.get('/api/v1/drafts')).body.items.find((d: any) => d.id === draftId)).toBeUndefined();

    // Follow it: the dossier page and the public tracking page.
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    await page.getByText('Mới đăng ký').first().waitFor();
    await shot(page, 'citizen-dossier');
    const anon = await newPage(browser, srv.base, { phone: true });
    await anon.page.goto(`/tra-cuu/${code}`);
    await anon.page.getByLabel(/4 số cuối/).fill(AN.phone.slice(-4));
    await anon.page.getByRole('button', { name: 'Tra cứu' }).click();
    await anon.page.getByRole('heading', { name: code }).waitFor();
    await anon.page.getByLabel(/4 số cuối/).fill('0000');
    await anon.page.getByRole('button', { name: 'Tra cứu' }).click();
    await anon.page.getByRole('alert').getByText('Không tìm thấy hồ sơ').waitFor();
    await anon.context.close();
    await context.close();
  });

  it('answers a supplement request, then rates the returned result', async () => {
    const api = await as(srv.base, AN.idNumber);
    const proc = (await api.get('/api/v1/procedures/3.000333')).body;
    const { submissionFor, step } = await import('../dossiers.ts');
    const d = (await api.post('/api/v1/dossiers', await submissionFor(api, proc))).body;
    const desk = await as(srv.base, 'catp.tiepnhan');
    await step(desk, d.id, 'request-supplement', { items: [{ name: 'Bản sao Căn cước', reason: 'Ảnh bị mờ' }] });

    const { page, context } = await newPage(browser, srv.base, { phone: true });
    await signIn(page, AN.idNumber);
    await page.goto(`/ho-so/${d.id}`);
    await page.getByRole('heading', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' }).waitFor();
    await page.getByText('Ảnh bị mờ').waitFor();
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'up-')), 'bo-sung.pdf');
    fs.writeFileSync(pdf, tinyPdf('bo sung'));
    await page.locator('input[type=file]').setInputFiles(pdf);
    await page.getByRole('link', { name: 'bo-sung.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Gửi bổ sung' }).last().click();
    await page.getByRole('heading', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' }).waitFor({ state: 'detached' }).catch(async (e) => { await shot(page, 'citizen-supplement-failed'); throw e; });
    await page.getByText('Mới đăng ký').first().waitFor();

    // The agency finishes it.
    for (const [who, a] of [['catp.tiepnhan', 'receive'], ['catp.tiepnhan', 'forward'], ['catp.canbo', 'forward'], ['catp.truongphong', 'forward'], ['catp.lanhdao', 'sign'], ['catp.tiepnhan', 'return']] as const) {
      await step(await as(srv.base, who), d.id, a);
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).waitFor();
    await page.getByLabel('Rất hài lòng').check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Nhanh, đúng hẹn');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn bạn đã đánh giá').waitFor();
    expect((await api.get(`/api/v1/dossiers/${d.id}/rating`)).body.rating.level).toBe('very_satisfied');
    await context.close();
  });
});

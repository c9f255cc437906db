import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage, shot, signIn, tmp } from '../browser.ts';
import { as, startTestServer, type TestServer } from '../server.ts';
import { AN } from '../dossiers.ts';
import { tinyPdf, tinyPng } from '../fixtures.ts';

/**
 * The end-to-end story, every step through the browser as the people involved would do
 * it (the API only to read back what happened): a citizen applies online on a phone with two
 * uploads, the desk asks for a supplement, the citizen answers it, the agency processes the
 * dossier through every step (with an apology and new date on the way), the desk returns it and
 * the citizen downloads the result and rates it; then a walk-in applicant with a queue ticket.
 * Bad input, the English switch and the 360 px phone are checked along the way. Screenshots go
 * to test-output/journey-*.png. Needs the built app (`npx vite build`).
 */
const CATP = '000.00.11.H26';
const BINH = { idNumber: '001195006789', fullName: 'Trần Thị Bình' };

let srv: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  srv = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await srv?.stop();
});

async function person(username: string | null, opts: { phone?: boolean } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, srv.base, opts);
  contexts.push(context);
  if (username) await signIn(page, username);
  return page;
}

/** Nothing wider than the screen (the phone steps). */
async function fitsScreen(page: Page, name: string) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over, `${name}: the page scrolls sideways by ${over}px`).toBeLessThanOrEqual(0);
}

function pdfText(buf: Buffer): string {
  const f = path.join(os.tmpdir(), `journey-${process.pid}-${Math.random()}.pdf`);
  fs.writeFileSync(f, buf);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-']).toString('utf8');
  } finally {
    fs.rmSync(f, { force: true });
  }
}

const files = tmp();
function file(name: string, bytes: Buffer | string) {
  const p = path.join(files, name);
  fs.writeFileSync(p, bytes);
  return p;
}

const statusBadge = (page: Page) => page.locator('.dossier-summary .summary-badges .badge').first();

/** Opens an official's action, lets `fill` fill it, submits and waits for the success notice. */
async function act(page: Page, title: string, submit: string, fill?: () => Promise<void>) {
  await page.getByRole('button', { name: title, exact: true }).click();
  if (fill) await fill();
  await page.getByRole('button', { name: submit, exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Đã thực hiện: ${title}` }).waitFor();
}

/** Signs in as an official and opens the dossier from the inbox, as they would. */
async function openFromInbox(username: string, code: string): Promise<Page> {
  const page = await person(username);
  await page.getByRole('heading', { name: 'Hồ sơ cần xử lý' }).waitFor();
  await page.locator(`tr[data-code="${code}"]`).getByRole('link', { name: code }).click();
  await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
  return page;
}

describe('the whole story in the browser', () => {
  let dossier: { id: string; code: string };

  it('a citizen applies online on a phone with two uploads; bad input is explained where it happened', async () => {
    const page = await person(AN.idNumber, { phone: true });
    await page.goto('/thu-tuc/3.000333');
    await page.getByRole('heading', { name: /^Cấp Phiếu lý lịch tư pháp/ }).waitFor();
    await fitsScreen(page, 'procedure');
    await shot(page, 'journey-01-procedure-phone');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();

    // Step 1, the form. What the population database knows is there already, read-only (once-only).
    await expect.poll(() => page.locator('#root_subject_permanentResidence').inputValue()).toBe('Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội');
    for (const [id, value] of [['applicant_idNumber', AN.idNumber], ['applicant_fullName', AN.fullName], ['applicant_dateOfBirth', '1990-05-14'],
      ['subject_fullName', AN.fullName], ['subject_dateOfBirth', '1990-05-14'], ['subject_idNumber', AN.idNumber],
      ['family_fatherName', 'Nguyễn Văn Thành'], ['family_motherName', 'Vũ Thị Hạnh']]) {
      expect(await page.locator(`#root_${id}`).inputValue(), id).toBe(value);
      expect(await page.locator(`#root_${id}`).getAttribute('readonly'), id).not.toBeNull();
    }
    expect(await page.locator('#root_subject_sex option:checked').textContent()).toBe('Nam');
    expect(await page.locator('#root_subject_sex').isDisabled()).toBe(true);
    await page.locator('#root_applicant_address').fill('Số 5 phố Đội Cấn, phường Ba Đình, Hà Nội');
    await page.locator('#root_residenceHistory_0_from').fill('2004-05-14');
    await page.locator('#root_residenceHistory_0_place').fill('Phường Ba Đình, Hà Nội');
    await page.locator('#root_residenceHistory_0_occupation').fill('Học sinh, sinh viên, nhân viên văn phòng');
    await page.locator('#root_certificateType').selectOption('Phiếu lý lịch tư pháp số 1');
    await page.locator('#root_resultDelivery').selectOption('Bản điện tử trên ứng dụng VNeID');
    await page.locator('#root_purpose').fill('Bổ sung hồ sơ xin việc');
    // A wrong-format phone number: the message is inline, in Vietnamese, next to the field; what was typed stays.
    const phone = page.locator('#root_subject_phone');
    await phone.fill('091234');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tờ khai còn thông tin chưa hợp lệ' }).waitFor();
    // The button is at the bottom of a long form on a phone: focus (and the screen) go to the field to fix.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('root_subject_phone');
    const phoneError = page.locator('#root_subject_phone__error');
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toMatch(/định dạng|10 chữ số/);
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await phone.inputValue()).toBe('091234');
    expect(await page.locator('#root_family_fatherName').inputValue()).toBe('Nguyễn Văn Thành');
    await fitsScreen(page, 'form with errors');
    await phone.scrollIntoViewIfNeeded();
    await shot(page, 'journey-02-form-error-phone');
    await phone.fill('0912345678');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Step 2, the documents: a PNG scan of the ID card and a PDF power of attorney.
    await page.getByRole('heading', { name: '2. Giấy tờ', level: 2 }).waitFor();
    const idCard = page.getByRole('group', { name: /^Bản chụp thẻ căn cước/ });
    const attorney = page.getByRole('group', { name: /^Văn bản ủy quyền/ });
    const exemption = page.getByRole('group', { name: /^Giấy tờ chứng minh thuộc đối tượng được miễn/ });
    await idCard.locator('input[type=file]').setInputFiles(file('can-cuoc.png', tinyPng()));
    await idCard.getByRole('link', { name: 'can-cuoc.png' }).waitFor();
    expect(await idCard.locator('.file-row img').count()).toBe(1);
    await attorney.locator('input[type=file]').setInputFiles(file('uy-quyen.pdf', tinyPdf('Giay uy quyen')));
    await attorney.getByRole('link', { name: 'uy-quyen.pdf' }).waitFor();
    // Files whose bytes are not PDF/JPEG/PNG: a program, and a web page renamed .pdf. The server's
    // Vietnamese message sits next to each file, and nothing is attached.
    await exemption.locator('input[type=file]').setInputFiles([
      file('ho-ngheo.exe', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(256)])),
      file('xac-nhan.pdf', '<!doctype html><html><body><h1>Xác nhận hộ nghèo</h1></body></html>'),
    ]);
    for (const name of ['ho-ngheo.exe', 'xac-nhan.pdf']) {
      const row = exemption.locator('.file-row', { hasText: name });
      await row.getByText('Chỉ nhận tệp PDF, JPEG hoặc PNG.').waitFor();
      expect(await row.getByRole('alert').count()).toBe(1);
    }
    expect(await exemption.getByRole('link').count()).toBe(0);
    await fitsScreen(page, 'documents');
    await shot(page, 'journey-03-documents-phone');
    // The rejected files are dismissed; the good ones stay.
    for (const name of ['ho-ngheo.exe', 'xac-nhan.pdf']) await exemption.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).click();
    expect(await exemption.locator('.file-row').count()).toBe(0);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Step 3, review in plain words, then submit.
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp', level: 2 }).waitFor();
    const review = page.locator('.card', { hasText: 'Kiểm tra lại thông tin trước khi nộp' });
    await review.getByText('can-cuoc.png').waitFor();
    await review.getByText('uy-quyen.pdf').waitFor();
    await review.getByText('Nguyễn Văn Thành').waitFor();
    expect(await review.textContent()).not.toContain('"fatherName"');
    await fitsScreen(page, 'review');
    await shot(page, 'journey-04-review-phone');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' }).waitFor();
    const code = (await page.locator('b', { hasText: `${CATP}-` }).textContent())!.trim();
    await shot(page, 'journey-05-submitted-phone');
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    dossier = { id: new URL(page.url()).pathname.split('/').pop()!, code };
    await page.getByText('Mới đăng ký').first().waitFor();
    await fitsScreen(page, 'dossier');

    // The English switch on a citizen page, then back.
    await page.getByRole('button', { name: 'Trình đơn' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: `Dossier ${code}` }).waitFor();
    await page.getByText('Submitted').first().waitFor();
    await page.getByText(/^Power of attorney/).waitFor();
    // The menu closed on choosing, as it does for every other item.
    expect(await page.getByRole('navigation', { name: 'Menu' }).isVisible()).toBe(false);
    await fitsScreen(page, 'dossier in English');
    await shot(page, 'journey-06-dossier-english-phone');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();

    const saved = (await (await as(srv.base, AN.idNumber)).get(`/api/v1/dossiers/${dossier.id}`)).body;
    expect(saved.documents.map((d: any) => `${d.documentCode}:${d.filename}`).sort()).toEqual(['giay-to-tuy-than:can-cuoc.png', 'van-ban-uy-quyen:uy-quyen.pdf']);
    expect(saved.form.subject.phone).toBe('0912345678');
  }, 120_000);

  it('the desk asks for a supplement and the citizen answers it with a new upload', async () => {
    const desk = await openFromInbox('catp.tiepnhan', dossier.code);
    await desk.locator('.doc-viewer').getByRole('button', { name: /can-cuoc\.png/ }).waitFor();
    await desk.getByRole('button', { name: 'Yêu cầu bổ sung hồ sơ', exact: true }).click();
    const form = desk.locator('#act-request_supplement');
    await form.getByLabel('Giấy tờ').first().selectOption('giay-to-tuy-than');
    await form.getByLabel('Lý do').first().fill('Ảnh chụp bị lóa, không đọc được số thẻ');
    await shot(desk, 'journey-07-desk-supplement');
    await form.getByRole('button', { name: 'Gửi yêu cầu bổ sung', exact: true }).click();
    await desk.getByRole('status').filter({ hasText: 'Đã thực hiện: Yêu cầu bổ sung hồ sơ' }).waitFor();
    await expect.poll(() => statusBadge(desk).textContent()).toBe('Yêu cầu bổ sung giấy tờ');
    expect((await desk.request.get(`/api/v1/dossiers/${dossier.id}/slips/supplement.pdf`)).status()).toBe(200);

    const page = await person(AN.idNumber, { phone: true });
    await page.goto('/ho-so-cua-toi');
    await page.getByRole('link', { name: /Cấp Phiếu lý lịch tư pháp/ }).first().click();
    await page.getByRole('heading', { name: `Hồ sơ ${dossier.code}` }).waitFor();
    const sup = page.getByRole('region', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' });
    await sup.getByText('Ảnh chụp bị lóa, không đọc được số thẻ').waitFor();
    // The document asked for is the one chosen.
    expect(await sup.getByLabel('Loại giấy tờ').inputValue()).toBe('giay-to-tuy-than');
    await sup.locator('input[type=file]').setInputFiles(file('can-cuoc-ro.png', tinyPng()));
    await sup.getByRole('link', { name: 'can-cuoc-ro.png' }).waitFor();
    await fitsScreen(page, 'supplement');
    await shot(page, 'journey-08-supplement-phone');
    await sup.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await sup.waitFor({ state: 'detached' });
    await page.getByText('Mới đăng ký').first().waitFor();
    await page.getByRole('link', { name: 'can-cuoc-ro.png' }).waitFor();
  }, 90_000);

  it('the agency processes it through every step, with an apology and new date on the way', async () => {
    // The desk receives it and hands it on.
    const desk = await openFromInbox('catp.tiepnhan', dossier.code);
    await act(desk, 'Tiếp nhận hồ sơ', 'Tiếp nhận');
    await expect.poll(() => statusBadge(desk).textContent()).toBe('Được tiếp nhận');
    const receipt = await desk.request.get(`/api/v1/dossiers/${dossier.id}/slips/receipt.pdf`);
    expect(receipt.status()).toBe(200);
    await act(desk, 'Chuyển bước tiếp theo', 'Chuyển tiếp');
    await expect.poll(() => statusBadge(desk).textContent()).toBe('Đang xử lý');

    // The processing officer: verification takes longer, so an apology and a new date before the due date.
    const officer = await openFromInbox('catp.canbo', dossier.code);
    const due = (await (await as(srv.base, 'catp.canbo')).get(`/api/v1/dossiers/${dossier.id}`)).body.dueAt as string;
    const later = new Date(new Date(due).getTime() + 7 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
    const reason = 'Chờ kết quả xác minh nơi cư trú tại Đà Nẵng';
    await officer.getByRole('button', { name: 'Xin lỗi và hẹn lại ngày trả', exact: true }).click();
    const ext = officer.locator('#act-extend');
    // Sent empty first: each missing answer is flagged next to its field.
    await ext.getByRole('button', { name: 'Gửi văn bản xin lỗi và hẹn lại', exact: true }).click();
    expect(await ext.getByLabel(/^Ngày hẹn trả mới/).getAttribute('aria-invalid')).toBe('true');
    expect(await ext.getByLabel(/^Lý do chậm trễ/).getAttribute('aria-invalid')).toBe('true');
    await ext.getByLabel(/^Ngày hẹn trả mới/).fill(later);
    await ext.getByLabel(/^Lý do chậm trễ/).fill(reason);
    await shot(officer, 'journey-09-extend');
    await ext.getByRole('button', { name: 'Gửi văn bản xin lỗi và hẹn lại', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã thực hiện: Xin lỗi và hẹn lại ngày trả' }).waitFor();
    const ddmmyyyy = `${later.slice(8, 10)}/${later.slice(5, 7)}/${later.slice(0, 4)}`;
    await officer.locator('.dossier-summary').getByText(`17:00 ${ddmmyyyy}`).waitFor();
    const slipLink = officer.getByRole('link', { name: 'Văn bản xin lỗi và hẹn lại' });
    const slip = await officer.request.get((await slipLink.getAttribute('href'))!);
    expect(slip.status()).toBe(200);
    expect(slip.headers()['content-type']).toContain('application/pdf');
    const text = pdfText(await slip.body()).replace(/\s+/g, ' ');
    expect(text).toContain(reason);
    expect(text).toContain(ddmmyyyy);

    // The English switch on a staff page, then back.
    await officer.getByRole('button', { name: 'English' }).click();
    await officer.getByRole('heading', { name: `Dossier ${dossier.code}` }).waitFor();
    await officer.getByRole('button', { name: 'Forward to the next step', exact: true }).waitFor();
    await shot(officer, 'journey-10-staff-english');
    await officer.getByRole('button', { name: 'Tiếng Việt' }).click();
    await officer.getByRole('heading', { name: `Hồ sơ ${dossier.code}` }).waitFor();

    await act(officer, 'Chuyển bước tiếp theo', 'Chuyển tiếp');
    const head = await openFromInbox('catp.truongphong', dossier.code);
    await act(head, 'Chuyển bước tiếp theo', 'Chuyển tiếp');

    // The signing authority uploads the signed result and signs.
    const signer = await openFromInbox('catp.lanhdao', dossier.code);
    await signer.getByRole('button', { name: 'Ký duyệt kết quả', exact: true }).click();
    await signer.locator('#act-sign input[type=file]').setInputFiles(file('phieu-lltp-so-1.pdf', tinyPdf('Phieu LLTP so 1')));
    await signer.locator('#act-sign .file-row a', { hasText: 'phieu-lltp-so-1.pdf' }).waitFor();
    await shot(signer, 'journey-11-sign');
    await signer.getByRole('button', { name: 'Ký duyệt', exact: true }).click();
    await signer.getByRole('status').filter({ hasText: 'Đã thực hiện: Ký duyệt kết quả' }).waitFor();
    await expect.poll(() => statusBadge(signer).textContent()).toBe('Đã xử lý xong');

    // The desk returns it (online: the citizen downloads it).
    await desk.reload();
    await act(desk, 'Trả kết quả', 'Xác nhận đã trả kết quả', async () => {
      expect(await desk.getByLabel('Trực tuyến').isChecked()).toBe(true);
    });
    await expect.poll(() => statusBadge(desk).textContent()).toBe('Đã trả kết quả');
    const rows = await desk.locator('table.tracking-table tbody tr').allTextContents();
    expect(rows.length).toBe(10); // submit, supplement request, resubmit, receive, forward, extend, forward ×2, sign, return
    await shot(desk, 'journey-12-returned-staff');
  }, 150_000);

  it('the citizen downloads the result and rates the service', async () => {
    const page = await person(AN.idNumber, { phone: true });
    await page.goto(`/ho-so/${dossier.id}`);
    await page.getByText('Đã trả kết quả').first().waitFor();
    const result = page.getByRole('region', { name: 'Kết quả giải quyết' });
    const link = result.getByRole('link', { name: /phieu-lltp-so-1\.pdf/ });
    const res = await page.request.get((await link.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The apology letter is among the slips the citizen can open.
    await page.getByRole('link', { name: 'Văn bản xin lỗi và hẹn lại (PDF)' }).waitFor();
    await page.getByText('Chờ kết quả xác minh nơi cư trú tại Đà Nẵng').first().waitFor();
    await page.getByLabel('Rất hài lòng').check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn rõ ràng');
    await fitsScreen(page, 'result');
    await shot(page, 'journey-13-result-phone');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn bạn đã đánh giá: Rất hài lòng.').waitFor();
    const rating = (await (await as(srv.base, AN.idNumber)).get(`/api/v1/dossiers/${dossier.id}/rating`)).body.rating;
    expect(rating).toMatchObject({ level: 'very_satisfied', comment: 'Cán bộ hướng dẫn rõ ràng' });
  }, 60_000);

  it('a walk-in applicant takes a ticket, is called, received at the desk, and the ticket is served', async () => {
    // The kiosk in the hall (phone-sized touch screen).
    const kiosk = await person(null, { phone: true });
    await kiosk.goto(`/mot-cua/kiosk/${CATP}`);
    await kiosk.getByRole('button', { name: /Căn cước – Xuất nhập cảnh/ }).click();
    await kiosk.getByRole('heading', { name: /Số thứ tự của bạn/ }).waitFor();
    const number = (await kiosk.locator('.desk-ticket-number').textContent())!.trim();
    expect(number).toMatch(/^B\d{3}$/);
    await fitsScreen(kiosk, 'kiosk ticket');
    await shot(kiosk, 'journey-14-kiosk-ticket');

    // The board in the hall.
    const tv = await person(null);
    await tv.setViewportSize({ width: 1920, height: 1080 });
    await tv.goto(`/mot-cua/man-hinh/${CATP}`);
    await tv.getByRole('heading', { name: 'Công an thành phố Hà Nội' }).waitFor();

    // The desk officer at counter 2 (judicial records, ID cards) calls the next number.
    const desk = await person('catp.tiepnhan');
    await desk.getByRole('link', { name: 'Một cửa' }).click();
    await desk.getByRole('link', { name: /^Gọi số/ }).click();
    await desk.getByRole('button', { name: 'Làm việc tại Quầy 2' }).click();
    await desk.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await desk.getByRole('status').filter({ hasText: `Đã gọi số ${number}.` }).waitFor();
    await shot(desk, 'journey-15-counter');
    const tile = tv.locator('.board-tile', { hasText: 'Quầy 2' });
    await expect.poll(() => tile.locator('.board-tile-number').textContent(), { timeout: 10_000 }).toBe(number);
    await expect.poll(() => tv.getByTestId('board-announcement').textContent()).toBe(`Mời số ${number} đến Quầy 2`);
    await shot(tv, 'journey-16-board');
    // The kiosk screen, still open, tells the holder where to go.
    await kiosk.getByText('Mời bạn đến Quầy 2').waitFor({ timeout: 10_000 });

    // Reception of the walk-in applicant's dossier: an ID-card exchange.
    await desk.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByRole('heading', { name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
    await desk.getByLabel('Số định danh cá nhân').fill(BINH.idNumber);
    await desk.getByRole('button', { name: 'Tìm', exact: true }).click();
    await desk.getByText(`Đã tìm thấy trong hệ thống: ${BINH.fullName}`).waitFor();
    await desk.getByLabel('Tìm thủ tục của cơ quan').fill('doi the can cuoc');
    await desk.getByRole('button', { name: 'Chọn: Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)' }).click();
    await desk.getByRole('heading', { name: '3. Tờ khai' }).waitFor();
    await desk.locator('#root_reason').selectOption('Thẻ bị hư hỏng không sử dụng được');
    await desk.locator('#root_currentCardNumber').fill(BINH.idNumber);
    await desk.locator('#root_cardDelivery').selectOption('Nhận trực tiếp tại nơi làm thủ tục');
    await desk.getByRole('group', { name: /^Bản quét: Thẻ căn cước/ }).locator('input[type=file]').setInputFiles(file('the-cu.pdf', tinyPdf('the can cuoc cu')));
    await desk.getByRole('link', { name: 'the-cu.pdf' }).waitFor();
    await shot(desk, 'journey-17-reception');
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    const walkIn = (await desk.locator('.desk-code').textContent())!.trim();
    const receipt = await desk.request.get((await desk.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả (PDF)' }).getAttribute('href'))!);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    expect(pdfText(await receipt.body()).replace(/\s+/g, ' ')).toContain(walkIn);
    await shot(desk, 'journey-18-received');

    // Back at the counter: the ticket is served; the board clears the counter.
    await desk.getByRole('link', { name: 'Về quầy gọi số' }).click();
    await desk.locator('.desk-current-number', { hasText: number }).waitFor();
    await desk.getByRole('button', { name: 'Phục vụ xong' }).click();
    await desk.getByRole('status').filter({ hasText: `Số ${number} đã phục vụ xong.` }).waitFor();
    await expect.poll(() => tile.locator('.board-tile-number').textContent(), { timeout: 10_000 }).toBe('—');
    const ticket = (await (await as(srv.base, 'catp.tiepnhan')).get(`/api/v1/queue/counters/${await desk.evaluate(() => localStorage.getItem('motcua.desk.counter'))}`)).body;
    expect(ticket.current).toBeNull();
    expect(ticket.today.served).toBeGreaterThanOrEqual(1);
    const found = (await (await as(srv.base, 'catp.tiepnhan')).get(`/api/v1/dossiers?code=${walkIn}`)).body.items;
    expect(found[0]).toMatchObject({ status: 2, channel: 1, applicantIdNumber: BINH.idNumber });
  }, 120_000);
});

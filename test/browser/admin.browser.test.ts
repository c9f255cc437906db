import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';

/**
 * The administration area in a real browser against a real server (the built app in dist/web:
 * run `npx vite build` first): catalog editing with the live process check and server errors,
 * the form preview, the holiday calendar with the due-date calculator, and the 403 page.
 */
let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

const CODE = '1.004873'; // Giấy xác nhận tình trạng hôn nhân: 3 working days, steps 4+12+4+2+2 = 24 h, one fee of 3.000 đ

async function openEditor(page: Page, code: string) {
  await page.goto('/quan-tri/thu-tuc');
  await page.getByLabel('Tìm theo tên, mã hoặc từ khóa').fill(code);
  await page.waitForURL((u) => u.searchParams.get('q') === code);
  await page.getByRole('cell', { name: code, exact: true }).waitFor();
  await page.getByRole('row', { name: new RegExp(code.replace('.', '\\.')) }).getByRole('link').first().click();
  await page.getByRole('heading', { name: `Sửa thủ tục ${code}` }).waitFor();
  await page.getByRole('group', { name: /^Khoản phí 1/ }).waitFor();
}

describe('administration in the browser', () => {
  it('edits a procedure: fee, a step over the deadline (live warning, then the server says no), fixed, saved as a new version', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'admin');
    await page.goto('/quan-tri');
    await page.getByRole('heading', { name: 'Quản trị', exact: true }).waitFor();
    await page.getByText(/Đang áp dụng \d+ thủ tục/).waitFor();
    await shot(page, 'admin-home');
    await page.getByRole('link', { name: 'Mở danh mục thủ tục' }).click();
    await page.getByRole('heading', { name: 'Danh mục thủ tục hành chính' }).waitFor();
    await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
    await shot(page, 'admin-catalog');
    await openEditor(page, CODE);

    // The fee shows thousands separators, and typing keeps them.
    const fee = page.getByRole('group', { name: /^Khoản phí 1/ });
    const amount = fee.getByLabel('Mức thu khi nộp trực tiếp');
    expect(await amount.inputValue()).toBe('3.000');
    await amount.fill('');
    await amount.pressSequentially('5000');
    expect(await amount.inputValue()).toBe('5.000');
    // An online amount above the in-person one: the server will point at exactly this input.
    await fee.getByLabel('Mức thu khi nộp trực tuyến').fill('9000');
    expect(await fee.getByLabel('Mức thu khi nộp trực tuyến').inputValue()).toBe('9.000');

    // The process fits exactly (24 h); a 4-hour step tips it over, and the page says so before saving.
    const fit = page.locator('#f-process');
    await expect.poll(() => fit.textContent()).toContain('trong thời hạn 3 ngày làm việc = 24 giờ');
    await page.getByRole('button', { name: /Thêm bước/ }).click();
    const added = page.getByRole('group', { name: /^Bước 5/ });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-process-4--name');
    await added.getByLabel('Nội dung bước (tiếng Việt)').fill('Thẩm tra, xác minh bổ sung tại nơi cư trú trước đây');
    await added.getByLabel('Tên tiếng Anh').fill('Additional verification at the former residence');
    await expect.poll(() => fit.textContent()).toContain('Vượt thời hạn: tổng thời gian các bước 28 giờ làm việc');
    await page.locator('.adm-savebar').getByText('Quy trình vượt thời hạn giải quyết').waitFor();
    await fit.scrollIntoViewIfNeeded();
    await shot(page, 'admin-editor-process-over');

    // Saving anyway: the server refuses, the errors sit next to their inputs, and nothing typed is lost.
    await page.getByRole('button', { name: 'Lưu thành phiên bản mới' }).click();
    const summary = page.locator('.adm-summary');
    await summary.getByText('Chưa lưu được.').waitFor();
    expect(await summary.textContent()).toContain('vượt thời hạn giải quyết (24.0 giờ làm việc)');
    await fit.getByText(/tổng thời gian các bước \(28\.0 giờ làm việc\)/).waitFor();
    const online = fee.getByLabel('Mức thu khi nộp trực tuyến');
    expect(await online.getAttribute('aria-invalid')).toBe('true');
    await fee.getByText('không được lớn hơn mức phí nộp trực tiếp').waitFor();
    expect(await amount.inputValue()).toBe('5.000');
    expect(await added.getByLabel('Nội dung bước (tiếng Việt)').inputValue()).toBe('Thẩm tra, xác minh bổ sung tại nơi cư trú trước đây');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'admin-editor-server-errors');
    // The summary links to the field.
    await summary.getByRole('link', { name: 'Khoản phí 1 — Mức thu khi nộp trực tuyến (đồng)' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-fees-0--onlineAmount');

    // Fix: online amount 0 (waived online), the examining step down from 12 to 8 hours.
    await online.fill('0');
    const examine = page.getByRole('group', { name: /^Bước 2/ });
    await examine.getByLabel('Thời gian', { exact: true }).fill('8');
    await expect.poll(() => fit.textContent()).toContain('Tổng thời gian các bước 24 giờ làm việc, trong thời hạn');
    // Reorder with the keyboard: the verification belongs before the signature. Focus follows the step.
    await page.locator('#process-4-up').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('process-3-up');
    expect(await page.getByRole('group', { name: /^Bước 4/ }).getByLabel('Nội dung bước (tiếng Việt)').inputValue()).toContain('Thẩm tra, xác minh');
    expect(await page.getByRole('group', { name: /^Bước 5/ }).getByLabel('Vai trò thực hiện').inputValue()).toBe('signing_authority');

    // A new version effective today.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(await page.getByLabel('Phiên bản mới hiệu lực từ').inputValue()).toBe(today);
    await page.getByRole('button', { name: 'Lưu thành phiên bản mới' }).click();
    const ddmmyyyy = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
    await page.getByText(`Đã lưu phiên bản 2, hiệu lực từ ${ddmmyyyy}.`).waitFor();
    expect(await page.locator('.adm-summary').count()).toBe(0);
    await page.getByText('2 phiên bản').waitFor();
    expect(await page.getByText(/Bạn đang sửa từ nội dung của phiên bản/).count()).toBe(0);
    await shot(page, 'admin-editor-saved');

    const api = await as(srv.base, 'admin');
    const saved = (await api.get(`/api/v1/procedures/${CODE}`)).body;
    expect(saved.version).toBe(2);
    expect(saved.fees[0]).toMatchObject({ amount: 5000, onlineAmount: 0 });
    expect(saved.process.map((s: any) => s.duration.value)).toEqual([4, 8, 4, 4, 2, 2]);

    // The public procedure page shows the change.
    const pub = await newPage(browser, srv.base);
    await pub.page.goto(`/thu-tuc/${CODE}`);
    await pub.page.getByRole('heading', { name: 'Cấp Giấy xác nhận tình trạng hôn nhân' }).waitFor();
    await pub.page.getByText('5.000 đồng').first().waitFor();
    await pub.page.getByText('Thẩm tra, xác minh bổ sung tại nơi cư trú trước đây').waitFor();
    await shot(pub.page, 'admin-public-after-edit');
    await pub.context.close();
    await context.close();
  });

  it('explains a concurrent edit (409) and keeps what was typed', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'admin');
    await openEditor(page, '1.004194');
    await page.getByLabel('Tên tiếng Anh').first().fill('Temporary residence registration (edited in the browser)');
    // Someone else saves a version meanwhile.
    const api = await as(srv.base, 'admin');
    const cur = (await api.get('/api/v1/procedures/1.004194')).body;
    const { procedureVersionId: _a, version: _b, effectiveFrom: _c, feesToday: _d, versions: _e, ...def } = cur;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await api.post('/api/v1/procedures/1.004194/versions', { effectiveFrom: today, definition: { ...def, keywords: [...(def.keywords ?? []), 'tạm trú online'] }, expectedVersion: cur.version })).status).toBe(201);
    await page.getByRole('button', { name: 'Lưu thành phiên bản mới' }).click();
    await page.getByText('Thủ tục vừa được người khác sửa.').waitFor();
    expect(await page.getByLabel('Tên tiếng Anh').first().inputValue()).toBe('Temporary residence registration (edited in the browser)');
    await shot(page, 'admin-editor-conflict');
    await page.getByRole('button', { name: /Giữ thay đổi của tôi, lưu sau phiên bản 2/ }).click();
    await page.getByRole('button', { name: 'Lưu thành phiên bản mới' }).click();
    await page.getByText(/Đã lưu phiên bản 3/).waitFor();
    await context.close();
  });

  it('updates the live form preview when a field is added, and shows JSON errors where they are', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'admin');
    await page.goto('/quan-tri/thu-tuc/moi');
    await page.getByRole('button', { name: 'Dùng mẫu trống' }).click();
    await page.getByRole('heading', { name: 'Thêm thủ tục mới' }).waitFor();
    const preview = page.getByRole('region', { name: 'Xem trước tờ khai' });
    await preview.getByText('Họ, chữ đệm và tên').waitFor();
    expect(await preview.getByText('Nghề nghiệp').count()).toBe(0);

    const add = page.getByRole('group', { name: 'Thêm trường vào tờ khai' });
    await add.getByLabel('Mã trường').fill('ngheNghiep');
    await add.getByLabel('Tiêu đề hiển thị').fill('Nghề nghiệp');
    await add.getByLabel('Bắt buộc').check();
    await add.getByRole('button', { name: 'Thêm trường' }).click();
    await preview.getByText('Nghề nghiệp').first().waitFor();
    expect(await page.getByLabel('Tờ khai dạng JSON Schema').inputValue()).toContain('"ngheNghiep"');
    // Reorder it to the top with the row buttons: the preview follows.
    await page.getByRole('button', { name: 'Chuyển lên: ngheNghiep' }).click();
    const order = async () => {
      const labels = await preview.locator('label, legend').allTextContents();
      return labels.findIndex((l) => l.includes('Nghề nghiệp')) < labels.findIndex((l) => l.includes('Thông tin người nộp'));
    };
    await expect.poll(order).toBe(true);
    await page.locator('#sec-form').scrollIntoViewIfNeeded();
    await shot(page, 'admin-form-preview');

    // Broken JSON: the error names the line; the preview keeps the last good form.
    const json = page.getByLabel('Tờ khai dạng JSON Schema');
    const good = await json.inputValue();
    await json.fill(good.replace('"title": "Nghề nghiệp"', '"title": "Nghề nghiệp",,'));
    await page.getByText(/JSON không hợp lệ ở dòng \d+, cột \d+/).waitFor();
    expect(await json.getAttribute('aria-invalid')).toBe('true');
    await preview.getByText('Nghề nghiệp').first().waitFor();
    // Saving is refused in the page while the JSON does not parse (what is saved is what is shown).
    await page.getByRole('button', { name: 'Thêm thủ tục' }).click();
    await page.locator('.adm-summary').getByText('Tờ khai JSON đang có lỗi cú pháp; hãy sửa trước khi lưu.').waitFor();
    await json.fill(good.replace('"title": "Nghề nghiệp"', '"title": "Nghề nghiệp hiện nay"'));
    await preview.getByText('Nghề nghiệp hiện nay').first().waitFor();
    await context.close();
  });

  it('creates a procedure by copying an existing one', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'admin');
    await page.goto('/quan-tri/thu-tuc');
    await page.getByLabel('Tìm theo tên, mã hoặc từ khóa').fill('1.004873');
    await page.getByRole('link', { name: /^Sao chép thủ tục Cấp Giấy xác nhận/ }).click();
    await page.getByText('Đang tạo thủ tục mới từ bản sao của thủ tục 1.004873').waitFor();
    await page.getByLabel('Mã thủ tục').fill('9.999001');
    await page.getByLabel('Tên (tiếng Việt)').first().fill('Cấp Giấy xác nhận tình trạng hôn nhân (thí điểm)');
    await page.getByRole('button', { name: 'Thêm thủ tục' }).click();
    await page.getByRole('heading', { name: 'Sửa thủ tục 9.999001' }).waitFor();
    await page.getByText(/Đã lưu phiên bản 1/).waitFor();
    const api = await as(srv.base, 'admin');
    expect((await api.get('/api/v1/procedures/9.999001')).body.name).toBe('Cấp Giấy xác nhận tình trạng hôn nhân (thí điểm)');
    await context.close();
  });

  it('declares a day off on the calendar and the due-date calculator follows', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'admin');
    await page.goto('/quan-tri/lich?nam=2027');
    await page.getByRole('heading', { name: 'Lịch năm 2027' }).waitFor();
    await page.locator('.adm-source').getByText('Tính tự động', { exact: true }).waitFor();
    // Received Thu 04/03/2027 09:00, one working day: Fri 05/03 09:00.
    await page.getByLabel('Thời điểm tiếp nhận').fill('2027-03-04T09:00');
    await page.getByLabel('Đơn vị thời hạn').selectOption('working_days');
    await page.getByLabel('Số lượng').fill('1');
    await page.getByRole('button', { name: 'Tính ngày hẹn' }).click();
    const result = page.getByTestId('due-result');
    await expect.poll(() => result.textContent()).toBe('09:00 Thứ Sáu, 05/03/2027');

    // Declare Fri 05/03/2027 a day off from the month grid.
    await page.getByRole('button', { name: /^Thứ Sáu 05\/03\/2027/ }).click();
    await page.getByRole('heading', { name: 'Thêm ngày 05/03/2027' }).waitFor();
    await page.getByLabel('Tên ngày (tiếng Việt)').fill('Nghỉ bù thử nghiệm');
    await page.getByLabel('Tên ngày (tiếng Anh)').fill('Test day off');
    await page.getByLabel('Căn cứ (số văn bản').fill('Thông báo thử nghiệm số 1/TB-UBND');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page.getByText('Đã lưu 05/03/2027: Ngày nghỉ.').waitFor();
    await page.locator('.adm-source').getByText('Lịch đã lưu', { exact: true }).waitFor();
    await page.getByRole('button', { name: /^Thứ Sáu 05\/03\/2027 — Ngày nghỉ: Nghỉ bù thử nghiệm/ }).waitFor();
    await page.getByRole('cell', { name: 'Nghỉ bù thử nghiệm', exact: true }).waitFor();
    // The calculator asks again by itself: now Mon 08/03, with the day it skipped.
    await expect.poll(() => result.textContent()).toBe('09:00 Thứ Hai, 08/03/2027');
    await page.getByText('05/03/2027 — Nghỉ bù thử nghiệm').waitFor();
    await shot(page, 'admin-calendar');

    // Remove it again: back to Friday.
    await page.getByRole('button', { name: 'Sửa ngày 05/03/2027' }).click();
    await page.getByRole('button', { name: 'Xóa ngày này' }).click();
    await page.getByRole('button', { name: 'Xóa', exact: true }).click();
    await page.getByText('Đã xóa ngày 05/03/2027 khỏi lịch.').waitFor();
    await page.getByRole('button', { name: 'Tính ngày hẹn' }).click();
    await expect.poll(() => result.textContent()).toBe('09:00 Thứ Sáu, 05/03/2027');
    await context.close();
  });

  it('tells an official without an administrator role that access is denied', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'catp.tiepnhan');
    await page.goto('/quan-tri/thu-tuc');
    await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    await page.getByRole('alert').getByText(/Trang quản trị chỉ dành cho cán bộ có vai trò Quản trị danh mục thủ tục/).waitFor();
    expect(await page.getByRole('link', { name: 'Quản trị' }).count()).toBe(0);
    await shot(page, 'admin-403');
    await context.close();
  });
});

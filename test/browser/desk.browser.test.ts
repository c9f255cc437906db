import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, tmp, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';
import { tinyPdf } from '../fixtures.ts';

const CATP = '000.00.11.H26';
const AN = { idNumber: '001090012345', fullName: 'Nguyễn Văn An' };
const BINH = '001195006789';

let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('one-stop desk in the browser', () => {
  it('issues a ticket at the kiosk on a phone, and the board shows it once a counter calls it', async () => {
    // The kiosk: a phone-width touch screen, nobody signed in, no site menu to wander off to.
    const kiosk = await newPage(browser, srv.base, { phone: true });
    await kiosk.page.goto(`/mot-cua/kiosk/${CATP}`);
    await kiosk.page.getByRole('heading', { name: 'Lấy số thứ tự' }).waitFor();
    expect(await kiosk.page.locator('.topbar').isVisible()).toBe(false);
    const group = kiosk.page.getByRole('button', { name: /Lý lịch tư pháp/ });
    await expect.poll(() => group.textContent()).toContain('Đang chờ: 0');
    await noSidewaysScroll(kiosk.page);
    await shot(kiosk.page, 'desk-kiosk-phone');
    // A double tap prints one ticket.
    await group.dblclick();
    await kiosk.page.getByRole('heading', { name: /Số thứ tự của bạn/ }).waitFor();
    expect(await kiosk.page.locator('.desk-ticket-number').textContent()).toBe('A001');
    await kiosk.page.getByText('Không có ai chờ trước bạn').waitFor();
    await noSidewaysScroll(kiosk.page);
    await shot(kiosk.page, 'desk-kiosk-ticket-phone');
    // Printed, only the ticket is on the paper.
    await kiosk.page.emulateMedia({ media: 'print' });
    expect(await kiosk.page.locator('.kiosk-head').isVisible()).toBe(false);
    expect(await kiosk.page.getByRole('button', { name: 'In phiếu' }).isVisible()).toBe(false);
    await shot(kiosk.page, 'desk-kiosk-ticket-print');
    await kiosk.page.emulateMedia({ media: 'screen' });
    const issued = (await (await as(srv.base, 'catp.tiepnhan')).get(`/api/v1/public/queue/agencies/${CATP}`)).body;
    expect(issued.groups.find((g: any) => g.code === 'ly-lich-tu-phap').waiting).toBe(1);
    // Back to the buttons for the next person; a second ticket has one ahead.
    await kiosk.page.getByRole('button', { name: 'Xong' }).click();
    await kiosk.page.getByRole('button', { name: /Lý lịch tư pháp/ }).click();
    await kiosk.page.getByText('Có 1 người chờ trước bạn').waitFor();
    expect(await kiosk.page.locator('.desk-ticket-number').textContent()).toBe('A002');
    await kiosk.page.setViewportSize({ width: 800, height: 1280 });
    await kiosk.page.getByRole('button', { name: 'Xong' }).click();
    await kiosk.page.getByRole('button', { name: /Lý lịch tư pháp/ }).waitFor();
    await noSidewaysScroll(kiosk.page);
    await shot(kiosk.page, 'desk-kiosk-tablet');

    // The board on a TV, before anything is called.
    const tv = await newPage(browser, srv.base);
    await tv.page.setViewportSize({ width: 1920, height: 1080 });
    await tv.page.goto(`/mot-cua/man-hinh/${CATP}`);
    await tv.page.getByRole('heading', { name: 'Công an thành phố Hà Nội' }).waitFor();
    await tv.page.getByText('Chưa gọi số nào hôm nay').waitFor();
    expect(await tv.page.locator('.board-group', { hasText: 'Lý lịch tư pháp' }).textContent()).toContain('2 đang chờ');

    // A desk officer signs in at counter 1 and calls the next number.
    const desk = await newPage(browser, srv.base);
    await signIn(desk.page, 'catp.tiepnhan');
    await desk.page.goto('/mot-cua/quay');
    await desk.page.getByRole('heading', { name: 'Chọn quầy làm việc' }).waitFor();
    await shot(desk.page, 'desk-counter-pick');
    await desk.page.getByRole('button', { name: 'Làm việc tại Quầy 1' }).click();
    await desk.page.getByRole('heading', { name: /^Quầy 1 — Công an thành phố Hà Nội/ }).waitFor();
    await desk.page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await desk.page.getByRole('status').filter({ hasText: 'Đã gọi số A001.' }).waitFor();
    expect(await desk.page.locator('.desk-current-number').textContent()).toBe('A001');
    await shot(desk.page, 'desk-counter');

    // The board picks it up within a poll or two, announces it and lights the counter up.
    const tile = tv.page.locator('.board-tile', { hasText: 'Quầy 1' });
    await expect.poll(() => tile.locator('.board-tile-number').textContent(), { timeout: 10_000 }).toBe('A001');
    await expect.poll(() => tv.page.getByTestId('board-announcement').textContent()).toBe('Mời số A001 đến Quầy 1');
    expect(await tv.page.getByTestId('board-announcement').getAttribute('aria-live')).toBe('assertive');
    expect(await tile.getAttribute('class')).toContain('fresh');
    expect(await tv.page.locator('.board-group', { hasText: 'Lý lịch tư pháp' }).textContent()).toContain('1 đang chờ');
    await noSidewaysScroll(tv.page);
    await shot(tv.page, 'desk-board-tv');

    // A recall is announced again; the holder's kiosk screen says where to go.
    await desk.page.getByRole('button', { name: 'Gọi lại' }).click();
    await desk.page.getByRole('status').filter({ hasText: 'Đã gọi lại số A001 (lần 2).' }).waitFor();
    await tv.page.locator('.board-call').getByText('Gọi lần 2').waitFor({ timeout: 10_000 });
    // The counter remembers its choice on this computer.
    await desk.page.reload();
    await desk.page.getByRole('heading', { name: /^Quầy 1 — / }).waitFor();
    await desk.page.getByRole('button', { name: 'Phục vụ xong' }).click();
    await desk.page.getByRole('status').filter({ hasText: 'Số A001 đã phục vụ xong.' }).waitFor();
    await expect.poll(() => tile.locator('.board-tile-number').textContent(), { timeout: 10_000 }).toBe('—');
    // The next call: the board shows it, and the earlier call moves to the list of recent calls.
    await desk.page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await expect.poll(() => tile.locator('.board-tile-number').textContent(), { timeout: 10_000 }).toBe('A002');
    await expect.poll(() => tv.page.getByTestId('board-announcement').textContent()).toBe('Mời số A002 đến Quầy 1');
    await tv.page.locator('.board-recent li', { hasText: 'A001' }).waitFor();
    await shot(tv.page, 'desk-board-tv-later');
    await Promise.all([kiosk.context.close(), tv.context.close(), desk.context.close()]);
  });

  it('receives a walk-in applicant at the desk and prints the receipt', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'catp.tiepnhan');
    await page.goto('/mot-cua');
    await page.getByRole('heading', { name: 'Bộ phận Tiếp nhận và Trả kết quả' }).waitFor();
    await page.getByRole('link', { name: /^Máy lấy số — Công an thành phố Hà Nội/ }).waitFor();
    await shot(page, 'desk-home');
    await page.getByRole('link', { name: /^Tiếp nhận hồ sơ/ }).click();
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();

    // Find the person by ID number: the card is filled from the population records.
    await page.getByLabel('Số định danh cá nhân').fill(AN.idNumber);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText(`Đã tìm thấy trong hệ thống: ${AN.fullName}`).waitFor();
    expect(await page.getByLabel('Họ, chữ đệm và tên').inputValue()).toBe(AN.fullName);

    // Only the police's procedures are offered; pick the ID-card exchange.
    await page.getByLabel('Tìm thủ tục của cơ quan').fill('doi the can cuoc');
    await page.getByRole('button', { name: 'Chọn: Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)' }).click();
    await page.getByRole('heading', { name: '3. Tờ khai' }).waitFor();
    await page.locator('#root_reason').selectOption('Thẻ bị hư hỏng không sử dụng được');
    await page.locator('#root_currentCardNumber').fill(AN.idNumber);
    await page.locator('#root_cardDelivery').selectOption('Nhận trực tiếp tại nơi làm thủ tục');

    // A wrong phone number is shown next to the phone field, and nothing typed is lost.
    const phone = page.getByLabel(/^Số điện thoại/);
    await phone.fill('12345');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.locator('#ap-phone-err').waitFor();
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#root_currentCardNumber').inputValue()).toBe(AN.idNumber);
    await phone.fill('0912345678');

    // The card in use was not handed over: receiving is refused until it is ticked.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa đủ giấy tờ bắt buộc' }).first().waitFor();
    // Scanning it ticks it.
    const dir = tmp();
    const scan = path.join(dir, 'the-can-cuoc.pdf');
    fs.writeFileSync(scan, tinyPdf('the can cuoc'));
    await page.getByRole('group', { name: /^Bản quét: Thẻ căn cước/ }).locator('input[type=file]').setInputFiles(scan);
    await page.getByRole('link', { name: 'the-can-cuoc.pdf' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /Thẻ căn cước/ }).isChecked()).toBe(true);
    await shot(page, 'desk-reception');

    // Receive (a double click files one dossier).
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).dblclick();
    await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    const code = (await page.locator('.desk-code').textContent())!.trim();
    expect(code).toMatch(/^000\.00\.11\.H26-\d{6}-\d{4}$/);
    await shot(page, 'desk-reception-done');
    const slip = page.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả (PDF)' });
    const href = (await slip.getAttribute('href'))!;
    const pdf = await page.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const desk = await as(srv.base, 'catp.tiepnhan');
    const found = (await desk.get(`/api/v1/dossiers?code=${code}`)).body.items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 2, channel: 1, applicantIdNumber: AN.idNumber, applicantPhone: '0912345678' });
    const full = (await desk.get(`/api/v1/dossiers/${found[0].id}`)).body;
    expect(full.documents.map((d: any) => d.filename)).toEqual(['the-can-cuoc.pdf']);
    await context.close();
  });

  it('asks a walk-in applicant for a supplement and prints the request', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'catp.tiepnhan');
    await page.goto('/mot-cua/tiep-nhan');
    // Someone not in the system: entered by hand.
    await page.getByLabel('Số định danh cá nhân').fill('001199001122');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Chưa có công dân với số định danh này').waitFor();
    await page.getByLabel('Họ, chữ đệm và tên').fill('Phạm Thị Dung');
    await page.getByLabel(/^Số điện thoại/).fill('0903111222');
    await page.getByLabel('Địa chỉ liên hệ').fill('Số 1 Hoàng Hoa Thám, phường Ba Đình, Hà Nội');
    await page.getByLabel('Tìm thủ tục của cơ quan').fill('doi the can cuoc');
    await page.getByRole('button', { name: 'Chọn: Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)' }).click();
    await page.locator('#root_applicant_dateOfBirth').fill('1999-04-02');
    await page.locator('#root_reason').selectOption('Thẻ bị hư hỏng không sử dụng được');
    await page.locator('#root_currentCardNumber').fill('001199001122');
    await page.locator('#root_cardDelivery').selectOption('Nhận trực tiếp tại nơi làm thủ tục');
    await page.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
    // The missing required document is listed already.
    expect(await page.getByLabel('Giấy tờ, nội dung cần bổ sung 1').inputValue()).toContain('Thẻ căn cước');
    await page.getByLabel('Lý do cần bổ sung').fill('Người nộp chưa mang theo thẻ đang sử dụng');
    await shot(page, 'desk-reception-supplement');
    await page.getByRole('button', { name: 'Lập phiếu yêu cầu bổ sung' }).click();
    await page.getByRole('heading', { name: 'Đã lập phiếu yêu cầu bổ sung' }).waitFor();
    const href = (await page.getByRole('link', { name: 'In phiếu yêu cầu bổ sung (PDF)' }).getAttribute('href'))!;
    expect((await page.request.get(href)).status()).toBe(200);
    await page.getByText('Yêu cầu bổ sung giấy tờ').waitFor();
    await context.close();
  });

  it('returns a finished dossier to the person collecting it and prints the tracking slip', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, 'catp.tiepnhan');
    await page.goto('/mot-cua/tra-ket-qua');
    await page.getByLabel('Mã hồ sơ hoặc số định danh của người nộp').fill(BINH);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('heading', { name: 'Hồ sơ chờ trả kết quả' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Trần Thị Bình' }).first();
    const code = (await row.locator('td b').textContent())!.trim();
    await row.getByRole('button', { name: /Trả kết quả hồ sơ này/ }).click();
    await page.getByRole('heading', { name: code }).waitFor();
    // Someone else collects it on Bình's behalf: the name is required.
    await page.getByLabel('Người khác nhận thay (được ủy quyền)').check();
    await page.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await page.locator('#proxyName-err').waitFor();
    await page.getByLabel(/Họ tên người nhận thay/).fill('Trần Văn Cường');
    await page.getByLabel('Số định danh người nhận thay').fill('001088004455');
    await shot(page, 'desk-return');
    await page.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await page.getByRole('heading', { name: `Đã trả kết quả hồ sơ ${code}.` }).waitFor();
    await page.getByText('Đã trả kết quả', { exact: true }).waitFor();
    const href = (await page.getByRole('link', { name: 'In phiếu kiểm soát quá trình (PDF)' }).getAttribute('href'))!;
    expect((await page.request.get(href)).status()).toBe(200);
    await shot(page, 'desk-return-done');
    const desk = await as(srv.base, 'catp.tiepnhan');
    const d = (await desk.get(`/api/v1/dossiers?code=${code}`)).body.items[0];
    expect(d.status).toBe(10);
    const log = (await desk.get(`/api/v1/dossiers/${d.id}`)).body.tracking;
    expect(log.at(-1)).toMatchObject({ action: 'return', data: { method: 'in_person', receivedBy: 'Trần Văn Cường (người được ủy quyền, 001088004455)' } });
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, shot, signIn } from '../browser.ts';
import { as, startTestServer, type Api, type TestServer } from '../server.ts';
import { AN, findProcedure, step, submissionFor } from '../dossiers.ts';
import { tinyPdf, tinyPng, uploadOk } from '../fixtures.ts';

/**
 * The officials' workspace in a real browser against the real server and the built app
 * (run `npx vite build` first): inbox, dossier page and its actions, bulk forward, supervision.
 */
let srv: TestServer;
let browser: Browser;
let citizen: Api;
let deskApi: Api;
let proc: any;
const pages: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  srv = await startTestServer();
  browser = await launchBrowser();
  citizen = await as(srv.base, AN.idNumber);
  deskApi = await as(srv.base, 'catp.tiepnhan');
  proc = await findProcedure(citizen, 'lý lịch tư pháp');
  expect(proc.code).toBe('3.000333');
});
afterAll(async () => {
  for (const p of pages) await p.close().catch(() => {});
  await browser?.close();
  await srv?.stop();
});

async function as_(username: string, opts: { phone?: boolean } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, srv.base, opts);
  pages.push(context);
  await signIn(page, username);
  return page;
}

async function sqlExec(text: string, values: unknown[]) {
  const c = new pg.Client({ connectionString: srv.dbUrl });
  await c.connect();
  try {
    await c.query(text, values);
  } finally {
    await c.end();
  }
}

/** An online submission by An with a scanned ID card (image) and a power of attorney (PDF) besides the form. */
async function submitWithScans() {
  const body = await submissionFor(citizen, proc);
  body.documents.push({ code: 'giay-to-tuy-than', fileIds: [await uploadOk(citizen, tinyPng(), 'can-cuoc.png', 'image/png')] });
  body.documents.push({ code: 'van-ban-uy-quyen', fileIds: [await uploadOk(citizen, tinyPdf('Uy quyen'), 'uy-quyen.pdf')] });
  const r = await citizen.post('/api/v1/dossiers', body);
  expect(r.status).toBe(201);
  return r.body;
}

const statusBadge = (page: Page) => page.locator('.dossier-summary .summary-badges .badge').first();

/** Opens an action's form, runs `fill`, submits and waits for the success notice. */
async function runAction(page: Page, title: string, submit: string, fill?: () => Promise<void>) {
  await page.getByRole('button', { name: title, exact: true }).click();
  if (fill) await fill();
  await page.getByRole('button', { name: submit, exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Đã thực hiện: ${title}` }).waitFor();
}

describe('officials\' workspace in the browser', () => {
  it('takes a judicial-record dossier from the inbox to the returned result', async () => {
    const d = await submitWithScans();

    // The desk: the new dossier is in the inbox with the counts.
    const desk = await as_('catp.tiepnhan');
    expect(new URL(desk.url()).pathname).toBe('/can-bo');
    await desk.getByRole('heading', { name: 'Hồ sơ cần xử lý' }).waitFor();
    const row = desk.locator(`tr[data-code="${d.code}"]`);
    await row.waitFor();
    await expect.poll(async () => Number(await desk.getByTestId('count-total').textContent())).toBeGreaterThanOrEqual(4);
    expect(await row.textContent()).toContain(AN.fullName);
    expect(await row.textContent()).toContain('Chờ tiếp nhận');
    // Search by code is kept in the URL.
    await desk.getByLabel('Tìm theo mã hồ sơ hoặc tên người nộp').fill(d.code);
    await desk.getByRole('button', { name: 'Tìm', exact: true }).click();
    await desk.waitForURL((u) => u.searchParams.get('q') === d.code);
    await expect.poll(() => desk.locator('tbody tr').count()).toBe(1);
    await row.getByRole('link', { name: d.code }).click();
    await desk.waitForURL(`**/can-bo/ho-so/${d.id}`);

    // The dossier page: applicant, form answers with the form's labels, documents inline.
    await desk.getByRole('heading', { name: `Hồ sơ ${d.code}` }).waitFor();
    const applicant = desk.getByRole('region', { name: 'Người nộp hồ sơ' });
    expect(await applicant.textContent()).toContain(AN.idNumber);
    const form = desk.getByRole('region', { name: /^Nội dung tờ khai/ });
    await form.getByText('Họ và tên cha').waitFor();
    await form.getByText('Quá trình cư trú, nghề nghiệp, nơi làm việc từ khi đủ 14 tuổi').waitFor();
    expect(await form.textContent()).not.toContain('fatherName');
    // Documents viewed inline: the image first, then the PDF in a frame.
    const viewer = desk.locator('.doc-viewer');
    await viewer.getByRole('button', { name: /can-cuoc\.png/ }).click();
    const img = viewer.locator('img.doc-image');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(new RegExp(`/api/v1/dossiers/${d.id}/documents/`));
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await viewer.getByRole('button', { name: /uy-quyen\.pdf/ }).click();
    const frame = viewer.locator('iframe.doc-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/\/documents\//);
    // Only the actions the server lists for the desk.
    const available: string[] = (await deskApi.get(`/api/v1/dossiers/${d.id}`)).body.availableActions;
    expect(available).toEqual(expect.arrayContaining(['receive', 'request_supplement', 'refuse']));
    expect(available).not.toContain('forward');
    const actionButtons = await desk.locator('.action-buttons button').evaluateAll((els) => els.map((e) => e.id.replace(/^btn-/, '')));
    expect([...actionButtons].sort()).toEqual([...available].sort());
    expect(actionButtons[0]).toBe('receive');

    await runAction(desk, 'Tiếp nhận hồ sơ', 'Tiếp nhận');
    await expect.poll(() => statusBadge(desk).textContent()).toBe('Được tiếp nhận');
    await desk.getByRole('link', { name: 'Giấy tiếp nhận và hẹn trả kết quả' }).waitFor();
    await runAction(desk, 'Chuyển bước tiếp theo', 'Chuyển tiếp');
    await expect.poll(() => statusBadge(desk).textContent()).toBe('Đang xử lý');
    // Now at the records division: the desk keeps only what the server still allows it (withdrawal on the applicant's behalf).
    await desk.getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).waitFor({ state: 'detached' });
    expect(await desk.locator('.action-buttons button').evaluateAll((els) => els.map((e) => e.id.replace(/^btn-/, ''))))
      .toEqual((await deskApi.get(`/api/v1/dossiers/${d.id}`)).body.availableActions);

    // The processing officer asks for two things at once; an empty reason is flagged next to its field.
    const officer = await as_('catp.canbo');
    await officer.locator(`tr[data-code="${d.code}"]`).getByRole('link').click();
    await officer.getByRole('button', { name: 'Yêu cầu bổ sung hồ sơ', exact: true }).click();
    const sup = officer.locator('#act-request_supplement');
    await sup.getByLabel('Giấy tờ').first().selectOption('giay-to-tuy-than');
    expect(await sup.getByLabel('Tên giấy tờ / thông tin cần bổ sung').first().inputValue()).toMatch(/thẻ căn cước/);
    await sup.getByLabel('Lý do').first().fill('Ảnh chụp bị lóa, không đọc được số thẻ');
    await sup.getByRole('button', { name: '+ Thêm nội dung' }).click();
    const item2 = sup.locator('fieldset', { hasText: 'Nội dung bổ sung 2' });
    await item2.getByLabel('Tên giấy tờ / thông tin cần bổ sung').fill('Xác nhận nơi cư trú từ 2010 đến 2015');
    await sup.getByRole('button', { name: 'Gửi yêu cầu bổ sung', exact: true }).click();
    const reason2 = item2.getByLabel('Lý do');
    expect(await reason2.getAttribute('aria-invalid')).toBe('true');
    await item2.locator('.field-error', { hasText: 'Vui lòng nhập thông tin này.' }).waitFor();
    // What was typed is still there.
    expect(await sup.getByLabel('Lý do').first().inputValue()).toBe('Ảnh chụp bị lóa, không đọc được số thẻ');
    await reason2.fill('Tờ khai thiếu giai đoạn cư trú tại Đà Nẵng');
    await sup.getByRole('button', { name: 'Gửi yêu cầu bổ sung', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã thực hiện: Yêu cầu bổ sung hồ sơ' }).waitFor();
    await expect.poll(() => statusBadge(officer).textContent()).toBe('Yêu cầu bổ sung giấy tờ');
    await officer.getByRole('link', { name: 'Phiếu yêu cầu bổ sung' }).waitFor();
    const asked = (await citizen.get(`/api/v1/dossiers/${d.id}`)).body.tracking.findLast((r: any) => r.action === 'request_supplement');
    expect(asked.data.items).toEqual([
      { documentCode: 'giay-to-tuy-than', name: expect.stringMatching(/thẻ căn cước/), reason: 'Ảnh chụp bị lóa, không đọc được số thẻ' },
      { name: 'Xác nhận nơi cư trú từ 2010 đến 2015', reason: 'Tờ khai thiếu giai đoạn cư trú tại Đà Nẵng' },
    ]);

    // The citizen answers (API); the officer forwards to the head of division by name.
    await step(citizen, d.id, 'resubmit', { documents: [{ code: 'giay-to-tuy-than', fileIds: [await uploadOk(citizen, tinyPng(), 'can-cuoc-ro.png', 'image/png')] }] });
    await officer.reload();
    await expect.poll(() => statusBadge(officer).textContent()).toBe('Đang xử lý');
    await runAction(officer, 'Chuyển bước tiếp theo', 'Chuyển tiếp', async () => {
      await officer.locator('#act-forward select').selectOption({ label: 'Nguyễn Thị Hà' });
    });

    // The head sees it assigned to her and forwards it to the signing authority.
    const head = await as_('catp.truongphong');
    const headRow = head.locator(`tr[data-code="${d.code}"]`);
    expect(await headRow.textContent()).toContain('Giao cho tôi');
    await headRow.getByRole('link').click();
    await runAction(head, 'Chuyển bước tiếp theo', 'Chuyển tiếp');

    // The signing authority uploads the result and signs.
    const signer = await as_('catp.lanhdao');
    await signer.goto(`/can-bo/ho-so/${d.id}`);
    await signer.getByRole('button', { name: 'Ký duyệt kết quả', exact: true }).click();
    await signer.locator('#act-sign input[type=file]').setInputFiles({ name: 'phieu-lltp-ket-qua.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Ket qua') });
    await signer.locator('#act-sign .file-row a', { hasText: 'phieu-lltp-ket-qua.pdf' }).waitFor();
    await signer.getByRole('button', { name: 'Ký duyệt', exact: true }).click();
    await signer.getByRole('status').filter({ hasText: 'Đã thực hiện: Ký duyệt kết quả' }).waitFor();
    await expect.poll(() => statusBadge(signer).textContent()).toBe('Đã xử lý xong');
    await signer.locator('.doc-viewer').getByRole('button', { name: /Kết quả giải quyết/ }).waitFor();

    // The desk returns it in person.
    await desk.reload();
    await runAction(desk, 'Trả kết quả', 'Xác nhận đã trả kết quả', async () => {
      await desk.getByLabel('Trực tiếp tại quầy').check();
      await desk.getByLabel('Người nhận kết quả').fill('Nguyễn Văn An');
    });
    await expect.poll(() => statusBadge(desk).textContent()).toBe('Đã trả kết quả');
    const tracking = desk.locator('table.tracking-table');
    const rows = await tracking.locator('tbody tr').allTextContents();
    expect(rows.length).toBe(9); // submit, receive, forward, supplement request, resubmit, forward ×2, sign, return
    expect(await tracking.locator('.badge', { hasText: /Trước hạn|Đúng hạn/ }).count()).toBeGreaterThan(0);
    expect(await desk.getByRole('link', { name: 'In phiếu kiểm soát (PDF)' }).getAttribute('href')).toBe(`/api/v1/dossiers/${d.id}/slips/tracking.pdf`);
    const slip = await desk.request.get(`/api/v1/dossiers/${d.id}/slips/tracking.pdf`);
    expect(slip.status()).toBe(200);
    await desk.locator('.doc-viewer').getByRole('button', { name: /Kết quả giải quyết/ }).click();
    await shot(desk, 'staff-dossier');
    const final = (await deskApi.get(`/api/v1/dossiers/${d.id}`)).body;
    expect(final.status).toBe(10);
    expect(final.tracking.at(-1).data).toEqual({ method: 'in_person', receivedBy: 'Nguyễn Văn An' });
  }, 240_000);

  it('shows the server\'s message on a stale version, reloads and keeps what was typed', async () => {
    const d = (await citizen.post('/api/v1/dossiers', await submissionFor(citizen, proc))).body;
    await step(deskApi, d.id, 'receive');
    const page = await as_('catp.tiepnhan');
    await page.goto(`/can-bo/ho-so/${d.id}`);
    await page.getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).click();
    await page.locator('#act-forward textarea').fill('Hồ sơ đầy đủ, chuyển phòng nghiệp vụ');
    // Meanwhile the dossier changes (the desk assigns it from another device).
    const me = (await deskApi.get('/api/v1/auth/me')).body;
    await step(deskApi, d.id, 'assign', { assigneeId: me.id });
    await page.getByRole('button', { name: 'Chuyển tiếp', exact: true }).click();
    await page.locator('#act-forward [role=alert]', { hasText: 'Hồ sơ vừa được cập nhật bởi người khác' }).waitFor();
    await page.getByText('Hồ sơ vừa được người khác cập nhật; dưới đây là trạng thái mới nhất.').waitFor();
    expect(await page.locator('#act-forward textarea').inputValue()).toBe('Hồ sơ đầy đủ, chuyển phòng nghiệp vụ');
    // The reloaded version goes through.
    await page.getByRole('button', { name: 'Chuyển tiếp', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Chuyển bước tiếp theo' }).waitFor();
    const after = (await deskApi.get(`/api/v1/dossiers/${d.id}`)).body;
    expect(after.status).toBe(4);
    expect(after.tracking.at(-1)).toMatchObject({ action: 'forward', note: 'Hồ sơ đầy đủ, chuyển phòng nghiệp vụ' });
  }, 120_000);

  it('forwards several dossiers at the same step at once and reports each one', async () => {
    const make = async () => (await citizen.post('/api/v1/dossiers', await submissionFor(citizen, proc))).body;
    const [p, q, r] = [await make(), await make(), await make()];
    await step(deskApi, p.id, 'receive');
    await step(deskApi, q.id, 'receive');
    // One overdue dossier at the desk for the counts.
    await sqlExec(`update dossier set step_due_at = now() - interval '2 hours' where id = $1`, [q.id]);
    const page = await as_('catp.tiepnhan');
    await page.locator(`tr[data-code="${p.code}"]`).waitFor();
    await expect.poll(async () => Number(await page.getByTestId('count-overdue').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator(`tr[data-code="${q.code}"]`).textContent()).toContain('Quá hạn');
    // A dossier not yet received cannot be forwarded from here.
    expect(await page.getByLabel(`Chọn hồ sơ ${r.code}`).isDisabled()).toBe(true);
    await page.getByLabel(`Chọn hồ sơ ${p.code}`).check();
    await page.getByLabel(`Chọn hồ sơ ${q.code}`).check();
    await page.getByRole('region', { name: 'Đã chọn 2 hồ sơ' }).waitFor();
    await shot(page, 'staff-inbox');
    // q changes under our feet: its forward fails, p's succeeds, each reported.
    await step(deskApi, q.id, 'assign', { assigneeId: (await deskApi.get('/api/v1/auth/me')).body.id });
    await page.getByRole('button', { name: 'Chuyển tiếp 2 hồ sơ' }).click();
    const report = page.locator('.bulk-report');
    await report.getByText('1 thành công, 1 không thành công').waitFor();
    expect(await report.locator('li', { hasText: p.code }).textContent()).toContain('Đã chuyển');
    expect(await report.locator('li', { hasText: q.code }).textContent()).toMatch(/Không chuyển được.*Hồ sơ vừa được cập nhật/);
    // p left the desk's inbox; q stays selected with its fresh version and goes through on retry.
    await page.locator(`tr[data-code="${p.code}"]`).waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Đã chọn 1 hồ sơ' }).waitFor();
    await page.getByRole('button', { name: 'Chuyển tiếp 1 hồ sơ' }).click();
    await report.getByText('1 thành công, 0 không thành công').waitFor();
    for (const x of [p, q]) expect((await deskApi.get(`/api/v1/dossiers/${x.id}`)).body.status).toBe(4);
    expect((await deskApi.get(`/api/v1/dossiers/${r.id}`)).body.status).toBe(1);
  }, 120_000);

  it('keeps inbox filters in the URL and works on a phone', async () => {
    const page = await as_('catp.tiepnhan', { phone: true });
    await page.goto('/can-bo?trangThai=1');
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('#f-status').inputValue()).toBe('1');
    // The filters are folded on a phone, showing how many apply.
    await page.getByText('Bộ lọc (1)').click();
    const statuses = await page.locator('tbody tr .badge-info').allTextContents();
    expect(statuses.every((s) => s === 'Mới đăng ký')).toBe(true);
    await page.getByLabel('Chỉ hồ sơ quá hạn').click();
    await page.waitForURL((u) => u.searchParams.get('quaHan') === '1' && u.searchParams.get('trangThai') === '1');
    // The URL changes first; the checkbox follows when the router's transition renders.
    await expect.poll(() => page.getByLabel('Chỉ hồ sơ quá hạn').isChecked()).toBe(true);
    await page.getByLabel('Chỉ hồ sơ quá hạn').click();
    await page.waitForURL((u) => !u.searchParams.has('quaHan'));
    // No column headers to click on a phone: sorting has its own control.
    await page.getByLabel('Sắp xếp', { exact: true }).selectOption('due:desc');
    await page.waitForURL((u) => u.searchParams.get('sapXep') === 'due' && u.searchParams.get('chieu') === 'desc');
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'staff-inbox-phone');
  }, 60_000);

  it('shows the supervisor the figures of the agency', async () => {
    const late = (await citizen.post('/api/v1/dossiers', await submissionFor(citizen, proc))).body;
    await step(deskApi, late.id, 'receive');
    await step(deskApi, late.id, 'forward');
    await sqlExec(`update dossier set due_at = now() - interval '2 days', step_due_at = now() - interval '3 days' where id = $1`, [late.id]);
    const sum = (await (await as(srv.base, 'catp.giamsat')).get('/api/v1/supervision/summary')).body;
    const page = await as_('catp.giamsat');
    await page.getByRole('link', { name: 'Giám sát' }).click();
    await page.waitForURL('**/can-bo/giam-sat');
    await page.getByRole('heading', { name: 'Giám sát, thống kê' }).waitFor();
    await expect.poll(() => page.getByTestId('sup-total').textContent()).toBe(String(sum.totals.dossiers));
    expect(await page.getByTestId('sup-open').textContent()).toBe(String(sum.totals.open));
    expect(await page.getByTestId('sup-overdue').textContent()).toBe(String(sum.totals.overdue));
    expect(sum.totals.overdue).toBeGreaterThanOrEqual(1);
    for (const s of sum.byStatus) expect(await page.locator(`li[data-status="${s.status}"]`).textContent()).toContain(String(s.count));
    const overdueRow = page.locator('table.sup-overdue tr', { hasText: late.code });
    expect(await overdueRow.textContent()).toContain('Phòng Hồ sơ nghiệp vụ');
    expect(await page.locator('tr[data-procedure="3.000333"]').textContent()).toContain(String(sum.byProcedure.find((x: any) => x.code === '3.000333').received));
    expect(await page.locator('tr[data-officer="Phạm Minh Đức"]').count()).toBe(1);
    await shot(page, 'staff-supervision');
    // A processing officer has no supervision link and the page says so.
    const officer = await as_('catp.canbo');
    expect(await officer.getByRole('link', { name: 'Giám sát' }).count()).toBe(0);
    await officer.goto('/can-bo/giam-sat');
    await officer.getByText('Trang này dành cho cán bộ giám sát, lãnh đạo phòng và lãnh đạo cơ quan.').waitFor();
  }, 90_000);

  it('hands the inbox to a deputy from the account menu, with plain messages for what is missing', async () => {
    const page = await as_('ca.badinh.truongca');
    await page.getByRole('button', { name: 'Tài khoản và trang cá nhân: Trịnh Quốc Bảo' }).click();
    await page.getByRole('link', { name: 'Giao quyền khi vắng mặt' }).click();
    await page.getByRole('heading', { name: 'Giao quyền khi vắng mặt', level: 1 }).waitFor();
    // Submitted empty: each field says what it needs (not the API's schema wording), the first one takes the focus.
    await page.getByRole('button', { name: 'Giao quyền', exact: true }).click();
    await page.getByText('Chọn cán bộ nhận.').waitFor();
    for (const m of ['Chọn ngày bắt đầu.', 'Chọn ngày kết thúc.', 'Nhập lý do (ví dụ: đi công tác, nghỉ phép).']) await page.getByText(m).waitFor();
    expect(await page.getByText(/sai định dạng/).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dep-deputyId');
    expect(await page.getByLabel('Cán bộ nhận').getAttribute('aria-describedby')).toBe('dep-deputyId-err');
    await page.getByLabel('Cán bộ nhận').selectOption({ label: 'Đinh Văn Long — Cán bộ tiếp nhận' });
    await page.getByLabel('Từ ngày').fill('2031-03-10');
    await page.getByLabel('Đến hết ngày').fill('2031-03-02');
    await page.getByLabel('Lý do').fill('Đi công tác');
    await page.getByRole('button', { name: 'Giao quyền', exact: true }).click();
    await page.getByText('Ngày kết thúc không được trước ngày bắt đầu.').waitFor();
    await page.getByLabel('Đến hết ngày').fill('2031-03-12');
    await page.getByRole('button', { name: 'Giao quyền', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã giao quyền cho Đinh Văn Long từ 10/03/2031 đến 12/03/2031.' }).waitFor();
    await shot(page, 'staff-deputies');
  }, 60_000);
});

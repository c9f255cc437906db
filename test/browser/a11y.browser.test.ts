import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, shot, signIn } from '../browser.ts';
import { as, startTestServer, type Api, type TestServer } from '../server.ts';
import { AN, findProcedure, step, submissionFor } from '../dossiers.ts';
import { sampleForm } from '../../src/modules/catalog/sample-form.ts';
import { tinyPdf, tinyPng, uploadOk } from '../fixtures.ts';

/**
 * Automated WCAG 2.1 AA checks (axe-core) on the key pages of every area, in Vietnamese, on a
 * desktop and (for the citizen portal and the kiosk) a 360 px phone; then keyboard use of the
 * apply form with a visible focus. Needs the built app (`npx vite build`).
 *
 * axe finds what a machine can find (names, labels, contrast, landmarks, ARIA misuse); it does not
 * replace trying the pages with a screen reader.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CATP = '000.00.11.H26';

let srv: TestServer;
let browser: Browser;
let citizen: Api;
let proc: any;
/** Dossiers in the states the pages need, made through the API (set-up, not under test). */
const D: Record<'returned' | 'supplement' | 'received' | 'done', any> = {} as any;
let draftId: string;

beforeAll(async () => {
  srv = await startTestServer();
  browser = await launchBrowser();
  citizen = await as(srv.base, AN.idNumber);
  proc = await findProcedure(citizen, 'lý lịch tư pháp');
  const desk = await as(srv.base, 'catp.tiepnhan');
  const officer = await as(srv.base, 'catp.canbo');
  const head = await as(srv.base, 'catp.truongphong');
  const signer = await as(srv.base, 'catp.lanhdao');
  const submit = async () => {
    const body = await submissionFor(citizen, proc);
    body.documents.push({ code: 'giay-to-tuy-than', fileIds: [await uploadOk(citizen, tinyPng(), 'can-cuoc.png', 'image/png')] });
    const r = await citizen.post('/api/v1/dossiers', body);
    expect(r.status).toBe(201);
    return r.body;
  };
  const toSigned = async (d: any) => {
    for (const [who, a] of [[desk, 'receive'], [desk, 'forward'], [officer, 'forward'], [head, 'forward']] as const) await step(who, d.id, a);
    await step(signer, d.id, 'sign', { resultFileIds: [await uploadOk(signer, tinyPdf('Ket qua'), 'phieu-lltp.pdf')] });
  };
  D.returned = await submit();
  await toSigned(D.returned);
  await step(desk, D.returned.id, 'return', { method: 'online' });
  D.done = await submit();
  await toSigned(D.done);
  D.supplement = await submit();
  await step(desk, D.supplement.id, 'request-supplement', { items: [{ name: 'Bản chụp thẻ căn cước', reason: 'Ảnh bị mờ' }] });
  D.received = await submit();
  await step(desk, D.received.id, 'receive');
  // A draft to walk through the apply steps.
  draftId = crypto.randomUUID();
  const form = sampleForm(proc.form, { applicant: { fullName: AN.fullName, idNumber: AN.idNumber, phone: AN.phone } });
  const file = await uploadOk(citizen, tinyPdf('Uy quyen'), 'uy-quyen.pdf');
  expect((await citizen.put(`/api/v1/drafts/${draftId}`, { procedureCode: proc.code, form, documents: [{ code: 'van-ban-uy-quyen', fileIds: [file] }] })).status).toBe(200);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await srv?.stop();
});

interface AxeNode { target: string[]; html: string; failureSummary?: string }
interface AxeViolation { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] }

/** Runs axe on the page as it is now; returns the serious and critical violations, readably. */
async function check(page: Page, name: string): Promise<string[]> {
  await shot(page, `a11y-${name}`);
  await page.addScriptTag({ path: AXE });
  const violations: AxeViolation[] = await page.evaluate(async (values) => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values } });
    return r.violations.map((v: any) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, TAGS);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => [
      `[${name}] ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.slice(0, 6).map((n) => `    at ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n\s*/g, ' | ')}`),
      ...(v.nodes.length > 6 ? [`    … and ${v.nodes.length - 6} more`] : []),
    ].join('\n'));
}

/** Fails with every violation of every page listed, not just the first. */
function report(found: string[]) {
  if (found.length) throw new Error(`${found.length} serious/critical WCAG 2.1 AA violation(s):\n\n${found.join('\n\n')}`);
}

async function open(opts: { phone?: boolean; user?: string } = {}) {
  const { context, page } = await newPage(browser, srv.base, { phone: opts.phone, bypassCSP: true });
  if (opts.user) await signIn(page, opts.user);
  return { context, page };
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const phone of [false, true]) {
    const dev = phone ? 'phone' : 'desktop';
    it(`citizen portal, anonymous, on a ${dev}`, async () => {
      const { context, page } = await open({ phone });
      const found: string[] = [];
      await page.goto('/');
      await page.getByRole('heading', { name: 'Dịch vụ công trực tuyến' }).waitFor();
      await page.locator('.chips li').first().waitFor();
      found.push(...await check(page, `home-${dev}`));
      // Suggestions open under the search box.
      await page.getByRole('combobox').fill('ly lich tu phap');
      await page.getByRole('option').first().waitFor();
      found.push(...await check(page, `home-suggestions-${dev}`));
      await page.goto('/thu-tuc?q=ly%20lich%20tu%20phap');
      await page.getByRole('link', { name: /lý lịch tư pháp/i }).first().waitFor();
      found.push(...await check(page, `search-${dev}`));
      await page.goto('/thu-tuc/3.000333');
      await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
      found.push(...await check(page, `procedure-${dev}`));
      await page.goto(`/tra-cuu/${D.returned.code}`);
      await page.getByLabel(/4 số cuối/).fill(AN.phone.slice(-4));
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByRole('heading', { name: D.returned.code }).waitFor();
      await page.getByText('Đã trả kết quả').first().waitFor();
      found.push(...await check(page, `tracking-${dev}`));
      await page.getByLabel(/4 số cuối/).fill('0000');
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByRole('alert').waitFor();
      found.push(...await check(page, `tracking-not-found-${dev}`));
      await page.goto('/dang-nhap');
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      found.push(...await check(page, `sign-in-${dev}`));
      // A wrong password: the error is announced and the page stays clean.
      await page.getByLabel(/Số định danh cá nhân/).fill(AN.idNumber);
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').waitFor();
      found.push(...await check(page, `sign-in-error-${dev}`));
      await context.close();
      report(found);
    }, 90_000);

    it(`citizen portal, signed in, on a ${dev}`, async () => {
      const { context, page } = await open({ phone, user: AN.idNumber });
      const found: string[] = [];
      await page.goto('/ho-so-cua-toi');
      await page.getByRole('link', { name: 'Tiếp tục' }).first().waitFor();
      found.push(...await check(page, `my-dossiers-${dev}`));
      if (phone) {
        await page.getByRole('button', { name: 'Trình đơn' }).click();
        await page.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
        found.push(...await check(page, `menu-open-${dev}`));
        await page.getByRole('button', { name: 'Trình đơn' }).click();
      } else {
        // The account menu (personal pages, sign-out) opened, then closed with Escape back on its button.
        const account = page.getByRole('button', { name: /^Tài khoản và trang cá nhân: Nguyễn Văn An/ });
        await account.click();
        await page.getByRole('link', { name: 'Ai đã xem dữ liệu' }).waitFor();
        found.push(...await check(page, `account-menu-open-${dev}`));
        await page.keyboard.press('Escape');
        expect(await account.getAttribute('aria-expanded')).toBe('false');
        expect(await account.evaluate((el) => el === document.activeElement)).toBe(true);
      }
      // The apply steps, resumed from the draft: 1 form, 2 documents, 3 review.
      await page.goto(`/thu-tuc/3.000333/nop-ho-so?nhap=${draftId}`);
      await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
      await page.locator('input[id$="applicant_idNumber"]').waitFor();
      found.push(...await check(page, `apply-1-${dev}`));
      // With inline errors showing.
      const email = page.locator('input[id$="applicant_email"]');
      const before = await email.inputValue();
      await email.fill('khong-phai-email');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Thư điện tử không đúng định dạng').first().waitFor();
      found.push(...await check(page, `apply-1-errors-${dev}`));
      await email.fill(before);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: '2. Giấy tờ', level: 2 }).waitFor();
      found.push(...await check(page, `apply-2-${dev}`));
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: '3. Kiểm tra và nộp', level: 2 }).waitFor();
      found.push(...await check(page, `apply-3-${dev}`));
      // A dossier with a supplement request (upload form), and a returned one (result, slips, rating).
      await page.goto(`/ho-so/${D.supplement.id}`);
      await page.getByRole('heading', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' }).waitFor();
      found.push(...await check(page, `dossier-supplement-${dev}`));
      await page.goto(`/ho-so/${D.returned.id}`);
      await page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).waitFor();
      found.push(...await check(page, `dossier-returned-${dev}`));
      await context.close();
      report(found);
    }, 90_000);
  }

  it('officials\' workspace on a desktop and a phone', async () => {
    const found: string[] = [];
    for (const phone of [false, true]) {
      const dev = phone ? 'phone' : 'desktop';
      const { context, page } = await open({ phone, user: 'catp.tiepnhan' });
      await page.locator(`tr[data-code="${D.received.code}"]`).waitFor();
      found.push(...await check(page, `staff-inbox-${dev}`));
      await page.getByLabel(`Chọn hồ sơ ${D.received.code}`).check();
      await page.getByRole('region', { name: 'Đã chọn 1 hồ sơ' }).waitFor();
      found.push(...await check(page, `staff-inbox-selected-${dev}`));
      await page.goto(`/can-bo/ho-so/${D.received.id}`);
      await page.getByRole('heading', { name: `Hồ sơ ${D.received.code}` }).waitFor();
      await page.locator('.doc-viewer img.doc-image, .doc-viewer iframe').first().waitFor();
      found.push(...await check(page, `staff-dossier-${dev}`));
      // An action form open, submitted empty so its errors show.
      await page.getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).click();
      await page.locator('#act-forward').waitFor();
      found.push(...await check(page, `staff-dossier-forward-${dev}`));
      await context.close();
    }
    const { context, page } = await open({ user: 'catp.giamsat' });
    await page.goto('/can-bo/giam-sat');
    await page.getByTestId('sup-total').waitFor();
    await expect.poll(() => page.getByTestId('sup-total').textContent()).not.toBe('…');
    found.push(...await check(page, 'staff-supervision'));
    // The signing authority's view of a finished dossier, with the result in the viewer.
    await context.close();
    const signer = await open({ user: 'catp.tiepnhan' });
    await signer.page.goto(`/can-bo/ho-so/${D.done.id}`);
    await signer.page.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    await signer.page.locator('#act-return').waitFor();
    found.push(...await check(signer.page, 'staff-dossier-return'));
    await signer.context.close();
    report(found);
  }, 120_000);

  it('one-stop desk: home, kiosk, counter, board, reception, returns', async () => {
    const found: string[] = [];
    const { context, page } = await open({ user: 'catp.tiepnhan' });
    await page.goto('/mot-cua');
    await page.getByRole('link', { name: /^Máy lấy số — Công an thành phố Hà Nội/ }).waitFor();
    found.push(...await check(page, 'desk-home'));

    for (const phone of [true, false]) {
      const dev = phone ? 'phone' : 'desktop';
      const kiosk = await open({ phone });
      await kiosk.page.goto(`/mot-cua/kiosk/${CATP}`);
      await kiosk.page.getByRole('button', { name: /Lý lịch tư pháp/ }).waitFor();
      found.push(...await check(kiosk.page, `kiosk-${dev}`));
      await kiosk.page.getByRole('button', { name: /Lý lịch tư pháp/ }).click();
      await kiosk.page.getByRole('heading', { name: /Số thứ tự của bạn/ }).waitFor();
      found.push(...await check(kiosk.page, `kiosk-ticket-${dev}`));
      await kiosk.context.close();
    }

    await page.goto('/mot-cua/quay');
    await page.getByRole('heading', { name: 'Chọn quầy làm việc' }).waitFor();
    found.push(...await check(page, 'counter-pick'));
    await page.getByRole('button', { name: 'Làm việc tại Quầy 1' }).click();
    await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await page.getByRole('status').filter({ hasText: /Đã gọi số/ }).waitFor();
    found.push(...await check(page, 'counter'));

    const tv = await open();
    await tv.page.setViewportSize({ width: 1920, height: 1080 });
    await tv.page.goto(`/mot-cua/man-hinh/${CATP}`);
    await tv.page.locator('.board-tile-number', { hasText: 'A00' }).first().waitFor();
    found.push(...await check(tv.page, 'board'));
    await tv.context.close();

    await page.goto('/mot-cua/tiep-nhan');
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
    await page.getByRole('button', { name: /^Chọn: / }).first().waitFor();
    found.push(...await check(page, 'reception'));
    await page.getByLabel('Số định danh cá nhân').fill(AN.idNumber);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText(`Đã tìm thấy trong hệ thống: ${AN.fullName}`).waitFor();
    await page.getByLabel('Tìm thủ tục của cơ quan').fill('ly lich tu phap');
    await page.getByRole('button', { name: /^Chọn: Cấp Phiếu lý lịch tư pháp/ }).first().click();
    await page.getByRole('heading', { name: '3. Tờ khai' }).waitFor();
    found.push(...await check(page, 'reception-procedure'));
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('alert').first().waitFor();
    found.push(...await check(page, 'reception-errors'));

    await page.goto(`/mot-cua/tra-ket-qua?q=${encodeURIComponent(D.done.code)}`);
    await page.getByRole('heading', { name: 'Hồ sơ chờ trả kết quả' }).waitFor();
    found.push(...await check(page, 'returns-list'));
    await page.getByRole('button', { name: /Trả kết quả hồ sơ này/ }).first().click();
    await page.getByRole('heading', { name: D.done.code }).waitFor();
    found.push(...await check(page, 'returns-detail'));
    await context.close();
    report(found);
  }, 120_000);

  it('administration: home, procedure editor, calendar', async () => {
    const found: string[] = [];
    const { context, page } = await open({ user: 'admin' });
    await page.goto('/quan-tri');
    await page.getByText(/Đang áp dụng \d+ thủ tục/).waitFor();
    found.push(...await check(page, 'admin-home'));
    await page.goto('/quan-tri/thu-tuc');
    await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
    found.push(...await check(page, 'admin-catalog'));
    await page.goto('/quan-tri/thu-tuc/1.004873');
    await page.getByRole('heading', { name: 'Sửa thủ tục 1.004873' }).waitFor();
    await page.getByRole('region', { name: 'Xem trước tờ khai' }).getByText('Họ, chữ đệm và tên').first().waitFor();
    found.push(...await check(page, 'admin-editor'));
    await page.goto('/quan-tri/lich?nam=2026');
    await page.getByRole('heading', { name: 'Lịch năm 2026' }).waitFor();
    await page.locator('.adm-source').first().waitFor();
    found.push(...await check(page, 'admin-calendar'));
    await context.close();
    report(found);
  }, 120_000);
});

describe('keyboard use of the apply form', () => {
  it('tabs through step 1 to "Tiếp tục" with a visible focus and submits with Enter', async () => {
    const { context, page } = await open({ user: AN.idNumber });
    await page.goto(`/thu-tuc/3.000333/nop-ho-so?nhap=${draftId}`);
    await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
    await page.locator('input[id$="applicant_idNumber"]').waitFor();
    // Start from the top of the page, as a keyboard user arriving does.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: string[] = [];
    const invisible: string[] = [];
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
        const ring = cs.boxShadow !== 'none';
        return { tag: el.tagName, id: el.id, text: (el.textContent ?? '').trim().slice(0, 40), type: (el as HTMLInputElement).type, visible: outline || ring };
      });
      if (!f) continue;
      const name = `${f.tag}#${f.id || f.text}`;
      seen.push(name);
      if (!f.visible) invisible.push(name);
      reached = f.tag === 'BUTTON' && f.text === 'Tiếp tục';
    }
    expect(reached, `never reached "Tiếp tục"; focus went: ${seen.join(' → ')}`).toBe(true);
    expect(invisible, 'elements without a visible focus indicator').toEqual([]);
    // The skip link comes first, then the site navigation, then the form.
    expect(seen[0]).toMatch(/^A#/);
    await shot(page, 'a11y-keyboard-focus-next');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '2. Giấy tờ', level: 2 }).waitFor();
    // Focus moved to the new step's heading, so a screen reader announces it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('2. Giấy tờ');
    // The documents step works with the keyboard too: Tab to its "Tiếp tục" and press Enter.
    let onNext = false;
    for (let i = 0; i < 60 && !onNext; i++) {
      await page.keyboard.press('Tab');
      onNext = await page.evaluate(() => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent === 'Tiếp tục');
    }
    expect(onNext).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp', level: 2 }).waitFor();
    await context.close();
  }, 90_000);
});

import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newPage, shot, signIn, tmp, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';
import { AN, step } from '../dossiers.ts';
import { tinyPdf, uploadOk } from '../fixtures.ts';

let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

const BIRTH_GROUP = 'LT-KS-TT-BHYT';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core (WCAG 2.1 A/AA) on the page: the serious and critical violations, one line each. */
async function axe(page: Page, name: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => ({ target: n.target })) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `[${name}] ${v.id}: ${v.help} at ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`);
}
const MOTHER = { fullName: 'Phạm Thu Hằng', idNumber: '036192004518' };

/** Fills an rjsf field found by the end of its id (root_child_fullName…), only when it is empty and editable (prefilled identity fields stay). */
async function fill(page: Page, suffix: string, value: string) {
  const input = page.locator(`[id$="${suffix}"]`).first();
  await input.waitFor();
  const editable = await input.evaluate((el) => !(el as HTMLInputElement).readOnly && !(el as HTMLInputElement).disabled);
  if (!editable) return;
  if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption({ label: value });
  else if (!(await input.inputValue())) await input.fill(value);
}

async function fillBirthForm(page: Page) {
  const born = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
  await fill(page, 'applicant_dateOfBirth', '1990-05-14');
  await fill(page, 'applicant_phone', AN.phone);
  await fill(page, 'applicant_address', 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội');
  await fill(page, 'root_relationship', 'Cha');
  await fill(page, 'child_fullName', 'Nguyễn Phạm Minh Khôi');
  await fill(page, 'child_sex', 'Nam');
  await fill(page, 'child_dateOfBirth', born);
  await fill(page, 'child_placeOfBirthType', 'Tại cơ sở khám bệnh, chữa bệnh');
  await fill(page, 'child_placeOfBirth', 'Bệnh viện Phụ sản Hà Nội');
  await fill(page, 'child_hometown', 'Nam Định');
  await fill(page, 'mother_fullName', MOTHER.fullName);
  await fill(page, 'mother_idNumber', MOTHER.idNumber);
  await fill(page, 'father_fullName', AN.fullName);
  await fill(page, 'father_idNumber', AN.idNumber);
  await fill(page, 'residence_ward', 'Phường Ba Đình');
  await fill(page, 'residence_detail', 'Số 5 phố Đội Cấn');
  await fill(page, 'householdHead_fullName', AN.fullName);
  await fill(page, 'householdHead_idNumber', AN.idNumber);
  await fill(page, 'root_relationshipToHead', 'Con');
  await fill(page, 'root_healthcareFacility', 'Trạm y tế phường Ba Đình');
  await fill(page, 'root_resultDelivery', 'Nhận bản điện tử trên Cổng Dịch vụ công / VNeID');
}

describe('interconnected procedures (liên thông) in the browser', () => {
  let applicationId = '';

  it('a citizen finds the birth group from the home page, reads its parts and the refusal rule, applies with documents and sees the three parts', async () => {
    const api = await as(srv.base, AN.idNumber);
    const before: string[] = (await api.get('/api/v1/my/interconnect-applications')).body.items.map((x: any) => x.code);
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);
    await page.goto('/');
    const entry = page.getByTestId('interconnect-entry');
    await entry.getByRole('heading', { name: 'Thủ tục liên thông' }).waitFor();
    await entry.getByRole('link', { name: /^Liên thông đăng ký khai sinh/ }).waitFor();
    await shot(page, 'interconnect-home-entry');
    await entry.getByRole('link', { name: /^Liên thông đăng ký khai sinh/ }).click();

    // The group page: what you get, the parts in order with agencies and deadlines, documents, the rule.
    await page.getByRole('heading', { name: /^Liên thông đăng ký khai sinh/, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Các phần việc và thứ tự giải quyết' }).waitFor();
    const flow = page.locator('.ic-flow').first();
    await expect.poll(() => flow.locator('[data-part]').count()).toBe(3);
    await flow.locator('[data-part="insurance"]').getByText(/Sau khi có kết quả: Đăng ký khai sinh, Đăng ký thường trú/).waitFor();
    await page.getByTestId('refusal-rule').getByText(/bị từ chối/).waitFor();
    await page.getByRole('cell', { name: /Giấy chứng sinh/ }).first().waitFor();
    await shot(page, 'interconnect-group');

    await page.getByRole('link', { name: 'Nộp hồ sơ liên thông' }).first().click();
    await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
    await expect.poll(() => page.locator('[id$="applicant_idNumber"]').first().inputValue()).toBe(AN.idNumber);
    // No ward chosen: the page says so before moving on.
    await fillBirthForm(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Vui lòng chọn phường/xã.').waitFor();
    await page.getByLabel('Phường/xã nơi nộp các phần việc cấp xã').selectOption({ label: 'Phường Ba Đình' });
    await shot(page, 'interconnect-apply-form');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor().catch(async (e) => { await shot(page, 'interconnect-apply-form-failed'); throw e; });

    const dir = tmp();
    for (const [name, file] of [['Giấy chứng sinh', 'giay-chung-sinh.pdf'], ['Giấy tờ tùy thân', 'can-cuoc.pdf'], ['Giấy tờ chứng minh chỗ ở hợp pháp', 'cho-o.pdf']]) {
      const p = path.join(dir, file);
      fs.writeFileSync(p, tinyPdf(file));
      await page.locator(`input[type=file][aria-label^="${name}"]`).setInputFiles(p);
      await page.getByRole('link', { name: file }).first().waitFor();
    }
    await shot(page, 'interconnect-apply-documents');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp' }).waitFor();
    await page.getByText('cho-o.pdf').waitFor();
    await shot(page, 'interconnect-apply-review');
    // A double click files one application.
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).dblclick();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ liên thông' }).waitFor().catch(async (e) => { await shot(page, 'interconnect-apply-failed'); throw e; });
    const code = (await page.getByTestId('application-code').textContent())!.trim();
    // Test servers run no background jobs: the fan-out to the agencies runs here.
    await srv.ctx.jobs.runNow('interconnect.dispatch');

    await page.getByRole('link', { name: 'Xem hồ sơ liên thông' }).click();
    await page.getByRole('heading', { name: `Hồ sơ liên thông ${code}` }).waitFor();
    applicationId = page.url().split('/').pop()!;
    const progress = page.locator('.ic-flow');
    await expect.poll(() => progress.locator('[data-part]').count()).toBe(3);
    // The birth registration went to the ward's People's Committee as a normal dossier; the others wait for it.
    const birth = progress.locator('[data-part="birth"]');
    await birth.getByText('Ủy ban nhân dân phường Ba Đình').waitFor();
    await birth.getByRole('link', { name: /^Mở hồ sơ / }).waitFor();
    await progress.locator('[data-part="residence"] [data-state="waiting"]').waitFor();
    await progress.locator('[data-part="insurance"] [data-state="waiting"]').waitFor();
    await shot(page, 'interconnect-application');
    // The child dossier is a normal dossier that says where it belongs, and leads back.
    await birth.getByRole('link', { name: /^Mở hồ sơ / }).click();
    await page.getByTestId('interconnect-badge').getByText(`Thuộc hồ sơ liên thông ${code}`).waitFor();
    await page.getByTestId('interconnect-badge').click();
    await page.getByRole('heading', { name: `Hồ sơ liên thông ${code}` }).waitFor();

    // The double click filed one application (An also has demo applications).
    const mine = (await api.get('/api/v1/my/interconnect-applications')).body.items.map((x: any) => x.code);
    expect(mine.filter((c: string) => !before.includes(c))).toEqual([code]);

    // "My dossiers" lists it with its parts.
    await page.goto('/ho-so-cua-toi');
    const row = page.getByTestId('my-interconnect').locator('li', { hasText: code }).first();
    await row.getByRole('link', { name: /^Liên thông đăng ký khai sinh/ }).waitFor();
    await row.locator('li', { hasText: /^Đăng ký khai sinh: / }).locator('[data-state]').waitFor();
    await shot(page, 'interconnect-my-dossiers');
    await context.close();

    // On a phone: nothing overflows sideways.
    const phone = await newPage(browser, srv.base, { phone: true });
    await signIn(phone.page, AN.idNumber);
    await phone.page.goto(`/ho-so-lien-thong/${applicationId}`);
    await phone.page.getByRole('heading', { name: `Hồ sơ liên thông ${code}` }).waitFor();
    await phone.page.locator('[data-part="insurance"]').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(phone.page, 'interconnect-application-phone');
    await phone.context.close();
  }, 180_000);

  it('the ward official sees the badge on the child dossier and opens the application; a refusal cancels the dependent parts and the citizen sees why', async () => {
    expect(applicationId).not.toBe('');
    const api = await as(srv.base, AN.idNumber);
    const app = (await api.get(`/api/v1/interconnect/applications/${applicationId}`)).body;
    const birth = app.parts.find((p: any) => p.key === 'birth');
    expect(birth.dossier).toBeTruthy();

    const staff = await newPage(browser, srv.base);
    await signIn(staff.page, 'badinh.tiepnhan');
    await staff.page.goto(`/can-bo/ho-so/${birth.dossier.id}`);
    const badge = staff.page.getByTestId('interconnect-badge');
    await badge.getByText(`Thuộc hồ sơ liên thông ${app.code}`).waitFor();
    await shot(staff.page, 'interconnect-staff-badge');
    await badge.click();
    await staff.page.getByRole('heading', { name: `Hồ sơ liên thông ${app.code}` }).waitFor();
    // Staff links go to their own dossier page.
    expect(await staff.page.locator('[data-part="birth"] a').first().getAttribute('href')).toBe(`/can-bo/ho-so/${birth.dossier.id}`);
    await staff.context.close();

    // The ward refuses the birth registration: residence and the card are cancelled by the stated rule.
    await step(await as(srv.base, 'badinh.tiepnhan'), birth.dossier.id, 'refuse', { reasons: ['Giấy chứng sinh không đọc được'] });
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);
    await page.goto(`/ho-so-lien-thong/${applicationId}`);
    await page.locator('[data-part="birth"] [data-state="refused"]').waitFor();
    await page.locator('[data-part="birth"]').getByText('Giấy chứng sinh không đọc được').waitFor();
    await page.getByTestId('cancelled-residence').getByText('Đã hủy vì phần việc “Đăng ký khai sinh” không được giải quyết.').waitFor();
    await page.locator('[data-part="insurance"] [data-state="cancelled"]').waitFor();
    await page.getByText('Bị từ chối').first().waitFor();
    await shot(page, 'interconnect-refused');
    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: `Interconnected application ${app.code}` }).waitFor();
    await page.getByTestId('cancelled-residence').getByText('Cancelled because the part “Birth registration” was not granted.').waitFor();
    await shot(page, 'interconnect-refused-en');
    await context.close();
  }, 120_000);

  it('the group list, a group page, the apply form and the application page pass axe (WCAG 2.1 AA, serious/critical)', async () => {
    expect(applicationId).not.toBe('');
    const { page, context } = await newPage(browser, srv.base, { bypassCSP: true });
    await signIn(page, AN.idNumber);
    const found: string[] = [];
    await page.goto('/lien-thong');
    await page.getByTestId('interconnect-groups').locator('li.card').first().waitFor();
    await expect.poll(() => page.getByTestId('interconnect-groups').locator('li.card').count()).toBe(3);
    await shot(page, 'interconnect-groups');
    found.push(...await axe(page, 'groups'));
    // Browsing the "birth" life event names the birth group above the procedures.
    await page.goto('/thu-tuc?suKien=sinh-con');
    await page.getByTestId('interconnect-entry').getByRole('link', { name: /^Liên thông đăng ký khai sinh/ }).waitFor();
    expect(await page.getByTestId('interconnect-entry').getByRole('link', { name: /khai tử/ }).count()).toBe(0);
    await shot(page, 'interconnect-procedures-life-event');
    found.push(...await axe(page, 'procedures-life-event'));
    await page.goto(`/lien-thong/${BIRTH_GROUP}`);
    await page.getByTestId('refusal-rule').waitFor();
    found.push(...await axe(page, 'group'));
    await page.goto(`/lien-thong/${BIRTH_GROUP}/nop-ho-so`);
    await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
    found.push(...await axe(page, 'apply'));
    await page.goto(`/ho-so-lien-thong/${applicationId}`);
    await page.locator('[data-part="insurance"]').waitFor();
    found.push(...await axe(page, 'application'));
    // A demo application whose birth registration is decided: the child's new personal ID number is shown.
    const api = await as(srv.base, AN.idNumber);
    const decided = (await api.get('/api/v1/my/interconnect-applications')).body.items
      .find((x: any) => x.groupCode === BIRTH_GROUP && x.parts.some((p: any) => p.key === 'birth' && p.state === 'approved'));
    if (decided) {
      await page.goto(`/ho-so-lien-thong/${decided.id}`);
      await page.getByTestId('outputs-birth').getByText('Số định danh cá nhân được cấp').waitFor();
      expect(await page.getByTestId('outputs-birth').locator('dd').first().textContent()).toMatch(/^\d{12}$/);
      await shot(page, 'interconnect-application-outputs');
      found.push(...await axe(page, 'application-outputs'));
    }
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  }, 120_000);

  it('the citizen withdraws a second application from its page with a reason: the open part is withdrawn, the others cancelled', async () => {
    const api = await as(srv.base, AN.idNumber);
    const group = (await api.get(`/api/v1/interconnect/groups/${BIRTH_GROUP}`)).body;
    const ward = (await api.get('/api/v1/admin-units?level=commune&q=Ba%20Dinh')).body.items.find((u: any) => u.fullName === 'Phường Ba Đình');
    const born = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const form = {
      applicant: { fullName: AN.fullName, idNumber: AN.idNumber, dateOfBirth: '1990-05-14', phone: AN.phone, address: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' },
      relationship: 'Cha',
      child: { fullName: 'Nguyễn Phạm Gia Hân', sex: 'Nữ', dateOfBirth: born, placeOfBirth: 'Bệnh viện Phụ sản Hà Nội', hometown: 'Nam Định', ethnicity: 'Kinh', nationality: 'Việt Nam' },
      mother: MOTHER, father: { fullName: AN.fullName, idNumber: AN.idNumber },
      residence: { province: 'Thành phố Hà Nội', ward: 'Phường Ba Đình', detail: 'Số 5 phố Đội Cấn' },
      householdHead: { fullName: AN.fullName, idNumber: AN.idNumber }, relationshipToHead: 'Con',
      healthcareFacility: 'Trạm y tế phường Ba Đình', resultDelivery: group.form.properties.resultDelivery.enum[0],
    };
    const documents = [];
    for (const d of group.documents.filter((x: any) => x.required)) documents.push({ code: d.code, fileIds: [await uploadOk(api, tinyPdf(d.code), `${d.code}.pdf`)] });
    const r = await api.post('/api/v1/interconnect/applications', { groupCode: BIRTH_GROUP, communeCode: ward.code, form, documents });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await srv.ctx.jobs.runNow('interconnect.dispatch');

    const { page, context } = await newPage(browser, srv.base, { phone: true });
    await signIn(page, AN.idNumber);
    await page.goto(`/ho-so-lien-thong/${r.body.id}`);
    await page.locator('[data-part="birth"]').getByRole('link', { name: /^Mở hồ sơ / }).waitFor();
    await page.getByRole('button', { name: 'Rút hồ sơ liên thông' }).click();
    const confirm = page.getByRole('button', { name: 'Xác nhận rút hồ sơ' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Lý do rút hồ sơ').fill('Gia đình nộp trực tiếp tại phường');
    await confirm.click();
    await page.locator('[data-status="withdrawn"]').waitFor();
    await page.getByTestId('cancelled-residence').getByText('Đã hủy do rút hồ sơ.').waitFor();
    await page.getByText('Người nộp đã rút hồ sơ liên thông: Gia đình nộp trực tiếp tại phường').waitFor();
    expect(await page.getByRole('button', { name: 'Rút hồ sơ liên thông' }).count()).toBe(0);
    await shot(page, 'interconnect-withdrawn-phone');
    await context.close();
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newPage, shot, signIn, useBrowserSuite } from '../browser.ts';
import { as, type TestServer } from '../server.ts';
import { AN } from '../dossiers.ts';

let srv: TestServer;
let browser: Browser;
useBrowserSuite((s, b) => {
  srv = s;
  browser = b;
});

const CUONG = '001301004321';

describe('once-only in the browser: prefill from the population database, data-store reuse, e-ID level', () => {
  it('An applies for a judicial-record certificate with his identity prefilled read-only and his ID card reused from the store', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);
    await page.goto('/thu-tuc/3.000333/nop-ho-so');
    await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
    await page.getByTestId('prefill-note').getByText('điền tự động từ Cơ sở dữ liệu quốc gia về dân cư').waitFor();

    // Identity fields: the registry's values, read-only, saying where they come from.
    const expectLocked = async (suffix: string, value: string) => {
      const input = page.locator(`[id$="${suffix}"]`).first();
      await expect.poll(() => input.inputValue(), { message: suffix }).toBe(value);
      const locked = await input.evaluate((el) => (el as HTMLInputElement).readOnly || (el as HTMLSelectElement).disabled);
      expect(locked, suffix).toBe(true);
    };
    await expectLocked('applicant_fullName', AN.fullName);
    await expectLocked('applicant_idNumber', AN.idNumber);
    await expectLocked('applicant_dateOfBirth', '1990-05-14');
    await expectLocked('subject_fullName', AN.fullName);
    await expectLocked('subject_idNumber', AN.idNumber);
    await expectLocked('subject_permanentResidence', 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội');
    await expectLocked('family_fatherName', 'Nguyễn Văn Thành');
    await expectLocked('family_motherName', 'Vũ Thị Hạnh');
    await expectLocked('family_spouseName', 'Phạm Thu Hằng');
    // Nothing is marked missing before An has typed anything (the prefill arriving is not an edit).
    expect(await page.getByText('Vui lòng nhập thông tin này').count()).toBe(0);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await page.getByText('Dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư').count()).toBeGreaterThanOrEqual(9);
    // Contact details are suggestions the citizen may change.
    const phone = page.locator('[id$="applicant_phone"]');
    expect(await phone.inputValue()).toBe(AN.phone);
    expect(await phone.evaluate((el) => (el as HTMLInputElement).readOnly)).toBe(false);
    await shot(page, 'once-only-prefilled');

    // What the registry cannot know: the residence history, the certificate asked for, delivery.
    const history = page.locator('[id$="residenceHistory_0_from"]');
    if (!(await history.count())) await page.locator('fieldset', { hasText: 'Quá trình cư trú' }).getByRole('button').filter({ hasText: /Thêm/ }).first().click();
    await history.fill('2004-05-14');
    await page.locator('[id$="residenceHistory_0_place"]').fill('Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội');
    await page.locator('[id$="root_certificateType"]').selectOption({ index: 1 });
    await page.locator('[id$="root_resultDelivery"]').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '2. Giấy tờ' }).waitFor();

    // One click on the ID card already in the store instead of a new upload.
    await page.getByRole('button', { name: /^Dùng giấy tờ đã có: Thẻ căn cước/ }).click();
    await page.getByText('Đã chọn từ kho dữ liệu').waitFor();
    await shot(page, 'once-only-store-reuse');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: '3. Kiểm tra và nộp' }).waitFor();
    await page.getByText('(từ kho dữ liệu)').waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ thành công' }).waitFor();
    const code = (await page.locator('b', { hasText: '000.00.11.H26-' }).textContent())!.trim();
    await context.close();

    const api = await as(srv.base, AN.idNumber);
    const d = (await api.get('/api/v1/my/dossiers')).body.items.find((x: any) => x.code === code);
    const full = (await api.get(`/api/v1/dossiers/${d.id}`)).body;
    expect(full.identityCheck).toMatchObject({ result: 'population', unverified: [] });
    expect(full.documents).toEqual([expect.objectContaining({ documentCode: 'giay-to-tuy-than', source: 'store', origin: expect.objectContaining({ title: 'Thẻ căn cước (bản chụp hai mặt)', source: 'desk' }) })]);

    // The official sees where the document came from and that the identity was verified.
    const staff = await newPage(browser, srv.base);
    await signIn(staff.page, 'catp.tiepnhan');
    await staff.page.goto(`/can-bo/ho-so/${d.id}`);
    await staff.page.getByTestId('identity-check').getByText('đã được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư').waitFor();
    await staff.page.getByTestId('provenance').getByText('Dùng lại từ kho dữ liệu cá nhân').first().waitFor();
    await staff.page.getByTestId('provenance').getByText(/Thẻ căn cước \(bản chụp hai mặt\) · nguồn: số hóa tại Một cửa/).first().waitFor();
    await shot(staff.page, 'once-only-staff-provenance');
    await staff.context.close();
  }, 180_000);

  it('An sees his data store', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, AN.idNumber);
    await page.getByRole('button', { name: `Tài khoản và trang cá nhân: ${AN.fullName} · VNeID mức 2` }).click();
    await page.getByRole('link', { name: 'Kho dữ liệu' }).click();
    await page.getByRole('heading', { name: 'Kho dữ liệu cá nhân' }).waitFor();
    await page.getByTestId('store-items').getByText('Trích lục khai sinh (bản sao)').waitFor();
    await page.getByTestId('store-items').getByText(/Nguồn: Cơ sở dữ liệu quốc gia về dân cư/).waitFor();
    await shot(page, 'once-only-data-store');
    await context.close();
  }, 60_000);

  it('Cường (level 1) is told before starting what to do to reach level 2', async () => {
    const { page, context } = await newPage(browser, srv.base);
    await signIn(page, CUONG);
    await page.goto('/thu-tuc/3.000333');
    const notice = page.getByTestId('eid-level-notice');
    await notice.getByText('mức 2; tài khoản của bạn đang ở mức 1').waitFor();
    await notice.getByText(/Công an cấp xã/).waitFor();
    await notice.getByText(/VNeID .*NFC/).waitFor();
    await shot(page, 'once-only-eid-level-procedure');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.getByRole('heading', { name: /^Nộp hồ sơ: Cấp Phiếu lý lịch tư pháp/ }).waitFor();
    await page.getByTestId('eid-level-notice').getByText('Hoặc tự đăng ký trên ứng dụng VNeID').waitFor();
    // The form is not offered at all.
    expect(await page.locator('[id$="applicant_fullName"]').count()).toBe(0);
    await shot(page, 'once-only-eid-level-apply');
    // A level-1 procedure is open to her, prefilled from the registry.
    await page.goto('/thu-tuc/2.001195/nop-ho-so');
    await page.getByRole('heading', { name: '1. Tờ khai', level: 2 }).waitFor();
    expect(await page.getByTestId('eid-level-notice').count()).toBe(0);
    await expect.poll(() => page.locator('[id$="applicant_fullName"]').first().inputValue()).toBe('Lê Hoàng Cường');
    await context.close();
  }, 60_000);
});

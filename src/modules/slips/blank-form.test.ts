import { describe, expect, it } from 'vitest';
import { renderBlankForm } from './index.ts';
import { birthFormSchema, pdfToText } from './test-helpers.ts';

/** Every `title` of a property (following local $refs), in document order. */
function propertyTitles(schema: Record<string, unknown>, root = schema): string[] {
  const out: string[] = [];
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const p of Object.values(props)) {
    if (typeof p.title === 'string') out.push(p.title);
    let target: Record<string, unknown> = p;
    if (typeof p.$ref === 'string') {
      const path = p.$ref.replace(/^#\//, '').split('/');
      target = path.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, root);
    }
    if (target.properties) out.push(...propertyTitles(target, root));
  }
  return out;
}

describe('renderBlankForm', () => {
  it('prints every property title, enums as check boxes, the declaration and the signature', async () => {
    const pdf = await renderBlankForm({
      title: 'Tờ khai đăng ký khai sinh',
      procedureName: 'Đăng ký khai sinh',
      agencyName: 'Ủy ban nhân dân phường Hoàn Kiếm',
      schema: birthFormSchema,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = pdfToText(pdf);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'TỜ KHAI ĐĂNG KÝ KHAI SINH',
      '(Thủ tục: Đăng ký khai sinh)',
      'Kính gửi: Ủy ban nhân dân phường Hoàn Kiếm',
      '1. Thông tin người yêu cầu',
      '2.3. Giới tính: ☐ Nam ☐ Nữ',
      '☐ Nhận trực tiếp',
      '☐ Qua dịch vụ bưu chính',
      '☐ Bản điện tử qua tài khoản',
      '☐ Đồng ý nhận thông báo qua thư điện tử',
      'Số định danh cá nhân (12 chữ số):',
      'ngày tháng năm',
      'Tôi cam đoan',
      'NGƯỜI KHAI',
      '(Ký và ghi rõ họ tên)',
    ]) {
      expect(text).toContain(s);
    }
    const titles = propertyTitles(birthFormSchema as unknown as Record<string, unknown>);
    expect(titles.length).toBeGreaterThan(20);
    for (const t of titles) expect(text).toContain(t);
  });

  it('handles arrays of objects, multi-select enums, allOf and an empty schema', async () => {
    const schema = {
      type: 'object',
      allOf: [
        { properties: { companyName: { type: 'string', title: 'Tên doanh nghiệp' } } },
        { properties: { taxCode: { type: 'string', title: 'Mã số thuế' } } },
      ],
      properties: {
        members: {
          type: 'array',
          title: 'Danh sách thành viên góp vốn',
          minItems: 4,
          items: { type: 'object', properties: { name: { type: 'string', title: 'Họ và tên' }, share: { type: 'number', title: 'Tỷ lệ vốn góp (%)' } } },
        },
        fields: { type: 'array', title: 'Ngành, nghề kinh doanh', items: { enum: ['retail', 'food'], 'x-enumNames': ['Bán lẻ', 'Ăn uống'] } },
        secret: { type: 'string', title: 'Trường ẩn', 'x-print': false },
        kind: { const: 'company' },
        meetingAt: { type: 'string', format: 'date-time', title: 'Thời điểm họp' },
      },
    };
    const { text } = pdfToText(await renderBlankForm({ title: 'Giấy đề nghị đăng ký doanh nghiệp', procedureName: 'Đăng ký thành lập công ty TNHH', schema }));
    for (const s of ['Tên doanh nghiệp', 'Mã số thuế', 'Danh sách thành viên góp vốn', 'STT Họ và tên Tỷ lệ vốn góp (%)', '☐ Bán lẻ', '☐ Ăn uống', 'Thời điểm họp', 'giờ', 'phút, ngày']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('Trường ẩn');
    expect(text).not.toContain('Kính gửi');

    const empty = pdfToText(await renderBlankForm({ title: 'Đơn đề nghị', procedureName: 'Thủ tục X', schema: {} }));
    expect(empty.text).toContain('ĐƠN ĐỀ NGHỊ');
    expect(empty.text).toContain('Tôi cam đoan');
  });
});

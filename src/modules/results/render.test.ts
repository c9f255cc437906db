import { describe, expect, it } from 'vitest';
import { pdfToText } from '../slips/test-helpers.ts';
import { fill, renderResult, templateFor, type ResultDocument } from './render.ts';

const doc: ResultDocument = {
  procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', title: 'Trích lục khai sinh', dossierCode: '000.04.01.H26-261121-0007',
  applicantName: 'Trần Thị Bình', applicantIdNumber: '001195006789',
  form: { child: { fullName: 'Lê Minh Khôi', dateOfBirth: '2026-11-02', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội' } },
  agency: { name: 'Ủy ban nhân dân phường Ba Đình', parentName: 'Ủy ban nhân dân thành phố Hà Nội', province: 'Hà Nội' },
  signatureLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], signerName: 'Ngô Quang Minh',
  issuedAt: new Date('2026-11-21T03:00:00Z'), verifyCode: 'KQ-ABCD-EFGH-JKMN', verifyUrl: 'https://dichvucong.example/xac-thuc/KQ-ABCD-EFGH-JKMN',
};

describe('result templates', () => {
  it('fills placeholders from the dossier and the form; a missing value drops the line', () => {
    expect(fill('{agency} — {code} — {form.child.fullName}', doc)).toBe('Ủy ban nhân dân phường Ba Đình — 000.04.01.H26-261121-0007 — Lê Minh Khôi');
    expect(fill('{form.child.dateOfBirth}', doc, 'date')).toBe('02/11/2026');
    expect(fill('Giới tính: {form.child.sex}', doc)).toBeUndefined();
    expect(fill('{form.child}', doc)).toBeUndefined();
    expect(templateFor('1.001193').intro).toContain('khai sinh');
    expect(templateFor('9.999999')).toBe(templateFor('khong-co'));
  });

  it('renders the procedure\'s template with the national header, the particulars, the signature block and the QR link', async () => {
    const { text, flat } = pdfToText(await renderResult(doc));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI', 'ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH', 'Hà Nội, ngày 21 tháng 11 năm 2026',
      'TRÍCH LỤC KHAI SINH', 'Họ, chữ đệm và tên người được khai sinh: Lê Minh Khôi', 'Ngày, tháng, năm sinh: 02/11/2026', 'Nơi sinh: Bệnh viện Phụ sản Hà Nội',
      'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Ngô Quang Minh', 'KQ-ABCD-EFGH-JKMN',
    ]) expect(text).toContain(s);
    expect(flat).toContain('https://dichvucong.example/xac-thuc/KQ-ABCD-EFGH-JKMN');
    expect(text).not.toContain('Giới tính');
  });
});

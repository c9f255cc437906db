import { describe, expect, it } from 'vitest';
import {
  judgeStep,
  renderApology,
  renderReceiptSlip,
  renderRefusal,
  renderSupplementRequest,
  renderTrackingSlip,
  type TrackingRow,
} from './index.ts';
import { agency, documents, dossier, official, pdfPageCount, pdfToText, trackingRows, vn } from './test-helpers.ts';

const NATIONAL = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

function expectPdf(buf: Buffer): void {
  expect(Buffer.isBuffer(buf)).toBe(true);
  expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Fonts are embedded (subset), so every diacritic renders without system fonts.
  expect(buf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerifCondensed/);
}

describe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả', () => {
  it('prints the header, the dossier, each document and the appointment in Vietnam time', async () => {
    const pdf = await renderReceiptSlip({ agency, dossier, documents, official, resultDelivery: 'Bộ phận Tiếp nhận và Trả kết quả Sở Tư pháp' });
    expectPdf(pdf);
    const { text, pages } = pdfToText(pdf);
    expect(pages).toBe(1);
    for (const s of [
      ...NATIONAL,
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
      'SỞ TƯ PHÁP THÀNH PHỐ HÀ NỘI',
      'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      'Hà Nội, ngày 21 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.01.H26-261121-0012',
      'Ông/Bà: Nguyễn Thị Hương',
      'Số định danh cá nhân: 001190012345',
      'Địa chỉ: Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội',
      'Nội dung yêu cầu giải quyết: Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
      'Hình thức nộp hồ sơ: Trực tiếp',
      'STT Tên giấy tờ Hình thức Số lượng',
      'Thời gian tiếp nhận hồ sơ: 09:15 21/11/2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 16:30 05/12/2026',
      'Đăng ký nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả Sở Tư pháp',
      'https://dichvucong.hanoi.gov.vn/tra-cuu?ma=000.00.01.H26-261121-0012',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Đức',
    ]) {
      expect(text).toContain(s);
    }
    for (const d of documents) expect(text).toContain(d.name);
    expect(text).toMatch(/1 Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp Bản chính 01/);
    expect(text).toMatch(/3 Giấy xác nhận thông tin về cư trú Bản sao 02/);
  });

  it('has no applicant signature for online dossiers and tolerates missing optional data', async () => {
    const pdf = await renderReceiptSlip({
      agency: { name: 'Ủy ban nhân dân phường Hoàn Kiếm', deskName: 'Bộ phận Một cửa phường Hoàn Kiếm', province: 'Hà Nội' },
      dossier: { code: 'X-1', procedureName: 'Đăng ký khai sinh', applicantName: 'Lê Văn Ánh', channel: 'online', submittedAt: vn(2026, 3, 2, 22, 5) },
      documents: [],
      official: { name: 'Phạm Thị Lụa' },
    });
    const { text } = pdfToText(pdf);
    expect(text).not.toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).toContain('Hình thức nộp hồ sơ: Trực tuyến');
    expect(text).toContain('Hà Nội, ngày 02 tháng 3 năm 2026');
    expect(text).toContain('Thời gian tiếp nhận hồ sơ: 22:05 02/03/2026');
    expect(text).toContain('theo thông báo của cơ quan giải quyết');
    expect(text).toContain('BỘ PHẬN MỘT CỬA PHƯỜNG HOÀN KIẾM');
  });

  it('normalises decomposed Vietnamese input to NFC', async () => {
    const nfd = 'Nguyễn Thị Hương'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hương');
    const pdf = await renderReceiptSlip({ agency, dossier: { ...dossier, applicantName: nfd }, documents, official });
    expect(pdfToText(pdf).text).toContain('Ông/Bà: Nguyễn Thị Hương');
  });

  it('is reproducible and fast', async () => {
    const a = await renderReceiptSlip({ agency, dossier, documents, official });
    const t0 = performance.now();
    const b = await renderReceiptSlip({ agency, dossier, documents, official });
    const ms = performance.now() - t0;
    expect(b.equals(a)).toBe(true);
    expect(ms).toBeLessThan(250); // ~20 ms warm on a laptop; generous for CI
  });
});

describe('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', () => {
  it('lists every item with its reason', async () => {
    const items = [
      { name: 'Giấy xác nhận thông tin về cư trú', reason: 'Bản sao không rõ nét' },
      { name: 'Văn bản ủy quyền', reason: 'Chưa được chứng thực' },
    ];
    const pdf = await renderSupplementRequest({
      agency,
      dossier,
      items,
      official,
      note: 'Ông/Bà có thể nộp bổ sung trực tuyến.',
      requestedAt: vn(2026, 11, 21, 9, 20),
    });
    expectPdf(pdf);
    const { text } = pdfToText(pdf);
    for (const s of [
      ...NATIONAL,
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Hà Nội, ngày 21 tháng 11 năm 2026',
      'Mã hồ sơ: 000.00.01.H26-261121-0012',
      'Ông/Bà: Nguyễn Thị Hương',
      'Thời gian nộp hồ sơ: 09:10 21/11/2026',
      'Ghi chú: Ông/Bà có thể nộp bổ sung trực tuyến.',
      '024 3355 1234',
      'NGƯỜI HƯỚNG DẪN',
      'Trần Văn Đức',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/1 Giấy xác nhận thông tin về cư trú Bản sao không rõ nét/);
    expect(text).toMatch(/2 Văn bản ủy quyền Chưa được chứng thực/);
  });
});

describe('Phiếu từ chối tiếp nhận giải quyết hồ sơ', () => {
  it('prints each reason', async () => {
    const reasons = [
      'Hồ sơ không thuộc thẩm quyền giải quyết của Sở Tư pháp.',
      'Người yêu cầu không thuộc đối tượng được cấp Phiếu số 2 theo ủy quyền.',
    ];
    const pdf = await renderRefusal({ agency, dossier, reasons, official, refusedAt: vn(2026, 11, 21, 9, 25) });
    expectPdf(pdf);
    const { text, flat } = pdfToText(pdf);
    expect(flat).toContain(
      'Qua xem xét, Bộ phận Tiếp nhận và Trả kết quả thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    );
    for (const s of [
      ...NATIONAL,
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'Hà Nội, ngày 21 tháng 11 năm 2026',
      'Ông/Bà: Nguyễn Thị Hương',
      `1. ${reasons[0]}`,
      `2. ${reasons[1]}`,
      'Xin thông báo để Ông/Bà được biết và thực hiện./.',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Đức',
    ]) {
      expect(text).toContain(s);
    }
  });
});

describe('Phiếu xin lỗi và hẹn lại ngày trả kết quả', () => {
  it('prints the old and new appointment and the signer', async () => {
    const pdf = await renderApology({
      agency,
      dossier,
      reason: 'Cần thêm thời gian xác minh với cơ quan Công an',
      oldDueAt: vn(2026, 12, 5, 16, 30),
      newDueAt: vn(2026, 12, 12, 10, 0),
      signer: { name: 'Hoàng Văn Nam', title: 'Giám đốc' },
      issuedAt: vn(2026, 12, 4, 10, 0),
    });
    expectPdf(pdf);
    const { text, flat } = pdfToText(pdf);
    expect(flat).toContain('Lý do: Cần thêm thời gian xác minh với cơ quan Công an.');
    expect(flat).toContain('hẹn trả kết quả giải quyết hồ sơ vào: 10:00 12/12/2026.');
    for (const s of [
      ...NATIONAL,
      'SỞ TƯ PHÁP THÀNH PHỐ HÀ NỘI',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Hà Nội, ngày 04 tháng 12 năm 2026',
      'Kính gửi: Ông/Bà Nguyễn Thị Hương',
      '16:30 05/12/2026',
      '10:00 12/12/2026',
      'GIÁM ĐỐC',
      'Hoàng Văn Nam',
      'Nơi nhận:',
    ]) {
      expect(text).toContain(s);
    }
    // The apology is the agency's letter: the desk is not in the header.
    expect(text).not.toContain('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
  });
});

describe('Phiếu kiểm soát quá trình giải quyết hồ sơ', () => {
  it('judges steps by the Vietnam calendar day', () => {
    const due = vn(2026, 12, 5, 16, 30);
    expect(judgeStep(vn(2026, 12, 4, 16, 0), due)).toBe('early');
    expect(judgeStep(vn(2026, 12, 5, 8, 0), due)).toBe('on_time');
    expect(judgeStep(due, due)).toBe('on_time');
    expect(judgeStep(vn(2026, 12, 5, 16, 31), due)).toBe('late');
    expect(judgeStep(vn(2026, 12, 5, 8, 0), undefined)).toBeUndefined();
  });

  it('prints each hand-over with its result', async () => {
    const rows: TrackingRow[] = [
      { step: 'Tiếp nhận hồ sơ', fromName: 'Bộ phận Một cửa', toName: 'Phòng Hộ tịch', at: vn(2026, 11, 21, 9, 30), dueAt: vn(2026, 11, 21, 17, 0) },
      { step: 'Thẩm định', fromName: 'Phòng Hộ tịch', toName: 'Lãnh đạo Sở', at: vn(2026, 11, 23, 10, 0), dueAt: vn(2026, 11, 24, 17, 0) },
      { step: 'Ký duyệt', fromName: 'Lãnh đạo Sở', toName: 'Văn thư', at: vn(2026, 11, 26, 9, 0), dueAt: vn(2026, 11, 25, 17, 0), note: 'Chờ xác minh' },
      { step: 'Trả kết quả', fromName: 'Văn thư', toName: 'Bộ phận Một cửa', at: vn(2026, 11, 26, 14, 0), judgement: 'in_progress' },
    ];
    const pdf = await renderTrackingSlip({ agency, dossier, rows });
    expectPdf(pdf);
    const { raw, text, pages } = pdfToText(pdf);
    expect(pages).toBe(1);
    for (const s of [
      ...NATIONAL,
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Mã hồ sơ: 000.00.01.H26-261121-0012',
      'Người nộp hồ sơ: Nguyễn Thị Hương',
      'Hẹn trả kết quả: 16:30 05/12/2026',
      'Bước xử lý',
      'Kết quả',
      'Giao: Bộ phận Một cửa',
      'Nhận: Phòng Hộ tịch',
      'Chờ xác minh',
    ]) {
      expect(text).toContain(s);
    }
    // The first line of table row n starts with its number and carries the (one-line) result.
    const row = (n: number) => raw.split('\n').find((l) => new RegExp(`^ *${n} +\\S`).test(l)) ?? '';
    expect(row(1)).toContain('Đúng hạn');
    expect(row(2)).toContain('Trước hạn');
    expect(row(3)).toContain('Quá hạn');
    expect(row(4)).toContain('Đang xử lý');
    expect(text).toContain('Tổng số lượt giao, nhận: 4; trước hạn: 1; đúng hạn: 1; quá hạn: 1; đang xử lý: 1.');
  });

  it('spans several pages with 80 rows and repeats the table header on each page', async () => {
    const rows = trackingRows(80);
    const pdf = await renderTrackingSlip({ agency, dossier, rows });
    const pageCount = pdfPageCount(pdf);
    expect(pageCount).toBeGreaterThanOrEqual(3);
    const { raw, pages } = pdfToText(pdf);
    expect(pages).toBe(pageCount);
    const pageTexts = raw.split('\f').filter((p) => p.trim());
    for (const [i, p] of pageTexts.entries()) {
      expect(p).toMatch(/STT +Bước xử lý/);
      expect(p).toContain(`Trang ${i + 1}/${pageCount}`);
    }
    expect(raw).toContain('Quá hạn');
    // Every row number is printed exactly once.
    for (const n of [1, 40, 80]) {
      expect(raw.match(new RegExp(`^ *${n} +\\S`, 'gm'))?.length ?? 0).toBe(1);
    }
    expect(raw).toContain('Tổng số lượt giao, nhận: 80');
  });
});


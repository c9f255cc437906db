import { describe, expect, it } from 'vitest';
import { pdfToText } from '../slips/test-helpers.ts';
import { documentTitle, fill, renderResult, templateFor, type ResultDocument } from './render.ts';
import templates from './templates.json' with { type: 'json' };

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

  it('picks the dated template in force on the issue date (Vietnam calendar day)', () => {
    const procs = templates.procedures as Record<string, unknown>;
    procs['9.999998'] = [
      { validFrom: '2027-01-01', title: 'Mẫu mới', intro: '', fields: [], body: [] },
      { validFrom: '2026-01-01', title: 'Mẫu cũ', intro: '', fields: [], body: [] },
    ];
    try {
      expect(templateFor('9.999998', new Date('2025-12-31T12:00:00Z'))).toBe(templateFor('9.999999'));
      expect(templateFor('9.999998', new Date('2026-06-01T00:00:00Z')).title).toBe('Mẫu cũ');
      // 31/12/2026 17:30 UTC is already 1 January 2027 in Vietnam.
      expect(templateFor('9.999998', new Date('2026-12-31T17:30:00Z')).title).toBe('Mẫu mới');
      expect(documentTitle({ ...doc, procedureCode: '9.999998', issuedAt: new Date('2026-06-01T00:00:00Z') })).toBe('Mẫu cũ');
    } finally {
      delete procs['9.999998'];
    }
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

  const base = { ...doc, applicantName: 'Nguyễn Văn An', applicantIdNumber: '001090012345', dossierCode: '000.00.11.H26-261121-0003' };
  const header = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Nội, ngày 21 tháng 11 năm 2026'];

  it('judicial-record certificate (3.000333): Phiếu số 1 titled from the form, particulars, no conviction, ban line only when asked', async () => {
    const lltp: ResultDocument = {
      ...base, procedureCode: '3.000333', procedureName: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', title: 'Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản điện tử trên VNeID và/hoặc bản giấy)',
      agency: { name: 'Công an thành phố Hà Nội', province: 'Hà Nội' }, signatureLines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signerName: 'Trần Văn Hùng',
      form: {
        subject: { fullName: 'Nguyễn Văn An', sex: 'Nam', dateOfBirth: '1990-05-14', placeOfBirth: 'Hà Nội', nationality: 'Việt Nam', ethnicity: 'Kinh', idNumber: '001090012345', permanentResidence: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội' },
        family: { fatherName: 'Nguyễn Văn Bình', motherName: 'Lê Thị Cúc' },
        certificateType: 'Phiếu lý lịch tư pháp số 1', requestBanInfo: false, purpose: 'Bổ sung hồ sơ xin việc',
      },
    };
    expect(documentTitle(lltp)).toBe('Phiếu lý lịch tư pháp số 1');
    const { text, flat } = pdfToText(await renderResult(lltp));
    for (const s of [...header, 'CÔNG AN THÀNH PHỐ HÀ NỘI', 'PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1', 'Căn cứ Luật Lý lịch tư pháp', 'Công an thành phố Hà Nội xác nhận:',
      '1. Thông tin về nhân thân', 'Họ, chữ đệm và tên: Nguyễn Văn An', 'Ngày, tháng, năm sinh: 14/05/1990', 'Họ và tên cha: Nguyễn Văn Bình', 'Họ và tên mẹ: Lê Thị Cúc',
      '2. Tình trạng án tích', 'Không có án tích.', 'Mục đích sử dụng Phiếu: Bổ sung hồ sơ xin việc.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Văn Hùng']) expect(flat).toContain(s);
    expect(text).not.toContain('(Thủ tục:');
    expect(text).not.toContain('Tên gọi khác');
    expect(flat).not.toContain('cấm đảm nhiệm chức vụ');
    const withBan = pdfToText(await renderResult({ ...lltp, form: { ...lltp.form, requestBanInfo: true } })).flat;
    expect(withBan).toContain('3. Thông tin về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã');
    expect(withBan).toContain('Không bị cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã.');
  });

  it('construction permit (1.013225): owner, site, areas with Vietnamese decimals, land certificate, 12-month validity, on one page', async () => {
    const pdf = await renderResult({
      ...base, procedureCode: '1.013225', procedureName: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ', title: 'Giấy phép xây dựng kèm bản vẽ được đóng dấu',
      signatureLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      form: {
        owner: { fullName: 'Nguyễn Văn An', idNumber: '001090012345', address: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội' },
        site: { plotNumber: '125', mapSheet: '7', ward: 'Phường Ba Đình', detail: 'Ngõ 18 phố Đội Cấn', landArea: 72.5 },
        landCertificate: { serial: 'DA1234567', issueDate: '2019-03-08', issuer: 'Sở Tài nguyên và Môi trường Hà Nội' },
        construction: { type: 'Nhà ở riêng lẻ tại đô thị', grade: 'Cấp III', groundFloorArea: 60.25, totalFloorArea: 301.25, floors: 5, basements: 0, height: 18.6, setback: 'Lùi 1 m so với chỉ giới đường đỏ' },
        designer: { name: 'Công ty TNHH Kiến trúc Đông Á' }, expectedCompletionMonths: 10,
      },
    });
    const { flat, pages } = pdfToText(pdf);
    expect(pages).toBe(1);
    for (const s of [...header, 'ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH', 'GIẤY PHÉP XÂY DỰNG', '(Sử dụng cho nhà ở riêng lẻ)', 'Căn cứ Luật Xây dựng',
      '1. Cấp cho: Nguyễn Văn An', '2. Được phép xây dựng công trình: Nhà ở riêng lẻ tại đô thị, Cấp III', 'Theo thiết kế do: Công ty TNHH Kiến trúc Đông Á lập',
      'Vị trí xây dựng: thửa đất số 125, tờ bản đồ số 7, Phường Ba Đình', 'Diện tích lô đất: 72,5 m²', 'Diện tích xây dựng tầng 1: 60,25 m²; tổng diện tích sàn: 301,25 m²',
      'Chiều cao công trình: 18,6 m; số tầng (kể cả tầng tum, tầng lửng): 5', 'Số tầng hầm: 0', 'số phát hành: DA1234567', 'Ngày cấp: 08/03/2019',
      'có hiệu lực khởi công xây dựng trong thời hạn 12 tháng kể từ ngày cấp', 'TM. ỦY BAN NHÂN DÂN', 'PHÓ CHỦ TỊCH']) expect(flat).toContain(s);
    expect(flat).not.toContain('Chứng chỉ hành nghề');
  });

  it('residence notice (1.004222) lists the household members; death extract (1.000656) prints the death particulars', async () => {
    const residence = pdfToText(await renderResult({
      ...base, procedureCode: '1.004222', procedureName: 'Đăng ký thường trú', title: 'Thông báo kết quả giải quyết thủ tục về cư trú',
      agency: { name: 'Công an phường Ba Đình', parentName: 'Công an thành phố Hà Nội', province: 'Hà Nội' }, signatureLines: ['TRƯỞNG CÔNG AN'],
      form: {
        registrant: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'Nam', idNumber: '001090012345' },
        newResidence: { province: 'Thành phố Hà Nội', ward: 'Phường Ba Đình', detail: 'Số 12 phố Đội Cấn' }, residenceBasis: 'Chỗ ở hợp pháp thuộc quyền sở hữu của mình',
        householdHead: { fullName: 'Nguyễn Văn An', idNumber: '001090012345' }, relationshipToHead: 'Chủ hộ',
        accompanyingMembers: [{ fullName: 'Trần Thị Bình', dateOfBirth: '1995-01-20', sex: 'Nữ', idNumber: '001195006789', relationshipToHead: 'Vợ' }, { fullName: 'Nguyễn Minh Khang', dateOfBirth: '2020-09-02', sex: 'Nam', relationshipToHead: 'Con' }],
      },
    }));
    for (const s of [...header, 'CÔNG AN PHƯỜNG BA ĐÌNH', 'THÔNG BÁO', 'Về kết quả giải quyết thủ tục đăng ký thường trú', 'đã được cập nhật vào Cơ sở dữ liệu về cư trú',
      'Địa chỉ: Số 12 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội', 'Quan hệ với chủ hộ: Chủ hộ', '3. Những thành viên trong hộ gia đình cùng đăng ký',
      '1. Trần Thị Bình — ngày, tháng, năm sinh: 20/01/1995; giới tính: Nữ; số định danh cá nhân: 001195006789; quan hệ với chủ hộ: Vợ',
      '2. Nguyễn Minh Khang — ngày, tháng, năm sinh: 02/09/2020; giới tính: Nam; quan hệ với chủ hộ: Con', 'TRƯỞNG CÔNG AN']) expect(residence.flat).toContain(s);
    expect(residence.pages).toBe(1);

    const death = pdfToText(await renderResult({
      ...base, procedureCode: '1.000656', procedureName: 'Đăng ký khai tử', title: 'Trích lục khai tử (bản chính, bản điện tử)',
      form: {
        relationship: 'Con',
        deceased: { fullName: 'Nguyễn Văn Cường', sex: 'Nam', dateOfBirth: '1940-02-11', ethnicity: 'Kinh', nationality: 'Việt Nam', lastResidence: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội', dateOfDeath: '2026-11-15', timeOfDeath: '14:30', placeOfDeath: 'Bệnh viện Bạch Mai' },
        deathNotice: { number: '123/GBT', issuer: 'Bệnh viện Bạch Mai', issueDate: '2026-11-15' },
      },
    })).flat;
    for (const s of [...header, 'TRÍCH LỤC KHAI TỬ', '(Bản chính)', 'Họ, chữ đệm và tên người đã chết: Nguyễn Văn Cường', 'Ngày, tháng, năm sinh: 11/02/1940', 'Ngày chết: 15/11/2026',
      'Giờ, phút chết: 14:30', 'Nơi chết: Bệnh viện Bạch Mai', 'Giấy báo tử/giấy tờ thay thế: do Bệnh viện Bạch Mai cấp ngày 15/11/2026', 'Số giấy báo tử: 123/GBT',
      'Người đi khai tử: Nguyễn Văn An', 'Quan hệ với người đã chết: Con', 'bản điện tử của Trích lục khai tử']) expect(death).toContain(s);
    expect(death).not.toContain('Nguyên nhân chết');
  });
});

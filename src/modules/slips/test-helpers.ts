/** Fixtures and helpers for the slip tests (not used by production code). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlipAgency, SlipDocument, SlipDossier, SlipOfficial, TrackingRow } from './types.ts';

export interface PdfText {
  /** `pdftotext -layout` output. */
  raw: string;
  /** Same with runs of spaces collapsed to one (layout mode pads columns with spaces). */
  text: string;
  /** All whitespace, line breaks included, collapsed to one space: for wrapped prose. */
  flat: string;
  pages: number;
}

/** Extracts the text of a PDF with poppler's `pdftotext -layout`. */
export function pdfToText(pdf: Buffer): PdfText {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-slip-'));
  try {
    const file = join(dir, 'slip.pdf');
    writeFileSync(file, pdf);
    const raw = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const pages = raw.split('\f').filter((p) => p.trim().length > 0).length;
    return { raw, text: raw.replace(/[ \u00a0]+/g, ' '), flat: raw.replace(/\s+/g, ' '), pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdfinfo` page count (independent of text extraction). */
export function pdfPageCount(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-slip-'));
  try {
    const file = join(dir, 'slip.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(info);
    return m ? Number(m[1]) : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Vietnam local time (UTC+7) to a Date. */
export function vn(y: number, mo: number, d: number, h = 0, mi = 0): Date {
  return new Date(Date.UTC(y, mo - 1, d, h - 7, mi));
}

export const agency: SlipAgency = {
  name: 'Sở Tư pháp thành phố Hà Nội',
  parentName: 'Ủy ban nhân dân thành phố Hà Nội',
  deskName: 'Bộ phận Tiếp nhận và Trả kết quả',
  address: '221 Trần Phú, phường Hà Đông, thành phố Hà Nội',
  phone: '024 3355 1234',
  province: 'Hà Nội',
};

export const official: SlipOfficial = { name: 'Trần Văn Đức', title: 'Công chức Bộ phận Một cửa' };

export const dossier: SlipDossier = {
  code: '000.00.01.H26-261121-0012',
  procedureName: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
  applicantName: 'Nguyễn Thị Hương',
  applicantIdNumber: '001190012345',
  applicantAddress: 'Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội',
  applicantPhone: '0912 345 678',
  applicantEmail: 'huong.nguyen@example.vn',
  channel: 'in_person',
  // 21/11/2026 09:15 and due 05/12/2026 16:30, Vietnam time.
  submittedAt: vn(2026, 11, 21, 9, 10),
  receivedAt: vn(2026, 11, 21, 9, 15),
  dueAt: vn(2026, 12, 5, 16, 30),
  trackingUrl: 'https://dichvucong.hanoi.gov.vn/tra-cuu?ma=000.00.01.H26-261121-0012',
};

export const documents: SlipDocument[] = [
  { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', kind: 'Bản chính', count: 1 },
  { name: 'Căn cước công dân', kind: 'Bản sao có chứng thực', count: 1 },
  { name: 'Giấy xác nhận thông tin về cư trú', kind: 'Bản sao', count: 2 },
  { name: 'Văn bản ủy quyền', kind: 'Bản chính', count: 1 },
];

const UNITS = [
  'Bộ phận Tiếp nhận và Trả kết quả',
  'Phòng Lý lịch tư pháp',
  'Chuyên viên Lê Minh Tuấn',
  'Lãnh đạo phòng Phạm Thu Hà',
  'Công an thành phố Hà Nội',
  'Lãnh đạo Sở Hoàng Văn Nam',
  'Văn thư Sở',
];

const STEPS = ['Tiếp nhận hồ sơ', 'Phân công thụ lý', 'Thẩm định hồ sơ', 'Xác minh thông tin', 'Trình ký', 'Ký duyệt', 'Đóng dấu, phát hành'];

/** `n` hand-over rows, every 7th late, others early/on time. */
export function trackingRows(n: number): TrackingRow[] {
  const start = vn(2026, 11, 21, 9, 30).getTime();
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + i * 3 * 3600_000);
    const late = i % 7 === 6;
    const dueAt = new Date(at.getTime() + (late ? -2 : i % 2 ? 1 : 30) * 3600_000);
    return {
      step: STEPS[i % STEPS.length],
      fromName: UNITS[i % UNITS.length],
      toName: UNITS[(i + 1) % UNITS.length],
      at,
      dueAt,
      note: late ? 'Chờ kết quả xác minh' : undefined,
    };
  });
}

export const birthFormSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    person: {
      type: 'object',
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên' },
        birthDate: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
        ethnicity: { type: 'string', title: 'Dân tộc' },
        nationality: { type: 'string', title: 'Quốc tịch' },
        idNumber: { type: 'string', title: 'Số định danh cá nhân', description: '12 chữ số' },
        residence: { type: 'string', title: 'Nơi cư trú' },
      },
    },
  },
  properties: {
    requester: {
      title: 'Thông tin người yêu cầu',
      type: 'object',
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên người yêu cầu' },
        idNumber: { type: 'string', title: 'Giấy tờ tùy thân' },
        residence: { type: 'string', title: 'Nơi cư trú' },
        relationship: { type: 'string', title: 'Quan hệ với người được khai sinh' },
      },
    },
    child: {
      title: 'Thông tin người được khai sinh',
      type: 'object',
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên' },
        birthDate: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
        sex: { type: 'string', title: 'Giới tính', enum: ['M', 'F'], enumNames: ['Nam', 'Nữ'] },
        ethnicity: { type: 'string', title: 'Dân tộc' },
        birthPlace: { type: 'string', title: 'Nơi sinh' },
        hometown: { type: 'string', title: 'Quê quán' },
      },
    },
    mother: { title: 'Thông tin người mẹ', $ref: '#/$defs/person' },
    father: { title: 'Thông tin người cha', $ref: '#/$defs/person' },
    resultChannel: {
      title: 'Hình thức nhận kết quả',
      oneOf: [
        { const: 'desk', title: 'Nhận trực tiếp' },
        { const: 'post', title: 'Qua dịch vụ bưu chính' },
        { const: 'online', title: 'Bản điện tử qua tài khoản' },
      ],
    },
    copies: { type: 'integer', title: 'Số lượng bản sao trích lục đề nghị cấp' },
    otherRequests: { type: 'string', title: 'Đề nghị khác', maxLength: 1000 },
    agreeElectronic: { type: 'boolean', title: 'Đồng ý nhận thông báo qua thư điện tử' },
  },
  required: ['requester', 'child'],
} as const;

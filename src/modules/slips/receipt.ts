/** Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01, TT 01/2018/TT-VPCP and TT 03/2025/TT-VPCP). */
import {
  CHANNEL_LABELS,
  agencyLines,
  codeLine,
  count2,
  dateTime,
  drawApplicant,
  drawDocumentHeader,
  drawTitle,
  field,
  receiptTime,
  requireDate,
} from './common.ts';
import { SIZE, SlipWriter, type Content } from './layout.ts';
import type { ReceiptSlipInput } from './types.ts';

export const RECEIPT_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';

export function renderReceiptSlip(a: ReceiptSlipInput): Promise<Buffer> {
  const { agency, dossier, documents, official } = a;
  const received = requireDate(receiptTime(dossier), 'dossier.receivedAt/submittedAt');
  const w = new SlipWriter({ title: `${RECEIPT_TITLE} ${dossier.code}`, date: received, footerLabel: `Mã hồ sơ: ${dossier.code}` });

  drawDocumentHeader(w, { agencyLines: agencyLines(agency, true), place: agency.province, date: received });
  drawTitle(w, RECEIPT_TITLE, [codeLine(dossier.code)]);

  const p = (c: Content, spaceAfter = 2) => w.paragraph(c, { spaceAfter });
  p([{ text: agency.deskName, font: 'bold' }, { text: ` tiếp nhận hồ sơ của:` }]);
  drawApplicant(w, dossier, { indent: 14 });
  p(field('Nội dung yêu cầu giải quyết', dossier.procedureName, true));
  p(field('Hình thức nộp hồ sơ', CHANNEL_LABELS[dossier.channel]));

  p('1. Thành phần hồ sơ nộp gồm:', 4);
  if (documents.length) {
    w.table(
      [
        { title: 'STT', width: 32, align: 'center' },
        { title: 'Tên giấy tờ', width: w.width - 32 - 110 - 62 },
        { title: 'Hình thức', width: 110, align: 'center' },
        { title: 'Số lượng', width: 62, align: 'center' },
      ],
      documents.map((d, i) => [String(i + 1), d.name, d.kind, count2(d.count)]),
    );
  } else {
    w.paragraph('(Không có giấy tờ kèm theo)', { font: 'italic', x: w.left + 14 });
  }
  w.space(6);
  p(`2. Số lượng hồ sơ: 01 (bộ)`);
  p([{ text: '3. Thời gian tiếp nhận hồ sơ: ' }, { text: dateTime(received), font: 'bold' }]);
  p([
    { text: '4. Thời gian trả kết quả giải quyết hồ sơ: ' },
    dossier.dueAt
      ? { text: dateTime(requireDate(dossier.dueAt, 'dossier.dueAt')), font: 'bold' }
      : { text: 'theo thông báo của cơ quan giải quyết', font: 'italic' },
  ]);
  p([{ text: '5. Đăng ký nhận kết quả tại: ' }, { text: a.resultDelivery ?? agency.deskName, font: 'bold' }]);
  if (dossier.trackingUrl) {
    p([{ text: '6. Tra cứu tình trạng giải quyết hồ sơ tại: ' }, { text: dossier.trackingUrl, link: dossier.trackingUrl, color: '#1a3d8f' }]);
  }

  w.signatures(
    [
      dossier.channel !== 'in_person'
        ? null
        : { title: 'Người nộp hồ sơ', hint: '(Ký và ghi rõ họ tên)', name: dossier.applicantName },
      {
        title: 'Người tiếp nhận hồ sơ',
        hint: '(Ký và ghi rõ họ tên)',
        name: official.name,
      },
    ],
    { spaceBefore: 14 },
  );

  const notes: string[] = [];
  if (agency.address || agency.phone) {
    notes.push(
      `${agency.deskName}: ${[agency.address, agency.phone ? `điện thoại ${agency.phone}` : undefined].filter(Boolean).join(', ')}.`,
    );
  }
  notes.push(
    {
      in_person: 'Khi đến nhận kết quả, Ông/Bà vui lòng mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả này và giấy tờ tùy thân.',
      online: 'Thông báo và kết quả giải quyết được gửi qua tài khoản dịch vụ công, thư điện tử hoặc tin nhắn của Ông/Bà.',
      post: 'Thông báo được gửi qua thư điện tử hoặc tin nhắn; kết quả được trả theo hình thức Ông/Bà đã đăng ký.',
    }[dossier.channel],
  );
  w.space(14);
  w.ensure(40);
  w.hline(w.left, w.left + 80, w.y);
  w.space(3);
  for (const n of notes) w.paragraph(n, { font: 'italic', size: SIZE.small, spaceAfter: 1 });

  return w.finish();
}

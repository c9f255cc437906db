/**
 * Phiếu xin lỗi và hẹn lại ngày trả kết quả (TT 01/2018/TT-VPCP; TT 03/2025/TT-VPCP calls it
 * "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"). Signed by the head of the agency.
 */
import { agencyLines, codeLine, dateTime, drawDocumentHeader, drawTitle, receiptTime, requireDate } from './common.ts';
import { formatVnDate } from './format.ts';
import { SIZE, SlipWriter, type Run } from './layout.ts';
import type { ApologyInput } from './types.ts';

export const APOLOGY_TITLE = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';

export function renderApology(a: ApologyInput): Promise<Buffer> {
  const { agency, dossier, signer } = a;
  const at = requireDate(a.issuedAt, 'issuedAt');
  const oldDue = requireDate(a.oldDueAt, 'oldDueAt');
  const newDue = requireDate(a.newDueAt, 'newDueAt');
  const received = requireDate(receiptTime(dossier), 'dossier.receivedAt/submittedAt');
  const w = new SlipWriter({ title: `${APOLOGY_TITLE} ${dossier.code}`, date: at, footerLabel: `Mã hồ sơ: ${dossier.code}` });

  drawDocumentHeader(w, { agencyLines: agencyLines(agency, false), place: agency.province, date: at });
  drawTitle(w, APOLOGY_TITLE, [codeLine(dossier.code)]);

  w.paragraph([{ text: 'Kính gửi: ' }, { text: `Ông/Bà ${dossier.applicantName}`, font: 'bold' }], { align: 'center', spaceAfter: 10 });

  const indent = 28;
  const para = (c: Run[]) => w.paragraph(c, { firstLineIndent: indent, spaceAfter: 5 });
  para([
    { text: `Ngày ${formatVnDate(received)}, ` },
    { text: agency.name },
    { text: ' tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ ' },
    { text: dossier.code, font: 'bold' },
    { text: ', về việc ' },
    { text: dossier.procedureName, font: 'bold' },
    { text: '. Thời gian hẹn trả kết quả giải quyết hồ sơ: ' },
    { text: dateTime(oldDue), font: 'bold' },
    { text: '.' },
  ]);
  const reason = (a.reason ?? '').trim();
  para([
    { text: `Tuy nhiên đến nay, ${agency.name} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hạn theo quy định.` },
    ...(reason ? [{ text: ` Lý do: ${reason}${/[.!?…]$/.test(reason) ? '' : '.'}` }] : []),
  ]);
  para([
    { text: `Sự chậm trễ này có thể gây phiền hà, tốn kém thời gian và chi phí đi lại của Ông/Bà. ${agency.name} xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào: ` },
    { text: dateTime(newDue), font: 'bold' },
    { text: '.' },
  ]);
  para([{ text: `Rất mong nhận được sự thông cảm của Ông/Bà./.` }]);

  // Signature on the right; recipients ("Nơi nhận") on the left, as on administrative letters.
  const sigTop = w.signatures(
    [null, { title: signer.title ?? 'Thủ trưởng cơ quan', hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: signer.name }],
    { spaceBefore: 12 },
  );
  const after = w.y;
  w.y = sigTop;
  const small = { size: SIZE.small - 0.5, width: w.width / 2 - 10 };
  w.paragraph([{ text: 'Nơi nhận:', font: 'boldItalic' }], { ...small, size: SIZE.small });
  w.paragraph(`- Ông/Bà ${dossier.applicantName};`, small);
  w.paragraph(`- ${agency.deskName};`, small);
  w.paragraph('- Lưu: VT.', small);
  w.y = Math.max(w.y, after);
  return w.finish();
}

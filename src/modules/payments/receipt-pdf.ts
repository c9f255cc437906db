/** Biên lai thu phí, lệ phí điện tử (electronic receipt), drawn with the slips module's writer and fonts. */
import { agencyLines, drawDocumentHeader, drawTitle, field } from '../slips/common.ts';
import { formatVnDateTime } from '../slips/format.ts';
import { SlipWriter } from '../slips/layout.ts';
import { amountInWords, formatVnd } from './words.ts';

export const RECEIPT_TITLE = 'BIÊN LAI THU PHÍ, LỆ PHÍ';

export interface ReceiptInput {
  agencyName: string;
  parentName?: string;
  receiptNo: string;
  paidAt: Date;
  payerName: string;
  dossierCode: string;
  procedureName: string;
  description: string;
  amount: number;
  orderNo: string;
  transactionNo: string;
  account: { bankName: string; accountNo: string; accountName: string };
}

export function renderPaymentReceipt(a: ReceiptInput): Promise<Buffer> {
  const w = new SlipWriter({ title: `${RECEIPT_TITLE} ${a.receiptNo}`, date: a.paidAt, footerLabel: `Biên lai số ${a.receiptNo}` });
  drawDocumentHeader(w, { agencyLines: agencyLines({ name: a.agencyName, parentName: a.parentName, deskName: '', province: 'Hà Nội' }, false), place: 'Hà Nội', date: a.paidAt });
  drawTitle(w, RECEIPT_TITLE, ['(Biên lai điện tử - thanh toán trực tuyến)', [{ text: 'Số: ' }, { text: a.receiptNo, font: 'bold' }]]);
  const p = (c: Parameters<SlipWriter['paragraph']>[0]) => w.paragraph(c, { spaceAfter: 3 });
  p(field('Họ và tên người nộp tiền', a.payerName, true));
  p(field('Mã hồ sơ', a.dossierCode));
  p(field('Thủ tục hành chính', a.procedureName));
  p(field('Nội dung thu', a.description));
  p([{ text: 'Số tiền: ' }, { text: `${formatVnd(a.amount)} đồng`, font: 'bold' }]);
  p([{ text: 'Viết bằng chữ: ' }, { text: amountInWords(a.amount), font: 'italic' }]);
  p(field('Hình thức thanh toán', 'Trực tuyến qua cổng thanh toán'));
  p(field('Mã đơn thanh toán', a.orderNo));
  p(field('Mã giao dịch', a.transactionNo));
  p(field('Thời điểm thanh toán', formatVnDateTime(a.paidAt)));
  p(field('Tài khoản nhận', `${a.account.accountName} - ${a.account.accountNo} tại ${a.account.bankName}`));
  w.signatures([{ title: 'Người nộp tiền', name: a.payerName }, { title: 'Đơn vị thu', hint: '(Biên lai điện tử, không cần chữ ký tay)', name: a.agencyName }], { spaceBefore: 14 });
  return w.finish();
}

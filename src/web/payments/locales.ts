import { addStrings } from '../i18n';

addStrings({
  vi: {
    pay: {
      title: 'Phí, lệ phí', amount: 'Số tiền phải nộp', amountSettled: 'Số tiền phí, lệ phí', status: 'Tình trạng thanh toán', payOnline: 'Thanh toán trực tuyến',
      again: 'Thanh toán lại', qrTitle: 'Hoặc chuyển khoản bằng mã VietQR', qrAlt: 'Mã VietQR chuyển khoản {{amount}} vào tài khoản {{account}}',
      bank: 'Ngân hàng', account: 'Số tài khoản', accountName: 'Chủ tài khoản', note: 'Nội dung chuyển khoản', expires: 'Đường dẫn và mã có hiệu lực đến',
      receipt: 'Tải biên lai điện tử', receiptNo: 'Biên lai số', history: 'Các lần thanh toán', waiting: 'Hồ sơ đang chờ bạn nộp phí, lệ phí.',
      returnedSuccess: 'Cổng thanh toán báo giao dịch thành công.', returnedFailure: 'Thanh toán chưa thành công. Bạn có thể thanh toán lại.',
      st: { pending: 'Đang chờ thanh toán', paid: 'Đã thanh toán', failed: 'Không thành công', expired: 'Đã hết hạn', cancelled: 'Đã hủy (nộp tại Bộ phận Một cửa)' },
    },
    fee: {
      caption: 'Chi tiết phí, lệ phí', none: 'Không mất phí (0 đồng)', onlineDiscount: 'Giảm khi nộp trực tuyến', exemption: 'Miễn, giảm: {{name}} ({{percent}}%)',
      totalOnline: 'Số tiền phải nộp khi nộp trực tuyến', totalInPerson: 'Số tiền phải nộp', zero: 'Bạn không phải nộp phí, lệ phí cho hồ sơ này (0 đồng).',
      claimTitle: 'Đề nghị miễn, giảm phí, lệ phí', claimLabel: 'Đối tượng được miễn, giảm', noClaim: '— Không đề nghị —', free: 'miễn', percentOff: 'giảm {{percent}}%',
      proof: 'Giấy tờ chứng minh: {{name}}', proofMissing: 'Hãy tải lên giấy tờ chứng minh thuộc diện miễn, giảm.',
      inPerson: 'Nộp trực tiếp', online: 'Nộp trực tuyến', exemptionsOffered: 'Có miễn, giảm cho: {{list}}', quoted: 'Phí, lệ phí khi nộp hồ sơ', claim: 'Đề nghị miễn, giảm',
    },
    delivery: {
      title: 'Nhận kết quả', address: 'Địa chỉ nhận kết quả qua bưu chính', addressHint: 'Số nhà, đường/phố, phường/xã, tỉnh/thành phố. Để trống: gửi về địa chỉ liên hệ trong tờ khai.', addressMissing: 'Hãy nhập địa chỉ nhận kết quả qua bưu chính.',
      method: { post: 'Qua dịch vụ bưu chính công ích', in_person: 'Nhận trực tiếp', online: 'Bản điện tử' },
      trackingNo: 'Số hiệu bưu gửi', trackingHint: 'Theo chuẩn UPU S10: 2 chữ cái, 9 chữ số, mã nước (ví dụ EB123456785VN)', trackingFormat: 'Số hiệu bưu gửi phải có dạng EB123456785VN.', trackingCheckDigit: 'Số hiệu bưu gửi sai chữ số kiểm tra: hãy xem lại.', track: 'Theo dõi hành trình bưu gửi', postedAt: 'Ngày gửi', recipient: 'Người nhận',
    },
    recon: {
      title: 'Đối soát thanh toán trực tuyến', agency: 'Cơ quan', date: 'Ngày', show: 'Xem đối soát', orders: 'Đơn thanh toán', paid: 'Đã thanh toán', paidAmount: 'Tổng tiền đã thu',
      gatewayAmount: 'Tổng tiền theo cổng thanh toán', failed: 'Không thành công', pending: 'Đang chờ', expired: 'Hết hạn', cancelled: 'Đã hủy', needsReview: 'Cần xem xét (hoàn tiền)',
      matched: 'Khớp với báo cáo của cổng thanh toán.', notMatched: 'Có chênh lệch cần kiểm tra.', gatewayError: 'Không lấy được báo cáo của cổng thanh toán: {{error}}',
      discrepancies: 'Chênh lệch', kind: { paid_at_gateway_only: 'Chỉ có ở cổng thanh toán', missing_at_gateway: 'Không có ở cổng thanh toán', amount_mismatch: 'Lệch số tiền' },
      orderNo: 'Mã đơn', dossier: 'Hồ sơ', amount: 'Số tiền', status: 'Tình trạng', transactionNo: 'Mã giao dịch', receiptNo: 'Biên lai', none: 'Không có đơn thanh toán nào trong ngày.',
    },
  },
  en: {
    pay: {
      title: 'Fees and charges', amount: 'Amount due', amountSettled: 'Fee amount', status: 'Payment status', payOnline: 'Pay online',
      again: 'Pay again', qrTitle: 'Or pay by bank transfer with the VietQR code', qrAlt: 'VietQR code to transfer {{amount}} to account {{account}}',
      bank: 'Bank', account: 'Account number', accountName: 'Account holder', note: 'Transfer note', expires: 'Link and code valid until',
      receipt: 'Download the electronic receipt', receiptNo: 'Receipt no.', history: 'Payment attempts', waiting: 'The dossier is waiting for you to pay the fee.',
      returnedSuccess: 'The payment gateway reported a successful payment.', returnedFailure: 'The payment did not go through. You can pay again.',
      st: { pending: 'Waiting for payment', paid: 'Paid', failed: 'Failed', expired: 'Expired', cancelled: 'Cancelled (paid at the desk)' },
    },
    fee: {
      caption: 'Fee details', none: 'No fee (0 đồng)', onlineDiscount: 'Less for filing online', exemption: 'Exemption: {{name}} ({{percent}}%)',
      totalOnline: 'Amount due when filed online', totalInPerson: 'Amount due', zero: 'You pay no fee for this dossier (0 đồng).',
      claimTitle: 'Claim a fee exemption', claimLabel: 'Exempted group', noClaim: '— No claim —', free: 'free', percentOff: '{{percent}}% off',
      proof: 'Proof: {{name}}', proofMissing: 'Upload the proof of the exemption.',
      inPerson: 'At the desk', online: 'Online', exemptionsOffered: 'Exemptions for: {{list}}', quoted: 'Fee at submission', claim: 'Exemption claimed',
    },
    delivery: {
      title: 'Result delivery', address: 'Postal address for the result', addressHint: 'House number, street, ward/commune, province/city. Left empty: the contact address in the form.', addressMissing: 'Enter the postal address for the result.',
      method: { post: 'By public postal service', in_person: 'In person', online: 'Electronic copy' },
      trackingNo: 'Postal tracking number', trackingHint: 'UPU S10: 2 letters, 9 digits, country code (e.g. EB123456785VN)', trackingFormat: 'The tracking number looks like EB123456785VN.', trackingCheckDigit: "The tracking number's check digit is wrong: check it.", track: 'Track the item', postedAt: 'Posted on', recipient: 'Recipient',
    },
    recon: {
      title: 'Online payment reconciliation', agency: 'Agency', date: 'Date', show: 'Show', orders: 'Payment orders', paid: 'Paid', paidAmount: 'Total collected',
      gatewayAmount: 'Total per the payment gateway', failed: 'Failed', pending: 'Pending', expired: 'Expired', cancelled: 'Cancelled', needsReview: 'To review (refund)',
      matched: "Matches the payment gateway's report.", notMatched: 'There are discrepancies to check.', gatewayError: "Could not get the gateway's report: {{error}}",
      discrepancies: 'Discrepancies', kind: { paid_at_gateway_only: 'Only at the gateway', missing_at_gateway: 'Missing at the gateway', amount_mismatch: 'Amount differs' },
      orderNo: 'Order', dossier: 'Dossier', amount: 'Amount', status: 'Status', transactionNo: 'Transaction', receiptNo: 'Receipt', none: 'No payment orders that day.',
    },
  },
});

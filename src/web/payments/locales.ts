import { addStrings } from '../i18n';

addStrings({
  vi: {
    pay: {
      title: 'Phí, lệ phí', amount: 'Số tiền phải nộp', amountSettled: 'Số tiền phí, lệ phí', status: 'Tình trạng thanh toán', payOnline: 'Thanh toán trực tuyến',
      again: 'Thanh toán lại', qrTitle: 'Hoặc chuyển khoản bằng mã VietQR', qrAlt: 'Mã VietQR chuyển khoản {{amount}} vào tài khoản {{account}}',
      bank: 'Ngân hàng', account: 'Số tài khoản', accountName: 'Chủ tài khoản', note: 'Nội dung chuyển khoản', expires: 'Đường dẫn và mã có hiệu lực đến',
      receipt: 'Tải biên lai điện tử', receiptNo: 'Biên lai số', history: 'Các lần thanh toán', waiting: 'Hồ sơ đang chờ bạn nộp phí, lệ phí.',
      returnedSuccess: 'Cổng thanh toán báo giao dịch thành công.', returnedFailure: 'Thanh toán chưa thành công. Bạn có thể thanh toán lại.',
      st: { pending: 'Đang chờ thanh toán', paid: 'Đã thanh toán', failed: 'Không thành công', expired: 'Đã hết hạn' },
    },
  },
  en: {
    pay: {
      title: 'Fees and charges', amount: 'Amount due', amountSettled: 'Fee amount', status: 'Payment status', payOnline: 'Pay online',
      again: 'Pay again', qrTitle: 'Or pay by bank transfer with the VietQR code', qrAlt: 'VietQR code to transfer {{amount}} to account {{account}}',
      bank: 'Bank', account: 'Account number', accountName: 'Account holder', note: 'Transfer note', expires: 'Link and code valid until',
      receipt: 'Download the electronic receipt', receiptNo: 'Receipt no.', history: 'Payment attempts', waiting: 'The dossier is waiting for you to pay the fee.',
      returnedSuccess: 'The payment gateway reported a successful payment.', returnedFailure: 'The payment did not go through. You can pay again.',
      st: { pending: 'Waiting for payment', paid: 'Paid', failed: 'Failed', expired: 'Expired' },
    },
  },
});

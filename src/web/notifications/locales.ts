/** Strings of the notification preferences section and the development mailbox page. */
const vi = {
  prefTitle: 'Nhận thông báo về hồ sơ',
  prefLead: 'Chọn cách bạn được báo khi hồ sơ được tiếp nhận, cần bổ sung, được hẹn lại, cần nộp phí, có kết quả và đã trả kết quả. Thông báo trong tài khoản luôn được gửi.',
  email: 'Thư điện tử', emailTo: 'Thư điện tử ({{to}})', sms: 'Tin nhắn SMS', smsTo: 'Tin nhắn SMS ({{to}})', inapp: 'Thông báo trong tài khoản (luôn bật)',
  noAddress: 'tài khoản chưa có địa chỉ', save: 'Lưu lựa chọn', saved: 'Đã lưu lựa chọn nhận thông báo.',
  boxTitle: 'Hộp thư phát triển', boxLead: 'Thư điện tử và tin nhắn SMS mà hệ thống đã “gửi” khi chưa cấu hình máy chủ thư (SMTP_URL) và cổng SMS. Chỉ dùng khi phát triển và trình diễn.',
  boxSmtp: 'Máy chủ thư SMTP đang được dùng: thư điện tử không còn lưu ở đây, chỉ còn tin nhắn SMS.',
  boxEmpty: 'Chưa có thư nào.', boxTo: 'Đến', boxAt: 'Lúc', boxChannel: { email: 'Thư điện tử', sms: 'SMS' }, boxReload: 'Tải lại',
  boxDead: 'Thông báo gửi thất bại', boxDeadLead: 'Các thông báo đã thử gửi nhiều lần đều không thành công.', boxDeadNone: 'Không có thông báo nào gửi thất bại.',
  boxRetry: 'Gửi lại', boxError: 'Lỗi gần nhất', boxAttempts: 'Số lần thử', boxRetried: 'Đã đưa {{count}} thông báo vào hàng đợi gửi lại.',
};
const en: typeof vi = {
  prefTitle: 'Notifications about my dossiers',
  prefLead: 'Choose how you are told when a dossier is received, needs more documents, gets a new date, needs a fee, has its result and when the result was handed over. Notices in your account are always sent.',
  email: 'Email', emailTo: 'Email ({{to}})', sms: 'SMS', smsTo: 'SMS ({{to}})', inapp: 'Notices in my account (always on)',
  noAddress: 'no address in the account', save: 'Save choices', saved: 'Your notification choices are saved.',
  boxTitle: 'Development mailbox', boxLead: 'Emails and SMS the system “sent” while no mail server (SMTP_URL) and no SMS gateway are configured. For development and demonstrations only.',
  boxSmtp: 'An SMTP server is in use: emails are no longer kept here, only SMS.',
  boxEmpty: 'No messages yet.', boxTo: 'To', boxAt: 'At', boxChannel: { email: 'Email', sms: 'SMS' }, boxReload: 'Reload',
  boxDead: 'Failed notifications', boxDeadLead: 'Notifications that failed every attempt.', boxDeadNone: 'No failed notifications.',
  boxRetry: 'Send again', boxError: 'Last error', boxAttempts: 'Attempts', boxRetried: '{{count}} notification(s) queued again.',
};

export const notificationStrings = { vi: { ntf: vi }, en: { ntf: en } };

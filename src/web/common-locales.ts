/** Strings shared by every area. Areas add theirs with addStrings() from their own locales.ts. */
export const common = {
  vi: {
    app: { name: 'Dịch vụ công Hà Nội', tagline: 'Một cửa điện tử — nộp hồ sơ, theo dõi và nhận kết quả trực tuyến', skip: 'Bỏ qua, tới nội dung chính' },
    nav: {
      procedures: 'Thủ tục hành chính', track: 'Tra cứu hồ sơ', mine: 'Hồ sơ của tôi', signIn: 'Đăng nhập', signOut: 'Đăng xuất',
      inbox: 'Hồ sơ cần xử lý', desk: 'Một cửa', supervisor: 'Giám sát', admin: 'Quản trị', menu: 'Trình đơn',
    },
    lang: { switch: 'English', label: 'Chọn ngôn ngữ' },
    common: {
      loading: 'Đang tải…', unexpectedError: 'Đã có lỗi không mong muốn. Vui lòng thử lại.', save: 'Lưu', cancel: 'Hủy', back: 'Quay lại',
      next: 'Tiếp tục', submit: 'Nộp hồ sơ', search: 'Tìm kiếm', none: 'Không có', yes: 'Có', no: 'Không', close: 'Đóng', print: 'In',
      download: 'Tải về', view: 'Xem', required: 'bắt buộc', optional: 'không bắt buộc', free: 'Miễn phí', retry: 'Thử lại',
    },
    status: { 1: 'Mới đăng ký', 2: 'Được tiếp nhận', 3: 'Không được tiếp nhận', 4: 'Đang xử lý', 5: 'Yêu cầu bổ sung', 6: 'Chờ nộp phí', 7: 'Đã rút', 8: 'Dừng xử lý', 9: 'Đã xử lý xong', 10: 'Đã trả kết quả' },
    timeliness: { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn', in_progress: 'Trong hạn' },
    signIn: {
      title: 'Đăng nhập', username: 'Số định danh cá nhân (công dân) hoặc tên đăng nhập (cán bộ)', password: 'Mật khẩu', submit: 'Đăng nhập',
      demo: 'Tài khoản dùng thử: công dân 001090012345, cán bộ catp.tiepnhan — mật khẩu motcua2026.', needed: 'Vui lòng đăng nhập để tiếp tục.',
    },
    footer: 'Hệ thống một cửa điện tử — mã nguồn mở Motcua. Giờ hiển thị theo múi giờ Việt Nam (GMT+7).',
    notFound: 'Không tìm thấy trang này.',
  },
  en: {
    app: { name: 'Hanoi Public Services', tagline: 'One-stop e-services — apply, follow and receive results online', skip: 'Skip to main content' },
    nav: {
      procedures: 'Procedures', track: 'Track a dossier', mine: 'My dossiers', signIn: 'Sign in', signOut: 'Sign out',
      inbox: 'My inbox', desk: 'One-stop desk', supervisor: 'Supervision', admin: 'Administration', menu: 'Menu',
    },
    lang: { switch: 'Tiếng Việt', label: 'Choose language' },
    common: {
      loading: 'Loading…', unexpectedError: 'Something unexpected went wrong. Please try again.', save: 'Save', cancel: 'Cancel', back: 'Back',
      next: 'Continue', submit: 'Submit', search: 'Search', none: 'None', yes: 'Yes', no: 'No', close: 'Close', print: 'Print',
      download: 'Download', view: 'View', required: 'required', optional: 'optional', free: 'Free', retry: 'Retry',
    },
    status: { 1: 'Submitted', 2: 'Received', 3: 'Not received', 4: 'In process', 5: 'Supplement requested', 6: 'Payment requested', 7: 'Withdrawn', 8: 'Stopped', 9: 'Done', 10: 'Result returned' },
    timeliness: { early: 'Early', on_time: 'On time', late: 'Late', in_progress: 'Within deadline' },
    signIn: {
      title: 'Sign in', username: 'Personal ID number (citizens) or username (staff)', password: 'Password', submit: 'Sign in',
      demo: 'Demo accounts: citizen 001090012345, staff catp.tiepnhan — password motcua2026.', needed: 'Please sign in to continue.',
    },
    footer: 'One-stop e-government system — Motcua open source. Times are shown in Vietnam time (GMT+7).',
    notFound: 'This page does not exist.',
  },
};

/** Strings of staff account administration and the sign-in audit (admin area). */
const vi = {
  title: 'Tài khoản cán bộ', homeLead: 'Tạo tài khoản, phân quyền theo đơn vị, khóa/mở khóa, đặt lại mật khẩu và xác thực hai lớp; nhật ký đăng nhập.',
  open: 'Quản lý tài khoản cán bộ', auditTitle: 'Nhật ký đăng nhập', openAudit: 'Xem nhật ký đăng nhập',
  scopeAll: 'Bạn quản trị tất cả đơn vị của thành phố.', scopeSome: 'Bạn quản trị cán bộ của các đơn vị được giao.',
  search: 'Tìm theo họ tên, tên đăng nhập hoặc email', searchBtn: 'Tìm', found_one: '{{count}} tài khoản', found_other: '{{count}} tài khoản',
  name: 'Họ và tên', username: 'Tên đăng nhập', jobTitle: 'Chức danh', email: 'Email', roles: 'Vai trò và đơn vị', status: 'Tình trạng', lastSignIn: 'Đăng nhập gần nhất',
  disabled: 'Đã khóa', locked: 'Tạm khóa đến {{at}}', totpOn: 'Xác thực 2 lớp', mustChange: 'Phải đổi mật khẩu', active: 'Đang hoạt động', none: 'Không có',
  create: 'Tạo tài khoản cán bộ', createLead: 'Mật khẩu tạm được tạo tự động và chỉ hiển thị một lần; cán bộ phải đổi khi đăng nhập lần đầu.',
  firstRole: 'Vai trò đầu tiên', roleLabel: 'Vai trò', unit: 'Đơn vị', agency: 'Cơ quan', findAgency: 'Tìm cơ quan (tên hoặc mã)', pickAgency: 'Chọn cơ quan', pickUnit: 'Chọn đơn vị',
  wholeAgency: 'Toàn cơ quan', created: 'Đã tạo tài khoản {{username}}.', tempPassword: 'Mật khẩu tạm (chỉ hiển thị một lần, hãy giao trực tiếp cho cán bộ):',
  role: {
    desk_officer: 'Cán bộ tiếp nhận (Một cửa)', processing_officer: 'Chuyên viên xử lý', head_of_division: 'Lãnh đạo phòng', signing_authority: 'Người ký (lãnh đạo cơ quan)',
    supervisor: 'Giám sát', catalog_admin: 'Quản trị danh mục thủ tục', system_admin: 'Quản trị hệ thống',
  },
  detail: 'Tài khoản {{name}}', back: 'Danh sách tài khoản', profile: 'Thông tin', save: 'Lưu', saved: 'Đã lưu.',
  grant: 'Cấp quyền', grantBtn: 'Cấp quyền', revoke: 'Thu hồi', revokeOf: 'Thu hồi vai trò {{role}} tại {{unit}}', outOfScope: 'ngoài phạm vi bạn quản trị',
  actions: 'Thao tác', disable: 'Khóa tài khoản', enable: 'Mở khóa tài khoản', unlock: 'Gỡ tạm khóa đăng nhập', resetPw: 'Đặt lại mật khẩu', reset2fa: 'Đặt lại xác thực hai lớp',
  revokeSessions: 'Đăng xuất khỏi mọi thiết bị', confirm: 'Bạn chắc chắn muốn: {{what}}?', done: 'Đã thực hiện: {{what}}.',
  sessions: 'Phiên đăng nhập đang hoạt động', history: 'Lịch sử thay đổi', who: 'Người thực hiện', what: 'Nội dung', when: 'Thời gian',
  event: {
    staff_created: 'Tạo tài khoản', role_granted: 'Cấp quyền', role_revoked: 'Thu hồi quyền', disabled: 'Khóa tài khoản', enabled: 'Mở khóa tài khoản', unlocked: 'Gỡ tạm khóa',
    password_reset: 'Đặt lại mật khẩu', password_changed: 'Tự đổi mật khẩu', totp_reset: 'Đặt lại xác thực hai lớp', totp_enrolled: 'Bật xác thực hai lớp', totp_disabled: 'Tắt xác thực hai lớp',
    recovery_codes_renewed: 'Tạo mã khôi phục mới', sessions_revoked: 'Đăng xuất mọi phiên', profile_updated: 'Sửa thông tin', security_policy_changed: 'Đổi chính sách bảo mật',
  },
  filterUser: 'Tài khoản hoặc tên đăng nhập đã nhập', filterOutcome: 'Kết quả', filterFrom: 'Từ ngày', filterTo: 'Đến ngày', all: 'Tất cả', filter: 'Lọc', more: 'Xem thêm',
  account: 'Tài khoản', noRows: 'Không có sự kiện phù hợp.', unknownName: '(không có tài khoản)',
};

const en: typeof vi = {
  title: 'Staff accounts', homeLead: 'Create accounts, grant roles per unit, disable/enable, reset passwords and two-factor sign-in; the sign-in audit.',
  open: 'Manage staff accounts', auditTitle: 'Sign-in audit', openAudit: 'Open the sign-in audit',
  scopeAll: 'You administer every unit of the city.', scopeSome: 'You administer the staff of the units assigned to you.',
  search: 'Search by name, username or email', searchBtn: 'Search', found_one: '{{count}} account', found_other: '{{count}} accounts',
  name: 'Full name', username: 'Username', jobTitle: 'Job title', email: 'Email', roles: 'Roles and units', status: 'Status', lastSignIn: 'Last sign-in',
  disabled: 'Disabled', locked: 'Locked until {{at}}', totpOn: 'Two-factor', mustChange: 'Must change password', active: 'Active', none: 'None',
  create: 'Create a staff account', createLead: 'A temporary password is generated and shown only once; the official must change it at the first sign-in.',
  firstRole: 'First role', roleLabel: 'Role', unit: 'Unit', agency: 'Agency', findAgency: 'Find an agency (name or code)', pickAgency: 'Choose an agency', pickUnit: 'Choose a unit',
  wholeAgency: 'Whole agency', created: 'Account {{username}} created.', tempPassword: 'Temporary password (shown only once; hand it to the official in person):',
  role: {
    desk_officer: 'Desk officer (one-stop)', processing_officer: 'Processing officer', head_of_division: 'Head of division', signing_authority: 'Signing authority (agency leader)',
    supervisor: 'Supervisor', catalog_admin: 'Catalog administrator', system_admin: 'System administrator',
  },
  detail: 'Account of {{name}}', back: 'Staff accounts', profile: 'Profile', save: 'Save', saved: 'Saved.',
  grant: 'Grant a role', grantBtn: 'Grant', revoke: 'Revoke', revokeOf: 'Revoke {{role}} at {{unit}}', outOfScope: 'outside your scope',
  actions: 'Actions', disable: 'Disable account', enable: 'Enable account', unlock: 'Lift sign-in lock', resetPw: 'Reset password', reset2fa: 'Reset two-factor sign-in',
  revokeSessions: 'Sign out of every device', confirm: 'Are you sure: {{what}}?', done: 'Done: {{what}}.',
  sessions: 'Active sessions', history: 'Change history', who: 'By', what: 'What', when: 'When',
  event: {
    staff_created: 'Account created', role_granted: 'Role granted', role_revoked: 'Role revoked', disabled: 'Disabled', enabled: 'Enabled', unlocked: 'Lock lifted',
    password_reset: 'Password reset', password_changed: 'Changed own password', totp_reset: 'Two-factor reset', totp_enrolled: 'Two-factor turned on', totp_disabled: 'Two-factor turned off',
    recovery_codes_renewed: 'New recovery codes', sessions_revoked: 'Signed out everywhere', profile_updated: 'Profile edited', security_policy_changed: 'Security policy changed',
  },
  filterUser: 'Account or typed username', filterOutcome: 'Outcome', filterFrom: 'From', filterTo: 'To', all: 'All', filter: 'Filter', more: 'Show more',
  account: 'Account', noRows: 'No matching events.', unknownName: '(no account)',
};

export const usersStrings = { vi: { usr: vi }, en: { usr: en } };

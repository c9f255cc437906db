/** Strings of the connector messages page (/quan-tri/ket-noi). */
const vi = {
  title: 'Kết nối cơ quan ngoài',
  lead: 'Các yêu cầu Motcua gửi đến hệ thống của cơ quan khác (Bảo hiểm xã hội Việt Nam). Yêu cầu gửi không thành công sau nhiều lần thử, hoặc bị hệ thống bên kia từ chối, nằm trong danh sách “Gửi thất bại”: xem lỗi và gửi lại khi hệ thống bên kia đã hoạt động.',
  homeLead: 'Yêu cầu gửi đến hệ thống Bảo hiểm xã hội: gửi thất bại, đang chờ, đã gửi; xem lỗi và gửi lại.',
  open: 'Mở danh sách kết nối',
  filterState: 'Trạng thái', filterOperation: 'Nghiệp vụ', all: 'Tất cả', reload: 'Tải lại', showing: '{{count}} yêu cầu',
  state: { pending: 'Chờ gửi', sending: 'Đang gửi', sent: 'Đã gửi', dead: 'Gửi thất bại' },
  operation: { 'child-health-insurance-card': 'Cấp thẻ BHYT cho trẻ em dưới 6 tuổi', 'funeral-allowance': 'Trợ cấp mai táng' },
  connector: { 'social-insurance': 'Bảo hiểm xã hội Việt Nam' },
  decision: { approved: 'Chấp thuận', refused: 'Từ chối' },
  colLabel: 'Nội dung', colOperation: 'Nghiệp vụ', colAgency: 'Cơ quan', colState: 'Trạng thái', colAttempts: 'Số lần thử', colError: 'Lỗi gần nhất', colCreated: 'Tạo lúc',
  none: 'Không có yêu cầu nào.', details: 'Chi tiết',
  detailTitle: 'Yêu cầu kết nối', back: 'Về danh sách', key: 'Khóa chống trùng (Idempotency-Key)', externalRef: 'Mã hồ sơ bên nhận',
  nextAttempt: 'Lần thử tiếp theo', acceptedAt: 'Bên nhận tiếp nhận lúc', decidedAt: 'Có kết quả lúc', result: 'Kết quả', reasons: 'Lý do',
  payload: 'Dữ liệu gửi đi', attemptsTitle: 'Các lần gửi', attAt: 'Lúc', attStatus: 'Mã HTTP', attError: 'Lỗi', attAnswer: 'Trả lời', attDuration: 'Thời gian (ms)',
  noAnswer: 'không có trả lời', eventsTitle: 'Sự kiện', event: { accepted: 'Bên nhận đã tiếp nhận', decision: 'Có kết quả', dead: 'Gửi thất bại', rejected: 'Bị từ chối' },
  retry: 'Gửi lại', retried: 'Đã đưa yêu cầu vào hàng đợi gửi lại.', notRetried: 'Yêu cầu không ở trạng thái gửi thất bại: không cần gửi lại.',
};
const en: typeof vi = {
  title: 'External agency connections',
  lead: 'Requests Motcua sends to other agencies’ systems (Vietnam Social Security). Requests that failed every attempt, or that the other system refused, are in the “Failed” list: read the error and send again once the other system works.',
  homeLead: 'Requests to the social-insurance system: failed, waiting, sent; read the errors and send again.',
  open: 'Open the connection list',
  filterState: 'State', filterOperation: 'Operation', all: 'All', reload: 'Reload', showing: '{{count}} request(s)',
  state: { pending: 'Waiting', sending: 'Sending', sent: 'Sent', dead: 'Failed' },
  operation: { 'child-health-insurance-card': 'Health-insurance card for a child under 6', 'funeral-allowance': 'Funeral allowance' },
  connector: { 'social-insurance': 'Vietnam Social Security' },
  decision: { approved: 'Approved', refused: 'Refused' },
  colLabel: 'Summary', colOperation: 'Operation', colAgency: 'Agency', colState: 'State', colAttempts: 'Attempts', colError: 'Last error', colCreated: 'Created',
  none: 'No requests.', details: 'Details',
  detailTitle: 'Connector request', back: 'Back to the list', key: 'Idempotency key', externalRef: 'Receiver’s reference',
  nextAttempt: 'Next attempt', acceptedAt: 'Accepted by the receiver', decidedAt: 'Decided', result: 'Result', reasons: 'Reasons',
  payload: 'Data sent', attemptsTitle: 'Attempts', attAt: 'At', attStatus: 'HTTP status', attError: 'Error', attAnswer: 'Answer', attDuration: 'Time (ms)',
  noAnswer: 'no answer', eventsTitle: 'Events', event: { accepted: 'Accepted by the receiver', decision: 'Decided', dead: 'Failed', rejected: 'Rejected' },
  retry: 'Send again', retried: 'The request is queued to be sent again.', notRetried: 'The request has not failed: nothing to send again.',
};

export const connectorStrings = { vi: { con: vi }, en: { con: en } };

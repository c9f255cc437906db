/** Strings of the personal-delegation page (/can-bo/uy-quyen-ca-nhan). */
export const deputyStrings = {
  vi: {
    dep: {
      title: 'Giao quyền khi vắng mặt', lead: 'Giao hồ sơ cần xử lý và vai trò của bạn cho một cán bộ cùng cơ quan trong một khoảng thời gian (ví dụ khi đi công tác, nghỉ phép). Người được giao thấy hộp hồ sơ của bạn và xử lý thay; nhật ký ghi rõ "thay mặt" bạn.',
      link: 'Giao quyền khi vắng mặt', give: 'Giao quyền', deputy: 'Cán bộ nhận', choose: '— Chọn cán bộ —', from: 'Từ ngày', to: 'Đến hết ngày', reason: 'Lý do',
      save: 'Giao quyền', saved: 'Đã giao quyền cho {{name}} từ {{from}} đến {{to}}.', given: 'Tôi đã giao', received: 'Tôi đang được giao', none: 'Không có.',
      holding: 'Bạn đang xử lý thay: {{names}}.', revoke: 'Kết thúc', revoked: 'Đã kết thúc giao quyền.', supervision: 'Giao quyền trong cơ quan tôi giám sát',
      states: { scheduled: 'Sắp bắt đầu', active: 'Đang hiệu lực', ended: 'Đã hết hạn', revoked: 'Đã kết thúc' }, delegator: 'Người giao', period: 'Thời gian', state: 'Tình trạng',
      need: { deputyId: 'Chọn cán bộ nhận.', from: 'Chọn ngày bắt đầu.', to: 'Chọn ngày kết thúc.', reason: 'Nhập lý do (ví dụ: đi công tác, nghỉ phép).', order: 'Ngày kết thúc không được trước ngày bắt đầu.' },
    },
  },
  en: {
    dep: {
      title: 'Deputising while away', lead: 'Hand your inbox and roles to an official of your agency for a period (a mission, leave). The deputy sees your inbox and acts for you; the log says they acted on your behalf.',
      link: 'Deputising while away', give: 'Hand over', deputy: 'Deputy', choose: '— Choose an official —', from: 'From', to: 'Until (inclusive)', reason: 'Reason',
      save: 'Hand over', saved: 'Handed over to {{name}} from {{from}} to {{to}}.', given: 'Handed over by me', received: 'Held by me for others', none: 'None.',
      holding: 'You are acting for: {{names}}.', revoke: 'End', revoked: 'Delegation ended.', supervision: 'Delegations in the agencies I supervise',
      states: { scheduled: 'Scheduled', active: 'In force', ended: 'Over', revoked: 'Ended early' }, delegator: 'Delegator', period: 'Period', state: 'State',
      need: { deputyId: 'Choose the deputy.', from: 'Choose the first day.', to: 'Choose the last day.', reason: 'Give a reason (e.g. a mission, leave).', order: 'The last day cannot be before the first day.' },
    },
  },
};

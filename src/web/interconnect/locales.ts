/** Strings of the interconnected procedures (liên thông): Vietnamese first, then English. */

/** The few words the entry points (home page, procedure list, my dossiers, staff badge) need: small, loaded with those pages. */
export const interconnectEntryStrings = {
  vi: {
    ic: {
      entryTitle: 'Thủ tục liên thông', entryLead: 'Một hồ sơ, nhiều cơ quan: nộp một lần, các cơ quan liên quan lần lượt giải quyết phần việc của mình.',
      entryAll: 'Xem tất cả thủ tục liên thông', mineTitle: 'Hồ sơ liên thông', mineEmpty: 'Bạn chưa có hồ sơ liên thông nào.',
      partOf: 'Thuộc hồ sơ liên thông {{code}}: {{group}}', partOfPart: 'phần việc: {{part}}',
      status: {
        in_progress: 'Đang giải quyết', completed: 'Hoàn thành', partly_completed: 'Hoàn thành một phần', refused: 'Bị từ chối', withdrawn: 'Đã rút',
      },
      state: {
        waiting: 'Chờ phần việc trước', ready: 'Sẵn sàng chuyển', sent: 'Đã chuyển cơ quan', in_process: 'Đang giải quyết', approved: 'Đã có kết quả',
        refused: 'Bị từ chối', cancelled: 'Đã hủy', failed: 'Lỗi kết nối',
      },
    },
  },
  en: {
    ic: {
      entryTitle: 'Interconnected procedures', entryLead: 'One application, several agencies: apply once and each agency handles its own part in turn.',
      entryAll: 'See all interconnected procedures', mineTitle: 'Interconnected applications', mineEmpty: 'You have no interconnected applications yet.',
      partOf: 'Part of interconnected application {{code}}: {{group}}', partOfPart: 'part: {{part}}',
      status: {
        in_progress: 'In progress', completed: 'Completed', partly_completed: 'Partly completed', refused: 'Refused', withdrawn: 'Withdrawn',
      },
      state: {
        waiting: 'Waiting for an earlier part', ready: 'Ready to send', sent: 'Sent to the agency', in_process: 'Being handled', approved: 'Result issued',
        refused: 'Refused', cancelled: 'Cancelled', failed: 'Connection failed',
      },
    },
  },
};

export const interconnectStrings = {
  vi: {
    ic: {
      listTitle: 'Thủ tục liên thông', listLead: 'Mỗi nhóm thủ tục dưới đây được nộp bằng một hồ sơ duy nhất. Hệ thống chuyển từng phần cho cơ quan có thẩm quyền theo đúng thứ tự; bạn theo dõi tiến độ của từng cơ quan trên một trang.',
      parts_one: '{{count}} phần việc', parts_other: '{{count}} phần việc', notFound: 'Không tìm thấy nhóm thủ tục liên thông.',
      whatYouGet: 'Bạn nhận được', howItGoes: 'Các phần việc và thứ tự giải quyết', after: 'Sau khi có kết quả: {{list}}', first: 'Bắt đầu ngay khi hồ sơ được nộp',
      agency: 'Cơ quan', deadline: 'Thời hạn', procedure: 'Thủ tục', external: 'Hệ thống ngoài', externalNote: 'qua hệ thống {{name}}',
      documents: 'Giấy tờ cần chuẩn bị', usedBy: 'Dùng cho', refusalRule: 'Nếu một phần việc bị từ chối', basis: 'Căn cứ pháp lý', apply: 'Nộp hồ sơ liên thông',
      level: { commune: 'cấp xã', province: 'cấp tỉnh' },
      applyTitle: 'Nộp hồ sơ liên thông: {{name}}', stepForm: '1. Tờ khai', stepDocs: '2. Giấy tờ', stepReview: '3. Kiểm tra và nộp',
      chooseWard: 'Phường/xã nơi nộp các phần việc cấp xã', chooseWardHint: 'Các phần việc cấp xã (ví dụ đăng ký khai sinh, đăng ký thường trú) do UBND và Công an phường/xã này giải quyết.',
      ward: 'Phường/xã', wardMissing: 'Vui lòng chọn phường/xã.', reviewLead: 'Kiểm tra lại thông tin trước khi nộp. Hồ sơ sẽ được chuyển lần lượt đến các cơ quan dưới đây.',
      submitted: 'Đã nộp hồ sơ liên thông', submittedLead: 'Hãy ghi lại mã hồ sơ. Mỗi cơ quan giải quyết phần việc của mình theo thời hạn riêng; bạn theo dõi toàn bộ trên trang hồ sơ.',
      view: 'Xem hồ sơ liên thông', errorsList: 'Hồ sơ chưa hợp lệ:', field: 'Mục',
      appTitle: 'Hồ sơ liên thông {{code}}', progress: 'Tiến độ của từng cơ quan', applicant: 'Người nộp', submittedAt: 'Ngày nộp', finishedAt: 'Ngày kết thúc',
      statusLabel: 'Trạng thái', dossier: 'Hồ sơ', due: 'Hẹn trả', externalRef: 'Mã tại hệ thống ngoài', outputs: 'Kết quả', reasons: 'Lý do từ chối',
      cancelledBecause: 'Đã hủy vì phần việc “{{part}}” không được giải quyết.', cancelledWithdrawn: 'Đã hủy do rút hồ sơ.', seeRule: 'Xem quy tắc áp dụng', dependsOn: 'Sau', notYet: 'Chưa chuyển đến cơ quan',
      history: 'Diễn biến', withdraw: 'Rút hồ sơ liên thông', withdrawReason: 'Lý do rút hồ sơ', withdrawConfirm: 'Xác nhận rút hồ sơ',
      withdrawLead: 'Các phần việc chưa có kết quả sẽ được dừng; phần đã có kết quả vẫn giữ nguyên.', refusedAlert: 'Một phần việc đã bị từ chối. Các phần phụ thuộc đã được hủy theo quy tắc bên dưới.',
      openDossier: 'Mở hồ sơ {{code}}', updated: 'Cập nhật', outputKey: {
        cardNumber: 'Số thẻ BHYT', registrationNumber: 'Số đăng ký', extractNumber: 'Số trích lục', personalId: 'Số định danh cá nhân', validFrom: 'Có giá trị từ',
        validTo: 'Có giá trị đến', amount: 'Số tiền', receiptNumber: 'Số biên lai', certificateNumber: 'Số giấy chứng nhận', taxAmount: 'Số thuế phải nộp',
        notaryNumber: 'Số công chứng', residenceAddress: 'Địa chỉ thường trú', idNumber: 'Số định danh cá nhân được cấp', decidedOn: 'Ngày có kết quả',
        socialInsuranceNumber: 'Mã số bảo hiểm xã hội', facility: 'Nơi khám chữa bệnh ban đầu', baseSalary: 'Mức lương cơ sở', paidOn: 'Ngày chi trả', resultCode: 'Mã kết quả',
      },
    },
  },
  en: {
    ic: {
      listTitle: 'Interconnected procedures', listLead: 'Each group below is filed with one application. The system passes each part to the competent agency in the right order; you follow every agency\'s progress on one page.',
      parts_one: '{{count}} part', parts_other: '{{count}} parts', notFound: 'Interconnected procedure group not found.',
      whatYouGet: 'What you get', howItGoes: 'The parts and their order', after: 'After: {{list}}', first: 'Starts as soon as you apply',
      agency: 'Agency', deadline: 'Deadline', procedure: 'Procedure', external: 'External system', externalNote: 'through {{name}}',
      documents: 'Documents to prepare', usedBy: 'Used for', refusalRule: 'If a part is refused', basis: 'Legal basis', apply: 'Apply for the group',
      level: { commune: 'commune level', province: 'province level' },
      applyTitle: 'Interconnected application: {{name}}', stepForm: '1. Form', stepDocs: '2. Documents', stepReview: '3. Review and submit',
      chooseWard: 'Commune/ward for the commune-level parts', chooseWardHint: 'The commune-level parts (e.g. birth registration, permanent residence) are handled by this ward\'s People\'s Committee and police.',
      ward: 'Commune/ward', wardMissing: 'Please choose the commune/ward.', reviewLead: 'Check everything before you submit. The application goes to the agencies below in turn.',
      submitted: 'Your interconnected application was submitted', submittedLead: 'Keep the application code. Each agency handles its part under its own deadline; you follow all of it on the application page.',
      view: 'View the application', errorsList: 'The application is not valid yet:', field: 'Item',
      appTitle: 'Interconnected application {{code}}', progress: 'Progress at each agency', applicant: 'Applicant', submittedAt: 'Submitted', finishedAt: 'Finished',
      statusLabel: 'Status', dossier: 'Dossier', due: 'Due', externalRef: 'Reference in the external system', outputs: 'Result', reasons: 'Reasons for refusal',
      cancelledBecause: 'Cancelled because the part “{{part}}” was not granted.', cancelledWithdrawn: 'Cancelled: the application was withdrawn.', seeRule: 'See the rule applied', dependsOn: 'After', notYet: 'Not sent to the agency yet',
      history: 'History', withdraw: 'Withdraw the application', withdrawReason: 'Reason for withdrawing', withdrawConfirm: 'Confirm withdrawal',
      withdrawLead: 'Parts without a result are stopped; parts already decided keep their result.', refusedAlert: 'A part was refused. The parts depending on it were cancelled by the rule below.',
      openDossier: 'Open dossier {{code}}', updated: 'Updated', outputKey: {
        cardNumber: 'Health-insurance card number', registrationNumber: 'Registration number', extractNumber: 'Extract number', personalId: 'Personal ID number', validFrom: 'Valid from',
        validTo: 'Valid until', amount: 'Amount', receiptNumber: 'Receipt number', certificateNumber: 'Certificate number', taxAmount: 'Tax due',
        notaryNumber: 'Notarisation number', residenceAddress: 'Permanent residence', idNumber: 'Personal ID number issued', decidedOn: 'Decided on',
        socialInsuranceNumber: 'Social insurance number', facility: 'Registered healthcare facility', baseSalary: 'Base salary', paidOn: 'Paid on', resultCode: 'Result code',
      },
    },
  },
};

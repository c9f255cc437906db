/** Strings of the delegation-of-authority pages (/quan-tri/uy-quyen). */
export const delegationStrings = {
  vi: {
    dlg: {
      title: 'Ủy quyền giải quyết thủ tục', lead: 'Cơ quan có thẩm quyền (A) ủy quyền cho cơ quan khác (B) giải quyết một số thủ tục hoặc cả lĩnh vực trong một khoảng thời gian. Hồ sơ mới được chuyển theo ủy quyền còn hiệu lực vào ngày tiếp nhận; kết quả ký "TUQ.".',
      homeCard: 'Ghi nhận, tra cứu và thu hồi quyết định ủy quyền; hồ sơ mới tự chuyển đến cơ quan được ủy quyền.', open: 'Mở danh sách ủy quyền',
      list: 'Các quyết định ủy quyền', none: 'Chưa có ủy quyền nào.', decision: 'Quyết định', authority: 'Cơ quan ủy quyền', delegate: 'Cơ quan được ủy quyền',
      scope: 'Phạm vi', window: 'Thời hạn', state: 'Tình trạng', conditions: 'Điều kiện', field: 'cả lĩnh vực {{code}}', until: 'đến khi thu hồi',
      states: { scheduled: 'Sắp có hiệu lực', in_force: 'Đang hiệu lực', ended: 'Hết hiệu lực', revoked: 'Đã thu hồi' },
      revoke: 'Thu hồi', revokeReason: 'Lý do thu hồi', revokeLastDay: 'Ngày cuối còn hiệu lực (để trống: hôm qua)', revokeConfirm: 'Xác nhận thu hồi', cancel: 'Hủy',
      movedFrom: 'tiếp nối khi sắp xếp đơn vị', revokedNote: 'Thu hồi: {{reason}}',
      delegateForm: 'Được ủy quyền cho', toOne: 'Một cơ quan',
      toClass: { people_committee_commune: 'Tất cả UBND cấp xã (phường, xã nơi người dân cư trú)', police_commune: 'Tất cả Công an cấp xã' },
      onlyThese: 'Chỉ các cơ quan (mã, cách nhau bởi dấu phẩy)', onlyHelp: 'Để trống: tất cả cơ quan của nhóm, kể cả đơn vị mới sau sắp xếp. Người nộp hồ sơ chọn cơ quan trong nhóm.',
      classCount: '{{count}} đơn vị',
      create: 'Ghi nhận ủy quyền mới', authorityCode: 'Mã cơ quan ủy quyền (A)', delegateCode: 'Mã cơ quan được ủy quyền (B)', procedureCodes: 'Mã thủ tục (cách nhau bởi dấu phẩy)',
      fieldCode: 'Hoặc cả lĩnh vực (mã lĩnh vực)', validFrom: 'Hiệu lực từ ngày', validTo: 'Đến hết ngày (để trống: đến khi thu hồi)', decisionNo: 'Số quyết định',
      decisionDate: 'Ngày ban hành', signer: 'Người ký quyết định', save: 'Ghi nhận', saved: 'Đã ghi nhận ủy quyền {{no}}.', revoked: 'Đã thu hồi ủy quyền {{no}}.',
    },
  },
  en: {
    dlg: {
      title: 'Delegations of authority', lead: 'An authority (A) delegates some procedures, or a whole field, to another agency (B) for a period. New dossiers are routed by the delegation in force on the day of receipt; results are signed "TUQ.".',
      homeCard: 'Record, look up and revoke delegation decisions; new dossiers go to the delegate automatically.', open: 'Open delegations',
      list: 'Delegation decisions', none: 'No delegations yet.', decision: 'Decision', authority: 'Delegating authority', delegate: 'Delegate',
      scope: 'Scope', window: 'Period', state: 'State', conditions: 'Conditions', field: 'whole field {{code}}', until: 'until revoked',
      states: { scheduled: 'Scheduled', in_force: 'In force', ended: 'Ended', revoked: 'Revoked' },
      revoke: 'Revoke', revokeReason: 'Reason', revokeLastDay: 'Last day in force (empty: yesterday)', revokeConfirm: 'Confirm revocation', cancel: 'Cancel',
      movedFrom: 'continued after a merger', revokedNote: 'Revoked: {{reason}}',
      delegateForm: 'Delegated to', toOne: 'One agency',
      toClass: { people_committee_commune: 'Every commune People\'s Committee (the ward or commune where people live)', police_commune: 'Every commune police' },
      onlyThese: 'Only these agencies (codes, comma-separated)', onlyHelp: 'Empty: every agency of the class, including new ones after a merger. Applicants choose an agency of the class.',
      classCount: '{{count}} agencies',
      create: 'Record a new delegation', authorityCode: 'Delegating agency code (A)', delegateCode: 'Delegate agency code (B)', procedureCodes: 'Procedure codes (comma-separated)',
      fieldCode: 'Or a whole field (field code)', validFrom: 'In force from', validTo: 'Until (inclusive; empty: until revoked)', decisionNo: 'Decision number',
      decisionDate: 'Decision date', signer: 'Signed by', save: 'Record', saved: 'Delegation {{no}} recorded.', revoked: 'Delegation {{no}} revoked.',
    },
  },
};

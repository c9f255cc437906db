/** Strings of the unit-reorganisation pages (/quan-tri/sap-xep-don-vi). */
export const reorgStrings = {
  vi: {
    reorg: {
      title: 'Sắp xếp, sáp nhập đơn vị', lead: 'Ghi nhận nghị quyết "các cơ quan A, B hợp nhất thành C từ ngày D". Khi thực hiện: hồ sơ đang giải quyết của A, B chuyển sang C; quyền của cán bộ chuyển sang đơn vị tương ứng của C; ủy quyền tiếp nối dưới tên C; lịch sử vẫn giữ tên cũ.',
      homeCard: 'Sáp nhập cơ quan theo nghị quyết: xem trước số hồ sơ, cán bộ, ủy quyền sẽ chuyển, rồi thực hiện (tự động vào ngày hiệu lực).', open: 'Mở sắp xếp đơn vị',
      list: 'Các phương án', none: 'Chưa có phương án nào.', resolution: 'Nghị quyết', sources: 'Cơ quan sáp nhập', target: 'Cơ quan kế thừa', effectiveOn: 'Ngày hiệu lực',
      status: 'Tình trạng', statuses: { recorded: 'Chờ thực hiện', applied: 'Đã thực hiện', cancelled: 'Đã hủy' }, newTarget: '(mới)',
      preview: 'Xem trước', apply: 'Thực hiện ngay', cancel: 'Hủy phương án', applied: 'Đã thực hiện: {{dossiers}} hồ sơ chuyển, {{grants}} quyền cán bộ chuyển, {{units}} đơn vị giải thể.',
      previewTitle: 'Sẽ chuyển khi thực hiện', pvDossiers: 'Hồ sơ đang giải quyết của {{agency}}: {{count}}', pvGrants: 'Quyền của cán bộ trên các đơn vị bị sáp nhập: {{count}}',
      pvDelegations: 'Ủy quyền tiếp nối: {{list}}', pvNoDelegations: 'Không có ủy quyền liên quan.', pvUnits: 'Đơn vị (cơ quan, bộ phận) giải thể: {{count}}', pvCreates: 'Tạo cơ quan mới {{name}}.',
      pvAdmin: 'Đơn vị hành chính {{code}} → {{successor}}', notDue: 'Chưa đến ngày hiệu lực: hệ thống sẽ tự thực hiện vào ngày {{date}}.',
      create: 'Ghi nhận phương án', resolutionNo: 'Số nghị quyết', resolutionDate: 'Ngày ban hành', sourceCodes: 'Mã các cơ quan sáp nhập (cách nhau bởi dấu phẩy)',
      targetKind: 'Cơ quan kế thừa', targetExisting: 'Một cơ quan có sẵn (có thể là một trong các cơ quan trên)', targetNewOpt: 'Một cơ quan mới',
      targetCode: 'Mã cơ quan kế thừa', newCode: 'Mã cơ quan mới', newName: 'Tên cơ quan mới', newNameEn: 'Tên tiếng Anh', auCode: 'Mã đơn vị hành chính mới (nếu có)', auName: 'Tên đơn vị hành chính mới (ví dụ Phường Ba Đình)',
      note: 'Ghi chú', save: 'Ghi nhận', saved: 'Đã ghi nhận phương án {{no}}.',
    },
  },
  en: {
    reorg: {
      title: 'Unit reorganisation (mergers)', lead: 'Record a resolution "agencies A and B become C on date D". Applying it moves A\'s and B\'s open dossiers to C, staff roles to C\'s matching units and delegations under C\'s name; history keeps the old names.',
      homeCard: 'Merge agencies by resolution: preview the dossiers, staff and delegations that move, then apply (automatically on the date).', open: 'Open reorganisation',
      list: 'Mergers', none: 'No mergers yet.', resolution: 'Resolution', sources: 'Merged agencies', target: 'Successor', effectiveOn: 'Effective on',
      status: 'Status', statuses: { recorded: 'Pending', applied: 'Applied', cancelled: 'Cancelled' }, newTarget: '(new)',
      preview: 'Preview', apply: 'Apply now', cancel: 'Cancel merger', applied: 'Applied: {{dossiers}} dossiers moved, {{grants}} staff roles moved, {{units}} units dissolved.',
      previewTitle: 'What applying moves', pvDossiers: 'Open dossiers of {{agency}}: {{count}}', pvGrants: 'Staff roles on the merged units: {{count}}',
      pvDelegations: 'Delegations continued: {{list}}', pvNoDelegations: 'No delegations involved.', pvUnits: 'Units (agencies, desks, divisions) dissolved: {{count}}', pvCreates: 'Creates the new agency {{name}}.',
      pvAdmin: 'Administrative unit {{code}} → {{successor}}', notDue: 'Not yet effective: it will be applied automatically on {{date}}.',
      create: 'Record a merger', resolutionNo: 'Resolution number', resolutionDate: 'Resolution date', sourceCodes: 'Codes of the merged agencies (comma-separated)',
      targetKind: 'Successor', targetExisting: 'An existing agency (may be one of the above)', targetNewOpt: 'A new agency',
      targetCode: 'Successor agency code', newCode: 'New agency code', newName: 'New agency name', newNameEn: 'English name', auCode: 'New administrative unit code (if any)', auName: 'New administrative unit name (e.g. Phường Ba Đình)',
      note: 'Note', save: 'Record', saved: 'Merger {{no}} recorded.',
    },
  },
};

/** Strings of the personal-data access log pages (citizen view, agency audit, desk look-up note). */
export const privacyStrings = {
  vi: {
    privacy: {
      mine: {
        title: 'Ai đã xem dữ liệu của tôi',
        lead: 'Mỗi lần cán bộ mở thông tin cá nhân, hồ sơ hoặc giấy tờ của bạn, hệ thống ghi lại thời điểm, cơ quan, cán bộ, nội dung đã xem và mục đích. Đây là quyền được biết của chủ thể dữ liệu theo pháp luật về bảo vệ dữ liệu cá nhân. Khi chính bạn xem dữ liệu của mình thì không ghi.',
        empty: 'Chưa có cán bộ nào xem dữ liệu cá nhân của bạn.',
        count_one: '{{count}} lượt truy cập', count_other: '{{count}} lượt truy cập',
        showing: 'Lượt {{from}}–{{to}} trên tổng số {{total}}',
        when: 'Thời điểm', agency: 'Cơ quan', official: 'Cán bộ', what: 'Nội dung đã xem', purpose: 'Mục đích', legal: 'Căn cứ pháp lý',
        noAgency: 'Không rõ cơ quan', hiddenName: 'Theo quy định hiện hành, trang này hiển thị cơ quan và chức danh, không hiển thị họ tên cán bộ.',
        prev: 'Trang trước', next: 'Trang sau', question: 'Nếu thấy lượt truy cập không đúng mục đích, bạn có thể gửi phản ánh, kiến nghị tới cơ quan đó.',
      },
      audit: {
        title: 'Nhật ký truy cập dữ liệu cá nhân',
        lead: 'Ai đã xem dữ liệu cá nhân nào của công dân, khi nào và để làm gì, trong các cơ quan bạn giám sát. Mỗi lần tra cứu nhật ký cũng được ghi lại.',
        notAllowed: 'Trang này dành cho cán bộ giám sát và quản trị hệ thống của cơ quan.',
        agency: 'Cơ quan', allAgencies: 'Tất cả cơ quan tôi giám sát', official: 'Cán bộ', allOfficials: 'Tất cả cán bộ', idNumber: 'Số định danh của công dân',
        purpose: 'Mục đích', allPurposes: 'Tất cả mục đích', from: 'Từ ngày', to: 'Đến ngày', note: 'Lý do kiểm tra (được ghi lại)', search: 'Tra cứu nhật ký',
        results: 'Các lượt truy cập', total_one: '{{count}} lượt', total_other: '{{count}} lượt', empty: 'Không có lượt truy cập nào theo điều kiện này.',
        when: 'Thời điểm', citizen: 'Công dân', what: 'Nội dung', ip: 'Địa chỉ IP', byOfficial: 'Theo cán bộ', entries: 'Lượt truy cập', citizens: 'Số công dân',
        withoutDossier: 'Tra cứu không gắn hồ sơ', outside: 'Xem ngoài bước của mình', last: 'Lần gần nhất', prev: 'Trang trước', next: 'Trang sau',
        idFormat: 'Số định danh gồm 12 chữ số.',
      },
      lookup: {
        label: 'Mục đích tra cứu', note: 'Tra cứu thông tin công dân được ghi vào nhật ký truy cập dữ liệu cá nhân với mục đích đã chọn; công dân xem được nhật ký này.',
      },
    },
    nav: { dataAccess: 'Ai đã xem dữ liệu', accessLog: 'Nhật ký truy cập' },
  },
  en: {
    privacy: {
      mine: {
        title: 'Who viewed my data',
        lead: 'Each time an official opens your personal details, dossiers or documents, the system records when, which agency and official, what was viewed and why. This is the data subject\'s right to know under the personal data protection law. Viewing your own data is not recorded.',
        empty: 'No official has viewed your personal data yet.',
        count_one: '{{count}} access', count_other: '{{count}} accesses',
        showing: 'Entries {{from}}–{{to}} of {{total}}',
        when: 'When', agency: 'Agency', official: 'Official', what: 'What was viewed', purpose: 'Purpose', legal: 'Legal basis',
        noAgency: 'Agency unknown', hiddenName: 'Under the current policy this page shows the agency and the official\'s title, not their name.',
        prev: 'Previous page', next: 'Next page', question: 'If an access does not match its purpose, you can send feedback to that agency.',
      },
      audit: {
        title: 'Personal-data access log',
        lead: 'Who viewed which citizen\'s personal data, when and why, in the agencies you supervise. Each search of this log is recorded too.',
        notAllowed: 'This page is for the agency\'s supervisors and system administrators.',
        agency: 'Agency', allAgencies: 'All agencies I supervise', official: 'Official', allOfficials: 'All officials', idNumber: "Citizen's ID number",
        purpose: 'Purpose', allPurposes: 'All purposes', from: 'From', to: 'To', note: 'Reason for this check (recorded)', search: 'Search the log',
        results: 'Accesses', total_one: '{{count}} entry', total_other: '{{count}} entries', empty: 'No access matches these conditions.',
        when: 'When', citizen: 'Citizen', what: 'What', ip: 'IP address', byOfficial: 'By official', entries: 'Accesses', citizens: 'Citizens',
        withoutDossier: 'Look-ups without a dossier', outside: 'Outside own steps', last: 'Latest', prev: 'Previous page', next: 'Next page',
        idFormat: 'The ID number has 12 digits.',
      },
      lookup: {
        label: 'Purpose of the look-up', note: 'Looking a citizen up is recorded in the personal-data access log with the chosen purpose; the citizen can read this log.',
      },
    },
    nav: { dataAccess: 'Who viewed my data', accessLog: 'Access log' },
  },
};

/** Strings of the administration area (catalog and calendar), registered when its chunk loads. */
const vi = {
  // area
  homeTitle: 'Quản trị', homeLead: 'Quản trị danh mục thủ tục hành chính và lịch ngày làm việc dùng để tính thời hạn giải quyết hồ sơ.',
  homeCatalog: 'Tìm, sửa và công bố thủ tục: thông tin chung, thời hạn, phí và lệ phí, thành phần hồ sơ, tờ khai, quy trình nội bộ. Mỗi lần sửa tạo một phiên bản mới có ngày hiệu lực.',
  homeCalendar: 'Ngày nghỉ lễ, nghỉ bù, ngày làm bù của từng năm; giờ làm việc; công cụ tính ngày hẹn trả kết quả.',
  homeCount_one: 'Đang áp dụng {{count}} thủ tục.', homeCount_other: 'Đang áp dụng {{count}} thủ tục.',
  openCatalog: 'Mở danh mục thủ tục', openCalendar: 'Mở lịch ngày làm việc', nextOff: 'Ngày nghỉ sắp tới: {{date}} ({{name}})',
  forbiddenTitle: 'Không có quyền truy cập', forbiddenLead: 'Trang quản trị chỉ dành cho cán bộ có vai trò Quản trị danh mục thủ tục hoặc Quản trị hệ thống.',
  forbiddenWho: 'Tài khoản {{name}} không có các vai trò này.', forbiddenHelp: 'Nếu công việc của bạn cần quyền này, hãy đề nghị Quản trị hệ thống cấp quyền.',
  forbiddenBack: 'Về trang hồ sơ cần xử lý', breadcrumb: 'Vị trí trang', backToList: 'Danh mục thủ tục',

  // catalog list
  catalogTitle: 'Danh mục thủ tục hành chính', newProcedure: 'Thêm thủ tục', searchLabel: 'Tìm theo tên, mã hoặc từ khóa',
  searchPlaceholder: 'Ví dụ: 1.004873, khai sinh, tam tru…', all: 'Tất cả', found_one: 'Tìm thấy {{count}} thủ tục', found_other: 'Tìm thấy {{count}} thủ tục',
  nothingFound: 'Không có thủ tục phù hợp.', procName: 'Tên thủ tục', version: 'Phiên bản', actions: 'Thao tác', copy: 'Sao chép', copyOf: 'Sao chép thủ tục {{name}}',
  public: 'Trang công khai', publicOf: 'Trang công khai của thủ tục {{name}}', pages: 'Trang kết quả', prev: 'Trang trước', next: 'Trang sau', pageOf: 'Trang {{page}}/{{pages}}',
  listNote: 'Danh sách gồm các thủ tục đang có hiệu lực hôm nay. Thủ tục mới chỉ có phiên bản hiệu lực từ một ngày sau hôm nay sẽ hiện ra từ ngày đó.',
  deadlines: { working_days: '{{value}} ngày làm việc', working_hours: '{{value}} giờ làm việc', same_day: 'Trong ngày' },

  // editor: frame
  newTitle: 'Thêm thủ tục mới', editTitle: 'Sửa thủ tục {{code}}', publicPage: 'Xem trang công khai', readOnly: 'Bạn chỉ xem được: cần vai trò Quản trị danh mục thủ tục để sửa.',
  copyNote: 'Đang tạo thủ tục mới từ bản sao của thủ tục {{code}}. Hãy nhập mã thủ tục mới và sửa các nội dung khác.',
  startBlank: 'Bắt đầu từ mẫu trống', startBlankLead: 'Mẫu có sẵn quy trình 5 bước (tiếp nhận – thụ lý – trình – ký – trả kết quả) và một tờ khai tối thiểu.',
  startBlankButton: 'Dùng mẫu trống', startCopy: 'Sao chép một thủ tục có sẵn', startCopyLead: 'Phù hợp khi thủ tục mới gần giống một thủ tục đã có.',
  searchProc: 'Tìm thủ tục để sao chép', copyFrom: 'Chọn thủ tục', startCopyButton: 'Sao chép thủ tục đã chọn',
  toc: 'Các phần của thủ tục',
  sections: { general: 'Thông tin chung', deadline: 'Thời hạn giải quyết', fees: 'Phí, lệ phí', documents: 'Thành phần hồ sơ', form: 'Tờ khai (biểu mẫu điện tử)', process: 'Quy trình nội bộ', legal: 'Căn cứ pháp lý' },
  versions_one: '{{count}} phiên bản', versions_other: '{{count}} phiên bản', latestInfo: 'mới nhất là phiên bản {{version}}, hiệu lực từ {{date}}',
  versionsCaption: 'Các phiên bản của thủ tục', effectiveFrom: 'Hiệu lực từ', createdAt: 'Tạo lúc', state: 'Tình trạng', inForce: 'Đang áp dụng', upcoming: 'Sắp áp dụng', superseded: 'Đã thay thế',
  editingThis: 'Đang sửa từ bản này', startFromVersion: 'Sửa từ phiên bản {{version}}',
  basedOnOld: 'Bạn đang sửa từ nội dung của phiên bản {{version}}; khi lưu sẽ tạo phiên bản mới sau phiên bản mới nhất ({{latest}}).',

  // editor: general
  code: 'Mã thủ tục', codeHint: 'Mã trên Cổng Dịch vụ công quốc gia, ví dụ 1.004873.', codeFixed: 'Mã thủ tục không đổi được giữa các phiên bản.',
  nameVi: 'Tên (tiếng Việt)', nameEn: 'Tên tiếng Anh', field: 'Lĩnh vực', fieldOther: 'Lĩnh vực khác…', fieldCode: 'Mã lĩnh vực', fieldVi: 'Tên lĩnh vực', fieldEn: 'Tên lĩnh vực (tiếng Anh)',
  level: 'Cấp giải quyết', levels: { commune: 'Cấp xã', province: 'Cấp tỉnh' }, sector: 'Cơ quan giải quyết',
  sectors: {
    people_committee: 'Ủy ban nhân dân', justice: 'Tư pháp', construction: 'Xây dựng', agriculture_environment: 'Nông nghiệp và Môi trường', finance: 'Tài chính',
    health: 'Y tế', education: 'Giáo dục và Đào tạo', industry_trade: 'Công Thương', culture: 'Văn hóa', home_affairs: 'Nội vụ', police: 'Công an',
    social_insurance: 'Bảo hiểm xã hội', tax: 'Thuế', notary: 'Công chứng',
  },
  onlineLevel: 'Mức độ trực tuyến', online: { full: 'Toàn trình', partial: 'Một phần' },
  resultVi: 'Kết quả giải quyết', resultEn: 'Kết quả (tiếng Anh)', minEid: 'Mức tài khoản định danh tối thiểu',
  eid: { 0: 'Không yêu cầu', 1: 'Mức 1', 2: 'Mức 2' },
  lifeEvents: 'Sự kiện trong cuộc sống', keywords: 'Từ khóa tìm kiếm', keywordsHint: 'Những cách người dân hay gọi thủ tục này; giúp tìm kiếm chính xác hơn.',
  keyword: 'Từ khóa', addKeyword: 'Thêm từ khóa',

  // deadline
  deadline: 'Thời hạn', deadlineUnit: 'Đơn vị thời hạn', deadlineValue: 'Số lượng', workingDays: 'Ngày làm việc', workingHours: 'Giờ làm việc', sameDay: 'Trong ngày',
  sameDayNote: 'Thủ tục trong ngày: hồ sơ nhận sau giờ chốt (mặc định 15:00) được trả vào ngày làm việc tiếp theo.',

  // fees
  feesLead: 'Mỗi khoản có thời gian hiệu lực; "mức thu trực tuyến" là số tiền khi nộp hồ sơ trực tuyến (để trống nếu như nộp trực tiếp, 0 nếu được miễn).',
  noFees: 'Thủ tục không thu phí, lệ phí.', feeN: 'Khoản phí {{n}}', amount: 'Mức thu khi nộp trực tiếp (đồng)', onlineAmount: 'Mức thu khi nộp trực tuyến (đồng)',
  onlineAmountHint: 'Để trống: bằng mức nộp trực tiếp.', effectiveTo: 'Hết hiệu lực', effectiveToHint: 'Để trống nếu chưa có ngày hết hiệu lực.',
  basis: 'Căn cứ thu', note: 'Ghi chú', addFee: 'Thêm khoản phí, lệ phí', vnd: 'đồng', feeSummary: 'Nộp trực tiếp: {{inPerson}} · Nộp trực tuyến: {{online}}',

  // documents
  noDocs: 'Chưa có giấy tờ nào.', docN: 'Giấy tờ {{n}}', docCode: 'Mã giấy tờ', docCodeHint: 'Chữ thường không dấu, số và gạch nối, ví dụ giay-to-tuy-than.',
  docKind: 'Hình thức', docKinds: { original: 'Bản chính', copy: 'Bản sao', certified_copy: 'Bản sao có chứng thực', original_or_certified_copy: 'Bản chính hoặc bản sao có chứng thực' },
  docCount: 'Số lượng', docRequired: 'Bắt buộc', docTemplate: 'Là tờ khai theo mẫu (điền trực tuyến)', addDoc: 'Thêm giấy tờ',

  // form
  fieldList: 'Các trường của tờ khai', fieldListDisabled: 'Sửa lỗi cú pháp JSON bên dưới để dùng lại danh sách trường.',
  propKey: 'Mã trường', propTitle: 'Tiêu đề hiển thị', propType: 'Kiểu dữ liệu', propRequired: 'Bắt buộc', propKeyOf: 'Mã của trường {{key}}', propTitleOf: 'Tiêu đề của trường {{key}}',
  propTypeOf: 'Kiểu của trường {{key}}', propRequiredOf: 'Trường {{key}} bắt buộc', propKeyBad: 'Mã trường bắt đầu bằng chữ cái, chỉ gồm chữ không dấu, số và dấu gạch dưới.',
  propKeyTaken: 'Đã có trường với mã này.', propTitleNeeded: 'Nhập tiêu đề hiển thị.', propKeyHint: 'Chữ không dấu, số, gạch dưới; ví dụ ngheNghiep.',
  propAdded: 'Đã thêm trường {{key}} vào tờ khai.', noProps: 'Tờ khai chưa có trường nào.', addProp: 'Thêm trường vào tờ khai', addPropButton: 'Thêm trường',
  types: { string: 'Văn bản', date: 'Ngày', email: 'Thư điện tử', number: 'Số', integer: 'Số nguyên', boolean: 'Có/Không', object: 'Nhóm trường', array: 'Danh sách', other: 'Khác (sửa trong JSON)' },
  formJson: 'Tờ khai dạng JSON Schema', formJsonHint: 'JSON Schema 2020-12, kiểu "object". Có thể sửa trực tiếp; xem trước cập nhật ngay khi JSON hợp lệ.',
  jsonError: 'JSON không hợp lệ: {{msg}}', jsonErrorAt: 'JSON không hợp lệ ở dòng {{line}}, cột {{col}}: {{msg}}', jsonNotObject: 'Tờ khai phải là một đối tượng JSON ({ … }).',
  schemaProblem: 'Chưa đúng JSON Schema: {{msg}}', fixJsonFirst: 'Tờ khai JSON đang có lỗi cú pháp; hãy sửa trước khi lưu.',
  preview: 'Xem trước tờ khai', previewHint: 'Người dân sẽ thấy đúng tờ khai này. Có thể nhập thử và bấm "Kiểm tra thử" để xem thông báo lỗi.', previewCheck: 'Kiểm tra thử',
  previewFailed: 'Không hiển thị được tờ khai: {{msg}}',

  // process
  processLead: 'Các bước theo thứ tự. Bước đầu và bước cuối là Bộ phận Một cửa (tiếp nhận, trả kết quả); có đúng một bước ký duyệt. Tổng thời gian không được vượt thời hạn giải quyết.',
  stepN: 'Bước {{n}}', stepName: 'Nội dung bước (tiếng Việt)', role: 'Vai trò thực hiện', unit: 'Bộ phận',
  roles: { desk_officer: 'Cán bộ Một cửa', processing_officer: 'Chuyên viên thụ lý', head_of_division: 'Lãnh đạo phòng', signing_authority: 'Lãnh đạo ký duyệt' },
  units: { desk: 'Bộ phận Một cửa', leadership: 'Lãnh đạo cơ quan', division: 'Phòng, ban chuyên môn' }, divisionSlug: 'Mã phòng, ban (ví dụ van-phong)',
  duration: 'Thời gian', durationUnit: 'Đơn vị', addStep: 'Thêm bước (trước bước trả kết quả)', stepAdded: 'Đã thêm bước mới ở vị trí {{pos}}.', hoursShort: 'giờ',
  fitOk: 'Tổng thời gian các bước {{total}} giờ làm việc, trong thời hạn {{legal}} (còn dư {{left}} giờ).',
  fitOver: 'Vượt thời hạn: tổng thời gian các bước {{total}} giờ làm việc, vượt thời hạn {{legal}} {{over}} giờ. Máy chủ sẽ không nhận quy trình này.',
  daysAsHours: '{{days}} ngày làm việc = {{hours}} giờ', hoursN: '{{hours}} giờ làm việc', sameDayHours: 'trong ngày = {{hours}} giờ',
  hoursPerDayNote: '1 ngày làm việc = {{hours}} giờ làm việc (theo giờ làm việc đang áp dụng); thủ tục trong ngày tính bằng 1 ngày.',
  rules: { oneSigning: 'Có đúng một bước ký duyệt', signingInside: 'Bước ký duyệt nằm sau bước tiếp nhận và trước bước trả kết quả', firstDesk: 'Bước đầu tiên: Bộ phận Một cửa tiếp nhận', lastDesk: 'Bước cuối cùng: Bộ phận Một cửa trả kết quả' },
  ruleOk: 'Đạt', ruleBad: 'Chưa đạt',
  processOverWarn: 'Quy trình vượt thời hạn giải quyết', processRulesWarn_one: 'Quy trình chưa đạt {{count}} điều kiện', processRulesWarn_other: 'Quy trình chưa đạt {{count}} điều kiện',

  // legal
  legalItem: 'Văn bản', addLegal: 'Thêm văn bản',

  // rows
  moveUp: 'Chuyển lên: {{what}}', moveDown: 'Chuyển xuống: {{what}}', remove: 'Xóa: {{what}}', rowTools: 'Sắp xếp, xóa: {{what}}',
  moved: 'Đã chuyển {{what}} tới vị trí {{pos}}/{{count}}.', removed: 'Đã xóa {{what}}.',

  // save
  saveRegion: 'Lưu thủ tục', effectiveFromNew: 'Ngày hiệu lực', effectiveFromVersion: 'Phiên bản mới hiệu lực từ', unsaved: 'Có thay đổi chưa lưu', noChanges: 'Chưa có thay đổi',
  basedOnVersion: 'Sửa trên phiên bản {{version}}', revert: 'Bỏ các thay đổi', saving: 'Đang lưu…', create: 'Thêm thủ tục', saveVersion: 'Lưu thành phiên bản mới',
  savedVersion: 'Đã lưu phiên bản {{version}}, hiệu lực từ {{date}}.', seePublic: 'Xem trang công khai', savedFuture: 'Trang công khai sẽ đổi từ ngày hiệu lực.',
  notSaved: 'Chưa lưu được.', fixBelow_one: 'Có {{count}} chỗ cần sửa:', fixBelow_other: 'Có {{count}} chỗ cần sửa:', nothingLost: 'Mọi nội dung bạn đã nhập vẫn còn nguyên trên trang.',
  conflictTitle: 'Thủ tục vừa được người khác sửa.', conflictExplain: 'Những gì bạn nhập vẫn còn trên trang. Bạn có thể tải phiên bản mới nhất (bỏ thay đổi của mình), hoặc xem trang công khai ở thẻ khác rồi giữ thay đổi của mình và lưu đè lên phiên bản mới nhất.',
  conflictReload: 'Tải phiên bản mới nhất (bỏ thay đổi của tôi)', conflictKeep: 'Giữ thay đổi của tôi, lưu sau phiên bản {{version}}',

  // calendar
  calTitle: 'Lịch ngày làm việc', year: 'Năm', show: 'Xem', prevYear: 'Năm trước', nextYear: 'Năm sau', thisYear: 'Năm nay',
  source: { database: 'Lịch chính thức', computed: 'Tính tự động' },
  sourceLead: {
    database: 'Năm {{year}} dùng lịch nghỉ đã lưu (theo văn bản của Chính phủ, Bộ Nội vụ). Mỗi ngày ghi rõ căn cứ.',
    computed: 'Năm {{year}} chưa có lịch chính thức: ngày nghỉ được tính tự động theo Bộ luật Lao động 2019 (kể cả Tết âm lịch), chưa có hoán đổi, làm bù.',
  },
  gridTitle: 'Lịch năm {{year}}', monthN: 'Tháng {{m}}/{{y}}', gridHint: 'Chọn một ngày để thêm hoặc sửa. Dùng phím mũi tên để di chuyển giữa các ngày.',
  legend: 'Chú giải', legendOff: 'N: ngày nghỉ (lễ, Tết, nghỉ bù, hoán đổi)', legendWork: 'L: ngày làm bù', legendWeekend: 'nghiêng, nền xám: cuối tuần', legendToday: 'viền đậm: hôm nay',
  kindOff: 'Ngày nghỉ', kindWork: 'Ngày làm bù', weekendDay: 'Cuối tuần', workingDay: 'Ngày làm việc',
  daysOff: 'Ngày nghỉ', workdays: 'Ngày làm bù', date: 'Ngày', weekday: 'Thứ', dayName: 'Tên', daySource: 'Căn cứ', edit: 'Sửa', editDayOf: 'Sửa ngày {{date}}',
  addDay: 'Thêm ngày nghỉ hoặc ngày làm bù', addDayOn: 'Thêm ngày {{date}}', editDay: 'Sửa ngày {{date}}', dayKind: 'Loại ngày',
  kindOffLong: 'Ngày nghỉ (không tính vào thời hạn)', kindWorkLong: 'Ngày làm bù (thứ Bảy/Chủ nhật đi làm, có tính vào thời hạn)',
  dayNameVi: 'Tên ngày (tiếng Việt)', dayNameEn: 'Tên ngày (tiếng Anh)', dayNamePh: 'Ví dụ: Nghỉ bù Quốc khánh', daySourceLabel: 'Căn cứ (số văn bản, cơ quan ban hành, ngày)',
  daySourcePh: 'Ví dụ: Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ', saveDay: 'Lưu ngày', removeDay: 'Xóa ngày này', newDay: 'Thêm ngày khác',
  confirmRemove: 'Xóa ngày {{date}} khỏi lịch? Thời hạn của hồ sơ tiếp nhận từ nay sẽ tính lại theo lịch mới.', confirmRemoveYes: 'Xóa',
  daySaved: 'Đã lưu {{date}}: {{kind}}.', dayRemoved: 'Đã xóa ngày {{date}} khỏi lịch.',
  materialiseNote: 'Năm {{year}} đang dùng lịch tính tự động. Khi lưu, các ngày nghỉ tính tự động của năm được lưu thành lịch chính thức rồi thêm thay đổi của bạn.',
  workdayNotWeekend: 'Ngày này vốn là ngày làm việc; ngày làm bù thường là thứ Bảy.', offOnWeekend: 'Ngày này đã là ngày nghỉ cuối tuần; nếu ngày lễ trùng cuối tuần, hãy thêm cả ngày nghỉ bù.',
  needDate: 'Chọn ngày.', needText: 'Vui lòng nhập thông tin này.', needDateTime: 'Chọn ngày và giờ tiếp nhận.',
  wd: { 1: 'Thứ Hai', 2: 'Thứ Ba', 3: 'Thứ Tư', 4: 'Thứ Năm', 5: 'Thứ Sáu', 6: 'Thứ Bảy', 7: 'Chủ nhật' },
  wdShort: { 1: 'T2', 2: 'T3', 3: 'T4', 4: 'T5', 5: 'T6', 6: 'T7', 7: 'CN' },

  settingsTitle: 'Giờ làm việc', inForceSince: 'Áp dụng từ', periods: 'Khung giờ làm việc', hoursPerDay: '{{hours}} giờ/ngày', weekend: 'Ngày nghỉ hằng tuần',
  cutoff: 'Giờ chốt nhận hồ sơ trong ngày', cutoffHint: 'Hồ sơ của thủ tục "trong ngày" nhận sau giờ này được trả vào ngày làm việc tiếp theo.',
  settingsVersions_one: 'Lịch sử cấu hình ({{count}})', settingsVersions_other: 'Lịch sử cấu hình ({{count}})',
  newSettings: 'Cấu hình mới', newSettingsLead: 'Cấu hình mới có hiệu lực từ ngày chọn; các cấu hình trước vẫn được giữ. Đổi số giờ mỗi ngày làm thay đổi cách quy đổi ngày ra giờ của mọi thủ tục.',
  periodN: 'Khung {{n}}', from: 'từ', to: 'đến', addPeriod: 'Thêm khung giờ', settingsNote: 'Căn cứ, ghi chú', saveSettings: 'Lưu cấu hình giờ làm việc',
  settingsSaved: 'Đã lưu cấu hình giờ làm việc hiệu lực từ {{date}}.',

  dueTitle: 'Tính ngày hẹn trả kết quả', dueLead: 'Kiểm tra tác động của lịch: hồ sơ tiếp nhận vào lúc này sẽ có hạn khi nào (theo đúng cách hệ thống tính khi tiếp nhận).',
  receivedAt: 'Thời điểm tiếp nhận (giờ Việt Nam)', calculate: 'Tính ngày hẹn', countingFrom: 'Bắt đầu tính từ', dueAt: 'Hạn trả kết quả',
  skippedDays: 'Ngày nghỉ trong khoảng này', noSkipped: 'Không có ngày nghỉ lễ nào (chỉ trừ cuối tuần, nếu có).', atTime: '{{time}} {{wd}}, {{date}}',
};

const en: typeof vi = {
  homeTitle: 'Administration', homeLead: 'Manage the catalog of administrative procedures and the working-day calendar used to count deadlines.',
  homeCatalog: 'Find, edit and publish procedures: general facts, deadline, fees, required documents, the application form and the internal process. Every edit makes a new version with an effective date.',
  homeCalendar: "Each year's days off, compensatory days and make-up working days; working hours; a due-date calculator.",
  homeCount_one: '{{count}} procedure in force.', homeCount_other: '{{count}} procedures in force.',
  openCatalog: 'Open the catalog', openCalendar: 'Open the calendar', nextOff: 'Next day off: {{date}} ({{name}})',
  forbiddenTitle: 'Access denied', forbiddenLead: 'The administration pages are for officials with the catalog administrator or system administrator role.',
  forbiddenWho: 'The account {{name}} has neither role.', forbiddenHelp: 'If your work needs it, ask a system administrator to grant you the role.',
  forbiddenBack: 'Back to my inbox', breadcrumb: 'You are here', backToList: 'Procedure catalog',

  catalogTitle: 'Procedure catalog', newProcedure: 'New procedure', searchLabel: 'Search by name, code or keyword',
  searchPlaceholder: 'e.g. 1.004873, birth, temporary residence…', all: 'All', found_one: '{{count}} procedure found', found_other: '{{count}} procedures found',
  nothingFound: 'No matching procedure.', procName: 'Procedure', version: 'Version', actions: 'Actions', copy: 'Copy', copyOf: 'Copy the procedure {{name}}',
  public: 'Public page', publicOf: 'Public page of {{name}}', pages: 'Result pages', prev: 'Previous page', next: 'Next page', pageOf: 'Page {{page}} of {{pages}}',
  listNote: 'The list shows procedures in force today. A new procedure whose only version takes effect later appears from that date.',
  deadlines: { working_days: '{{value}} working days', working_hours: '{{value}} working hours', same_day: 'Same day' },

  newTitle: 'New procedure', editTitle: 'Edit procedure {{code}}', publicPage: 'View the public page', readOnly: 'Read only: editing needs the catalog administrator role.',
  copyNote: 'Creating a new procedure from a copy of {{code}}. Enter the new procedure code and change the rest.',
  startBlank: 'Start from the blank template', startBlankLead: 'The template has a 5-step process (receive – examine – review – sign – return) and a minimal form.',
  startBlankButton: 'Use the blank template', startCopy: 'Copy an existing procedure', startCopyLead: 'Handy when the new procedure is close to an existing one.',
  searchProc: 'Find the procedure to copy', copyFrom: 'Choose a procedure', startCopyButton: 'Copy the chosen procedure',
  toc: 'Parts of the procedure',
  sections: { general: 'General', deadline: 'Deadline', fees: 'Fees', documents: 'Required documents', form: 'Application form', process: 'Internal process', legal: 'Legal basis' },
  versions_one: '{{count}} version', versions_other: '{{count}} versions', latestInfo: 'latest is version {{version}}, effective from {{date}}',
  versionsCaption: 'Versions of the procedure', effectiveFrom: 'Effective from', createdAt: 'Created', state: 'State', inForce: 'In force', upcoming: 'Upcoming', superseded: 'Superseded',
  editingThis: 'Editing from this one', startFromVersion: 'Edit from version {{version}}',
  basedOnOld: 'You are editing the content of version {{version}}; saving adds a new version after the latest ({{latest}}).',

  code: 'Procedure code', codeHint: 'The code in the National Public Service Portal, e.g. 1.004873.', codeFixed: 'The code cannot change between versions.',
  nameVi: 'Name (Vietnamese)', nameEn: 'Name in English', field: 'Field', fieldOther: 'Other field…', fieldCode: 'Field code', fieldVi: 'Field name (Vietnamese)', fieldEn: 'Field name (English)',
  level: 'Deciding level', levels: { commune: 'Commune/ward', province: 'Province/city' }, sector: 'Deciding agency',
  sectors: {
    people_committee: "People's Committee", justice: 'Justice', construction: 'Construction', agriculture_environment: 'Agriculture and Environment', finance: 'Finance',
    health: 'Health', education: 'Education and Training', industry_trade: 'Industry and Trade', culture: 'Culture', home_affairs: 'Home Affairs', police: 'Police',
    social_insurance: 'Social Insurance', tax: 'Tax', notary: 'Notary',
  },
  onlineLevel: 'Online level', online: { full: 'Fully online', partial: 'Partly online' },
  resultVi: 'Result (Vietnamese)', resultEn: 'Result (English)', minEid: 'Minimum e-ID level',
  eid: { 0: 'Not required', 1: 'Level 1', 2: 'Level 2' },
  lifeEvents: 'Life events', keywords: 'Search keywords', keywordsHint: 'How people usually call this procedure; makes search more accurate.',
  keyword: 'Keyword', addKeyword: 'Add a keyword',

  deadline: 'Deadline', deadlineUnit: 'Deadline unit', deadlineValue: 'Amount', workingDays: 'Working days', workingHours: 'Working hours', sameDay: 'Same day',
  sameDayNote: 'Same-day procedure: dossiers received after the cut-off (15:00 by default) are due the next working day.',

  feesLead: 'Each fee is dated; the "online amount" is what is charged when applying online (leave empty for the same as in person, 0 when waived).',
  noFees: 'No fees are charged.', feeN: 'Fee {{n}}', amount: 'Amount in person (VND)', onlineAmount: 'Amount online (VND)',
  onlineAmountHint: 'Empty: same as in person.', effectiveTo: 'Effective until', effectiveToHint: 'Leave empty if open-ended.',
  basis: 'Legal basis of the fee', note: 'Note', addFee: 'Add a fee', vnd: 'VND', feeSummary: 'In person: {{inPerson}} · Online: {{online}}',

  noDocs: 'No documents yet.', docN: 'Document {{n}}', docCode: 'Document code', docCodeHint: 'Lower-case letters, digits and hyphens, e.g. giay-to-tuy-than.',
  docKind: 'Form', docKinds: { original: 'Original', copy: 'Copy', certified_copy: 'Certified copy', original_or_certified_copy: 'Original or certified copy' },
  docCount: 'Count', docRequired: 'Required', docTemplate: 'It is the prescribed form (filled in online)', addDoc: 'Add a document',

  fieldList: 'Form fields', fieldListDisabled: 'Fix the JSON syntax error below to use the field list again.',
  propKey: 'Field key', propTitle: 'Label', propType: 'Type', propRequired: 'Required', propKeyOf: 'Key of field {{key}}', propTitleOf: 'Label of field {{key}}',
  propTypeOf: 'Type of field {{key}}', propRequiredOf: 'Field {{key}} required', propKeyBad: 'A key starts with a letter and has only ASCII letters, digits and underscores.',
  propKeyTaken: 'A field with this key exists.', propTitleNeeded: 'Enter a label.', propKeyHint: 'ASCII letters, digits, underscore; e.g. occupation.',
  propAdded: 'Field {{key}} added to the form.', noProps: 'The form has no fields yet.', addProp: 'Add a field to the form', addPropButton: 'Add field',
  types: { string: 'Text', date: 'Date', email: 'E-mail', number: 'Number', integer: 'Whole number', boolean: 'Yes/No', object: 'Group', array: 'List', other: 'Other (edit the JSON)' },
  formJson: 'Form as JSON Schema', formJsonHint: 'JSON Schema 2020-12 of type "object". Edit it directly; the preview updates as soon as the JSON is valid.',
  jsonError: 'Invalid JSON: {{msg}}', jsonErrorAt: 'Invalid JSON at line {{line}}, column {{col}}: {{msg}}', jsonNotObject: 'The form must be a JSON object ({ … }).',
  schemaProblem: 'Not a valid JSON Schema yet: {{msg}}', fixJsonFirst: 'The form JSON has a syntax error; fix it before saving.',
  preview: 'Form preview', previewHint: 'Citizens see exactly this form. Type test answers and press "Check" to see the messages.', previewCheck: 'Check',
  previewFailed: 'The form cannot be shown: {{msg}}',

  processLead: 'Steps in order. The first and last are the one-stop desk (receive, return); exactly one signing step. The total may not exceed the legal deadline.',
  stepN: 'Step {{n}}', stepName: 'Step (Vietnamese)', role: 'Role', unit: 'Unit',
  roles: { desk_officer: 'One-stop desk officer', processing_officer: 'Processing officer', head_of_division: 'Head of division', signing_authority: 'Signing authority' },
  units: { desk: 'One-stop desk', leadership: 'Agency leadership', division: 'Division' }, divisionSlug: 'Division code (e.g. van-phong)',
  duration: 'Time', durationUnit: 'Unit', addStep: 'Add a step (before the return step)', stepAdded: 'New step added at position {{pos}}.', hoursShort: 'h',
  fitOk: 'The steps take {{total}} working hours, within the deadline of {{legal}} ({{left}} h to spare).',
  fitOver: 'Over the deadline: the steps take {{total}} working hours, {{over}} h more than the deadline of {{legal}}. The server will refuse this process.',
  daysAsHours: '{{days}} working days = {{hours}} h', hoursN: '{{hours}} working hours', sameDayHours: 'same day = {{hours}} h',
  hoursPerDayNote: '1 working day = {{hours}} working hours (current working hours); a same-day procedure counts as 1 day.',
  rules: { oneSigning: 'Exactly one signing step', signingInside: 'The signing step is after reception and before the return', firstDesk: 'First step: the one-stop desk receives', lastDesk: 'Last step: the one-stop desk returns the result' },
  ruleOk: 'Met', ruleBad: 'Not met',
  processOverWarn: 'The process exceeds the legal deadline', processRulesWarn_one: 'The process fails {{count}} rule', processRulesWarn_other: 'The process fails {{count}} rules',

  legalItem: 'Document', addLegal: 'Add a document',

  moveUp: 'Move up: {{what}}', moveDown: 'Move down: {{what}}', remove: 'Remove: {{what}}', rowTools: 'Order, remove: {{what}}',
  moved: '{{what}} moved to position {{pos}} of {{count}}.', removed: '{{what}} removed.',

  saveRegion: 'Save the procedure', effectiveFromNew: 'Effective from', effectiveFromVersion: 'New version effective from', unsaved: 'Unsaved changes', noChanges: 'No changes',
  basedOnVersion: 'Editing on version {{version}}', revert: 'Discard changes', saving: 'Saving…', create: 'Create the procedure', saveVersion: 'Save as a new version',
  savedVersion: 'Version {{version}} saved, effective from {{date}}.', seePublic: 'View the public page', savedFuture: 'The public page changes on the effective date.',
  notSaved: 'Not saved.', fixBelow_one: '{{count}} thing to fix:', fixBelow_other: '{{count}} things to fix:', nothingLost: 'Everything you typed is still on the page.',
  conflictTitle: 'Someone else just changed this procedure.', conflictExplain: 'What you typed is still here. Load the latest version (dropping your changes), or check the public page in another tab and keep your changes, saving them after the latest version.',
  conflictReload: 'Load the latest version (drop my changes)', conflictKeep: 'Keep my changes, save after version {{version}}',

  calTitle: 'Working-day calendar', year: 'Year', show: 'Show', prevYear: 'Previous year', nextYear: 'Next year', thisYear: 'This year',
  source: { database: 'Official schedule', computed: 'Computed' },
  sourceLead: {
    database: '{{year}} uses the stored schedule (from Government / Ministry of Home Affairs notices). Each day names its source.',
    computed: '{{year}} has no official schedule yet: days off are computed from the Labour Code 2019 (lunar Tết included), without swaps or make-up days.',
  },
  gridTitle: 'Calendar {{year}}', monthN: '{{m}}/{{y}}', gridHint: 'Choose a day to add or edit it. Arrow keys move between days.',
  legend: 'Legend', legendOff: 'N: day off (holiday, Tết, compensatory, swapped)', legendWork: 'L: make-up working day', legendWeekend: 'italic, grey: weekend', legendToday: 'bold frame: today',
  kindOff: 'Day off', kindWork: 'Make-up working day', weekendDay: 'Weekend', workingDay: 'Working day',
  daysOff: 'Days off', workdays: 'Make-up working days', date: 'Date', weekday: 'Day', dayName: 'Name', daySource: 'Source', edit: 'Edit', editDayOf: 'Edit {{date}}',
  addDay: 'Add a day off or a make-up working day', addDayOn: 'Add {{date}}', editDay: 'Edit {{date}}', dayKind: 'Kind of day',
  kindOffLong: 'Day off (does not count towards deadlines)', kindWorkLong: 'Make-up working day (a weekend day worked; counts towards deadlines)',
  dayNameVi: 'Name (Vietnamese)', dayNameEn: 'Name (English)', dayNamePh: 'e.g. Nghỉ bù Quốc khánh', daySourceLabel: 'Source (document number, issuer, date)',
  daySourcePh: 'e.g. Notice 9441/TB-BNV of 16/10/2025, Ministry of Home Affairs', saveDay: 'Save the day', removeDay: 'Remove this day', newDay: 'Add another day',
  confirmRemove: 'Remove {{date}} from the calendar? Deadlines of dossiers received from now on follow the new calendar.', confirmRemoveYes: 'Remove',
  daySaved: '{{date}} saved: {{kind}}.', dayRemoved: '{{date}} removed from the calendar.',
  materialiseNote: '{{year}} uses the computed calendar. Saving first stores its computed days off as the official schedule, then applies your change.',
  workdayNotWeekend: 'This is a working day already; make-up days are usually Saturdays.', offOnWeekend: 'This is a weekend day already; for a holiday on a weekend also add the compensatory day.',
  needDate: 'Choose a date.', needText: 'Please fill this in.', needDateTime: 'Choose the date and time of receipt.',
  wd: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
  wdShort: { 1: 'Mo', 2: 'Tu', 3: 'We', 4: 'Th', 5: 'Fr', 6: 'Sa', 7: 'Su' },

  settingsTitle: 'Working hours', inForceSince: 'In force since', periods: 'Working periods', hoursPerDay: '{{hours}} h a day', weekend: 'Weekly days off',
  cutoff: 'Same-day cut-off', cutoffHint: 'Same-day procedures received after this time are due the next working day.',
  settingsVersions_one: 'History ({{count}})', settingsVersions_other: 'History ({{count}})',
  newSettings: 'New settings', newSettingsLead: 'New settings apply from the chosen date; earlier ones are kept. Changing the hours per day changes how days convert to hours for every procedure.',
  periodN: 'Period {{n}}', from: 'from', to: 'to', addPeriod: 'Add a period', settingsNote: 'Basis, note', saveSettings: 'Save working hours',
  settingsSaved: 'Working hours effective from {{date}} saved.',

  dueTitle: 'Due-date calculator', dueLead: 'See the effect of the calendar: when would a dossier received at this moment be due (counted exactly as at receipt).',
  receivedAt: 'Received at (Vietnam time)', calculate: 'Calculate', countingFrom: 'Counting from', dueAt: 'Result due',
  skippedDays: 'Days off in between', noSkipped: 'No holidays (only weekends, if any).', atTime: '{{time}} {{wd}}, {{date}}',
};

export const adminStrings = { vi: { adm: vi }, en: { adm: en } };

/** Strings of the once-only features (population prefill, e-ID level, personal data store), registered by the pages that use them. */
export const onceOnlyStrings = {
  vi: {
    oo: {
      fromRegistry: 'Dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư',
      prefilled: 'Thông tin nhân thân đã được điền tự động từ Cơ sở dữ liệu quốc gia về dân cư và không sửa được tại đây. Nếu thông tin chưa đúng, hãy đề nghị Công an cấp xã nơi cư trú điều chỉnh trong Cơ sở dữ liệu.',
      notFound: 'Không tìm thấy thông tin của bạn trong Cơ sở dữ liệu quốc gia về dân cư. Hãy tự điền thông tin nhân thân; hồ sơ sẽ được ghi chú là chưa đối chiếu với Cơ sở dữ liệu dân cư và cơ quan có thể yêu cầu xuất trình giấy tờ.',
      eidTitle: 'Tài khoản của bạn chưa đủ mức định danh để nộp trực tuyến thủ tục này',
      eidNeed: 'Thủ tục yêu cầu tài khoản định danh điện tử mức {{need}}; tài khoản của bạn đang ở mức {{have}}.',
      eidHow: 'Cách nâng lên tài khoản mức 2:',
      eidPolice: 'Mang thẻ căn cước (hoặc căn cước công dân) gắn chip đến Công an cấp xã (phường, xã) nơi thuận tiện để được cấp, kích hoạt tài khoản định danh điện tử mức 2.',
      eidApp: 'Hoặc tự đăng ký trên ứng dụng VNeID bằng thẻ căn cước gắn chip và điện thoại có NFC: ứng dụng đọc chip trên thẻ và chụp ảnh khuôn mặt của bạn.',
      eidAfter: 'Sau khi tài khoản được nâng lên mức 2, hãy đăng xuất rồi đăng nhập lại để nộp hồ sơ.',
      eidDesk: 'Bạn vẫn có thể nộp hồ sơ trực tiếp tại Bộ phận Một cửa của cơ quan giải quyết (không yêu cầu mức tài khoản).',
      eidSignIn: 'Thủ tục yêu cầu đăng nhập bằng tài khoản định danh điện tử mức {{need}}.',
    },
    store: {
      title: 'Kho dữ liệu cá nhân', nav: 'Kho dữ liệu',
      lead: 'Giấy tờ đã được số hóa và kết quả điện tử của bạn. Khi nộp hồ sơ mới, bạn dùng lại chúng chỉ với một cú nhấp, không phải tải lên lại.',
      empty: 'Kho dữ liệu của bạn chưa có giấy tờ nào.',
      kind: 'Loại giấy tờ', titleField: 'Tên giấy tờ', number: 'Số hiệu', issuer: 'Cơ quan cấp', issuedOn: 'Ngày cấp', validUntil: 'Có giá trị đến', source: 'Nguồn',
      noExpiry: 'Không thời hạn', expired: 'Hết hiệu lực', view: 'Xem', remove: 'Xóa khỏi kho', removeConfirm: 'Xóa "{{title}}" khỏi kho dữ liệu? Các hồ sơ đã nộp vẫn giữ giấy tờ này.',
      removed: 'Đã xóa "{{title}}" khỏi kho dữ liệu.', add: 'Thêm giấy tờ vào kho', file: 'Tệp giấy tờ', save: 'Lưu vào kho', added: 'Đã thêm "{{title}}" vào kho dữ liệu.',
      ofDossier: 'hồ sơ {{code}}', needFile: 'Hãy tải lên tệp giấy tờ.',
      useExisting: 'Dùng giấy tờ đã có', fromStore: 'Giấy tờ có sẵn trong kho dữ liệu của bạn:', chosen: 'Đã chọn từ kho dữ liệu', unchoose: 'Bỏ chọn',
      inStore: 'từ kho dữ liệu',
    },
  },
  en: {
    oo: {
      fromRegistry: 'From the national population database',
      prefilled: 'Your identity details were filled in from the national population database and cannot be changed here. If something is wrong, ask the commune-level police where you live to correct the database.',
      notFound: 'You were not found in the national population database. Please fill in your identity details yourself; the dossier will be marked as not verified against the population database and the agency may ask to see your documents.',
      eidTitle: 'Your account\'s identification level is too low to file this procedure online',
      eidNeed: 'This procedure requires a level-{{need}} electronic identification account; yours is level {{have}}.',
      eidHow: 'How to get a level-2 account:',
      eidPolice: 'Take your chip-based ID card to the commune-level police (Công an cấp xã) of your choice to have a level-2 electronic identification account issued and activated.',
      eidApp: 'Or register yourself in the VNeID app with your chip-based ID card and a phone with NFC: the app reads the card\'s chip and takes a photo of your face.',
      eidAfter: 'Once your account is level 2, sign out and sign in again to file the dossier.',
      eidDesk: 'You can still file the dossier in person at the deciding agency\'s one-stop desk (no account level needed).',
      eidSignIn: 'This procedure requires signing in with a level-{{need}} electronic identification account.',
    },
    store: {
      title: 'Personal data store', nav: 'Data store',
      lead: 'Your digitized documents and electronic results. When you file a new dossier you reuse them with one click instead of uploading again.',
      empty: 'Your data store is empty.',
      kind: 'Kind', titleField: 'Title', number: 'Number', issuer: 'Issued by', issuedOn: 'Issued on', validUntil: 'Valid until', source: 'Source',
      noExpiry: 'No expiry', expired: 'Expired', view: 'View', remove: 'Remove from the store', removeConfirm: 'Remove "{{title}}" from your data store? Dossiers already filed keep this document.',
      removed: '"{{title}}" was removed from your data store.', add: 'Add a document to the store', file: 'Document file', save: 'Save to the store', added: '"{{title}}" was added to your data store.',
      ofDossier: 'dossier {{code}}', needFile: 'Upload the document\'s file.',
      useExisting: 'Use this document', fromStore: 'Documents in your data store:', chosen: 'Chosen from the data store', unchoose: 'Remove',
      inStore: 'from the data store',
    },
  },
};

/** The menu entry to the data store (registered with the routes: the menu is on every page). */
export const dataStoreNavStrings = { vi: { nav: { dataStore: 'Kho dữ liệu' } }, en: { nav: { dataStore: 'Data store' } } };

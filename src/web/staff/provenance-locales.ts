/** Strings of the documents' provenance and the identity check on the officials' dossier page (registered by Documents.tsx). */
export const provenanceStrings = {
  vi: {
    prov: {
      upload: 'Công dân tải lên', store: 'Dùng lại từ kho dữ liệu cá nhân', desk: 'Số hóa tại Bộ phận Một cửa', result: 'Kết quả điện tử của hồ sơ',
      storeSource: 'nguồn: {{source}}', ofDossier: 'kết quả của hồ sơ {{code}}', issued: 'cấp ngày {{date}}', validUntil: 'hiệu lực đến {{date}}',
      origin: 'Nguồn gốc',
      idTitle: 'Đối chiếu thông tin nhân thân',
      idPopulation: 'Thông tin nhân thân đã được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư lúc nộp: {{count}} trường khớp.',
      idUnverified: 'Chưa đối chiếu được (cơ sở dữ liệu không có giá trị): {{fields}}.',
      idNotFound: 'Chưa đối chiếu với Cơ sở dữ liệu quốc gia về dân cư: không tìm thấy người nộp trong cơ sở dữ liệu; thông tin chỉ được kiểm tra về cấu trúc. Hãy đối chiếu với giấy tờ tùy thân.',
      idInPerson: 'Hồ sơ nộp trực tiếp: cán bộ một cửa đối chiếu giấy tờ tùy thân bản chính.',
      idNone: 'Hồ sơ nộp trước khi có chức năng đối chiếu: chưa đối chiếu với Cơ sở dữ liệu quốc gia về dân cư.',
    },
    provSource: { upload: 'Công dân tải lên', desk: 'số hóa tại Một cửa', result: 'kết quả điện tử', population: 'CSDL dân cư / hộ tịch điện tử' },
  },
  en: {
    prov: {
      upload: 'Uploaded by the citizen', store: 'Reused from the personal data store', desk: 'Digitized at the one-stop desk', result: 'Electronic result of the dossier',
      storeSource: 'source: {{source}}', ofDossier: 'result of dossier {{code}}', issued: 'issued {{date}}', validUntil: 'valid until {{date}}',
      origin: 'Provenance',
      idTitle: 'Identity check',
      idPopulation: 'The identity details were checked against the national population database on submission: {{count}} fields match.',
      idUnverified: 'Not verifiable (no value in the database): {{fields}}.',
      idNotFound: 'Not verified against the national population database: the applicant was not found there; the details were checked for structure only. Check them against an ID document.',
      idInPerson: 'Filed in person: the desk officer checked the original ID document.',
      idNone: 'Filed before identity checking existed: not verified against the national population database.',
    },
    provSource: { upload: 'uploaded by the citizen', desk: 'digitized at a desk', result: 'electronic result', population: 'population / civil-status database' },
  },
};

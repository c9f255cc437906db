/** Strings of the public verification page of electronic results. */
export const verifyStrings = {
  vi: {
    verify: {
      title: 'Xác thực kết quả điện tử',
      lead: 'Kiểm tra một kết quả giải quyết thủ tục hành chính do Motcua cấp: có đúng do cơ quan cấp, còn nguyên vẹn và còn hiệu lực không.',
      code: 'Mã xác thực (in dưới mã QR)', check: 'Kiểm tra', notFound: 'Không tìm thấy kết quả điện tử với mã này. Hãy kiểm tra lại mã in dưới mã QR.',
      valid: 'Kết quả HỢP LỆ: do cơ quan cấp ký số, chưa bị thay đổi và còn hiệu lực.',
      revoked: 'Kết quả ĐÃ BỊ THU HỒI — không còn giá trị sử dụng.',
      altered: 'CẢNH BÁO: bản lưu của kết quả này không còn khớp với chữ ký số. Không sử dụng; hãy liên hệ cơ quan cấp.',
      docTitle: 'Loại giấy tờ', dossier: 'Mã hồ sơ', applicant: 'Người được cấp', issuer: 'Cơ quan cấp', signer: 'Người ký', issuedAt: 'Thời điểm ký',
      certificate: 'Chứng thư số', certIssuer: 'Tổ chức cấp chứng thư', certUntil: 'hiệu lực đến', revokedAt: 'Thu hồi lúc', reason: 'Lý do',
      authentic: 'Do Motcua cấp', unaltered: 'Chưa bị thay đổi', yes: 'Có', no: 'Không',
      uploadTitle: 'Hoặc kiểm tra một tệp PDF bạn nhận được', file: 'Tệp PDF', upload: 'Kiểm tra tệp',
      fileMatches: 'Tệp này đúng là kết quả do Motcua cấp, chưa bị sửa đổi.',
      fileSignedNotIssued: 'Tệp có chữ ký số hợp lệ của {{signer}} nhưng không trùng với bản Motcua đã cấp.',
      fileBad: 'Tệp này KHÔNG phải kết quả nguyên vẹn do Motcua cấp (không có chữ ký số hợp lệ của Motcua hoặc đã bị sửa đổi).',
      nothingStored: 'Tệp chỉ được kiểm tra, không được lưu lại.',
    },
  },
  en: {
    verify: {
      title: 'Verify an electronic result',
      lead: 'Check a result of an administrative procedure issued through Motcua: is it really from the issuing agency, unaltered and still valid?',
      code: 'Verification code (printed under the QR code)', check: 'Check', notFound: 'No electronic result has this code. Check the code printed under the QR code.',
      valid: 'VALID result: digitally signed by the issuing agency, unaltered and in force.',
      revoked: 'This result has been REVOKED — it is no longer valid.',
      altered: 'WARNING: the stored copy of this result no longer matches its digital signature. Do not rely on it; contact the issuing agency.',
      docTitle: 'Document', dossier: 'Dossier code', applicant: 'Issued to', issuer: 'Issuing agency', signer: 'Signed by', issuedAt: 'Signed at',
      certificate: 'Certificate', certIssuer: 'Certificate authority', certUntil: 'valid until', revokedAt: 'Revoked at', reason: 'Reason',
      authentic: 'Issued by Motcua', unaltered: 'Unaltered', yes: 'Yes', no: 'No',
      uploadTitle: 'Or check a PDF file you received', file: 'PDF file', upload: 'Check the file',
      fileMatches: 'This file is a result issued by Motcua, unaltered.',
      fileSignedNotIssued: 'The file carries a valid digital signature of {{signer}} but is not the copy Motcua issued.',
      fileBad: 'This file is NOT an unaltered result issued by Motcua (no valid Motcua signature, or it was modified).',
      nothingStored: 'The file is only checked, not stored.',
    },
  },
};

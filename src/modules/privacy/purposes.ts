/**
 * The purposes for which officials may open a citizen's personal data, and what the citizen is
 * shown about them. Seeded as dated rows (see migrations/001_access_log.sql); a change of wording
 * or of legal basis is a new row from its date, never an edit. Unconfirmed points: README.md.
 */

/** Decree 13/2023/NĐ-CP applied from 1 July 2023 until the Personal Data Protection Law replaced it. */
const DECREE_13 = { from: '2023-07-01', to: '2025-12-31' };
/** Law 91/2025/QH15 on personal data protection, in force from 1 January 2026. */
const LAW_91 = { from: '2026-01-01', to: null };

const BASIS = {
  decree13: {
    vi: 'Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, Điều 17 khoản 5 (xử lý dữ liệu cá nhân phục vụ hoạt động của cơ quan nhà nước theo luật chuyên ngành)',
    en: 'Decree 13/2023/NĐ-CP on personal data protection, Article 17(5) (processing for the activities of state agencies under sector laws)',
  },
  law91: {
    vi: 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (xử lý dữ liệu cá nhân để cơ quan nhà nước thực hiện nhiệm vụ, quyền hạn theo quy định của pháp luật)',
    en: 'Personal Data Protection Law 91/2025/QH15 (processing for a state agency to perform its legal duties)',
  },
  population: {
    vi: 'Luật Căn cước số 26/2023/QH15 và Nghị định 70/2024/NĐ-CP (khai thác Cơ sở dữ liệu quốc gia về dân cư)',
    en: 'Law on Identification 26/2023/QH15 and Decree 70/2024/NĐ-CP (use of the National Population Database)',
  },
};

export interface PurposeSeed {
  code: string;
  name: string;
  nameEn: string;
  selectable: boolean;
  needsNote?: boolean;
  /** Adds the population-database basis (purposes used to look a person up). */
  population?: boolean;
}

/** In display order. `selectable` purposes are offered to staff looking a person up; the others are derived. */
export const PURPOSES: PurposeSeed[] = [
  { code: 'desk_reception', name: 'Tiếp nhận hồ sơ thủ tục hành chính', nameEn: 'Receiving an administrative dossier', selectable: true, population: true },
  { code: 'identity_verification', name: 'Xác minh thông tin nhân thân của người nộp hồ sơ', nameEn: "Verifying the applicant's identity", selectable: true, population: true },
  { code: 'result_return', name: 'Trả kết quả giải quyết thủ tục hành chính', nameEn: 'Returning the result of a procedure', selectable: true, population: true },
  { code: 'citizen_request', name: 'Giải đáp, xử lý yêu cầu của chính công dân', nameEn: "Answering the citizen's own request", selectable: true, population: true },
  { code: 'inspection', name: 'Thanh tra, kiểm tra theo quyết định của cơ quan có thẩm quyền', nameEn: "Inspection under a competent authority's decision", selectable: true, needsNote: true, population: true },
  { code: 'dossier_processing', name: 'Giải quyết hồ sơ', nameEn: 'Processing the dossier', selectable: false, population: true },
  { code: 'dossier_supervision', name: 'Giám sát, kiểm tra việc giải quyết hồ sơ', nameEn: "Supervising the dossier's handling", selectable: false, population: true },
  { code: 'dossier_other', name: 'Xem hồ sơ của cơ quan ngoài bước giải quyết của mình', nameEn: "Viewing an agency dossier outside one's own steps", selectable: false },
  { code: 'privacy_audit', name: 'Kiểm tra nhật ký truy cập dữ liệu cá nhân', nameEn: 'Auditing the personal-data access log', selectable: false },
];

export interface PurposeRow {
  code: string; valid_from: string; valid_to: string | null; name: string; name_en: string;
  legal_basis: string; legal_basis_en: string; selectable: boolean; needs_note: boolean; sort: number;
}

/** Every purpose once under Decree 13 and once under Law 91 (from 2026-01-01). */
export function purposeRows(): PurposeRow[] {
  const rows: PurposeRow[] = [];
  for (const [period, basis] of [[DECREE_13, BASIS.decree13], [LAW_91, BASIS.law91]] as const) {
    PURPOSES.forEach((p, i) => rows.push({
      code: p.code, valid_from: period.from, valid_to: period.to, name: p.name, name_en: p.nameEn,
      legal_basis: p.population ? `${basis.vi}; ${BASIS.population.vi}` : basis.vi,
      legal_basis_en: p.population ? `${basis.en}; ${BASIS.population.en}` : basis.en,
      selectable: p.selectable, needs_note: p.needsNote ?? false, sort: (i + 1) * 10,
    }));
  }
  return rows;
}

/**
 * What citizens see of the official who opened their data. Vietnamese practice names the agency and
 * the official (desk nameplates, slips signed by name): officials act in a public capacity, and a
 * named entry is what deters curiosity look-ups. A province may decide otherwise from a date.
 */
export const DISPLAY_POLICIES = [
  { valid_from: '2023-07-01', show_official_name: true, show_official_title: true, note: 'Hiển thị cơ quan, chức danh và họ tên cán bộ (mặc định).' },
];

/**
 * Errors as RFC 9457 problem details with a Vietnamese and an English message.
 * Services throw `Problem`; the HTTP layer renders it as application/problem+json.
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Vietnamese message (the default language of the system). */
  message_vi: string;
  /** English message. */
  message_en: string;
  code: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

export interface FieldError {
  field: string;
  message_vi: string;
  message_en: string;
}

export class Problem extends Error {
  constructor(
    public status: number,
    public code: string,
    public vi: string,
    public en: string,
    public extra: { errors?: FieldError[]; [k: string]: unknown } = {},
  ) {
    super(en);
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: `https://motcua.vn/problems/${this.code}`,
      title: this.en,
      status: this.status,
      detail: this.vi,
      message_vi: this.vi,
      message_en: this.en,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new Problem(400, 'validation', `Dữ liệu không hợp lệ: ${errors.map((e) => `${e.field}: ${e.message_vi}`).join('; ')}`,
      `Invalid input: ${errors.map((e) => `${e.field}: ${e.message_en}`).join('; ')}`, { errors }),
  unauthenticated: () => new Problem(401, 'unauthenticated', 'Bạn cần đăng nhập để thực hiện thao tác này.', 'You must sign in to do this.'),
  forbidden: (vi = 'Bạn không có quyền thực hiện thao tác này.', en = 'You are not allowed to do this.') => new Problem(403, 'forbidden', vi, en),
  notFound: (whatVi: string, whatEn: string) => new Problem(404, 'not_found', `Không tìm thấy ${whatVi}.`, `${whatEn} not found.`),
  conflict: (vi: string, en: string, extra: Record<string, unknown> = {}) => new Problem(409, 'conflict', vi, en, extra),
  unavailable: () => new Problem(503, 'unavailable', 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu, vui lòng thử lại sau giây lát.', 'The database is temporarily unavailable; please retry shortly.'),
};

export function fieldError(field: string, vi: string, en: string): FieldError {
  return { field, message_vi: vi, message_en: en };
}

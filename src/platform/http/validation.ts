import type { FieldError } from './problem.ts';

/** Turns schema-validation issues into field errors with Vietnamese and English text. */
interface Issue {
  path: string;
  code?: string;
  message?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  format?: string;
  received?: string;
}

const typeVi: Record<string, string> = {
  string: 'chuỗi ký tự', number: 'số', integer: 'số nguyên', boolean: 'đúng/sai', object: 'đối tượng', array: 'danh sách', date: 'ngày',
};

export function issueToFieldError(i: Issue): FieldError {
  const field = i.path || '(body)';
  switch (i.code) {
    case 'invalid_type':
      if (i.received === 'undefined' || /received undefined/.test(i.message ?? ''))
        return { field, message_vi: 'là trường bắt buộc', message_en: 'is required' };
      return { field, message_vi: `phải là ${typeVi[i.expected ?? ''] ?? i.expected}`, message_en: `must be ${i.expected}` };
    case 'too_small':
      return { field, message_vi: `quá ngắn hoặc quá nhỏ (tối thiểu ${String(i.minimum)})`, message_en: `is too small or too short (minimum ${String(i.minimum)})` };
    case 'too_big':
      return { field, message_vi: `quá dài hoặc quá lớn (tối đa ${String(i.maximum)})`, message_en: `is too big or too long (maximum ${String(i.maximum)})` };
    case 'invalid_value':
    case 'invalid_enum_value':
      return { field, message_vi: `phải là một trong: ${(i.values ?? []).join(', ')}`, message_en: `must be one of: ${(i.values ?? []).join(', ')}` };
    case 'invalid_format':
    case 'invalid_string':
      return { field, message_vi: `sai định dạng${i.format ? ` (${i.format})` : ''}`, message_en: `has an invalid format${i.format ? ` (${i.format})` : ''}` };
    case 'unrecognized_keys':
      return { field, message_vi: 'có trường không được phép', message_en: 'has fields that are not allowed' };
    default:
      return { field, message_vi: `không hợp lệ (${i.message ?? ''})`, message_en: `is invalid (${i.message ?? ''})` };
  }
}

export function zodPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

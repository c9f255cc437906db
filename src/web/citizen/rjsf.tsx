import Form from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { RJSFValidationError } from '@rjsf/utils';
import Ajv2020 from 'ajv/dist/2020';

/** Procedure forms are JSON Schema 2020-12, validated in the browser exactly as on the server. */
export const validator = customizeValidator({ AjvClass: Ajv2020 as any });

const vi: Record<string, (p: any) => string> = {
  required: () => 'Vui lòng nhập thông tin này',
  format: (p) => (p.format === 'email' ? 'Thư điện tử không đúng định dạng' : p.format === 'date' ? 'Ngày không hợp lệ' : 'Sai định dạng'),
  pattern: () => 'Sai định dạng',
  minLength: (p) => `Tối thiểu ${p.limit} ký tự`,
  maxLength: (p) => `Tối đa ${p.limit} ký tự`,
  minimum: (p) => `Không được nhỏ hơn ${p.limit}`,
  maximum: (p) => `Không được lớn hơn ${p.limit}`,
  enum: () => 'Vui lòng chọn một giá trị trong danh sách',
  type: () => 'Giá trị không hợp lệ',
  minItems: (p) => `Cần ít nhất ${p.limit} mục`,
};

/** Inline validation messages in Vietnamese (English keeps ajv's own). */
export function localiseErrors(lang: string) {
  return (errors: RJSFValidationError[]) =>
    lang === 'en' ? errors : errors.map((e) => ({ ...e, message: vi[e.name ?? '']?.(e.params) ?? e.message }));
}

/** Server field errors ("form.applicant.email") in rjsf's extraErrors shape. */
export function toExtraErrors(byField: Record<string, string>): any {
  const out: any = {};
  for (const [field, msg] of Object.entries(byField)) {
    if (!field.startsWith('form')) continue;
    const path = field.replace(/^form\.?/, '').split('.').filter(Boolean);
    let node = out;
    for (const part of path) node = node[part] ??= {};
    (node.__errors ??= []).push(msg);
  }
  return out;
}

export { Form };

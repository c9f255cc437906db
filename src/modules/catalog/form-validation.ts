import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { compileForm } from './ajv.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import type { ProcedureVersion } from './service.ts';

/** Compiled form validators per procedure version (versions never change). */
const compiled = new Map<string, ValidateFunction>();

function fieldOf(e: ErrorObject): string {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = e.keyword === 'required' ? (e.params as any).missingProperty : e.keyword === 'additionalProperties' ? (e.params as any).additionalProperty : '';
  return ['form', base, missing].filter(Boolean).join('.');
}

function titleAt(schema: any, field: string): string | undefined {
  let s = schema;
  for (const part of field.split('.').slice(1)) {
    if (!s) return undefined;
    s = /^\d+$/.test(part) ? s.items : s.properties?.[part];
  }
  return s?.title;
}

function explain(e: ErrorObject): { vi: string; en: string } {
  const p = e.params as any;
  switch (e.keyword) {
    case 'required': return { vi: 'là trường bắt buộc', en: 'is required' };
    case 'type': return { vi: `sai kiểu dữ liệu (cần ${p.type})`, en: `must be ${p.type}` };
    case 'format': return { vi: `sai định dạng (${p.format})`, en: `must be a valid ${p.format}` };
    case 'pattern': return { vi: 'sai định dạng', en: `must match ${p.pattern}` };
    case 'enum': return { vi: `phải là một trong: ${(p.allowedValues ?? []).join(', ')}`, en: `must be one of: ${(p.allowedValues ?? []).join(', ')}` };
    case 'const': return { vi: `phải là ${JSON.stringify(p.allowedValue)}`, en: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'minLength': return { vi: `tối thiểu ${p.limit} ký tự`, en: `must have at least ${p.limit} characters` };
    case 'maxLength': return { vi: `tối đa ${p.limit} ký tự`, en: `must have at most ${p.limit} characters` };
    case 'minimum': return { vi: `không được nhỏ hơn ${p.limit}`, en: `must be at least ${p.limit}` };
    case 'maximum': return { vi: `không được lớn hơn ${p.limit}`, en: `must be at most ${p.limit}` };
    case 'minItems': return { vi: `cần ít nhất ${p.limit} mục`, en: `needs at least ${p.limit} items` };
    case 'maxItems': return { vi: `tối đa ${p.limit} mục`, en: `must have at most ${p.limit} items` };
    case 'additionalProperties': return { vi: 'là trường không có trong biểu mẫu', en: 'is not a field of this form' };
    default: return { vi: `không hợp lệ (${e.message ?? e.keyword})`, en: e.message ?? 'is invalid' };
  }
}

/** Validates form answers against the version's JSON Schema; field names are `form.<path>`. */
export function validateForm(v: ProcedureVersion, data: unknown): FieldError[] {
  return validateAgainst(v.id, v.definition.form, data);
}

/** Validates answers against any form schema that never changes under `cacheKey` (e.g. an interconnected group's version). */
export function validateAgainst(cacheKey: string, schema: Record<string, unknown>, data: unknown): FieldError[] {
  let fn = compiled.get(cacheKey);
  if (!fn) {
    fn = compileForm(schema) as ValidateFunction;
    compiled.set(cacheKey, fn);
  }
  if (fn(data)) return [];
  return (fn.errors ?? []).slice(0, 50).map((e) => {
    const field = fieldOf(e);
    const t = titleAt(schema, field);
    const m = explain(e);
    return { field, message_vi: t ? `${t}: ${m.vi}` : m.vi, message_en: m.en };
  });
}

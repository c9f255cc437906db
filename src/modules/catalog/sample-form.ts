/**
 * Builds answers that satisfy a form's JSON Schema, for demo data, benchmarks and tests:
 * every required field (and every property when `full`) gets a plausible Vietnamese value.
 */
export function sampleForm(schema: any, overrides: Record<string, unknown> = {}, full = true): Record<string, unknown> {
  const value = sampleValue(schema, '', full) as Record<string, unknown>;
  return deepMerge(value, overrides);
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' ? deepMerge(a[k] as any, v as any) : v;
  }
  return out;
}

const byName: [RegExp, string][] = [
  [/email/i, 'nguoidan@example.vn'],
  [/phone|dienthoai|sdt/i, '0912345678'],
  [/idnumber|cccd|dinhdanh|cmnd/i, '001090012345'],
  [/name|ten/i, 'Nguyễn Văn An'],
  [/address|diachi|noi/i, 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội'],
];

function sampleString(s: any, key: string): string {
  if (s.format === 'date') return '1990-05-14';
  if (s.format === 'date-time') return '2026-01-15T09:00:00+07:00';
  if (s.format === 'email') return 'nguoidan@example.vn';
  if (s.format === 'uri') return 'https://example.vn';
  if (s.pattern) {
    if (/\^\[?0-?9?\]?\{12\}\$|\^\\d\{12\}\$|\{12\}/.test(s.pattern)) return '001090012345';
    if (/\^0/.test(s.pattern)) return '0912345678';
    const m = /\{(\d+)\}/.exec(s.pattern);
    if (m) return '1'.repeat(Number(m[1]));
  }
  for (const [re, v] of byName) if (re.test(key)) return fitLength(v, s);
  return fitLength('Nội dung mẫu', s);
}

function fitLength(v: string, s: any): string {
  let out = v;
  if (s.minLength && out.length < s.minLength) out = out.padEnd(s.minLength, '.');
  if (s.maxLength && out.length > s.maxLength) out = out.slice(0, s.maxLength);
  return out;
}

function sampleValue(s: any, key: string, full: boolean): unknown {
  if (!s || typeof s !== 'object') return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.oneOf)) return sampleValue(s.oneOf[0], key, full);
  if (Array.isArray(s.anyOf)) return sampleValue(s.anyOf[0], key, full);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const req: string[] = s.required ?? [];
      for (const [k, sub] of Object.entries<any>(s.properties ?? {})) {
        if (full || req.includes(k)) out[k] = sampleValue(sub, k, full);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: n }, () => sampleValue(s.items ?? {}, key, full));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string':
      return sampleString(s, key);
    default:
      return 'Nội dung mẫu';
  }
}

/**
 * The procedure definition as the editor holds it, and the pure helpers around it: paths for
 * field errors, the blank template, what is sent on save, and the same process-fits-deadline
 * rules as src/modules/catalog/rules.ts (checked live in the browser before saving).
 */
export const ROLES = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority'] as const;
export const SECTORS = ['people_committee', 'justice', 'construction', 'agriculture_environment', 'finance', 'health', 'education',
  'industry_trade', 'culture', 'home_affairs', 'police', 'social_insurance', 'tax', 'notary'] as const;
export const DOC_KINDS = ['original', 'copy', 'certified_copy', 'original_or_certified_copy'] as const;

export interface Duration { unit: 'working_hours' | 'working_days'; value: number | undefined }
export interface Fee {
  name: string; nameEn: string; amount: number | undefined; onlineAmount?: number; effectiveFrom: string; effectiveTo?: string; basis: string; note?: string;
}
export interface Doc {
  code: string; name: string; nameEn: string; kind: (typeof DOC_KINDS)[number]; count: number | undefined; required: boolean; template?: 'form'; note?: string;
}
export interface Step { name: string; nameEn: string; role: (typeof ROLES)[number]; unit: string; duration: Duration }
export interface Definition {
  code: string; name: string; nameEn: string; field: string; fieldEn: string; fieldCode: string;
  level: 'commune' | 'province'; sector: (typeof SECTORS)[number];
  deadline: { unit: 'working_days' | 'working_hours' | 'same_day'; value: number | undefined };
  fees: Fee[]; documents: Doc[]; form: Record<string, any>; onlineLevel: 'full' | 'partial'; legalBasis: string[];
  resultType: string; resultTypeEn: string; minEidLevel: 0 | 1 | 2; lifeEvents: string[]; keywords: string[]; process: Step[];
}

const KEYS: (keyof Definition)[] = ['code', 'name', 'nameEn', 'field', 'fieldEn', 'fieldCode', 'level', 'sector', 'deadline', 'fees', 'documents', 'form',
  'onlineLevel', 'legalBasis', 'resultType', 'resultTypeEn', 'minEidLevel', 'lifeEvents', 'keywords', 'process'];

/** The definition out of a GET /procedures/:code answer (which adds version, feesToday, versions…). */
export function pickDefinition(p: any): Definition {
  const out: any = {};
  for (const k of KEYS) out[k] = structuredClone(p[k]);
  out.keywords ??= [];
  out.lifeEvents ??= [];
  return out as Definition;
}

/** Vietnam has no daylight saving: local date = UTC + 7 h. */
export function todayLocal(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function blankDefinition(): Definition {
  const h = (v: number): Duration => ({ unit: 'working_hours', value: v });
  return {
    code: '', name: '', nameEn: '', field: '', fieldEn: '', fieldCode: '', level: 'commune', sector: 'people_committee',
    deadline: { unit: 'working_days', value: 3 },
    fees: [],
    documents: [{ code: 'to-khai', name: 'Tờ khai (theo mẫu)', nameEn: 'Application form (prescribed form)', kind: 'original', count: 1, required: true, template: 'form' }],
    form: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      title: 'Tờ khai',
      properties: {
        applicant: {
          type: 'object',
          title: 'Thông tin người nộp hồ sơ',
          properties: {
            fullName: { type: 'string', title: 'Họ, chữ đệm và tên', minLength: 2, maxLength: 100 },
            idNumber: { type: 'string', title: 'Số định danh cá nhân', pattern: '^[0-9]{12}$' },
            phone: { type: 'string', title: 'Số điện thoại', pattern: '^0[0-9]{9}$' },
            email: { type: 'string', title: 'Thư điện tử', format: 'email' },
          },
          required: ['fullName', 'idNumber', 'phone'],
        },
      },
      required: ['applicant'],
    },
    onlineLevel: 'partial',
    legalBasis: [''],
    resultType: '', resultTypeEn: '', minEidLevel: 0, lifeEvents: [], keywords: [],
    process: [
      { name: 'Tiếp nhận, kiểm tra hồ sơ; cấp Giấy tiếp nhận và hẹn trả kết quả', nameEn: 'Receive and check the dossier, issue the receipt', role: 'desk_officer', unit: 'desk', duration: h(4) },
      { name: 'Thụ lý, thẩm định hồ sơ, dự thảo kết quả', nameEn: 'Examine the dossier and draft the result', role: 'processing_officer', unit: 'division:van-phong', duration: h(12) },
      { name: 'Lãnh đạo phòng kiểm tra, trình ký', nameEn: 'Head of division reviews and submits for signature', role: 'head_of_division', unit: 'division:van-phong', duration: h(4) },
      { name: 'Lãnh đạo cơ quan ký kết quả', nameEn: 'The signing authority signs the result', role: 'signing_authority', unit: 'leadership', duration: h(2) },
      { name: 'Vào sổ, trả kết quả', nameEn: 'Record and return the result', role: 'desk_officer', unit: 'desk', duration: h(2) },
    ],
  };
}

/** What is sent: optional empties dropped, list rows left blank dropped, text trimmed. Nothing else is changed. */
export function forSave(d: Definition): unknown {
  const trim = (s: unknown) => (typeof s === 'string' ? s.trim() : s);
  const opt = (s: unknown) => (typeof s === 'string' && s.trim() === '' ? undefined : trim(s));
  return {
    ...d,
    code: d.code.trim(), name: d.name.trim(), nameEn: d.nameEn.trim(), field: d.field.trim(), fieldEn: d.fieldEn.trim(), fieldCode: d.fieldCode.trim(),
    resultType: d.resultType.trim(), resultTypeEn: d.resultTypeEn.trim(),
    deadline: d.deadline.unit === 'same_day' ? { unit: 'same_day', value: 0 } : d.deadline,
    fees: d.fees.map((f) => ({ ...f, name: trim(f.name), nameEn: trim(f.nameEn), basis: trim(f.basis), effectiveTo: opt(f.effectiveTo), note: opt(f.note) })),
    documents: d.documents.map((x) => ({ ...x, code: trim(x.code), name: trim(x.name), nameEn: trim(x.nameEn), note: opt(x.note), template: x.template || undefined })),
    legalBasis: d.legalBasis.map((s) => s.trim()).filter(Boolean),
    keywords: d.keywords.map((s) => s.trim()).filter(Boolean),
    process: d.process.map((s) => ({ ...s, name: s.name.trim(), nameEn: s.nameEn.trim() })),
  };
}

// ---- paths: "fees[0].onlineAmount" ----------------------------------------------------------

export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) { out.push(part); continue; }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function getIn(obj: any, path: string): any {
  let cur = obj;
  for (const k of parsePath(path)) {
    if (cur == null) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** An immutable set: only the objects on the path are copied, so unchanged parts keep their identity. */
export function setIn<T>(obj: T, path: string, value: unknown): T {
  const keys = parsePath(path);
  const rec = (cur: any, i: number): any => {
    if (i === keys.length) return value;
    const k = keys[i];
    const copy = Array.isArray(cur) ? [...cur] : { ...(cur ?? {}) };
    const next = rec(cur?.[k], i + 1);
    if (next === undefined && !Array.isArray(copy)) delete copy[k];
    else copy[k] = next;
    return copy;
  };
  return rec(obj, 0);
}

/** A DOM id for the input of a path ("fees[0].amount" → "f-fees-0--amount"). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The closest element on the page for an error path: the field itself, else its row, else its section. */
export function elementForPath(path: string): HTMLElement | null {
  let p = path;
  for (;;) {
    const el = document.getElementById(fieldId(p));
    if (el) return el;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
}

/** Server field errors ("definition.fees[0].onlineAmount") keyed by editor path ("fees[0].onlineAmount"). */
export function errorsByPath(errors: { field: string; message_vi: string; message_en: string }[], lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const p = e.field.replace(/^definition\.?/, '') || '(definition)';
    const msg = lang.startsWith('en') ? e.message_en : e.message_vi;
    out[p] = out[p] ? `${out[p]}; ${msg}` : msg;
  }
  return out;
}

// ---- the internal process against the legal deadline (rules.ts) ------------------------------

export function hoursPerDayOf(periods: { start: string; end: string }[] | undefined): number {
  if (!periods?.length) return 8;
  const min = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const total = periods.reduce((s, p) => s + Math.max(0, min(p.end) - min(p.start)), 0) / 60;
  return total > 0 ? total : 8;
}

export interface ProcessCheck {
  totalHours: number;
  legalHours: number;
  fits: boolean;
  rules: { key: 'fits' | 'oneSigning' | 'signingInside' | 'firstDesk' | 'lastDesk'; ok: boolean }[];
}

export function stepHours(d: Duration | undefined, hoursPerDay: number): number {
  const v = Number(d?.value) || 0;
  return d?.unit === 'working_days' ? v * hoursPerDay : v;
}

export function checkProcess(def: Pick<Definition, 'deadline' | 'process'>, hoursPerDay: number): ProcessCheck {
  const legalHours = def.deadline.unit === 'same_day' ? hoursPerDay : def.deadline.unit === 'working_days' ? (Number(def.deadline.value) || 0) * hoursPerDay : Number(def.deadline.value) || 0;
  const totalHours = def.process.reduce((s, st) => s + stepHours(st.duration, hoursPerDay), 0);
  const signing = def.process.map((s, i) => (s.role === 'signing_authority' ? i : -1)).filter((i) => i >= 0);
  const first = def.process[0];
  const last = def.process[def.process.length - 1];
  const isDesk = (s?: Step) => !!s && s.role === 'desk_officer' && s.unit === 'desk';
  const fits = totalHours <= legalHours + 1e-9;
  return {
    totalHours, legalHours, fits,
    rules: [
      { key: 'fits', ok: fits },
      { key: 'oneSigning', ok: signing.length === 1 },
      { key: 'signingInside', ok: signing.length === 1 && signing[0] > 0 && signing[0] < def.process.length - 1 },
      { key: 'firstDesk', ok: isDesk(first) },
      { key: 'lastDesk', ok: isDesk(last) && def.process.length > 1 },
    ],
  };
}

export const fmtHours = (h: number) => (Math.round(h * 10) / 10).toLocaleString('vi-VN');

// ---- the application form's top-level properties ---------------------------------------------

export const PROP_TYPES = ['string', 'date', 'email', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type PropType = (typeof PROP_TYPES)[number] | 'other';
export interface PropRow { key: string; title: string; type: PropType; required: boolean }

export function propType(s: any): PropType {
  if (!s || typeof s !== 'object') return 'other';
  if (s.type === 'string') return s.format === 'date' ? 'date' : s.format === 'email' ? 'email' : 'string';
  if (['number', 'integer', 'boolean', 'object', 'array'].includes(s.type)) return s.type;
  return 'other';
}

export function propRows(form: any): PropRow[] {
  const props = form?.properties && typeof form.properties === 'object' ? form.properties : {};
  const req: string[] = Array.isArray(form?.required) ? form.required : [];
  return Object.entries(props).map(([key, s]: [string, any]) => ({ key, title: typeof s?.title === 'string' ? s.title : '', type: propType(s), required: req.includes(key) }));
}

function schemaFor(type: PropType, title: string): any {
  switch (type) {
    case 'date': return { type: 'string', format: 'date', title };
    case 'email': return { type: 'string', format: 'email', title };
    case 'object': return { type: 'object', title, properties: {} };
    case 'array': return { type: 'array', title, items: { type: 'string' } };
    default: return { type, title };
  }
}

function rebuild(form: any, entries: [string, any][], required: string[]): any {
  const out = { ...form, properties: Object.fromEntries(entries) };
  if (required.length) out.required = required;
  else delete out.required;
  return out;
}

export const propKeyOk = (k: string) => /^[A-Za-z_][A-Za-z0-9_]{0,59}$/.test(k);

export function addProp(form: any, row: PropRow): any {
  const entries = Object.entries(form.properties ?? {});
  const req = [...(form.required ?? [])].filter((k: string) => k !== row.key);
  if (row.required) req.push(row.key);
  return rebuild(form, [...entries, [row.key, schemaFor(row.type, row.title)]], req);
}

export function removeProp(form: any, key: string): any {
  return rebuild(form, Object.entries(form.properties ?? {}).filter(([k]) => k !== key), (form.required ?? []).filter((k: string) => k !== key));
}

export function moveProp(form: any, key: string, by: -1 | 1): any {
  const entries = Object.entries(form.properties ?? {});
  const i = entries.findIndex(([k]) => k === key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= entries.length) return form;
  [entries[i], entries[j]] = [entries[j], entries[i]];
  return rebuild(form, entries, form.required ?? []);
}

export function updateProp(form: any, key: string, patch: Partial<PropRow>): any {
  const entries = Object.entries(form.properties ?? {}).map(([k, s]: [string, any]): [string, any] => {
    if (k !== key) return [k, s];
    let next = s;
    if (patch.type && patch.type !== propType(s)) {
      // Keep what does not depend on the type (title, description, default is dropped).
      next = { ...schemaFor(patch.type, s?.title ?? ''), ...(s?.description ? { description: s.description } : {}) };
    }
    if (patch.title !== undefined) next = { ...next, title: patch.title };
    return [patch.key ?? k, next];
  });
  let req: string[] = (form.required ?? []).map((k: string) => (k === key && patch.key ? patch.key : k));
  const finalKey = patch.key ?? key;
  if (patch.required === true && !req.includes(finalKey)) req = [...req, finalKey];
  if (patch.required === false) req = req.filter((k) => k !== finalKey);
  return rebuild(form, entries, req);
}

/** Line and column of a JSON.parse error (V8 reports "at position N"). */
export function jsonErrorAt(text: string, message: string): { line: number; col: number } | null {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), col: Number(lc[2]) };
  const m = /position (\d+)/.exec(message);
  if (!m) return null;
  const before = text.slice(0, Number(m[1]));
  const lines = before.split('\n');
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}

/** "Giấy tờ tùy thân" → "giay-to-tuy-than" (document codes). */
export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

export function moveItem<T>(xs: T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

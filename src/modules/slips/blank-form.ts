/**
 * A printable blank declaration (tờ khai) generated from the JSON Schema of an application form:
 * each property a labelled line with a dotted fill, nested objects as numbered sub-sections, enums
 * and booleans as ☐ check boxes, arrays of objects as blank tables, then the declaration
 * ("Tôi cam đoan…") and the declarant's signature.
 *
 * Supported schema features: `properties` (in declaration order), `title`, `description`, `type`
 * (also `["string","null"]`), `enum` (+ `enumNames` / `x-enumNames` labels), `oneOf`/`anyOf` of
 * `{const, title}`, `format: date | date-time | time`, long text (`maxLength` ≥ 250,
 * `format: textarea`, `x-multiline`, `ui:widget: textarea`), `items`, `minItems`, local `$ref`
 * (`#/$defs/…`, `#/definitions/…`) and `allOf` merging. Properties with `"x-print": false` or
 * `"x-hidden": true`, and `const` properties, are skipped.
 */
import { drawDocumentHeader, drawTitle } from './common.ts';
import { SIZE, SlipWriter, upper, type Column, type Content, type Line, type Run, type TextStyle } from './layout.ts';
import type { BlankFormInput } from './types.ts';

type Schema = Record<string, unknown>;

const BOX = '☐';
const MAX_DEPTH = 6;
const FILL_LEADING = 1.75;

function isObj(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = root;
  for (const p of parts) {
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return isObj(cur) ? cur : undefined;
}

/** Follows `$ref` and merges `allOf` (properties, required, other keywords: first wins, local wins). */
function resolve(s: unknown, root: Schema, seen: Set<string> = new Set()): Schema {
  if (!isObj(s)) return {};
  let out: Schema = { ...s };
  if (typeof s.$ref === 'string' && !seen.has(s.$ref)) {
    const target = pointer(root, s.$ref);
    if (target) {
      const base = resolve(target, root, new Set(seen).add(s.$ref));
      const { $ref: _ref, ...local } = s;
      out = { ...base, ...local };
      if (isObj(base.properties) || isObj(local.properties)) {
        out.properties = { ...(base.properties as Schema | undefined), ...(local.properties as Schema | undefined) };
      }
    }
  }
  if (Array.isArray(s.allOf)) {
    const merged: Schema = {};
    let props: Schema = {};
    for (const sub of s.allOf) {
      const r = resolve(sub, root, seen);
      if (isObj(r.properties)) props = { ...props, ...r.properties };
      for (const [k, v] of Object.entries(r)) if (!(k in merged) && k !== 'properties') merged[k] = v;
    }
    const { allOf: _a, ...rest } = out;
    out = { ...merged, ...rest };
    if (Object.keys(props).length || isObj(out.properties)) out.properties = { ...props, ...(out.properties as Schema | undefined) };
  }
  return out;
}

function typeOf(s: Schema): string | undefined {
  const t = s.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  if (isObj(s.properties)) return 'object';
  if (s.items !== undefined) return 'array';
  return undefined;
}

/** Labels of an enumeration, or undefined when the schema is not one. */
function options(s: Schema, root: Schema): string[] | undefined {
  if (Array.isArray(s.enum)) {
    const names = (s.enumNames ?? s['x-enumNames'] ?? s['x-enum-titles']) as unknown;
    return s.enum
      .filter((v) => v !== null)
      .map((v, i) => (Array.isArray(names) && typeof names[i] === 'string' ? (names[i] as string) : String(v)));
  }
  const alts = (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined) as unknown[] | undefined;
  if (alts) {
    const rs = alts.map((a) => resolve(a, root));
    if (rs.length && rs.every((r) => 'const' in r || Array.isArray(r.enum))) {
      return rs
        .filter((r) => !(r.const === null || r.type === 'null'))
        .map((r) => (typeof r.title === 'string' ? r.title : String('const' in r ? r.const : (r.enum as unknown[])[0])));
    }
  }
  return undefined;
}

function isMultiline(s: Schema): boolean {
  return (
    s.format === 'textarea' ||
    s['x-multiline'] === true ||
    s['ui:widget'] === 'textarea' ||
    s['x-widget'] === 'textarea' ||
    (typeof s.maxLength === 'number' && s.maxLength >= 250)
  );
}

function isAttachment(s: Schema): boolean {
  return s.format === 'data-url' || s.format === 'binary' || typeof s.contentEncoding === 'string' || s['x-attachment'] === true;
}

function humanize(key: string): string {
  const s = key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

type Seg = { text: Run[] } | { dots: number | 'rest' };

class FormRenderer {
  constructor(
    private readonly w: SlipWriter,
    private readonly root: Schema,
  ) {}

  private readonly style: TextStyle = { size: SIZE.body, leading: FILL_LEADING };

  /** Lines of text (label etc.) followed by dotted fills, wrapping as needed. */
  fill(x: number, segs: Seg[], extraLines = 0): void {
    const w = this.w;
    const width = w.right - x;
    const lh = SIZE.body * FILL_LEADING;
    let cx = x; // current pen x on the current line
    let lineStarted = false;
    const newLine = () => {
      w.y += lh;
      cx = x;
      lineStarted = false;
    };
    const begin = () => {
      if (!lineStarted) {
        w.ensure(lh);
        lineStarted = true;
      }
    };
    for (const seg of segs) {
      if ('text' in seg) {
        // Lay out the text starting at the current pen position.
        const first = width - (cx - x);
        const lines: Line[] = w.layout(seg.text, this.style, (i) => (i === 0 ? first : width));
        lines.forEach((l, i) => {
          if (i > 0) newLine();
          begin();
          w.drawLine(l, cx, w.y + (lh - SIZE.body * 1.2) / 2, width);
          cx += l.width;
        });
      } else {
        const want = seg.dots === 'rest' ? w.right - cx : seg.dots;
        if (seg.dots === 'rest' && want < 40) newLine();
        else if (seg.dots !== 'rest' && cx + want > w.right) newLine();
        begin();
        const end = seg.dots === 'rest' ? w.right : cx + (seg.dots as number);
        w.dots(cx + 2, end, w.baseline(w.y + (lh - SIZE.body * 1.2) / 2, SIZE.body));
        cx = end;
      }
    }
    newLine();
    for (let i = 0; i < extraLines; i++) {
      w.ensure(lh);
      w.dots(x, w.right, w.baseline(w.y + (lh - SIZE.body * 1.2) / 2, SIZE.body));
      w.y += lh;
    }
  }

  private label(num: string, title: string, description: unknown, colon = true): Run[] {
    const r: Run[] = [];
    if (num) r.push({ text: `${num} ` });
    r.push({ text: title });
    if (typeof description === 'string' && description.trim()) r.push({ text: ` (${description.trim()})`, font: 'italic', size: SIZE.small });
    if (colon) r.push({ text: ':' });
    return r;
  }

  private boxes(labels: string[]): Run[] {
    const r: Run[] = [];
    labels.forEach((l) => {
      r.push({ text: '   ' }, { text: BOX, font: 'symbol', size: SIZE.body + 1 }, { text: ` ${l}`, nobreak: true, nowrap: true });
    });
    return r;
  }

  properties(schema: Schema, x: number, prefix: string, depth: number): void {
    const props = isObj(schema.properties) ? schema.properties : {};
    let i = 0;
    for (const [key, raw] of Object.entries(props)) {
      const s = resolve(raw, this.root);
      if (s['x-print'] === false || s['x-hidden'] === true || ('const' in s && !options(s, this.root))) continue;
      i += 1;
      const num = `${prefix}${i}.`;
      const title = typeof s.title === 'string' && s.title.trim() ? s.title.trim() : humanize(key);
      this.property(s, title, num, x, depth);
    }
  }

  private property(s: Schema, title: string, num: string, x: number, depth: number): void {
    const w = this.w;
    const type = typeOf(s);
    const opts = options(s, this.root);
    const indent = 16;

    if (type === 'object' && isObj(s.properties) && depth < MAX_DEPTH) {
      w.ensure(SIZE.body * 4);
      w.paragraph([{ text: `${num} ${title}`, font: 'bold' }, ...(typeof s.description === 'string' ? [{ text: ` (${s.description})`, font: 'italic' as const, size: SIZE.small }] : [])], {
        x,
        spaceBefore: 4,
        spaceAfter: 1,
      });
      this.properties(s, x + indent, num, depth + 1);
      return;
    }
    if (opts) {
      this.fill(x, [{ text: [...this.label(num, title, s.description), ...this.boxes(opts)] }]);
      return;
    }
    if (type === 'boolean') {
      this.fill(x, [{ text: [{ text: `${num} ` }, { text: BOX, font: 'symbol', size: SIZE.body + 1 }, { text: ` ${title}` }] }]);
      return;
    }
    if (isAttachment(s)) {
      this.fill(x, [{ text: [...this.label(num, title, s.description), { text: ' (giấy tờ nộp kèm theo tờ khai)', font: 'italic' }] }]);
      return;
    }
    if (type === 'array') {
      const items = resolve(s.items, this.root);
      const itemOpts = options(items, this.root);
      if (itemOpts) {
        this.fill(x, [{ text: [...this.label(num, title, s.description), { text: ' (có thể chọn nhiều)', font: 'italic', size: SIZE.small }, ...this.boxes(itemOpts)] }]);
        return;
      }
      if (typeOf(items) === 'object' && isObj(items.properties)) {
        this.fill(x, [{ text: this.label(num, title, s.description) }]);
        this.blankTable(items, x, typeof s.minItems === 'number' ? s.minItems : 3);
        return;
      }
      this.fill(x, [{ text: [...this.label(num, title, s.description), { text: ' ' }] }, { dots: 'rest' }], 1);
      return;
    }
    const label = this.label(num, title, s.description);
    if (s.format === 'date') {
      this.fill(x, [{ text: [...label, { text: ' ngày ' }] }, { dots: 34 }, { text: [{ text: ' tháng ' }] }, { dots: 34 }, { text: [{ text: ' năm ' }] }, { dots: 54 }]);
      return;
    }
    if (s.format === 'date-time') {
      this.fill(x, [{ text: [...label, { text: ' ' }] }, { dots: 26 }, { text: [{ text: ' giờ ' }] }, { dots: 26 }, { text: [{ text: ' phút, ngày ' }] }, { dots: 30 }, { text: [{ text: ' tháng ' }] }, { dots: 30 }, { text: [{ text: ' năm ' }] }, { dots: 50 }]);
      return;
    }
    if (s.format === 'time') {
      this.fill(x, [{ text: [...label, { text: ' ' }] }, { dots: 30 }, { text: [{ text: ' giờ ' }] }, { dots: 30 }, { text: [{ text: ' phút' }] }]);
      return;
    }
    this.fill(x, [{ text: [...label, { text: ' ' }] }, { dots: 'rest' }], isMultiline(s) ? 2 : 0);
  }

  private blankTable(items: Schema, x: number, minRows: number): void {
    const props = Object.entries(isObj(items.properties) ? items.properties : {})
      .map(([k, v]) => [k, resolve(v, this.root)] as const)
      .filter(([, s]) => s['x-print'] !== false && s['x-hidden'] !== true);
    if (!props.length) return;
    const sttW = 30;
    const avail = this.w.right - x - sttW;
    const cols: Column[] = [
      { title: 'STT', width: sttW, align: 'center' },
      ...props.map(([k, s]) => ({ title: typeof s.title === 'string' ? s.title : humanize(k), width: avail / props.length })),
    ];
    const n = Math.max(2, Math.min(8, Math.round(minRows) || 3));
    const rows: Content[][] = Array.from({ length: n }, (_, i) => [String(i + 1), ...props.map(() => '')]);
    this.w.table(cols, rows, { x, minRowHeight: 24, size: SIZE.table });
    this.w.space(6);
  }
}

export function renderBlankForm(a: BlankFormInput): Promise<Buffer> {
  const root = isObj(a.schema) ? (a.schema as Schema) : {};
  // Fixed date: a blank form has no issue date; keeps the output byte-stable.
  const w = new SlipWriter({ title: a.title, subject: a.procedureName, date: new Date(Date.UTC(2025, 0, 1)), footerLabel: upper(a.title) });

  drawDocumentHeader(w, {});
  drawTitle(w, a.title, [[{ text: `(Thủ tục: ${a.procedureName})`, font: 'italic' }]]);
  if (a.agencyName) {
    w.paragraph([{ text: 'Kính gửi: ' }, { text: a.agencyName, font: 'bold' }], { align: 'center', spaceAfter: 8 });
  }

  const r = new FormRenderer(w, root);
  r.properties(resolve(root, root), w.left, '', 0);

  w.space(8);
  w.paragraph(
    'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.',
    { firstLineIndent: 28, spaceAfter: 4 },
  );
  w.signatures([null, { above: '……………, ngày …… tháng …… năm ………', title: 'Người khai', hint: '(Ký và ghi rõ họ tên)' }], { spaceBefore: 6 });
  return w.finish();
}

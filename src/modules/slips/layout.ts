/**
 * A small layout engine on top of pdfkit: rich-text runs with our own line
 * breaking (so we know exactly where every line ends — needed for dotted fill
 * lines and predictable page breaks), tables whose header repeats on every
 * page, two-column header blocks and signature blocks.
 *
 * Every string is NFC-normalised before layout so Vietnamese text typed with
 * combining marks still maps to the precomposed glyphs of DejaVu and comes
 * back out of the PDF (copy/paste, pdftotext) as the same NFC text.
 */
import PDFDocument from 'pdfkit';
import { loadFonts, FONT_NAMES, type FontName } from './fonts.ts';

export type { FontName } from './fonts.ts';

export interface Run {
  text: string;
  font?: FontName;
  size?: number;
  /** Make the text a hyperlink. */
  link?: string;
  color?: string;
  /** No line break allowed before this run, even if it starts with a space. */
  nobreak?: boolean;
  /** No line break allowed inside this run. */
  nowrap?: boolean;
}

/** Plain text or rich runs. `\n` forces a line break. */
export type Content = string | Run[];

export type Align = 'left' | 'center' | 'right';

interface Atom {
  kind: 'word' | 'space' | 'newline';
  text: string;
  font: FontName;
  size: number;
  link?: string;
  color?: string;
  /** For spaces: may the line break here? */
  breakable: boolean;
}

interface Piece {
  text: string;
  font: FontName;
  size: number;
  width: number;
  link?: string;
  color?: string;
}

export interface Line {
  pieces: Piece[];
  width: number;
  /** Largest font size on the line. */
  size: number;
}

export interface TextStyle {
  font?: FontName;
  size?: number;
  /** Line height as a multiple of the font size. */
  leading?: number;
}

export interface ParagraphOptions extends TextStyle {
  align?: Align;
  /** Left edge (defaults to the left margin). */
  x?: number;
  /** Available width (defaults to the rest of the content width). */
  width?: number;
  /** Extra indent of the first line (may be negative for a hanging indent). */
  firstLineIndent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
}

export interface Column {
  title: string;
  width: number;
  align?: Align;
  headerAlign?: Align;
}

export interface TableOptions {
  size?: number;
  headerSize?: number;
  padding?: number;
  /** Minimum body row height (for blank, fill-in tables). */
  minRowHeight?: number;
  x?: number;
}

export interface SignatureBlock {
  /** Upper-case role, e.g. `NGƯỜI TIẾP NHẬN HỒ SƠ`. */
  title: string;
  /** Italic hint under the title, e.g. `(Ký và ghi rõ họ tên)`. */
  hint?: string;
  /** Lines above the title (e.g. the place/date line). */
  above?: string;
  name?: string;
}

export interface WriterOptions {
  title: string;
  subject?: string;
  /** Written as the PDF creation date; keeps the output reproducible. */
  date: Date;
  /** Printed in the footer of multi-page documents. */
  footerLabel?: string;
}

const PT_PER_MM = 72 / 25.4;
/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
/** Margins per Decree 30/2020 (left 30 mm, right 15 mm, top/bottom 20 mm). */
export const MARGIN = { top: 20 * PT_PER_MM, bottom: 20 * PT_PER_MM, left: 30 * PT_PER_MM, right: 15 * PT_PER_MM } as const;

export const SIZE = { body: 11.5, header: 11, title: 14, table: 10, small: 9.5 } as const;
const LEADING = 1.32;
/** Ascender of DejaVu (1901/2048 em). */
const ASCENT = 0.93;

const BOLD_FONTS = new Set<FontName>(['bold', 'boldItalic', 'symbolBold']);

export function nfc(s: string): string {
  // NFC, and no control characters other than \n (tabs become spaces).
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

export function runs(content: Content, style: TextStyle = {}): Run[] {
  return typeof content === 'string' ? [{ text: content, font: style.font, size: style.size }] : content;
}

export function upper(s: string): string {
  return nfc(s).toLocaleUpperCase('vi');
}

export class SlipWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly left = MARGIN.left;
  readonly right = PAGE.width - MARGIN.right;
  readonly top = MARGIN.top;
  /** Content may go down to here; the footer lives below. */
  readonly bottom = PAGE.height - MARGIN.bottom;
  readonly width = PAGE.width - MARGIN.left - MARGIN.right;
  y: number;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly widthCache = new Map<string, number>();
  private readonly glyphCheck: Partial<Record<FontName, (cp: number) => boolean>> = {};
  private currentFont: FontName | undefined;
  private currentSize = 0;
  private readonly footerLabel?: string;
  /** Called after a page break (e.g. to repeat a table header). */
  private onNewPage: (() => void) | undefined;

  constructor(opts: WriterOptions) {
    this.footerLabel = opts.footerLabel;
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      lang: 'vi-VN',
      displayTitle: true,
      info: {
        Title: nfc(opts.title),
        ...(opts.subject ? { Subject: nfc(opts.subject) } : {}),
        Producer: 'Motcua',
        Creator: 'Motcua',
        CreationDate: opts.date,
      },
    } as PDFKit.PDFDocumentOptions);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    const fonts = loadFonts();
    for (const name of FONT_NAMES) {
      const f = fonts[name];
      // pdfkit accepts an already parsed fontkit font (duck-typed on `layout`).
      this.doc.registerFont(name, (f.parsed ?? f.data) as PDFKit.Mixins.PDFFontSource);
      if (f.parsed) {
        const parsed = f.parsed;
        this.glyphCheck[name] = (cp) => parsed.hasGlyphForCodePoint(cp);
      }
    }
    this.y = this.top;
  }

  // ---------------------------------------------------------------- fonts

  private use(font: FontName, size: number): void {
    if (font !== this.currentFont) {
      this.doc.font(font);
      this.currentFont = font;
    }
    if (size !== this.currentSize) {
      this.doc.fontSize(size);
      this.currentSize = size;
    }
  }

  measure(text: string, font: FontName, size: number): number {
    const key = `${font}\u0001${size}\u0001${text}`;
    let w = this.widthCache.get(key);
    if (w === undefined) {
      this.use(font, size);
      w = this.doc.widthOfString(text);
      this.widthCache.set(key, w);
    }
    return w;
  }

  /** Splits `text` into same-font chunks, falling back to DejaVu Sans for characters the serif face lacks. */
  private withFallback(text: string, font: FontName): { text: string; font: FontName }[] {
    const has = this.glyphCheck[font];
    if (!has || font === 'symbol' || font === 'symbolBold') return [{ text, font }];
    const fallback: FontName = BOLD_FONTS.has(font) ? 'symbolBold' : 'symbol';
    const out: { text: string; font: FontName }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 32;
      const f = cp <= 0x7e || has(cp) ? font : fallback;
      const last = out[out.length - 1];
      if (last && last.font === f) last.text += ch;
      else out.push({ text: ch, font: f });
    }
    return out;
  }

  // ---------------------------------------------------------------- line breaking

  private atoms(content: Content, style: TextStyle): Atom[] {
    const out: Atom[] = [];
    for (const run of runs(content, style)) {
      const font = run.font ?? style.font ?? 'regular';
      const size = run.size ?? style.size ?? SIZE.body;
      const text = nfc(run.text);
      let first = true;
      for (const tok of text.split(/(\n| +)/)) {
        if (tok === '') continue;
        const base = { font, size, link: run.link, color: run.color };
        if (tok === '\n') out.push({ ...base, kind: 'newline', text: '', breakable: true });
        else if (tok.startsWith(' ')) out.push({ ...base, kind: 'space', text: tok, breakable: !(run.nowrap || (first && run.nobreak)) });
        else {
          for (const part of this.withFallback(tok, font)) out.push({ ...base, font: part.font, kind: 'word', text: part.text, breakable: false });
        }
        first = false;
      }
    }
    return out;
  }

  /**
   * Breaks content into lines. `widthFor(i)` gives the available width of line i.
   */
  layout(content: Content, style: TextStyle, widthFor: (lineIndex: number) => number): Line[] {
    const atoms = this.atoms(content, style);
    // Group into units: [breakable spaces] + [words and non-breakable spaces].
    type Unit = { lead: Atom[]; body: Atom[]; newline?: boolean };
    const units: Unit[] = [];
    let cur: Unit = { lead: [], body: [] };
    const flush = () => {
      if (cur.lead.length || cur.body.length) units.push(cur);
      cur = { lead: [], body: [] };
    };
    for (const a of atoms) {
      if (a.kind === 'newline') {
        flush();
        units.push({ lead: [], body: [], newline: true });
      } else if (a.kind === 'space' && a.breakable) {
        if (cur.body.length) flush();
        cur.lead.push(a);
      } else {
        cur.body.push(a);
      }
    }
    flush();

    const lines: Atom[][] = [];
    let line: Atom[] = [];
    let lineW = 0;
    const w = (list: Atom[]) => list.reduce((s, a) => s + this.measure(a.text, a.font, a.size), 0);
    const pushLine = () => {
      while (line.length && line[line.length - 1].kind === 'space') line.pop();
      lines.push(line);
      line = [];
      lineW = 0;
    };
    const startLine = (u: Unit, bodyW: number) => {
      // Leading spaces at the start of a line are dropped.
      let avail = widthFor(lines.length);
      if (bodyW > avail && widthFor(lines.length + 1) > avail) {
        // Too narrow here (e.g. the rest of a line after a label): leave this line empty.
        lines.push([]);
        avail = widthFor(lines.length);
      }
      if (bodyW <= avail) {
        line.push(...u.body);
        lineW = bodyW;
      } else {
        this.hardBreak(u.body, widthFor, lines, (rest, restW) => {
          line = rest;
          lineW = restW;
        });
      }
    };
    for (const u of units) {
      if (u.newline) {
        pushLine();
        continue;
      }
      const leadW = w(u.lead);
      const bodyW = w(u.body);
      if (line.length === 0) {
        startLine(u, bodyW);
      } else if (lineW + leadW + bodyW <= widthFor(lines.length)) {
        line.push(...u.lead, ...u.body);
        lineW += leadW + bodyW;
      } else {
        pushLine();
        startLine(u, bodyW);
      }
    }
    if (line.length || lines.length === 0) pushLine();
    return lines.map((l) => this.toLine(l, style));
  }

  /** Breaks an over-long word (URL, code) between characters. */
  private hardBreak(body: Atom[], widthFor: (i: number) => number, lines: Atom[][], setRest: (rest: Atom[], w: number) => void): void {
    let line: Atom[] = [];
    let lineW = 0;
    for (const a of body) {
      for (const ch of a.text) {
        const cw = this.measure(ch, a.font, a.size);
        if (lineW + cw > widthFor(lines.length) && line.length) {
          lines.push(line);
          line = [];
          lineW = 0;
        }
        const last = line[line.length - 1];
        if (last && last.font === a.font && last.size === a.size && last.link === a.link && last.color === a.color && last.kind === a.kind) {
          last.text += ch;
        } else line.push({ ...a, text: ch });
        lineW += cw;
      }
    }
    setRest(line, lineW);
  }

  private toLine(atoms: Atom[], style: TextStyle): Line {
    const pieces: Piece[] = [];
    for (const a of atoms) {
      const last = pieces[pieces.length - 1];
      if (last && last.font === a.font && last.size === a.size && last.link === a.link && last.color === a.color) last.text += a.text;
      else pieces.push({ text: a.text, font: a.font, size: a.size, link: a.link, color: a.color, width: 0 });
    }
    let width = 0;
    let size = 0;
    for (const p of pieces) {
      p.width = this.measure(p.text, p.font, p.size);
      width += p.width;
      size = Math.max(size, p.size);
    }
    return { pieces, width, size: size || style.size || SIZE.body };
  }

  lineHeight(line: Line, style: TextStyle = {}): number {
    return line.size * (style.leading ?? LEADING);
  }

  drawLine(line: Line, x: number, y: number, width: number, align: Align = 'left'): void {
    let cx = align === 'center' ? x + (width - line.width) / 2 : align === 'right' ? x + width - line.width : x;
    for (const p of line.pieces) {
      this.use(p.font, p.size);
      const dy = (line.size - p.size) * ASCENT;
      if (p.color) this.doc.fillColor(p.color);
      this.doc.text(p.text, cx, y + dy, { lineBreak: false, link: p.link, underline: Boolean(p.link) } as PDFKit.Mixins.TextOptions);
      if (p.color) this.doc.fillColor('black');
      cx += p.width;
    }
  }

  // ---------------------------------------------------------------- flow

  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.currentFont = undefined;
    this.currentSize = 0;
    this.y = this.top;
    this.onNewPage?.();
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  space(h: number): void {
    this.y += h;
  }

  /** Lays out and draws a paragraph, breaking pages between lines. Returns the lines. */
  paragraph(content: Content, opts: ParagraphOptions = {}): Line[] {
    const x = opts.x ?? this.left;
    const width = opts.width ?? this.right - x;
    const fi = opts.firstLineIndent ?? 0;
    const style: TextStyle = { font: opts.font, size: opts.size, leading: opts.leading };
    if (opts.spaceBefore) this.y += opts.spaceBefore;
    const lines = this.layout(content, style, (i) => (i === 0 ? width - fi : width));
    lines.forEach((line, i) => {
      const h = this.lineHeight(line, style);
      this.ensure(h);
      const lx = i === 0 ? x + fi : x;
      this.drawLine(line, lx, this.y, i === 0 ? width - fi : width, opts.align);
      this.y += h;
    });
    if (opts.spaceAfter) this.y += opts.spaceAfter;
    return lines;
  }

  /** A labelled item with a hanging indent: `label` then `content` aligned after it. */
  item(label: Content, content: Content, opts: ParagraphOptions & { labelWidth?: number } = {}): void {
    const x = opts.x ?? this.left;
    const style: TextStyle = { font: opts.font, size: opts.size, leading: opts.leading };
    const labelLine = this.layout(label, style, () => 1e6)[0];
    const lw = Math.max(opts.labelWidth ?? 0, labelLine.width);
    const width = (opts.width ?? this.right - x) - lw;
    if (opts.spaceBefore) this.y += opts.spaceBefore;
    const lines = this.layout(content, style, () => width);
    lines.forEach((line, i) => {
      const h = this.lineHeight(line, style);
      this.ensure(h);
      if (i === 0) this.drawLine(labelLine, x, this.y + (line.size - labelLine.size) * ASCENT, lw);
      this.drawLine(line, x + lw, this.y, width, opts.align);
      this.y += h;
    });
    if (opts.spaceAfter) this.y += opts.spaceAfter;
  }

  hline(x1: number, x2: number, y: number, lineWidth = 0.6): void {
    this.doc.save().lineWidth(lineWidth).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  /** A dotted fill line (drawn, so it does not pollute text extraction). */
  dots(x1: number, x2: number, baseline: number): void {
    if (x2 - x1 < 4) return;
    this.doc
      .save()
      .lineWidth(0.9)
      .lineCap('round')
      .dash(0.01, { space: 2.6 })
      .moveTo(x1 + 1, baseline)
      .lineTo(x2, baseline)
      .stroke()
      .undash()
      .restore();
  }

  /** Baseline offset of a line drawn at `y` with the given size. */
  baseline(y: number, size: number): number {
    return y + size * ASCENT + 1;
  }

  // ---------------------------------------------------------------- blocks

  /**
   * Two columns side by side, each a list of centred lines; y advances past the taller one.
   * Returns the y of the bottom of each column.
   */
  columns(cols: { x: number; width: number; lines: { content: Content; style?: TextStyle; underline?: 'full' | 'third' }[] }[]): number[] {
    const startY = this.y;
    const bottoms = cols.map((col) => {
      let y = startY;
      for (const spec of col.lines) {
        const style = spec.style ?? {};
        const lines = this.layout(spec.content, style, () => col.width);
        let lastW = 0;
        for (const line of lines) {
          this.drawLine(line, col.x, y, col.width, 'center');
          y += this.lineHeight(line, style);
          lastW = line.width;
        }
        if (spec.underline) {
          const uw = spec.underline === 'full' ? lastW : Math.max(40, lastW / 3);
          const cx = col.x + col.width / 2;
          this.hline(cx - uw / 2, cx + uw / 2, y + 0.5, 0.7);
          y += 4;
        }
      }
      return y;
    });
    this.y = Math.max(startY, ...bottoms);
    return bottoms;
  }

  /**
   * Draws a table; the header row is repeated at the top of every page the table spans.
   */
  table(columns: Column[], rows: Content[][], opts: TableOptions = {}): void {
    const size = opts.size ?? SIZE.table;
    const headerSize = opts.headerSize ?? size;
    const pad = opts.padding ?? 4;
    const x0 = opts.x ?? this.left;
    const bodyStyle: TextStyle = { size, leading: 1.25 };
    const headStyle: TextStyle = { size: headerSize, font: 'bold', leading: 1.2 };

    const layoutRow = (cells: Content[], style: TextStyle) =>
      cells.map((c, i) => this.layout(c, style, () => columns[i].width - 2 * pad));
    const rowHeight = (cells: Line[][], style: TextStyle, min = 0) =>
      Math.max(min, ...cells.map((ls) => ls.reduce((s, l) => s + this.lineHeight(l, style), 0) + 2 * pad));

    const head = layoutRow(
      columns.map((c) => c.title),
      headStyle,
    );
    const headH = rowHeight(head, headStyle);

    const drawRow = (cells: Line[][], h: number, style: TextStyle, isHeader: boolean) => {
      let x = x0;
      cells.forEach((lines, i) => {
        const col = columns[i];
        if (isHeader) this.doc.save().rect(x, this.y, col.width, h).fill('#ececec').restore();
        this.doc.save().lineWidth(0.6).rect(x, this.y, col.width, h).stroke().restore();
        const contentH = lines.reduce((s, l) => s + this.lineHeight(l, style), 0);
        let y = isHeader ? this.y + (h - contentH) / 2 : this.y + pad;
        const align = isHeader ? (col.headerAlign ?? 'center') : (col.align ?? 'left');
        for (const l of lines) {
          this.drawLine(l, x + pad, y, col.width - 2 * pad, align);
          y += this.lineHeight(l, style);
        }
        x += col.width;
      });
      this.y += h;
    };
    const drawHeader = () => drawRow(head, headH, headStyle, true);

    const bodies = rows.map((r) => layoutRow(r, bodyStyle));
    const firstH = bodies.length ? rowHeight(bodies[0], bodyStyle, opts.minRowHeight) : 0;
    this.ensure(headH + firstH);
    const prev = this.onNewPage;
    this.onNewPage = () => {
      prev?.();
      drawHeader();
    };
    try {
      drawHeader();
      for (const cells of bodies) {
        const h = rowHeight(cells, bodyStyle, opts.minRowHeight);
        if (this.y + h > this.bottom) this.newPage();
        drawRow(cells, h, bodyStyle, false);
      }
    } finally {
      this.onNewPage = prev;
    }
  }

  /** Signature blocks in equal-width columns; `null` leaves a column empty. */
  /** Returns the y at which the blocks start (after any page break). */
  signatures(blocks: (SignatureBlock | null)[], opts: { gap?: number; spaceBefore?: number } = {}): number {
    const n = blocks.length;
    const colW = this.width / n;
    const gap = opts.gap ?? 62;
    const titleStyle: TextStyle = { font: 'bold', size: SIZE.body };
    const hintStyle: TextStyle = { font: 'italic', size: SIZE.small };
    const aboveStyle: TextStyle = { font: 'italic', size: SIZE.body };
    const nameStyle: TextStyle = { font: 'bold', size: SIZE.body };
    const colW2 = colW - 8;
    const heights = blocks.map((b) => {
      if (!b) return 0;
      const h = (c: Content | undefined, s: TextStyle) =>
        c ? this.layout(c, s, () => colW2).reduce((acc, l) => acc + this.lineHeight(l, s), 0) : 0;
      return h(b.above, aboveStyle) + h(upper(b.title), titleStyle) + h(b.hint, hintStyle) + gap + h(b.name, nameStyle);
    });
    if (opts.spaceBefore) this.y += opts.spaceBefore;
    this.ensure(Math.max(...heights));
    const startY = this.y;
    let maxY = startY;
    blocks.forEach((b, i) => {
      if (!b) return;
      this.y = startY;
      const x = this.left + i * colW + 4;
      const put = (c: string | undefined, s: TextStyle) => {
        if (!c) return;
        for (const l of this.layout(c, s, () => colW2)) {
          this.drawLine(l, x, this.y, colW2, 'center');
          this.y += this.lineHeight(l, s);
        }
      };
      put(b.above, aboveStyle);
      put(upper(b.title), titleStyle);
      put(b.hint, hintStyle);
      this.y += gap;
      put(b.name, nameStyle);
      maxY = Math.max(maxY, this.y);
    });
    this.y = maxY;
    return startY;
  }

  // ---------------------------------------------------------------- output

  private footers(): void {
    const range = this.doc.bufferedPageRange();
    if (range.count < 2) return;
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      this.currentFont = undefined;
      this.currentSize = 0;
      const label = `${this.footerLabel ? `${this.footerLabel} — ` : ''}Trang ${i + 1}/${range.count}`;
      const line = this.layout(label, { font: 'italic', size: SIZE.small - 1 }, () => this.width)[0];
      this.drawLine(line, this.left, PAGE.height - MARGIN.bottom / 2 - 4, this.width, 'center');
    }
  }

  finish(): Promise<Buffer> {
    this.footers();
    this.doc.end();
    return this.done;
  }
}

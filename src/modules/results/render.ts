/**
 * Renders an electronic result (kết quả điện tử) to PDF from a template (templates.json): the
 * national header, the issuing agency, the document title, the applicant's particulars, the text,
 * place and date, the signature block stored on the dossier at signing (TUQ./KT./TM. lines), and a
 * QR code to the public verification page. Fonts and layout are the slips module's.
 */
import QRCode from 'qrcode';
import { drawDocumentHeader, drawTitle } from '../slips/common.ts';
import { formatVnDate, vnParts } from '../slips/format.ts';
import { SIZE, SlipWriter, type Run } from '../slips/layout.ts';
import templates from './templates.json' with { type: 'json' };

export type ValueFormat = 'date' | 'number';

export interface TemplateField {
  label: string;
  value: string;
  bold?: boolean;
  /** `date`: ISO dates as dd/mm/yyyy; `number`: numbers with Vietnamese separators (120,5). */
  format?: ValueFormat;
}

/** A numbered part of the document: a heading, `label: value` lines and paragraphs. */
export interface TemplateSection {
  heading?: string;
  /** Printed only when this placeholder has a value other than `false` (e.g. `{form.requestBanInfo}`). */
  when?: string;
  /** Repeats the section's fields for each element of this form array (`form.members`): `{item.x}`, `{index}`. */
  each?: string;
  /** Heading of each repeated element, e.g. `{index}. {item.fullName}`. */
  itemHeading?: string;
  fields?: TemplateField[];
  /** Print each element (or the section's fields) as one paragraph: `heading — label: value; label: value`. */
  inline?: boolean;
  body?: string[];
  format?: ValueFormat;
}

export interface ResultTemplate {
  /** The document's title (placeholders allowed; the procedure's result type when absent or unfilled). */
  title?: string;
  /** Lines under the title; default `(Thủ tục: {procedure})`. */
  subtitle?: string[];
  /** Legal grounds (`Căn cứ …;`), in italics before the text. */
  basis?: string[];
  intro: string;
  fields: TemplateField[];
  sections?: TemplateSection[];
  body: string[];
}

export interface ResultDocument {
  procedureCode: string;
  procedureName: string;
  title: string;
  dossierCode: string;
  applicantName: string;
  applicantIdNumber?: string;
  form: Record<string, unknown>;
  agency: { name: string; parentName?: string; province: string };
  /** Signature block lines, top to bottom (e.g. `KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`). */
  signatureLines: string[];
  signerName: string;
  issuedAt: Date;
  verifyCode: string;
  verifyUrl: string;
}

/** A template that applies to results issued from `validFrom` (a date in Vietnam, yyyy-mm-dd) on. */
type Dated = ResultTemplate & { validFrom?: string };

/**
 * The procedure's template in force on `at` (Vietnam date): an entry is one template, or a list of
 * dated ones (`validFrom`) when a new form or legal text takes effect; the latest started one applies.
 */
export function templateFor(procedureCode: string, at: Date = new Date()): ResultTemplate {
  const own = (templates.procedures as Record<string, Dated | Dated[] | undefined>)[procedureCode];
  if (!own) return templates.default as ResultTemplate;
  if (!Array.isArray(own)) return own;
  const p = vnParts(at);
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  const started = own.filter((t) => !t.validFrom || t.validFrom <= day).sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
  return started[started.length - 1] ?? (templates.default as ResultTemplate);
}

function lookup(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The element of a repeated section being printed. */
export interface ItemScope {
  item: unknown;
  index: number;
}

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** Fills `{placeholders}`; returns undefined when a placeholder has no value (the line is left out). */
export function fill(text: string, doc: ResultDocument, format?: ValueFormat, scope?: ItemScope): string | undefined {
  let missing = false;
  const out = text.replace(/\{([a-zA-Z0-9_.]+)\}/g, (_, key: string) => {
    let v: unknown;
    if (scope && key === 'index') v = scope.index;
    else if (scope && key.startsWith('item.')) v = lookup(scope.item, key.slice(5));
    else if (key === 'agency') v = doc.agency.name;
    else if (key === 'applicant') v = doc.applicantName;
    else if (key === 'idNumber') v = doc.applicantIdNumber;
    else if (key === 'procedure') v = doc.procedureName;
    else if (key === 'code') v = doc.dossierCode;
    else if (key === 'title') v = doc.title;
    else if (key.startsWith('form.')) v = lookup(doc.form, key.slice(5));
    if (v === undefined || v === null || v === '' || typeof v === 'object') {
      missing = true;
      return '';
    }
    if (typeof v === 'number' && format === 'number') return NUMBER.format(v);
    const s = String(v);
    if (format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(s)) return s.split('-').reverse().join('/');
    return s;
  });
  return missing ? undefined : out;
}

/** The title printed on the result (and recorded with it): the template's, else the procedure's result type. */
export function documentTitle(doc: ResultDocument): string {
  const t = templateFor(doc.procedureCode, doc.issuedAt).title;
  return (t && fill(t, doc)) || doc.title;
}

export async function renderResult(input: ResultDocument): Promise<Buffer> {
  const tpl = templateFor(input.procedureCode, input.issuedAt);
  const title = documentTitle(input);
  const doc: ResultDocument = { ...input, title };
  const w = new SlipWriter({ title: `${title} — ${doc.dossierCode}`, subject: doc.procedureName, date: doc.issuedAt, footerLabel: `Mã xác thực: ${doc.verifyCode}` });
  const agencyLines = [doc.agency.parentName, doc.agency.name].filter((x): x is string => Boolean(x)).map((s) => s.normalize('NFC').toLocaleUpperCase('vi'));
  drawDocumentHeader(w, { agencyLines, leftNote: `Số: ${doc.dossierCode}`, place: doc.agency.province, date: doc.issuedAt });
  const subtitle = (tpl.subtitle ?? ['(Thủ tục: {procedure})']).map((l) => fill(l, doc)).filter((l): l is string => Boolean(l));
  drawTitle(w, title, subtitle);

  const indent = 28;
  for (const b of tpl.basis ?? []) {
    const t = fill(b, doc);
    if (t) w.paragraph(t, { firstLineIndent: indent, font: 'italic', spaceAfter: 2 });
  }
  if (tpl.basis?.length) w.space(4);
  const intro = fill(tpl.intro, doc);
  if (intro) w.paragraph(intro, { firstLineIndent: indent, spaceAfter: 6 });
  const values = (list: TemplateField[], scope?: ItemScope) =>
    list.flatMap((f) => {
      const v = fill(f.value, doc, f.format, scope);
      return v === undefined ? [] : [{ f, v }];
    });
  const fields = (list: TemplateField[], scope?: ItemScope, x = w.left + indent) => {
    for (const { f, v } of values(list, scope)) {
      const runs: Run[] = [{ text: `${f.label}: ` }, { text: v, font: f.bold ? 'bold' : 'regular' }];
      w.paragraph(runs, { x, spaceAfter: 2 });
    }
  };
  /** One paragraph: the heading in bold, then `label: value` pairs separated by semicolons. */
  const inline = (heading: string | undefined, list: TemplateField[], scope?: ItemScope) => {
    const parts = values(list, scope).map(({ f, v }) => `${f.label.charAt(0).toLocaleLowerCase('vi')}${f.label.slice(1)}: ${v}`);
    const runs: Run[] = [];
    if (heading) runs.push({ text: heading, font: 'bold' }, { text: parts.length ? ' — ' : '' });
    runs.push({ text: parts.join('; ') });
    w.paragraph(runs, { x: w.left + indent, spaceAfter: 2 });
  };
  fields(tpl.fields);
  for (const sec of tpl.sections ?? []) {
    if (sec.when) {
      const on = fill(sec.when, doc);
      if (on === undefined || on === 'false') continue;
    }
    const items = sec.each ? lookup({ form: doc.form }, sec.each) : undefined;
    if (sec.each && (!Array.isArray(items) || items.length === 0)) continue;
    w.space(4);
    const heading = sec.heading && fill(sec.heading, doc);
    if (heading) w.paragraph(heading, { x: w.left + indent, font: 'bold', spaceAfter: 3 });
    if (Array.isArray(items)) {
      items.forEach((item, i) => {
        const scope = { item, index: i + 1 };
        const h = sec.itemHeading && fill(sec.itemHeading, doc, sec.format, scope);
        if (sec.inline) return inline(h, sec.fields ?? [], scope);
        if (h) w.paragraph(h, { x: w.left + indent, spaceAfter: 1 });
        fields(sec.fields ?? [], scope, w.left + indent * 1.6);
      });
    } else if (sec.inline) {
      inline(undefined, sec.fields ?? []);
    } else {
      fields(sec.fields ?? []);
    }
    for (const p of sec.body ?? []) {
      const t = fill(p, doc, sec.format);
      if (t) w.paragraph(t, { firstLineIndent: indent, spaceAfter: 3 });
    }
  }
  w.space(6);
  for (const p of tpl.body) {
    const t = fill(p, doc);
    if (t) w.paragraph(t, { firstLineIndent: indent, spaceAfter: 5 });
  }

  // Signature block on the right half, QR code and verification code on the left.
  w.space(12);
  const half = w.width / 2;
  w.ensure(150);
  const top = w.y;
  const sx = w.left + half;
  for (const line of doc.signatureLines) w.paragraph(line, { x: sx, width: half, align: 'center', font: 'bold' });
  w.paragraph('(Đã ký số)', { x: sx, width: half, align: 'center', font: 'italic', size: SIZE.small, spaceAfter: 36 });
  w.paragraph(doc.signerName, { x: sx, width: half, align: 'center', font: 'bold' });
  const bottomRight = w.y;

  const qr = await QRCode.toBuffer(doc.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
  const qrSize = 88;
  w.doc.image(qr, w.left, top, { width: qrSize, height: qrSize });
  w.y = top + qrSize + 4;
  const small = { x: w.left, width: half - 12, size: SIZE.small - 0.5 };
  w.paragraph([{ text: 'Mã xác thực: ' }, { text: doc.verifyCode, font: 'bold' }], small);
  w.paragraph(`Ngày ký: ${formatVnDate(doc.issuedAt)}`, small);
  w.y = Math.max(w.y, bottomRight) + 10;
  // Full width so the address is never broken across lines (readers copy it).
  w.paragraph([{ text: 'Kiểm tra tính xác thực của văn bản tại: ', font: 'italic' }, { text: doc.verifyUrl, nowrap: true }], { size: SIZE.small - 0.5 });
  return w.finish();
}

/** Building blocks shared by the slips: national header, title, applicant block. */
import { formatVnDateTime, formatVnPlaceDate, sameVnDay, vnParts } from './format.ts';
import { SIZE, SlipWriter, upper, type Content, type Run } from './layout.ts';
import type { SlipAgency, SlipChannel, SlipDossier, StepJudgement } from './types.ts';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export const CHANNEL_LABELS: Record<SlipChannel, string> = {
  in_person: 'Trực tiếp',
  online: 'Trực tuyến',
  post: 'Qua dịch vụ bưu chính công ích',
};

export const JUDGEMENT_LABELS: Record<StepJudgement, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
  in_progress: 'Đang xử lý',
};

/**
 * Result of a processing step for the tracking slip, from the hand-over time and the step's deadline:
 * handed over after the deadline → late; on the deadline's calendar day (Vietnam time) → on time;
 * on an earlier day → early. Without a deadline there is no judgement.
 */
export function judgeStep(at: Date, dueAt: Date | undefined): StepJudgement | undefined {
  if (!dueAt) return undefined;
  if (at.getTime() > dueAt.getTime()) return 'late';
  if (sameVnDay(at, dueAt)) return 'on_time';
  return 'early';
}

/** Left-hand header lines: governing body, agency, and (optionally) the desk; the last one is bold. */
export function agencyLines(agency: SlipAgency, includeDesk: boolean): string[] {
  const lines: string[] = [];
  const push = (s: string | undefined) => {
    if (!s || !s.trim()) return;
    const u = upper(s.trim());
    if (!lines.includes(u)) lines.push(u);
  };
  push(agency.parentName);
  push(agency.name);
  if (includeDesk) push(agency.deskName);
  return lines;
}

/**
 * The two-column national header of every administrative document:
 * agency on the left, `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc` on the
 * right, then the place-and-date line under the motto.
 */
export function drawDocumentHeader(
  w: SlipWriter,
  opts: { agencyLines?: string[]; place?: string; date?: Date; dateLine?: string; leftNote?: Content },
): void {
  const size = SIZE.header;
  const nationalW = w.measure(NATIONAL_NAME, 'bold', size);
  const rightW = Math.min(w.width * 0.6, nationalW + 8);
  const hasLeft = Boolean(opts.agencyLines?.length);
  const rightX = hasLeft ? w.right - rightW : w.left + (w.width - rightW) / 2;
  const leftW = w.width - rightW - 6;

  const cols: Parameters<SlipWriter['columns']>[0] = [];
  if (hasLeft) {
    const lines = opts.agencyLines ?? [];
    cols.push({
      x: w.left,
      width: leftW,
      lines: lines.map((l, i) => {
        const font = i === lines.length - 1 ? 'bold' : 'regular';
        // Shrink a long name to fit on one line (down to 8.5 pt) before wrapping it.
        const fit = Math.max(8.5, Math.min(size, (size * (leftW - 2)) / w.measure(l, font, size)));
        return {
          content: l,
          style: { font, size: Math.floor(fit * 4) / 4, leading: 1.25 },
          underline: i === lines.length - 1 ? ('third' as const) : undefined,
        };
      }),
    });
  }
  cols.push({
    x: rightX,
    width: rightW,
    lines: [
      { content: NATIONAL_NAME, style: { font: 'bold', size, leading: 1.25 } },
      { content: NATIONAL_MOTTO, style: { font: 'bold', size: size + 0.5, leading: 1.25 }, underline: 'full' },
    ],
  });
  w.columns(cols);

  const dateLine = opts.dateLine ?? (opts.place && opts.date ? formatVnPlaceDate(opts.place, opts.date) : undefined);
  if (dateLine || opts.leftNote) {
    w.space(6);
    const cols2: Parameters<SlipWriter['columns']>[0] = [];
    if (opts.leftNote && hasLeft) cols2.push({ x: w.left, width: leftW, lines: [{ content: opts.leftNote, style: { size: SIZE.small } }] });
    if (dateLine) cols2.push({ x: rightX, width: rightW, lines: [{ content: dateLine, style: { font: 'italic', size: SIZE.body } }] });
    w.columns(cols2);
  }
}

/** The form title (bold capitals, centred), with optional lines under it. */
export function drawTitle(w: SlipWriter, title: string, sub: Content[] = []): void {
  w.space(16);
  w.paragraph(upper(title), { font: 'bold', size: SIZE.title, align: 'center', leading: 1.3 });
  for (const s of sub) w.paragraph(s, { align: 'center', size: SIZE.body, spaceBefore: 1 });
  w.space(10);
}

export function codeLine(code: string): Run[] {
  return [
    { text: 'Mã hồ sơ: ' },
    { text: code, font: 'bold' },
  ];
}

/** `Label: value` as runs (label regular, value bold or regular). */
export function field(label: string, value: string, bold = false): Run[] {
  return [{ text: `${label}: ` }, { text: value, font: bold ? 'bold' : 'regular' }];
}

/** The applicant block common to slips 01–03. */
export function drawApplicant(w: SlipWriter, dossier: SlipDossier, opts: { indent?: number } = {}): void {
  const x = w.left + (opts.indent ?? 0);
  const p = (c: Content) => w.paragraph(c, { x, spaceAfter: 1 });
  p(field('Ông/Bà', dossier.applicantName, true));
  if (dossier.applicantIdNumber) p(field('Số định danh cá nhân', dossier.applicantIdNumber));
  if (dossier.applicantAddress) p(field('Địa chỉ', dossier.applicantAddress));
  const contact: Run[] = [];
  if (dossier.applicantPhone) contact.push(...field('Số điện thoại', dossier.applicantPhone));
  if (dossier.applicantEmail) {
    if (contact.length) contact.push({ text: '      ' });
    contact.push(...field('Thư điện tử', dossier.applicantEmail));
  }
  if (contact.length) p(contact);
}

/** Time of receipt used on slips: receivedAt, else submittedAt. */
export function receiptTime(dossier: SlipDossier): Date {
  return dossier.receivedAt ?? dossier.submittedAt;
}

export function dateTime(d: Date): string {
  return formatVnDateTime(d);
}

/** Number with a leading zero below 10, as counts are written on forms (`01 bộ`). */
export function count2(n: number): string {
  return n >= 0 && n < 10 && Number.isInteger(n) ? `0${n}` : String(n);
}

/** Validates a Date argument early with a helpful message. */
export function requireDate(d: unknown, name: string): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError(`${name} must be a valid Date`);
  vnParts(d);
  return d;
}

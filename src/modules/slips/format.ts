/**
 * Date/time formatting for printed slips.
 *
 * All slips show Vietnam local time (Asia/Ho_Chi_Minh). Vietnam has used a fixed
 * UTC+7 offset with no daylight saving since 1975, so the conversion is a plain
 * offset: no Intl/ICU time-zone data is needed and the output is identical on
 * every machine whatever its TZ setting.
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VnDateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, in Vietnam local time */
  weekday: number;
}

function assertValid(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError('Invalid date');
  }
}

/** Calendar fields of `date` in Vietnam local time (UTC+7). */
export function vnParts(date: Date): VnDateParts {
  assertValid(date);
  const d = new Date(date.getTime() + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `HH:mm` in Vietnam local time, e.g. `16:30`. */
export function formatVnTime(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** `dd/mm/yyyy` in Vietnam local time, e.g. `05/12/2026`. */
export function formatVnDate(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** `HH:mm dd/mm/yyyy` in Vietnam local time, e.g. `16:30 05/12/2026`. */
export function formatVnDateTime(date: Date): string {
  return `${formatVnTime(date)} ${formatVnDate(date)}`;
}

/**
 * `ngày dd tháng mm năm yyyy` as written on administrative documents
 * (Decree 30/2020/NĐ-CP, Appendix I): days below 10 and the months January
 * and February take a leading zero, other months do not — `ngày 05 tháng 02
 * năm 2026`, `ngày 21 tháng 11 năm 2026`, `ngày 05 tháng 8 năm 2026`.
 */
export function formatVnLongDate(date: Date): string {
  const p = vnParts(date);
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  return `ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** The place-and-date line of a document: `Hà Nội, ngày 21 tháng 11 năm 2026`. */
export function formatVnPlaceDate(place: string, date: Date): string {
  return `${place}, ${formatVnLongDate(date)}`;
}

/** `16 giờ 30 phút, ngày 05 tháng 12 năm 2026` (the wording of the paper forms). */
export function formatVnLongDateTime(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ${formatVnLongDate(date)}`;
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

/** Vietnamese weekday name in Vietnam local time, e.g. `Thứ Sáu`. */
export function formatVnWeekday(date: Date): string {
  return WEEKDAYS[vnParts(date).weekday];
}

/** Same calendar day in Vietnam local time. */
export function sameVnDay(a: Date, b: Date): boolean {
  const pa = vnParts(a);
  const pb = vnParts(b);
  return pa.year === pb.year && pa.month === pb.month && pa.day === pb.day;
}

// Calendar-date arithmetic on "day numbers": whole days since 1970-01-01 in the
// proleptic Gregorian calendar. Dates here carry no time zone; they are the
// local dates printed on slips, so plain integers are the honest model.

export interface CivilDate {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function civilFromDayNumber(n: number): CivilDate {
  const t = new Date(n * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function isValidCivil(y: number, m: number, d: number): boolean {
  if (![y, m, d].every(Number.isInteger) || m < 1 || m > 12 || d < 1) return false;
  const back = civilFromDayNumber(dayNumber(y, m, d));
  return back.y === y && back.m === m && back.d === d;
}

/** 'YYYY-MM-DD' → day number; throws on a malformed or impossible date. */
export function parseIsoDate(s: string): number {
  const match = ISO_DATE.exec(s);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(s)}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isValidCivil(y, m, d)) throw new RangeError(`No such date: ${s}`);
  return dayNumber(y, m, d);
}

export function formatIsoDate(n: number): string {
  const { y, m, d } = civilFromDayNumber(n);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday (4). */
export function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

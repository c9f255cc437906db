// Public holidays: computed defaults under the Labour Code 2019 (art. 111–112),
// and the official per-year schedules that replace them for the public sector.
//
// Computed defaults (used for any year without an official schedule):
//  - 1 Jan.
//  - Tết, 5 days: the last day of the old lunar year (30 tháng Chạp, or 29 when
//    the month is short) and lunar 1–4 tháng Giêng. The Prime Minister picks
//    the real split each year (2025: 28 Chạp–mùng 3; 2026: 29 Chạp–mùng 4), so
//    this is only the most common choice.
//  - Hùng Kings' day, lunar 10/3.  - 30 Apr.  - 1 May.
//  - 2 Sep plus one adjacent day: the weekday that joins the holiday to a weekend
//    (1 Sep when 2 Sep is Tue/Fri/Sat, 3 Sep when Mon/Thu/Sun), else the day
//    before (Wed). This reproduces every official choice 2021–2026.
//  - 24 Nov, Vietnam Culture Day, from 2026 (see schedules/README.md).
//  - Art. 111(3): a holiday on a weekly rest day gives a compensatory day off on
//    the next working day (chained: a Tết block spanning a weekend pushes the
//    compensatory days past the end of the block).
// Official schedules also carry swapped days off and make-up Saturdays, which
// no rule can predict.

import { dayNumber, formatIsoDate, isoWeekday, parseIsoDate } from './civil-date.ts';
import { lunarToSolar, lunarYearEnd, solarToLunar } from './lunar.ts';

export type HolidayKind = 'holiday' | 'compensatory' | 'swapped';

export interface HolidayEntry {
  date: string; // local 'YYYY-MM-DD'
  name: string; // Vietnamese
  nameEn: string;
  kind: HolidayKind; // 'swapped': a working day given off against a make-up day
}

export interface WorkdayEntry {
  date: string;
  name: string;
  nameEn: string;
}

/** One year's official schedule (schedules/YYYY.json). `kind` defaults to 'holiday'. */
export interface OfficialSchedule {
  year: number;
  source: string;
  daysOff: (Omit<HolidayEntry, 'kind'> & { kind?: HolidayKind; note?: string })[];
  workdays: (WorkdayEntry & { note?: string })[];
}

export interface YearHolidays {
  year: number;
  official: boolean;
  source: string;
  daysOff: HolidayEntry[];
  workdays: WorkdayEntry[];
}

export const CULTURE_DAY_FROM_YEAR = 2026;
const CIVIL_SERVICE_WEEKEND = [6, 7]; // ISO weekdays: Saturday, Sunday
const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 111–112 (mặc định tính toán)';

type Base = Omit<HolidayEntry, 'kind'>;

function base(n: number, name: string, nameEn: string): Base & { n: number } {
  return { n, date: formatIsoDate(n), name, nameEn };
}

/** The day that pairs with 2 Sep, keyed by the ISO weekday of 2 Sep. */
const NATIONAL_DAY_PARTNER: Record<number, -1 | 1> = { 1: 1, 2: -1, 3: -1, 4: 1, 5: -1, 6: -1, 7: 1 };

function statutoryDays(year: number): (Base & { n: number })[] {
  const out: (Base & { n: number })[] = [];
  out.push(base(dayNumber(year, 1, 1), 'Tết Dương lịch', "New Year's Day"));

  const eve = lunarYearEnd(year - 1);
  const eveLunarDay = solarToLunar(eve.y, eve.m, eve.d).day; // 30, or 29 in a short month
  const tet = lunarToSolar(1, 1, year);
  const tetN = dayNumber(tet.y, tet.m, tet.d);
  out.push(
    base(
      dayNumber(eve.y, eve.m, eve.d),
      `Tết Nguyên đán (${eveLunarDay} tháng Chạp)`,
      `Lunar New Year (${eveLunarDay}th day of the 12th lunar month)`,
    ),
  );
  for (let i = 0; i < 4; i++) {
    out.push(base(tetN + i, `Tết Nguyên đán (mùng ${i + 1} tháng Giêng)`, `Lunar New Year (day ${i + 1})`));
  }

  const hung = lunarToSolar(10, 3, year);
  out.push(base(dayNumber(hung.y, hung.m, hung.d), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day"));
  out.push(base(dayNumber(year, 4, 30), 'Ngày Chiến thắng', 'Reunification Day'));
  out.push(base(dayNumber(year, 5, 1), 'Ngày Quốc tế Lao động', 'International Labour Day'));

  const sep2 = dayNumber(year, 9, 2);
  out.push(base(sep2, 'Quốc khánh', 'National Day'));
  out.push(base(sep2 + NATIONAL_DAY_PARTNER[isoWeekday(sep2)], 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'));

  if (year >= CULTURE_DAY_FROM_YEAR) {
    out.push(base(dayNumber(year, 11, 24), 'Ngày Văn hóa Việt Nam', 'Vietnam Culture Day'));
  }
  return out.sort((a, b) => a.n - b.n);
}

/** Computed default days off for `year` (no official schedule), with art. 111(3) compensatory days. */
export function computeDefaultHolidays(year: number, weekend: readonly number[] = CIVIL_SERVICE_WEEKEND): HolidayEntry[] {
  const isWeekend = (n: number) => weekend.includes(isoWeekday(n));
  const days = statutoryDays(year);
  const taken = new Set(days.map((h) => h.n));
  const out: (HolidayEntry & { n: number })[] = days.map((h) => ({ ...h, kind: 'holiday' as const }));
  for (const h of days) {
    if (!isWeekend(h.n)) continue;
    let n = h.n + 1;
    while (isWeekend(n) || taken.has(n)) n++;
    taken.add(n);
    out.push({ n, date: formatIsoDate(n), name: `Nghỉ bù ${h.name}`, nameEn: `Compensatory day off for ${h.nameEn}`, kind: 'compensatory' });
  }
  return out.sort((a, b) => a.n - b.n).map(({ n: _n, ...h }) => h);
}

/**
 * Effective days off and extra workdays of `year`: the official schedule when
 * given (it replaces the computed defaults entirely), else the computed defaults.
 */
export function holidaysForYear(year: number, official?: OfficialSchedule): YearHolidays {
  if (!official) {
    return { year, official: false, source: LABOUR_CODE, daysOff: computeDefaultHolidays(year), workdays: [] };
  }
  if (official.year !== year) throw new RangeError(`Schedule for ${official.year} given for ${year}`);
  const byDate = <T extends { date: string }>(a: T, b: T) => a.date.localeCompare(b.date);
  return {
    year,
    official: true,
    source: official.source,
    daysOff: official.daysOff.map(({ date, name, nameEn, kind }) => ({ date, name, nameEn, kind: kind ?? 'holiday' })).sort(byDate),
    workdays: official.workdays.map(({ date, name, nameEn }) => ({ date, name, nameEn })).sort(byDate),
  };
}

const KINDS: readonly string[] = ['holiday', 'compensatory', 'swapped'];

/** Checks the shape of a schedule read from JSON (or a database) and returns it typed. */
export function parseOfficialSchedule(raw: unknown): OfficialSchedule {
  const fail = (why: string): never => {
    throw new TypeError(`Invalid official schedule: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('not an object');
  const r = raw as Record<string, unknown>;
  if (!Number.isInteger(r.year)) fail('year');
  if (typeof r.source !== 'string' || r.source.trim() === '') fail('source');
  const entries = (key: 'daysOff' | 'workdays') => {
    const list = r[key];
    if (!Array.isArray(list)) fail(key);
    return (list as unknown[]).map((e, i) => {
      const o = (typeof e === 'object' && e !== null ? e : fail(`${key}[${i}]`)) as Record<string, unknown>;
      for (const f of ['date', 'name', 'nameEn']) if (typeof o[f] !== 'string') fail(`${key}[${i}].${f}`);
      parseIsoDate(o.date as string);
      if (o.kind !== undefined && (key === 'workdays' || !KINDS.includes(o.kind as string))) fail(`${key}[${i}].kind`);
      return o;
    });
  };
  const daysOff = entries('daysOff') as unknown as OfficialSchedule['daysOff'];
  const workdays = entries('workdays') as unknown as OfficialSchedule['workdays'];
  const off = new Set(daysOff.map((d) => d.date));
  for (const w of workdays) if (off.has(w.date)) fail(`${w.date} is both a day off and a workday`);
  return { year: r.year as number, source: r.source as string, daysOff, workdays };
}

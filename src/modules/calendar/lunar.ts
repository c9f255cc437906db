// Vietnamese lunisolar calendar after Hồ Ngọc Đức's astronomical algorithm
// (new moons and solar terms from Meeus-style series), reckoned at UTC+7, the
// meridian 105°E that Vietnam has used since 1968. The Chinese calendar uses
// UTC+8, so the two part in some years: Tết 1968, 1985 (21 Jan vs 20 Feb),
// 2007 (17 vs 18 Feb), 2030, 2053… Intended range: lunar years 1900–2100.

import { civilFromDayNumber, dayNumber, isValidCivil } from './civil-date.ts';

export interface LunarDate {
  day: number;
  month: number; // 1–12; a leap month repeats the number of the month before it
  year: number;
  leap: boolean;
}

export interface SolarDate {
  y: number;
  m: number;
  d: number;
}

const TZ = 7; // hours east of UTC
const SYNODIC = 29.530588853;
const JD_UNIX_EPOCH = 2440588; // Julian Day Number of 1970-01-01
const NEW_MOON_EPOCH = 2415021.076998695; // first new moon of 1900 (JD)
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const jd = (y: number, m: number, d: number): number => dayNumber(y, m, d) + JD_UNIX_EPOCH;

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** Sun's apparent longitude (radians, 0–2π) at Julian day `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  const L = (L0 + DL) * dr;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Local day (JDN) on which the k-th new moon falls. */
const newMoonDay = (k: number): number => Math.floor(newMoon(k) + 0.5 + TZ / 24);

/** Which 30° sector (0–11) the sun is in at the start of local day `dayJd`. */
const sunSector = (dayJd: number): number =>
  Math.floor((sunLongitude(dayJd - 0.5 - TZ / 24) / Math.PI) * 6);

/** Start (JDN) of lunar month 11 — the month holding the winter solstice — of year y. */
function lunarMonth11(y: number): number {
  const off = jd(y, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** Index (after month 11 at a11) of the first month without a major solar term: the leap month. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(y: number, m: number, d: number): LunarDate {
  if (!isValidCivil(y, m, d)) throw new RangeError(`No such date: ${y}-${m}-${d}`);
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Year ${y} outside ${MIN_YEAR}–${MAX_YEAR}`);
  const day = jd(y, m, d);
  // Start from the mean lunation, then settle on the last true new moon on or
  // before `day` (the mean can be off by more than a day either way).
  let k = Math.floor((day - NEW_MOON_EPOCH) / SYNODIC) + 1;
  while (newMoonDay(k) > day) k--;
  while (newMoonDay(k + 1) <= day) k++;
  const monthStart = newMoonDay(k);
  let a11 = lunarMonth11(y);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = y;
    a11 = lunarMonth11(y - 1);
  } else {
    year = y + 1;
    b11 = lunarMonth11(y + 1);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    // 13-month year: months from the leap month on shift down by one.
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day: day - monthStart + 1, month, year, leap };
}

export function lunarToSolar(day: number, month: number, year: number, leap = false): SolarDate {
  if (![day, month, year].every(Number.isInteger) || day < 1 || day > 30 || month < 1 || month > 12) {
    throw new RangeError(`Not a lunar date: ${day}/${month}/${year}`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Year ${year} outside ${MIN_YEAR}–${MAX_YEAR}`);
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw new RangeError(`Year ${year} has no leap month ${month}`);
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Year ${year} has no leap month`);
  }
  const result = civilFromDayNumber(newMoonDay(k + off) + day - 1 - JD_UNIX_EPOCH);
  // Day 30 of a 29-day month would spill into the next month: reject it.
  const back = solarToLunar(result.y, result.m, result.d);
  if (back.day !== day || back.month !== month || back.year !== year || back.leap !== leap) {
    throw new RangeError(`Lunar month ${month}/${year}${leap ? ' (leap)' : ''} has no day ${day}`);
  }
  return result;
}

/** Solar date of the last day of lunar `year` (30 or 29 tháng Chạp): the eve of Tết. */
export function lunarYearEnd(year: number): SolarDate {
  const tet = lunarToSolar(1, 1, year + 1);
  return civilFromDayNumber(dayNumber(tet.y, tet.m, tet.d) - 1);
}

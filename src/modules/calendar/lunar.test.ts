import { describe, expect, it } from 'vitest';
import { lunarToSolar, lunarYearEnd, solarToLunar } from './lunar.ts';

// Tết (lunar 1/1) in Vietnam. Source: the Lunar New Year table of python-holidays
// (vacanza/holidays, holidays/calendars/chinese.py: the Hong Kong Observatory
// dates with its VIETNAMESE_CALENDAR overrides), and the official holiday
// notices for 2025 (6150/TB-BLĐTBXH) and 2026 (9441/TB-BNV). Years marked VN
// are those where Vietnam (UTC+7) and China (UTC+8) disagree.
const TET: [number, number, number, string?][] = [
  [1900, 1, 31],
  [1903, 1, 28, 'VN; China 29 Jan'],
  [1910, 2, 10],
  [1916, 2, 3, 'VN; China 4 Feb'],
  [1920, 2, 20],
  [1930, 1, 30],
  [1935, 2, 3, 'VN; China 4 Feb'],
  [1945, 2, 13],
  [1954, 2, 3],
  [1960, 1, 28],
  [1965, 2, 1, 'VN; China 2 Feb'],
  [1968, 1, 29, 'VN (Mậu Thân); China 30 Jan'],
  [1969, 2, 16, 'VN; China 17 Feb'],
  [1975, 2, 11],
  [1976, 1, 31],
  [1980, 2, 16],
  [1985, 1, 21, 'VN (Ất Sửu); China 20 Feb'],
  [1990, 1, 27],
  [1995, 1, 31],
  [2000, 2, 5],
  [2004, 1, 22],
  [2007, 2, 17, 'VN (Đinh Hợi); China 18 Feb'],
  [2010, 2, 14],
  [2015, 2, 19],
  [2017, 1, 28],
  [2020, 1, 25],
  [2021, 2, 12],
  [2022, 2, 1],
  [2023, 1, 22],
  [2024, 2, 10],
  [2025, 1, 29, 'Ất Tỵ, official notice'],
  [2026, 2, 17, 'Bính Ngọ, official notice'],
  [2027, 2, 6],
  [2030, 2, 2, 'VN; China 3 Feb'],
  [2033, 1, 31],
  [2040, 2, 12],
  [2050, 1, 23],
  [2053, 2, 18, 'VN; China 19 Feb'],
  [2061, 1, 21],
  [2070, 2, 11],
  [2077, 1, 24],
  [2085, 1, 26],
  [2090, 1, 30],
  [2099, 1, 21],
  [2100, 2, 9],
];

// Hùng Kings' day, lunar 10/3 (same source; 2009 and 2037 are Vietnamese overrides).
const HUNG_KINGS: [number, number, number][] = [
  [2007, 4, 26],
  [2009, 4, 4],
  [2016, 4, 16],
  [2020, 4, 2],
  [2023, 4, 29],
  [2024, 4, 18],
  [2025, 4, 7],
  [2026, 4, 26],
  [2027, 4, 16],
  [2037, 4, 24],
  [2100, 4, 18],
];

describe('Tết dates', () => {
  it.each(TET)('Tết %i is %i/%i', (year, m, d) => {
    expect(lunarToSolar(1, 1, year)).toEqual({ y: year, m, d });
    expect(solarToLunar(year, m, d)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('the day before Tết is still the old lunar year', () => {
    // 28/01/2025 = 29 tháng Chạp Giáp Thìn (the 12th month had only 29 days).
    expect(solarToLunar(2025, 1, 28)).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    // 16/02/2026 = 29 tháng Chạp Ất Tỵ (9441/TB-BNV); 14/02/2026 = 27 Chạp.
    expect(solarToLunar(2026, 2, 16)).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar(2026, 2, 14)).toEqual({ day: 27, month: 12, year: 2025, leap: false });
    // 22/02/2026 = mùng 6 tháng Giêng Bính Ngọ (end of the 2026 Tết break).
    expect(solarToLunar(2026, 2, 22)).toEqual({ day: 6, month: 1, year: 2026, leap: false });
    // 25/01/2025 = 26 Chạp, 02/02/2025 = mùng 5 (6150/TB-BLĐTBXH).
    expect(solarToLunar(2025, 1, 25)).toEqual({ day: 26, month: 12, year: 2024, leap: false });
    expect(solarToLunar(2025, 2, 2)).toEqual({ day: 5, month: 1, year: 2025, leap: false });
  });

  it('lunarYearEnd gives the eve of Tết, 29 or 30 tháng Chạp', () => {
    expect(lunarYearEnd(2024)).toEqual({ y: 2025, m: 1, d: 28 }); // 29 Chạp Giáp Thìn
    expect(lunarYearEnd(2025)).toEqual({ y: 2026, m: 2, d: 16 }); // 29 Chạp Ất Tỵ
    expect(lunarYearEnd(2023)).toEqual({ y: 2024, m: 2, d: 9 }); // 30 Chạp Quý Mão
    expect(solarToLunar(2024, 2, 9).day).toBe(30);
  });
});

describe("Hùng Kings' day (10/3)", () => {
  it.each(HUNG_KINGS)('%i: %i/%i', (year, m, d) => {
    expect(lunarToSolar(10, 3, year)).toEqual({ y: year, m, d });
  });
});

describe('leap months', () => {
  // 2025 (Ất Tỵ) has a leap 6th month: 6/6 starts 25/06, leap 6/6 starts 25/07.
  it('2025 leap month 6', () => {
    expect(lunarToSolar(1, 6, 2025)).toEqual({ y: 2025, m: 6, d: 25 });
    expect(lunarToSolar(1, 6, 2025, true)).toEqual({ y: 2025, m: 7, d: 25 });
    expect(solarToLunar(2025, 7, 25)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(solarToLunar(2025, 8, 23)).toEqual({ day: 1, month: 7, year: 2025, leap: false });
  });

  it('2023 leap month 2 and 2020 leap month 4', () => {
    expect(solarToLunar(2023, 3, 22)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(2020, 5, 23)).toEqual({ day: 1, month: 4, year: 2020, leap: true });
  });

  it('rejects a leap month the year does not have', () => {
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2024, true)).toThrow(RangeError); // 2024 has no leap month
  });
});

describe('validation and round trips', () => {
  it('rejects day 30 of a 29-day month', () => {
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(/no day 30/);
  });

  it('rejects malformed input and years outside 1900–2100', () => {
    expect(() => lunarToSolar(0, 1, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2101)).toThrow(RangeError);
    expect(() => solarToLunar(2025, 2, 29)).toThrow(RangeError);
    expect(() => solarToLunar(1899, 6, 1)).toThrow(RangeError);
  });

  it('round-trips every day of 2024–2027', () => {
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const dt = new Date(t);
      const [y, m, d] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
      const l = solarToLunar(y, m, d);
      expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toEqual({ y, m, d });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { computeDefaultHolidays, holidaysForYear, parseOfficialSchedule, type OfficialSchedule } from './holidays.ts';
import { OFFICIAL_SCHEDULES } from './schedules/index.ts';

const dates = (year: number) => computeDefaultHolidays(year).map((h) => h.date);
const compensatory = (year: number) =>
  computeDefaultHolidays(year)
    .filter((h) => h.kind === 'compensatory')
    .map((h) => h.date);

describe('computed defaults (Labour Code 2019, art. 111–112)', () => {
  it('2026: matches the official days off except the swaps', () => {
    // Tết eve = 29 Chạp Ất Tỵ = Mon 16/02; mùng 1–4 = 17–20/02.
    // Hùng Kings 10/3 = Sun 26/04 → compensatory Mon 27/04.
    // 2 Sep is a Wednesday → partner is the day before, 1 Sep.
    expect(dates(2026)).toEqual([
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-27',
      '2026-04-30', '2026-05-01',
      '2026-09-01', '2026-09-02',
      '2026-11-24',
    ]);
    expect(compensatory(2026)).toEqual(['2026-04-27']);
  });

  it('2025: Tết default is 29 Chạp + mùng 1–4, with mùng 4 (Sat 01/02) compensated on Mon 03/02', () => {
    // Tết Ất Tỵ = Wed 29/01/2025; the 12th month had 29 days, so the eve is Tue 28/01.
    expect(dates(2025).filter((d) => d < '2025-03-01')).toEqual([
      '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-03',
    ]);
    expect(computeDefaultHolidays(2025).find((h) => h.date === '2025-01-28')?.name).toBe('Tết Nguyên đán (29 tháng Chạp)');
    // No Culture Day before 2026.
    expect(dates(2025).some((d) => d.endsWith('-11-24'))).toBe(false);
  });

  it('2027: two Tết days on a weekend push two compensatory days past the block', () => {
    // Tết Đinh Mùi = Sat 06/02/2027. Days: Fri 05 (eve), Sat 06, Sun 07, Mon 08, Tue 09.
    // Sat 06 → next free weekday after the block: Wed 10; Sun 07 → Thu 11.
    expect(dates(2027).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
    ]);
    // 1 May 2027 is a Saturday → Mon 03/05. 2 Sep 2027 is a Thursday → partner Fri 03/09.
    expect(compensatory(2027)).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
    expect(dates(2027)).toContain('2027-09-03');
  });

  it('2028: New Year on Saturday → Monday 03/01; Tết mùng 4 on Saturday → Monday 31/01', () => {
    expect(compensatory(2028)).toContain('2028-01-03');
    expect(compensatory(2028)).toContain('2028-01-31');
  });

  it('National Day partner follows the weekday of 2 Sep (matches notices 2021–2026)', () => {
    const sep = (y: number) => dates(y).filter((d) => d.slice(5, 7) === '09');
    expect(sep(2021)).toEqual(['2021-09-02', '2021-09-03']); // Thu → Fri 3rd
    expect(sep(2022)).toEqual(['2022-09-01', '2022-09-02']); // Fri → Thu 1st
    expect(sep(2023)).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']); // Sat → Fri 1st, + Mon 4th in lieu
    expect(sep(2024)).toEqual(['2024-09-02', '2024-09-03']); // Mon → Tue 3rd
    expect(sep(2025)).toEqual(['2025-09-01', '2025-09-02']); // Tue → Mon 1st
    expect(sep(2026)).toEqual(['2026-09-01', '2026-09-02']); // Wed → Tue 1st
    // 2029: Sun 2 Sep → partner Mon 3rd; the Sunday itself is compensated on Tue 4th.
    expect(sep(2029)).toEqual(['2029-09-02', '2029-09-03', '2029-09-04']);
  });

  it('entries carry Vietnamese and English names and a kind', () => {
    const h = computeDefaultHolidays(2026).find((e) => e.date === '2026-04-27');
    expect(h).toEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      nameEn: "Compensatory day off for Hùng Kings' Commemoration Day",
      kind: 'compensatory',
    });
  });
});

describe('official schedules', () => {
  it('2025 (6150/TB-BLĐTBXH): Tết 27–31/01, swap 02/05 ↔ Sat 26/04, National Day 01–02/09', () => {
    const h = holidaysForYear(2025, OFFICIAL_SCHEDULES.get(2025));
    expect(h.official).toBe(true);
    expect(h.source).toMatch(/6150/);
    expect(h.daysOff.map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07',
      '2025-04-30', '2025-05-01', '2025-05-02',
      '2025-09-01', '2025-09-02',
    ]);
    expect(h.daysOff.find((d) => d.date === '2025-05-02')?.kind).toBe('swapped');
    expect(h.workdays.map((d) => d.date)).toEqual(['2025-04-26']);
  });

  it('2026 (9441/TB-BNV, 12729/VPCP-KGVX): swaps 02/01 ↔ 10/01 and 31/08 ↔ 22/08', () => {
    const h = holidaysForYear(2026, OFFICIAL_SCHEDULES.get(2026));
    expect(h.workdays.map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(h.daysOff.filter((d) => d.kind === 'swapped').map((d) => d.date)).toEqual(['2026-01-02', '2026-08-31']);
    // Everything else equals the computed default.
    const official = h.daysOff.filter((d) => d.kind !== 'swapped').map((d) => d.date);
    expect(official).toEqual(dates(2026));
  });

  it('the official schedule replaces the defaults; without one the defaults apply', () => {
    expect(holidaysForYear(2025, OFFICIAL_SCHEDULES.get(2025)).daysOff.map((d) => d.date)).not.toContain('2025-02-03');
    const d2027 = holidaysForYear(2027);
    expect(d2027.official).toBe(false);
    expect(d2027.workdays).toEqual([]);
    expect(d2027.daysOff.map((d) => d.date)).toEqual(dates(2027));
  });

  it('rejects a schedule for another year', () => {
    expect(() => holidaysForYear(2027, OFFICIAL_SCHEDULES.get(2026))).toThrow(RangeError);
  });
});

describe('parseOfficialSchedule', () => {
  const good: OfficialSchedule = {
    year: 2030,
    source: 'Thông báo X',
    daysOff: [{ date: '2030-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day" }],
    workdays: [{ date: '2030-01-05', name: 'Làm bù', nameEn: 'Make-up day' }],
  };

  it('accepts a well-formed schedule and defaults kind to holiday', () => {
    const s = parseOfficialSchedule(good);
    expect(holidaysForYear(2030, s).daysOff[0].kind).toBe('holiday');
  });

  it.each([
    ['not an object', null],
    ['missing source', { ...good, source: '' }],
    ['bad date', { ...good, daysOff: [{ date: '2030-02-30', name: 'x', nameEn: 'x' }] }],
    ['bad kind', { ...good, daysOff: [{ date: '2030-01-01', name: 'x', nameEn: 'x', kind: 'bridge' }] }],
    ['missing nameEn', { ...good, workdays: [{ date: '2030-01-05', name: 'x' }] }],
    ['day both off and worked', { ...good, workdays: [{ date: '2030-01-01', name: 'x', nameEn: 'x' }] }],
  ])('rejects %s', (_why, raw) => {
    expect(() => parseOfficialSchedule(raw)).toThrow();
  });
});

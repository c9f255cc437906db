import { describe, expect, it } from 'vitest';
import { at, cal, show } from './test-calendar.ts';

// Weekday crib: 2025-01-24 Fri; Tết 2025 off Mon 27/01–Fri 31/01; 2025-03-10 Mon;
// 2025-04-26 Sat (make-up, worked); 30/04 Wed, 01/05 Thu, 02/05 Fri (swapped) off;
// 2025-09-01 Mon, 02/09 Tue off. 2026-01-01 Thu, 02/01 Fri (swapped) off, 10/01 Sat
// worked; Tết 2026 off Mon 16/02–Fri 20/02; 26/04/2026 Sun (Hùng Kings) → Mon 27/04
// off; 30/04 Thu, 01/05 Fri off; 22/08/2026 Sat worked, 31/08 Mon, 01/09, 02/09 off;
// 24/11/2026 Tue off. Periods 08:00–12:00 and 13:00–17:00, 8 h = 1 day.

describe('isWorkingDay', () => {
  it.each([
    ['2025-03-12', true, 'ordinary Wednesday'],
    ['2025-03-15', false, 'Saturday'],
    ['2025-03-16', false, 'Sunday'],
    ['2025-01-27', false, 'Tết 2025 (28 Chạp)'],
    ['2025-02-03', true, 'first day back after Tết 2025'],
    ['2025-04-26', true, 'make-up Saturday 2025'],
    ['2025-04-27', false, 'Sunday after the make-up Saturday'],
    ['2025-05-02', false, 'Friday swapped off 2025'],
    ['2025-09-01', false, 'National Day adjacent day 2025'],
    ['2026-01-02', false, 'Friday swapped off 2026'],
    ['2026-01-10', true, 'make-up Saturday 2026'],
    ['2026-04-27', false, 'compensatory for Hùng Kings on Sunday'],
    ['2026-08-22', true, 'make-up Saturday for 31/08/2026'],
    ['2026-08-31', false, 'Monday swapped off 2026'],
    ['2026-11-24', false, 'Vietnam Culture Day'],
    ['2027-02-10', false, 'computed compensatory for Tết 2027'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(cal.isWorkingDay(at(date, '10:00'))).toBe(expected);
  });
});

describe('isWorkingMoment (periods are [start, end))', () => {
  it.each([
    ['07:59', false],
    ['08:00', true],
    ['11:59', true],
    ['12:00', false],
    ['12:59', false],
    ['13:00', true],
    ['16:59', true],
    ['17:00', false],
  ])('Wed 12/03/2025 %s → %s', (time, expected) => {
    expect(cal.isWorkingMoment(at('2025-03-12', time))).toBe(expected);
  });

  it('make-up Saturday hours count, Sunday hours do not', () => {
    expect(cal.isWorkingMoment(at('2025-04-26', '09:00'))).toBe(true);
    expect(cal.isWorkingMoment(at('2025-04-27', '09:00'))).toBe(false);
  });

  it('uses local time (UTC+7), not UTC', () => {
    // 2025-03-12T01:00Z = 08:00 local; 2025-03-11T23:30Z = 06:30 local on the 12th.
    expect(cal.isWorkingMoment(new Date('2025-03-12T01:00:00Z'))).toBe(true);
    expect(cal.isWorkingMoment(new Date('2025-03-11T23:30:00Z'))).toBe(false);
    // Fri 2025-03-14T17:30Z is Sat 00:30 local: not a working day.
    expect(cal.isWorkingDay(new Date('2025-03-14T17:30:00Z'))).toBe(false);
  });
});

describe('startOfCounting (after-hours rule)', () => {
  it.each<[[string, string], string, string]>([
    // [received, expected start, why]
    [['2025-03-12', '16:59'], '12/03/2025 16:59', 'inside hours: counts from receipt'],
    [['2025-03-12', '17:00'], '13/03/2025 08:00', '17:00 is already closed'],
    [['2025-03-12', '17:01'], '13/03/2025 08:00', 'next working morning'],
    [['2025-03-12', '12:30'], '12/03/2025 13:00', 'lunch → afternoon start'],
    [['2025-03-12', '07:15'], '12/03/2025 08:00', 'before opening'],
    [['2025-03-16', '10:00'], '17/03/2025 08:00', 'Sunday → Monday'],
    [['2025-03-14', '17:30'], '17/03/2025 08:00', 'Friday evening → Monday'],
    [['2025-01-24', '17:30'], '03/02/2025 08:00', 'Friday before Tết 2025 → after the break'],
    [['2025-04-25', '17:30'], '26/04/2025 08:00', 'Friday evening → make-up Saturday'],
    [['2025-04-29', '17:30'], '05/05/2025 08:00', '30/04, 01/05, 02/05 off, then weekend'],
    [['2025-08-29', '17:30'], '03/09/2025 08:00', 'National Day 2025: Mon 1, Tue 2 Sep off'],
    [['2026-01-01', '09:00'], '05/01/2026 08:00', 'New Year 2026 + swapped Friday'],
    [['2026-01-10', '07:00'], '10/01/2026 08:00', 'make-up Saturday morning'],
    [['2026-02-13', '18:00'], '23/02/2026 08:00', 'Tết 2026: 14–22/02 off'],
    [['2026-04-24', '17:05'], '28/04/2026 08:00', 'Hùng Kings on Sunday → Monday compensatory'],
    [['2026-08-28', '17:05'], '03/09/2026 08:00', '31/08 swapped, 01–02/09 holiday'],
  ])('%j → %s (%s)', ([d, t], expected) => {
    expect(show(cal.startOfCounting(at(d, t)))).toBe(expected);
  });
});

describe('addWorkingDays (n days = n × 8 working hours from startOfCounting)', () => {
  it.each([
    // Mon 09:00 + 1 → Tue 09:00 (the documented convention).
    [['2025-03-10', '09:00'], 1, '11/03/2025 09:00'],
    // Fri 16:00 + 1: Fri 1 h + Mon 08–12 4 h + 13–16 3 h = 8 h → Mon 16:00.
    [['2025-03-14', '16:00'], 1, '17/03/2025 16:00'],
    // Mon 08:00 + 1 ends exactly at 17:00 the same day, not Tue 08:00.
    [['2025-03-10', '08:00'], 1, '10/03/2025 17:00'],
    [['2025-03-10', '08:00'], 5, '14/03/2025 17:00'],
    // Wed 10:00 + 3: Wed 6 h, Thu 8 (14), Fri 8 (22), Mon 2 h → 10:00.
    [['2025-03-12', '10:00'], 3, '17/03/2025 10:00'],
    // 16:59 counts from 16:59; 17:01 from Thu 08:00 (→ Thu 17:00).
    [['2025-03-12', '16:59'], 1, '13/03/2025 16:59'],
    [['2025-03-12', '17:01'], 1, '13/03/2025 17:00'],
    // Lunch counts from 13:00: Wed 13–17 4 h + Thu 08–12 4 h → Thu 12:00 (period end, not 13:00).
    [['2025-03-12', '12:30'], 1, '13/03/2025 12:00'],
    // Sunday → counts from Mon 08:00; 2 days = Mon + Tue → Tue 17:00.
    [['2025-03-16', '10:00'], 2, '18/03/2025 17:00'],
    // Across Tết 2025: Thu 23/01 10:00: Thu 6 h, Fri 8 (14), 25/01–02/02 off, Mon 03/02 2 h.
    [['2025-01-23', '10:00'], 2, '03/02/2025 10:00'],
    // 15 days from Mon 20/01 08:00: 20–24/01 (5), 03–07/02 (10), 10–14/02 (15).
    [['2025-01-20', '08:00'], 15, '14/02/2025 17:00'],
    // Make-up Saturday: Fri 25/04 09:00: Fri 7 h + Sat 26/04 08–09 → Sat 09:00.
    [['2025-04-25', '09:00'], 1, '26/04/2025 09:00'],
    // Thu 24/04 14:00 + 3: Thu 3 h, Fri 8 (11), Sat 8 (19), Sun off, Mon 28/04 5 h → 14:00.
    [['2025-04-24', '14:00'], 3, '28/04/2025 14:00'],
    // Tue 29/04 10:00 + 2: Tue 6 h; 30/04–04/05 off; Mon 05/05 8 (14); Tue 06/05 2 h.
    [['2025-04-29', '10:00'], 2, '06/05/2025 10:00'],
    // Fri 29/08/2025 08:00 + 2: Fri 8 h; 30/08–02/09 off; Wed 03/09 8 h → 17:00.
    [['2025-08-29', '08:00'], 2, '03/09/2025 17:00'],
    // 30 days from Mon 21/04/2025 08:00: 21–25/04 (5), Sat 26/04 (6), 28–29/04 (8),
    // 05–09/05 (13), 12–16 (18), 19–23 (23), 26–30 (28), 02–03/06 (30).
    [['2025-04-21', '08:00'], 30, '03/06/2025 17:00'],
    // New Year 2026: Wed 31/12/2025 09:00: Wed 7 h; 01–04/01 off; Mon 05/01 8 (15); Tue 1 h.
    [['2025-12-31', '09:00'], 2, '06/01/2026 09:00'],
    // Fri 09/01/2026 09:00 + 1: Fri 7 h + Sat 10/01 (make-up) 1 h.
    [['2026-01-09', '09:00'], 1, '10/01/2026 09:00'],
    // Tết 2026: Thu 12/02 15:00: Thu 2 h, Fri 13/02 8 (10); 14–22/02 off; Mon 23/02 6 h → 15:00.
    [['2026-02-12', '15:00'], 2, '23/02/2026 15:00'],
    // Hùng Kings 2026: Fri 24/04 10:00: Fri 6 h; Sat, Sun, Mon 27/04 (compensatory) off; Tue 2 h.
    [['2026-04-24', '10:00'], 1, '28/04/2026 10:00'],
    // Wed 29/04/2026 08:00 + 2: Wed 8 h; 30/04–03/05 off; Mon 04/05 8 h.
    [['2026-04-29', '08:00'], 2, '04/05/2026 17:00'],
    // Fri 21/08/2026 13:00 + 1: Fri 4 h + Sat 22/08 (make-up) 08–12 → 12:00 (period end).
    [['2026-08-21', '13:00'], 1, '22/08/2026 12:00'],
    // Fri 28/08/2026 08:00 + 2: Fri 8 h; 29/08–02/09 off; Thu 03/09 8 h.
    [['2026-08-28', '08:00'], 2, '03/09/2026 17:00'],
    // Culture Day: Mon 23/11/2026 09:00: Mon 7 h; Tue 24/11 off; Wed 1 h.
    [['2026-11-23', '09:00'], 1, '25/11/2026 09:00'],
    // Computed 2027 Tết: Thu 04/02/2027 08:00 + 2: Thu 8, then 05–11/02 off → Fri 12/02 8 h.
    [['2027-02-04', '08:00'], 2, '12/02/2027 17:00'],
    // Half a day: Mon 10:00 + 4 h: 10–12, 13–15.
    [['2025-03-10', '10:00'], 0.5, '10/03/2025 15:00'],
    // Zero days from after hours → the start of counting.
    [['2025-03-12', '17:30'], 0, '13/03/2025 08:00'],
  ] as const)('%j + %s days → %s', ([d, t], n, expected) => {
    expect(show(cal.addWorkingDays(at(d, t), n))).toBe(expected);
  });
});

describe('addWorkingHours / addWorkingMinutes', () => {
  it.each([
    // Mon 11:00 + 2 h: 11–12, 13–14.
    [['2025-03-10', '11:00'], 2, '10/03/2025 14:00'],
    // Mon 11:00 + 1 h ends at the period end 12:00, not 13:00.
    [['2025-03-10', '11:00'], 1, '10/03/2025 12:00'],
    // Fri 16:30 + 4 h: Fri 0.5 h, Mon 3.5 h → 11:30.
    [['2025-03-14', '16:30'], 4, '17/03/2025 11:30'],
    // Sat 26/04/2025 (make-up) 15:00 + 4 h: Sat 2 h, Mon 28/04 2 h → 10:00.
    [['2025-04-26', '15:00'], 4, '28/04/2025 10:00'],
  ] as const)('%j + %s h → %s', ([d, t], h, expected) => {
    expect(show(cal.addWorkingHours(at(d, t), h))).toBe(expected);
  });

  it('16:59 + 1 minute = 17:00 the same day; + 2 minutes = 08:01 next working day', () => {
    expect(show(cal.addWorkingMinutes(at('2025-03-12', '16:59'), 1))).toBe('12/03/2025 17:00');
    expect(show(cal.addWorkingMinutes(at('2025-03-12', '16:59'), 2))).toBe('13/03/2025 08:01');
  });

  it('rejects negative or non-finite amounts', () => {
    expect(() => cal.addWorkingMinutes(at('2025-03-12', '09:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingHours(at('2025-03-12', '09:00'), Number.NaN)).toThrow(RangeError);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    [['2025-03-10', '08:00'], ['2025-03-10', '17:00'], 480],
    [['2025-03-10', '08:00'], ['2025-03-11', '08:00'], 480],
    [['2025-03-12', '12:15'], ['2025-03-12', '13:15'], 15], // lunch does not count
    [['2025-03-16', '08:00'], ['2025-03-16', '18:00'], 0], // Sunday
    // Fri 24/01/2025 16:00 → Mon 03/02 09:00: 1 h before Tết + 1 h after.
    [['2025-01-24', '16:00'], ['2025-02-03', '09:00'], 120],
    // Sat 26/04/2025 08:00 → Mon 05/05 08:00: Sat, Mon 28, Tue 29 = 24 h.
    [['2025-04-26', '08:00'], ['2025-05-05', '08:00'], 1440],
    [['2025-05-05', '08:00'], ['2025-04-26', '08:00'], -1440],
  ] as const)('%j → %j = %s min', ([d1, t1], [d2, t2], expected) => {
    expect(cal.workingMinutesBetween(at(d1, t1), at(d2, t2))).toBe(expected);
  });

  it('a whole year: 2025 has 250 working days, 2026 has 249', () => {
    // 2025: 261 weekdays − 12 weekday holidays (1/1, 27–31/1, 7/4, 30/4, 1/5, 2/5, 1/9, 2/9) + Sat 26/4.
    expect(cal.workingMinutesBetween(at('2025-01-01', '00:00'), at('2026-01-01', '00:00'))).toBe(250 * 480);
    // 2026: 261 weekdays − 14 (1–2/1, 16–20/2, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9, 24/11) + 10/1 + 22/8.
    expect(cal.workingMinutesBetween(at('2026-01-01', '00:00'), at('2027-01-01', '00:00'))).toBe(249 * 480);
  });
});

describe('local formatting', () => {
  it('fromLocal / formatLocal / localDate use UTC+7', () => {
    expect(at('2025-03-12', '08:00').toISOString()).toBe('2025-03-12T01:00:00.000Z');
    const lateUtc = new Date('2025-03-11T17:30:00Z');
    expect(cal.formatLocal(lateUtc)).toBe('12/03/2025 00:30');
    expect(cal.localDate(lateUtc)).toBe('2025-03-12');
    expect(cal.localDate(new Date('2025-03-11T16:59:59Z'))).toBe('2025-03-11');
  });

  it('rejects an invalid Date', () => {
    expect(() => cal.localDate(new Date('nope'))).toThrow(RangeError);
  });
});

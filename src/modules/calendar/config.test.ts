import { describe, expect, it } from 'vitest';
import { defaultCalendarConfig } from './default-config.ts';
import { type CalendarConfig, WorkCalendar } from './working-time.ts';

const base: CalendarConfig = {
  timeZoneOffsetMinutes: 420,
  workingPeriods: [
    { start: '08:00', end: '12:00' },
    { start: '13:00', end: '17:00' },
  ],
  weekend: [6, 7],
  sameDayCutoff: '15:00',
  daysOff: [],
  extraWorkdays: [],
};

describe('defaultCalendarConfig', () => {
  const config = defaultCalendarConfig([2025, 2026, 2027, 2026]);

  it('uses Hanoi hours and Sat+Sun weekend', () => {
    expect(config.timeZoneOffsetMinutes).toBe(420);
    expect(config.weekend).toEqual([6, 7]);
    expect(config.hoursPerDay).toBe(8);
    expect(config.sameDayCutoff).toBe('15:00');
  });

  it('takes official schedules where present and computed defaults elsewhere, sorted and unique', () => {
    expect(config.extraWorkdays).toEqual(['2025-04-26', '2026-01-10', '2026-08-22']);
    expect(config.daysOff).toContain('2025-05-02'); // official swap
    expect(config.daysOff).not.toContain('2025-02-03'); // computed-only compensatory, overridden by the notice
    expect(config.daysOff).toContain('2027-02-10'); // computed default for 2027
    expect(config.daysOff).toEqual([...new Set(config.daysOff)].sort());
  });

  it('accepts other schedules (e.g. loaded from the database)', () => {
    const c = defaultCalendarConfig([2025], new Map());
    expect(c.extraWorkdays).toEqual([]);
    expect(c.daysOff).toContain('2025-02-03');
  });
});

describe('WorkCalendar config validation', () => {
  it.each([
    ['empty periods', { workingPeriods: [] }],
    ['end before start', { workingPeriods: [{ start: '12:00', end: '08:00' }] }],
    [
      'overlapping periods',
      {
        workingPeriods: [
          { start: '08:00', end: '12:30' },
          { start: '12:00', end: '17:00' },
        ],
      },
    ],
    ['bad clock', { sameDayCutoff: '25:00' }],
    ['JS getDay() Sunday (0) in weekend', { weekend: [0, 6] }],
    ['bad offset', { timeZoneOffsetMinutes: 7 * 60 + 0.5 }],
    ['bad date', { daysOff: ['2025-13-01'] }],
    ['day both off and worked', { daysOff: ['2025-04-26'], extraWorkdays: ['2025-04-26'] }],
    ['non-positive hoursPerDay', { hoursPerDay: 0 }],
  ] as const)('rejects %s', (_why, patch) => {
    expect(() => new WorkCalendar({ ...base, ...(patch as Partial<CalendarConfig>) })).toThrow(RangeError);
  });
});

describe('other configurations', () => {
  it('7.5-hour days (07:30–11:30, 13:30–17:00): one day from 07:30 ends 17:00 the same day', () => {
    const c = new WorkCalendar({
      ...base,
      workingPeriods: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
    });
    expect(c.hoursPerDay).toBe(7.5);
    expect(c.formatLocal(c.addWorkingDays(c.fromLocal('2025-03-10', '07:30'), 1))).toBe('10/03/2025 17:00');
  });

  it('explicit hoursPerDay = 8 on 7.5-hour days: one day = 8 h → next day 08:00', () => {
    const c = new WorkCalendar({
      ...base,
      hoursPerDay: 8,
      workingPeriods: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
    });
    // Mon 7.5 h + Tue 07:30–08:00.
    expect(c.formatLocal(c.addWorkingDays(c.fromLocal('2025-03-10', '07:30'), 1))).toBe('11/03/2025 08:00');
  });

  it('Sunday-only weekend: Saturday counts', () => {
    const c = new WorkCalendar({ ...base, weekend: [7] });
    // Fri 14/03/2025 09:00 + 2: Fri 7 h, Sat 8 h (15), Mon 1 h → 09:00.
    expect(c.formatLocal(c.addWorkingDays(c.fromLocal('2025-03-14', '09:00'), 2))).toBe('17/03/2025 09:00');
  });

  it('a calendar with no working days at all fails loudly instead of looping', () => {
    const c = new WorkCalendar({ ...base, weekend: [1, 2, 3, 4, 5, 6, 7] });
    expect(() => c.startOfCounting(c.fromLocal('2025-03-10', '09:00'))).toThrow(/No working days/);
  });
});

describe('cross-check against a minute-by-minute reference', () => {
  const config = defaultCalendarConfig([2025, 2026]);
  const c = new WorkCalendar(config);

  /** Naive reference: walk minute by minute, counting working minutes. */
  function naiveAdd(from: Date, minutes: number): Date {
    let t = c.startOfCounting(from).getTime();
    let left = minutes;
    while (left > 0) {
      if (c.isWorkingMoment(new Date(t))) left--;
      t += 60_000;
    }
    return new Date(t);
  }

  it('addWorkingMinutes and workingMinutesBetween agree with the reference around Tết, swaps and weekends', () => {
    // Deterministic pseudo-random receipts from Dec 2025 to Mar 2026 and Apr–May 2025.
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const windows = [at0('2025-04-20'), at0('2025-12-25'), at0('2026-02-05'), at0('2026-08-15')];
    for (let i = 0; i < 120; i++) {
      const from = new Date(windows[i % windows.length].getTime() + rand(14 * 24 * 60) * 60_000);
      const minutes = 1 + rand(4 * 480);
      const fast = c.addWorkingMinutes(from, minutes);
      expect(fast.toISOString()).toBe(naiveAdd(from, minutes).toISOString());
      expect(c.workingMinutesBetween(from, fast)).toBe(minutes);
    }
  });

  function at0(date: string): Date {
    return c.fromLocal(date, '00:00');
  }
});

describe('speed', () => {
  it('10 000 due dates with 1–60 working days in well under a second', () => {
    const c = new WorkCalendar(defaultCalendarConfig([2025, 2026, 2027]));
    const start = c.fromLocal('2025-01-02', '09:00').getTime();
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      c.dueDate(new Date(start + i * 37 * 60_000), { unit: 'working_days', value: 1 + (i % 60) });
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

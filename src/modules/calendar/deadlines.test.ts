import { describe, expect, it } from 'vitest';
import { at, cal, show } from './test-calendar.ts';
import type { Deadline, Verdict } from './working-time.ts';

type LocalTime = [date: string, time: string];
type Case = [received: LocalTime, expected: string, why: string];

const sameDay: Deadline = { unit: 'same_day', value: 0 };

describe('dueDate: same-day procedures (cutoff 15:00)', () => {
  it.each<Case>([
    [['2025-03-12', '09:00'], '12/03/2025 17:00', 'morning → end of the day'],
    [['2025-03-12', '14:59'], '12/03/2025 17:00', 'before the cutoff'],
    [['2025-03-12', '15:00'], '12/03/2025 17:00', 'exactly 15:00 is not after the cutoff'],
    [['2025-03-12', '15:01'], '13/03/2025 17:00', 'after 15:00 → end of next working day'],
    [['2025-03-12', '16:30'], '13/03/2025 17:00', 'late afternoon'],
    [['2025-03-12', '12:30'], '12/03/2025 17:00', 'lunch: counting starts 13:00, before the cutoff'],
    [['2025-03-12', '17:30'], '13/03/2025 17:00', 'after hours: counts from Thu 08:00'],
    [['2025-03-16', '10:00'], '17/03/2025 17:00', 'Sunday → Monday'],
    [['2025-04-25', '15:30'], '26/04/2025 17:00', 'Friday after cutoff → make-up Saturday'],
    [['2025-04-29', '15:30'], '05/05/2025 17:00', 'before 30/04–04/05 break'],
    [['2026-02-13', '16:00'], '23/02/2026 17:00', 'Friday before Tết 2026'],
    [['2026-04-24', '15:10'], '28/04/2026 17:00', 'Hùng Kings Sunday + compensatory Monday'],
  ])('%j → %s (%s)', ([d, t], expected) => {
    expect(show(cal.dueDate(at(d, t), sameDay))).toBe(expected);
  });
});

describe('dueDate: working days and hours', () => {
  it('3 working days from Mon 09:00 → Thu 09:00', () => {
    expect(show(cal.dueDate(at('2025-03-10', '09:00'), { unit: 'working_days', value: 3 }))).toBe('13/03/2025 09:00');
  });

  it('4 working hours from Mon 15:00 → Mon 2 h + Tue 2 h → Tue 10:00', () => {
    expect(show(cal.dueDate(at('2025-03-10', '15:00'), { unit: 'working_hours', value: 4 }))).toBe('11/03/2025 10:00');
  });

  it('5 working days received Fri 24/01/2025 17:30 (after hours, before Tết) → Fri 07/02 17:00', () => {
    // Counting starts Mon 03/02 08:00; 03–07/02 are the five days.
    expect(show(cal.dueDate(at('2025-01-24', '17:30'), { unit: 'working_days', value: 5 }))).toBe('07/02/2025 17:00');
  });

  it('rejects an unknown unit', () => {
    expect(() => cal.dueDate(at('2025-03-10', '09:00'), { unit: 'weeks' } as unknown as Deadline)).toThrow(RangeError);
  });
});

describe('resume after a pause (waiting for the citizen)', () => {
  it('plain week: 6 h + 3 days left are re-counted from the resume', () => {
    // Received Mon 03/03/2025 08:00, 5 days → due Fri 07/03 17:00.
    const due = cal.addWorkingDays(at('2025-03-03', '08:00'), 5);
    expect(show(due)).toBe('07/03/2025 17:00');
    // Paused Tue 04/03 10:00: left = Tue 6 h + Wed, Thu, Fri 24 h = 30 h.
    // Resumed Mon 10/03 08:00: Mon 8, Tue 16, Wed 24, Thu 08–12 + 13–15 → Thu 13/03 15:00.
    expect(show(cal.resume(at('2025-03-04', '10:00'), at('2025-03-10', '08:00'), due))).toBe('13/03/2025 15:00');
  });

  it('a supplement pause spanning Tết 2025 charges nothing for the holiday', () => {
    // Received Mon 20/01/2025 08:00, 5 days → due Fri 24/01 17:00.
    const due = cal.addWorkingDays(at('2025-01-20', '08:00'), 5);
    expect(show(due)).toBe('24/01/2025 17:00');
    // Paused Wed 22/01 14:00: left = Wed 3 h + Thu 8 + Fri 8 = 19 h.
    // Resumed Tue 04/02 10:00: Tue 6 h, Wed 05/02 8 (14), Thu 06/02 08–12 + 13–14 → 14:00.
    expect(show(cal.resume(at('2025-01-22', '14:00'), at('2025-02-04', '10:00'), due))).toBe('06/02/2025 14:00');
  });

  it('a pause over 30/04–02/05/2025, resumed after hours, restarts next morning', () => {
    const due = at('2025-05-09', '17:00');
    // Paused Tue 29/04 16:00: left = Tue 1 h + 05–09/05 40 h = 41 h.
    expect(cal.workingMinutesBetween(at('2025-04-29', '16:00'), due)).toBe(41 * 60);
    // Resumed Tue 06/05 17:30 → counts from Wed 07/05 08:00: Wed, Thu, Fri, Mon, Tue (40 h) + Wed 14/05 1 h.
    expect(show(cal.resume(at('2025-04-29', '16:00'), at('2025-05-06', '17:30'), due))).toBe('14/05/2025 09:00');
  });

  it('a pause within one day shifts the due by the paused working time', () => {
    // Due Wed 12/03 17:00; paused Mon 10/03 10:00 → resumed 14:00 (3 working hours).
    // Left 22 h from Mon 14:00: Mon 3, Tue 11, Wed 19, Thu 3 h → Thu 11:00.
    expect(show(cal.resume(at('2025-03-10', '10:00'), at('2025-03-10', '14:00'), at('2025-03-12', '17:00')))).toBe(
      '13/03/2025 11:00',
    );
  });

  it('a pause over a weekend only (after hours to opening) changes nothing', () => {
    const due = at('2025-03-18', '12:00');
    expect(show(cal.resume(at('2025-03-14', '17:00'), at('2025-03-17', '08:00'), due))).toBe('18/03/2025 12:00');
  });

  it('paused at or after the due instant keeps the due instant', () => {
    const due = at('2025-03-12', '17:00');
    expect(cal.resume(at('2025-03-13', '09:00'), at('2025-03-20', '09:00'), due)).toBe(due);
    expect(cal.resume(due, at('2025-03-20', '09:00'), due)).toBe(due);
  });

  it('rejects a resume before the pause', () => {
    expect(() => cal.resume(at('2025-03-12', '10:00'), at('2025-03-12', '09:00'), at('2025-03-14', '17:00'))).toThrow(
      RangeError,
    );
  });
});

describe('judge', () => {
  const due = at('2025-03-13', '17:00'); // Thu

  it.each<[LocalTime, Verdict, string]>([
    [['2025-03-12', '16:00'], 'early', 'the day before the due day'],
    [['2025-03-12', '23:59'], 'early', 'last minute of the previous local day'],
    [['2025-03-13', '00:00'], 'on_time', 'first minute of the due local day'],
    [['2025-03-13', '08:00'], 'on_time', 'morning of the due day'],
    [['2025-03-13', '17:00'], 'on_time', 'exactly at the due instant'],
    [['2025-03-13', '17:01'], 'late', 'one minute after'],
    [['2025-03-14', '09:00'], 'late', 'next day'],
  ])('finished %j → %s (%s)', ([d, t], expected) => {
    expect(cal.judge(at(d, t), due, at('2025-04-01', '09:00'))).toBe(expected);
  });

  it('one second after dueAt is late', () => {
    expect(cal.judge(new Date(due.getTime() + 1000), due, due)).toBe('late');
  });

  it('unfinished: in progress until now passes dueAt, then late', () => {
    expect(cal.judge(null, due, at('2025-03-13', '16:00'))).toBe('in_progress');
    expect(cal.judge(null, due, due)).toBe('in_progress');
    expect(cal.judge(null, due, new Date(due.getTime() + 1000))).toBe('late');
  });

  it('due at 09:00 (Mon 09:00 + 1 day): Tue 08:30 is on time, Mon 16:00 early', () => {
    const due9 = cal.addWorkingDays(at('2025-03-10', '09:00'), 1);
    expect(cal.judge(at('2025-03-11', '08:30'), due9, due9)).toBe('on_time');
    expect(cal.judge(at('2025-03-10', '16:00'), due9, due9)).toBe('early');
  });
});

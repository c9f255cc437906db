// The platform's default calendar: Hanoi office hours and, for each requested
// year, the official schedule where we have one, else the computed defaults.
// Pass every year a deadline can reach: a receipt in December needs next year too.

import { holidaysForYear, type OfficialSchedule } from './holidays.ts';
import { OFFICIAL_SCHEDULES } from './schedules/index.ts';
import type { CalendarConfig } from './working-time.ts';

export function defaultCalendarConfig(
  years: number[],
  schedules: ReadonlyMap<number, OfficialSchedule> = OFFICIAL_SCHEDULES,
): CalendarConfig {
  const daysOff = new Set<string>();
  const extraWorkdays = new Set<string>();
  for (const year of new Set(years)) {
    const h = holidaysForYear(year, schedules.get(year));
    for (const d of h.daysOff) daysOff.add(d.date);
    for (const w of h.workdays) extraWorkdays.add(w.date);
  }
  return {
    timeZoneOffsetMinutes: 420, // Asia/Ho_Chi_Minh, UTC+7 all year
    workingPeriods: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    weekend: [6, 7], // Saturday, Sunday (ISO weekdays)
    hoursPerDay: 8,
    sameDayCutoff: '15:00',
    daysOff: [...daysOff].sort(),
    extraWorkdays: [...extraWorkdays].sort(),
  };
}

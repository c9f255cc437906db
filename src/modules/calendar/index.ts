// Public surface of the working-day calendar module.
export { solarToLunar, lunarToSolar, lunarYearEnd, type LunarDate, type SolarDate } from './lunar.ts';
export {
  computeDefaultHolidays,
  holidaysForYear,
  parseOfficialSchedule,
  CULTURE_DAY_FROM_YEAR,
  type HolidayEntry,
  type HolidayKind,
  type OfficialSchedule,
  type WorkdayEntry,
  type YearHolidays,
} from './holidays.ts';
export { OFFICIAL_SCHEDULES } from './schedules/index.ts';
export {
  WorkCalendar,
  type CalendarConfig,
  type Deadline,
  type DeadlineUnit,
  type Verdict,
  type WorkingPeriod,
} from './working-time.ts';
export { defaultCalendarConfig } from './default-config.ts';

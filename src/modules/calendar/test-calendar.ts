// Shared fixture for the calendar tests: the default Hanoi calendar for 2024–2027
// (official schedules for 2025 and 2026, computed defaults otherwise), with
// helpers that read and print local 'dd/mm/yyyy HH:mm'.
import { defaultCalendarConfig } from './default-config.ts';
import { WorkCalendar } from './working-time.ts';

export const cal = new WorkCalendar(defaultCalendarConfig([2024, 2025, 2026, 2027]));

/** Local instant from 'YYYY-MM-DD' and 'HH:MM'. */
export const at = (date: string, time: string): Date => cal.fromLocal(date, time);

/** Local 'dd/mm/yyyy HH:mm'. */
export const show = (t: Date): string => cal.formatLocal(t);

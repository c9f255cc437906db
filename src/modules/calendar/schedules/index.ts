// Official public-sector holiday schedules, one JSON file per year. They replace
// the computed defaults of holidays.ts for their year. Add a year by dropping in
// YYYY.json (same shape) and listing it here; sources go in README.md.

import { parseOfficialSchedule, type OfficialSchedule } from '../holidays.ts';
import y2025 from './2025.json' with { type: 'json' };
import y2026 from './2026.json' with { type: 'json' };

export const OFFICIAL_SCHEDULES: ReadonlyMap<number, OfficialSchedule> = new Map(
  [y2025, y2026].map((raw) => {
    const schedule = parseOfficialSchedule(raw);
    return [schedule.year, schedule] as const;
  }),
);

import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';
import { holidaysForYear, type OfficialSchedule } from './holidays.ts';
import { OFFICIAL_SCHEDULES } from './schedules/index.ts';
import { WorkCalendar, type WorkingPeriod } from './working-time.ts';
import './tables.ts';

/**
 * The calendar the whole system counts deadlines with. A year that has rows in calendar_day
 * uses exactly those rows (an official schedule, or defaults materialised and then edited);
 * other years use the holidays computed from the Labour Code. Settings (working hours,
 * weekend, same-day cutoff) are versioned by effective date; the one in force today applies.
 */
export interface CalendarSetting {
  effectiveFrom: string;
  workingPeriods: WorkingPeriod[];
  weekend: number[];
  sameDayCutoff: string;
  note: string | null;
}

export interface YearSchedule {
  year: number;
  source: 'database' | 'computed';
  daysOff: { date: string; name: string; nameEn: string; source: string }[];
  workdays: { date: string; name: string; nameEn: string; source: string }[];
}

const TZ_OFFSET_MIN = 420; // Asia/Ho_Chi_Minh, no daylight saving
const TTL_MS = 60_000;
let cached: { at: number; cal: WorkCalendar; setting: CalendarSetting } | null = null;

export function invalidateCalendar() {
  cached = null;
}

function localToday(): string {
  return new Date(Date.now() + TZ_OFFSET_MIN * 60_000).toISOString().slice(0, 10);
}

export async function currentSetting(db: Executor, onDate = localToday()): Promise<CalendarSetting> {
  const r = await db.selectFrom('calendar_setting').selectAll().where('effective_from', '<=', onDate).orderBy('effective_from', 'desc').executeTakeFirst();
  if (!r) throw new Error('calendar_setting is empty: run the seed');
  return { effectiveFrom: r.effective_from, workingPeriods: r.working_periods as WorkingPeriod[], weekend: r.weekend, sameDayCutoff: r.same_day_cutoff, note: r.note };
}

export async function listSettings(db: Executor): Promise<CalendarSetting[]> {
  const rows = await db.selectFrom('calendar_setting').selectAll().orderBy('effective_from').execute();
  return rows.map((r) => ({ effectiveFrom: r.effective_from, workingPeriods: r.working_periods as WorkingPeriod[], weekend: r.weekend, sameDayCutoff: r.same_day_cutoff, note: r.note }));
}

async function storedYears(db: Executor, from: number, to: number) {
  const rows = await db.selectFrom('calendar_day').selectAll()
    .where('date', '>=', `${from}-01-01`).where('date', '<=', `${to}-12-31`).orderBy('date').execute();
  const byYear = new Map<number, typeof rows>();
  for (const r of rows) {
    const y = Number(r.date.slice(0, 4));
    byYear.set(y, [...(byYear.get(y) ?? []), r]);
  }
  return byYear;
}

export async function yearSchedule(db: Executor, year: number): Promise<YearSchedule> {
  const rows = (await storedYears(db, year, year)).get(year);
  if (rows) {
    const pick = (k: 'day_off' | 'workday') => rows.filter((r) => r.kind === k).map((r) => ({ date: r.date, name: r.name, nameEn: r.name_en, source: r.source }));
    return { year, source: 'database', daysOff: pick('day_off'), workdays: pick('workday') };
  }
  const h = holidaysForYear(year);
  return {
    year, source: 'computed',
    daysOff: h.daysOff.map((d) => ({ date: d.date, name: d.name, nameEn: d.nameEn, source: h.source })),
    workdays: h.workdays.map((d) => ({ date: d.date, name: d.name, nameEn: d.nameEn, source: h.source })),
  };
}

let building: Promise<WorkCalendar> | null = null;

/** The working calendar in force, cached briefly; one rebuild at a time when it expires under load. */
export async function getCalendar(db: Executor): Promise<WorkCalendar> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.cal;
  building ??= buildCalendar(db).finally(() => { building = null; });
  return building;
}

async function buildCalendar(db: Executor): Promise<WorkCalendar> {
  const setting = await currentSetting(db);
  const thisYear = Number(localToday().slice(0, 4));
  // Deadlines reach a few years out at most; history a few years back (judging old dossiers).
  const from = thisYear - 3;
  const to = thisYear + 5;
  const stored = await storedYears(db, from, to);
  const daysOff: string[] = [];
  const extra: string[] = [];
  for (let y = from; y <= to; y++) {
    const rows = stored.get(y);
    if (rows) {
      for (const r of rows) (r.kind === 'day_off' ? daysOff : extra).push(r.date);
    } else {
      const h = holidaysForYear(y);
      daysOff.push(...h.daysOff.map((d) => d.date));
      extra.push(...h.workdays.map((d) => d.date));
    }
  }
  const cal = new WorkCalendar({
    timeZoneOffsetMinutes: TZ_OFFSET_MIN,
    workingPeriods: setting.workingPeriods,
    weekend: setting.weekend,
    sameDayCutoff: setting.sameDayCutoff,
    daysOff,
    extraWorkdays: extra,
  });
  cached = { at: Date.now(), cal, setting };
  return cal;
}

/** Before the first edit of a year that has no rows, its computed holidays become rows. */
async function materialiseYear(tx: Executor, year: number) {
  const exists = await tx.selectFrom('calendar_day').select('date').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).executeTakeFirst();
  if (exists) return;
  const h = holidaysForYear(year);
  const rows = [
    ...h.daysOff.map((d) => ({ date: d.date, kind: 'day_off' as const, name: d.name, name_en: d.nameEn, source: h.source })),
    ...h.workdays.map((d) => ({ date: d.date, kind: 'workday' as const, name: d.name, name_en: d.nameEn, source: h.source })),
  ];
  if (rows.length) await tx.insertInto('calendar_day').values(rows).onConflict((oc) => oc.column('date').doNothing()).execute();
}

export async function setCalendarDay(db: Db, d: { date: string; kind: 'day_off' | 'workday'; name: string; nameEn: string; source: string }) {
  await db.transaction().execute(async (tx) => {
    await materialiseYear(tx, Number(d.date.slice(0, 4)));
    await tx.insertInto('calendar_day').values({ date: d.date, kind: d.kind, name: d.name, name_en: d.nameEn, source: d.source })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: d.kind, name: d.name, name_en: d.nameEn, source: d.source, updated_at: sql`now()` })).execute();
  });
  invalidateCalendar();
}

export async function deleteCalendarDay(db: Db, date: string): Promise<boolean> {
  const n = await db.transaction().execute(async (tx) => {
    await materialiseYear(tx, Number(date.slice(0, 4)));
    const r = await tx.deleteFrom('calendar_day').where('date', '=', date).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
  invalidateCalendar();
  return n > 0;
}

export async function addSetting(db: Db, s: CalendarSetting) {
  // Validate by building a calendar with it: bad periods throw a RangeError.
  new WorkCalendar({ timeZoneOffsetMinutes: TZ_OFFSET_MIN, workingPeriods: s.workingPeriods, weekend: s.weekend, sameDayCutoff: s.sameDayCutoff, daysOff: [], extraWorkdays: [] });
  await db.insertInto('calendar_setting').values({ effective_from: s.effectiveFrom, working_periods: JSON.stringify(s.workingPeriods), weekend: s.weekend, same_day_cutoff: s.sameDayCutoff, note: s.note })
    .onConflict((oc) => oc.column('effective_from').doUpdateSet({ working_periods: JSON.stringify(s.workingPeriods), weekend: s.weekend, same_day_cutoff: s.sameDayCutoff, note: s.note })).execute();
  invalidateCalendar();
}

/** Default working hours and the official 2025/2026 schedules (idempotent). */
export async function seedCalendar(db: Db) {
  const has = await db.selectFrom('calendar_setting').select('id').executeTakeFirst();
  if (!has) {
    await addSetting(db, {
      effectiveFrom: '2000-01-01',
      workingPeriods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
      weekend: [6, 7],
      sameDayCutoff: '15:00',
      note: 'Giờ hành chính 8 giờ/ngày, nghỉ thứ Bảy và Chủ nhật (Nghị định 45/2013/NĐ-CP)',
    });
  }
  for (const s of OFFICIAL_SCHEDULES.values()) await seedOfficial(db, s);
  invalidateCalendar();
}

async function seedOfficial(db: Db, s: OfficialSchedule) {
  const rows = [
    ...s.daysOff.map((d) => ({ date: d.date, kind: 'day_off' as const, name: d.name, name_en: d.nameEn, source: s.source })),
    ...s.workdays.map((d) => ({ date: d.date, kind: 'workday' as const, name: d.name, name_en: d.nameEn, source: s.source })),
  ];
  if (rows.length) await db.insertInto('calendar_day').values(rows).onConflict((oc) => oc.column('date').doNothing()).execute();
}

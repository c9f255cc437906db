// Working-time arithmetic for legal deadlines. Pure and allocation-light: it is
// called on every dossier receipt.
//
// Conventions
// - Instants are JS Dates (UTC). Local time = UTC + timeZoneOffsetMinutes (no DST).
// - `weekend` holds ISO weekday numbers: 1 = Monday … 7 = Sunday (default [6, 7]).
// - A date in `daysOff` is never a working day; a date in `extraWorkdays` (a
//   make-up Saturday) always is. A date may not be in both.
// - Working periods are half-open [start, end): 17:00 is already after hours.
// - After-hours rule: counting starts at the received moment if it is inside a
//   working period, else at the next period start (lunch → 13:00, 17:01 → next
//   working day 08:00, Sunday → Monday 08:00).
// - n working days = n × hoursPerDay working hours counted from startOfCounting.
//   Received Mon 09:00 + 1 day → Tue 09:00; received Fri 16:00 + 1 day → Mon 16:00.
// - A due instant that lands exactly on a period end is that end (Mon 08:00 +
//   1 day → Mon 17:00, not Tue 08:00): the deadline is the end of the last
//   working minute, never the start of the next period.
// - Counting is O(log holidays) per call: weekdays are counted arithmetically
//   and holidays by binary search, so no day-by-day loops over long ranges.

import { formatIsoDate, isoWeekday, pad2, parseIsoDate, civilFromDayNumber } from './civil-date.ts';

export interface WorkingPeriod {
  start: string; // 'HH:MM' local
  end: string; // 'HH:MM' local, may be '24:00'
}

export interface CalendarConfig {
  timeZoneOffsetMinutes: number; // 420 for Asia/Ho_Chi_Minh
  workingPeriods: WorkingPeriod[];
  weekend: number[]; // ISO weekdays, 1 = Mon … 7 = Sun
  hoursPerDay?: number; // length of one "working day" in deadlines; default: sum of periods
  sameDayCutoff: string; // 'HH:MM': same-day procedures received later are due the next working day
  daysOff: string[]; // 'YYYY-MM-DD' local dates off (holidays, compensatory, swapped)
  extraWorkdays: string[]; // 'YYYY-MM-DD' local weekend dates worked (make-up Saturdays)
}

export type DeadlineUnit = 'working_days' | 'working_hours' | 'same_day';

export interface Deadline {
  unit: DeadlineUnit;
  value: number; // ignored for 'same_day'
}

export type Verdict = 'early' | 'on_time' | 'late' | 'in_progress';

const MS_MIN = 60_000;
const MS_DAY = 86_400_000;
const MAX_SEARCH_DAYS = 366 * 200;

function parseClock(s: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || h > 24 || min > 59 || (h === 24 && min !== 0)) throw new RangeError(`${what}: not HH:MM: ${s}`);
  return (h * 60 + min) * MS_MIN;
}

/** Number of values of the sorted array `xs` in [lo, hi). */
function countInRange(xs: readonly number[], lo: number, hi: number): number {
  const lowerBound = (v: number) => {
    let a = 0;
    let b = xs.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (xs[mid] < v) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  return hi <= lo ? 0 : lowerBound(hi) - lowerBound(lo);
}

export class WorkCalendar {
  readonly hoursPerDay: number;
  private readonly offsetMs: number;
  private readonly periods: readonly { start: number; end: number }[]; // ms from local midnight
  private readonly dayMs: number; // working ms in one working day
  private readonly weekendDay: readonly boolean[]; // index = ISO weekday
  private readonly workdaysPerWeek: number;
  private readonly off: ReadonlySet<number>;
  private readonly extra: ReadonlySet<number>;
  private readonly offOnWeekdays: readonly number[]; // sorted day numbers
  private readonly extraOnWeekends: readonly number[]; // sorted day numbers
  private readonly cutoffMs: number;

  constructor(config: CalendarConfig) {
    const { timeZoneOffsetMinutes: tz } = config;
    if (!Number.isInteger(tz) || tz < -720 || tz > 840) throw new RangeError(`timeZoneOffsetMinutes: ${tz}`);
    this.offsetMs = tz * MS_MIN;

    if (config.workingPeriods.length === 0) throw new RangeError('workingPeriods: empty');
    this.periods = config.workingPeriods.map((p, i) => {
      const start = parseClock(p.start, `workingPeriods[${i}].start`);
      const end = parseClock(p.end, `workingPeriods[${i}].end`);
      if (end <= start) throw new RangeError(`workingPeriods[${i}]: end not after start`);
      return { start, end };
    });
    for (let i = 1; i < this.periods.length; i++) {
      if (this.periods[i].start < this.periods[i - 1].end) throw new RangeError('workingPeriods: unsorted or overlapping');
    }
    this.dayMs = this.periods.reduce((sum, p) => sum + p.end - p.start, 0);
    this.hoursPerDay = config.hoursPerDay ?? this.dayMs / 3_600_000;
    if (!(this.hoursPerDay > 0)) throw new RangeError(`hoursPerDay: ${config.hoursPerDay}`);

    const weekend = new Array<boolean>(8).fill(false);
    for (const w of config.weekend) {
      if (!Number.isInteger(w) || w < 1 || w > 7) throw new RangeError(`weekend: ${w} is not an ISO weekday (1–7)`);
      weekend[w] = true;
    }
    this.weekendDay = weekend;
    this.workdaysPerWeek = 7 - weekend.filter(Boolean).length;
    this.cutoffMs = parseClock(config.sameDayCutoff, 'sameDayCutoff');

    this.off = new Set(config.daysOff.map(parseIsoDate));
    this.extra = new Set(config.extraWorkdays.map(parseIsoDate));
    for (const d of this.extra) {
      if (this.off.has(d)) throw new RangeError(`${formatIsoDate(d)} is both a day off and an extra workday`);
    }
    const asc = (a: number, b: number) => a - b;
    this.offOnWeekdays = [...this.off].filter((d) => !this.isWeekend(d)).sort(asc);
    this.extraOnWeekends = [...this.extra].filter((d) => this.isWeekend(d)).sort(asc);
  }

  // ---- local time helpers -------------------------------------------------

  /** Local date 'YYYY-MM-DD' of an instant. */
  localDate(t: Date): string {
    return formatIsoDate(this.local(t).day);
  }

  /** 'dd/mm/yyyy HH:mm' in local time, as printed on receipts. */
  formatLocal(t: Date): string {
    const { day, ms } = this.local(t);
    const { y, m, d } = civilFromDayNumber(day);
    const minutes = Math.floor(ms / MS_MIN);
    return `${pad2(d)}/${pad2(m)}/${y} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  }

  /** The instant of local `date` ('YYYY-MM-DD') at local `time` ('HH:MM'). */
  fromLocal(date: string, time = '00:00'): Date {
    return this.instant(parseIsoDate(date), parseClock(time, 'time'));
  }

  // ---- day and moment predicates -----------------------------------------

  isWorkingDay(t: Date): boolean {
    return this.isWorkingDayNumber(this.local(t).day);
  }

  isWorkingMoment(t: Date): boolean {
    const { day, ms } = this.local(t);
    return this.isWorkingDayNumber(day) && this.periods.some((p) => ms >= p.start && ms < p.end);
  }

  /** Where deadline counting starts for something received at `t` (the after-hours rule). */
  startOfCounting(t: Date): Date {
    const { day, ms } = this.local(t);
    if (this.isWorkingDayNumber(day)) {
      for (const p of this.periods) {
        if (ms < p.end) return ms >= p.start ? t : this.instant(day, p.start);
      }
    }
    return this.instant(this.nthWorkingDay(day + 1, 0), this.periods[0].start);
  }

  // ---- arithmetic ----------------------------------------------------------

  addWorkingMinutes(from: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes: ${minutes}`);
    const start = this.startOfCounting(from);
    const add = Math.round(minutes * MS_MIN);
    if (add === 0) return start;
    const { day, ms } = this.local(start);
    const total = this.workedBefore(ms) + add; // working ms from the start of `day`
    const fullDays = Math.ceil(total / this.dayMs) - 1;
    const rest = total - fullDays * this.dayMs; // in (0, dayMs]
    return this.instant(this.nthWorkingDay(day, fullDays), this.clockAfterWorked(rest));
  }

  addWorkingHours(from: Date, hours: number): Date {
    return this.addWorkingMinutes(from, hours * 60);
  }

  addWorkingDays(from: Date, days: number): Date {
    return this.addWorkingMinutes(from, days * this.hoursPerDay * 60);
  }

  /** Working minutes in [a, b); negative when b is before a. */
  workingMinutesBetween(a: Date, b: Date): number {
    return this.workingMsBetween(a, b) / MS_MIN;
  }

  /**
   * Due instant for a deadline counted from receipt.
   * same_day: due at the end of the working day on which counting starts; if
   * counting starts after sameDayCutoff (strictly later than 15:00:00), at the
   * end of the next working day. Outside hours the after-hours rule applies
   * first, so a Sunday receipt is due Monday 17:00.
   */
  dueDate(receivedAt: Date, deadline: Deadline): Date {
    switch (deadline.unit) {
      case 'working_days':
        return this.addWorkingDays(receivedAt, deadline.value);
      case 'working_hours':
        return this.addWorkingHours(receivedAt, deadline.value);
      case 'same_day': {
        const { day, ms } = this.local(this.startOfCounting(receivedAt));
        const dueDay = ms > this.cutoffMs ? this.nthWorkingDay(day + 1, 0) : day;
        return this.instant(dueDay, this.periods[this.periods.length - 1].end);
      }
      default:
        throw new RangeError(`Unknown deadline unit: ${(deadline as Deadline).unit}`);
    }
  }

  /**
   * New due instant after a pause (e.g. waiting for the citizen to supplement):
   * the working time that was left between pausedAt and dueAt is counted again
   * from resumedAt, so nothing in the pause — holidays included — is charged
   * to the agency. A dossier paused at or after its due instant keeps dueAt.
   */
  resume(pausedAt: Date, resumedAt: Date, dueAt: Date): Date {
    if (resumedAt.getTime() < pausedAt.getTime()) throw new RangeError('resumedAt is before pausedAt');
    const left = this.workingMsBetween(pausedAt, dueAt);
    return left <= 0 ? dueAt : this.addWorkingMinutes(resumedAt, left / MS_MIN);
  }

  /**
   * Timeliness (phiếu kiểm soát / báo cáo):
   * - finished after dueAt                                    → 'late'
   * - finished on a local date before the due local date      → 'early'
   * - finished on the due local date, at or before dueAt      → 'on_time'
   * - unfinished (finishedAt null): 'late' once now > dueAt, else 'in_progress'.
   * Instants equal to dueAt are not late.
   */
  judge(finishedAt: Date | null, dueAt: Date, now: Date): Verdict {
    if (finishedAt === null) return now.getTime() > dueAt.getTime() ? 'late' : 'in_progress';
    if (finishedAt.getTime() > dueAt.getTime()) return 'late';
    return this.local(finishedAt).day < this.local(dueAt).day ? 'early' : 'on_time';
  }

  // ---- internals -----------------------------------------------------------

  private local(t: Date): { day: number; ms: number } {
    const v = t.getTime();
    if (!Number.isFinite(v)) throw new RangeError('Invalid Date');
    const shifted = v + this.offsetMs;
    const day = Math.floor(shifted / MS_DAY);
    return { day, ms: shifted - day * MS_DAY };
  }

  private instant(day: number, ms: number): Date {
    return new Date(day * MS_DAY + ms - this.offsetMs);
  }

  private isWeekend(day: number): boolean {
    return this.weekendDay[isoWeekday(day)];
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.off.has(day)) return false;
    return this.extra.has(day) || !this.isWeekend(day);
  }

  /** Working days in [d0, d1). */
  private countWorkingDays(d0: number, d1: number): number {
    if (d1 <= d0) return 0;
    const weeks = Math.floor((d1 - d0) / 7);
    let n = weeks * this.workdaysPerWeek;
    for (let d = d0 + weeks * 7; d < d1; d++) if (!this.isWeekend(d)) n++;
    return n - countInRange(this.offOnWeekdays, d0, d1) + countInRange(this.extraOnWeekends, d0, d1);
  }

  /** The working day reached after skipping k working days from d (k = 0: first working day ≥ d). */
  private nthWorkingDay(d: number, k: number): number {
    const enough = (x: number) => this.countWorkingDays(d, x + 1) >= k + 1;
    let span = k + 7;
    while (!enough(d + span)) {
      if (span > MAX_SEARCH_DAYS) throw new RangeError('No working days in the calendar ahead');
      span *= 2;
    }
    let lo = d;
    let hi = d + span; // enough(hi) holds; find the first x in [lo, hi] where it does
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (enough(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Working ms elapsed on a working day by local clock `ms`. */
  private workedBefore(ms: number): number {
    let sum = 0;
    for (const p of this.periods) sum += Math.min(Math.max(ms - p.start, 0), p.end - p.start);
    return sum;
  }

  /** Earliest local clock at which `worked` ms (0 < worked ≤ dayMs) have elapsed. */
  private clockAfterWorked(worked: number): number {
    let acc = 0;
    for (const p of this.periods) {
      const len = p.end - p.start;
      if (worked <= acc + len) return p.start + (worked - acc);
      acc += len;
    }
    return this.periods[this.periods.length - 1].end;
  }

  private workingMsBetween(a: Date, b: Date): number {
    if (b.getTime() < a.getTime()) return -this.workingMsBetween(b, a);
    const la = this.local(a);
    const lb = this.local(b);
    const partial = (l: { day: number; ms: number }) => (this.isWorkingDayNumber(l.day) ? this.workedBefore(l.ms) : 0);
    return this.countWorkingDays(la.day, lb.day) * this.dayMs + partial(lb) - partial(la);
  }
}

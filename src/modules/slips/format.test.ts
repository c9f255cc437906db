import { describe, expect, it } from 'vitest';
import {
  formatVnDate,
  formatVnDateTime,
  formatVnLongDate,
  formatVnLongDateTime,
  formatVnPlaceDate,
  formatVnTime,
  formatVnWeekday,
  sameVnDay,
  vnParts,
} from './format.ts';

describe('Vietnam local time formatting (UTC+7)', () => {
  it('formats HH:mm dd/mm/yyyy in Vietnam time', () => {
    const d = new Date('2026-11-21T02:15:00Z');
    expect(formatVnDateTime(d)).toBe('09:15 21/11/2026');
    expect(formatVnTime(d)).toBe('09:15');
    expect(formatVnDate(d)).toBe('21/11/2026');
  });

  it('rolls over the day, month and year at 17:00 UTC', () => {
    expect(formatVnDateTime(new Date('2026-11-30T17:30:00Z'))).toBe('00:30 01/12/2026');
    expect(formatVnDateTime(new Date('2026-12-31T16:59:00Z'))).toBe('23:59 31/12/2026');
    expect(formatVnDateTime(new Date('2026-12-31T17:00:00Z'))).toBe('00:00 01/01/2027');
  });

  it('writes the long date as on administrative documents (Decree 30/2020)', () => {
    expect(formatVnLongDate(new Date('2026-11-21T03:00:00Z'))).toBe('ngày 21 tháng 11 năm 2026');
    expect(formatVnLongDate(new Date('2026-02-05T03:00:00Z'))).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatVnLongDate(new Date('2026-01-09T03:00:00Z'))).toBe('ngày 09 tháng 01 năm 2026');
    expect(formatVnLongDate(new Date('2026-08-05T03:00:00Z'))).toBe('ngày 05 tháng 8 năm 2026');
    expect(formatVnPlaceDate('Hà Nội', new Date('2026-11-21T03:00:00Z'))).toBe('Hà Nội, ngày 21 tháng 11 năm 2026');
    expect(formatVnLongDateTime(new Date('2026-12-05T09:30:00Z'))).toBe('16 giờ 30 phút, ngày 05 tháng 12 năm 2026');
  });

  it('gives Vietnam calendar parts and weekday', () => {
    const d = new Date('2026-12-04T18:00:00Z'); // Saturday 01:00 in Vietnam
    expect(vnParts(d)).toMatchObject({ year: 2026, month: 12, day: 5, hour: 1, minute: 0, weekday: 6 });
    expect(formatVnWeekday(d)).toBe('Thứ Bảy');
    expect(sameVnDay(new Date('2026-12-04T17:00:00Z'), new Date('2026-12-05T16:59:00Z'))).toBe(true);
    expect(sameVnDay(new Date('2026-12-04T16:59:00Z'), new Date('2026-12-04T17:00:00Z'))).toBe(false);
  });

  it('rejects invalid dates', () => {
    expect(() => formatVnDateTime(new Date('nope'))).toThrow(RangeError);
  });
});

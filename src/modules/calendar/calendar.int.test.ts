import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';

let srv: TestServer;
let api: Api;
beforeAll(async () => {
  srv = await startTestServer();
  api = new Api(srv.base);
});
afterAll(() => srv?.stop());

const due = async (from: string, unit: string, value: number) =>
  (await api.get(`/api/v1/calendar/due-date?from=${encodeURIComponent(from)}&unit=${unit}&value=${value}`)).body;

describe(`working-day calendar as data (${inject('pgKind')})`, () => {
  it('serves the official 2026 schedule and computed defaults for other years', async () => {
    const y2026 = (await api.get('/api/v1/calendar/years/2026')).body;
    expect(y2026.source).toBe('database');
    expect(y2026.daysOff.map((d: any) => d.date)).toEqual(expect.arrayContaining(['2026-02-16', '2026-02-20', '2026-04-27', '2026-09-02']));
    const y2031 = (await api.get('/api/v1/calendar/years/2031')).body;
    expect(y2031.source).toBe('computed');
    expect(y2031.daysOff.map((d: any) => d.date)).toContain('2031-09-02');
  });

  it('counts deadlines across Tết 2026 and weekends, with the after-hours rule', async () => {
    // Fri 13/02/2026 10:00 + 1 working day: Tết runs 16–20/02, so the next working day is Mon 23/02.
    expect((await due('2026-02-13T10:00:00+07:00', 'working_days', 1)).dueLocal).toBe('23/02/2026 10:00');
    // Received 17:01 counts from the next working morning.
    const late = await due('2026-11-20T17:01:00+07:00', 'working_days', 1);
    expect(late.countingFrom).toBe('2026-11-23T01:00:00.000Z');
    // Same-day procedure after 15:00 is due at the end of the next working day.
    expect((await due('2026-11-19T15:30:00+07:00', 'same_day', 0)).dueLocal).toBe('20/11/2026 17:00');
  });

  it('lets administrators declare a day off, and deadlines follow at once', async () => {
    const admin = await as(srv.base, 'admin');
    const before = await due('2027-03-04T09:00:00+07:00', 'working_days', 1);
    expect(before.dueLocal).toBe('05/03/2027 09:00');
    const put = await admin.put('/api/v1/calendar/days/2027-03-05', { kind: 'day_off', name: 'Nghỉ bù thử nghiệm', nameEn: 'Test day off', source: 'Thông báo thử nghiệm' });
    expect(put.status).toBe(200);
    // Materialising the year kept its computed holidays.
    expect(put.body.daysOff.map((d: any) => d.date)).toEqual(expect.arrayContaining(['2027-01-01', '2027-03-05', '2027-09-02']));
    expect((await due('2027-03-04T09:00:00+07:00', 'working_days', 1)).dueLocal).toBe('08/03/2027 09:00');
    const desk = await as(srv.base, 'catp.tiepnhan');
    expect((await desk.put('/api/v1/calendar/days/2027-03-06', { kind: 'workday', name: 'x', nameEn: 'x', source: 'x' })).status).toBe(403);
    expect((await admin.put('/api/v1/calendar/days/2027-02-30', { kind: 'workday', name: 'x', nameEn: 'x', source: 'x' })).status).toBe(400);
  });
});

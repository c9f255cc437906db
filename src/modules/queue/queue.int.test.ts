import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';

const CATP = '000.00.11.H26';
const BHXH = '000.00.12.H26';
const BADINH = '000.04.01.H26';
const CA_BADINH = '000.04.02.H26';

let srv: TestServer;
let kiosk: Api;
let desk: Api;

beforeAll(async () => {
  srv = await startTestServer();
  kiosk = new Api(srv.base);
  desk = await as(srv.base, 'catp.tiepnhan');
});
afterAll(() => srv?.stop());

async function query<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: srv.dbUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

const take = (agency: string, group: string, headers?: Record<string, string>) => kiosk.post(`/api/v1/public/queue/agencies/${agency}/tickets`, { group }, headers);

async function takeOk(agency: string, group: string) {
  const r = await take(agency, group);
  expect(r.status).toBe(201);
  return r.body;
}

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, field?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body.status).toBe(status);
  expect(r.body.message_vi).toBeTruthy();
  expect(r.body.message_en).toBeTruthy();
  if (field) expect(r.body.errors.map((e: any) => e.field)).toContain(field);
}

/** The counters of an agency as its desk officer sees them, by number. */
async function counters(api: Api, agency: string): Promise<Record<number, any>> {
  const r = await api.get('/api/v1/queue/desk');
  expect(r.status).toBe(200);
  const a = r.body.agencies.find((x: any) => x.code === agency);
  expect(a).toBeTruthy();
  return Object.fromEntries(a.counters.map((c: any) => [c.number, c]));
}

const localToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

describe(`queue tickets at the one-stop desk (${inject('pgKind')})`, () => {
  it('lists the demo agencies with queues and their counter groups', async () => {
    const list = await kiosk.get('/api/v1/public/queue/agencies');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: any) => a.code)).toEqual(expect.arrayContaining([CATP, BHXH, BADINH, CA_BADINH]));
    const k = await kiosk.get(`/api/v1/public/queue/agencies/${BADINH}`);
    expect(k.status).toBe(200);
    expect(k.body.agency.name).toMatch(/Ba Đình/);
    expect(k.body.groups.map((g: any) => g.name)).toEqual(expect.arrayContaining(['Hộ tịch – Chứng thực', 'Trả kết quả']));
    const ca = await kiosk.get(`/api/v1/public/queue/agencies/${CA_BADINH}`);
    expect(ca.body.groups.map((g: any) => g.name)).toContain('Cư trú');
    expect(k.body.groups.every((g: any) => g.waiting === 0)).toBe(true);
  });

  it('numbers tickets per group per local day with the group\'s letter, and says how many are ahead', async () => {
    const a1 = await takeOk(BHXH, 'bao-hiem-y-te');
    const a2 = await takeOk(BHXH, 'bao-hiem-y-te');
    const b1 = await takeOk(BHXH, 'bao-hiem-xa-hoi');
    const a3 = await takeOk(BHXH, 'bao-hiem-y-te');
    expect([a1.number, a2.number, b1.number, a3.number]).toEqual(['A001', 'A002', 'B001', 'A003']);
    expect([a1.ahead, a2.ahead, b1.ahead, a3.ahead]).toEqual([0, 1, 0, 2]);
    expect(a1.day).toBe(localToday());
    expect(a1.status).toBe('waiting');
    expect(a1.group).toMatchObject({ code: 'bao-hiem-y-te', prefix: 'A', name: 'Bảo hiểm y tế' });
    expect(a1.agency.code).toBe(BHXH);
    // Another agency counts on its own.
    expect((await takeOk(CA_BADINH, 'cu-tru')).number).toBe('A001');
    const kioskView = await kiosk.get(`/api/v1/public/queue/agencies/${BHXH}`);
    expect(Object.fromEntries(kioskView.body.groups.map((g: any) => [g.code, g.waiting]))).toMatchObject({ 'bao-hiem-y-te': 3, 'bao-hiem-xa-hoi': 1, 'tra-ket-qua': 0 });
    // The holder can follow the ticket.
    const follow = await kiosk.get(`/api/v1/public/queue/tickets/${a3.id}`);
    expect(follow.status).toBe(200);
    expect(follow.body).toMatchObject({ number: 'A003', status: 'waiting', ahead: 2 });
    // A new local day starts again at 001 (yesterday's numbers moved back a day).
    await query(`update queue_ticket_counter set day = day - 1`);
    await query(`update queue_ticket set day = day - 1`);
    const next = await takeOk(BHXH, 'bao-hiem-y-te');
    expect(next.number).toBe('A001');
    expect(next.ahead).toBe(0);
  });

  it('gives concurrent kiosks unique, gap-free numbers', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => take(BADINH, 'ho-tich-chung-thuc')));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = results.map((r) => Number(r.body.number.slice(1))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(40);
    expect(seqs[0]).toBe(1);
    expect(seqs[39]).toBe(40);
    expect(results.every((r) => /^A\d{3}$/.test(r.body.number))).toBe(true);
  });

  it('prints one ticket for a double tap with the same Idempotency-Key', async () => {
    const key = `kiosk-${Math.random()}`;
    const [x, y] = await Promise.all([take(BADINH, 'tra-ket-qua', { 'idempotency-key': key }), take(BADINH, 'tra-ket-qua', { 'idempotency-key': key })]);
    expect([x.status, y.status]).toEqual([201, 201]);
    expect(x.body.id).toBe(y.body.id);
    expect(x.body.number).toBe('T001');
    expect([x, y].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
    expect((await take(BADINH, 'tra-ket-qua')).body.number).toBe('T002');
    // The same key for another group is a different request: refused, not replayed.
    expectProblem(await take(BADINH, 'ho-tich-chung-thuc', { 'idempotency-key': key }), 422);
  });

  it('lets a counter call, recall, serve and mark no-show, and the board follows', async () => {
    const c = await counters(desk, CATP);
    expect(c[1].groups).toEqual(['A']);
    expect(c[4].groups).toEqual(['T']);
    const t1 = await takeOk(CATP, 'ly-lich-tu-phap');
    const t2 = await takeOk(CATP, 'ly-lich-tu-phap');
    const p1 = await takeOk(CATP, 'can-cuoc-xuat-nhap-canh');

    let board = (await kiosk.get(`/api/v1/public/queue/agencies/${CATP}/board`)).body;
    expect(board.counters.every((x: any) => x.current === null)).toBe(true);
    expect(board.groups.find((g: any) => g.code === 'ly-lich-tu-phap').waiting).toBe(2);

    // Counter 1 serves group A only: it gets A001, first issued first.
    const call = await desk.post(`/api/v1/queue/counters/${c[1].id}/call-next`);
    expect(call.status).toBe(200);
    expect(call.body.called).toBe(true);
    expect(call.body.current).toMatchObject({ id: t1.id, number: 'A001', status: 'called', callCount: 1, counter: { number: 1, name: 'Quầy 1' } });
    expect(call.body.groups).toEqual([expect.objectContaining({ code: 'ly-lich-tu-phap', waiting: 1 })]);

    // The ticket holder sees where to go.
    expect((await kiosk.get(`/api/v1/public/queue/tickets/${t1.id}`)).body).toMatchObject({ status: 'called', counter: { number: 1 } });
    expect((await kiosk.get(`/api/v1/public/queue/tickets/${t2.id}`)).body.ahead).toBe(0);

    board = (await kiosk.get(`/api/v1/public/queue/agencies/${CATP}/board`)).body;
    expect(board.counters.find((x: any) => x.number === 1).current).toMatchObject({ number: 'A001', callCount: 1 });
    expect(board.recent[0]).toMatchObject({ number: 'A001', counter: { number: 1 }, callCount: 1 });
    expect(board.groups.find((g: any) => g.code === 'ly-lich-tu-phap').waiting).toBe(1);

    // Recall: announced again.
    const re = await desk.post(`/api/v1/queue/tickets/${t1.id}/recall`);
    expect(re.status).toBe(200);
    expect(re.body.callCount).toBe(2);
    board = (await kiosk.get(`/api/v1/public/queue/agencies/${CATP}/board`)).body;
    expect(board.recent[0]).toMatchObject({ ticketId: t1.id, callCount: 2 });

    // Served: the counter is free on the board.
    const served = await desk.post(`/api/v1/queue/tickets/${t1.id}/serve`);
    expect(served.body.status).toBe('served');
    expect(served.body.finishedAt).toBeTruthy();
    board = (await kiosk.get(`/api/v1/public/queue/agencies/${CATP}/board`)).body;
    expect(board.counters.find((x: any) => x.number === 1).current).toBeNull();
    // Only a ticket being called can be served, recalled or marked absent.
    const again = await desk.post(`/api/v1/queue/tickets/${t1.id}/serve`);
    expectProblem(again, 409);
    expect(again.body.currentStatus).toBe('served');
    expectProblem(await desk.post(`/api/v1/queue/tickets/${t2.id}/recall`), 409);

    // Counter 2 serves A and B: A002 (issued before B001).
    const c2 = await desk.post(`/api/v1/queue/counters/${c[2].id}/call-next`);
    expect(c2.body.current.id).toBe(t2.id);
    const absent = await desk.post(`/api/v1/queue/tickets/${t2.id}/no-show`);
    expect(absent.body.status).toBe('no_show');
    // Calling next closes the ticket still called at the counter as served.
    const c2b = await desk.post(`/api/v1/queue/counters/${c[2].id}/call-next`);
    expect(c2b.body.current.id).toBe(p1.id);
    const c2c = await desk.post(`/api/v1/queue/counters/${c[2].id}/call-next`);
    expect(c2c.body).toMatchObject({ called: false, current: null });
    expect(c2c.body.previous.map((x: any) => [x.number, x.status])).toEqual([['B001', 'served']]);
    expect(c2c.body.today).toEqual({ served: 1, noShow: 1 });
    // Nothing waiting for counter 4 (results only).
    const c4 = await desk.post(`/api/v1/queue/counters/${c[4].id}/call-next`);
    expect(c4.body).toMatchObject({ called: false, current: null, previous: [] });

    const state = await desk.get(`/api/v1/queue/counters/${c[1].id}`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ counter: { number: 1 }, agency: { code: CATP }, current: null, today: { served: 1, noShow: 0 } });
  });

  it('hands each ticket to exactly one counter when counters call at once', async () => {
    const c = await counters(desk, CATP);
    const other = await as(srv.base, 'catp.tiepnhan');
    // Clear what earlier tests left waiting for counters 1–3.
    await query(`update queue_ticket set status = 'served' where status in ('waiting', 'called')`);
    const issued = await Promise.all(Array.from({ length: 12 }, () => takeOk(CATP, 'ly-lich-tu-phap')));
    // Counters 1 and 2 both serve group A; two officers press "next" 6 times each, all at once.
    const calls = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? desk : other).post(`/api/v1/queue/counters/${c[1 + (i % 2)].id}/call-next`)));
    expect(calls.every((r) => r.status === 200)).toBe(true);
    expect(calls.every((r) => r.body.called)).toBe(true);
    const got = calls.map((r) => r.body.current.id);
    expect(new Set(got).size).toBe(12);
    expect(new Set(got)).toEqual(new Set(issued.map((t) => t.id)));
    const rows = await query(`select status, call_count, counter_id from queue_ticket where id = any($1::uuid[])`, [got]);
    expect(rows.every((r) => r.call_count === 1 && r.counter_id)).toBe(true);
    // Each counter has at most one ticket being called; the rest were closed as served.
    const called = await query(`select counter_id, count(*)::int as n from queue_ticket where status = 'called' group by counter_id`);
    expect(called.every((r) => r.n === 1)).toBe(true);
    const none = await desk.post(`/api/v1/queue/counters/${c[1].id}/call-next`);
    expect(none.body.called).toBe(false);
  });

  it('lets only desk officers of the counter\'s agency call, with problem+json errors', async () => {
    const c = await counters(desk, CATP);
    const t = await takeOk(CATP, 'phuong-tien-giay-phep-lai-xe');
    const url = `/api/v1/queue/counters/${c[3].id}/call-next`;
    expectProblem(await new Api(srv.base).post(url), 401);
    expectProblem(await new Api(srv.base).get(`/api/v1/queue/counters/${c[3].id}`), 401);
    const citizen = await as(srv.base, '001090012345');
    expectProblem(await citizen.post(url), 403);
    expectProblem(await citizen.get('/api/v1/queue/desk'), 403);
    // A desk officer of another agency, and a processing officer of the same agency.
    const wardDesk = await as(srv.base, 'ca.badinh.tiepnhan');
    expectProblem(await wardDesk.post(url), 403);
    expectProblem(await wardDesk.get(`/api/v1/queue/counters/${c[3].id}`), 403);
    const officer = await as(srv.base, 'catp.canbo');
    expectProblem(await officer.post(url), 403);
    expect((await officer.get('/api/v1/queue/desk')).body.agencies).toEqual([]);
    // The ward's desk officer sees only the ward police counters.
    expect((await wardDesk.get('/api/v1/queue/desk')).body.agencies.map((a: any) => a.code)).toEqual([CA_BADINH]);
    // Nothing was called by the refused attempts.
    expect((await kiosk.get(`/api/v1/public/queue/tickets/${t.id}`)).body.status).toBe('waiting');
    const ok = await desk.post(url);
    expect(ok.body.current.id).toBe(t.id);
    expectProblem(await wardDesk.post(`/api/v1/queue/tickets/${t.id}/serve`), 403);
    expectProblem(await new Api(srv.base).post(`/api/v1/queue/tickets/${t.id}/recall`), 401);
    expect((await kiosk.get(`/api/v1/public/queue/tickets/${t.id}`)).body.status).toBe('called');
  });

  it('answers bad input with problem+json naming the field', async () => {
    expectProblem(await take('999.99.99.H26', 'a'), 404);
    expectProblem(await kiosk.get('/api/v1/public/queue/agencies/999.99.99.H26/board'), 404);
    expectProblem(await take(CATP, 'khong-co'), 400, 'group');
    expectProblem(await kiosk.post(`/api/v1/public/queue/agencies/${CATP}/tickets`, {}), 400, 'group');
    expectProblem(await kiosk.post(`/api/v1/public/queue/agencies/${CATP}/tickets`, { group: 12 }), 400, 'group');
    expectProblem(await take(CATP, 'ly-lich-tu-phap', { 'idempotency-key': 'has spaces' }), 400);
    expectProblem(await kiosk.get('/api/v1/public/queue/tickets/not-a-uuid'), 400, 'params.id');
    expectProblem(await kiosk.get('/api/v1/public/queue/tickets/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await desk.post('/api/v1/queue/counters/00000000-0000-4000-8000-000000000000/call-next'), 404);
    expectProblem(await desk.post('/api/v1/queue/tickets/00000000-0000-4000-8000-000000000000/serve'), 404);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { getAgencyByCode } from '../agencies/service.ts';
import { enqueueRequest, onConnectorEvent, DELIVER_JOB, type ConnectorEvent, type OutboundRequest } from './service.ts';
import { settings } from './deliver.ts';
import { POLL_JOB } from './jobs.ts';
import { socialInsuranceSimulator } from './routes.ts';
import { signRequest, socialInsuranceKey, type SigningKey } from './signing.ts';

let srv: TestServer;
let key: SigningKey;
let bhxhId: string;
const events: ConnectorEvent[] = [];
onConnectorEvent('connector_test', async (_tx, e) => { events.push(e); });
const sim = () => socialInsuranceSimulator!;
const deliver = () => srv.ctx.jobs.runNow(DELIVER_JOB);
const defaults = { ...settings };

/** A clock the delivery code reads instead of waiting for real backoff. */
let clock = Date.now();
const advance = (seconds: number) => { clock += seconds * 1000; };
/** Fake time from now on (a second ahead of the database's now(), so just-queued messages are due). */
const fakeTime = () => { clock = Date.now() + 1000; settings.now = () => new Date(clock); };

beforeAll(async () => {
  process.env.SOCIAL_INSURANCE_SIM_DELAY_MS = '0';
  srv = await startTestServer();
  sim().setDelay(null); // decisions only when a test asks
  key = socialInsuranceKey(srv.dataDir);
  bhxhId = (await getAgencyByCode(srv.ctx.db, '000.00.12.H26'))!.id;
});
afterAll(async () => srv?.stop());
afterEach(() => {
  Object.assign(settings, defaults);
  sim().setAvailable(true);
  sim().setCallbacks(true);
});

let n = 0;
function childCard(over: Partial<OutboundRequest> = {}): OutboundRequest {
  const id = `part-${Date.now().toString(36)}-${++n}`;
  return {
    connector: 'social-insurance', operation: 'child-health-insurance-card', key: id,
    payload: { child: { idNumber: '001225012345', fullName: 'Nguyễn Minh Khôi', birthDate: '2025-10-01' }, residence: { wardCode: '00004' } },
    subject: { kind: 'connector_test', id }, label: 'Cấp thẻ BHYT cho trẻ em dưới 6 tuổi — Nguyễn Minh Khôi', agencyId: bhxhId, ...over,
  };
}
const enqueue = (r: OutboundRequest) => srv.ctx.db.transaction().execute((tx) => enqueueRequest(tx, r));
const message = (id: string) => srv.ctx.db.selectFrom('connector_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const attempts = (id: string) => srv.ctx.db.selectFrom('connector_attempt').selectAll().where('message_id', '=', id).orderBy('id').execute();
const eventsOf = (key: string) => events.filter((e) => e.key === key).map((e) => e.kind);
/** Signed call to the simulator's API, as Motcua makes it. */
async function simPost(body: unknown, idemKey: string | null, k: SigningKey = key) {
  const text = JSON.stringify(body);
  const res = await fetch(`${sim().url}/api/applications`, {
    method: 'POST', body: text,
    headers: { 'content-type': 'application/json', ...(idemKey ? { 'idempotency-key': idemKey } : {}), ...signRequest(k, 'POST', '/api/applications', text) },
  });
  return { status: res.status, body: await res.json() as any };
}
/** A callback to our server, signed with `k`. */
async function callback(body: unknown, k: SigningKey = key, at = Date.now()) {
  const text = JSON.stringify(body);
  const path = '/api/v1/connectors/social-insurance/callbacks';
  const res = await fetch(srv.base + path, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...signRequest(k, 'POST', path, text, at) } });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() as any };
}
const waitFor = async (ok: () => boolean | Promise<boolean>, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end;) { if (await ok()) return; await new Promise((r) => setTimeout(r, 25)); }
  throw new Error('timed out');
};

describe(`connector to social insurance (${inject('pgKind')})`, () => {
  it('the simulator checks signatures, keys and payloads', async () => {
    const body = { operation: 'child-health-insurance-card', payload: childCard().payload, callbackUrl: 'http://127.0.0.1:9/cb' };
    expect((await simPost(body, 'k-forged', { keyId: key.keyId, secret: 'not-the-secret' })).status).toBe(401);
    expect((await simPost(body, 'k-forged', { keyId: 'someone-else', secret: key.secret })).status).toBe(401);
    const stale = await fetch(`${sim().url}/api/applications`, { method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-old', ...signRequest(key, 'POST', '/api/applications', JSON.stringify(body), Date.now() - 6 * 60_000) } });
    expect(stale.status).toBe(401);
    expect((await simPost(body, null)).status).toBe(400);
    const first = await simPost(body, 'k-sim-1');
    expect(first.status).toBe(201);
    expect(first.body.reference).toMatch(/^BHXH-\d{8}-/);
    const again = await simPost({ ...body, payload: { residence: { wardCode: '00004' }, child: (body.payload as any).child } }, 'k-sim-1'); // same body, keys reordered
    expect(again).toEqual({ status: 200, body: { reference: first.body.reference, status: 'received' } });
    const other = await simPost({ ...body, payload: { child: { ...(body.payload as any).child, fullName: 'Khác' } } }, 'k-sim-1');
    expect(other.status).toBe(409);
    const invalid = await simPost({ ...body, payload: { child: { fullName: 'X', birthDate: '2025-02-30' } } }, 'k-sim-2');
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.join(' ')).toMatch(/child.idNumber.*child.birthDate/);
    expect(sim().applications.filter((a) => a.idempotencyKey === 'k-sim-1')).toHaveLength(1);
  });

  it('delivers once, records the decision once; a replayed callback gets the same answer and calls nothing; a forged one is 401', async () => {
    const r = childCard();
    const { id, created } = await enqueue(r);
    expect(created).toBe(true);
    expect(await enqueue(r)).toEqual({ id, created: false });
    await deliver();
    const m = await message(id);
    expect(m.state).toBe('sent');
    expect(m.external_ref).toMatch(/^BHXH-/);
    expect(eventsOf(r.key)).toEqual(['accepted']);
    expect(events.find((e) => e.key === r.key)).toMatchObject({ connector: 'social-insurance', operation: r.operation, subject: r.subject, externalRef: m.external_ref });

    // Forged callbacks: wrong secret, no signature, stale timestamp → 401 problem+json, nothing recorded.
    const ev = { eventId: 'EV-forged', reference: m.external_ref, idempotencyKey: r.key, operation: r.operation, decision: 'refused', reasons: ['giả mạo'] };
    const forged = await callback(ev, { keyId: key.keyId, secret: 'wrong' });
    expect(forged.status).toBe(401);
    expect(forged.type).toContain('application/problem+json');
    expect(forged.body.code).toBe('invalid_signature');
    expect(forged.body.message_vi).toBeTruthy();
    expect((await fetch(`${srv.base}/api/v1/connectors/social-insurance/callbacks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ev) })).status).toBe(401);
    expect((await callback(ev, key, Date.now() - 10 * 60_000)).status).toBe(401);
    expect((await message(id)).decision).toBeNull();

    // The simulator decides and calls back (signed): approved with a child's card.
    const decided = await sim().decideNow(m.external_ref!);
    await waitFor(async () => (await message(id)).decision !== null);
    expect(decided.decision).toBe('approved');
    expect(decided.result).toMatchObject({ cardNumber: expect.stringMatching(/^TE101\d{10}$/), validFrom: '2025-10-01', validTo: '2031-09-30' });
    expect(eventsOf(r.key)).toEqual(['accepted', 'decision']);
    expect(events.find((e) => e.key === r.key && e.kind === 'decision')).toMatchObject({ decision: 'approved', result: decided.result });
    // The same event again (a replay): same answer, handler not called again, nothing new stored.
    const replay1 = await callback(decided);
    const replay2 = await callback(decided);
    expect(replay1.status).toBe(200);
    expect(replay2).toEqual(replay1);
    expect(replay1.body).toMatchObject({ received: true, messageId: id, decision: 'approved' });
    // Another event id for an already-decided message changes nothing either.
    expect((await callback({ ...decided, eventId: 'EV-other', decision: 'refused' })).status).toBe(200);
    expect(eventsOf(r.key)).toEqual(['accepted', 'decision']);
    expect((await message(id)).decision).toBe('approved');
  });

  it('system down: retries with backoff, dead after the last attempt, listed, retried by an official, accepted once, decided once', async () => {
    settings.maxAttempts = 3;
    sim().setAvailable(false);
    const r = childCard();
    const { id } = await enqueue(r);
    fakeTime();
    await deliver();
    let m = await message(id);
    expect(m).toMatchObject({ state: 'pending', attempts: 1, last_status: 503 });
    expect(m.next_attempt_at.getTime() - clock).toBe(30_000);
    await deliver(); // not due yet: nothing sent
    expect((await attempts(id))).toHaveLength(1);
    advance(30);
    await deliver();
    m = await message(id);
    expect(m).toMatchObject({ state: 'pending', attempts: 2 });
    expect(m.next_attempt_at.getTime() - clock).toBe(120_000);
    advance(120);
    await deliver();
    m = await message(id);
    expect(m.state).toBe('dead');
    expect(eventsOf(r.key)).toEqual(['dead']);
    expect(events.find((e) => e.key === r.key)!.error).toMatch(/503|không phục vụ/);
    expect((await attempts(id)).map((a) => a.http_status)).toEqual([503, 503, 503]);

    // Officials see it: the city administrator and the agency's supervisor; not another agency's; not citizens.
    const admin = await as(srv.base, 'admin');
    const list = await admin.get('/api/v1/connectors/messages?state=dead');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.id)).toContain(id);
    expect(list.body.counts.dead).toBeGreaterThanOrEqual(1);
    const item = list.body.items.find((i: any) => i.id === id);
    expect(item).toMatchObject({ label: r.label, state: 'dead', attempts: 3, operation: 'child-health-insurance-card', agency: { id: bhxhId } });
    const sup = await as(srv.base, 'bhxh.lanhdao');
    expect((await sup.get('/api/v1/connectors/messages?state=dead')).body.items.map((i: any) => i.id)).toContain(id);
    const detail = await sup.get(`/api/v1/connectors/messages/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.attemptLog).toHaveLength(3);
    expect(detail.body.attemptLog[0]).toMatchObject({ httpStatus: 503, error: expect.stringMatching(/không phục vụ/) });
    expect(detail.body.payload).toEqual(r.payload);
    const other = await as(srv.base, 'catp.giamsat');
    expect((await other.get('/api/v1/connectors/messages?state=dead')).body.items.map((i: any) => i.id)).not.toContain(id);
    expect((await other.get(`/api/v1/connectors/messages/${id}`)).status).toBe(404);
    expect((await other.post(`/api/v1/connectors/messages/${id}/retry`)).status).toBe(404);
    expect((await (await as(srv.base, 'catp.canbo')).get('/api/v1/connectors/messages')).status).toBe(403);
    expect((await (await as(srv.base, '001090012345')).get('/api/v1/connectors/messages')).status).toBe(403);
    expect((await new Api(srv.base).get('/api/v1/connectors/messages')).status).toBe(401);

    // Back up; the supervisor retries (twice: the second changes nothing).
    sim().setAvailable(true);
    const retry = await sup.post(`/api/v1/connectors/messages/${id}/retry`);
    expect(retry.body).toEqual({ id, retried: true, state: 'pending' });
    expect((await sup.post(`/api/v1/connectors/messages/${id}/retry`)).body).toEqual({ id, retried: false, state: 'pending' });
    await deliver();
    await deliver();
    m = await message(id);
    expect(m).toMatchObject({ state: 'sent', attempts: 1 });
    expect(sim().applications.filter((a) => a.idempotencyKey === r.key)).toHaveLength(1);
    await sim().decideNow(m.external_ref!);
    await waitFor(async () => (await message(id)).decision !== null);
    await sim().decideNow(m.external_ref!); // deciding again re-sends nothing new
    expect(eventsOf(r.key)).toEqual(['dead', 'accepted', 'decision']);
    expect((await admin.post(`/api/v1/connectors/messages/${id}/retry`)).body).toEqual({ id, retried: false, state: 'sent' });
  });

  it('a crash after the agency accepted but before we recorded it: the same key is re-sent, the same reference comes back, one accepted event', async () => {
    const r = childCard();
    const { id } = await enqueue(r);
    fakeTime();
    let crashes = 0;
    settings.afterSend = (mid) => { if (mid === id && crashes++ === 0) throw new Error('process crashed after send (simulated)'); };
    await deliver();
    let m = await message(id);
    expect(m.state).toBe('pending');
    expect(m.external_ref).toBeNull();
    expect(sim().applications.filter((a) => a.idempotencyKey === r.key)).toHaveLength(1);
    const firstRef = sim().applications.find((a) => a.idempotencyKey === r.key)!.reference;
    expect(eventsOf(r.key)).toEqual([]);
    advance(30);
    await deliver();
    m = await message(id);
    expect(m).toMatchObject({ state: 'sent', external_ref: firstRef, attempts: 2 });
    expect(sim().applications.filter((a) => a.idempotencyKey === r.key)).toHaveLength(1);
    expect(eventsOf(r.key)).toEqual(['accepted']);
    // Delivery running again finds nothing to send.
    advance(3600);
    await deliver();
    expect(eventsOf(r.key)).toEqual(['accepted']);
    expect((await attempts(id)).map((a) => [a.http_status, a.error])).toEqual([[null, 'process crashed after send (simulated)'], [200, null]]);
  });

  it('a sender that died mid-send (nothing recorded, claim left behind): after the lease the message is re-sent with the same key and gets the same reference', async () => {
    const r = childCard();
    const { id } = await enqueue(r);
    fakeTime();
    // What the dead sender did: claimed the row, and the agency received the application.
    await srv.ctx.db.updateTable('connector_message').set({ state: 'sending', attempts: 1, locked_until: new Date(clock + 120_000) }).where('id', '=', id).execute();
    const first = await simPost({ operation: r.operation, payload: r.payload, callbackUrl: 'http://127.0.0.1:9/cb' }, r.key);
    expect(first.status).toBe(201);
    await deliver(); // the claim still holds: nobody sends
    expect((await message(id)).state).toBe('sending');
    advance(121);
    await deliver();
    expect(await message(id)).toMatchObject({ state: 'sent', external_ref: first.body.reference, attempts: 2 });
    expect(sim().applications.filter((a) => a.idempotencyKey === r.key)).toHaveLength(1);
    expect(eventsOf(r.key)).toEqual(['accepted']);
  });

  it('a decision arriving before the acceptance was recorded records the acceptance first (each once)', async () => {
    const r = childCard();
    const { id } = await enqueue(r);
    settings.afterSend = (mid) => { if (mid === id) throw new Error('crash'); };
    await deliver();
    const ref = sim().applications.find((a) => a.idempotencyKey === r.key)!.reference;
    await sim().decideNow(ref);
    await waitFor(async () => (await message(id)).decision !== null);
    expect(eventsOf(r.key)).toEqual(['accepted', 'decision']);
    expect((await message(id))).toMatchObject({ state: 'sent', external_ref: ref });
    settings.afterSend = null;
    fakeTime();
    advance(3600);
    await deliver(); // the message is sent: not claimed again
    expect(eventsOf(r.key)).toEqual(['accepted', 'decision']);
  });

  it('an invalid payload (422) is dead at once; a refusal comes back with its reasons', async () => {
    const bad = childCard({ payload: { child: { fullName: 'Thiếu ngày sinh' } } });
    const { id } = await enqueue(bad);
    await deliver();
    expect(await message(id)).toMatchObject({ state: 'dead', attempts: 1, last_status: 422 });
    expect(events.find((e) => e.key === bad.key && e.kind === 'dead')!.error).toMatch(/child.birthDate/);

    const funeral = childCard({ operation: 'funeral-allowance', payload: { deceased: { idNumber: '001099000000', fullName: 'Trần Văn Bảy', deathDate: '2026-10-02' }, claimant: { fullName: 'Trần Thị Tám' } } });
    const f = await enqueue(funeral);
    await deliver();
    const m = await message(f.id);
    await sim().decideNow(m.external_ref!);
    await waitFor(async () => (await message(f.id)).decision !== null);
    expect(events.find((e) => e.key === funeral.key && e.kind === 'decision')).toMatchObject({ decision: 'refused', reasons: [expect.stringMatching(/không có quá trình đóng/)] });
  });

  it('a lost callback is made up by the status poll; the late callback then changes nothing', async () => {
    const r = childCard({ operation: 'funeral-allowance', payload: { deceased: { idNumber: '001062002871', fullName: 'Lê Văn Chín', deathDate: '2026-09-15' }, claimant: { fullName: 'Lê Thị Mười', relationship: 'con' } } });
    const { id } = await enqueue(r);
    fakeTime();
    await deliver();
    sim().setCallbacks(false);
    const ref = (await message(id)).external_ref!;
    await sim().decideNow(ref);
    await srv.ctx.jobs.runNow(POLL_JOB); // too early: not polled yet
    expect((await message(id)).decision).toBeNull();
    advance(601);
    await srv.ctx.jobs.runNow(POLL_JOB);
    const m = await message(id);
    expect(m.decision).toBe('approved');
    expect(events.find((e) => e.key === r.key && e.kind === 'decision')!.result).toMatchObject({ amount: 23_400_000, paidOn: expect.any(String) });
    sim().setCallbacks(true);
    const a = sim().applications.find((x) => x.reference === ref)!;
    await waitFor(() => a.callbackStatus === 200);
    expect(eventsOf(r.key)).toEqual(['accepted', 'decision']);
  });
});

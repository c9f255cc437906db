import pg from 'pg';
import { afterEach, describe, expect, it, inject } from 'vitest';
import { as } from '../../../test/server.ts';
import { AN, useDossierSuite, step, submit, submissionFor } from '../../../test/dossiers.ts';
import { act } from '../dossiers/actions.ts';
import { principalFor } from '../identity/service.ts';
import { DELIVER_JOB } from './jobs.ts';
import { MAX_ATTEMPTS } from './deliver.ts';
import http from 'node:http';
import { devEmail, httpSms, setTransports, type EmailTransport } from './transports.ts';

const t = useDossierSuite();

async function q<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: t.srv.dbUrl });
  await c.connect();
  try {
    return (await c.query(text, values)).rows;
  } finally {
    await c.end();
  }
}
const outbox = (dossierId: string) => q('select * from notification_outbox where dossier_id = $1 order by action_seq, channel', [dossierId]);
const deliver = () => t.srv.ctx.jobs.runNow(DELIVER_JOB);
/** Makes retries due now instead of after their backoff. */
const dueNow = (dossierId: string) => q(`update notification_outbox set next_attempt_at = now() where dossier_id = $1 and state = 'pending'`, [dossierId]);

afterEach(() => setTransports(undefined));

describe(`notifications (${inject('pgKind')})`, () => {
  it('an action enqueues exactly one message per channel of the applicant, in its own transaction', async () => {
    // Earlier suites' messages (and the demo dossiers') go out first: this test counts its own.
    await deliver();
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const d = (await submit(t.citizen, t.proc)).body;
    expect(await outbox(d.id)).toEqual([]); // submission itself notifies nobody: receipt does
    const received = await step(desk, d.id, 'receive');
    const rows = await outbox(d.id);
    expect(rows.map((r) => [r.event, r.channel, r.action_seq])).toEqual([
      ['received', 'email', received.version], ['received', 'inapp', received.version], ['received', 'sms', received.version],
    ]);
    expect(rows.find((r) => r.channel === 'email').address).toBe('an.nguyen@example.vn');
    expect(rows.find((r) => r.channel === 'sms').address).toBe(AN.phone);
    expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(3);

    // A stale version is refused: nothing enqueued.
    const stale = await desk.post(`/api/v1/dossiers/${d.id}/forward`, { version: received.version - 1 });
    expect(stale.status).toBe(409);
    // An action whose transaction rolls back after act() leaves no message behind.
    const p = await principalFor(t.srv.ctx.db, 'catp.tiepnhan');
    await expect(t.srv.ctx.db.transaction().execute(async (tx) => {
      await act(tx, p, d.id, 'request_supplement', { version: received.version, items: [{ name: 'Tờ khai', reason: 'Thiếu chữ ký' }] });
      expect((await tx.selectFrom('notification_outbox').select('id').where('dossier_id', '=', d.id).execute()).length).toBe(6);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await outbox(d.id)).toHaveLength(3);
    // A supplement request enqueues its own three.
    await step(desk, d.id, 'request-supplement', { items: [{ name: 'Ảnh chân dung 4x6', reason: 'Ảnh mờ' }] });
    expect((await outbox(d.id)).filter((r) => r.event === 'supplement_requested')).toHaveLength(3);
  });

  it('delivers each message once even when the job runs twice at the same time; the dev mailbox shows the Vietnamese text', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'receive');
    await Promise.all([deliver(), deliver(), deliver()]);
    await deliver();
    const rows = await outbox(d.id);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    expect(rows.every((r) => r.attempts === 1 && r.sent_at)).toBe(true);
    const box = await q('select * from dev_mailbox where outbox_id = any($1)', [rows.map((r) => r.id)]);
    expect(box.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    const notices = (await t.citizen.get('/api/v1/notices')).body.items.filter((n: any) => n.dossierId === d.id && n.kind === 'dossier_received');
    expect(notices).toHaveLength(1);
    expect(notices[0].title.vi).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);

    const admin = await as(t.srv.base, 'admin');
    const mail = await admin.get('/api/v1/dev/mailbox?limit=500');
    expect(mail.status).toBe(200);
    expect(mail.body.emailTransport).toBe('dev');
    const email = mail.body.items.find((m: any) => m.channel === 'email' && m.subject?.includes(d.code));
    expect(email.subject).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);
    expect(email.to).toBe('an.nguyen@example.vn');
    expect(email.body).toContain('Kính gửi Nguyễn Văn An');
    expect(email.body).toContain(`http://motcua.test/tra-cuu/${d.code}`);
    expect(email.body).toMatch(/Ngày hẹn trả kết quả: \d\d:\d\d \d\d\/\d\d\/20\d\d\./);
    expect(email.body).toContain(`Your dossier ${d.code}`);
    // The due date is shown in Hanoi time.
    const dueAt = new Date((await t.citizen.get(`/api/v1/dossiers/${d.id}`)).body.dueAt);
    const hanoi = new Date(dueAt.getTime() + 7 * 3600_000);
    expect(email.body).toContain(`${String(hanoi.getUTCHours()).padStart(2, '0')}:${String(hanoi.getUTCMinutes()).padStart(2, '0')} ${String(hanoi.getUTCDate()).padStart(2, '0')}/`);
    expect((await t.citizen.get('/api/v1/dev/mailbox')).status).toBe(403);
    expect((await desk.get('/api/v1/dev/mailbox')).status).toBe(403);
  });

  it('a failing transport is retried with backoff and then succeeds; after every attempt fails the message is dead for administrators', async () => {
    await deliver();
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'receive');
    let failures = 1;
    const flaky: EmailTransport = { async send(db, m, id) {
      if (failures-- > 0) throw new Error('421 SMTP service not available');
      await devEmail.send(db, m, id);
    } };
    setTransports({ email: flaky });
    await deliver();
    let email = (await outbox(d.id)).find((r) => r.channel === 'email');
    expect(email).toMatchObject({ state: 'pending', attempts: 1, last_error: '421 SMTP service not available' });
    expect(new Date(email.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    await deliver(); // not due yet: nothing happens
    expect((await outbox(d.id)).find((r) => r.channel === 'email').attempts).toBe(1);
    await dueNow(d.id);
    await deliver();
    email = (await outbox(d.id)).find((r) => r.channel === 'email');
    expect(email).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
    expect(await q('select 1 from dev_mailbox where outbox_id = $1', [email.id])).toHaveLength(1);

    // Always failing: dead after MAX_ATTEMPTS, listed for the city administrator, who can retry it.
    setTransports({ email: { async send() { throw new Error('550 mailbox unavailable'); } } });
    await step(desk, d.id, 'request-supplement', { items: [{ name: 'Tờ khai', reason: 'Thiếu chữ ký' }] });
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) {
      await dueNow(d.id);
      await deliver();
    }
    const dead = (await outbox(d.id)).find((r) => r.event === 'supplement_requested' && r.channel === 'email');
    expect(dead).toMatchObject({ state: 'dead', attempts: MAX_ATTEMPTS, last_error: '550 mailbox unavailable' });
    const admin = await as(t.srv.base, 'admin');
    const list = await admin.get('/api/v1/notifications/outbox?state=dead');
    expect(list.body.items.map((x: any) => x.id)).toContain(Number(dead.id));
    expect((await desk.get('/api/v1/notifications/outbox?state=dead')).status).toBe(403);
    setTransports(undefined);
    expect((await admin.post('/api/v1/notifications/outbox/retry', { ids: [Number(dead.id)] })).body).toEqual({ retried: 1 });
    await deliver();
    expect((await outbox(d.id)).find((r) => r.id === dead.id).state).toBe('sent');
    expect((await admin.post('/api/v1/notifications/outbox/retry', { ids: [Number(dead.id)] })).body).toEqual({ retried: 0 });
  });

  it('SMS through an HTTP gateway: a 503 is retried, then the gateway gets the (unaccented, one-segment) Vietnamese text once', async () => {
    await deliver();
    const got: any[] = [];
    let answers = [503, 200];
    const gw = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        const status = answers.shift() ?? 200;
        if (status === 200) got.push({ auth: req.headers.authorization, ...JSON.parse(b) });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => gw.listen(0, '127.0.0.1', r));
    try {
      setTransports({ sms: httpSms(`http://127.0.0.1:${(gw.address() as any).port}/sms`, 'sms-secret') });
      const desk = await as(t.srv.base, 'catp.tiepnhan');
      const d = (await submit(t.citizen, t.proc)).body;
      await step(desk, d.id, 'receive');
      await deliver();
      expect((await outbox(d.id)).find((r) => r.channel === 'sms')).toMatchObject({ state: 'pending', last_error: 'SMS gateway answered 503' });
      await dueNow(d.id);
      await Promise.all([deliver(), deliver()]);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ auth: 'Bearer sms-secret', to: AN.phone });
      expect(got[0].text).toContain(`Ho so ${d.code} da duoc tiep nhan`);
      expect((await outbox(d.id)).find((r) => r.channel === 'sms').state).toBe('sent');
    } finally {
      answers = [];
      gw.close();
    }
  });

  it('citizens choose their channels; in-app is always on', async () => {
    const binh = await as(t.srv.base, '001195006789');
    const before = await binh.get('/api/v1/my/notification-preferences');
    expect(before.body).toMatchObject({ email: true, sms: true, inapp: true, email_address: 'binh.tran@example.vn', phone: '0987654321' });
    const put = await binh.call('PUT', '/api/v1/my/notification-preferences', { email: false, sms: false });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ email: false, sms: false, inapp: true });
    expect((await binh.get('/api/v1/my/notification-preferences')).body).toMatchObject({ email: false, sms: false });
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    expect((await desk.get('/api/v1/my/notification-preferences')).status).toBe(403);
    const body = await submissionFor(binh, t.proc, { idNumber: '001195006789', fullName: 'Trần Thị Bình', phone: '0987654321' });
    const d = (await binh.post('/api/v1/dossiers', body)).body;
    await step(desk, d.id, 'receive');
    expect((await outbox(d.id)).map((r) => r.channel)).toEqual(['inapp']);
    await binh.call('PUT', '/api/v1/my/notification-preferences', { email: false, sms: true });
    await step(desk, d.id, 'request-supplement', { items: [{ name: 'Tờ khai', reason: 'Thiếu chữ ký' }] });
    expect((await outbox(d.id)).filter((r) => r.event === 'supplement_requested').map((r) => r.channel)).toEqual(['inapp', 'sms']);
  });

  it('the fee request shows the amount in đồng and the apology gives the reason and the new date in Hanoi time', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const officer = await as(t.srv.base, 'catp.canbo');
    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'receive');
    await step(desk, d.id, 'forward');
    await step(officer, d.id, 'request-payment', { amount: 150000, description: 'Lệ phí cấp phiếu lý lịch tư pháp' });
    const newDue = new Date(Date.UTC(2031, 0, 15, 10, 0)); // 17:00 in Hanoi
    await step(officer, d.id, 'extend', { reason: 'Chờ kết quả xác minh của cơ quan công an', newDueAt: newDue.toISOString() });
    expect((await outbox(d.id)).map((r) => r.event)).toEqual(expect.arrayContaining(['payment_requested', 'extended']));
    await deliver();
    const admin = await as(t.srv.base, 'admin');
    const mails = (await admin.get('/api/v1/dev/mailbox?limit=500')).body.items.filter((m: any) => m.channel === 'email' && m.subject?.includes(d.code));
    const pay = mails.find((m: any) => m.subject.includes('nộp phí'));
    expect(pay.subject).toBe(`Hồ sơ ${d.code}: đề nghị nộp phí, lệ phí 150.000 đồng`);
    const sorry = mails.find((m: any) => m.subject.includes('xin lỗi'));
    expect(sorry.body).toContain('thành thật xin lỗi');
    expect(sorry.body).toContain('Lý do: Chờ kết quả xác minh của cơ quan công an');
    expect(sorry.body).toContain('Ngày hẹn trả mới: 17:00 15/01/2031.');
    const sms = (await admin.get('/api/v1/dev/mailbox?limit=500')).body.items.filter((m: any) => m.channel === 'sms' && m.body.includes(d.code));
    expect(sms.map((m: any) => m.to)).toEqual([AN.phone, AN.phone, AN.phone]);
  });

  it('templates are data: a city administrator rewords one and the next message uses it; a refusal tells the applicant', async () => {
    const admin = await as(t.srv.base, 'admin');
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const list = (await admin.get('/api/v1/notifications/templates')).body;
    expect(list.items.map((x: any) => `${x.event}/${x.channel}`)).toEqual(expect.arrayContaining(['received/email', 'supplement_requested/sms', 'extended/inapp', 'payment_requested/email', 'result_ready/email', 'result_returned/sms', 'refused/email']));
    expect((await desk.get('/api/v1/notifications/templates')).status).toBe(403);
    const body = { subjectVi: 'Thông báo: hồ sơ {code} bị từ chối', subjectEn: 'Notice: dossier {code} refused', bodyVi: 'Lý do từ chối: {reason}. Tra cứu: {link}', bodyEn: 'Reason: {reason}. Track: {link}' };
    const bad = await admin.call('PUT', '/api/v1/notifications/templates/refused/email', { ...body, bodyVi: 'Chào {hoTen}' });
    expect(bad.status).toBe(400);
    expect((await admin.call('PUT', '/api/v1/notifications/templates/refused/email', body)).status).toBe(200);
    expect((await admin.call('PUT', '/api/v1/notifications/templates/no_such_event/email', body)).status).toBe(404);

    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'refuse', { reasons: ['Không thuộc thẩm quyền giải quyết'] });
    await deliver();
    const mail = (await admin.get('/api/v1/dev/mailbox?limit=500')).body.items.find((m: any) => m.channel === 'email' && m.subject?.includes(d.code));
    expect(mail.subject).toBe(`Thông báo: hồ sơ ${d.code} bị từ chối`);
    expect(mail.body).toContain(`Lý do từ chối: Không thuộc thẩm quyền giải quyết. Tra cứu: http://motcua.test/tra-cuu/${d.code}`);
    const notice = (await t.citizen.get('/api/v1/notices')).body.items.find((n: any) => n.dossierId === d.id);
    expect(notice.kind).toBe('dossier_refused');
  });

  it('a walk-in applicant is told on the phone and email given at the desk', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const applicant = { fullName: 'Phạm Thị Dung', phone: '0911222333', email: 'dung.pham@example.vn' };
    const body = await submissionFor(desk, t.proc, applicant);
    const r = await desk.post('/api/v1/dossiers', { ...body, applicant, receive: true });
    expect(r.status).toBe(201);
    const rows = await outbox(r.body.id);
    expect(rows.map((x) => [x.channel, x.address, x.user_id])).toEqual([['email', 'dung.pham@example.vn', null], ['sms', '0911222333', null]]);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { AN, findProcedure, step, submit } from '../../../test/dossiers.ts';
import { uploadOk } from '../../../test/fixtures.ts';

let srv: TestServer;
let citizen: Api;
let desk: Api;
let officer: Api;
let head: Api;
let director: Api;
let proc: any;

beforeAll(async () => {
  srv = await startTestServer();
  citizen = await as(srv.base, AN.idNumber);
  desk = await as(srv.base, 'catp.tiepnhan');
  officer = await as(srv.base, 'catp.canbo');
  head = await as(srv.base, 'catp.truongphong');
  director = await as(srv.base, 'catp.lanhdao');
  proc = await findProcedure(citizen, 'lý lịch tư pháp');
});
afterAll(() => srv?.stop());

function pdfText(buf: Buffer): string {
  const f = path.join(os.tmpdir(), `slip-${process.pid}-${Math.random()}.pdf`);
  fs.writeFileSync(f, buf);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-']).toString('utf8');
  } finally {
    fs.rmSync(f, { force: true });
  }
}

describe(`a judicial-record certificate from submission to returned result (${inject('pgKind')})`, () => {
  it('runs the whole lifecycle with working-day deadlines and a recorded trail', async () => {
    expect(proc.name).toMatch(/lý lịch tư pháp/i);
    const created = await submit(citizen, proc);
    expect(created.status).toBe(201);
    const d0 = created.body;
    expect(d0.status).toBe(1);
    expect(d0.channel).toBe('online');
    expect(d0.code).toMatch(/^000\.00\.11\.H26-\d{6}-\d{4}$/);
    expect(d0.applicant).toMatchObject({ name: AN.fullName, idNumber: AN.idNumber });
    expect(d0.availableActions).toEqual(['withdraw']);

    // The desk sees it in the inbox and receives it: appointment date in working days.
    const box = await desk.get('/api/v1/inbox');
    expect(box.body.items.map((x: any) => x.code)).toContain(d0.code);
    const received = await step(desk, d0.id, 'receive');
    expect(received.status).toBe(2);
    const due = await desk.get(`/api/v1/calendar/due-date?from=${encodeURIComponent(received.receivedAt)}&unit=${proc.deadline.unit}&value=${proc.deadline.value}`);
    expect(received.dueAt).toBe(due.body.dueAt);
    expect(new Date(received.dueAt).getTime()).toBeGreaterThan(new Date(received.receivedAt).getTime() + (proc.deadline.value - 1) * 86400_000);
    expect(received.currentStep.index).toBe(0);

    // Forward to the processing division: in process, visible in the officer's inbox only.
    const fwd = await step(desk, d0.id, 'forward');
    expect(fwd.status).toBe(4);
    expect(fwd.currentStep.index).toBe(1);
    expect(fwd.currentStep.dueAt).toBeTruthy();
    const officerBox = await officer.get('/api/v1/inbox');
    expect(officerBox.body.items.map((x: any) => x.code)).toContain(d0.code);
    expect((await desk.get('/api/v1/inbox')).body.items.map((x: any) => x.code)).not.toContain(d0.code);

    // One consolidated supplement request: the clock pauses; the citizen answers; it resumes later.
    const sup = await step(officer, d0.id, 'request-supplement', { items: [{ name: 'Bản sao Căn cước', reason: 'Ảnh chụp bị mờ, không đọc được số' }] });
    expect(sup.status).toBe(5);
    expect(sup.pausedAt).toBeTruthy();
    expect(sup.supplementCount).toBe(1);
    const supplementPdf = await citizen.get(`/api/v1/dossiers/${d0.id}/slips/supplement.pdf`);
    expect(pdfText(supplementPdf.body)).toContain('Ảnh chụp bị mờ, không đọc được số');
    const fileId = await uploadOk(citizen);
    const back = await step(citizen, d0.id, 'resubmit', { documents: [{ code: proc.documents[proc.documents.length - 1].code, fileIds: [fileId] }] });
    expect(back.status).toBe(4);
    expect(back.pausedAt).toBeNull();
    expect(new Date(back.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(received.dueAt).getTime());
    expect(back.documents.map((x: any) => x.fileId)).toContain(fileId);

    // Through the internal process to the signing step.
    let cur = back;
    while (cur.process[cur.currentStep.index + 1]?.role !== 'signing_authority' && cur.process[cur.currentStep.index].role !== 'signing_authority') {
      const who = cur.process[cur.currentStep.index].role === 'head_of_division' ? head : officer;
      cur = await step(who, d0.id, 'forward');
    }
    if (cur.process[cur.currentStep.index].role !== 'signing_authority') {
      const who = cur.process[cur.currentStep.index].role === 'head_of_division' ? head : officer;
      cur = await step(who, d0.id, 'forward');
    }
    expect(cur.currentStep.role).toBe('signing_authority');
    // Only the signing authority may sign.
    const notMine = await officer.post(`/api/v1/dossiers/${d0.id}/sign`, { version: cur.version });
    expect(notMine.status).toBe(403);
    expect(notMine.body.message_vi).toBeTruthy();
    const resultFile = await uploadOk(director);
    const signed = await step(director, d0.id, 'sign', { resultFileIds: [resultFile] });
    expect(signed.status).toBe(9);
    expect(signed.outcome).toBe('approved');
    expect(signed.currentStep.role).toBe('desk_officer');

    const returned = await step(desk, d0.id, 'return', { method: 'in_person', receivedBy: AN.fullName });
    expect(returned.status).toBe(10);
    expect(returned.returnedAt).toBeTruthy();
    expect(['early', 'on_time']).toContain(returned.timeliness);

    // The trail: every action, in order, with hand-overs judged against their step deadlines.
    const full = (await citizen.get(`/api/v1/dossiers/${d0.id}`)).body;
    const actions = full.tracking.map((r: any) => r.action);
    expect(actions[0]).toBe('submit');
    expect(actions).toEqual(expect.arrayContaining(['receive', 'forward', 'request_supplement', 'resubmit', 'sign', 'return']));
    expect(full.tracking.map((r: any) => r.seq)).toEqual(full.tracking.map((_: any, i: number) => i + 1));
    const forwards = full.tracking.filter((r: any) => r.action === 'forward');
    for (const f of forwards) expect(['early', 'on_time']).toContain(f.judgement);
    expect(full.documents.some((x: any) => x.documentCode === 'result')).toBe(true);

    // Slips with real Vietnamese text.
    const receipt = pdfText((await citizen.get(`/api/v1/dossiers/${d0.id}/slips/receipt.pdf`)).body);
    expect(receipt).toContain(d0.code);
    expect(receipt).toContain(AN.fullName);
    const tracking = pdfText((await desk.get(`/api/v1/dossiers/${d0.id}/slips/tracking.pdf`)).body);
    expect(tracking).toContain(d0.code);
    expect(tracking).toMatch(/Trước hạn|Đúng hạn/);
    const noRefusal = await desk.get(`/api/v1/dossiers/${d0.id}/slips/refusal.pdf`);
    expect(noRefusal.status).toBe(409);

    // The citizen downloads the result.
    const res = full.documents.find((x: any) => x.documentCode === 'result');
    const dl = await citizen.get(res.url);
    expect(dl.status).toBe(200);
    expect(dl.body.subarray(0, 4).toString()).toBe('%PDF');

    // Public tracking with the second factor, and nothing without it.
    const pub = await new Api(srv.base).get(`/api/v1/public/tracking/${d0.code}?verify=${AN.phone.slice(-4)}`);
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe(10);
    expect(pub.body.timeline.length).toBe(full.tracking.length);
    expect(JSON.stringify(pub.body)).not.toContain(AN.idNumber);
    const wrong = await new Api(srv.base).get(`/api/v1/public/tracking/${d0.code}?verify=0000`);
    expect(wrong.status).toBe(404);

    // The citizen's list.
    const mine = await citizen.get('/api/v1/my/dossiers');
    expect(mine.body.items.find((x: any) => x.id === d0.id).status).toBe(10);
  });

  it('receives a walk-in applicant at the desk in one step and prints the receipt', async () => {
    const body = {
      procedureCode: proc.code,
      form: (await import('../catalog/sample-form.ts')).sampleForm(proc.form, { applicant: { fullName: 'Phạm Thị Dung', idNumber: '001185001122', phone: '0977000111', dateOfBirth: '1985-02-03' } }),
      documents: [],
      applicant: { fullName: 'Phạm Thị Dung', idNumber: '001185001122', phone: '0977000111' },
      receive: true,
      checklist: proc.documents.filter((x: any) => x.template !== 'form').slice(0, 1).map((x: any) => ({ code: x.code, kind: 'original', count: 2 })),
    };
    const r = await desk.post('/api/v1/dossiers', body);
    expect(r.status).toBe(201);
    expect(r.body.status).toBe(2);
    expect(r.body.channel).toBe('in_person');
    expect(r.body.dueAt).toBeTruthy();
    const slip = pdfText((await desk.get(`/api/v1/dossiers/${r.body.id}/slips/receipt.pdf`)).body);
    expect(slip).toContain('Phạm Thị Dung');
    // The paper document ticked at the desk is on the receipt although nothing was scanned.
    expect(slip).toContain('Bản chính');
    expect(slip).toContain(proc.documents.filter((x: any) => x.template !== 'form')[0].name.slice(0, 25));
    // A desk officer of another agency may not file for this one.
    const other = await as(srv.base, 'badinh.tiepnhan');
    const denied = await other.post('/api/v1/dossiers', body);
    expect(denied.status).toBe(403);
  });

  it('refuses at the desk with reasons, withdraws, stops and extends under the rules', async () => {
    const a = (await submit(citizen, proc)).body;
    const refused = await step(desk, a.id, 'refuse', { reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết'] });
    expect(refused.status).toBe(3);
    expect(pdfText((await citizen.get(`/api/v1/dossiers/${a.id}/slips/refusal.pdf`)).body)).toContain('Hồ sơ không thuộc thẩm quyền giải quyết');

    const b = (await submit(citizen, proc)).body;
    await step(desk, b.id, 'receive');
    const w = await step(citizen, b.id, 'withdraw', { reason: 'Tôi không còn nhu cầu' });
    expect(w.status).toBe(7);
    const again = await citizen.post(`/api/v1/dossiers/${b.id}/withdraw`, { version: w.version, reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.current.status).toBe(7);

    const c = (await submit(citizen, proc)).body;
    await step(desk, c.id, 'receive');
    const ext = await step(officer, c.id, 'extend', { reason: 'Chờ kết quả xác minh của cơ quan công an', newDueAt: new Date(Date.now() + 30 * 86400_000).toISOString() });
    expect(ext.extensionCount).toBe(1);
    expect(pdfText((await citizen.get(`/api/v1/dossiers/${c.id}/slips/apology.pdf`)).body)).toContain('Chờ kết quả xác minh của cơ quan công an');
    const earlier = await officer.post(`/api/v1/dossiers/${c.id}/extend`, { version: ext.version, reason: 'x', newDueAt: new Date(Date.now() + 86400_000).toISOString() });
    expect(earlier.status).toBe(400);
    expect(earlier.body.errors[0].field).toBe('newDueAt');
    const officerStop = await officer.post(`/api/v1/dossiers/${c.id}/stop`, { version: ext.version, reason: 'x' });
    expect(officerStop.status).toBe(403);
    const stopped = await step(head, c.id, 'stop', { reason: 'Người nộp không bổ sung hồ sơ trong thời hạn' });
    expect(stopped.status).toBe(8);
  });
});

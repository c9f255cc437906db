import { beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { Api, as } from '../../../test/server.ts';
import { step, submit, useDossierSuite } from '../../../test/dossiers.ts';
import { uploadOk } from '../../../test/fixtures.ts';

const t = useDossierSuite();
const CATP = '000.00.11.H26';
const BADINH = '000.04.01.H26';

let desk: Api, officer: Api, head: Api, signer: Api, supervisor: Api;

async function sqlExec(text: string, values: unknown[]) {
  const c = new pg.Client({ connectionString: t.srv.dbUrl });
  await c.connect();
  try {
    await c.query(text, values);
  } finally {
    await c.end();
  }
}

async function summary(api: Api, query = '') {
  const r = await api.get(`/api/v1/supervision/summary${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
const statusCount = (s: any, status: number) => s.byStatus.find((x: any) => x.status === status).count;
const proc = (s: any, code: string) => s.byProcedure.find((x: any) => x.code === code) ?? { received: 0, doneOnTime: 0, doneLate: 0, overdue: 0, late: 0, open: 0, submitted: 0 };
const officerRow = (s: any, name: string) => s.byOfficer.find((x: any) => x.fullName === name);

/** Submits and walks a judicial-record dossier through the demo officials up to (not including) the signing step. */
async function toSigning() {
  const d = (await submit(t.citizen, t.proc)).body;
  await step(desk, d.id, 'receive');
  await step(desk, d.id, 'forward');
  await step(officer, d.id, 'forward');
  await step(head, d.id, 'forward');
  return d;
}

beforeAll(async () => {
  [desk, officer, head, signer, supervisor] = await Promise.all(['catp.tiepnhan', 'catp.canbo', 'catp.truongphong', 'catp.lanhdao', 'catp.giamsat'].map((u) => as(t.srv.base, u)));
});

describe(`supervision summary (${inject('pgKind')})`, () => {
  it('counts dossiers by status, per procedure and per official, and lists the overdue ones with who holds them', async () => {
    const before = await summary(supervisor);
    expect(before.agencies.map((a: any) => a.code)).toEqual([CATP]);
    expect(before.scope).toEqual([CATP]);
    const officerId = (await officer.get('/api/v1/auth/me')).body.id;

    // A: done on time and returned.
    const a = await toSigning();
    await step(signer, a.id, 'sign', { resultFileIds: [await uploadOk(signer)] });
    await step(desk, a.id, 'return', { method: 'in_person' });
    // B: with the processing officer (assigned), its appointment date already passed.
    const b = (await submit(t.citizen, t.proc)).body;
    await step(desk, b.id, 'receive');
    await step(desk, b.id, 'forward', { assigneeId: officerId });
    await sqlExec(`update dossier set due_at = now() - interval '3 days', step_due_at = now() - interval '4 days' where id = $1`, [b.id]);
    // C: submitted online, not received yet.
    const c = (await submit(t.citizen, t.proc)).body;
    // D: refused at the desk (never received).
    const d = (await submit(t.citizen, t.proc)).body;
    await step(desk, d.id, 'refuse', { reasons: ['Tờ khai thiếu quá trình cư trú'] });
    // E: signed after its appointment date (done late), waiting to be returned.
    const e = await toSigning();
    await step(signer, e.id, 'sign');
    await sqlExec(`update dossier set due_at = finished_at - interval '1 hour' where id = $1`, [e.id]);
    // F: waiting for a supplement since before its due date: the clock is paused, so it is not overdue.
    const f = (await submit(t.citizen, t.proc)).body;
    await step(desk, f.id, 'receive');
    await step(desk, f.id, 'forward');
    await step(officer, f.id, 'request-supplement', { items: [{ name: 'Bản sao thẻ Căn cước', reason: 'Ảnh mờ' }] });
    await sqlExec(`update dossier set paused_at = now() - interval '3 days', due_at = now() - interval '1 day' where id = $1`, [f.id]);

    const after = await summary(supervisor);
    const delta = (s: number) => statusCount(after, s) - statusCount(before, s);
    expect(after.totals.dossiers - before.totals.dossiers).toBe(6);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(delta)).toEqual([1, 0, 1, 1, 1, 0, 0, 0, 1, 1]);

    const p0 = proc(before, t.proc.code);
    const p1 = proc(after, t.proc.code);
    expect(p1.name).toBe(t.proc.name);
    expect({
      submitted: p1.submitted - p0.submitted, received: p1.received - p0.received, doneOnTime: p1.doneOnTime - p0.doneOnTime,
      doneLate: p1.doneLate - p0.doneLate, overdue: p1.overdue - p0.overdue, late: p1.late - p0.late, open: p1.open - p0.open,
    }).toEqual({ submitted: 6, received: 4, doneOnTime: 1, doneLate: 1, overdue: 1, late: 2, open: 3 });
    expect(after.totals.overdue - before.totals.overdue).toBe(1);
    expect(after.totals.late - before.totals.late).toBe(2);
    expect(after.totals.onTimeRate).toBeGreaterThan(0);
    expect(after.totals.onTimeRate).toBeLessThan(1);

    // The overdue list: B with the officer holding it at the records division; F (paused) is not there.
    const late = after.overdue.find((x: any) => x.id === b.id);
    expect(late).toBeTruthy();
    expect(late).toMatchObject({ code: b.code, status: 4, applicantName: b.applicant.name, procedureCode: t.proc.code, paused: false });
    expect(late.holder.assignee).toEqual({ id: officerId, fullName: 'Phạm Minh Đức' });
    expect(late.holder.role).toBe('processing_officer');
    expect(late.holder.unit.name).toMatch(/Hồ sơ nghiệp vụ/);
    expect(late.step.index).toBe(1);
    expect(late.overdueWorkingDays).toBeGreaterThan(0);
    expect(after.overdue.some((x: any) => x.id === f.id)).toBe(false);
    expect(after.overdue.some((x: any) => [a.id, c.id, d.id, e.id].includes(x.id))).toBe(false);
    // Soonest due first.
    const dues = after.overdue.map((x: any) => new Date(x.dueAt).getTime());
    expect(dues).toEqual([...dues].sort((x, y) => x - y));

    // Per official: what they hold now and what they acted on in the last 30 days.
    const o0 = officerRow(before, 'Phạm Minh Đức');
    const o1 = officerRow(after, 'Phạm Minh Đức');
    expect(o1.roles).toContain('processing_officer');
    expect(o1.assigned - o0.assigned).toBe(1); // B
    expect(o1.assignedOverdue - o0.assignedOverdue).toBe(1);
    expect(o1.actedDossiers30d - o0.actedDossiers30d).toBe(3); // A, E forwarded; F supplement request
    expect(o1.actions30d - o0.actions30d).toBe(3);
    const desk0 = officerRow(before, 'Lê Thu Trang');
    const desk1 = officerRow(after, 'Lê Thu Trang');
    expect(desk1.actedDossiers30d - desk0.actedDossiers30d).toBe(5); // A, B, D, E, F
    expect(desk1.actions30d - desk0.actions30d).toBe(3 + 2 + 1 + 2 + 2); // A: receive, forward, return; B: 2; D: refuse; E: 2; F: 2
    const signer1 = officerRow(after, 'Trần Văn Hùng');
    expect(signer1.roles).toEqual(['signing_authority']);
    expect(signer1.actedDossiers30d - officerRow(before, 'Trần Văn Hùng').actedDossiers30d).toBe(2);
    // Officials with nothing to do are listed too.
    expect(officerRow(after, 'Đỗ Thị Lan')).toMatchObject({ roles: ['supervisor'], assigned: 0 });
  });

  it('lets heads of division and signing authorities see their own agency, with the agency named explicitly or not', async () => {
    const byHead = await summary(head);
    expect(byHead.scope).toEqual([CATP]);
    const bySigner = await summary(signer, `?agencyCode=${CATP}`);
    expect(bySigner.scope).toEqual([CATP]);
    expect(bySigner.totals.dossiers).toBe(byHead.totals.dossiers);
  });

  it('refuses anyone without a supervising role in the agency', async () => {
    // A processing officer of the same agency.
    const notSupervisor = await officer.get('/api/v1/supervision/summary');
    expect(notSupervisor.status).toBe(403);
    expect(notSupervisor.body.message_vi).toBeTruthy();
    expect((await desk.get('/api/v1/supervision/summary')).status).toBe(403);
    // A head of division of another agency: their own figures only, never the city police's.
    const other = await as(t.srv.base, 'badinh.truongphong');
    const own = await summary(other);
    expect(own.scope).toEqual([BADINH]);
    expect(own.byProcedure.some((x: any) => x.code === t.proc.code)).toBe(false);
    const foreign = await other.get(`/api/v1/supervision/summary?agencyCode=${CATP}`);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    expect((await supervisor.get(`/api/v1/supervision/summary?agencyCode=${BADINH}`)).status).toBe(403);
    expect((await supervisor.get('/api/v1/supervision/summary?agencyCode=khong-ton-tai')).status).toBe(403);
    // Citizens and anonymous callers.
    expect((await t.citizen.get('/api/v1/supervision/summary')).status).toBe(403);
    expect((await new Api(t.srv.base).get('/api/v1/supervision/summary')).status).toBe(401);
  });
});

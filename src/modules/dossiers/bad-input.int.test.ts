import pg from 'pg';
import { describe, expect, it, inject } from 'vitest';
import { Api, as } from '../../../test/server.ts';
import { useDossierSuite, submissionFor } from '../../../test/dossiers.ts';
import { tinyPdf, tinyPng, upload } from '../../../test/fixtures.ts';

const t = useDossierSuite();

async function counts() {
  const c = new pg.Client({ connectionString: t.srv.dbUrl });
  await c.connect();
  const r = await c.query(`select (select count(*) from dossier)::int as d, (select count(*) from dossier_action)::int as a,
    (select count(*) from dossier_document)::int as docs, (select count(*) from stored_file)::int as f, (select count(*) from dossier_code_counter)::int as c`);
  await c.end();
  return r.rows[0];
}

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, field?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body.message_vi).toBeTruthy();
  expect(r.body.message_en).toBeTruthy();
  if (field) expect(r.body.errors.map((e: any) => e.field)).toContain(field);
}

describe(`bad input gets a clear 4xx and writes nothing (${inject('pgKind')})`, () => {
  it('rejects malformed submissions, naming the field', async () => {
    const good = await submissionFor(t.citizen, t.proc);
    const before = await counts();
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, procedureCode: undefined }), 400, 'procedureCode');
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, form: 'not an object' }), 400, 'form');
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, procedureCode: '9.999999' }), 400, 'procedureCode');
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, agencyCode: '000.04.01.H26' }), 400, 'agencyCode');
    // Form answers that violate the procedure's schema.
    const form = { ...good.form, applicant: { ...(good.form as any).applicant, email: 'not-an-email', phone: 12 } };
    const r = await t.citizen.post('/api/v1/dossiers', { ...good, form });
    expectProblem(r, 400);
    expect(r.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['form.applicant.email', 'form.applicant.phone']));
    const noApplicant = await t.citizen.post('/api/v1/dossiers', { ...good, form: {} });
    expectProblem(noApplicant, 400, 'form.applicant');
    // Someone else's ID number in the applicant block.
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, form: { ...good.form, applicant: { ...(good.form as any).applicant, idNumber: '001195006789' } } }), 400, 'form.applicant.idNumber');
    // Missing required documents, unknown document, someone else's file.
    const required = t.proc.documents.find((d: any) => d.required && d.template !== 'form');
    if (required) expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, documents: [] }), 400, `documents.${required.code}`);
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, documents: [...good.documents, { code: 'khong-co', fileIds: [] }] }), 400, `documents[${good.documents.length}].code`);
    const binh = await as(t.srv.base, '001195006789');
    const theirFile = (await upload(binh, tinyPdf())).body.id;
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, documents: [{ code: good.documents[0]?.code ?? 'x', fileIds: [theirFile] }] }), 400, 'documents[0].fileIds[0]');
    // Staff-only fields from a t.citizen.
    expectProblem(await t.citizen.post('/api/v1/dossiers', { ...good, receive: true }), 400, 'applicant');
    // Not signed in.
    expectProblem(await new Api(t.srv.base).post('/api/v1/dossiers', good), 401);
    const after = await counts();
    expect({ ...after, f: 0 }).toEqual({ ...before, f: 0 });
  });

  it('checks a walk-in applicant\'s ID number by its structure', async () => {
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const good = await submissionFor(desk, t.proc, { fullName: 'Phạm Thị Dung', idNumber: '001185001122', dateOfBirth: '1985-02-03' });
    const before = await counts();
    const bad = await desk.post('/api/v1/dossiers', { ...good, applicant: { fullName: 'Phạm Thị Dung', idNumber: '003290001122' }, form: { ...good.form, applicant: { ...(good.form as any).applicant, idNumber: '003290001122' } } });
    expectProblem(bad, 400, 'applicant.idNumber');
    const msgs = bad.body.errors.filter((e: any) => e.field === 'applicant.idNumber').map((e: any) => e.message_en);
    expect(msgs).toEqual(expect.arrayContaining([expect.stringContaining('not a province code'), expect.stringContaining('fourth digit')]));
    expect(await counts()).toEqual(before);
    const ok = await desk.post('/api/v1/dossiers', { ...good, applicant: { fullName: 'Phạm Thị Dung', idNumber: '001185001122' } });
    expect(ok.status).toBe(201);
  });

  it('rejects oversized, empty, mislabelled and foreign files and keeps none of them', async () => {
    const before = await counts();
    expectProblem(await upload(t.citizen, tinyPng(), 'anh.pdf', 'application/pdf'), 415, 'file');
    expectProblem(await upload(t.citizen, Buffer.from('MZ\x90\x00 this is an executable'), 'virus.exe', 'application/octet-stream'), 415, 'file');
    expectProblem(await upload(t.citizen, Buffer.from('<html><script>alert(1)</script></html>'), 'trang.pdf', 'application/pdf'), 415, 'file');
    expectProblem(await upload(t.citizen, Buffer.alloc(0), 'rong.pdf', 'application/pdf'), 400);
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    expectProblem(await upload(t.citizen, big, 'lon.pdf', 'application/pdf'), 413, 'file');
    const after = await counts();
    expect(after.f).toBe(before.f);
    // A path in the file name is reduced to its base name.
    const ok = await upload(t.citizen, tinyPdf(), '../../etc/passwd.pdf', 'application/pdf');
    expect(ok.status).toBe(201);
    expect(ok.body.filename).toBe('passwd.pdf');
    expect(ok.body.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses illegal transitions, wrong roles, other units and stale versions', async () => {
    const d = (await t.citizen.post('/api/v1/dossiers', await submissionFor(t.citizen, t.proc))).body;
    const desk = await as(t.srv.base, 'catp.tiepnhan');
    const before = await counts();
    // Returning a result that does not exist yet.
    const ret = await desk.post(`/api/v1/dossiers/${d.id}/return`, { version: d.version });
    expectProblem(ret, 409);
    expect(ret.body.current.status).toBe(1);
    // The t.citizen cannot receive their own dossier; a processing officer is not the desk.
    expectProblem(await t.citizen.post(`/api/v1/dossiers/${d.id}/receive`, { version: d.version }), 403);
    expectProblem(await (await as(t.srv.base, 'catp.canbo')).post(`/api/v1/dossiers/${d.id}/receive`, { version: d.version }), 403);
    // Officials of another agency do not even see it.
    expectProblem(await (await as(t.srv.base, 'badinh.tiepnhan')).post(`/api/v1/dossiers/${d.id}/receive`, { version: d.version }), 404);
    expectProblem(await (await as(t.srv.base, 'badinh.tiepnhan')).get(`/api/v1/dossiers/${d.id}`), 404);
    // Another t.citizen neither.
    expectProblem(await (await as(t.srv.base, '001195006789')).get(`/api/v1/dossiers/${d.id}`), 404);
    // A stale version.
    expectProblem(await desk.post(`/api/v1/dossiers/${d.id}/receive`, { version: d.version + 5 }), 409);
    // Missing and wrongly typed fields.
    expectProblem(await desk.post(`/api/v1/dossiers/${d.id}/receive`, {}), 400, 'version');
    expectProblem(await desk.post(`/api/v1/dossiers/${d.id}/refuse`, { version: d.version, reasons: [] }), 400, 'reasons');
    expectProblem(await desk.post(`/api/v1/dossiers/${d.id}/request-supplement`, { version: d.version, items: 'all' }), 400, 'items');
    expectProblem(await desk.post(`/api/v1/dossiers/not-a-uuid/receive`, { version: 1 }), 400, 'params.id');
    expectProblem(await desk.post(`/api/v1/dossiers/00000000-0000-4000-8000-000000000000/receive`, { version: 1 }), 404);
    expect(await counts()).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { findProcedure, submissionFor } from '../../../test/dossiers.ts';
import { uploadOk } from '../../../test/fixtures.ts';
import { sampleForm } from '../catalog/sample-form.ts';
import { applyPrefill, valueAt, withValueAt } from './prefill.ts';

let srv: TestServer;
let an: Api;
let lltp: any;
beforeAll(async () => {
  srv = await startTestServer();
  an = await as(srv.base, '001090012345');
  lltp = await findProcedure(an, 'lý lịch tư pháp');
});
afterAll(() => srv?.stop());

/** Rows a rejected submission must not leave behind. */
async function counts() {
  const r = await sql<{ d: number; docs: number; a: number }>`select (select count(*) from dossier)::int as d,
    (select count(*) from dossier_document)::int as docs, (select count(*) from dossier_action)::int as a`.execute(srv.ctx.db);
  return r.rows[0];
}

/** A value surely different from the registry's, still valid for the field's schema. */
function altered(schema: any, path: string, value: string): string {
  let s = schema;
  for (const part of path.split('.')) s = s.properties[part];
  if (s.enum) return s.enum.find((x: string) => x !== value);
  if (s.format === 'date') return `${Number(value.slice(0, 4)) - 1}${value.slice(4)}`;
  if (s.pattern === '^[0-9]{12}$') return '001090099999';
  return `${value} Khác`;
}

describe(`population prefill and identity re-verification (${inject('pgKind')})`, () => {
  it('gives the signed-in citizen their record and what the form takes from it', async () => {
    const r = await an.get(`/api/v1/my/population-record?procedureCode=${lltp.code}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ found: true, adapter: 'local', person: { idNumber: '001090012345', fullName: 'Nguyễn Văn An' } });
    expect(r.body.household.members).toHaveLength(5); // incl. the daughter whose birth the demo data registers
    expect(r.body.relations.spouse.fullName).toBe('Phạm Thu Hằng');
    const byPath = Object.fromEntries(r.body.prefill.map((v: any) => [v.path, v]));
    expect(byPath['subject.fullName']).toMatchObject({ value: 'Nguyễn Văn An', editable: false, source: 'population' });
    expect(byPath['family.fatherName']).toMatchObject({ value: 'Nguyễn Văn Thành', editable: false });
    expect(byPath['family.spouseName']).toMatchObject({ value: 'Phạm Thu Hằng', editable: false });
    expect(byPath['applicant.phone']).toMatchObject({ value: '0912345678', editable: true, source: 'account' });
    // Staff have their own, logged look-up; an unknown procedure is named.
    expect((await (await as(srv.base, 'catp.tiepnhan')).get('/api/v1/my/population-record')).status).toBe(403);
    expect((await an.get('/api/v1/my/population-record?procedureCode=9.999999')).status).toBe(404);
    expect((await new Api(srv.base).get('/api/v1/my/population-record')).status).toBe(401);
  });

  it('accepts the prefilled identity unchanged and records the check for the officials', async () => {
    const body = await submissionFor(an, lltp);
    const r = await an.post('/api/v1/dossiers', body);
    expect(r.status).toBe(201);
    expect(r.body.identityCheck).toMatchObject({ result: 'population', adapter: 'local', unverified: [] });
    expect(r.body.identityCheck.verified).toEqual(expect.arrayContaining(['applicant.fullName', 'subject.idNumber', 'subject.permanentResidence', 'family.fatherName', 'family.motherName', 'family.spouseName']));
    const staff = await as(srv.base, 'catp.tiepnhan');
    const seen = await staff.get(`/api/v1/dossiers/${r.body.id}`);
    expect(seen.body.identityCheck.result).toBe('population');
  });

  it('rejects each altered identity field with 422 naming it, and writes nothing', async () => {
    const good = await submissionFor(an, lltp);
    const locked = (await an.get(`/api/v1/my/population-record?procedureCode=${lltp.code}`)).body.prefill.filter((v: any) => !v.editable);
    expect(locked.length).toBeGreaterThanOrEqual(12);
    const before = await counts();
    for (const v of locked) {
      // applicant.idNumber has its own older rule (must be the signed-in account's): 400 on that field.
      const form = withValueAt(good.form, v.path, altered(lltp.form, v.path, v.value));
      const r = await an.post('/api/v1/dossiers', { ...good, form });
      if (v.path === 'applicant.idNumber') {
        expect(r.status).toBe(400);
        expect(r.body.errors.map((e: any) => e.field)).toEqual(['form.applicant.idNumber']);
        continue;
      }
      expect(r.status, v.path).toBe(422);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.code).toBe('identity_mismatch');
      expect(r.body.errors).toEqual([{ field: `form.${v.path}`, message_vi: expect.stringContaining('Cơ sở dữ liệu quốc gia về dân cư'), message_en: expect.stringContaining('population database') }]);
      expect(r.body.message_vi).toBeTruthy();
      expect(r.body.message_en).toBeTruthy();
    }
    // Several at once: one error each.
    let many = good.form;
    for (const p of ['subject.dateOfBirth', 'subject.sex', 'family.motherName']) many = withValueAt(many, p, altered(lltp.form, p, valueAt(good.form, p) as string));
    const r = await an.post('/api/v1/dossiers', { ...good, form: many });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: any) => e.field).sort()).toEqual(['form.family.motherName', 'form.subject.dateOfBirth', 'form.subject.sex']);
    expect(await counts()).toEqual(before);
  });

  it('lets a citizen the registry does not know fill the fields in, checks structure only, and tells the officials', async () => {
    const binh = await as(srv.base, '001195006789');
    await sql`delete from population_person where id_number = '001195006789'`.execute(srv.ctx.db);
    const rec = await binh.get(`/api/v1/my/population-record?procedureCode=${lltp.code}`);
    expect(rec.body).toMatchObject({ found: false, person: null });
    expect(rec.body.prefill.every((v: any) => v.source === 'account' && v.editable)).toBe(true);
    const form = sampleForm(lltp.form, {
      applicant: { fullName: 'Trần Thị Bình', idNumber: '001195006789', dateOfBirth: '1995-11-02', phone: '0987654321' },
      subject: { fullName: 'Trần Thị Bình', idNumber: '001195006789', sex: 'Nữ', dateOfBirth: '1995-11-02' },
      family: { fatherName: 'Trần Văn Tuấn', motherName: 'Ngô Thị Thu' },
    });
    // Structure is still checked.
    const bad = await binh.post('/api/v1/dossiers', { procedureCode: lltp.code, form: withValueAt(form, 'subject.dateOfBirth', '02/11/1995'), documents: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('form.subject.dateOfBirth');
    const r = await binh.post('/api/v1/dossiers', { procedureCode: lltp.code, form, documents: [] });
    expect(r.status).toBe(201);
    expect(r.body.identityCheck.result).toBe('not_found');
    expect(r.body.identityCheck.unverified).toEqual(expect.arrayContaining(['applicant.fullName', 'subject.fullName', 'family.fatherName']));
    const staff = await as(srv.base, 'catp.canbo');
    expect((await staff.get(`/api/v1/dossiers/${r.body.id}`)).body.identityCheck.result).toBe('not_found');
  });
});

describe(`minimum e-ID level (${inject('pgKind')})`, () => {
  it('refuses a level-1 account online with 403 saying exactly how to reach level 2, and writes nothing', async () => {
    const cuong = await as(srv.base, '001301004321');
    expect((await cuong.get('/api/v1/auth/me')).body.eidLevel).toBe(1);
    const body = await submissionFor(cuong, lltp, { fullName: 'Lê Hoàng Cường', idNumber: '001301004321' });
    const before = await counts();
    const r = await cuong.post('/api/v1/dossiers', body);
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ code: 'eid_level_too_low', requiredLevel: 2, currentLevel: 1 });
    expect(r.body.message_vi).toContain('mức 2');
    expect(r.body.message_vi).toContain('Công an cấp xã');
    expect(r.body.message_vi).toContain('VNeID');
    expect(r.body.message_vi).toContain('NFC');
    expect(r.body.message_en).toContain('commune-level police');
    expect(r.body.message_en).toContain('VNeID app');
    expect(await counts()).toEqual(before);

    // A level-1 procedure is open to her online, her identity verified like anyone's.
    const cccd = (await an.get('/api/v1/procedures/2.001195')).body;
    expect(cccd.minEidLevel).toBe(1);
    const ok = await cuong.post('/api/v1/dossiers', await submissionFor(cuong, cccd, { fullName: 'Lê Hoàng Cường', idNumber: '001301004321' }));
    expect(ok.status).toBe(201);
    expect(ok.body.identityCheck.result).toBe('population');
  });

  it('does not apply at the desk: a walk-in for the same procedure is filed', async () => {
    const desk = await as(srv.base, 'catp.tiepnhan');
    const form = sampleForm(lltp.form, { applicant: { fullName: 'Lê Hoàng Cường', idNumber: '001301004321', dateOfBirth: '2001-03-20' } });
    const r = await desk.post('/api/v1/dossiers', {
      procedureCode: lltp.code, form, documents: [{ code: 'giay-to-tuy-than', fileIds: [await uploadOk(desk)] }],
      applicant: { fullName: 'Lê Hoàng Cường', idNumber: '001301004321' },
    });
    expect(r.status).toBe(201);
    expect(r.body.channel).toBe('in_person');
    expect(r.body.identityCheck.result).toBe('in_person');
    expect(r.body.documents[0].source).toBe('desk');
  });
});

describe(`population source status (${inject('pgKind')})`, () => {
  it('tells system administrators which adapter answers and how many people it holds; nobody else', async () => {
    const admin = await as(srv.base, 'admin');
    const r = await admin.get('/api/v1/population/status');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ adapter: 'local', estimated: false });
    const people = (await sql<{ n: number }>`select count(*)::int as n from population_person`.execute(srv.ctx.db)).rows[0].n;
    expect(r.body.people).toBe(people);
    expect(r.body.households).toBeGreaterThan(2000);
    expect((await (await as(srv.base, 'catp.giamsat')).get('/api/v1/population/status')).status).toBe(403);
    expect((await an.get('/api/v1/population/status')).status).toBe(403);
  });
});

// applyPrefill is what the Apply page does; keep the fixture honest.
it('fills a form the same way the fixture does', () => {
  expect(applyPrefill({}, [{ path: 'a.b', value: 'x', editable: false, source: 'population' }])).toEqual({ a: { b: 'x' } });
});

import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { AN, findProcedure, submit } from '../../../test/dossiers.ts';

let srv: TestServer;
let api: Api;
beforeAll(async () => {
  srv = await startTestServer();
  api = new Api(srv.base);
});
afterAll(() => srv?.stop());

const names = async (q: string) => (await api.get(`/api/v1/procedures?q=${encodeURIComponent(q)}`)).body.items.map((x: any) => x.name as string);

describe(`procedure catalog (${inject('pgKind')})`, () => {
  it('publishes at least 30 real procedures with documents, fees, forms and internal processes', async () => {
    const all = await api.get('/api/v1/procedures?limit=100');
    expect(all.body.total).toBeGreaterThanOrEqual(30);
    for (const must of ['lý lịch tư pháp', 'khai sinh', 'kết hôn', 'khai tử', 'thường trú', 'tạm trú', 'bảo hiểm y tế', 'mai táng', 'giấy phép xây dựng',
      'hộ kinh doanh', 'doanh nghiệp', 'giấy phép lái xe', 'chứng thực bản sao', 'chuyển trường']) {
      expect((await names(must)).length, must).toBeGreaterThan(0);
    }
    const p = await findProcedure(api, 'lý lịch tư pháp');
    expect(p.documents.length).toBeGreaterThan(0);
    expect(p.legalBasis.length).toBeGreaterThan(0);
    expect(p.process[0].role).toBe('desk_officer');
    expect(p.form.type).toBe('object');
    expect(p.minEidLevel).toBe(2);
    expect(p.feesToday.inPerson.length).toBeGreaterThan(0);
  });

  it('finds "Đăng ký khai sinh" first with or without diacritics, with kí/ký, and with a typo', async () => {
    for (const q of ['dang ky khai sinh', 'khai sinh', 'đăng kí khai sinh', 'Đăng ký khai sinh', 'dang ky khai sihn', 'DANG KY KHAI SINH']) {
      const n = await names(q);
      expect(n[0], q).toMatch(/^Đăng ký khai sinh$/i);
    }
    expect((await names('ly lich tu phap'))[0]).toMatch(/lý lịch tư pháp/i);
    expect(await names('zzzz qqqq xxxx')).toEqual([]);
  });

  it('filters by field, sector, level, online level and life event', async () => {
    const commune = (await api.get('/api/v1/procedures?level=commune&limit=100')).body.items;
    expect(commune.length).toBeGreaterThan(0);
    expect(commune.every((x: any) => x.level === 'commune')).toBe(true);
    const police = (await api.get('/api/v1/procedures?sector=police&limit=100')).body.items;
    expect(police.every((x: any) => x.sector === 'police')).toBe(true);
    const full = (await api.get('/api/v1/procedures?onlineLevel=full&limit=100')).body.items;
    expect(full.every((x: any) => x.onlineLevel === 'full')).toBe(true);
    const birth = (await api.get('/api/v1/procedures?lifeEvent=sinh-con&limit=100')).body.items;
    expect(birth.some((x: any) => /khai sinh/i.test(x.name))).toBe(true);
    const field = birth[0].fieldCode;
    const byField = (await api.get(`/api/v1/procedures?field=${field}&limit=100`)).body.items;
    expect(byField.every((x: any) => x.fieldCode === field)).toBe(true);
    expect((await api.get('/api/v1/catalog/life-events')).body.items.length).toBeGreaterThan(5);
    expect((await api.get('/api/v1/procedures?level=district')).status).toBe(400);
  });

  it('versions edits by effective date; a dossier keeps the version it was filed under', async () => {
    const admin = await as(srv.base, 'admin');
    const citizen = await as(srv.base, AN.idNumber);
    const p = await findProcedure(api, 'lý lịch tư pháp');
    const filed = (await submit(citizen, p)).body;
    const def = { ...stripPresentation(p), name: `${p.name} (sửa đổi)` };
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const v2 = await admin.post(`/api/v1/procedures/${p.code}/versions`, { effectiveFrom: today, definition: def, expectedVersion: p.version });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(p.version + 1);
    expect((await api.get(`/api/v1/procedures/${p.code}`)).body.name).toBe(def.name);
    expect((await api.get(`/api/v1/procedures/${p.code}?version=${p.version}`)).body.name).toBe(p.name);
    const again = (await citizen.get(`/api/v1/dossiers/${filed.id}`)).body;
    expect(again.procedure.version).toBe(p.version);
    expect(again.procedure.name).toBe(p.name);
    // A future version does not apply yet.
    const future = await admin.post(`/api/v1/procedures/${p.code}/versions`, { effectiveFrom: '2099-01-01', definition: { ...def, name: 'Tương lai' } });
    expect(future.status).toBe(201);
    expect((await api.get(`/api/v1/procedures/${p.code}`)).body.name).toBe(def.name);
    expect((await api.get(`/api/v1/procedures/${p.code}?onDate=2099-06-01`)).body.name).toBe('Tương lai');
    // Stale edit.
    expect((await admin.post(`/api/v1/procedures/${p.code}/versions`, { effectiveFrom: '2099-02-01', definition: def, expectedVersion: p.version })).status).toBe(409);
  });

  it('rejects a process that does not fit the legal deadline, and non-administrators', async () => {
    const admin = await as(srv.base, 'admin');
    const p = await findProcedure(api, 'khai sinh');
    const tooLong = { ...stripPresentation(p), code: '9.000001', process: p.process.map((s: any) => ({ ...s, duration: { unit: 'working_days', value: 30 } })) };
    const r = await admin.post('/api/v1/procedures', { effectiveFrom: '2026-01-01', definition: tooLong });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('definition.process');
    expect(r.body.errors[0].message_vi).toMatch(/vượt thời hạn/);
    const badForm = await admin.post('/api/v1/procedures', { effectiveFrom: '2026-01-01', definition: { ...stripPresentation(p), code: '9.000002', form: { type: 'object', properties: { a: { type: 'nonsense' } } } } });
    expect(badForm.status).toBe(400);
    expect(badForm.body.errors[0].field).toBe('definition.form');
    const ok = await admin.post('/api/v1/procedures', { effectiveFrom: '2026-01-01', definition: { ...stripPresentation(p), code: '9.000003', name: 'Thủ tục thử nghiệm' } });
    expect(ok.status).toBe(201);
    const dup = await admin.post('/api/v1/procedures', { effectiveFrom: '2026-01-01', definition: { ...stripPresentation(p), code: '9.000003' } });
    expect(dup.status).toBe(409);
    const desk = await as(srv.base, 'catp.tiepnhan');
    expect((await desk.post('/api/v1/procedures', { effectiveFrom: '2026-01-01', definition: { ...stripPresentation(p), code: '9.000004' } })).status).toBe(403);
    expect((await api.post('/api/v1/procedures', { effectiveFrom: '2026-01-01', definition: {} })).status).toBe(401);
  });

  it("keeps the order of the form's fields as written (the catalog editor reorders them)", async () => {
    const seed = (await import('./seed/procedures.json', { with: { type: 'json' } })).default as any[];
    const p = (await api.get('/api/v1/procedures/1.004873')).body;
    const written = seed.find((x) => x.code === '1.004873').form;
    expect(Object.keys(p.form.properties)).toEqual(Object.keys(written.properties));
    expect(Object.keys(p.form.properties.applicant.properties)).toEqual(Object.keys(written.properties.applicant.properties));
    const admin = await as(srv.base, 'admin');
    const reversed = Object.fromEntries(Object.entries(p.form.properties).reverse());
    const r = await admin.post('/api/v1/procedures/1.004873/versions', {
      effectiveFrom: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10), expectedVersion: p.version,
      definition: { ...stripPresentation(p), form: { ...p.form, properties: reversed } },
    });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body.form.properties)).toEqual(Object.keys(reversed));
    expect(Object.keys((await api.get('/api/v1/procedures/1.004873')).body.form.properties)).toEqual(Object.keys(reversed));
    // Filtering by life event still works on the json column.
    expect((await api.get('/api/v1/procedures?lifeEvent=ket-hon&limit=100')).body.items.some((x: any) => x.code === '1.004873')).toBe(true);
  });

  it('prints the blank application form as PDF', async () => {
    const p = await findProcedure(api, 'khai sinh');
    const r = await api.get(`/api/v1/procedures/${p.code}/form.pdf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

function stripPresentation(p: any) {
  const { procedureVersionId, version, effectiveFrom, feesToday, versions, ...def } = p;
  return def;
}

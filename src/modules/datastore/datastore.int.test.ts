import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { findProcedure, step, submissionFor } from '../../../test/dossiers.ts';
import { tinyPdf, uploadOk } from '../../../test/fixtures.ts';
import { sampleForm } from '../catalog/sample-form.ts';

let srv: TestServer;
let an: Api;
let binh: Api;
let lltp: any;
beforeAll(async () => {
  srv = await startTestServer();
  an = await as(srv.base, '001090012345');
  binh = await as(srv.base, '001195006789');
  lltp = await findProcedure(an, 'lý lịch tư pháp');
});
afterAll(() => srv?.stop());

const store = async (api: Api) => (await api.get('/api/v1/my/data-store')).body.items as any[];
async function counts() {
  const r = await sql<{ d: number; docs: number; items: number }>`select (select count(*) from dossier)::int as d,
    (select count(*) from dossier_document)::int as docs, (select count(*) from personal_document)::int as items`.execute(srv.ctx.db);
  return r.rows[0];
}

describe(`personal data store (${inject('pgKind')})`, () => {
  it('holds the demo citizens\' documents, each citizen only their own', async () => {
    const mine = await store(an);
    expect(mine.map((x) => [x.documentType, x.source])).toEqual(expect.arrayContaining([['trich-luc-khai-sinh', 'population'], ['the-can-cuoc', 'desk']]));
    const extract = mine.find((x) => x.documentType === 'trich-luc-khai-sinh');
    expect(extract).toMatchObject({ title: 'Trích lục khai sinh (bản sao)', issuer: expect.stringContaining('Ba Đình'), sourceName: { vi: expect.stringContaining('dân cư') }, expired: false });
    expect(extract.url).toBe(`/api/v1/my/data-store/${extract.id}/file`);
    // Bình sees hers only, and An's items do not exist for her.
    const hers = await store(binh);
    expect(hers.every((x) => !mine.some((y) => y.id === x.id))).toBe(true);
    expect((await binh.get(`/api/v1/my/data-store/${extract.id}`)).status).toBe(404);
    expect((await binh.get(`/api/v1/my/data-store/${extract.id}/file`)).status).toBe(404);
    expect((await new Api(srv.base).get('/api/v1/my/data-store')).status).toBe(401);
    expect((await (await as(srv.base, 'catp.tiepnhan')).get('/api/v1/my/data-store')).status).toBe(403);
  });

  it('keeps the store items picked in a saved draft', async () => {
    const item = (await store(an))[0];
    const draftId = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
    const put = await an.put(`/api/v1/drafts/${draftId}`, { procedureCode: lltp.code, form: {}, documents: [{ code: 'cccd', fileIds: [], storeItemIds: [item.id] }] });
    expect(put.status).toBe(200);
    expect((await an.get(`/api/v1/drafts/${draftId}`)).body.documents).toEqual([{ code: 'cccd', fileIds: [], storeItemIds: [item.id] }]);
  });

  it('adds an upload with its description, refuses a bad description or someone else\'s file, removes', async () => {
    const fileId = await uploadOk(an, tinyPdf('so ho khau'));
    const bad = await an.post('/api/v1/my/data-store', { fileId, documentType: 'khong-co', title: 'X', issuedOn: '2025-05-01', validUntil: '2024-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['documentType', 'validUntil']);
    const theirs = await uploadOk(binh);
    const foreign = await an.post('/api/v1/my/data-store', { fileId: theirs, documentType: 'khac', title: 'Không phải của tôi' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors.map((e: any) => e.field)).toEqual(['fileId']);
    const r = await an.post('/api/v1/my/data-store', { fileId, documentType: 'giay-chung-nhan-ket-hon', title: 'Giấy chứng nhận kết hôn', number: '45/2016', issuer: 'UBND phường Cống Vị', issuedOn: '2016-10-02' }, { 'idempotency-key': 'store-add-1' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ source: 'upload', documentTypeName: { vi: expect.stringContaining('kết hôn') }, accepts: expect.arrayContaining(['giay-chung-nhan-ket-hon']) });
    const pdf = await an.get(r.body.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((pdf.body as Buffer).toString('latin1')).toContain('so ho khau');
    expect((await binh.get(r.body.url)).status).toBe(404);
    // A retry is replayed, not stored twice; the same file twice is refused.
    const again = await an.post('/api/v1/my/data-store', { fileId, documentType: 'giay-chung-nhan-ket-hon', title: 'Giấy chứng nhận kết hôn', number: '45/2016', issuer: 'UBND phường Cống Vị', issuedOn: '2016-10-02' }, { 'idempotency-key': 'store-add-1' });
    expect(again.body.id).toBe(r.body.id);
    expect((await an.post('/api/v1/my/data-store', { fileId, documentType: 'khac', title: 'Lần nữa' })).status).toBe(409);
    expect((await store(an)).filter((x) => x.file.id === fileId)).toHaveLength(1);
    // Bình cannot remove it; An can.
    expect((await binh.call('DELETE', `/api/v1/my/data-store/${r.body.id}`)).status).toBe(404);
    expect((await an.call('DELETE', `/api/v1/my/data-store/${r.body.id}`)).status).toBe(200);
    expect((await store(an)).some((x) => x.id === r.body.id)).toBe(false);
  });

  it('reuses an item in a dossier, shows officials where it came from, and keeps it after removal from the store', async () => {
    // (The seeded items' files live in the template's storage, not this server's: use a fresh one.)
    const scan = await uploadOk(an, tinyPdf('the can cuoc'), 'cccd.pdf');
    const card = (await an.post('/api/v1/my/data-store', { fileId: scan, documentType: 'the-can-cuoc', title: 'Thẻ căn cước (bản chụp)', issuer: 'Cục Cảnh sát QLHC về TTXH', issuedOn: '2024-08-20', validUntil: '2030-05-14' })).body;
    expect(card.accepts).toContain('giay-to-tuy-than');
    const body = await submissionFor(an, lltp);
    const r = await an.post('/api/v1/dossiers', { ...body, documents: [{ code: 'giay-to-tuy-than', fileIds: [], storeItemIds: [card.id] }] });
    expect(r.status).toBe(201);
    expect(r.body.documents).toEqual([expect.objectContaining({
      documentCode: 'giay-to-tuy-than', fileId: card.file.id, source: 'store',
      origin: expect.objectContaining({ itemId: card.id, title: card.title, source: 'upload', issuer: card.issuer, validUntil: '2030-05-14' }),
    })]);
    const staff = await as(srv.base, 'catp.tiepnhan');
    const seen = (await staff.get(`/api/v1/dossiers/${r.body.id}`)).body;
    expect(seen.documents[0]).toMatchObject({ source: 'store', origin: { title: card.title, source: 'upload' } });
    const file = await staff.get(seen.documents[0].url);
    expect(file.status).toBe(200);
    expect((file.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    // Another citizen cannot use my item: reported like a missing one, nothing written.
    const before = await counts();
    const theirs = await submissionFor(binh, lltp, { fullName: 'Trần Thị Bình', idNumber: '001195006789' });
    const stolen = await binh.post('/api/v1/dossiers', { ...theirs, documents: [{ code: 'giay-to-tuy-than', fileIds: [], storeItemIds: [card.id] }] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors).toEqual([expect.objectContaining({ field: 'documents[0].storeItemIds[0]', message_vi: expect.stringContaining('kho dữ liệu') })]);
    // Nor by naming its file directly.
    const byFile = await binh.post('/api/v1/dossiers', { ...theirs, documents: [{ code: 'giay-to-tuy-than', fileIds: [card.file.id] }] });
    expect(byFile.status).toBe(400);
    expect(await counts()).toEqual(before);

    // Removing the item from the store leaves the filed dossier whole.
    expect((await an.call('DELETE', `/api/v1/my/data-store/${card.id}`)).status).toBe(200);
    const still = (await an.get(`/api/v1/dossiers/${r.body.id}`)).body;
    expect(still.documents[0]).toMatchObject({ source: 'store', origin: { title: card.title } });
    expect((await an.get(still.documents[0].url)).status).toBe(200);
  });

  it('takes store items in a supplement, and puts the signed e-result into the applicant\'s store', async () => {
    const extract = (await an.post('/api/v1/my/data-store', { fileId: await uploadOk(an, tinyPdf('khai sinh')), documentType: 'trich-luc-khai-sinh', title: 'Trích lục khai sinh' })).body;
    const d = (await an.post('/api/v1/dossiers', await submissionFor(an, lltp))).body;
    const desk = await as(srv.base, 'catp.tiepnhan');
    const officer = await as(srv.base, 'catp.canbo');
    await step(desk, d.id, 'receive');
    await step(desk, d.id, 'forward');
    await step(officer, d.id, 'request-supplement', { items: [{ name: 'Bản sao Giấy khai sinh', reason: 'Xác minh nơi sinh' }] });
    const resub = await step(an, d.id, 'resubmit', { documents: [{ code: 'giay-to-tuy-than', fileIds: [], storeItemIds: [extract.id] }] });
    expect(resub.documents.find((x: any) => x.fileId === extract.file.id)).toMatchObject({ source: 'store', origin: { title: extract.title } });
    await step(officer, d.id, 'forward');
    await step(await as(srv.base, 'catp.truongphong'), d.id, 'forward');
    const signer = await as(srv.base, 'catp.lanhdao');
    const resultFile = await uploadOk(signer, tinyPdf('phieu lltp'), 'phieu-ly-lich-tu-phap.pdf');
    const signed = await step(signer, d.id, 'sign', { resultFileIds: [resultFile] });
    expect(signed.documents.find((x: any) => x.documentCode === 'result')).toMatchObject({ source: 'result', fileId: resultFile });

    const result = (await store(an)).find((x) => x.file.id === resultFile);
    expect(result).toMatchObject({
      source: 'result', documentType: 'phieu-lltp', number: d.code, sourceDossier: { id: d.id, code: d.code },
      issuer: expect.stringContaining('Công an'), title: lltp.resultType,
    });
    expect((await an.get(result.url)).status).toBe(200);
    // The signer's file is not An's upload, yet as a store item it is his to reuse.
    expect((await an.get(`/api/v1/files/${resultFile}`)).status).toBe(404);
    const again = await an.post('/api/v1/dossiers', { ...(await submissionFor(an, lltp)), documents: [{ code: 'giay-to-mien-giam', fileIds: [], storeItemIds: [result.id] }] });
    expect(again.status).toBe(201);
    expect(again.body.documents[0]).toMatchObject({ source: 'store', origin: { source: 'result', sourceDossierCode: d.code } });
  });

  it('keeps scans made at the desk for a registered applicant in their store, not for anyone else', async () => {
    const desk = await as(srv.base, 'catp.tiepnhan');
    const walkIn = async (fullName: string, idNumber: string, dateOfBirth: string) => desk.post('/api/v1/dossiers', {
      procedureCode: lltp.code, form: sampleForm(lltp.form, { applicant: { fullName, idNumber, dateOfBirth } }),
      documents: [{ code: 'giay-to-tuy-than', fileIds: [await uploadOk(desk, tinyPdf(`cccd ${idNumber}`), `cccd-${idNumber}.pdf`)] }],
      applicant: { fullName, idNumber },
    });
    const before = (await store(binh)).length;
    const r = await walkIn('Trần Thị Bình', '001195006789', '1995-11-02');
    expect(r.status).toBe(201);
    expect(r.body.documents[0].source).toBe('desk');
    const items = await store(binh);
    expect(items).toHaveLength(before + 1);
    expect(items[0]).toMatchObject({ source: 'desk', documentType: 'the-can-cuoc', sourceDossier: { id: r.body.id, code: r.body.code }, file: { id: r.body.documents[0].fileId } });
    // Someone without an account: nothing is stored for them.
    const itemsBefore = (await counts()).items;
    expect((await walkIn('Phạm Thị Dung', '001185001122', '1985-02-03')).status).toBe(201);
    expect((await counts()).items).toBe(itemsBefore);
  });
});

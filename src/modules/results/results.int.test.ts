import crypto from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { findProcedure, step, submissionFor } from '../../../test/dossiers.ts';
import { tinyPdf, uploadOk } from '../../../test/fixtures.ts';
import { pdfToText } from '../slips/test-helpers.ts';
import { DemoCa } from './ca.ts';
import { renderResult } from './render.ts';
import { signPdf } from './sign.ts';
import { pdfsig, tamper } from './test-helpers.ts';

let srv: TestServer;
let an: Api;
let lltp: any;
beforeAll(async () => {
  srv = await startTestServer();
  an = await as(srv.base, '001090012345');
  lltp = await findProcedure(an, 'lý lịch tư pháp');
});
afterAll(() => srv?.stop());

/** Takes An's LLTP dossier to the signature; the signer uploads no file, so the e-result is issued. */
async function signedDossier(body: Record<string, unknown> = {}) {
  const d = (await an.post('/api/v1/dossiers', await submissionFor(an, lltp))).body;
  const desk = await as(srv.base, 'catp.tiepnhan');
  await step(desk, d.id, 'receive');
  await step(desk, d.id, 'forward');
  await step(await as(srv.base, 'catp.canbo'), d.id, 'forward');
  await step(await as(srv.base, 'catp.truongphong'), d.id, 'forward');
  const signer = await as(srv.base, 'catp.lanhdao');
  const signed = await step(signer, d.id, 'sign', body);
  return { d, signed, signer };
}

async function resultOf(api: Api, dossierId: string) {
  const r = await api.get(`/api/v1/results?dossierId=${dossierId}`);
  expect(r.status).toBe(200);
  return r.body.items as any[];
}

async function multipart(api: Api, url: string, bytes: Buffer) {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'ket-qua.pdf');
  const res = await fetch(`${srv.base}${url}`, { method: 'POST', body: fd, headers: api.token ? { authorization: `Bearer ${api.token}` } : {} });
  return { status: res.status, body: await res.json() as any };
}

describe(`electronic results (${inject('pgKind')})`, () => {
  let issued: { d: any; signed: any; signer: Api };
  let result: any;
  let pdf: Buffer;

  beforeAll(async () => {
    issued = await signedDossier();
    [result] = await resultOf(an, issued.d.id);
    const doc = issued.signed.documents.find((x: any) => x.documentCode === 'result');
    expect(doc).toMatchObject({ source: 'result', fileId: result.fileId });
    // The citizen downloads it from the data store (the signer's file is not hers through /files).
    const item = (await an.get('/api/v1/my/data-store')).body.items.find((x: any) => x.file.id === result.fileId);
    expect(item).toMatchObject({ source: 'result', documentType: 'phieu-lltp', number: issued.d.code, sourceDossier: { id: issued.d.id } });
    const file = await an.get(item.url);
    expect(file.status).toBe(200);
    pdf = file.body as Buffer;
  });

  it('issues a PAdES B-B PDF that pdfsig reports validly signed by the agency, and invalid after one byte changes', () => {
    const report = pdfsig(pdf);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Công an thành phố Hà Nội');
    expect(report).toContain('Total document signed');
    // The CA and the agency key were made on first use under DATA_DIR, readable by the server's user only.
    expect(statSync(join(srv.dataDir, 'pki', 'ca.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(srv.dataDir, 'pki', 'agencies'))).toHaveLength(1);

    // Change one byte inside the signed content (the page text stream, before the signature hole).
    const bad = pdfsig(tamper(pdf));
    expect(bad).not.toContain('Signature is Valid.');
    expect(bad).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it('prints the Vietnamese text, the applicant, the signature block and the verification code', () => {
    const { text, flat } = pdfToText(pdf);
    // The judicial-record template: titled with the kind of Phiếu asked for on the form.
    expect(result.title).toMatch(/^Phiếu lý lịch tư pháp số [12]$/);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'CÔNG AN THÀNH PHỐ HÀ NỘI', result.title.toLocaleUpperCase('vi'), 'Căn cứ Luật Lý lịch tư pháp', '1. Thông tin về nhân thân', '2. Tình trạng án tích', 'Nguyễn Văn An', '001090012345', issued.d.code, '(Đã ký số)']) {
      expect(flat).toContain(s);
    }
    // The block stored at signing (the deputy director signs "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"), then the name.
    for (const line of issued.signed.signature.lines) expect(text).toContain(line);
    expect(text).toContain(issued.signed.signature.signer.name);
    expect(flat).toContain(result.code);
    expect(flat).toContain(`http://motcua.test/xac-thuc/${result.code}`);
  });

  it('verifies publicly by id or code: valid, then REVOKED after the signer revokes it with a reason', async () => {
    const anon = new Api(srv.base);
    const byCode = await anon.get(`/api/v1/public/results/${result.code}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({
      status: 'valid', authentic: true, unaltered: true, revoked: null, dossierCode: issued.d.code, applicant: 'N. V. An',
      issuer: 'Công an thành phố Hà Nội', title: result.title, signatureLines: issued.signed.signature.lines,
      signatureType: 'ETSI.CAdES.detached', pades: true,
    });
    expect((await anon.get(`/api/v1/public/results/${result.id}`)).body.status).toBe('valid');
    expect((await anon.get('/api/v1/public/results/KQ-AAAA-BBBB-CCCC')).status).toBe(404);

    // Only the issuing agency's signing authority or supervisor may revoke.
    const reason = 'Cấp nhầm thông tin nơi sinh';
    for (const who of ['001090012345', 'catp.canbo', 'catp.tiepnhan']) {
      expect((await (await as(srv.base, who)).post(`/api/v1/results/${result.id}/revoke`, { reason })).status).toBe(403);
    }
    for (const who of ['ca.badinh.truongca', 'badinh.chutich']) {
      expect((await (await as(srv.base, who)).post(`/api/v1/results/${result.id}/revoke`, { reason })).status).toBe(404);
    }
    expect((await anon.get(`/api/v1/public/results/${result.code}`)).body.status).toBe('valid');
    const r = await issued.signer.post(`/api/v1/results/${result.id}/revoke`, { reason });
    expect(r.status).toBe(200);
    expect(r.body.revoked).toMatchObject({ reason, by: 'Trần Văn Hùng' });
    const after = (await anon.get(`/api/v1/public/results/${result.code}`)).body;
    expect(after).toMatchObject({ status: 'revoked', authentic: true, unaltered: true, revoked: { reason } });
    expect((await (await as(srv.base, 'catp.giamsat')).post(`/api/v1/results/${result.id}/revoke`, { reason })).status).toBe(409);
  });

  it('answers upload-to-verify: the issued file matches, a changed or foreign file does not', async () => {
    const anon = new Api(srv.base);
    const same = await multipart(anon, '/api/v1/public/results/verify', pdf);
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ signatureValid: true, issuedByMotcua: true, matchesIssued: true, signer: 'Công an thành phố Hà Nội', signatureType: 'ETSI.CAdES.detached', pades: true, result: { code: result.code } });
    const tampered = Buffer.from(pdf);
    tampered[pdf.indexOf('stream') + 30] ^= 0x01;
    const changed = await multipart(anon, '/api/v1/public/results/verify', tampered);
    expect(changed.body).toMatchObject({ signatureValid: false, matchesIssued: false, result: null });
    const foreign = await multipart(anon, '/api/v1/public/results/verify', tinyPdf('khong ky'));
    expect(foreign.body).toMatchObject({ signatureValid: false, issuedByMotcua: false, matchesIssued: false });
  });

  it('says "altered" when the stored copy no longer matches its signature', async () => {
    const { d } = await signedDossier();
    const [r] = await resultOf(an, d.id);
    const row = await srv.ctx.db.selectFrom('issued_result').select(['storage_key']).where('id', '=', r.id).executeTakeFirstOrThrow();
    const file = join(srv.dataDir, 'files', row.storage_key);
    const bytes = readFileSync(file);
    bytes[bytes.indexOf('stream') + 30] ^= 0x01;
    writeFileSync(file, bytes);
    expect((await new Api(srv.base).get(`/api/v1/public/results/${r.code}`)).body).toMatchObject({ status: 'altered', unaltered: false });
  });

  it('still verifies a result issued before PAdES (adbe.pkcs7.detached), stored and uploaded', async () => {
    const { d } = await signedDossier();
    const [r] = await resultOf(an, d.id);
    const row = await srv.ctx.db.selectFrom('issued_result').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    // What the earlier code stored: the same kind of document signed by the same agency key as PKCS#7.
    const agency = new DemoCa(srv.dataDir).signerFor({ id: row.agency_id, name: row.agency_name, province: 'Hà Nội' });
    const old = await signPdf(await renderResult({
      procedureCode: row.procedure_code, procedureName: lltp.name, title: row.title, dossierCode: row.dossier_code, applicantName: row.applicant_name,
      form: {}, agency: { name: row.agency_name, province: 'Hà Nội' }, signatureLines: row.signature_lines as string[], signerName: row.signer_name,
      issuedAt: row.issued_at, verifyCode: row.code, verifyUrl: r.verifyUrl,
    }), agency, { reason: row.title, location: 'Hà Nội', name: row.agency_name, contactInfo: r.verifyUrl, signingTime: row.issued_at }, 'pkcs7');
    expect(pdfsig(old)).toContain('Signature Type: adbe.pkcs7.detached');
    writeFileSync(join(srv.dataDir, 'files', row.storage_key), old);
    await srv.ctx.db.updateTable('issued_result').set({ sha256: crypto.createHash('sha256').update(old).digest('hex'), size: old.length }).where('id', '=', r.id).execute();
    const anon = new Api(srv.base);
    expect((await anon.get(`/api/v1/public/results/${r.code}`)).body).toMatchObject({ status: 'valid', authentic: true, unaltered: true, signatureType: 'adbe.pkcs7.detached', pades: false });
    expect((await multipart(anon, '/api/v1/public/results/verify', old)).body).toMatchObject({ signatureValid: true, issuedByMotcua: true, matchesIssued: true, signatureType: 'adbe.pkcs7.detached', result: { code: r.code, status: 'valid' } });
  });

  it('keeps an uploaded result file as the result (no e-result issued then)', async () => {
    const signer = await as(srv.base, 'catp.lanhdao');
    const resultFile = await uploadOk(signer, tinyPdf('phieu lltp'), 'phieu-ly-lich-tu-phap.pdf');
    const { d, signed } = await signedDossier({ resultFileIds: [resultFile] });
    expect(signed.documents.filter((x: any) => x.documentCode === 'result').map((x: any) => x.fileId)).toEqual([resultFile]);
    expect(await resultOf(an, d.id)).toEqual([]);
  });

  it('lists a dossier\'s results only to those who may see the dossier', async () => {
    expect((await (await as(srv.base, '001195006789')).get(`/api/v1/results?dossierId=${issued.d.id}`)).status).toBe(404);
    expect((await (await as(srv.base, 'badinh.tiepnhan')).get(`/api/v1/results?dossierId=${issued.d.id}`)).status).toBe(404);
    expect((await resultOf(await as(srv.base, 'catp.tiepnhan'), issued.d.id)).map((x) => x.id)).toEqual([result.id]);
  });
});

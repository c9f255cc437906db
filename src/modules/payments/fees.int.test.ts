import { describe, expect, it } from 'vitest';
import { as } from '../../../test/server.ts';
import { AN, findProcedure, step, submissionFor, useDossierSuite } from '../../../test/dossiers.ts';
import { uploadOk } from '../../../test/fixtures.ts';
import { render } from '../notifications/templates.ts';
import { s10CheckDigit, s10Problems } from '../dossiers/postal.ts';

const s = useDossierSuite();
const CA_BADINH = '000.04.02.H26';
const RESIDENCE = '1.004222'; // đăng ký thường trú: 20.000 đ at the desk, 10.000 đ online; 0 đồng online (policy) until 2026-12-31
const LICENCE = '3.000347'; // đổi giấy phép lái xe: 135.000 đ at the desk, 115.000 đ online
const PERMIT = '1.013225'; // giấy phép xây dựng: 75.000 đ
const BY_POST = 'Qua dịch vụ bưu chính công ích';

const quote = (code: string, q: string) => s.citizen.get(`/api/v1/procedures/${code}/fee-quote?${q}`);

describe('fee quote: fee rows, online discount, "0 đồng" policy, exemptions (dated data)', () => {
  it('online discount: the online amount of each row, the desk amount in person', async () => {
    const online = await quote(LICENCE, 'channel=online&onDate=2026-11-20');
    expect(online.status).toBe(200);
    expect(online.body).toMatchObject({ procedureCode: LICENCE, channel: 'online', subtotal: 135000, onlineDiscount: 20000, policy: null, exemption: null, total: 115000 });
    expect(online.body.rows[0]).toMatchObject({ amount: 135000, onlineDiscount: 20000, waived: 0, due: 115000 });
    const desk = await quote(LICENCE, 'channel=in_person&onDate=2026-11-20');
    expect(desk.body).toMatchObject({ subtotal: 135000, onlineDiscount: 0, total: 135000 });
  });

  it('"0 đồng" online: waived while the policy is in force, charged before and after its dates, never at the desk', async () => {
    const inForce = (await quote(RESIDENCE, 'channel=online&onDate=2026-11-20')).body;
    expect(inForce).toMatchObject({ subtotal: 20000, onlineDiscount: 10000, total: 0 });
    expect(inForce.policy).toMatchObject({ code: 'HN-0D-TRUCTUYEN-HT-CT', waived: 10000, effectiveTo: '2026-12-31' });
    expect(inForce.policy.basis).toContain('HĐND Thành phố Hà Nội');
    const after = (await quote(RESIDENCE, 'channel=online&onDate=2027-01-01')).body;
    expect(after).toMatchObject({ policy: null, total: 10000 });
    expect((await quote(RESIDENCE, 'channel=in_person&onDate=2026-11-20')).body).toMatchObject({ policy: null, total: 20000 });
    // A campaign waiving every procedure online during September 2026 only.
    expect((await quote(LICENCE, 'channel=online&onDate=2026-09-15')).body).toMatchObject({ total: 0, policy: { code: 'HN-0D-TRUCTUYEN-DOT-2026-09', waived: 115000 } });
    expect((await quote(LICENCE, 'channel=online&onDate=2026-10-01')).body).toMatchObject({ total: 115000, policy: null });
  });

  it('exemptions: miễn 100 %, giảm 50 %, offered per procedure; unknown, expired or not applicable → 422', async () => {
    const poor = (await quote(RESIDENCE, 'channel=in_person&exemption=ho-ngheo&onDate=2026-11-20')).body;
    expect(poor).toMatchObject({ total: 0, exemption: { code: 'ho-ngheo', percent: 100, amount: 20000 } });
    expect(poor.exemption.proof.name).toContain('hộ nghèo');
    expect(poor.exemptionsAvailable.map((x: any) => x.code)).toEqual(expect.arrayContaining(['nguoi-co-cong', 'ho-ngheo', 'dtts-xa-dbkk', 'tre-em-duoi-6']));
    const half = (await quote(PERMIT, 'channel=in_person&exemption=ho-can-ngheo&onDate=2026-11-20')).body;
    expect(half).toMatchObject({ subtotal: 75000, total: 37500, exemption: { percent: 50, amount: 37500 } });
    for (const [code, ex, msg] of [[RESIDENCE, 'khong-co', 'no exemption'], [PERMIT, 'ho-ngheo-gpxd-2025', 'not in force'], [LICENCE, 'nguoi-co-cong', 'does not apply']]) {
      const r = await quote(code, `channel=in_person&exemption=${ex}&onDate=2026-11-20`);
      expect(r.status).toBe(422);
      expect(r.body.errors[0].field).toBe('exemption');
      expect(r.body.errors[0].message_en).toContain(msg);
      expect(r.body.message_vi).toBeTruthy();
    }
    // In force on its dates: the 2025 programme still applied then.
    expect((await quote(PERMIT, 'channel=in_person&exemption=ho-ngheo-gpxd-2025&onDate=2025-10-01')).body.total).toBe(0);
    expect((await quote('9.999999', 'channel=online')).status).toBe(404);
  });
});

describe('submission: fee breakdown stored, exemption claimed with its proof, delivery by post', () => {
  it('stores the breakdown and the exemption claim (officials see it, with the proof document)', async () => {
    const proc = await findProcedure(s.citizen, 'đăng ký thường trú');
    expect(proc.code).toBe(RESIDENCE);
    const body = await submissionFor(s.citizen, proc);
    const proof = await uploadOk(s.citizen);
    const r = await s.citizen.post('/api/v1/dossiers', { ...body, agencyCode: CA_BADINH, form: { ...body.form, resultDelivery: 'Nhận trực tiếp tại Công an xã/phường' }, exemption: { code: 'ho-ngheo', proofFileIds: [proof] } });
    expect(r.status).toBe(201);
    expect(r.body.feeAmount).toBe(0);
    expect(r.body.feeQuote).toMatchObject({ channel: 'online', subtotal: 20000, total: 0, claim: { code: 'ho-ngheo' } });
    expect(r.body.delivery).toMatchObject({ method: 'in_person', address: null });
    const desk = await as(s.srv.base, 'ca.badinh.tiepnhan');
    const seen = (await desk.get(`/api/v1/dossiers/${r.body.id}`)).body;
    expect(seen.feeQuote.exemption).toMatchObject({ code: 'ho-ngheo', percent: 100 });
    const doc = seen.documents.find((d: any) => d.documentCode === 'fee-exemption-proof');
    expect(doc).toMatchObject({ fileId: proof, documentName: 'Giấy tờ chứng minh thuộc diện miễn, giảm phí, lệ phí' });
  });

  it('refuses an unknown, expired or inapplicable exemption with 422 and writes nothing; a claim without proof is 400', async () => {
    const proc = await findProcedure(s.citizen, 'đăng ký thường trú');
    const before = (await s.citizen.get('/api/v1/my/dossiers?limit=200')).body.items.length;
    const body = { ...(await submissionFor(s.citizen, proc)), agencyCode: CA_BADINH };
    const proof = await uploadOk(s.citizen);
    for (const code of ['khong-co', 'ho-ngheo-gpxd-2025', 'ho-can-ngheo']) {
      const r = await s.citizen.post('/api/v1/dossiers', { ...body, exemption: { code, proofFileIds: [proof] } });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('exemption_not_applicable');
      expect(r.body.errors[0].field).toBe('exemption.code');
    }
    const noProof = await s.citizen.post('/api/v1/dossiers', { ...body, exemption: { code: 'ho-ngheo' } });
    expect(noProof.status).toBe(400);
    expect(noProof.body.errors.map((e: any) => e.field)).toContain('exemption.proofFileIds');
    expect((await s.citizen.get('/api/v1/my/dossiers?limit=200')).body.items.length).toBe(before);
  });

  it('by post needs an address; request_payment defaults to the quoted fee; return by post needs a valid S10 number, shown to the citizen and in the message', async () => {
    const proc = await findProcedure(s.citizen, 'đổi giấy phép lái xe');
    expect(proc.code).toBe(LICENCE);
    const body = await submissionFor(s.citizen, proc);
    const form: Record<string, any> = { ...body.form, resultDelivery: BY_POST };
    const noAddress = await s.citizen.post('/api/v1/dossiers', { ...body, form: { ...form, applicant: { ...(form.applicant as object), address: undefined } } });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.errors.map((e: any) => e.field)).toContain('delivery.address');
    // No address given: the applicant's contact address in the form is used.
    const contact = (form.applicant as any).address;
    expect(contact).toBeTruthy();
    const fallback = await s.citizen.post('/api/v1/dossiers', { ...body, form });
    expect(fallback.status).toBe(201);
    expect(fallback.body.delivery).toMatchObject({ method: 'post', address: contact });
    const address = 'Số 12 ngõ 34 phố Đội Cấn, phường Ba Đình, Hà Nội';
    const r = await s.citizen.post('/api/v1/dossiers', { ...body, form, delivery: { address } });
    expect(r.status).toBe(201);
    expect(r.body.delivery).toMatchObject({ method: 'post', choice: BY_POST, address, recipient: AN.fullName });
    expect(r.body.feeQuote.total).toBe(115000);
    const id = r.body.id as string;

    const desk = await as(s.srv.base, 'catp.tiepnhan');
    const officer = await as(s.srv.base, 'catp.canbo');
    const head = await as(s.srv.base, 'catp.truongphong');
    const director = await as(s.srv.base, 'catp.lanhdao');
    await step(desk, id, 'receive');
    await step(desk, id, 'forward');
    const asked = await step(officer, id, 'request-payment', {});
    expect(asked).toMatchObject({ status: 6, feeAmount: 115000 });
    await step(desk, id, 'confirm-payment', { method: 'cash' });
    await step(officer, id, 'forward');
    await step(head, id, 'forward');
    await step(director, id, 'sign', { resultFileIds: [await uploadOk(director)] });

    const cur = (await desk.get(`/api/v1/dossiers/${id}`)).body;
    const missing = await desk.post(`/api/v1/dossiers/${id}/return`, { version: cur.version, method: 'post' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('trackingNo');
    const badDigit = await desk.post(`/api/v1/dossiers/${id}/return`, { version: cur.version, method: 'post', trackingNo: 'EB123456789VN' });
    expect(badDigit.status).toBe(422);
    expect(badDigit.body.errors[0]).toMatchObject({ field: 'trackingNo' });
    expect(badDigit.body.errors[0].message_en).toContain('check digit');
    expect((await desk.post(`/api/v1/dossiers/${id}/return`, { version: cur.version, method: 'post', trackingNo: 'EB12345678VN' })).status).toBe(422);
    expect((await desk.get(`/api/v1/dossiers/${id}`)).body.version).toBe(cur.version);

    const returned = await step(desk, id, 'return', { method: 'post', trackingNo: 'eb123456785vn' });
    expect(returned.status).toBe(10);
    const mine = (await s.citizen.get(`/api/v1/dossiers/${id}`)).body;
    expect(mine.delivery).toMatchObject({ method: 'post', trackingNo: 'EB123456785VN', carrier: 'vnpost', address });
    expect(mine.delivery.trackingUrl).toContain('EB123456785VN');
    expect(mine.tracking.find((a: any) => a.action === 'return').data).toMatchObject({ method: 'post', trackingNo: 'EB123456785VN' });

    // The applicant's message says where the result went and how to follow it.
    const rows = await s.srv.ctx.db.selectFrom('notification_outbox').selectAll().where('dossier_id', '=', id).where('event', '=', 'result_posted').execute();
    expect(rows.map((x) => x.channel).sort()).toEqual(expect.arrayContaining(['inapp']));
    for (const row of rows) {
      const msg = await render(s.srv.ctx.db, 'result_posted', row.channel, row.params as any, 'https://dichvucong.example');
      expect(msg.bodyVi).toContain('EB123456785VN');
      expect(msg.bodyVi).toContain(mine.delivery.trackingUrl);
    }
  });
});

describe('UPU S10 tracking numbers', () => {
  it('checks the format and the check digit (weights 8 6 4 2 3 5 9 7; 10 → 0, 11 → 5)', () => {
    expect(s10CheckDigit('47312482')).toBe(9); // RR473124829GB, the UPU example
    expect(s10Problems('RR473124829GB')).toEqual([]);
    expect(s10Problems('EB123456785VN')).toEqual([]);
    expect(s10Problems('EB123456789VN')[0].message_en).toContain('check digit');
    expect(s10Problems('E1234567890VN')).toHaveLength(1);
    expect(s10CheckDigit('00000000')).toBe(5);
  });
});

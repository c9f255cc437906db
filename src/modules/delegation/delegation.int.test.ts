import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { AN, step, submit } from '../../../test/dossiers.ts';
import { signatureLines } from './signature.ts';

const CATP = '000.00.11.H26';
const CA_BADINH = '000.04.02.H26';
const UB_BADINH = '000.04.01.H26';

let srv: TestServer;
let citizen: Api;
let admin: Api;

const TZ = 7 * 3600_000;
const day = (offset: number) => new Date(Date.now() + TZ + offset * 86_400_000).toISOString().slice(0, 10);
const proc = async (code: string) => (await citizen.get(`/api/v1/procedures/${code}`)).body;

beforeAll(async () => {
  srv = await startTestServer();
  citizen = await as(srv.base, AN.idNumber);
  admin = await as(srv.base, 'admin');
});
afterAll(() => srv?.stop());

/** Takes a dossier from submission to signature with the given officials (desk, processing, head, signer). */
async function processToSign(id: string, desk: Api, officer: Api, head: Api, signer: Api) {
  await step(desk, id, 'receive');
  await step(desk, id, 'forward');
  await step(officer, id, 'forward');
  await step(head, id, 'forward');
  return step(signer, id, 'sign');
}

describe(`delegation of authority routes new dossiers (${inject('pgKind')})`, () => {
  it('routes an online dossier by the delegation in force and records its decision number', async () => {
    const list = await citizen.get(`/api/v1/delegations?procedureCode=2.001194&state=in_force`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ decisionNo: '1250/QĐ-CAHN-PC06', authority: { code: CATP }, delegate: { code: CA_BADINH } });

    const r = await submit(citizen, await proc('2.001194'));
    expect(r.status).toBe(201);
    // The legally deciding agency is the city police; the delegation sends the dossier to the ward police.
    expect(r.body.agency.code).toBe(CA_BADINH);
    expect(r.body.code.startsWith(CA_BADINH)).toBe(true);
    expect(r.body.delegation).toMatchObject({ decisionNo: '1250/QĐ-CAHN-PC06', authority: { code: CATP } });
    const seen = await citizen.get(`/api/v1/dossiers/${r.body.id}`);
    expect(seen.body.tracking[0].data.delegation.decisionNo).toBe('1250/QĐ-CAHN-PC06');
    // The ward police desk sees it; the city police desk does not.
    expect((await (await as(srv.base, 'ca.badinh.tiepnhan')).get('/api/v1/inbox')).body.items.map((x: any) => x.code)).toContain(r.body.code);
    expect((await (await as(srv.base, 'catp.tiepnhan')).get('/api/v1/inbox')).body.items.map((x: any) => x.code)).not.toContain(r.body.code);
  });

  it('follows the window: not before it starts, not after it ends, not once revoked', async () => {
    const base = { authorityCode: CATP, delegateCode: CA_BADINH, decisionDate: day(-30), signer: 'Giám đốc Công an thành phố', conditions: 'Kiểm thử' };
    // Starts tomorrow: today's dossier stays with the city police.
    const future = await admin.post('/api/v1/delegations', { ...base, procedureCodes: ['3.000347'], validFrom: day(1), validTo: day(60), decisionNo: 'T-1/QĐ' });
    expect(future.status).toBe(201);
    expect(future.body.state).toBe('scheduled');
    expect((await submit(citizen, await proc('3.000347'))).body.agency.code).toBe(CATP);
    // Ended yesterday: back with the city police.
    const past = await admin.post('/api/v1/delegations', { ...base, procedureCodes: ['3.000333'], validFrom: day(-20), validTo: day(-1), decisionNo: 'T-2/QĐ' });
    expect(past.status).toBe(201);
    expect(past.body.state).toBe('ended');
    const pp = await submit(citizen, await proc('3.000333'));
    expect(pp.body.agency?.code, JSON.stringify(pp.body)).toBe(CATP);
    // In force today (last day today, inclusive) → delegate; revoked → the authority again, record kept.
    const now = await admin.post('/api/v1/delegations', { ...base, procedureCodes: ['2.001195'], validFrom: day(-5), validTo: day(0), decisionNo: 'T-3/QĐ' });
    expect(now.status).toBe(201);
    const during = await submit(citizen, await proc('2.001195'));
    expect(during.body.agency.code).toBe(CA_BADINH);
    expect(during.body.delegation.decisionNo).toBe('T-3/QĐ');
    const rev = await admin.post(`/api/v1/delegations/${now.body.id}/revoke`, { reason: 'Kết thúc thí điểm sớm' });
    expect(rev.status).toBe(200);
    expect(rev.body).toMatchObject({ state: 'revoked', validTo: day(-1), plannedValidTo: day(0), revokeReason: 'Kết thúc thí điểm sớm' });
    const after = await submit(citizen, await proc('2.001195'));
    expect(after.body.agency.code).toBe(CATP);
    expect(after.body.delegation).toBeNull();
    expect((await citizen.get(`/api/v1/delegations/${now.body.id}`)).body.decisionNo).toBe('T-3/QĐ');
    // The dossier routed while it was in force stays where it went.
    expect((await citizen.get(`/api/v1/dossiers/${during.body.id}`)).body.agency.code).toBe(CA_BADINH);
  });

  it('refuses overlaps, self-delegation, disordered dates, a non-deciding authority and non-administrators', async () => {
    const base = { authorityCode: CATP, delegateCode: CA_BADINH, decisionDate: day(-3), signer: 'Giám đốc', decisionNo: 'T-9/QĐ' };
    const overlap = await admin.post('/api/v1/delegations', { ...base, procedureCodes: ['2.001194'], validFrom: day(10), validTo: day(20) });
    expect(overlap.status).toBe(409);
    expect(overlap.body.message_vi).toContain('1250/QĐ-CAHN-PC06');
    // A whole field that contains the delegated procedure overlaps as well.
    expect((await admin.post('/api/v1/delegations', { ...base, procedureCodes: [], fieldCode: 'can-cuoc', validFrom: day(0) })).status).toBe(409);
    const self = await admin.post('/api/v1/delegations', { ...base, delegateCode: CATP, procedureCodes: ['1.000377'], validFrom: day(0) });
    expect(self.status).toBe(400);
    expect(self.body.errors.map((e: any) => e.field)).toContain('delegateCode');
    const dates = await admin.post('/api/v1/delegations', { ...base, procedureCodes: ['3.000347'], validFrom: day(5), validTo: day(2) });
    expect(dates.body.errors.map((e: any) => e.field)).toContain('validTo');
    const notDecider = await admin.post('/api/v1/delegations', { ...base, authorityCode: UB_BADINH, procedureCodes: ['1.000377'], validFrom: day(0) });
    expect(notDecider.body.errors.map((e: any) => e.field)).toContain('procedureCodes[0]');
    const officer = await as(srv.base, 'catp.lanhdao');
    expect((await officer.post('/api/v1/delegations', { ...base, procedureCodes: ['1.000377'], validFrom: day(0) })).status).toBe(403);
    const revoke = await officer.post(`/api/v1/delegations/${(await citizen.get('/api/v1/delegations?procedureCode=2.001194')).body.items[0].id}/revoke`, { reason: 'x' });
    expect(revoke.status).toBe(403);
  });
});

describe('signature formulas (Decree 30/2020/NĐ-CP)', () => {
  const ubnd = { name: 'Ủy ban nhân dân phường Ba Đình', headTitle: 'Chủ tịch', headTitleFull: 'Chủ tịch Ủy ban nhân dân phường Ba Đình', collective: true };
  const so = { name: 'Sở Tư pháp thành phố Hà Nội', headTitle: 'Giám đốc', headTitleFull: 'Giám đốc Sở Tư pháp thành phố Hà Nội', collective: false };
  it('collective body: TM. above the chair, or above KT. for a vice-chair', () => {
    expect(signatureLines({ agency: ubnd, position: 'head', signerTitle: null }).lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signatureLines({ agency: ubnd, position: 'deputy', signerTitle: null })).toEqual({ kind: 'TM', lines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] });
  });
  it('head-led agency: the head signs in their own name; a deputy signs KT.', () => {
    expect(signatureLines({ agency: so, position: 'head', signerTitle: null })).toEqual({ kind: 'own', lines: ['GIÁM ĐỐC'] });
    expect(signatureLines({ agency: so, position: 'deputy', signerTitle: null })).toEqual({ kind: 'KT', lines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] });
  });
  it('under delegation: TUQ. the delegating head above the signer\'s own qualified title', () => {
    const del = 'Chủ tịch Ủy ban nhân dân thành phố Hà Nội';
    expect(signatureLines({ agency: so, position: 'head', signerTitle: null, delegatingHeadTitle: del }))
      .toEqual({ kind: 'TUQ', lines: ['TUQ. CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI', 'GIÁM ĐỐC SỞ TƯ PHÁP THÀNH PHỐ HÀ NỘI'] });
    expect(signatureLines({ agency: so, position: 'deputy', signerTitle: null, delegatingHeadTitle: del }).lines)
      .toEqual(['TUQ. CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI', 'KT. GIÁM ĐỐC SỞ TƯ PHÁP THÀNH PHỐ HÀ NỘI', 'PHÓ GIÁM ĐỐC']);
    // A unit head signing through the head's personal delegation: TUQ. (Art. 13(3)).
    expect(signatureLines({ agency: so, position: null, signerTitle: 'Trưởng phòng Hành chính tư pháp', onBehalf: true }).lines)
      .toEqual(['TUQ. GIÁM ĐỐC', 'TRƯỞNG PHÒNG HÀNH CHÍNH TƯ PHÁP']);
  });

  it('is computed at signing, stored on the dossier and in the action, for TUQ., KT. and TM.', async () => {
    // TUQ.: the ward police head signs a card re-issue delegated by the city police.
    const d1 = (await submit(citizen, await proc('2.001194'))).body;
    const cab = await Promise.all(['ca.badinh.tiepnhan', 'ca.badinh.canbo', 'ca.badinh.canbo', 'ca.badinh.truongca'].map((u) => as(srv.base, u)));
    const s1 = await processToSign(d1.id, cab[0], cab[1], cab[2], cab[3]);
    expect(s1.signature).toMatchObject({ kind: 'TUQ', lines: ['TUQ. GIÁM ĐỐC CÔNG AN THÀNH PHỐ HÀ NỘI', 'TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH'], delegation: { decisionNo: '1250/QĐ-CAHN-PC06' }, signer: { name: 'Trịnh Quốc Bảo' } });
    const log = (await citizen.get(`/api/v1/dossiers/${d1.id}`)).body;
    expect(log.signature.lines).toEqual(s1.signature.lines);
    expect(log.tracking.find((r: any) => r.action === 'sign').data.signature.lines).toEqual(s1.signature.lines);

    // KT.: the city police deputy director signs a judicial-record certificate.
    const d2 = (await submit(citizen, await proc('3.000333'))).body;
    const ca = await Promise.all(['catp.tiepnhan', 'catp.canbo', 'catp.truongphong', 'catp.lanhdao'].map((u) => as(srv.base, u)));
    expect((await processToSign(d2.id, ca[0], ca[1], ca[2], ca[3])).signature).toMatchObject({ kind: 'KT', lines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] });

    // TM.: the ward People's Committee vice-chair signs a marital-status certificate.
    const d3 = (await submit(citizen, await proc('1.004873'), { agencyCode: UB_BADINH })).body;
    const ub = await Promise.all(['badinh.tiepnhan', 'badinh.chuyenvien', 'badinh.truongphong', 'badinh.chutich'].map((u) => as(srv.base, u)));
    expect((await processToSign(d3.id, ub[0], ub[1], ub[2], ub[3])).signature.lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });
});

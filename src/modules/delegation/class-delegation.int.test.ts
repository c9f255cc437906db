import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { AN, step, submissionFor } from '../../../test/dossiers.ts';

// "The level closest to the people decides": a department delegates a procedure to EVERY ward
// People's Committee and the applicant files at the ward where they live.
const SO_GDDT = '000.00.07.H26';
const SO_NOIVU = '000.00.10.H26';
const SO_NNMT = '000.00.04.H26';
const SO_TAICHINH = '000.00.05.H26';
const UB_BADINH = '000.04.01.H26';
const CA_BADINH = '000.04.02.H26';
const TRANSFER = '2.002854'; // school transfer, seeded as delegated to every ward People's Committee
const SEEDED = '3125/QĐ-SGDĐT';

let srv: TestServer;
let citizen: Api;
let admin: Api;
let wards: { code: string; name: string }[];

const TZ = 7 * 3600_000;
const day = (offset: number) => new Date(Date.now() + TZ + offset * 86_400_000).toISOString().slice(0, 10);
const proc = async (code: string) => (await citizen.get(`/api/v1/procedures/${code}`)).body;
const everyWard = { sector: 'people_committee', level: 'commune' };

// Answers the sample-form generator cannot guess (patterns).
const FIX: Record<string, (f: any) => void> = {
  [TRANSFER]: (f) => { f.schoolYear = '2026-2027'; },
  '1.001978': (f) => { f.bankAccount.accountNumber = '0123456789'; },
  '1.013831': (f) => { f.certificate.serial = 'AB123456'; },
};
async function submit(api: Api, p: any, extra: Record<string, unknown> = {}) {
  const body = await submissionFor(api, p);
  FIX[p.code]?.(body.form);
  return api.post('/api/v1/dossiers', { ...body, ...extra });
}

beforeAll(async () => {
  srv = await startTestServer();
  citizen = await as(srv.base, AN.idNumber);
  admin = await as(srv.base, 'admin');
  wards = (await citizen.get('/api/v1/agencies?sector=people_committee&level=commune')).body.items;
});
afterAll(() => srv?.stop());

describe(`delegation to every ward People's Committee (${inject('pgKind')})`, () => {
  it('is published for the procedure with the delegates to choose from and the hint', async () => {
    const r = await citizen.get(`/api/v1/delegations/in-force?procedureCode=${TRANSFER}`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({
      decisionNo: SEEDED, authority: { code: SO_GDDT }, state: 'in_force',
      delegate: { code: '', name: 'Tất cả Ủy ban nhân dân cấp xã' },
      delegateClass: { sector: 'people_committee', level: 'commune', agencies: null, count: wards.length },
    });
    expect(r.body.delegates.map((a: any) => a.code)).toEqual(wards.map((w) => w.code));
    expect(r.body.hint.vi).toBe('Thủ tục đã được ủy quyền cho UBND cấp xã: chọn UBND phường/xã nơi bạn cư trú');
    // A ward finds the decision among its delegations; a single delegation has no choice to make.
    expect((await citizen.get(`/api/v1/delegations?delegateCode=${UB_BADINH}`)).body.items.map((d: any) => d.decisionNo)).toContain(SEEDED);
    expect((await citizen.get(`/api/v1/delegations?delegateCode=${CA_BADINH}`)).body.items.map((d: any) => d.decisionNo)).not.toContain(SEEDED);
    const single = (await citizen.get('/api/v1/delegations/in-force?procedureCode=2.001194')).body;
    expect(single).toMatchObject({ items: [{ decisionNo: '1250/QĐ-CAHN-PC06', delegate: { code: CA_BADINH }, delegateClass: null }], delegates: null, hint: null });
    expect((await citizen.get('/api/v1/delegations/in-force?procedureCode=9.999999')).status).toBe(404);
  });

  it('routes to the ward the applicant chooses, and records the decision', async () => {
    const p = await proc(TRANSFER);
    const r = await submit(citizen, p, { agencyCode: UB_BADINH });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.agency.code).toBe(UB_BADINH);
    expect(r.body.code.startsWith(UB_BADINH)).toBe(true);
    expect(r.body.delegation).toMatchObject({ decisionNo: SEEDED, authority: { code: SO_GDDT } });
    expect((await (await as(srv.base, 'badinh.tiepnhan')).get('/api/v1/inbox')).body.items.map((x: any) => x.code)).toContain(r.body.code);
    // Another ward is as good a choice: the class is every ward.
    const other = wards.find((w) => w.code !== UB_BADINH)!;
    const r2 = await submit(citizen, p, { agencyCode: other.code });
    expect(r2.status).toBe(201);
    expect(r2.body.agency.code).toBe(other.code);
  });

  it('asks for the ward when none is named, and refuses a non-delegate, saying what to do (422, vi and en)', async () => {
    const p = await proc(TRANSFER);
    const none = await submit(citizen, p);
    expect(none.status).toBe(422);
    expect(none.body.errors).toHaveLength(1);
    expect(none.body.errors[0].field).toBe('agencyCode');
    expect(none.body.errors[0].message_vi).toContain(`ủy quyền cho Ủy ban nhân dân cấp xã (Quyết định số ${SEEDED}`);
    expect(none.body.errors[0].message_vi).toContain('hãy chọn Ủy ban nhân dân phường/xã nơi bạn cư trú');
    expect(none.body.errors[0].message_en).toContain('choose the ward or commune People\'s Committee where you live');
    // The ward police is not a delegate; nor is the department that delegated the procedure away.
    for (const code of [CA_BADINH, SO_GDDT]) {
      const bad = await submit(citizen, p, { agencyCode: code });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('agencyCode');
      expect(bad.body.errors[0].message_vi).toMatch(/không được ủy quyền giải quyết thủ tục này\. Thủ tục đã được Sở Giáo dục và Đào tạo/);
      expect(bad.body.errors[0].message_en).toContain('is not a delegate for this procedure');
    }
  });

  it('follows the window and a list limiting the class; revoked, dossiers go back to the department', async () => {
    const base = { delegateClass: everyWard, decisionDate: day(-30), signer: 'Giám đốc Sở', conditions: 'Kiểm thử' };
    // Scheduled from tomorrow: today the department decides, and a ward is not a delegate yet.
    const future = await admin.post('/api/v1/delegations', { ...base, authorityCode: SO_NOIVU, procedureCodes: ['1.001978'], validFrom: day(1), decisionNo: 'TL-1/QĐ' });
    expect(future.status, JSON.stringify(future.body)).toBe(201);
    expect(future.body.state).toBe('scheduled');
    const unemployment = await proc('1.001978');
    expect((await submit(citizen, unemployment)).body.agency.code).toBe(SO_NOIVU);
    const early = await submit(citizen, unemployment, { agencyCode: UB_BADINH });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('agencyCode');
    // Ended yesterday: back with the department.
    const past = await admin.post('/api/v1/delegations', { ...base, authorityCode: SO_TAICHINH, procedureCodes: ['2.001610'], validFrom: day(-20), validTo: day(-1), decisionNo: 'TL-2/QĐ' });
    expect(past.body.state).toBe('ended');
    expect((await submit(citizen, await proc('2.001610'))).body.agency.code).toBe(SO_TAICHINH);

    // In force, limited to two wards: those two are delegates, a third is told which ones are.
    const [w1, w2, w3] = [UB_BADINH, ...wards.filter((w) => w.code !== UB_BADINH).slice(0, 2).map((w) => w.code)];
    const limited = await admin.post('/api/v1/delegations', {
      ...base, delegateClass: { ...everyWard, agencyCodes: [w1, w2] }, authorityCode: SO_NNMT, procedureCodes: ['1.013831'], validFrom: day(-5), validTo: day(30), decisionNo: 'TL-3/QĐ',
    });
    expect(limited.status, JSON.stringify(limited.body)).toBe(201);
    expect(limited.body.delegateClass).toMatchObject({ count: 2, agencies: [{ code: w1 }, { code: w2 }] });
    const land = await proc('1.013831');
    const ok = await submit(citizen, land, { agencyCode: w2 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ agency: { code: w2 }, delegation: { decisionNo: 'TL-3/QĐ' } });
    expect((await citizen.get('/api/v1/delegations/in-force?procedureCode=1.013831')).body.delegates.map((a: any) => a.code)).toEqual([w1, w2]);
    const third = await submit(citizen, land, { agencyCode: w3 });
    expect(third.status).toBe(422);
    expect(third.body.errors[0].message_vi).toContain(`${wards.find((w) => w.code === w3)!.name} không được ủy quyền`);
    expect(third.body.errors[0].message_vi).toContain(wards.find((w) => w.code === w2)!.name);
    expect(third.body.errors[0].message_vi).toContain('trong danh sách cơ quan được ủy quyền');

    const rev = await admin.post(`/api/v1/delegations/${limited.body.id}/revoke`, { reason: 'Kết thúc' });
    expect(rev.body.state).toBe('revoked');
    const back = await submit(citizen, land);
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ agency: { code: SO_NNMT }, delegation: null });
    expect((await citizen.get(`/api/v1/dossiers/${ok.body.id}`)).body.agency.code).toBe(w2);
  });

  it('refuses a second delegation of the procedure by the same authority on the same days, whatever the delegate form', async () => {
    const base = { authorityCode: SO_GDDT, procedureCodes: [TRANSFER], decisionDate: day(-1), signer: 'Giám đốc Sở', validFrom: day(10), validTo: day(20) };
    const cls = await admin.post('/api/v1/delegations', { ...base, delegateClass: { ...everyWard, agencyCodes: [UB_BADINH] }, decisionNo: 'TL-9/QĐ' });
    expect(cls.status).toBe(409);
    expect(cls.body.message_vi).toContain(SEEDED);
    expect((await admin.post('/api/v1/delegations', { ...base, delegateCode: UB_BADINH, decisionNo: 'TL-10/QĐ' })).status).toBe(409);
    // The seeded single delegation of 2.001194 by the city police blocks a class delegation of it too.
    const police = await admin.post('/api/v1/delegations', { ...base, authorityCode: '000.00.11.H26', procedureCodes: ['2.001194'], delegateClass: { sector: 'police', level: 'commune' }, decisionNo: 'TL-11/QĐ' });
    expect(police.status).toBe(409);
    expect(police.body.message_vi).toContain('1250/QĐ-CAHN-PC06');
    // Both forms, neither form, a listed agency outside the class, a class holding the authority.
    const both = await admin.post('/api/v1/delegations', { ...base, delegateCode: UB_BADINH, delegateClass: everyWard, decisionNo: 'TL-12/QĐ' });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: any) => e.field)).toContain('delegateCode');
    expect((await admin.post('/api/v1/delegations', { ...base, decisionNo: 'TL-13/QĐ' })).body.errors.map((e: any) => e.field)).toContain('delegateCode');
    const outside = await admin.post('/api/v1/delegations', { ...base, delegateClass: { ...everyWard, agencyCodes: [CA_BADINH] }, decisionNo: 'TL-14/QĐ' });
    expect(outside.body.errors.map((e: any) => e.field)).toContain('delegateClass.agencyCodes[0]');
    const self = await admin.post('/api/v1/delegations', { ...base, authorityCode: UB_BADINH, procedureCodes: ['1.004873'], delegateClass: everyWard, decisionNo: 'TL-15/QĐ' });
    expect(self.body.errors.map((e: any) => e.field)).toContain('delegateClass');
  });

  it('signs TUQ. the department director above the ward chair\'s title', async () => {
    const d = (await submit(citizen, await proc(TRANSFER), { agencyCode: UB_BADINH })).body;
    const ub = await Promise.all(['badinh.tiepnhan', 'badinh.chuyenvien', 'badinh.truongphong', 'badinh.chutich'].map((u) => as(srv.base, u)));
    await step(ub[0], d.id, 'receive');
    await step(ub[0], d.id, 'forward');
    await step(ub[1], d.id, 'forward');
    await step(ub[2], d.id, 'forward');
    const signed = await step(ub[3], d.id, 'sign');
    // The ward's vice-chair signs for the chair, under the department's delegation.
    expect(signed.signature).toMatchObject({
      kind: 'TUQ',
      lines: ['TUQ. GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HÀ NỘI', 'KT. CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH', 'PHÓ CHỦ TỊCH'],
      delegation: { decisionNo: SEEDED, authorityName: 'Sở Giáo dục và Đào tạo thành phố Hà Nội' },
    });
  });
});

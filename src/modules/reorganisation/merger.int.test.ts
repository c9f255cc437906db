import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { AN, step, submit } from '../../../test/dossiers.ts';

const BADINH = '000.04.01.H26';
const NGOCHA = '000.08.01.H26';
const CA_BADINH = '000.04.02.H26';
const NEW = '000.99.01.H26';
const TZ = 7 * 3600_000;
const today = () => new Date(Date.now() + TZ).toISOString().slice(0, 10);

let srv: TestServer;
let citizen: Api;
let admin: Api;
let desk: Api;
let officer: Api;
let proc: any;

beforeAll(async () => {
  srv = await startTestServer();
  citizen = await as(srv.base, AN.idNumber);
  admin = await as(srv.base, 'admin');
  desk = await as(srv.base, 'badinh.tiepnhan');
  officer = await as(srv.base, 'badinh.chuyenvien');
  proc = (await citizen.get('/api/v1/procedures/1.004873')).body; // marital-status certificate, ward People's Committee
});
afterAll(() => srv?.stop());

const openCount = async (code: string) => Number((await srv.ctx.db.selectFrom('dossier').innerJoin('org_unit', 'org_unit.id', 'dossier.agency_id')
  .select((eb) => eb.fn.countAll().as('n')).where('org_unit.code', '=', code).where('dossier.status', 'in', [1, 2, 4, 5, 6, 9]).executeTakeFirstOrThrow()).n);

describe(`two ward People's Committees merge into a new one (${inject('pgKind')})`, () => {
  it('moves open dossiers, staff and delegations to the successor; history and closed dossiers keep the old names; re-applying does nothing', async () => {
    // Before: an open dossier in process at Ba Đình, a closed (refused) one there, and a new one at Ngọc Hà.
    const open = (await submit(citizen, proc, { agencyCode: BADINH })).body;
    await step(desk, open.id, 'receive');
    const inProcess = await step(desk, open.id, 'forward');
    const closed = (await submit(citizen, proc, { agencyCode: BADINH })).body;
    const refused = await step(desk, closed.id, 'refuse', { reasons: ['Không thuộc thẩm quyền'] });
    expect(refused.status).toBe(3);
    const ngocha = (await submit(citizen, proc, { agencyCode: NGOCHA })).body;
    // A delegation from Ngọc Hà's committee (illustrative) that must continue under the successor.
    const del = await admin.post('/api/v1/delegations', {
      authorityCode: NGOCHA, delegateCode: CA_BADINH, procedureCodes: ['2.000884'], validFrom: '2026-01-01', decisionNo: 'T-NH/QĐ', decisionDate: '2025-12-20', signer: 'Chủ tịch UBND phường Ngọc Hà',
    });
    expect(del.status).toBe(201);

    // Record (for a date to come: not applied yet), preview, then cancel; record again for today and apply.
    const body = {
      resolutionNo: '9999/NQ-UBTVQH15 (kiểm thử)', resolutionDate: '2026-10-01', sourceCodes: [BADINH, NGOCHA],
      targetNew: { code: NEW, name: 'Ủy ban nhân dân phường Ba Đình Mới', nameEn: 'People\'s Committee of Ba Dinh Moi Ward',
        adminUnit: { code: '99999', name: 'Ba Đình Mới', nameEn: 'Ba Dinh Moi', fullName: 'Phường Ba Đình Mới', fullNameEn: 'Ba Dinh Moi Ward' } },
    };
    const future = await admin.post('/api/v1/reorganisation/mergers', { ...body, effectiveOn: '2099-01-01', applyNow: true });
    expect(future.status).toBe(201);
    expect(future.body.status).toBe('recorded');
    expect((await admin.post(`/api/v1/reorganisation/mergers/${future.body.id}/apply`, {})).status).toBe(409);
    expect((await admin.post(`/api/v1/reorganisation/mergers/${future.body.id}/cancel`, {})).status).toBe(200);

    const rec = await admin.post('/api/v1/reorganisation/mergers', { ...body, effectiveOn: today() });
    expect(rec.status).toBe(201);
    const preview = (await admin.get(`/api/v1/reorganisation/mergers/${rec.body.id}`)).body;
    expect(preview.openDossiers).toEqual([
      { agency: 'Ủy ban nhân dân phường Ba Đình', count: await openCount(BADINH) },
      { agency: 'Ủy ban nhân dân phường Ngọc Hà', count: await openCount(NGOCHA) },
    ]);
    expect(preview.grants).toBeGreaterThanOrEqual(4); // the four Ba Đình officials
    expect(preview.delegations.map((d: any) => d.decisionNo)).toContain('T-NH/QĐ');
    expect(preview.createsAgency).toBe(true);
    expect(preview.due).toBe(true);
    expect((await officer.get('/api/v1/reorganisation/mergers')).status).toBe(403);

    const applied = await admin.post(`/api/v1/reorganisation/mergers/${rec.body.id}/apply`, {});
    expect(applied.status).toBe(200);
    expect(applied.body.changed).toBe(true);
    const result = applied.body.merger.result;
    expect(result.dossiers.flatMap((x: any) => x.codes)).toEqual(expect.arrayContaining([open.code, ngocha.code]));
    expect(result.dossiers.flatMap((x: any) => x.codes)).not.toContain(closed.code);

    // The open dossier is at the successor, one version later, same due date, with a 'transfer' action.
    const moved = (await citizen.get(`/api/v1/dossiers/${open.id}`)).body;
    expect(moved.agency).toMatchObject({ code: NEW, name: 'Ủy ban nhân dân phường Ba Đình Mới' });
    expect(moved.version).toBe(inProcess.version + 1);
    expect(moved.dueAt).toBe(inProcess.dueAt);
    expect(moved.code).toBe(open.code);
    const transfer = moved.tracking.at(-1);
    expect(transfer).toMatchObject({ action: 'transfer', actionName: { vi: 'Chuyển hồ sơ sang đơn vị kế thừa' } });
    expect(transfer.data).toMatchObject({ resolutionNo: body.resolutionNo, fromAgency: { name: 'Ủy ban nhân dân phường Ba Đình' } });
    expect(transfer.from.name).toBe(inProcess.currentStep.unit.name);
    expect(moved.currentStep.unit.id).not.toBe(inProcess.currentStep.unit.id);
    // History keeps the old names: the reception went from Ba Đình's desk.
    expect(moved.tracking.find((r: any) => r.action === 'receive').to.name).toBe('Bộ phận Một cửa phường Ba Đình');
    // The closed dossier is untouched.
    const old = (await citizen.get(`/api/v1/dossiers/${closed.id}`)).body;
    expect(old.agency.name).toBe('Ủy ban nhân dân phường Ba Đình');
    expect(old.version).toBe(refused.version);
    expect(old.tracking.some((r: any) => r.action === 'transfer')).toBe(false);
    // …and the successor's staff (whose grants moved) can still open it, e.g. to answer a complaint.
    const archived = await desk.get(`/api/v1/dossiers/${closed.id}`);
    expect(archived.status).toBe(200);
    expect(archived.body.agency.name).toBe('Ủy ban nhân dân phường Ba Đình');

    // Staff keep working at the successor (grants moved): the officer sees and forwards the dossier.
    const officer2 = await as(srv.base, 'badinh.chuyenvien');
    expect((await officer2.get('/api/v1/inbox')).body.items.map((x: any) => x.code)).toContain(open.code);
    expect((await step(officer2, open.id, 'forward')).currentStep.index).toBe(2);
    // Ngọc Hà's new dossier is received by the successor's desk (Ba Đình's desk officer moved there).
    expect((await step(await as(srv.base, 'badinh.tiepnhan'), ngocha.id, 'receive')).status).toBe(2);

    // The dissolved agencies are no longer offered; new dossiers naming one go to the successor.
    const list = (await citizen.get('/api/v1/agencies?sector=people_committee&level=commune')).body.items.map((a: any) => a.code);
    expect(list).toContain(NEW);
    expect(list).not.toContain(BADINH);
    expect((await submit(citizen, proc, { agencyCode: NGOCHA })).body.agency.code).toBe(NEW);

    // Delegations: the old one ended the day before; it continues from the merger date under the successor.
    const dels = (await citizen.get('/api/v1/delegations?decisionNo=x&procedureCode=2.000884')).body.items;
    const cont = dels.find((d: any) => d.movedFrom === del.body.id);
    expect(cont).toMatchObject({ authority: { code: NEW }, delegate: { code: CA_BADINH }, validFrom: today(), decisionNo: 'T-NH/QĐ', state: 'in_force' });
    expect(dels.find((d: any) => d.id === del.body.id).state).toBe('ended');

    // Administrative units: the old wards point at the new one.
    const ward = (await citizen.get('/api/v1/admin-units/00004')).body;
    expect(ward.successorCode ?? ward.successor_code).toBe('99999');

    // Applying again changes nothing.
    const again = await admin.post(`/api/v1/reorganisation/mergers/${rec.body.id}/apply`, {});
    expect(again.body.changed).toBe(false);
    const after = (await citizen.get(`/api/v1/dossiers/${open.id}`)).body;
    expect(after.tracking.filter((r: any) => r.action === 'transfer')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { as, startTestServer, type Api, type TestServer } from '../../../test/server.ts';
import { AN, step } from '../../../test/dossiers.ts';
import { uploadOk } from '../../../test/fixtures.ts';

/**
 * The interconnected groups end to end over HTTP: the citizen applies once, the fan-out files child
 * dossiers at each agency (and a request to the simulated social-insurance system over real HTTP),
 * each agency works its part in its own inbox, and the application follows.
 */
let srv: TestServer;
let an: Api;
let communeCode: string;

beforeAll(async () => {
  srv = await startTestServer();
  an = await as(srv.base, AN.idNumber);
  const ward = await srv.ctx.db.selectFrom('org_unit').select('admin_unit_code').where('code', '=', '000.04.01.H26').executeTakeFirstOrThrow();
  communeCode = ward.admin_unit_code!;
});
afterAll(() => srv?.stop());

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
const applicant = { fullName: AN.fullName, idNumber: AN.idNumber, dateOfBirth: '1990-05-14', phone: AN.phone, address: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' };

async function birthApplication(childName: string) {
  return {
    groupCode: 'LT-KS-TT-BHYT', communeCode,
    form: {
      applicant, relationship: 'Cha',
      child: { fullName: childName, sex: 'Nữ', dateOfBirth: daysAgo(10), placeOfBirthType: 'Tại cơ sở khám bệnh, chữa bệnh', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội', hometown: 'Hà Nội', ethnicity: 'Kinh', nationality: 'Việt Nam' },
      mother: { fullName: 'Phạm Thu Hằng', idNumber: '036192004518' },
      father: { fullName: AN.fullName, idNumber: AN.idNumber },
      residence: { province: 'Thành phố Hà Nội', ward: 'Phường Ba Đình', detail: 'Số 5 phố Đội Cấn' },
      householdHead: { fullName: AN.fullName, idNumber: AN.idNumber }, relationshipToHead: 'Con',
      healthcareFacility: 'Trạm y tế phường Ba Đình', resultDelivery: 'Nhận bản điện tử trên Cổng Dịch vụ công / VNeID',
    },
    documents: [
      { code: 'giay-chung-sinh', fileIds: [await uploadOk(an)] },
      { code: 'giay-to-tuy-than', fileIds: [await uploadOk(an)] },
      { code: 'giay-to-cho-o-hop-phap', fileIds: [await uploadOk(an)] },
    ],
  };
}

async function deathApplication(deceased: { fullName: string; idNumber: string; dateOfBirth: string; sex: 'Nam' | 'Nữ' }) {
  return {
    groupCode: 'LT-KT-XTT-MT', communeCode,
    form: {
      applicant, relationship: 'Con',
      deceased: { ...deceased, lastResidence: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội', dateOfDeath: daysAgo(3), placeOfDeath: 'Bệnh viện Bạch Mai' },
      deathNotice: { number: 'BT-123', issuer: 'Bệnh viện Bạch Mai', issueDate: daysAgo(3) },
      permanentResidence: { province: 'Thành phố Hà Nội', ward: 'Phường Ba Đình', detail: 'Số 5 phố Đội Cấn' },
      organizer: { fullName: AN.fullName, idNumber: AN.idNumber, relationship: 'Con', phone: AN.phone },
      paymentMethod: 'Nhận tiền mặt qua dịch vụ bưu chính', resultDelivery: 'Nhận bản điện tử trên Cổng Dịch vụ công / VNeID',
    },
    documents: [
      { code: 'giay-bao-tu', fileIds: [await uploadOk(an)] },
      { code: 'giay-to-tuy-than', fileIds: [await uploadOk(an)] },
    ],
  };
}

const view = async (id: string) => (await an.get(`/api/v1/interconnect/applications/${id}`)).body;
const part = (app: any, key: string) => app.parts.find((x: any) => x.key === key);
const fanOut = () => srv.ctx.jobs.runNow('interconnect.dispatch');

/** Polls until the application satisfies `ok` (the social-insurance decision arrives by its own callback). */
async function until(id: string, ok: (app: any) => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    await srv.ctx.jobs.runNow('connector.deliver');
    const app = await view(id);
    if (ok(app)) return app;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify((await view(id)).parts.map((x: any) => [x.key, x.state, x.lastError]))}`);
}

/** One agency works its child dossier in its own inbox: reception, the steps, the signature. */
async function decide(dossierId: string, who: { desk: string; steps: string[]; signer: string }) {
  const desk = await as(srv.base, who.desk);
  const inbox = await desk.get('/api/v1/inbox?limit=200');
  expect(inbox.body.items.map((x: any) => x.id)).toContain(dossierId);
  await step(desk, dossierId, 'receive');
  await step(desk, dossierId, 'forward');
  for (const u of who.steps) await step(await as(srv.base, u), dossierId, 'forward');
  return step(await as(srv.base, who.signer), dossierId, 'sign');
}
const WARD = { desk: 'badinh.tiepnhan', steps: ['badinh.chuyenvien', 'badinh.truongphong'], signer: 'badinh.chutich' };
const POLICE = { desk: 'ca.badinh.tiepnhan', steps: ['ca.badinh.canbo', 'ca.badinh.canbo'], signer: 'ca.badinh.truongca' };

async function dossiersOfApplicant(procedureCode: string) {
  const u = await srv.ctx.db.selectFrom('app_user').select('id').where('id_number', '=', AN.idNumber).executeTakeFirstOrThrow();
  return srv.ctx.db.selectFrom('dossier').select(['id', 'code']).where('applicant_user_id', '=', u.id).where('procedure_code', '=', procedureCode).execute();
}

describe(`interconnected procedures (${inject('pgKind')})`, () => {
  it('lists the groups with their parts and dependencies', async () => {
    const r = await an.get('/api/v1/interconnect/groups');
    expect(r.status).toBe(200);
    expect(r.body.items.map((g: any) => g.code)).toEqual(expect.arrayContaining(['LT-KS-TT-BHYT', 'LT-KT-XTT-MT', 'LT-DD-CC-THUE']));
    const g = (await an.get('/api/v1/interconnect/groups/LT-KS-TT-BHYT')).body;
    expect(g.parts.map((x: any) => [x.key, x.dependsOn])).toEqual([['birth', []], ['residence', ['birth']], ['insurance', ['birth', 'residence']]]);
    expect(g.parts[2]).toMatchObject({ external: true });
    expect(g.parts[0].deadline).toEqual({ unit: 'same_day', value: 0 }); // each part under its own procedure's deadline
    expect(g.form.properties.child).toBeTruthy();
    expect(g.refusalRule.vi).toMatch(/hủy/);
  });

  it('rejects an incomplete application whole, writing nothing', async () => {
    const body = await birthApplication('Nguyễn Thị Lỗi');
    delete (body.form as any).mother;
    body.documents = body.documents.filter((d) => d.code !== 'giay-to-cho-o-hop-phap');
    const before = await srv.ctx.db.selectFrom('interconnect_application').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await an.post('/api/v1/interconnect/applications', { ...body, communeCode: undefined });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    const fields = r.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['form.mother', 'documents.giay-to-cho-o-hop-phap', 'communeCode']));
    const after = await srv.ctx.db.selectFrom('interconnect_application').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('group 1: birth → residence → health-insurance card, each agency in its own inbox, once each', async () => {
    const body = await birthApplication('Nguyễn Minh Anh');
    const key = { 'idempotency-key': `lt-birth-${Date.now()}` };
    const r = await an.post('/api/v1/interconnect/applications', body, key);
    expect(r.status).toBe(201);
    const again = await an.post('/api/v1/interconnect/applications', body, key);
    expect(again.body.id).toBe(r.body.id);
    const id = r.body.id;
    expect(r.body.parts.map((x: any) => x.state)).toEqual(['ready', 'waiting', 'waiting']);

    await fanOut();
    await fanOut(); // a second run files nothing more
    let app = await view(id);
    const birth = part(app, 'birth');
    expect(birth).toMatchObject({ state: 'in_process', agency: { code: '000.04.01.H26' } });
    expect((await dossiersOfApplicant('1.001193')).filter((d) => d.id === birth.dossier.id)).toHaveLength(1);
    // The child dossier says what it belongs to.
    const child = await an.get(`/api/v1/dossiers/${birth.dossier.id}`);
    expect(child.body.form.child.fullName).toBe('Nguyễn Minh Anh');
    expect(child.body.interconnect).toMatchObject({ applicationId: id, code: r.body.code, partKey: 'birth' });

    const signed = await decide(birth.dossier.id, WARD);
    expect(signed.status).toBe(9);
    app = await view(id);
    expect(part(app, 'birth').state).toBe('approved');
    const childId = part(app, 'birth').outputs.idNumber;
    expect(childId).toMatch(/^001[23]\d{8}$/); // Hà Nội, born in the 21st century
    expect(part(app, 'residence').state).toBe('ready');
    expect(part(app, 'insurance').state).toBe('waiting');

    await fanOut();
    app = await view(id);
    const residence = part(app, 'residence');
    expect(residence).toMatchObject({ state: 'in_process', agency: { code: '000.04.02.H26' } });
    const resDossier = (await an.get(`/api/v1/dossiers/${residence.dossier.id}`)).body;
    expect(resDossier.form.registrant).toMatchObject({ fullName: 'Nguyễn Minh Anh', idNumber: childId });
    // The birth extract (an e-result) travels as a document, from the citizen's data store.
    expect(resDossier.documents.some((d: any) => d.documentCode === 'giay-to-quan-he-nhan-than' && d.source === 'store')).toBe(true);

    await decide(residence.dossier.id, POLICE);
    app = await view(id);
    expect(part(app, 'insurance').state).toBe('ready');
    await fanOut();
    app = await until(id, (a) => part(a, 'insurance').state === 'approved', 'the health-insurance card');
    expect(part(app, 'insurance').externalRef).toBeTruthy();
    expect(JSON.stringify(part(app, 'insurance').outputs)).toMatch(/TE1/);
    expect(app.status).toBe('completed');
    expect(app.events.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['submitted', 'part_filed', 'part_approved', 'part_sent', 'part_accepted', 'finished']));
    // Exactly one child dossier per part.
    const mine = await srv.ctx.db.selectFrom('interconnect_part').select(['dossier_id']).where('application_id', '=', id).execute();
    expect(mine.filter((x) => x.dossier_id).length).toBe(2);
    const list = await an.get('/api/v1/my/interconnect-applications');
    expect(list.body.items.find((x: any) => x.id === id)).toMatchObject({ status: 'completed' });
  });

  it('group 1: a refusal in the middle cancels the card and tells the citizen, the birth result stands', async () => {
    const r = await an.post('/api/v1/interconnect/applications', await birthApplication('Nguyễn Gia Bảo'));
    const id = r.body.id;
    await fanOut();
    await decide(part(await view(id), 'birth').dossier.id, WARD);
    await fanOut();
    const residence = part(await view(id), 'residence');
    const police = await as(srv.base, 'ca.badinh.tiepnhan');
    await step(police, residence.dossier.id, 'receive');
    await step(await as(srv.base, 'ca.badinh.canbo'), residence.dossier.id, 'refuse', { reasons: ['Chỗ ở không đủ diện tích tối thiểu theo quy định'] });
    const app = await view(id);
    expect(part(app, 'birth').state).toBe('approved');
    expect(part(app, 'residence')).toMatchObject({ state: 'refused', reasons: ['Chỗ ở không đủ diện tích tối thiểu theo quy định'] });
    expect(part(app, 'insurance')).toMatchObject({ state: 'cancelled', cancelledBecause: 'residence', dossier: null });
    expect(app.status).toBe('partly_completed');
    const cancelled = app.events.find((e: any) => e.kind === 'part_cancelled');
    expect(cancelled.text.vi).toMatch(/Đăng ký thường trú/);
    // Nothing is sent for a cancelled part, however often the fan-out runs.
    await fanOut();
    await srv.ctx.jobs.runNow('connector.deliver');
    expect(part(await view(id), 'insurance').state).toBe('cancelled');
    // The citizen is told of the refusal (notification outbox of the refused dossier).
    const told = await srv.ctx.db.selectFrom('notification_outbox').select(['event', 'channel']).where('dossier_id', '=', residence.dossier.id).where('event', '=', 'refused').execute();
    expect(told.length).toBeGreaterThan(0);
    // …and of the cancelled card, by the application's own message.
    const update = await srv.ctx.db.selectFrom('notification_outbox').select(['params']).where('event', '=', 'interconnect_update').where('channel', '=', 'inapp').execute();
    expect(update.map((u: any) => u.params.items.join(' ')).join(' ')).toMatch(/Cấp thẻ bảo hiểm y tế.*đã hủy vì "Đăng ký thường trú cho trẻ"/);
  });

  it('group 2: death → removal of residence and funeral allowance in parallel', async () => {
    const r = await an.post('/api/v1/interconnect/applications', await deathApplication({ fullName: 'Nguyễn Văn Thành', idNumber: '001062002871', dateOfBirth: '1962-02-11', sex: 'Nam' }));
    expect(r.status, JSON.stringify(r.body.errors)).toBe(201);
    const id = r.body.id;
    await fanOut();
    await decide(part(await view(id), 'death').dossier.id, WARD);
    let app = await view(id);
    expect(['ready', 'ready']).toEqual([part(app, 'residence').state, part(app, 'funeral').state]);
    await fanOut();
    app = await view(id);
    expect(part(app, 'residence').state).toBe('in_process');
    expect(part(app, 'funeral').state).toBe('sent');
    const resDossier = (await an.get(`/api/v1/dossiers/${part(app, 'residence').dossier.id}`)).body;
    expect(resDossier.form).toMatchObject({ reason: 'Người đăng ký thường trú đã chết', deathExtractNumber: part(app, 'death').dossier.code });
    app = await until(id, (a) => part(a, 'funeral').state === 'approved', 'the funeral allowance');
    await decide(part(app, 'residence').dossier.id, POLICE);
    app = await view(id);
    expect(app.status).toBe('completed');
  });

  it('group 2: a death registration refused at the desk cancels both dependent parts', async () => {
    const r = await an.post('/api/v1/interconnect/applications', await deathApplication({ fullName: 'Vũ Thị Hạnh', idNumber: '001165005342', dateOfBirth: '1965-07-03', sex: 'Nữ' }));
    const id = r.body.id;
    await fanOut();
    const death = part(await view(id), 'death');
    await step(await as(srv.base, 'badinh.tiepnhan'), death.dossier.id, 'refuse', { reasons: ['Giấy báo tử không hợp lệ'] });
    const app = await view(id);
    expect(app.parts.map((x: any) => x.state)).toEqual(['refused', 'cancelled', 'cancelled']);
    expect(app.status).toBe('refused');
    await fanOut();
    expect((await view(id)).parts.every((x: any) => x.key === 'death' || x.dossier === null)).toBe(true);
  });

  it('land group: notary → tax → land registration, the notarised contract travels to the next agencies', async () => {
    const party = (fullName: string, idNumber: string, dateOfBirth: string) => ({ fullName, idNumber, dateOfBirth, residence: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' });
    const r = await an.post('/api/v1/interconnect/applications', {
      groupCode: 'LT-DD-CC-THUE',
      form: {
        applicant, transferor: party('Nguyễn Văn Thành', '001062002871', '1962-02-11'), transferee: party(AN.fullName, AN.idNumber, '1990-05-14'),
        contractType: 'Hợp đồng chuyển nhượng quyền sử dụng đất', drafting: 'Hợp đồng đã được soạn thảo sẵn',
        property: { certificateSerial: 'CS123456', plotNumber: '125', mapSheet: '18', address: 'Số 5 phố Đội Cấn, phường Ba Đình', area: 62.5, houseArea: 120, houseGrade: 'Nhà cấp III' },
        contractValue: 4_500_000_000, taxpayerRole: 'Cả hai bên (khai chung hồ sơ)', certificateOption: 'Chỉnh lý biến động trên Giấy chứng nhận đã cấp',
        resultDelivery: 'Nhận bản điện tử trên Cổng Dịch vụ công / VNeID',
      },
      documents: [
        { code: 'giay-to-tuy-than', fileIds: [await uploadOk(an)] },
        { code: 'giay-chung-nhan', fileIds: [await uploadOk(an)] },
        { code: 'to-khai-tncn', fileIds: [await uploadOk(an)] },
      ],
    });
    expect(r.status, JSON.stringify(r.body.errors)).toBe(201);
    const id = r.body.id;
    await fanOut();
    const notary = part(await view(id), 'notary');
    expect(notary.agency.code).toBe('000.00.14.H26');
    await decide(notary.dossier.id, { desk: 'congchung.tiepnhan', steps: ['congchung.ccv', 'congchung.ccv'], signer: 'congchung.truongphong' });
    await fanOut();
    const tax = part(await view(id), 'tax');
    expect(tax.agency.code).toBe('000.00.13.H26');
    const taxDossier = (await an.get(`/api/v1/dossiers/${tax.dossier.id}`)).body;
    expect(taxDossier.form.contract.number).toBe(notary.dossier.code);
    expect(taxDossier.documents.some((d: any) => d.documentCode === 'hop-dong' && d.source === 'store')).toBe(true);
    await decide(tax.dossier.id, { desk: 'thue.tiepnhan', steps: ['thue.canbo', 'thue.canbo'], signer: 'thue.lanhdao' });
    await fanOut();
    const land = part(await view(id), 'land');
    expect(land.agency.code).toBe('000.00.04.H26');
    await decide(land.dossier.id, { desk: 'dat.tiepnhan', steps: ['dat.canbo', 'dat.canbo'], signer: 'dat.lanhdao' });
    const app = await view(id);
    expect(app.parts.map((x: any) => x.state)).toEqual(['approved', 'approved', 'approved']);
    expect(app.status).toBe('completed');
  });

  it('shows the application to the agencies holding a part, not to others', async () => {
    const r = await an.post('/api/v1/interconnect/applications', await birthApplication('Nguyễn An Nhiên'));
    await fanOut();
    expect((await (await as(srv.base, 'badinh.chuyenvien')).get(`/api/v1/interconnect/applications/${r.body.id}`)).status).toBe(200);
    expect((await (await as(srv.base, 'catp.canbo')).get(`/api/v1/interconnect/applications/${r.body.id}`)).status).toBe(404);
    expect((await (await as(srv.base, '001195006789')).get(`/api/v1/interconnect/applications/${r.body.id}`)).status).toBe(404);
    // A part that could not be filed is filed again by the agency's supervisor (not by an officer).
    await srv.ctx.db.updateTable('interconnect_part').set({ state: 'failed', dossier_id: null, last_error: 'thử' }).where('application_id', '=', r.body.id).where('key', '=', 'birth').execute();
    const retryUrl = `/api/v1/interconnect/applications/${r.body.id}/parts/birth/retry`;
    expect((await (await as(srv.base, 'badinh.chuyenvien')).post(retryUrl)).status).toBe(403);
    expect((await (await as(srv.base, 'catp.giamsat')).post(retryUrl)).status).toBe(404);
    const chutich = await as(srv.base, 'badinh.chutich');
    const retried = await chutich.post(retryUrl);
    expect(retried.status).toBe(200);
    expect(part(retried.body, 'birth').state).toBe('ready');
    expect((await chutich.post(retryUrl)).status).toBe(409); // ready already: nothing to retry
    await fanOut();
    expect(part(await view(r.body.id), 'birth').state).toBe('in_process');
    // The applicant withdraws: the open child dossier is withdrawn, the rest cancelled.
    const w = await an.post(`/api/v1/interconnect/applications/${r.body.id}/withdraw`, { reason: 'Nộp nhầm' });
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    expect(w.body.parts.map((x: any) => x.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(w.body.parts[0].dossier.status).toBe(7);
    // The history says each part was cancelled by the withdrawal, once.
    const cancels = w.body.events.filter((e: any) => e.kind === 'part_cancelled');
    expect(cancels.map((e: any) => e.part).sort()).toEqual(['birth', 'insurance', 'residence']);
    expect(cancels.every((e: any) => /rút hồ sơ/.test(e.text.vi))).toBe(true);
  });
});

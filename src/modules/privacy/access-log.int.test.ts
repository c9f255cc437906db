import { describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { as, type Api } from '../../../test/server.ts';
import { AN, submit, useDossierSuite } from '../../../test/dossiers.ts';
import { tinyPdf, uploadOk } from '../../../test/fixtures.ts';
import { principalFor } from '../identity/service.ts';
import { dossierRelation } from './service.ts';

const BINH = '001195006789';
const CATP = '000.00.11.H26';
const CATP_NAME = 'Công an thành phố Hà Nội';

/**
 * The personal-data access log end to end: a desk officer must say why they look An up; an
 * official opening An's dossier and a document is logged with the dossier's purpose; An sees
 * exactly those entries and Bình none; the log is append-only; audits stay inside the agency.
 */
describe(`personal-data access log (${inject('pgKind')})`, () => {
  const s = useDossierSuite('lý lịch tư pháp');
  let desk: Api, officer: Api, dossier: any;

  it('refuses a person look-up without a purpose, in Vietnamese and English, and logs nothing', async () => {
    desk = await as(s.srv.base, 'catp.tiepnhan');
    for (const url of [`/api/v1/citizens/${AN.idNumber}`, `/api/v1/population/people/${AN.idNumber}`]) {
      const r = await desk.get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.code).toBe('purpose_required');
      expect(r.body.message_vi).toMatch(/Cần nêu mục đích tra cứu/);
      expect(r.body.message_en).toMatch(/A purpose is required/);
      expect(r.body.errors).toEqual([expect.objectContaining({ field: 'purpose' })]);
      expect(r.body.purposes.map((p: any) => p.code)).toContain('desk_reception');
    }
    // A derived purpose cannot be claimed by hand; an inspection must name its grounds.
    expect((await desk.get(`/api/v1/citizens/${AN.idNumber}?purpose=dossier_processing`)).body.errors[0].field).toBe('purpose');
    expect((await desk.get(`/api/v1/citizens/${AN.idNumber}?purpose=curiosity`)).status).toBe(400);
    const insp = await desk.get(`/api/v1/citizens/${AN.idNumber}?purpose=inspection`);
    expect([insp.status, insp.body.errors[0].field]).toEqual([400, 'purposeNote']);
    expect(await count()).toBe(0);
  });

  it('logs a look-up with its purpose, the official, the agency and the legal basis in force', async () => {
    const r = await desk.get(`/api/v1/citizens/${AN.idNumber}?purpose=desk_reception&purposeNote=${encodeURIComponent('Công dân đến nộp hồ sơ tại quầy')}`);
    expect(r.status).toBe(200);
    expect(r.body.fullName).toBe(AN.fullName);
    const rows = await entries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_name: 'Lê Thu Trang', actor_title: 'Cán bộ Bộ phận Một cửa', actor_roles: ['desk_officer'], agency_name: CATP_NAME,
      subject_id_number: AN.idNumber, subject_name: AN.fullName, object_kind: 'citizen_account',
      purpose_code: 'desk_reception', purpose_name: 'Tiếp nhận hồ sơ thủ tục hành chính', purpose_note: 'Công dân đến nộp hồ sơ tại quầy',
      ip: '127.0.0.1', dossier_id: null,
    });
    // 2026: the Personal Data Protection Law replaced Decree 13 (dated data, not code).
    expect(rows[0].legal_basis).toMatch(/91\/2025\/QH15/);
    // A person not in the database: nothing was seen, nothing logged.
    expect((await desk.get('/api/v1/citizens/001090099999?purpose=desk_reception')).status).toBe(404);
    expect(await count()).toBe(1);
  });

  it('logs an official opening the dossier and a document with the purpose derived from their work on it', async () => {
    const fileId = await uploadOk(s.citizen, tinyPdf('CCCD'), 'cccd-nguyen-van-an.pdf');
    const sub = await submit(s.citizen, s.proc, { documents: [{ code: 'giay-to-tuy-than', fileIds: [fileId] }] });
    expect(sub.status).toBe(201);
    // The applicant reading their own dossier is not an access to log.
    expect((await s.citizen.get(`/api/v1/dossiers/${sub.body.id}`)).status).toBe(200);
    const rec = await desk.post(`/api/v1/dossiers/${sub.body.id}/receive`, { version: sub.body.version });
    expect(rec.status).toBe(200);
    dossier = rec.body;
    expect(await count()).toBe(1);

    officer = await as(s.srv.base, 'catp.canbo');
    expect((await officer.get(`/api/v1/dossiers/${dossier.id}`)).status).toBe(200);
    const doc = dossier.documents.find((d: any) => d.fileId === fileId);
    const file = await officer.get(`/api/v1/dossiers/${dossier.id}/documents/${doc.fileId}`);
    expect(file.status).toBe(200);
    // Another agency's official cannot open it, and that is not an access either.
    expect((await (await as(s.srv.base, 'badinh.tiepnhan')).get(`/api/v1/dossiers/${dossier.id}`)).status).toBe(404);

    const rows = await entries();
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((r) => [r.object_kind, r.object_label, r.purpose_code, r.dossier_code, r.actor_name, r.subject_user_id !== null])).toEqual([
      ['dossier', dossier.code, 'dossier_processing', dossier.code, 'Phạm Minh Đức', true],
      ['document', doc.filename, 'dossier_processing', dossier.code, 'Phạm Minh Đức', true],
    ]);
    expect(rows[1].subject_id_number).toBe(AN.idNumber);
  });

  it('records a supervisor as supervising and a dossier-bound population look-up with the dossier', async () => {
    const sup = await as(s.srv.base, 'catp.giamsat');
    expect((await sup.get(`/api/v1/dossiers/${dossier.id}/slips/receipt.pdf`)).status).toBe(200);
    const pop = await officer.get(`/api/v1/population/people/${AN.idNumber}?dossierId=${dossier.id}`);
    expect(pop.status).toBe(200);
    // A dossier the official cannot see does not justify a look-up.
    expect((await (await as(s.srv.base, 'badinh.tiepnhan')).get(`/api/v1/population/people/${AN.idNumber}?dossierId=${dossier.id}`)).body.errors[0].field).toBe('dossierId');
    const rows = await entries();
    expect(rows.slice(3).map((r) => [r.actor_name, r.object_kind, r.object_ref, r.purpose_code, r.dossier_code])).toEqual([
      ['Đỗ Thị Lan', 'slip', 'receipt', 'dossier_supervision', dossier.code],
      ['Phạm Minh Đức', 'population_record', AN.idNumber, 'dossier_processing', dossier.code],
    ]);
  });

  it('shows An exactly these entries, newest first, and Bình none of them', async () => {
    const r = await s.citizen.get('/api/v1/my/data-access');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(5);
    expect(r.body.items.map((i: any) => [i.object.kind, i.purpose.code])).toEqual([
      ['population_record', 'dossier_processing'], ['slip', 'dossier_supervision'], ['document', 'dossier_processing'],
      ['dossier', 'dossier_processing'], ['citizen_account', 'desk_reception'],
    ]);
    const lookup = r.body.items[4];
    expect(lookup).toMatchObject({
      agency: { name: CATP_NAME }, official: { title: 'Cán bộ Bộ phận Một cửa', name: 'Lê Thu Trang' },
      purpose: { name: 'Tiếp nhận hồ sơ thủ tục hành chính', nameEn: 'Receiving an administrative dossier', note: 'Công dân đến nộp hồ sơ tại quầy' },
      object: { description: { vi: 'Thông tin tài khoản dịch vụ công của bạn', en: 'Your public-service account details' } },
    });
    expect(r.body.items[2].object.description.vi).toBe(`Giấy tờ "${r.body.items[2].object.label}" của hồ sơ ${dossier.code}`);
    // Nothing a citizen should not see: no IP, no account ids of officials.
    expect(JSON.stringify(r.body)).not.toMatch(/127\.0\.0\.1|actor_id/);
    const page2 = await s.citizen.get('/api/v1/my/data-access?limit=2&offset=4');
    expect(page2.body.items.map((i: any) => i.object.kind)).toEqual(['citizen_account']);

    const binh = await (await as(s.srv.base, BINH)).get('/api/v1/my/data-access');
    expect([binh.status, binh.body.total, binh.body.items]).toEqual([200, 0, []]);
    // Staff have no "my data access" of this kind.
    expect((await desk.get('/api/v1/my/data-access')).status).toBe(403);
  });

  it('cannot be updated, deleted or truncated', async () => {
    const db = s.srv.ctx.db;
    await expect(db.updateTable('personal_data_access').set({ purpose_note: 'sửa lại' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('personal_data_access').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate personal_data_access`.execute(db)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(5);
  });

  it("lets the agency's supervisor audit it (and logs the audit), not another agency's supervisor nor a processing officer", async () => {
    const sup = await as(s.srv.base, 'catp.giamsat');
    const officerId = (await officer.get('/api/v1/auth/me')).body.id;
    const a = await sup.get(`/api/v1/privacy/access-log?actorId=${officerId}&note=${encodeURIComponent('Kiểm tra định kỳ')}`);
    expect(a.status).toBe(200);
    expect(a.body.scope).toEqual([CATP]);
    expect(a.body.items.map((i: any) => i.object.kind)).toEqual(['population_record', 'document', 'dossier']);
    expect(a.body.items[0]).toMatchObject({ official: { name: 'Phạm Minh Đức', roles: ['processing_officer'] }, subject: { idNumber: AN.idNumber, name: AN.fullName }, ip: '127.0.0.1' });
    expect(a.body.byOfficial).toEqual([expect.objectContaining({ id: officerId, entries: 3, citizens: 1, lookupsWithoutDossier: 0, outsideOwnSteps: 0 })]);
    const all = await sup.get(`/api/v1/privacy/access-log?idNumber=${AN.idNumber}&purpose=desk_reception`);
    expect(all.body.items.map((i: any) => i.official.name)).toEqual(['Lê Thu Trang']);
    expect(all.body.byOfficial[0]).toMatchObject({ name: 'Lê Thu Trang', lookupsWithoutDossier: 1 });

    // Each audit is an entry too; the one naming An shows in An's log.
    const audits = (await entries()).filter((r) => r.object_kind === 'access_log');
    expect(audits.map((r) => [r.actor_name, r.purpose_code, r.subject_id_number])).toEqual([['Đỗ Thị Lan', 'privacy_audit', null], ['Đỗ Thị Lan', 'privacy_audit', AN.idNumber]]);
    expect(audits[0].purpose_note).toBe('Kiểm tra định kỳ — Điều kiện lọc: cán bộ Phạm Minh Đức');
    const mine = await s.citizen.get('/api/v1/my/data-access?limit=1');
    expect(mine.body.items[0]).toMatchObject({ purpose: { code: 'privacy_audit' }, object: { kind: 'access_log' } });

    // UBND phường Ba Đình's supervisor: not this agency's log.
    const other = await as(s.srv.base, 'badinh.chutich');
    const denied = await other.get(`/api/v1/privacy/access-log?agencyCode=${CATP}`);
    expect([denied.status, denied.body.code]).toEqual([403, 'forbidden']);
    const own = await other.get('/api/v1/privacy/access-log');
    expect(own.status).toBe(200);
    expect(own.body.items.filter((i: any) => i.agency?.name === CATP_NAME)).toEqual([]);
    expect(JSON.stringify(own.body)).not.toContain(AN.idNumber);
    expect((await officer.get('/api/v1/privacy/access-log')).status).toBe(403);
    expect((await s.citizen.get('/api/v1/privacy/access-log')).status).toBe(403);
  });

  it('shows or hides the official\'s name by the display policy in force (dated data)', async () => {
    const admin = await as(s.srv.base, 'admin');
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await admin.post('/api/v1/privacy/display-policy', { validFrom: '2020-01-01', showOfficialName: false, showOfficialTitle: true })).status).toBe(400);
    expect((await desk.post('/api/v1/privacy/display-policy', { validFrom: today, showOfficialName: false, showOfficialTitle: true })).status).toBe(403);
    const set = await admin.post('/api/v1/privacy/display-policy', { validFrom: today, showOfficialName: false, showOfficialTitle: true, note: 'Chỉ hiển thị chức danh' });
    expect(set.status).toBe(201);
    const r = await s.citizen.get('/api/v1/my/data-access');
    expect(r.body.policy).toEqual({ showOfficialName: false, showOfficialTitle: true });
    expect(r.body.items.at(-1).official).toEqual({ title: 'Cán bộ Bộ phận Một cửa', name: null });
    expect(JSON.stringify(r.body)).not.toContain('Lê Thu Trang');
  });

  it('derives the dossier purpose from the official\'s relation to it', async () => {
    const db = s.srv.ctx.db;
    const d = await db.selectFrom('dossier').selectAll().where('id', '=', dossier.id).executeTakeFirstOrThrow();
    const relation = async (username: string) => dossierRelation(db, await principalFor(db, username), d);
    // The current step is at the records division: its officer processes; its head and the signer have later steps.
    expect(await relation('catp.canbo')).toBe('dossier_processing');
    expect(await relation('catp.truongphong')).toBe('dossier_processing');
    expect(await relation('catp.lanhdao')).toBe('dossier_processing');
    expect(await relation('catp.tiepnhan')).toBe('dossier_processing');
    expect(await relation('catp.giamsat')).toBe('dossier_supervision');
    // Someone of the agency with no step in it (here a catalogue administrator there) is flagged.
    const agency = await db.selectFrom('org_unit').select('id').where('code', '=', CATP).executeTakeFirstOrThrow();
    const other = { ...(await principalFor(db, 'catp.canbo')), userId: '00000000-0000-4000-8000-000000000001', roles: [{ role: 'catalog_admin' as const, unitId: agency.id }] };
    expect(await dossierRelation(db, other, d)).toBe('dossier_other');
  });

  async function entries() {
    return s.srv.ctx.db.selectFrom('personal_data_access').selectAll().orderBy('id').execute();
  }
  async function count() {
    return (await entries()).length;
  }
});

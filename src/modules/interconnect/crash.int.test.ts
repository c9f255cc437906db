import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { Api } from '../../../test/server.ts';
import { faultWorld, useCleanup } from '../../../test/faults/setup.ts';
import { startServerProcess, stopServerProcess } from '../../../test/process.ts';
import { AN, step } from '../../../test/dossiers.ts';
import { uploadOk } from '../../../test/fixtures.ts';
import { startServer, type Running } from '../../server.ts';

/**
 * Kill the server in the middle of a fan-out (SIGKILL, no clean-up) and start it again: it resumes
 * with no duplicate child dossier and nothing lost. The kills are armed fault points
 * (platform/faults.ts) inside the fan-out transaction and just after its commit.
 */
const defer = useCleanup();

async function startProcess(env: Record<string, string>) {
  const p = await startServerProcess(env, { expectDeath: true });
  defer(() => stopServerProcess(p, 'SIGKILL'));
  return p;
}

describe(`interconnect fan-out survives a crash (${inject('pgKind')})`, () => {
  it('killed inside and just after a fan-out transaction, it resumes and files each part once', async () => {
    const { dbUrl, dataDir, sql } = await faultWorld(defer);

    // 1. In this process (jobs off): An applies for the death group; the ward registers the death.
    let srv: Running = await startServer({ config: { port: 0, host: '127.0.0.1', databaseUrl: dbUrl, dataDir, jobs: false, publicUrl: 'http://motcua.test' }, seed: false, logger: false });
    const an = await new Api(srv.url).login(AN.idNumber);
    const ward = await sql.selectFrom('org_unit').select('admin_unit_code').where('code', '=', '000.04.01.H26').executeTakeFirstOrThrow();
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const r = await an.post('/api/v1/interconnect/applications', {
      groupCode: 'LT-KT-XTT-MT', communeCode: ward.admin_unit_code,
      form: {
        applicant: { fullName: AN.fullName, idNumber: AN.idNumber, dateOfBirth: '1990-05-14', phone: AN.phone, address: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' },
        relationship: 'Con',
        deceased: { fullName: 'Nguyễn Văn Thành', sex: 'Nam', dateOfBirth: '1962-02-11', idNumber: '001062002871', lastResidence: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội', dateOfDeath: today, placeOfDeath: 'Bệnh viện Bạch Mai' },
        deathNotice: { number: 'BT-9', issuer: 'Bệnh viện Bạch Mai', issueDate: today },
        permanentResidence: { province: 'Thành phố Hà Nội', ward: 'Phường Ba Đình', detail: 'Số 5 phố Đội Cấn' },
        organizer: { fullName: AN.fullName, idNumber: AN.idNumber, relationship: 'Con', phone: AN.phone },
        paymentMethod: 'Chuyển khoản', bankAccount: { bankName: 'Vietcombank', accountNumber: '0011001234567', accountHolder: 'NGUYEN VAN AN' },
        resultDelivery: 'Nhận bản điện tử trên Cổng Dịch vụ công / VNeID',
      },
      documents: [{ code: 'giay-bao-tu', fileIds: [await uploadOk(an)] }, { code: 'giay-to-tuy-than', fileIds: [await uploadOk(an)] }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const appId = r.body.id;
    await srv.ctx.jobs.runNow('interconnect.dispatch');
    const death = await sql.selectFrom('interconnect_part').select('dossier_id').where('application_id', '=', appId).where('key', '=', 'death').executeTakeFirstOrThrow();
    const staff = async (u: string) => new Api(srv.url).login(u);
    const desk = await staff('badinh.tiepnhan');
    await step(desk, death.dossier_id!, 'receive');
    await step(desk, death.dossier_id!, 'forward');
    await step(await staff('badinh.chuyenvien'), death.dossier_id!, 'forward');
    await step(await staff('badinh.truongphong'), death.dossier_id!, 'forward');
    await step(await staff('badinh.chutich'), death.dossier_id!, 'sign');
    await srv.stop();

    const parts = () => sql.selectFrom('interconnect_part').select(['key', 'state', 'dossier_id']).where('application_id', '=', appId).orderBy('position').execute();
    const removals = async () => (await sql.selectFrom('dossier').select('id').where('procedure_code', '=', '1.003197').where('applicant_id_number', '=', AN.idNumber).execute()).length;
    expect((await parts()).map((x) => x.state)).toEqual(['approved', 'ready', 'ready']);
    expect(await removals()).toBe(0);

    // 2. A real server process starts the fan-out of the two parts and is killed inside the first transaction.
    const env = {
      DATABASE_URL: dbUrl, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'false', LOG_LEVEL: 'warn',
      MOTCUA_FAULTS: 'interconnect.before-commit,interconnect.after-commit', MOTCUA_FAULTS_DIR: path.join(dataDir, 'faults'),
    };
    let proc = await startProcess(env);
    expect(await proc.exited).toBe('SIGKILL');
    expect((await parts()).map((x) => x.state)).toEqual(['approved', 'ready', 'ready']);
    expect(await removals()).toBe(0); // the half-written child dossier was rolled back with its part

    // 3. Restarted: the residence part is filed, and the process is killed just after that commit.
    proc = await startProcess(env);
    expect(await proc.exited).toBe('SIGKILL');
    let now = await parts();
    expect(now.map((x) => x.state)).toEqual(['approved', 'in_process', 'ready']);
    expect(await removals()).toBe(1);

    // 4. Restarted again: the funeral allowance goes out; nothing is filed twice.
    proc = await startProcess(env);
    for (let i = 0; i < 200; i++) {
      now = await parts();
      if (['in_process', 'approved'].includes(now[2].state)) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(['in_process', 'approved']).toContain(now[2].state);
    expect(await removals()).toBe(1);
    expect(now[1].dossier_id).toBeTruthy();
    const sent = await sql.selectFrom('connector_message').select('id').where('key', '=', (await sql.selectFrom('interconnect_part').select('id').where('application_id', '=', appId).where('key', '=', 'funeral').executeTakeFirstOrThrow()).id).execute();
    expect(sent).toHaveLength(1);
    await stopServerProcess(proc);
  }, 240_000);
});

import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { as, startTestServer, type TestServer } from '../../../test/server.ts';
import { AN, step, submit } from '../../../test/dossiers.ts';

const BADINH = '000.04.01.H26';
const day = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

let srv: TestServer;
beforeAll(async () => { srv = await startTestServer(); });
afterAll(() => srv?.stop());

describe(`a deputy takes over dossiers assigned to the official they stand in for (${inject('pgKind')})`, () => {
  it('sees and acts on the absent official\'s assigned dossiers, logged on their behalf', async () => {
    const citizen = await as(srv.base, AN.idNumber);
    const desk = await as(srv.base, 'badinh.tiepnhan');
    const officer = await as(srv.base, 'badinh.chuyenvien');
    const proc = (await citizen.get('/api/v1/procedures/1.004873')).body; // marital-status certificate, ward People's Committee
    const d = (await submit(citizen, proc, { agencyCode: BADINH })).body;
    await step(desk, d.id, 'receive');
    await step(desk, d.id, 'forward');
    const officerId = (await officer.get('/api/v1/auth/me')).body.id;
    await step(officer, d.id, 'assign', { assigneeId: officerId });

    // The desk officer holds no processing role: the assigned dossier is not theirs.
    const before = await desk.get(`/api/v1/dossiers/${d.id}`);
    expect(before.body.availableActions).not.toContain('forward');

    // The processing officer goes on leave today and hands the work to the desk officer.
    const candidates = (await officer.get('/api/v1/me/deputies')).body.candidates;
    const deputyId = candidates.find((c: any) => c.fullName === 'Vũ Thị Mai').id;
    const handed = await officer.post('/api/v1/me/deputies', { deputyId, from: day(), to: day(), reason: 'Nghỉ phép' });
    expect(handed.status).toBe(201);

    const deputy = await as(srv.base, 'badinh.tiepnhan');
    const box = (await deputy.get('/api/v1/inbox?assignedToMe=true')).body.items.map((x: any) => x.code);
    expect(box).toContain(d.code);
    const now = (await deputy.get(`/api/v1/dossiers/${d.id}`)).body;
    expect(now.availableActions).toContain('forward');
    const fwd = await step(deputy, d.id, 'forward');
    const log = (await citizen.get(`/api/v1/dossiers/${d.id}`)).body.tracking;
    expect(log.find((r: any) => r.action === 'forward' && r.actor === 'Vũ Thị Mai' && r.data?.onBehalfOf)).toBeTruthy();
    expect(fwd.version).toBe(now.version + 1);
  });
});

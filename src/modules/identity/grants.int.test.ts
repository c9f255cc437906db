import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { AN, step, submit } from '../../../test/dossiers.ts';
import { grantsFor } from './grants.ts';

const CA_BADINH = '000.04.02.H26';
const TZ = 7 * 3600_000;
const day = (offset: number) => new Date(Date.now() + TZ + offset * 86_400_000).toISOString().slice(0, 10);
const at = (offset: number) => new Date(Date.now() + offset * 86_400_000);

let srv: TestServer;
let citizen: Api;
let head: Api; // ca.badinh.truongca: Trưởng Công an phường, the signer
let dossierId: string;
let dossierCode: string;

beforeAll(async () => {
  srv = await startTestServer();
  citizen = await as(srv.base, AN.idNumber);
  head = await as(srv.base, 'ca.badinh.truongca');
  // A temporary-residence registration at the ward police, brought to the signing step.
  const proc = (await citizen.get('/api/v1/procedures/1.004194')).body;
  const d = await submit(citizen, proc, { agencyCode: CA_BADINH });
  expect(d.status).toBe(201);
  dossierId = d.body.id;
  dossierCode = d.body.code;
  const desk = await as(srv.base, 'ca.badinh.tiepnhan');
  const officer = await as(srv.base, 'ca.badinh.canbo');
  await step(desk, dossierId, 'receive');
  await step(desk, dossierId, 'forward');
  await step(officer, dossierId, 'forward');
  await step(officer, dossierId, 'forward');
});
afterAll(() => srv?.stop());

describe(`personal delegation: a signer hands their inbox to a deputy (${inject('pgKind')})`, () => {
  it('gives the deputy the inbox and the signature only within the date range, logged on behalf of the signer', async () => {
    const mine = await head.get('/api/v1/me/deputies');
    const deputyId = mine.body.candidates.find((c: any) => c.fullName === 'Lý Thị Hoa').id;
    // Not the city police officer: deputies come from the same agency.
    expect(mine.body.candidates.some((c: any) => c.fullName === 'Phạm Minh Đức')).toBe(false);

    // Scheduled from tomorrow: today the deputy neither sees nor signs the dossier.
    const later = await head.post('/api/v1/me/deputies', { deputyId, from: day(1), to: day(3), reason: 'Đi công tác' });
    expect(later.status).toBe(201);
    expect(later.body.state).toBe('scheduled');
    let deputy = await as(srv.base, 'ca.badinh.canbo');
    expect((await deputy.get('/api/v1/inbox')).body.items.map((x: any) => x.code)).not.toContain(dossierCode);
    const cur = (await deputy.get(`/api/v1/dossiers/${dossierId}`)).body;
    expect(cur.availableActions).not.toContain('sign');
    expect((await deputy.post(`/api/v1/dossiers/${dossierId}/sign`, { version: cur.version })).status).toBe(403);

    // In force today: the deputy holds the signer's grants, marked as delegated.
    const today = await head.post('/api/v1/me/deputies', { deputyId, from: day(0), to: day(0), reason: 'Nghỉ phép một ngày' });
    expect(today.status).toBe(201);
    expect(today.body).toMatchObject({ state: 'active', delegator: { name: 'Trịnh Quốc Bảo' }, deputy: { name: 'Lý Thị Hoa' } });
    deputy = await as(srv.base, 'ca.badinh.canbo');
    const held = (await deputy.get('/api/v1/me/deputies')).body;
    expect(held.received.map((d: any) => d.id)).toContain(today.body.id);
    expect(held.delegatedGrants.map((g: any) => g.role)).toContain('signing_authority');
    expect((await deputy.get('/api/v1/inbox')).body.items.map((x: any) => x.code)).toContain(dossierCode);
    const signed = await step(deputy, dossierId, 'sign');
    expect(signed.status).toBe(9);
    const log = (await citizen.get(`/api/v1/dossiers/${dossierId}`)).body.tracking;
    const sign = log.find((r: any) => r.action === 'sign');
    expect(sign.actor).toBe('Lý Thị Hoa');
    expect(sign.data.onBehalfOf).toMatchObject({ name: 'Trịnh Quốc Bảo' });
    // Signed by an official who is not a deputy head, through the head's delegation: TUQ.
    expect(signed.signature).toMatchObject({ kind: 'TUQ', onBehalfOf: { name: 'Trịnh Quốc Bảo' } });
    expect(signed.signature.lines[0]).toBe('TUQ. TRƯỞNG CÔNG AN PHƯỜNG');
    // Actions the deputy takes in their own right are not "on behalf".
    expect(log.filter((r: any) => r.actor === 'Lý Thị Hoa' && r.action === 'forward').every((r: any) => !r.data?.onBehalfOf)).toBe(true);

    // After the range the grants are gone; on a scheduled day they are back.
    const { userId } = { userId: deputyId };
    expect((await grantsFor(srv.ctx.db, userId, at(0))).some((g) => g.delegatedBy)).toBe(true);
    expect((await grantsFor(srv.ctx.db, userId, at(2))).some((g) => g.delegatedBy?.delegationId === later.body.id)).toBe(true);
    expect((await grantsFor(srv.ctx.db, userId, at(5))).some((g) => g.delegatedBy)).toBe(false);

    // Revoked: at once, and the record stays.
    const rev = await head.post(`/api/v1/deputies/${today.body.id}/revoke`, {});
    expect(rev.status).toBe(200);
    expect(rev.body.state).toBe('revoked');
    deputy = await as(srv.base, 'ca.badinh.canbo');
    expect((await deputy.get('/api/v1/me/deputies')).body.delegatedGrants).toEqual([]);
    expect((await head.get('/api/v1/me/deputies')).body.given.map((d: any) => d.state)).toEqual(expect.arrayContaining(['revoked', 'scheduled']));
  });

  it('refuses a deputy of another agency, oneself, overlapping ranges and ranges already over', async () => {
    const mine = (await head.get('/api/v1/me/deputies')).body;
    const deputyId = mine.candidates.find((c: any) => c.fullName === 'Lý Thị Hoa').id;
    const me = (await head.get('/api/v1/auth/me')).body;
    const other = (await (await as(srv.base, 'catp.canbo')).get('/api/v1/auth/me')).body;
    const bad = await head.post('/api/v1/me/deputies', { deputyId: other.id ?? other.userId, from: day(10), to: day(12), reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('deputyId');
    expect((await head.post('/api/v1/me/deputies', { deputyId: me.id ?? me.userId, from: day(10), to: day(12), reason: 'x' })).status).toBe(400);
    expect((await head.post('/api/v1/me/deputies', { deputyId, from: day(2), to: day(4), reason: 'trùng' })).status).toBe(409);
    expect((await head.post('/api/v1/me/deputies', { deputyId, from: day(-5), to: day(-1), reason: 'đã qua' })).status).toBe(400);
  });

  it('shows supervisors the delegations of their own agencies only', async () => {
    const own = await head.get('/api/v1/supervision/deputies');
    expect(own.status).toBe(200);
    expect(own.body.items.some((d: any) => d.delegator.name === 'Trịnh Quốc Bảo')).toBe(true);
    const otherSupervisor = await (await as(srv.base, 'badinh.chutich')).get('/api/v1/supervision/deputies');
    expect(otherSupervisor.body.items.some((d: any) => d.delegator.name === 'Trịnh Quốc Bảo')).toBe(false);
    expect((await (await as(srv.base, 'catp.tiepnhan')).get('/api/v1/supervision/deputies')).status).toBe(403);
  });
});

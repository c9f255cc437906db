import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { signInSteps } from './signin-steps.testkit.ts';

let srv: TestServer;
let city: Api;
let catpAdmin: Api;
const units: Record<string, any> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer();
  city = await as(srv.base, 'admin');
  for (const code of ['000.00.11.H26', '000.04.01.H26']) {
    const r = await city.get(`/api/v1/admin/units?q=${code}`);
    units[code] = r.body.items.find((a: any) => a.code === code);
  }
  const list = await city.get('/api/v1/admin/staff?limit=200');
  for (const u of list.body.items) ids[u.username] = u.id;
  // An administrator for the city police only.
  const c = await city.post('/api/v1/admin/staff', { username: 'catp.quantri', fullName: 'Kiều Văn Sơn', title: 'Quản trị hệ thống Công an TP', email: 'son.kv@hanoi.gov.vn', role: 'system_admin', unitId: units['000.00.11.H26'].id });
  expect(c.status).toBe(201);
  ids['catp.quantri'] = c.body.id;
  catpAdmin = (await signInSteps(srv.base, 'catp.quantri', c.body.temporaryPassword, { newPassword: 'gió mùa đông bắc tràn về' })).api;
});
afterAll(() => srv?.stop());

describe(`staff administration scoped to units (${inject('pgKind')})`, () => {
  it('only system administrators reach it', async () => {
    for (const who of ['catp.tiepnhan', 'catp.giamsat', '001090012345']) {
      const api = await as(srv.base, who);
      expect((await api.get('/api/v1/admin/staff')).status).toBe(403);
      expect((await api.post(`/api/v1/admin/staff/${ids['catp.canbo']}/disable`)).status).toBe(403);
      expect((await api.get('/api/v1/admin/sign-ins')).status).toBe(403);
    }
    expect((await new Api(srv.base).get('/api/v1/admin/staff')).status).toBe(401);
  });

  it('the city-level administrator sees all staff; an agency administrator only their agency', async () => {
    const all = await city.get('/api/v1/admin/staff?limit=200');
    expect(all.body.cityWide).toBe(true);
    expect(all.body.items.map((u: any) => u.username)).toEqual(expect.arrayContaining(['catp.tiepnhan', 'badinh.tiepnhan', 'bhxh.canbo', 'admin']));
    const mine = await catpAdmin.get('/api/v1/admin/staff?limit=200');
    expect(mine.body.cityWide).toBe(false);
    const names = mine.body.items.map((u: any) => u.username).sort();
    expect(names).toEqual(['catp.canbo', 'catp.giamsat', 'catp.lanhdao', 'catp.quantri', 'catp.tiepnhan', 'catp.truongphong']);
    const units = await catpAdmin.get('/api/v1/admin/units');
    expect(units.body.items.map((a: any) => a.code)).toEqual(['000.00.11.H26']);
  });

  it('an agency administrator cannot read or change staff of another agency (404: nothing leaks)', async () => {
    const other = ids['badinh.tiepnhan'];
    expect((await catpAdmin.get(`/api/v1/admin/staff/${other}`)).status).toBe(404);
    for (const action of ['disable', 'enable', 'unlock', 'reset-2fa', 'reset-password', 'revoke-sessions']) {
      expect((await catpAdmin.post(`/api/v1/admin/staff/${other}/${action}`)).status).toBe(404);
    }
    expect((await catpAdmin.post(`/api/v1/admin/staff/${other}/grants`, { role: 'desk_officer', unitId: units['000.00.11.H26'].id })).status).toBe(404);
    expect((await catpAdmin.get(`/api/v1/admin/sign-ins?userId=${other}`)).status).toBe(404);
    // Their sign-ins are not in this administrator's audit view either.
    await as(srv.base, 'badinh.tiepnhan');
    const audit = await catpAdmin.get('/api/v1/admin/sign-ins?limit=200');
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items.some((e: any) => e.username === 'badinh.tiepnhan' || e.username === 'admin')).toBe(false);
    expect((await as(srv.base, 'badinh.tiepnhan')).token).toBeTruthy();
  });

  it('grants only on units in scope, and never system_admin to oneself', async () => {
    const catpDesk = units['000.00.11.H26'].units.find((u: any) => u.kind === 'desk');
    const badinhDesk = units['000.04.01.H26'].units.find((u: any) => u.kind === 'desk');
    const out = await catpAdmin.post(`/api/v1/admin/staff/${ids['catp.canbo']}/grants`, { role: 'desk_officer', unitId: badinhDesk.id });
    expect(out.status).toBe(403);
    const self = await catpAdmin.post(`/api/v1/admin/staff/${ids['catp.quantri']}/grants`, { role: 'system_admin', unitId: catpDesk.id });
    expect(self.status).toBe(403);
    const selfCity = await city.post(`/api/v1/admin/staff/${ids['admin']}/grants`, { role: 'system_admin', unitId: catpDesk.id });
    expect(selfCity.status).toBe(403);

    // In scope: the grant works and the user's permissions change at once.
    const canbo = await as(srv.base, 'catp.canbo');
    expect((await canbo.get('/api/v1/auth/me')).body.roles.some((g: any) => g.role === 'desk_officer')).toBe(false);
    const ok = await catpAdmin.post(`/api/v1/admin/staff/${ids['catp.canbo']}/grants`, { role: 'desk_officer', unitId: catpDesk.id });
    expect(ok.status).toBe(200);
    expect(ok.body.added).toBe(true);
    expect((await canbo.get('/api/v1/auth/me')).body.roles.some((g: any) => g.role === 'desk_officer' && g.unitId === catpDesk.id)).toBe(true);
    const rv = await catpAdmin.post(`/api/v1/admin/staff/${ids['catp.canbo']}/grants/revoke`, { role: 'desk_officer', unitId: catpDesk.id });
    expect(rv.status).toBe(200);
    expect((await canbo.get('/api/v1/auth/me')).body.roles.some((g: any) => g.role === 'desk_officer')).toBe(false);
  });

  it('creates staff only on units in scope; the new account must change its password first', async () => {
    const badinh = units['000.04.01.H26'];
    const denied = await catpAdmin.post('/api/v1/admin/staff', { username: 'badinh.moi', fullName: 'Người Mới', role: 'desk_officer', unitId: badinh.id });
    expect(denied.status).toBe(403);
    const desk = units['000.00.11.H26'].units.find((u: any) => u.kind === 'desk');
    const c = await catpAdmin.post('/api/v1/admin/staff', { username: 'catp.tiepnhan2', fullName: 'Đào Thị Yến', title: 'Cán bộ tiếp nhận', email: 'yen.dt@hanoi.gov.vn', role: 'desk_officer', unitId: desk.id });
    expect(c.status).toBe(201);
    const dup = await catpAdmin.post('/api/v1/admin/staff', { username: 'catp.tiepnhan2', fullName: 'X Y', role: 'desk_officer', unitId: desk.id });
    expect(dup.status).toBe(409);
    const first = await new Api(srv.base).post('/api/v1/auth/login', { username: 'catp.tiepnhan2', password: c.body.temporaryPassword });
    expect(first.body.next).toBe('change_password');
    const { api, steps } = await signInSteps(srv.base, 'catp.tiepnhan2', c.body.temporaryPassword, { newPassword: 'con đường xưa em đi' });
    expect(steps).toEqual(['change_password']);
    expect((await api.get('/api/v1/auth/me')).body.roles).toEqual([expect.objectContaining({ role: 'desk_officer', unitId: desk.id })]);
    // The city administrator sees the new account too; the Ba Đình administrator would not.
    expect((await city.get('/api/v1/admin/staff?q=tiepnhan2')).body.items).toHaveLength(1);
  });

  it('cannot disable oneself; every change is audited with who and what', async () => {
    expect((await catpAdmin.post(`/api/v1/admin/staff/${ids['catp.quantri']}/disable`)).status).toBe(403);
    await catpAdmin.post(`/api/v1/admin/staff/${ids['catp.giamsat']}/disable`);
    await catpAdmin.post(`/api/v1/admin/staff/${ids['catp.giamsat']}/enable`);
    const d = await catpAdmin.get(`/api/v1/admin/staff/${ids['catp.giamsat']}`);
    expect(d.status).toBe(200);
    expect(d.body.events.map((e: any) => e.action).slice(0, 2)).toEqual(['enabled', 'disabled']);
    expect(d.body.events[0].actorName).toBe('Kiều Văn Sơn');
    const grants = await sql<any>`select action, detail from account_event where user_id = ${ids['catp.canbo']} order by id`.execute(srv.ctx.db);
    expect(grants.rows.map((r) => r.action)).toEqual(['role_granted', 'role_revoked']);
    expect(grants.rows[0].detail).toMatchObject({ role: 'desk_officer' });
  });

  it('the security policy is data: readable by administrators, changed by the city level only', async () => {
    const p = (await catpAdmin.get('/api/v1/admin/security-policy')).body;
    expect(p.editable).toBe(false);
    expect((await city.get('/api/v1/admin/security-policy')).body.editable).toBe(true);
    expect(p).toMatchObject({ mfaRequiredRoles: ['system_admin', 'signing_authority'], lockoutThreshold: 5, passwordMinLength: 12, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
    const body = { ...p, updatedAt: undefined, lockoutThreshold: 6 };
    expect((await catpAdmin.put('/api/v1/admin/security-policy', body)).status).toBe(403);
    expect((await city.put('/api/v1/admin/security-policy', body)).status).toBe(200);
    expect((await city.get('/api/v1/admin/security-policy')).body.lockoutThreshold).toBe(6);
  });
});

import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';

let srv: TestServer;
beforeAll(async () => { srv = await startTestServer(); });
afterAll(() => srv?.stop());

async function loginWith(username: string, ua: string, password = 'motcua2026') {
  const api = new Api(srv.base);
  const r = await api.post('/api/v1/auth/login', { username, password }, { 'user-agent': ua });
  if (!r.body.token) throw new Error(JSON.stringify(r.body));
  api.token = r.body.token;
  return api;
}

describe(`sessions, password change and the sign-in audit (${inject('pgKind')})`, () => {
  it('lists my sessions with device, address, start and last activity, marking this one', async () => {
    const phone = await loginWith('catp.tiepnhan', 'Mozilla/5.0 (Linux; Android 14) Chrome/130 Mobile');
    const pc = await loginWith('catp.tiepnhan', 'Mozilla/5.0 (Windows NT 10.0) Chrome/130');
    const r = await pc.get('/api/v1/account/sessions');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    const mine = r.body.items.find((s: any) => s.current);
    expect(mine.userAgent).toContain('Windows');
    const other = r.body.items.find((s: any) => !s.current);
    expect(other.userAgent).toContain('Android');
    expect(other.ip).toBeTruthy();
    expect(Date.parse(other.createdAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(other.lastSeenAt)).toBeGreaterThan(0);

    // Revoking takes effect at once, although the phone's principal was just cached.
    expect((await phone.get('/api/v1/auth/me')).status).toBe(200);
    const rv = await pc.post(`/api/v1/account/sessions/${other.id}/revoke`);
    expect(rv.status).toBe(200);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
    expect((await pc.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('cannot revoke someone else\'s session', async () => {
    const a = await loginWith('catp.canbo', 'A');
    const b = await loginWith('catp.truongphong', 'B');
    const bs = (await b.get('/api/v1/account/sessions')).body.items[0];
    expect((await a.post(`/api/v1/account/sessions/${bs.id}/revoke`)).status).toBe(404);
    expect((await b.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('"sign out all other sessions" keeps only this one', async () => {
    const others = [await loginWith('catp.giamsat', 'one'), await loginWith('catp.giamsat', 'two')];
    const me = await loginWith('catp.giamsat', 'three');
    for (const o of others) expect((await o.get('/api/v1/auth/me')).status).toBe(200);
    const r = await me.post('/api/v1/account/sessions/revoke-others');
    expect(r.body.ended).toBe(2);
    for (const o of others) expect((await o.get('/api/v1/auth/me')).status).toBe(401);
    expect((await me.get('/api/v1/account/sessions')).body.items).toHaveLength(1);
  });

  it('an administrator signs a user out everywhere; disabling does too', async () => {
    const user = await loginWith('ca.badinh.tiepnhan', 'x');
    const admin = await as(srv.base, 'admin');
    const id = (await user.get('/api/v1/auth/me')).body.id;
    expect((await admin.post(`/api/v1/admin/staff/${id}/revoke-sessions`)).body.ended).toBe(1);
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
    const again = await loginWith('ca.badinh.tiepnhan', 'y');
    expect((await admin.post(`/api/v1/admin/staff/${id}/disable`)).status).toBe(200);
    expect((await again.get('/api/v1/auth/me')).status).toBe(401);
    const denied = await new Api(srv.base).post('/api/v1/auth/login', { username: 'ca.badinh.tiepnhan', password: 'motcua2026' });
    expect(denied.status).toBe(401);
    expect(denied.body.code).toBe('invalid_credentials');
    await admin.post(`/api/v1/admin/staff/${id}/enable`);
    await loginWith('ca.badinh.tiepnhan', 'z');
  });

  it('idle sessions and sessions past their absolute lifetime stop working', async () => {
    const idle = await loginWith('bhxh.canbo', 'idle');
    const old = await loginWith('bhxh.canbo', 'old');
    // Never used yet: no cached principal for these tokens.
    await sql`update user_session set last_seen_at = now() - interval '31 minutes' where user_agent = 'idle'`.execute(srv.ctx.db);
    await sql`update user_session set expires_at = now() - interval '1 second' where user_agent = 'old'`.execute(srv.ctx.db);
    expect((await idle.get('/api/v1/auth/me')).status).toBe(401);
    expect((await old.get('/api/v1/auth/me')).status).toBe(401);
    const fresh = await loginWith('bhxh.canbo', 'fresh');
    const s = await sql<{ expires_at: Date; created_at: Date }>`select expires_at, created_at from user_session where user_agent = 'fresh'`.execute(srv.ctx.db);
    const hours = (s.rows[0]!.expires_at.getTime() - s.rows[0]!.created_at.getTime()) / 3600_000;
    expect(hours).toBeCloseTo(12, 1);
    expect((await fresh.get('/api/v1/account/sessions')).body.items.map((x: any) => x.userAgent)).toEqual(['fresh']);
  });

  it('changing my password needs the current one, follows the policy and signs out my other sessions', async () => {
    const other = await loginWith('badinh.truongphong', 'other');
    const me = await loginWith('badinh.truongphong', 'me');
    const wrong = await me.post('/api/v1/account/password', { currentPassword: 'nope', newPassword: 'mây trắng bay trên núi cao' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');
    const weak = await me.post('/api/v1/account/password', { currentPassword: 'motcua2026', newPassword: 'password2026' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('newPassword');
    const same = await me.post('/api/v1/account/password', { currentPassword: 'motcua2026', newPassword: 'motcua2026' });
    expect(same.status).toBe(400);
    const ok = await me.post('/api/v1/account/password', { currentPassword: 'motcua2026', newPassword: 'mây trắng bay trên núi cao' });
    expect(ok.status).toBe(200);
    expect(ok.body.otherSessionsEnded).toBe(1);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect((await me.get('/api/v1/auth/me')).status).toBe(200);
    expect((await new Api(srv.base).post('/api/v1/auth/login', { username: 'badinh.truongphong', password: 'motcua2026' })).status).toBe(401);
    await loginWith('badinh.truongphong', 'new', 'mây trắng bay trên núi cao');
    const events = (await me.get('/api/v1/account/events')).body.items;
    expect(events[0]).toMatchObject({ action: 'password_changed' });
  });

  it('an admin-set password must be changed at the first sign-in; seeded demo accounts are exempt', async () => {
    const admin = await as(srv.base, 'admin');
    const id = (await (await loginWith('bhxh.tiepnhan', 'x')).get('/api/v1/auth/me')).body.id;
    const reset = await admin.post(`/api/v1/admin/staff/${id}/reset-password`);
    expect(reset.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    const r = await new Api(srv.base).post('/api/v1/auth/login', { username: 'bhxh.tiepnhan', password: reset.body.temporaryPassword });
    expect(r.body).toMatchObject({ next: 'change_password' });
    expect(r.body.token).toBeUndefined();
    const tooShort = await new Api(srv.base).post('/api/v1/auth/login/change-password', { challenge: r.body.challenge, newPassword: 'short' });
    expect(tooShort.status).toBe(400);
    const done = await new Api(srv.base).post('/api/v1/auth/login/change-password', { challenge: r.body.challenge, newPassword: 'hoa phượng đỏ sân trường' });
    expect(done.body.token).toBeTruthy();
    // Seeded accounts sign in with the demo password directly (Api.login contract).
    for (const u of ['admin', 'catp.lanhdao', '001090012345']) expect((await new Api(srv.base).post('/api/v1/auth/login', { username: u, password: 'motcua2026' })).body.token).toBeTruthy();
  });

  it('my recent sign-ins, including logout; others\' are not shown', async () => {
    const api = await loginWith('001195006789', 'citizen-browser');
    await new Api(srv.base).post('/api/v1/auth/login', { username: '001195006789', password: 'wrong' });
    const temp = await loginWith('001195006789', 'short-lived');
    await temp.post('/api/v1/auth/logout');
    const r = await api.get('/api/v1/account/sign-ins');
    expect(r.status).toBe(200);
    const seen = r.body.items.map((e: any) => `${e.method}:${e.outcome}`);
    expect(seen.slice(0, 4)).toEqual(['logout:success', 'password:success', 'password:failure', 'password:success']);
    expect(r.body.items.every((e: any) => e.userId === r.body.items[0].userId)).toBe(true);
    // Citizens see sessions too; TOTP enrolment is for staff.
    expect((await api.get('/api/v1/account/sessions')).body.items.length).toBeGreaterThan(0);
    expect((await api.post('/api/v1/account/totp/enrol')).status).toBe(403);
  });

  it('the audit tables are append-only', async () => {
    for (const t of ['sign_in_event', 'account_event']) {
      await expect(sql.raw(`update ${t} set at = now()`).execute(srv.ctx.db)).rejects.toThrow(/append-only/);
      await expect(sql.raw(`delete from ${t}`).execute(srv.ctx.db)).rejects.toThrow(/append-only/);
      await expect(sql.raw(`truncate ${t}`).execute(srv.ctx.db)).rejects.toThrow(/append-only/);
    }
    const n = await sql<{ n: number }>`select count(*)::int as n from sign_in_event`.execute(srv.ctx.db);
    expect(n.rows[0]!.n).toBeGreaterThan(10);
  });
});

import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { codeFor, signInSteps } from './signin-steps.testkit.ts';

let srv: TestServer;
beforeAll(async () => { srv = await startTestServer(); });
afterAll(() => srv?.stop());

const login = (username: string, password = 'motcua2026') => new Api(srv.base).post('/api/v1/auth/login', { username, password });

describe(`TOTP two-factor sign-in (${inject('pgKind')})`, () => {
  let secret = '';
  let recovery: string[] = [];

  it('enrolment: a secret as QR and text, active only once a first code confirms it', async () => {
    const api = await as(srv.base, 'badinh.tiepnhan');
    const e = await api.post('/api/v1/account/totp/enrol');
    expect(e.status).toBe(200);
    expect(e.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(e.body.otpauthUri).toContain('otpauth://totp/');
    expect(e.body.otpauthUri).toContain(`secret=${e.body.secret}`);
    expect(e.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    secret = e.body.secret;
    // Not active yet: the password alone still signs in.
    expect((await login('badinh.tiepnhan')).body.token).toBeTruthy();
    expect((await api.get('/api/v1/account/security')).body.totp.enrolled).toBe(false);
    // A wrong first code does not activate it.
    const wrong = await api.post('/api/v1/account/totp/confirm', { code: codeFor(secret, 5) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('wrong_code');
    const ok = await api.post('/api/v1/account/totp/confirm', { code: codeFor(secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    recovery = ok.body.recoveryCodes;
    const st = (await api.get('/api/v1/account/security')).body.totp;
    expect(st).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
  });

  it('the secret is encrypted at rest and recovery codes are stored hashed', async () => {
    const row = await sql<{ secret_enc: string }>`select t.secret_enc from user_totp t join app_user u on u.id = t.user_id where u.username = 'badinh.tiepnhan'`.execute(srv.ctx.db);
    expect(row.rows[0]!.secret_enc).toMatch(/^v1:/);
    expect(row.rows[0]!.secret_enc).not.toContain(secret);
    const codes = await sql<{ code_hash: string }>`select c.code_hash from user_recovery_code c join app_user u on u.id = c.user_id where u.username = 'badinh.tiepnhan'`.execute(srv.ctx.db);
    expect(codes.rows).toHaveLength(10);
    for (const c of codes.rows) for (const code of recovery) expect(c.code_hash).not.toContain(code.replace('-', ''));
  });

  it('sign-in: the password gives a single-use challenge, not a session; the session comes after a correct code', async () => {
    const r = await login('badinh.tiepnhan');
    expect(r.status).toBe(200);
    expect(r.body.token).toBeUndefined();
    expect(r.body.next).toBe('totp');
    expect(r.headers.get('set-cookie')).toBeNull();
    // The challenge is no session.
    const asBearer = new Api(srv.base);
    asBearer.token = r.body.challenge;
    expect((await asBearer.get('/api/v1/auth/me')).status).toBe(401);
    const api = new Api(srv.base);
    const bad = await api.post('/api/v1/auth/login/second-factor', { challenge: r.body.challenge, code: codeFor(secret, 7) });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('wrong_code');
    const good = await api.post('/api/v1/auth/login/second-factor', { challenge: r.body.challenge, code: codeFor(secret, 1) });
    expect(good.status).toBe(200);
    expect(good.body.token).toBeTruthy();
    api.token = good.body.token;
    expect((await api.get('/api/v1/auth/me')).body.fullName).toBe('Vũ Thị Mai');
    // Single use: the same challenge cannot open a second session.
    const again = await api.post('/api/v1/auth/login/second-factor', { challenge: r.body.challenge, code: codeFor(secret, 1) });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('challenge_expired');
  });

  it('a code cannot be replayed within its window', async () => {
    const code = codeFor(secret, 1); // just used above
    const r = await login('badinh.tiepnhan');
    const replay = await new Api(srv.base).post('/api/v1/auth/login/second-factor', { challenge: r.body.challenge, code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('code_used');
    // An older code (the current step, before the one used) is refused too.
    const older = await new Api(srv.base).post('/api/v1/auth/login/second-factor', { challenge: r.body.challenge, code: codeFor(secret, 0) });
    expect(older.status).toBe(401);
  });

  it('a recovery code works once', async () => {
    const r1 = await login('badinh.tiepnhan');
    const ok = await new Api(srv.base).post('/api/v1/auth/login/second-factor', { challenge: r1.body.challenge, recoveryCode: recovery[0]!.toLowerCase() });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toBeTruthy();
    const r2 = await login('badinh.tiepnhan');
    const reuse = await new Api(srv.base).post('/api/v1/auth/login/second-factor', { challenge: r2.body.challenge, recoveryCode: recovery[0] });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('wrong_code');
    const api = new Api(srv.base);
    api.token = ok.body.token;
    expect((await api.get('/api/v1/account/security')).body.totp.recoveryCodesLeft).toBe(9);
  });

  it('the audit records the second-factor steps without codes', async () => {
    const rows = await sql<any>`select e.* from sign_in_event e join app_user u on u.id = e.user_id where u.username = 'badinh.tiepnhan' and e.method in ('totp', 'recovery_code') order by e.id`.execute(srv.ctx.db);
    const seen = rows.rows.map((r) => `${r.method}:${r.outcome}:${r.reason ?? ''}`);
    expect(seen).toEqual(expect.arrayContaining(['totp:failure:wrong_code', 'totp:failure:replayed_code', 'totp:success:', 'recovery_code:success:', 'recovery_code:failure:wrong_code']));
    const text = JSON.stringify(rows.rows);
    for (const c of recovery) expect(text).not.toContain(c);
    expect(text).not.toContain(codeFor(secret, 1));
  });

  it('turning it off needs the password and a current code; an administrator can reset it', async () => {
    const { api } = await signInSteps(srv.base, 'badinh.tiepnhan', 'motcua2026', { secret });
    const noPw = await api.post('/api/v1/account/totp/disable', { password: 'wrong-password', code: codeFor(secret, 1) });
    expect(noPw.status).toBe(400);
    const noCode = await api.post('/api/v1/account/totp/disable', { password: 'motcua2026', code: '000000' });
    expect(noCode.status).toBe(400);
    // Still on.
    expect((await login('badinh.tiepnhan')).body.next).toBe('totp');

    // Lost phone: the city administrator resets it; the password alone signs in again.
    const admin = await as(srv.base, 'admin');
    const id = (await api.get('/api/v1/auth/me')).body.id;
    const reset = await admin.post(`/api/v1/admin/staff/${id}/reset-2fa`);
    expect(reset.status).toBe(200);
    expect(reset.body.hadTotp).toBe(true);
    // The reset ended the user's sessions at once.
    expect((await api.get('/api/v1/auth/me')).status).toBe(401);
    expect((await login('badinh.tiepnhan')).body.token).toBeTruthy();
  });

  it('self-service off switch works with password and code', async () => {
    const api = await as(srv.base, 'bhxh.tiepnhan');
    const e = await api.post('/api/v1/account/totp/enrol');
    await api.post('/api/v1/account/totp/confirm', { code: codeFor(e.body.secret) });
    const off = await api.post('/api/v1/account/totp/disable', { password: 'motcua2026', code: codeFor(e.body.secret, 1) });
    expect(off.status).toBe(200);
    expect((await login('bhxh.tiepnhan')).body.token).toBeTruthy();
  });

  it('mandatory for the policy roles: a new signing authority changes the temporary password, then enrols, before any session', async () => {
    const admin = await as(srv.base, 'admin');
    const units = await admin.get('/api/v1/admin/units?q=000.00.12.H26');
    const bhxh = units.body.items.find((a: any) => a.code === '000.00.12.H26');
    const leadership = bhxh.units.find((u: any) => u.kind === 'leadership');
    const c = await admin.post('/api/v1/admin/staff', { username: 'bhxh.phogiamdoc', fullName: 'Lương Văn Tâm', title: 'Phó Giám đốc', email: 'tam@hanoi.gov.vn', role: 'signing_authority', unitId: leadership.id });
    expect(c.status).toBe(201);
    const first = await login('bhxh.phogiamdoc', c.body.temporaryPassword);
    expect(first.body).toMatchObject({ next: 'change_password' });
    expect(first.body.token).toBeUndefined();
    const steps = await signInSteps(srv.base, 'bhxh.phogiamdoc', c.body.temporaryPassword, { newPassword: 'bốn mùa hoa sữa Hà Nội' });
    expect(steps.steps).toEqual(['change_password', 'enrol_totp']);
    expect(steps.recoveryCodes).toHaveLength(10);
    expect((await steps.api.get('/api/v1/auth/me')).body.roles[0].role).toBe('signing_authority');
    // From now on: password, then code.
    const again = await signInSteps(srv.base, 'bhxh.phogiamdoc', 'bốn mùa hoa sữa Hà Nội', { secret: steps.secret });
    expect(again.steps).toEqual(['totp']);
    // It cannot be switched off while the role requires it.
    const off = await again.api.post('/api/v1/account/totp/disable', { password: 'bốn mùa hoa sữa Hà Nội', code: codeFor(steps.secret!, 2) });
    expect(off.status).toBe(403);
    expect(off.body.code).toBe('mfa_required');
  });

  it('an enrolment challenge opens nothing else', async () => {
    const admin = await as(srv.base, 'admin');
    const units = await admin.get('/api/v1/admin/units?q=000.00.12.H26');
    const bhxh = units.body.items.find((a: any) => a.code === '000.00.12.H26');
    const c = await admin.post('/api/v1/admin/staff', { username: 'bhxh.quantri', fullName: 'Hà Minh Quân', title: 'Quản trị hệ thống', role: 'system_admin', unitId: bhxh.id });
    const first = await login('bhxh.quantri', c.body.temporaryPassword);
    expect(first.body.next).toBe('change_password');
    const r = await new Api(srv.base).post('/api/v1/auth/login/change-password', { challenge: first.body.challenge, newPassword: 'một ngày mới thật đẹp trời' });
    expect(r.body.next).toBe('enrol_totp');
    expect(r.body.token).toBeUndefined();
    // The password-change challenge was spent.
    expect((await new Api(srv.base).post('/api/v1/auth/login/change-password', { challenge: first.body.challenge, newPassword: 'một ngày mới thật đẹp trời nữa' })).status).toBe(401);
    const api = new Api(srv.base);
    api.token = r.body.challenge;
    expect((await api.get('/api/v1/admin/staff')).status).toBe(401);
    expect((await api.get('/api/v1/auth/me')).status).toBe(401);
    // A second-factor step is not accepted for an enrolment challenge.
    const wrongStep = await new Api(srv.base).post('/api/v1/auth/login/second-factor', { challenge: r.body.challenge, code: '123456' });
    expect(wrongStep.body.code).toBe('challenge_expired');
  });
});

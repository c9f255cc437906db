import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
  // Every request here comes from 127.0.0.1: the per-address limit is tested on its own at the end.
  const admin = await as(srv.base, 'admin');
  const policy = (await admin.get('/api/v1/admin/security-policy')).body;
  await admin.put('/api/v1/admin/security-policy', { ...policy, updatedAt: undefined, ipFailureLimit: 10000 });
});
afterAll(() => srv?.stop());

const login = (username: string, password: string, ua = 'vitest') => new Api(srv.base).post('/api/v1/auth/login', { username, password }, { 'user-agent': ua });
/** The answer without what legitimately differs between two requests (instance path is equal; time differs). */
const shape = (b: any) => ({ ...b, lockedUntil: b.lockedUntil ? 'T' : undefined, retryAfterSeconds: b.retryAfterSeconds ? 'S' : undefined, message_vi: b.message_vi?.replace(/\d{2}:\d{2}.*?\(/, 'T ('), message_en: b.message_en?.replace(/after .* UTC/, 'after T UTC'), title: undefined, detail: undefined });

describe(`lockout, throttling and no account enumeration (${inject('pgKind')})`, () => {
  it('locks a name after 5 consecutive failures, even for the right password, and says until when', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await login('catp.canbo', 'not the password');
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('invalid_credentials');
    }
    const fifth = await login('catp.canbo', 'not the password');
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('account_locked');
    const until = new Date(fifth.body.lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(fifth.body.message_vi).toMatch(/thử lại sau \d{2}:\d{2}/);
    const right = await login('catp.canbo', 'motcua2026');
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('account_locked');
    expect(right.body.token).toBeUndefined();
  });

  it('an unknown name gets exactly the same answers, in the same sequence', async () => {
    const known: any[] = [];
    const unknown: any[] = [];
    for (let i = 0; i < 6; i++) known.push(await login('catp.truongphong', `wrong ${i}`));
    for (let i = 0; i < 6; i++) unknown.push(await login('catp.khongtontai', `wrong ${i}`));
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    expect(unknown.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    for (let i = 0; i < 6; i++) expect(shape(unknown[i].body)).toEqual(shape(known[i].body));
  });

  it('unknown names and wrong passwords take comparable time (the password hash is computed either way)', async () => {
    const time = async (name: string) => {
      const t = performance.now();
      await login(name, 'some wrong password');
      return performance.now() - t;
    };
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < 3; i++) { k.push(await time('bhxh.canbo')); u.push(await time(`nobody.${i}`)); }
    const med = (a: number[]) => a.sort((x, y) => x - y)[1]!;
    // scrypt dominates (tens of ms): an unknown name skipping it would be several times faster.
    expect(med(u)).toBeGreaterThan(med(k) * 0.5);
  });

  it('an administrator unlocks; the next lock lasts twice as long', async () => {
    const admin = await as(srv.base, 'admin');
    const list = await admin.get('/api/v1/admin/staff?q=catp.canbo');
    const u = list.body.items.find((x: any) => x.username === 'catp.canbo');
    expect(u.lockedUntil).toBeTruthy();
    const un = await admin.post(`/api/v1/admin/staff/${u.id}/unlock`);
    expect(un.body.wasLocked).toBe(true);
    expect((await login('catp.canbo', 'motcua2026')).body.token).toBeTruthy();

    // Growing locks: after a lock expires, the next one is 30 minutes.
    for (let i = 0; i < 5; i++) await login('bhxh.lanhdao', 'wrong');
    await sql`update login_throttle set locked_until = now() - interval '1 second' where login_name = 'bhxh.lanhdao'`.execute(srv.ctx.db);
    let last: any;
    for (let i = 0; i < 5; i++) last = await login('bhxh.lanhdao', 'wrong');
    expect(last.status).toBe(429);
    const minutes = (new Date(last.body.lockedUntil).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
  });

  it('a success resets the count of consecutive failures', async () => {
    for (let i = 0; i < 4; i++) await login('badinh.chuyenvien', 'wrong');
    expect((await login('badinh.chuyenvien', 'motcua2026')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('badinh.chuyenvien', 'wrong')).status).toBe(401);
    expect((await login('badinh.chuyenvien', 'motcua2026')).status).toBe(200);
  });

  it('failures older than a day are forgotten', async () => {
    for (let i = 0; i < 4; i++) await login('badinh.chutich', 'wrong');
    await sql`update login_throttle set updated_at = now() - interval '25 hours' where login_name = 'badinh.chutich'`.execute(srv.ctx.db);
    expect((await login('badinh.chutich', 'wrong')).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await login('badinh.chutich', 'wrong')).status).toBe(401);
    expect((await login('badinh.chutich', 'wrong')).status).toBe(429);
  });

  it('every attempt is in the sign-in audit with its reason; an admin filters it', async () => {
    const admin = await as(srv.base, 'admin');
    const fails = await admin.get('/api/v1/admin/sign-ins?outcome=failure&q=catp.canbo');
    expect(fails.body.items.length).toBeGreaterThanOrEqual(5);
    expect(fails.body.items.every((e: any) => e.outcome === 'failure' && e.reason === 'invalid_credentials' && e.username === 'catp.canbo')).toBe(true);
    expect(fails.body.items[0].ip).toBeTruthy();
    expect(fails.body.items[0].userAgent).toBe('vitest');
    const unknown = await admin.get('/api/v1/admin/sign-ins?q=catp.khongtontai');
    expect(unknown.body.items.map((e: any) => `${e.outcome}:${e.reason}`)).toEqual(expect.arrayContaining(['failure:unknown_user', 'locked:threshold', 'locked:locked']));
    expect(unknown.body.items.every((e: any) => e.userId === null)).toBe(true);
    const locked = await admin.get('/api/v1/admin/sign-ins?outcome=locked');
    expect(locked.body.items.length).toBeGreaterThan(0);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await admin.get(`/api/v1/admin/sign-ins?from=${today}&to=${today}&q=catp.canbo`)).body.items.length).toBeGreaterThan(0);
    expect((await admin.get(`/api/v1/admin/sign-ins?from=2020-01-01&to=2020-01-02`)).body.items).toEqual([]);
    // Nothing secret is stored: no password typed in any attempt appears.
    const all = await sql<any>`select * from sign_in_event`.execute(srv.ctx.db);
    const text = JSON.stringify(all.rows);
    expect(text).not.toContain('not the password');
    expect(text).not.toContain('motcua2026');
  });

  it('per-address throttling: too many failures from one IP are refused whatever the name', async () => {
    const admin = await as(srv.base, 'admin');
    const policy = (await admin.get('/api/v1/admin/security-policy')).body;
    const failures = await sql<{ n: number }>`select count(*)::int as n from sign_in_event where outcome = 'failure'`.execute(srv.ctx.db);
    const put = await admin.put('/api/v1/admin/security-policy', { ...policy, updatedAt: undefined, ipFailureLimit: failures.rows[0]!.n + 3 });
    expect(put.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(`someone${i}`, 'x')).status).toBe(401);
    const r = await login('badinh.tiepnhan', 'motcua2026');
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('too_many_attempts');
    await admin.put('/api/v1/admin/security-policy', { ...policy, updatedAt: undefined });
    expect((await login('badinh.tiepnhan', 'motcua2026')).status).toBe(200);
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, startTestServer, type TestServer } from '../../../../test/server.ts';
import { Agent, loginAction, type Hop } from './testing.ts';

/**
 * e-ID sign-in against the bundled demo VNeID provider (mounted at /eid of the test server), over
 * real HTTP with a cookie-keeping user agent: sign-in and account update, single-use callbacks,
 * state bound to the browser, the return path, RP-initiated logout.
 */
let srv: TestServer;
let db: pg.Client;
beforeAll(async () => {
  srv = await startTestServer();
  db = new pg.Client({ connectionString: srv.dbUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await srv?.stop();
});

const PASSWORD = 'motcua2026';

/** Start at Motcua, log in at the provider; returns the hops up to (not including) Motcua's callback. */
async function toCallback(agent: Agent, idNumber: string, returnTo = '/ho-so-cua-toi'): Promise<{ callback: string; hops: Hop[] }> {
  const start = await agent.follow(`${srv.base}/api/v1/auth/eid/start?returnTo=${encodeURIComponent(returnTo)}`, {}, (u) => u.includes('/auth/eid/callback'));
  let last = start.at(-1)!;
  if (!last.location?.includes('/auth/eid/callback')) {
    const posted = await agent.follow(loginAction(last), { form: { id_number: idNumber, password: PASSWORD } }, (u) => u.includes('/auth/eid/callback'));
    last = posted.at(-1)!;
    start.push(...posted);
  }
  expect(last.location, `no redirect to the callback: ${last.status} ${last.body.slice(0, 200)}`).toContain('/api/v1/auth/eid/callback');
  return { callback: last.location!, hops: start };
}

async function me(agent: Agent) {
  const token = agent.cookie(srv.base, 'motcua_session');
  if (!token) return { status: 401 } as { status: number; body?: any };
  return new Api(srv.base).get('/api/v1/auth/me', { authorization: `Bearer ${token}` });
}

describe('e-ID sign-in with the bundled provider', () => {
  it('signs a citizen in through the provider and returns them to the page they came from', async () => {
    const agent = new Agent();
    const { callback, hops } = await toCallback(agent, '001090012345', '/thu-tuc/1.001193/nop-ho-so?x=1');
    // Authorization request: code flow with PKCE S256, state and nonce, at the discovered endpoint.
    const auth = new URL(hops.find((h) => h.location?.includes('/eid/auth'))!.location!);
    expect(auth.searchParams.get('response_type')).toBe('code');
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('scope')).toContain('vneid');
    const done = await agent.request(callback);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${srv.base}/thu-tuc/1.001193/nop-ho-so?x=1`);
    const m = await me(agent);
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ kind: 'citizen', idNumber: '001090012345', fullName: 'Nguyễn Văn An', eidLevel: 2 });
    const s = await db.query(`select s.auth_method, e.subject from user_session s join eid_session e on e.session_id = s.id join app_user u on u.id = s.user_id where u.id_number = '001090012345'`);
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0].auth_method).toBe('eid');
  });

  it('creates the account of a first-time citizen from the claims and updates the level at each sign-in', async () => {
    expect((await db.query(`select 1 from app_user where id_number = '036192004518'`)).rowCount).toBe(0);
    const agent = new Agent();
    const { callback } = await toCallback(agent, '036192004518');
    expect((await agent.request(callback)).location).toBe(`${srv.base}/ho-so-cua-toi`);
    const u = await db.query(`select kind, full_name, to_char(date_of_birth, 'YYYY-MM-DD') dob, sex, phone, address, eid_level, password_hash from app_user where id_number = '036192004518'`);
    expect(u.rows[0]).toMatchObject({ kind: 'citizen', full_name: 'Phạm Thu Hằng', dob: '1992-08-21', sex: 'Nữ', eid_level: 2, password_hash: null });
    expect(u.rows[0].phone).toMatch(/^09\d{8}$/);
    expect(u.rows[0].address).toBe('Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội');
    const ids = await db.query(`select e.issuer from eid_identity e join app_user u on u.id = e.user_id where u.id_number = '036192004518'`);
    expect(ids.rows).toEqual([{ issuer: `${srv.base}/eid` }]);

    // The level (and other details) come from the provider at every sign-in, not from what was stored.
    await db.query(`update app_user set eid_level = 2, full_name = 'Tên cũ' where id_number = '001301004321'`);
    const c = new Agent();
    await c.request((await toCallback(c, '001301004321')).callback);
    expect((await me(c)).body).toMatchObject({ fullName: 'Lê Hoàng Cường', eidLevel: 1 });
  });

  it('refuses a replayed callback, a wrong state, an attempt from another browser, and a code used twice', async () => {
    const agent = new Agent();
    const { callback } = await toCallback(agent, '001195006789');
    const first = await agent.request(callback);
    expect(first.status).toBe(302);
    const sessions = async () => Number((await db.query(`select count(*) n from user_session s join app_user u on u.id = s.user_id where u.id_number = '001195006789'`)).rows[0].n);
    const before = await sessions();

    // The same callback again (browser back button, or an attacker who saw the URL).
    const again = await agent.request(callback);
    expect(again.status).toBe(400);
    expect(again.body).toContain('Mỗi lượt đăng nhập chỉ dùng được một lần');
    expect(again.body).toContain('eid_replayed');
    expect(again.body).not.toMatch(/^\s*\{/);

    // The used code with a fresh, valid attempt: the provider refuses it (single use; PKCE verifier differs).
    const other = new Agent();
    const fresh = await other.follow(`${srv.base}/api/v1/auth/eid/start`, {}, (u) => u.includes('/eid/auth'));
    const state2 = new URL(fresh.at(-1)!.location!).searchParams.get('state')!;
    const reused = new URL(callback);
    reused.searchParams.set('state', state2);
    const r2 = await other.request(reused.href);
    expect(r2.status).toBe(401);
    expect(r2.body).toContain('eid_token_rejected');

    // A state this site never issued.
    const wrong = new URL(callback);
    wrong.searchParams.set('state', 'x'.repeat(43));
    const r3 = await new Agent().request(wrong.href);
    expect(r3.status).toBe(400);
    expect(r3.body).toContain('eid_wrong_state');

    // A genuine callback opened in a browser that did not start the sign-in (login CSRF).
    const victim = new Agent();
    const attacker = new Agent();
    const { callback: planted } = await toCallback(attacker, '001195006789');
    const r4 = await victim.request(planted);
    expect(r4.status).toBe(400);
    expect(r4.body).toContain('eid_other_browser');
    expect(victim.cookie(srv.base, 'motcua_session')).toBeUndefined();

    expect(await sessions()).toBe(before);
  });

  it('refuses an attempt older than ten minutes and a locked account, with a page saying so', async () => {
    const slow = new Agent();
    const { callback } = await toCallback(slow, '001195006789');
    // Ten minutes later (the attempt's expiry moved into the past).
    await db.query(`update eid_login_tx set expires_at = now() - interval '1 second' where consumed_at is null`);
    const late = await slow.request(callback);
    expect(late.status).toBe(400);
    expect(late.body).toContain('eid_expired');
    expect(late.body).toContain('quá thời gian cho phép');

    await db.query(`update app_user set disabled = true where id_number = '001195006789'`);
    try {
      const locked = new Agent();
      const r = await locked.request((await toCallback(locked, '001195006789')).callback);
      expect(r.status).toBe(403);
      expect(r.body).toContain('eid_account_disabled');
      expect(locked.cookie(srv.base, 'motcua_session')).toBeUndefined();
    } finally {
      await db.query(`update app_user set disabled = false where id_number = '001195006789'`);
    }
  });

  it('only returns to paths on this site', async () => {
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/api/v1/auth/me']) {
      const agent = new Agent();
      const { callback } = await toCallback(agent, '001090012345', evil);
      expect((await agent.request(callback)).location).toBe(`${srv.base}/ho-so-cua-toi`);
    }
  });

  it('cancelling at the provider lands on an explanation, not an error dump', async () => {
    const agent = new Agent();
    const hops = await agent.follow(`${srv.base}/api/v1/auth/eid/start`);
    const abort = loginAction(hops.at(-1)!).replace(/\/login$/, '/abort');
    const end = (await agent.follow(abort, { form: {} })).at(-1)!;
    expect(end.url).toContain('/api/v1/auth/eid/callback');
    expect(end.status).toBe(400);
    expect(end.body).toContain('Bạn đã hủy đăng nhập');
    expect(end.body).toContain('You cancelled the e-ID sign-in.');
  });

  it('the provider page explains a wrong password and a malformed ID number', async () => {
    const agent = new Agent();
    const page = (await agent.follow(`${srv.base}/api/v1/auth/eid/start`)).at(-1)!;
    expect(page.body).toContain('MÔI TRƯỜNG THỬ NGHIỆM');
    const action = loginAction(page);
    const bad = await agent.request(action, { form: { id_number: '12345', password: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Số định danh cá nhân phải gồm đúng 12 chữ số.');
    expect(bad.body).toContain('aria-invalid="true"');
    const wrong = await agent.request(action, { form: { id_number: '001090012345', password: 'wrong' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Số định danh cá nhân hoặc mật khẩu không đúng.');
  });

  it('logout ends the Motcua session and the provider session (RP-initiated logout)', async () => {
    const agent = new Agent();
    await agent.request((await toCallback(agent, '001090012345')).callback);
    const token = agent.cookie(srv.base, 'motcua_session')!;
    const out = await new Api(srv.base).post('/api/v1/auth/eid/logout', {}, { authorization: `Bearer ${token}` });
    expect(out.status).toBe(200);
    const end = new URL(out.body.endSessionUrl);
    expect(end.href.startsWith(`${srv.base}/eid/session/end`)).toBe(true);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${srv.base}/`);
    expect((await new Api(srv.base).get('/api/v1/auth/me', { authorization: `Bearer ${token}` })).status).toBe(401);

    // The browser goes to the provider, which signs it out (auto-submitted confirmation) and comes back.
    const confirm = (await agent.follow(end.href)).at(-1)!;
    const form = /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/.exec(confirm.body);
    expect(form, confirm.body.slice(0, 500)).toBeTruthy();
    const back = await agent.follow(new URL(form![1], end).href, { form: { xsrf: form![2], logout: 'yes' } });
    expect(back.at(-1)!.url).toBe(`${srv.base}/`);

    // Signing in again needs the password again: the provider session is gone.
    const again = (await agent.follow(`${srv.base}/api/v1/auth/eid/start`, {}, (u) => u.includes('/auth/eid/callback'))).at(-1)!;
    expect(again.body).toContain('name="password"');
  });

  it('a session started with the provider still open skips the provider login (single sign-on)', async () => {
    const agent = new Agent();
    await agent.request((await toCallback(agent, '001090012345')).callback);
    const second = await agent.follow(`${srv.base}/api/v1/auth/eid/start?returnTo=/tra-cuu`, {}, (u) => u.includes('/auth/eid/callback'));
    const cb = second.at(-1)!.location!;
    expect(cb).toContain('/api/v1/auth/eid/callback');
    expect((await agent.request(cb)).location).toBe(`${srv.base}/tra-cuu`);
  });
});

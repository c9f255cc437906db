import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { Api, startTestServer, type TestServer } from '../../../../test/server.ts';
import { Agent, startHostileProvider, type HostileProvider } from './testing.ts';

/**
 * ID tokens a genuine provider would never issue, from a hostile-but-real OpenID provider (its own
 * HTTP server: discovery, JWKS, authorization and token endpoints; tokens signed with its keys).
 * Motcua is pointed at it only through OIDC_* environment variables, configured as production
 * would be (CITIZEN_PASSWORD_LOGIN=false). Each bad token must leave the citizen signed out, on an
 * explanation page, with nothing written to their account.
 */
let srv: TestServer;
let op: HostileProvider;
let db: pg.Client;
beforeAll(async () => {
  op = await startHostileProvider();
  const env = { OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: op.clientId, OIDC_CLIENT_SECRET: op.clientSecret, CITIZEN_PASSWORD_LOGIN: 'false' };
  Object.assign(process.env, env);
  try {
    srv = await startTestServer();
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
  db = new pg.Client({ connectionString: srv.dbUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await srv?.stop();
  await op?.close();
});
beforeEach(() => {
  op.craft = { claims: (b) => b };
});

/** The whole round trip in one browser; returns Motcua's answer at the callback. */
async function signIn() {
  const agent = new Agent();
  const hops = await agent.follow(`${srv.base}/api/v1/auth/eid/start?returnTo=/ho-so-cua-toi`);
  return { agent, end: hops.at(-1)!, hops };
}

const anName = async () => (await db.query(`select full_name, eid_level from app_user where id_number = '001090012345'`)).rows[0];

describe('production configuration', () => {
  it('citizens cannot sign in with a password, staff still can, and the e-ID is offered', async () => {
    const citizen = await new Api(srv.base).post('/api/v1/auth/login', { username: '001090012345', password: 'motcua2026' });
    expect(citizen.status).toBe(403);
    expect(citizen.body.code).toBe('use_eid');
    expect(citizen.body.message_vi).toContain('VNeID');
    expect((await new Api(srv.base).post('/api/v1/auth/login', { username: 'catp.tiepnhan', password: 'motcua2026' })).status).toBe(200);
    expect((await new Api(srv.base).get('/api/v1/auth/eid')).body).toEqual({ available: true, bundledDemoProvider: false, issuer: op.issuer, citizenPasswordLogin: false });
  });
});

describe('ID tokens the relying party must refuse', () => {
  it('accepts the well-formed token (the baseline the other cases change one thing of)', async () => {
    const { agent, hops } = await signIn();
    expect(hops.at(-1)!.url).toBe(`${srv.base}/ho-so-cua-toi`);
    expect(agent.cookie(srv.base, 'motcua_session')).toBeTruthy();
    const ids = await db.query(`select issuer, subject from eid_identity`);
    expect(ids.rows).toEqual([{ issuer: op.issuer, subject: 'hostile-subject-1' }]);
  });

  const cases: [string, () => void | Promise<void>, RegExp][] = [
    ['a tampered token (payload changed after signing)', () => {
      op.craft = {
        claims: (b) => b,
        after: (t) => {
          const [h, p, s] = t.split('.');
          const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
          claims.name = 'Kẻ Giả Mạo';
          return [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
        },
      };
    }, /chữ ký số không đúng/],
    ['a token signed by a key the provider does not publish', async () => {
      op.craft = { claims: (b) => b, key: (await jose.generateKeyPair('RS256')).privateKey };
    }, /chữ ký số không đúng/],
    ['an unsigned token (alg none)', () => {
      op.craft = { claims: (b) => b, after: (t) => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${t.split('.')[1]}.` };
    }, /eid_token_rejected/],
    ['an expired token', () => {
      op.craft = { claims: (b) => ({ ...b, iat: Number(b.iat) - 7200, exp: Number(b.iat) - 3600 }) };
    }, /đã hết hạn/],
    ['a token for another client (wrong audience)', () => {
      op.craft = { claims: (b) => ({ ...b, aud: 'another-service' }) };
    }, /không được cấp cho hệ thống này/],
    ['a token from another issuer', () => {
      op.craft = { claims: (b) => ({ ...b, iss: 'https://evil.example' }) };
    }, /không do hệ thống định danh đã cấu hình phát hành/],
    ['a token with another sign-in\'s nonce', () => {
      op.craft = { claims: (b) => ({ ...b, nonce: 'a-nonce-from-another-sign-in' }) };
    }, /không khớp với lượt đăng nhập này/],
    ['a token without a nonce', () => {
      op.craft = { claims: ({ nonce: _n, ...b }) => b };
    }, /không khớp với lượt đăng nhập này/],
  ];

  for (const [name, setup, message] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await anName();
      await setup();
      const { agent, end } = await signIn();
      expect(end.url).toContain('/api/v1/auth/eid/callback');
      expect(end.status).toBe(401);
      expect(end.body).toMatch(message);
      expect(end.body).toContain('Không đăng nhập được bằng tài khoản định danh điện tử');
      expect(end.body).toContain('lang="en"');
      expect(agent.cookie(srv.base, 'motcua_session')).toBeUndefined();
      expect(await anName()).toEqual(before);
    });
  }

  it('refuses the same code twice and the same callback twice (single use at both ends)', async () => {
    const agent = new Agent();
    const hops = await agent.follow(`${srv.base}/api/v1/auth/eid/start`, {}, (u) => u.startsWith(srv.base) && u.includes('/callback'));
    const callback = hops.at(-1)!.location!;
    expect((await agent.request(callback)).status).toBe(302);
    const replay = await agent.request(callback);
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('eid_replayed');
    // The code again under a fresh state of the same browser: the provider has already spent it.
    const next = await agent.follow(`${srv.base}/api/v1/auth/eid/start`, {}, (u) => u.startsWith(srv.base) && u.includes('/callback'));
    const fresh = new URL(next.at(-1)!.location!);
    fresh.searchParams.set('code', new URL(callback).searchParams.get('code')!);
    const reused = await agent.request(fresh.href);
    expect(reused.status).toBe(401);
    expect(reused.body).toContain('mã xác thực đã được dùng');
  });

  it('refuses a callback whose state is not the one sent', async () => {
    const agent = new Agent();
    const hops = await agent.follow(`${srv.base}/api/v1/auth/eid/start`, {}, (u) => u.startsWith(srv.base) && u.includes('/callback'));
    const cb = new URL(hops.at(-1)!.location!);
    // Change the last character (to something it is not: a fixed replacement would match 1 time in 64).
    const sent = cb.searchParams.get('state')!;
    cb.searchParams.set('state', `${sent.slice(0, -1)}${sent.endsWith('A') ? 'B' : 'A'}`);
    const r = await agent.request(cb.href);
    expect(r.status).toBe(400);
    expect(r.body).toContain('eid_wrong_state');
    expect(agent.cookie(srv.base, 'motcua_session')).toBeUndefined();
  });
});

describe('ID-number claims that break a structural rule are refused, each with its own reason', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['not 12 digits', { id_number: '00109001234' }, 'phải gồm đúng 12 chữ số'],
    ['an unknown province code', { id_number: '999090012345' }, 'Ba số đầu (999) không phải mã tỉnh'],
    ['a century digit that contradicts the birth year', { id_number: '001290012345' }, 'chỉ thế kỷ 21, không khớp năm sinh 1990'],
    ['year digits that are not the birth year', { id_number: '001091012345' }, 'phải là hai số cuối của năm sinh (90)'],
    ['a sex digit that contradicts the sex claim', { id_number: '001190012345' }, 'chỉ giới tính nữ, không khớp giới tính đã khai (Nam)'],
  ];
  for (const [rule, change, message] of cases) {
    it(`refuses ${rule}`, async () => {
      op.craft = { claims: (b) => ({ ...b, ...change, sub: `sub-${rule}` }) };
      const { agent, end } = await signIn();
      expect(end.status).toBe(400);
      expect(end.body).toContain('eid_invalid_id_number');
      expect(end.body).toContain(message);
      expect(agent.cookie(srv.base, 'motcua_session')).toBeUndefined();
      expect((await db.query(`select 1 from app_user where id_number = $1`, [change.id_number])).rowCount).toBe(0);
    });
  }

  it('refuses claims without an ID number', async () => {
    op.craft = { claims: ({ id_number: _i, ...b }) => b };
    const { end } = await signIn();
    expect(end.status).toBe(400);
    expect(end.body).toContain('eid_missing_claims');
    expect(end.body).toContain('id_number');
  });

  it('refuses a subject that the provider now says is someone else', async () => {
    op.craft = { claims: (b) => ({ ...b, sub: 'stable-sub' }) };
    expect((await signIn()).end.url).toBe(`${srv.base}/ho-so-cua-toi`);
    op.craft = { claims: (b) => ({ ...b, sub: 'stable-sub', id_number: '001195006789', name: 'Trần Thị Bình', birthdate: '1995-11-02', gender: 'female' }) };
    const { end } = await signIn();
    expect(end.status).toBe(409);
    expect(end.body).toContain('eid_subject_mismatch');
  });
});

import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { as, startTestServer, type TestServer } from '../../../test/server.ts';
import { removeEndedSessions, ENDED_SESSION_RETENTION_DAYS } from './cleanup.ts';

let srv: TestServer;
beforeAll(async () => { srv = await startTestServer(); });
afterAll(() => srv?.stop());

describe(`ended sessions are removed after the retention (${inject('pgKind')})`, () => {
  it('keeps live and recently ended sessions, removes old ones, and the live one still works', async () => {
    const live = await as(srv.base, 'catp.tiepnhan');
    const ended = await as(srv.base, 'catp.tiepnhan');
    await ended.post('/api/v1/auth/logout');
    const users = (await srv.ctx.db.selectFrom('app_user').select('id').where('username', '=', 'catp.tiepnhan').executeTakeFirstOrThrow()).id;
    const count = async () => Number((await srv.ctx.db.selectFrom('user_session').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', users).executeTakeFirstOrThrow()).n);
    const n0 = await count();
    // Today nothing is old enough.
    expect((await removeEndedSessions(srv.ctx.db)).sessions).toBe(0);
    expect(await count()).toBe(n0);
    expect((await live.get('/api/v1/auth/me')).status).toBe(200);
    // A day past the retention, the revoked session goes; the live one (12 h lifetime) would be expired by then too.
    const later = new Date(Date.now() + (ENDED_SESSION_RETENTION_DAYS + 1) * 86_400_000);
    const r = await removeEndedSessions(srv.ctx.db, later);
    expect(r.sessions).toBeGreaterThanOrEqual(2);
    expect(await count()).toBe(0);
    // Sign-in history is the permanent record.
    const events = await srv.ctx.db.selectFrom('sign_in_event').select('id').where('user_id', '=', users).execute();
    expect(events.length).toBeGreaterThanOrEqual(2);
  });
});

import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Api, startTestServer, type TestServer } from '../../../test/server.ts';

let srv: TestServer;
let api: Api;
beforeAll(async () => {
  srv = await startTestServer();
  api = new Api(srv.base);
});
afterAll(() => srv?.stop());

describe(`platform on ${inject('pgKind')}`, () => {
  it('answers health and readiness', async () => {
    expect((await api.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await api.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.pendingMigrations).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document listing the API', async () => {
    const r = await api.get('/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toContain('/api/v1/auth/login');
    const docs = await api.get('/docs/');
    expect(docs.status).toBe(200);
  });

  it('reports unknown routes and malformed input as problem+json in Vietnamese and English', async () => {
    const nf = await api.get('/api/v1/nothing-here');
    expect(nf.status).toBe(404);
    expect(nf.headers.get('content-type')).toContain('application/problem+json');
    expect(nf.body.message_vi).toMatch(/Không có đường dẫn/);

    const bad = await api.call('POST', '/api/v1/auth/login', undefined, { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);

    const broken = await fetch(`${srv.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(broken.status).toBe(400);
    expect((await broken.json()).code).toBe('invalid_json');

    const missing = await api.post('/api/v1/auth/login', { username: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'password', message_vi: 'là trường bắt buộc', message_en: 'is required' })]);

    const wrongType = await api.post('/api/v1/auth/login', { username: 5, password: 'x' });
    expect(wrongType.body.errors[0]).toMatchObject({ field: 'username', message_en: 'must be string' });
  });

  it('signs staff in with a session, refuses wrong passwords, and signs out', async () => {
    const wrong = await api.post('/api/v1/auth/login', { username: 'catp.tiepnhan', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message_vi).toMatch(/mật khẩu không đúng/);

    const me = new Api(srv.base);
    await me.login('catp.tiepnhan');
    const who = await me.get('/api/v1/auth/me');
    expect(who.body).toMatchObject({ kind: 'staff', fullName: 'Lê Thu Trang' });
    expect(who.body.roles).toEqual([expect.objectContaining({ role: 'desk_officer', unitCode: '000.00.11.H26.desk' })]);

    const cookieLogin = await fetch(`${srv.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '001090012345', password: 'motcua2026' }) });
    const cookie = cookieLogin.headers.get('set-cookie')!;
    expect(cookie).toMatch(/motcua_session=.*HttpOnly/i);
    const viaCookie = await fetch(`${srv.base}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect((await viaCookie.json()).fullName).toBe('Nguyễn Văn An');

    await me.post('/api/v1/auth/logout');
    expect((await me.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('loads the 34 provinces, 3,321 communes/wards and Hanoi agencies', async () => {
    const provinces = await api.get('/api/v1/admin-units?level=province');
    expect(provinces.body.items).toHaveLength(34);
    const all = await api.get('/api/v1/admin-units?level=commune');
    expect(all.body.items).toHaveLength(3321);
    const hanoi = await api.get('/api/v1/admin-units?province=01&level=commune');
    expect(hanoi.body.items).toHaveLength(126);
    const wardPCs = await api.get('/api/v1/agencies?sector=people_committee&level=commune');
    expect(wardPCs.body.items).toHaveLength(126);
    const stp = await api.get('/api/v1/agencies/000.00.02.H26');
    expect(stp.body.name).toBe('Sở Tư pháp thành phố Hà Nội');
    expect(stp.body.units.map((u: any) => u.slug)).toEqual(expect.arrayContaining(['desk', 'leadership', 'hanh-chinh-tu-phap']));
  });
});

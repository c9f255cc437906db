import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../server.ts';
import { AN, findProcedure, submissionFor } from '../dossiers.ts';

/**
 * Issue 6: secrets and personal data never in the logs. A server with request logging on (trace
 * level) runs a scenario — sign-ins right and wrong, a cookie session, TOTP enrolment, a staff
 * look-up by ID number, a submission with phone and ID number, a public tracking look-up,
 * sign-out — and everything it writes (pino and stdout) is scanned.
 */
const lines: string[] = [];
let srv: TestServer;
const WRONG = 'Sai-Mat-Khau-9x!';

beforeAll(async () => {
  srv = await startTestServer({
    config: { logRequests: true },
    logger: { level: 'trace', stream: { write: (s: string) => { lines.push(s); } } },
  });
});
afterAll(() => srv?.stop());

describe('logs', () => {
  it('a scenario leaves no password, token, session id, TOTP secret, ID number or phone number in the log output', async () => {
    const secrets: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const captured: string[] = [];
    process.stdout.write = ((chunk: any, ...rest: any[]) => { captured.push(String(chunk)); return out(chunk, ...rest); }) as typeof process.stdout.write;
    try {
      const wrong = await new Api(srv.base).post('/api/v1/auth/login', { username: AN.idNumber, password: WRONG });
      expect(wrong.status).toBe(401);
      const an = await as(srv.base, AN.idNumber);
      secrets.push(an.token!);
      // A cookie session (the browser's way).
      const login = await fetch(`${srv.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'catp.tiepnhan', password: 'motcua2026' }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      secrets.push(cookie.split('=')[1]!);
      expect((await fetch(`${srv.base}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(200);
      const desk = await as(srv.base, 'catp.tiepnhan');
      secrets.push(desk.token!);
      // Staff find a citizen by ID number (path) and by phone (query-like values).
      await desk.get(`/api/v1/citizens/${AN.idNumber}?purpose=desk_reception&purposeNote=${AN.phone}`);
      await desk.get(`/api/v1/population/people/${AN.idNumber}?purpose=desk_reception`);
      // TOTP enrolment: the secret is in the answer, never in the log.
      const officer = await as(srv.base, 'badinh.chuyenvien');
      secrets.push(officer.token!);
      const enrol = await officer.post('/api/v1/account/totp/enrol');
      expect(enrol.status).toBe(200);
      const totpSecret = enrol.body.secret ?? enrol.body.secretBase32 ?? Object.values(enrol.body).find((v) => typeof v === 'string' && /^[A-Z2-7]{16,}$/.test(v));
      expect(totpSecret).toBeTruthy();
      secrets.push(String(totpSecret));
      // A submission carrying the applicant's ID number and phone.
      const proc = await findProcedure(an, 'lý lịch tư pháp');
      const sub = await an.post('/api/v1/dossiers', await submissionFor(an, proc));
      expect(sub.status).toBe(201);
      // Public tracking with the last digits of the phone.
      expect((await fetch(`${srv.base}/api/v1/public/tracking/${sub.body.code}?verify=${AN.phone.slice(-4)}`)).status).toBe(200);
      // Failing requests carrying personal data are logged too (at error level only for 5xx).
      await an.post('/api/v1/dossiers', { procedureCode: proc.code, form: { x: AN.idNumber }, applicant: { fullName: 'X', idNumber: AN.idNumber, phone: AN.phone } });
      await fetch(`${srv.base}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${an.token}` } });
    } finally {
      process.stdout.write = out;
    }
    const text = lines.join('') + captured.join('');
    // The scan is meaningful: requests were logged, with their paths.
    expect(text).toMatch(/incoming request/);
    expect(text).toMatch(/\/api\/v1\/citizens\/\[id-number\]/);
    expect(lines.length).toBeGreaterThan(20);
    for (const s of [...secrets, 'motcua2026', WRONG, AN.idNumber, AN.phone]) expect(text.includes(s), `log contains ${s.slice(0, 6)}…`).toBe(false);
    // Not after a decimal point: a response time such as 41.047726999999 has a 12-digit fraction.
    expect(text).not.toMatch(/(?<![\d.])\d{12}(?!\d)/);
    expect(text).not.toMatch(/(?<![\d.])0\d{9,10}(?![\d.])/);
    expect(text).not.toMatch(/bearer [\w-]{10,}/i);
    expect(text).not.toMatch(/motcua_session=[\w-]{10,}/);
    console.log(`log scan: ${lines.length} log lines, ${text.length} characters scanned for ${secrets.length + 4} secrets and ID/phone patterns`);
  });
});

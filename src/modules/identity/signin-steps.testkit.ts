import * as OTPAuth from 'otpauth';
import { Api } from '../../../test/server.ts';

/** Test helpers for the multi-step sign-in: codes computed with otpauth like an authenticator app. */
export function codeFor(secret: string, offsetSteps = 0): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + offsetSteps * 30_000 });
}

/**
 * Signs in through whatever steps the account needs: a forced password change (to `newPassword`),
 * a mandatory TOTP enrolment (its secret is returned), a TOTP code (from `secret`).
 */
export async function signInSteps(base: string, username: string, password: string, opts: { newPassword?: string; secret?: string } = {}) {
  const api = new Api(base);
  let r = await api.post('/api/v1/auth/login', { username, password });
  let secret = opts.secret;
  let recoveryCodes: string[] | undefined;
  const steps: string[] = [];
  for (let i = 0; i < 4 && r.status === 200 && r.body.next; i++) {
    steps.push(r.body.next);
    const challenge = r.body.challenge;
    if (r.body.next === 'change_password') {
      r = await api.post('/api/v1/auth/login/change-password', { challenge, newPassword: opts.newPassword });
    } else if (r.body.next === 'enrol_totp') {
      const e = await api.post('/api/v1/auth/login/enrol-totp', { challenge });
      if (e.status !== 200) throw new Error(`enrol: ${JSON.stringify(e.body)}`);
      secret = e.body.secret;
      r = await api.post('/api/v1/auth/login/enrol-totp/confirm', { challenge, code: codeFor(secret!) });
      recoveryCodes = r.body.recoveryCodes;
    } else if (r.body.next === 'totp') {
      r = await api.post('/api/v1/auth/login/second-factor', { challenge, code: codeFor(secret!, 1) });
      if (r.body.code === 'code_used') {
        // That code was spent by an earlier sign-in: wait for the authenticator's next one, as a person would.
        await new Promise((res) => setTimeout(res, 30_000 - (Date.now() % 30_000) + 200));
        r = await api.post('/api/v1/auth/login/second-factor', { challenge, code: codeFor(secret!, 1) });
      }
    }
  }
  if (r.status !== 200 || !r.body.token) throw new Error(`sign-in ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  api.token = r.body.token;
  return { api, secret, recoveryCodes, steps };
}

import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { hashPassword, NO_ACCOUNT_HASH, passwordProblems, verifyPassword } from './passwords.ts';
import { createSession, tokenHash } from './sessions.ts';
import { getPolicy, mfaRequired, type SecurityPolicy } from './policy.ts';
import { ipThrottled, lockedUntil, recordFailure, recordSuccess } from './lockout.ts';
import { recordAccountEvent, recordSignIn } from './sign-in-audit.ts';
import { checkCode, hasTotp, newRecoveryCodes, startEnrolment, totpKey, useRecoveryCode, type Enrolment } from './totp.ts';
import './security-tables.ts';

/**
 * Password sign-in and the steps that may follow it. When the password is right but more is
 * needed, no session is created: the answer is a short-lived, single-use challenge for the next
 * step — a TOTP code, a password change (set by an administrator) or TOTP enrolment (mandatory
 * for the account's roles). Only after the last step is a session issued, so an account that
 * must enrol cannot do anything else.
 */
export interface Meta { ip?: string; userAgent?: string }
export type Step = 'totp' | 'enrol_totp' | 'change_password';

export interface SessionResult { token: string; expiresAt: Date; sessionId: string; user: { id: string; kind: 'staff' | 'citizen'; fullName: string }; recoveryCodes?: string[] }
export interface ChallengeResult { next: Step; challenge: string; challengeExpiresAt: Date; user: { fullName: string } }
export type LoginResult = SessionResult | ChallengeResult;

const CHALLENGE_MINUTES: Record<Step, number> = { totp: 5, enrol_totp: 15, change_password: 15 };
const MAX_CODE_ATTEMPTS = 5;

interface UserRow {
  id: string; kind: 'staff' | 'citizen'; full_name: string; username: string | null; id_number: string | null; email: string | null;
  password_hash: string | null; disabled: boolean; must_change_password: boolean; demo_account: boolean;
}

const USER_COLUMNS = ['id', 'kind', 'full_name', 'username', 'id_number', 'email', 'password_hash', 'disabled', 'must_change_password', 'demo_account'] as const;

const hm = (d: Date) => d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });

export function lockedProblem(until: Date): Problem {
  const p = new Problem(429, 'account_locked',
    `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${hm(until)} (giờ Việt Nam) hoặc liên hệ quản trị hệ thống.`,
    `This account is temporarily locked after repeated failed sign-ins. Try again after ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC or contact your system administrator.`,
    { lockedUntil: until.toISOString(), retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)) });
  return p;
}

const invalidCredentials = () => new Problem(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.');
const challengeExpired = () => new Problem(401, 'challenge_expired', 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.', 'This sign-in step has expired or is invalid. Please sign in again.');

/** Step 1: the password. Same answer and comparable time for an unknown name and a wrong password. */
export async function passwordLogin(ctx: AppContext, username: string, password: string, meta: Meta): Promise<LoginResult> {
  const db = ctx.db;
  const policy = await getPolicy(db);
  const name = username.trim();
  const audit = { loginName: name, ip: meta.ip, userAgent: meta.userAgent, method: 'password' as const };
  if (!ctx.config.citizenPasswordLogin && /^\d{12}$/.test(name)) {
    // Decided from the shape of the name alone: tells nothing about whether the person has an account.
    throw new Problem(403, 'use_eid', 'Công dân đăng nhập bằng tài khoản định danh điện tử (VNeID).', 'Citizens sign in with their national e-ID (VNeID).');
  }
  if (await ipThrottled(db, meta.ip, policy)) {
    await recordSignIn(db, { ...audit, outcome: 'throttled', reason: 'ip_limit' });
    throw new Problem(429, 'too_many_attempts',
      `Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ${policy.ipWindowMinutes} phút.`,
      `Too many failed sign-ins from this address. Try again in ${policy.ipWindowMinutes} minutes.`, { retryAfterSeconds: policy.ipWindowMinutes * 60 });
  }
  const locked = await lockedUntil(db, name);
  if (locked) {
    await recordSignIn(db, { ...audit, outcome: 'locked', reason: 'locked' });
    throw lockedProblem(locked);
  }
  const user = await db.selectFrom('app_user').select([...USER_COLUMNS])
    .where((eb) => eb.or([eb('username', '=', name), eb('id_number', '=', name)])).executeTakeFirst() as UserRow | undefined;
  const ok = await verifyPassword(password, user?.password_hash ?? NO_ACCOUNT_HASH);
  if (!user || !ok || user.disabled) {
    const reason = !user ? 'unknown_user' : !ok ? 'invalid_credentials' : 'disabled';
    await recordSignIn(db, { ...audit, outcome: 'failure', reason, userId: user?.id });
    const until = await recordFailure(db, name, policy);
    if (until) {
      await recordSignIn(db, { ...audit, outcome: 'locked', reason: 'threshold', userId: user?.id });
      throw lockedProblem(until);
    }
    throw invalidCredentials();
  }
  if (await hasTotp(db, user.id)) {
    await recordSignIn(db, { ...audit, outcome: 'second_factor', userId: user.id });
    return issueChallenge(db, user, 'totp', meta);
  }
  return afterAuthenticated(ctx, user, meta, 'password', policy);
}

/** Every factor is done: a forced password change or enrolment first, else the session. */
async function afterAuthenticated(ctx: AppContext, user: UserRow, meta: Meta, method: 'password' | 'totp' | 'recovery_code', policy?: SecurityPolicy): Promise<LoginResult> {
  const db = ctx.db;
  policy ??= await getPolicy(db);
  await recordSuccess(db, user.username ?? user.id_number ?? '');
  if (user.must_change_password) return issueChallenge(db, user, 'change_password', meta);
  const roles = user.kind === 'staff' ? (await db.selectFrom('role_grant').select('role').where('user_id', '=', user.id).execute()).map((g) => g.role) : [];
  if (mfaRequired(policy, user, roles) && !(await hasTotp(db, user.id))) return issueChallenge(db, user, 'enrol_totp', meta);
  return openSession(db, user, meta, method);
}

async function openSession(db: Executor, user: UserRow, meta: Meta, method: string): Promise<SessionResult> {
  const s = await createSession(db, user.id, { ...meta, method });
  await recordSignIn(db, { method: method as any, outcome: 'success', userId: user.id, loginName: user.username ?? user.id_number, ip: meta.ip, userAgent: meta.userAgent, sessionId: s.sessionId });
  return { token: s.token, expiresAt: s.expiresAt, sessionId: s.sessionId, user: { id: user.id, kind: user.kind, fullName: user.full_name } };
}

async function issueChallenge(db: Executor, user: UserRow, step: Step, meta: Meta): Promise<ChallengeResult> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES[step] * 60_000);
  // One open challenge per account: a new sign-in voids the previous one; spent ones are kept a day, then dropped.
  await db.updateTable('login_challenge').set({ used_at: new Date() }).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
  await db.deleteFrom('login_challenge').where('user_id', '=', user.id).where('expires_at', '<', new Date(Date.now() - 86_400_000)).execute();
  await db.insertInto('login_challenge').values({
    token_hash: tokenHash(token), user_id: user.id, step, expires_at: expiresAt, used_at: null, ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null,
  }).execute();
  return { next: step, challenge: token, challengeExpiresAt: expiresAt, user: { fullName: user.full_name } };
}

async function openChallenge(db: Executor, token: string, step: Step): Promise<{ id: string; attempts: number; user: UserRow }> {
  if (token.length > 100) throw challengeExpired();
  const c = await db.selectFrom('login_challenge').select(['id', 'user_id', 'step', 'attempts', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!c || c.step !== step || c.used_at || c.expires_at <= new Date()) throw challengeExpired();
  const user = await db.selectFrom('app_user').select([...USER_COLUMNS]).where('id', '=', c.user_id).executeTakeFirst() as UserRow | undefined;
  if (!user || user.disabled) throw challengeExpired();
  return { id: c.id, attempts: c.attempts, user };
}

/** Single use: of two requests presenting the same challenge, one wins. */
async function consume(db: Executor, id: string): Promise<void> {
  const r = await db.updateTable('login_challenge').set({ used_at: new Date() }).where('id', '=', id).where('used_at', 'is', null).returning('id').executeTakeFirst();
  if (!r) throw challengeExpired();
}

/** Step 2 for accounts with TOTP: a code from the app, or one recovery code. */
export async function secondFactor(ctx: AppContext, token: string, input: { code?: string; recoveryCode?: string }, meta: Meta): Promise<LoginResult> {
  const db = ctx.db;
  const policy = await getPolicy(db);
  const c = await openChallenge(db, token, 'totp');
  const name = c.user.username ?? c.user.id_number ?? '';
  const method = input.recoveryCode ? 'recovery_code' as const : 'totp' as const;
  const audit = { method, userId: c.user.id, loginName: name, ip: meta.ip, userAgent: meta.userAgent };
  const locked = await lockedUntil(db, name);
  if (locked) {
    await consume(db, c.id);
    await recordSignIn(db, { ...audit, outcome: 'locked', reason: 'locked' });
    throw lockedProblem(locked);
  }
  const key = totpKey(ctx.config.dataDir);
  let result: 'ok' | 'wrong' | 'replayed' | 'not_enrolled';
  if (input.recoveryCode) result = (await useRecoveryCode(db, key, c.user.id, input.recoveryCode)) ? 'ok' : 'wrong';
  else if (input.code) result = await checkCode(db, key, c.user.id, input.code);
  else throw problems.validation([{ field: 'code', message_vi: 'Nhập mã xác thực 6 chữ số.', message_en: 'Enter the 6-digit code.' }]);
  if (result === 'ok') {
    await consume(db, c.id);
    await recordSignIn(db, { ...audit, outcome: 'second_factor', reason: 'code_ok' });
    return afterAuthenticated(ctx, c.user, meta, method, policy);
  }
  const reason = result === 'replayed' ? 'replayed_code' : result === 'not_enrolled' ? 'not_enrolled' : 'wrong_code';
  await recordSignIn(db, { ...audit, outcome: 'failure', reason });
  const attempts = c.attempts + 1;
  await db.updateTable('login_challenge').set({ attempts, ...(attempts >= MAX_CODE_ATTEMPTS ? { used_at: new Date() } : {}) }).where('id', '=', c.id).execute();
  const until = await recordFailure(db, name, policy);
  if (until) {
    await consume(db, c.id).catch(() => {});
    await recordSignIn(db, { ...audit, outcome: 'locked', reason: 'threshold' });
    throw lockedProblem(until);
  }
  if (result === 'replayed') {
    throw new Problem(401, 'code_used', 'Mã này vừa được dùng. Hãy đợi mã tiếp theo trên ứng dụng xác thực.', 'This code was just used. Wait for the next code in your authenticator app.', { attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - attempts) });
  }
  throw new Problem(401, 'wrong_code', input.recoveryCode ? 'Mã khôi phục không đúng hoặc đã được dùng.' : 'Mã xác thực không đúng.',
    input.recoveryCode ? 'The recovery code is wrong or already used.' : 'The verification code is wrong.', { attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - attempts) });
}

/** The account's identifiers for the password policy. */
export function passwordContext(user: { username: string | null; id_number: string | null; email: string | null; full_name: string }, policy: SecurityPolicy) {
  return { username: user.username, idNumber: user.id_number, email: user.email, fullName: user.full_name, minLength: policy.passwordMinLength };
}

/** Sets a new password chosen by the user (after checking the policy). */
export async function setOwnPassword(db: Executor, user: { id: string; username: string | null; id_number: string | null; email: string | null; full_name: string; password_hash: string | null }, newPassword: string): Promise<void> {
  const policy = await getPolicy(db);
  const errors = passwordProblems(newPassword, passwordContext(user, policy));
  if (await verifyPassword(newPassword, user.password_hash)) {
    errors.push({ field: 'newPassword', message_vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', message_en: 'The new password must differ from the current one.' });
  }
  if (errors.length) throw problems.validation(errors);
  await db.updateTable('app_user').set({ password_hash: await hashPassword(newPassword), must_change_password: false, password_changed_at: new Date() })
    .where('id', '=', user.id).execute();
  await recordAccountEvent(db, user.id, user.id, 'password_changed');
}

/** Forced password change at sign-in (the administrator set the password). */
export async function changePasswordStep(ctx: AppContext, token: string, newPassword: string, meta: Meta): Promise<LoginResult> {
  const c = await openChallenge(ctx.db, token, 'change_password');
  await setOwnPassword(ctx.db, c.user, newPassword);
  await consume(ctx.db, c.id);
  await recordSignIn(ctx.db, { method: 'password_change', outcome: 'success', userId: c.user.id, loginName: c.user.username, ip: meta.ip, userAgent: meta.userAgent });
  return afterAuthenticated(ctx, { ...c.user, must_change_password: false }, meta, 'password');
}

/** Mandatory enrolment at sign-in: a secret to scan (the challenge stays open until a code confirms it). */
export async function enrolmentStep(ctx: AppContext, token: string): Promise<Enrolment> {
  const c = await openChallenge(ctx.db, token, 'enrol_totp');
  const e = await startEnrolment(ctx.db, totpKey(ctx.config.dataDir), c.user.id, c.user.username ?? c.user.full_name);
  if (e === 'already_enrolled') throw challengeExpired();
  return e;
}

export async function confirmEnrolmentStep(ctx: AppContext, token: string, code: string, meta: Meta): Promise<SessionResult> {
  const db = ctx.db;
  const c = await openChallenge(db, token, 'enrol_totp');
  const key = totpKey(ctx.config.dataDir);
  const r = await checkCode(db, key, c.user.id, code, true);
  if (r !== 'ok') {
    await recordSignIn(db, { method: 'enrolment', outcome: 'failure', reason: r === 'replayed' ? 'replayed_code' : 'wrong_code', userId: c.user.id, ip: meta.ip, userAgent: meta.userAgent });
    throw wrongEnrolmentCode();
  }
  await consume(db, c.id);
  const recoveryCodes = await newRecoveryCodes(db, key, c.user.id);
  await recordAccountEvent(db, c.user.id, c.user.id, 'totp_enrolled', { atSignIn: true });
  const s = await openSession(db, c.user, meta, 'totp');
  return { ...s, recoveryCodes };
}

export const wrongEnrolmentCode = () => new Problem(400, 'wrong_code', 'Mã xác thực không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiển thị.',
  'The verification code is wrong. Check the phone\'s clock and enter the code currently shown.', { errors: [{ field: 'code', message_vi: 'Mã xác thực không đúng.', message_en: 'The verification code is wrong.' }] });
